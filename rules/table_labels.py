"""T201 label-mismatch: the template's labels are written as the template has them."""
from __future__ import annotations

from govlint.rule import Edit, Finding, Fix, rule


@rule("T201", "label-mismatch", "warning")
def label_mismatch(report, options):
    """A table label matches the template but not its exact wording.

    What it checks: each row, column and block label read from tables 二,
    三 and 四 is compared with the official wording. Width, spaces, line
    breaks inside a label and quote styles do not count; a different or
    misread character does.

    Why it matters: a misread label ("本年度止件数" for "本年废止件数") shows
    the table was retyped or OCR-converted without proofreading, and makes
    readers doubt which figure the cell holds.

    Example: "信息内容\\t本年制发件数\\t本年度止件数\\t现行有效件数".

    How to fix: use the official wording (an unsafe fix offers it).
    """
    for numeral, table in report.tables.tables.items():
        for use in table.labels:
            if use.exact:
                continue
            yield Finding(use.span, f"表{numeral}标签“{use.written}”与格式不符：应为“{use.official}”",
                          fix=Fix(f"改为“{use.official}”", (Edit(use.span, use.official),), safe=False),
                          key=f"{numeral}/{use.kind}/{use.key}")
