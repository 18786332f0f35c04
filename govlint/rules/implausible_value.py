"""T202 implausible-value: numbers that cannot be right, though they add up."""
from __future__ import annotations

from functools import lru_cache

from govlint.rule import Finding, Related, rule
from govlint.model.template import template


@lru_cache(maxsize=8)
def _columns(fmt: str, numeral: str) -> dict:
    """(block, column) → (decimal allowed, sign allowed, unit) of a table's columns."""
    t = template(fmt)
    if numeral == "二":
        columns = {(b.key, c.key): c for b in t.blocks for c in b.columns}
    elif numeral == "三":
        columns = {(None, c.key): c for c in t.t3_columns}
    else:
        columns = {(None, c.key): c for c in t.t4_columns}
    return {key: (bool(c.flag("decimal")), bool(c.flag("signed")), c.flag("unit")) for key, c in columns.items()}


@lru_cache(maxsize=8)
def _special_columns(fmt: str, numeral: str) -> frozenset:
    """The columns whose values may be decimal or negative, or are in 万元."""
    return frozenset(key for key, (decimal, signed, unit) in _columns(fmt, numeral).items()
                     if decimal or signed or unit == "万元")


_FILLED = ("number", "ocr")     # Cell.filled


@rule("T202", "implausible-value", "warning", needs=("tables",), zh=r"""
    表格虽然对得上，但某个数值不可能正确。

    检查内容：format-spec §4.3 中的合理性核对。件数是非负整数（只有2019年格式的“本年增/
    减”可以为负）；2021年格式的收费单元格（本年收费金额）以万元为单位，写了“元”而不是“万
    元”的数值会被标出；现行有效件数不少于本年制发件数（2021年格式），对外公开总数量不少于
    本年新公开数量（2019年格式）。

    为何重要：这类数值几乎都是录入错误或单位错误，而表格的等式核对发现不了。

    示例：在标为“本年收费金额（单位：万元）”的栏中写“行政事业性收费\t149000元”。

    修改方法：按原始数据核对这个数字，并按该栏的单位填写。
    """)
def implausible_value(report, options):
    """A table value that cannot be right although the table adds up.

    What it checks: the soft checks of format-spec §4.3. Counts are whole and not negative
    (only the 2019 format's 本年增/减 may be negative); the 2021 fee cell
    (本年收费金额) is in 万元, so a value written with 元 but not 万元 is
    flagged; 现行有效件数 is at least 本年制发件数 (2021), and
    对外公开总数量 at least 本年新公开数量 (2019).

    Why it matters: such values are almost always typing or unit errors
    that the identities cannot catch.

    Example: "行政事业性收费\\t149000元" in a column headed 本年收费金额（单位：万元）.

    How to fix: check the figure at its source and write it in the
    column's unit.
    """
    for numeral, table in report.tables.tables.items():
        columns = _columns(table.format, numeral)
        special = _special_columns(table.format, numeral)
        # The usual cell, a whole count not below zero in a column of whole
        # counts, is passed over in one comprehension: nothing below applies.
        for cell in [c for c in table.cells.values() if c.status in _FILLED
                     and (type(c.value) is not int or c.value < 0 or (c.block, c.column) in special)]:
            decimal, signed, unit = columns.get((cell.block, cell.column), (False, False, None))
            value = cell.value
            if (value >= 0 or signed) and (decimal or value == int(value)) and unit != "万元":
                continue        # a usual value after all
            key = f"{numeral}/{cell.row}/{cell.column}"
            if cell.value < 0 and not signed:
                yield Finding(cell.span, f"表{numeral}“{cell.where}”为负数 {cell.value}：件数不能为负", key=key)
            elif not decimal and cell.value != int(cell.value):
                yield Finding(cell.span, f"表{numeral}“{cell.where}”为小数 {cell.raw}：件数应为整数", key=key)
            if unit == "万元" and cell.unit == "元":
                yield Finding(cell.span, f"表{numeral}“{cell.where}”写作“{cell.raw}”：本栏单位是万元，请换算", key=key)
        if numeral == "二":
            for check in template(table.format).t2_checks:
                for row in {c.row for c in table.all_cells() if c.block == check["block"]}:
                    cell = table.cell(row, check["cell"], check["block"])
                    bound = table.cell(row, check["bound"], check["block"])
                    if cell and bound and cell.filled and bound.filled and cell.value < bound.value:
                        yield Finding(cell.span,
                                      f"表二“{cell.where}”为 {cell.value}，少于“{bound.column_label}”{bound.value}：请核对",
                                      related=(Related(bound.span, f"{bound.where} = {bound.value}"),),
                                      key=f"二/{check['id']}/{row}")
