"""T001 missing-table and T002 table-shape: the tables are there and have the template's shape."""
from __future__ import annotations

from govlint.model.body import has_body
from govlint.rule import Finding, rule

TABLE_SECTIONS = {2: "二", 3: "三", 4: "四"}


@rule("T001", "missing-table", "error", needs=("tables",), zh=r"""
    应当有统计表的章节中没有表格。

    检查内容：二（主动公开）、三（依申请公开）和四（行政复议、行政诉讼）各章都有各自的表
    格，按模板的标签识别（例如“第二十条第（一）项”“一、本年新收政府信息公开申请数量”“结果
    维持”）。

    为何重要：表格是报告的数据；格式规定了这些表格，监督者最先核对的就是表中的数字。

    示例：“二、主动公开政府信息情况”之后只有“本年度主动公开政府信息61条。”这样的文字。

    修改方法：插入报告年度适用格式的规范表格，并填满每个单元格（没有发生的填 0）。

    只有标题的报告报一条缺少正文（S008），不再按表格逐一报告。
    """)
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


@rule("T002", "table-shape", "error", needs=("tables",), zh=r"""
    对齐模板后，表格的行或列与模板不符。

    检查内容：模板中的每一行、每一列都在读出的表格中（按标签，而不是按位置）；没有重复的
    行；每行的数值都能不靠猜测地对应到各列；没有单元格的地方没有数字。一行的数值无法对应到
    各列时（太少、太多，或数字粘连在一起、拆法不唯一），在这里报告这一行，它的单元格不参加
    任何计算核对。

    为何重要：转换中丢了行或列、数字错进了别的单元格的表格，无法核对，也无法比较，其合计
    也不可信。

    示例：表四应有 15 个单元格，却只有一个“0”。

    修改方法：按模板恢复表格，并填满每个单元格。
    """)
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
