"""C003 missing-overview-topic."""
from __future__ import annotations

from govlint.rule import Finding, rule

# The five aspects the 2021 format names for 一、总体情况 (format-spec §3.2),
# each with the words real reports use for it.
TOPICS = (
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请", "申请公开", "公开申请")),
    ("政府信息管理", ("信息管理", "信息资源管理", "公开目录", "保密审查", "信息发布审核", "审核")),
    ("平台建设", ("平台", "网站", "新媒体", "公众号")),
    # Not 监督 or 保障 alone: "保障人民群众的知情权、参与权和监督权" is about
    # citizens' rights, not the agency's oversight of its own disclosure work.
    ("监督保障", ("监督保障", "监督检查", "监督考核", "监督管理", "监督机制", "社会监督", "考核", "问责", "追责",
              "责任追究", "社会评议", "评议", "督查", "培训")),
)


@rule("C003", "missing-overview-topic", "info", needs=(), zh=r"""
    “一、总体情况”没有写到格式要求的五个方面之一。

    检查内容：“一、总体情况”的文字是否讲到主动公开、依申请公开、政府信息管理、政府信息
    公开平台建设和监督保障，这是 2021 年格式要求总体情况写到的五个方面（实际报告中对每一方
    面的常见说法都认可，例如平台建设写作网站 / 新媒体）。

    为何重要：评估人员按这五个方面给总体情况打分；缺少一个方面会被看作遗漏（内容不翔实）。

    示例：总体情况只有“（一）健全组织领导 （二）完善制度建设 （三）创新工作方法”，没有讲
    依申请公开。

    修改方法：为缺少的方面补写一段，哪怕只写明情况（例如“本年度未收到政府信息公开申请”）。
    """)
def missing_overview_topic(report, options):
    """一、总体情况 does not cover one of the five aspects the format names.

    What it checks: the text of 一、总体情况 speaks of 主动公开, 依申请公开,
    政府信息管理, 政府信息公开平台建设 and 监督保障, the five aspects the 2021
    format asks the overview to cover (the wording real reports use for
    each is accepted, e.g. 网站 / 新媒体 for 平台建设).

    Why it matters: evaluators score the overview against these five
    aspects; a missing one reads as an omission (内容不翔实).

    Example: an overview with only "（一）健全组织领导 （二）完善制度建设
    （三）创新工作方法" says nothing of 依申请公开.

    How to fix: add a paragraph on the missing aspect, even if only to say
    what happened (e.g. "本年度未收到政府信息公开申请").
    """
    section = report.section(1)
    if section is None:
        return
    body = report.text[section.body.start:section.body.end]
    for topic, words in TOPICS:
        if not any(word in body for word in words):
            yield Finding(section.heading.span, f"总体情况没有提到“{topic}”：格式要求总体情况涵盖主动公开、依申请公开、"
                                                f"政府信息管理、平台建设和监督保障", key=topic)
