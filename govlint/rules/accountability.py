"""C006 missing-accountability-results."""
from __future__ import annotations

from govlint.model.publisher import publisher
from govlint.rule import Finding, rule

# What 条例 第五十条第（四）项 asks of a people's government's report, and
# the words reports use for each.
RESULTS = (
    ("工作考核", ("考核",)),
    ("社会评议", ("评议",)),
    ("责任追究", ("责任追究", "追究责任", "追责", "问责", "追究")),
)


@rule("C006", "missing-accountability-results", "warning", needs=(), zh=r"""
    人民政府的报告没有写明考核、评议和追责结果。

    检查内容：人民政府（从标题判断：政府、地名、开发区 / 新区管委会；不含其工作部门）的报
    告，是否在“一、总体情况”中写明政府信息公开工作考核情况（工作考核）、社会评议情况
    （社会评议）和责任追究情况（责任追究）。这是条例第五十条第（四）项对各级人民政府的要
    求，2021 年格式把它放在监督保障中。三项各按报告的常用词查找（“考核”，“评议”，
    “责任追究” / “问责” / “追责”）；写明没有发生（“未发生责任追究情况”）也算。

    为何重要：这些结果是人民政府报告的法定内容（format-spec D14）；缺少它们，其余部分写得
    再好，报告也不完整。

    示例：洪泽区人民政府2023年政府信息公开工作年度报告，其监督保障部分讲了培训和监督，没
    有写考核、评议或追责结果。

    修改方法：在监督保障中补写本年度的考核、社会评议和责任追究结果，没有的写明没有。
    """)
def missing_accountability_results(report, options):
    """A people's government's report does not give its 考核, 评议 and 追责 results.

    What it checks: the report of a 人民政府 (told from the title: a
    government, a place, a 开发区 / 新区 管委会; not its departments) says
    in 一、总体情况 how its disclosure work was assessed (工作考核), how the
    public rated it (社会评议) and whether anyone was held responsible
    (责任追究), as 条例 第五十条第（四）项 requires of 各级人民政府 and the
    2021 format places under 监督保障. Each of the three is looked for by
    the words reports use ("考核", "评议", "责任追究" / "问责" / "追责"); a
    statement that there was none ("未发生责任追究情况") counts.

    Why it matters: these results are a legal part of a government's
    report (format-spec D14); a government report without them is
    incomplete however good the rest is.

    Example: 洪泽区人民政府2023年政府信息公开工作年度报告, whose 监督保障 speaks
    of training and supervision but gives no 考核, 评议 or 追责 results.

    How to fix: add, under 监督保障, the year's assessment, public rating and
    accountability results, or say that there were none.
    """
    if report.title is None or publisher(report.title.agency).kind != "government":
        return
    section = report.section(1)
    if section is None:
        return
    body = report.text[section.body.start:section.body.end]
    missing = [name for name, words in RESULTS if not any(word in body for word in words)]
    if missing:
        yield Finding(section.heading.span, f"人民政府年度报告的总体情况没有写{'、'.join(missing)}结果："
                                            f"条例第五十条第（四）项要求写明，没有的也应说明", key="+".join(missing))
