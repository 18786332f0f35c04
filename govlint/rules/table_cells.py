"""T003 empty-cell and T004 non-numeric-cell: every data cell holds a number."""
from __future__ import annotations

from govlint.model.document import Span
from govlint.rule import Finding, rule

_SAW = {"blank": "空白", "dash": "“{raw}”", "none": "“无”"}


def _row_span(table, row):
    use = next((l for l in table.labels if l.kind == "row" and l.key == row), None)
    return use.span if use else None


_EMPTY = frozenset(("blank", "dash", "none"))


@rule("T003", "empty-cell", "warning", needs=("tables",), zh=r"""
    必填的表格单元格是空白、横线或“无”。

    检查内容：表二、表三、表四的每个数据单元格都有数字。空白、“—”、“/”和“无”都不是
    零。整张表或整行都是空的，对这张表或这一行只报告一次。

    为何重要：格式要求每个单元格都填数字（没有发生的填 0）；空单元格让读者猜不出数值是零
    还是不知道，也使表格自身的核对无法进行。

    示例：“| 规章 | 0 | 0 | |”（现行有效件数没有填）。

    修改方法：填上数字；没有发生的填 0。
    """)
def empty_cell(report, options):
    """A required table cell is blank, a dash or "无".

    What it checks: every data cell of tables 二, 三 and 四 holds a number.
    Blank, "—", "/" and "无" are not zero. When a whole table or a whole row
    is empty, it is reported once for that table or row.

    Why it matters: the format asks for a number in every cell (0 when
    nothing happened); a blank cell leaves readers guessing whether the
    value is zero or unknown, and blocks the table's own checks.

    Example: "| 规章 | 0 | 0 | |" (现行有效件数 left blank).

    How to fix: write the number, or 0 when nothing happened.
    """
    for numeral, table in report.tables.tables.items():
        cells = [c for c in table.all_cells() if c.status != "unread"]
        if not cells:
            continue
        if all(c.status in _EMPTY for c in cells):
            yield Finding(table.anchor, f"表{numeral}的 {len(cells)} 个数据单元格全部为空：请填写数字，没有发生的填 0",
                          severity="error", key=f"{numeral}/table")
            continue
        # Only the rows holding an empty cell are looked at (most tables have none).
        empty_rows = {(c.block, c.row) for c in cells if c.status in _EMPTY}
        if not empty_rows:
            continue
        rows: dict = {}
        for cell in cells:
            if (cell.block, cell.row) in empty_rows:
                rows.setdefault((cell.block, cell.row), []).append(cell)
        for (block, row), row_cells in rows.items():
            empties = [c for c in row_cells if c.status in _EMPTY]
            if not empties:
                continue
            # A whole empty row is reported once, on its label (looked up only then).
            span = _row_span(table, row) if numeral != "四" and len(empties) == len(row_cells) > 1 else None
            if span:
                yield Finding(span, f"表{numeral}“{row_cells[0].row_label}”行的 {len(row_cells)} 个单元格全部为空："
                                    f"请填写数字，没有发生的填 0", key=f"{numeral}/{row}")
                continue
            for cell in empties:
                saw = _SAW[cell.status].format(raw=cell.raw)
                yield Finding(cell.span or Span(0, 0), f"表{numeral}单元格“{cell.where}”为{saw}：请填写数字，没有发生的填 0",
                              key=f"{numeral}/{row}/{cell.column}")


@rule("T004", "non-numeric-cell", "error", needs=("tables",), zh=r"""
    表格单元格中是文字，不是数字。

    检查内容：每个已填的数据单元格都能读成数字（数字、千位分隔符、金额的小数点、万元之类
    的单位）。文字识别容易与数字混淆的字母（“O”当 0，“l”当 1）报为警告，并给出最可能代表
    的数字；核对时使用这个数字。

    为何重要：不是数字的单元格无法相加或比较，文字识别的残留说明表格没有校对过。

    示例：“行政处罚\t6l”（字母 l 当成了数字 1）。

    修改方法：用数字写出这个数。
    """)
def non_numeric_cell(report, options):
    """A table cell holds text that is not a number.

    What it checks: every filled data cell reads as a number (digits,
    thousands separators, a decimal point for amounts, a unit such as 万元).
    Letters that OCR confuses with digits ("O" for 0, "l" for 1) are
    reported as a warning with the number they most likely stand for; the
    checks use that number.

    Why it matters: a cell that is not a number cannot be added up or
    compared, and OCR leftovers show the table was never proofread.

    Example: "行政处罚\\t6l" (the letter l for the digit 1).

    How to fix: write the number in digits.
    """
    for numeral, table in report.tables.tables.items():
        for cell in table.all_cells():
            if cell.status == "text":
                yield Finding(cell.span, f"表{numeral}单元格“{cell.where}”的内容“{cell.raw}”不是数字：请填写数字",
                              key=f"{numeral}/{cell.row}/{cell.column}")
            elif cell.status == "ocr":
                yield Finding(cell.span, f"表{numeral}单元格“{cell.where}”写成“{cell.raw}”，疑为 {cell.value}：请改为数字",
                              severity="warning", key=f"{numeral}/{cell.row}/{cell.column}")
