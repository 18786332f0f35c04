"""S001 missing-title."""
from __future__ import annotations

from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("S001", "missing-title", "error", needs=(), zh=r"""
    报告没有写明机关名称和“政府信息公开工作年度报告”的标题。

    检查内容：第一个章节之前有一行“机关名称 + 年份 + 政府信息公开（工作）年度报告”形式的
    标题，可以分成两行；网页则可以是元数据块中的“名称 / 标题”字段。只缺年份的标题不算缺少
    标题（由 missing-report-year 检查）。

    为何重要：读者、监督者和索引靠标题分辨报告属于哪个机关、哪一年；没有标题的报告无法归
    档，也无法与上一年的报告比较。

    示例：报告第一行就是前言“根据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定编
    制本报告。”，接着是“一、总体情况”。

    修改方法：在第一行加上标题，例如“喀左县卫生健康局2025年政府信息公开工作年度报告”。
    """)
def check(report, options):
    """The report has no title naming the agency and 政府信息公开工作年度报告.

    What it checks: before the first section there is a title line of the form
    agency + year + 政府信息公开(工作)年度报告, possibly split over two lines,
    or, for a web page, the 名称/标题 field of the metadata block. A title
    that lacks only the year is not missing (missing-report-year covers it).

    Why it matters: the title is how readers, supervisors and indexes tell
    which agency and which year a report is about; a report without one
    cannot be filed or compared with last year's.

    Example: a report whose first line is the preamble
    "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定编制本报告。"
    followed by "一、总体情况".

    How to fix: add a first line such as
    "喀左县卫生健康局2025年政府信息公开工作年度报告".
    """
    if report.title is not None:
        return
    text = report.text
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    end = line_end if line_end >= 0 else len(text)
    yield Finding(Span(start, min(end, start + 1) if end > start else start),
                  "缺少标题：正文前应有“机关名称＋年份＋政府信息公开工作年度报告”")
