"""T001 missing-table and T002 table-shape: the tables are there and have the template's shape."""
from __future__ import annotations

from govlint.body import has_body
from govlint.rule import Finding, rule

TABLE_SECTIONS = {2: "二", 3: "三", 4: "四"}


@rule("T001", "missing-table", "error")
def missing_table(report, options):
    """A section that must hold a statistical table has none.

    What it checks: sections 二 (主动公开), 三 (依申请公开) and 四 (行政复议、
    行政诉讼) each contain their table, recognised by the template's labels
    (e.g. "第二十条第（一）项", "一、本年新收政府信息公开申请数量", "结果维持").

    Why it matters: the tables are the report's data; the format prescribes
    them, and supervisors check their numbers before anything else.

    Example: "二、主动公开政府信息情况" followed only by prose such as
    "本年度主动公开政府信息61条。"

    How to fix: insert the official table of the format for the report's
    year and fill in every cell (0 where nothing happened).

    A report that is only a title gets one missing-body (S008) finding
    instead of one per table.
    """
    if not has_body(report):
        return
    for number, numeral in TABLE_SECTIONS.items():
        section = report.section(number)
        if section is not None and report.table(numeral) is None:
            yield Finding(section.heading.span,
                          f"第{numeral}部分没有统计表：请按年度报告格式插入表{numeral}并填写数据", key=numeral)


@rule("T002", "table-shape", "error")
def table_shape(report, options):
    """A table's rows or columns do not match the template after alignment.

    What it checks: every row and column of the template is present in the
    table as read (by label, not by position); no row appears twice; each
    row's values can be matched to its columns without guessing; no number
    stands where no cell is. When a row's values cannot be matched to its
    columns (too few, too many, or digits glued together with no unique
    split), the row is reported here and its cells are left out of every
    arithmetic check.

    Why it matters: a table that lost a row or a column in conversion, or
    whose numbers slid into the wrong cells, cannot be checked or compared,
    and its totals cannot be trusted.

    Example: table 四 with one "0" where 15 cells are expected.

    How to fix: restore the table from the template and fill every cell.
    """
    for numeral, table in report.tables.tables.items():
        for problem in table.problems:
            if problem.kind == "no-split":
                continue        # glued digits that cannot add up: the identity's own rule says so
            severity = "warning" if problem.kind == "unexpected" else None
            yield Finding(problem.span, problem.message, severity=severity,
                          key=f"{numeral}/{problem.kind}/{problem.key}")
