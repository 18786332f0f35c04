"""S001 missing-title."""
from __future__ import annotations

from govlint.document import Span
from govlint.rule import Finding, rule


@rule("S001", "missing-title", "error")
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
