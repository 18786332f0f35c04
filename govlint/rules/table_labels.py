"""T201 label-mismatch: the template's labels are written as the template has them."""
from __future__ import annotations

from govlint.rule import Edit, Finding, Fix, rule


@rule("T201", "label-mismatch", "warning", needs=("tables",), zh=r"""
    表格标签对应得上模板，但写法与规范不同。

    检查内容：从表二、表三、表四读出的每个行、列和栏目标签都与规范写法比较。全角半角、空
    格、标签内的换行和引号样式不算差别；字不同或错字算，只写了前半部分也算（“三、本年度办
    理”应为“三、本年度办理结果”）。折行的标签不算：后半部分紧接在前半部分之后（下一行、下一
    单元格），或在下一行行首（按位置排版的 PDF 文字，本行数值之后）。

    为何重要：错字标签（“本年度止件数”当成“本年废止件数”）说明表格是重新录入或文字识别转
    换后没有校对的，会让读者怀疑单元格里到底是哪个数字。

    示例：“信息内容\t本年制发件数\t本年度止件数\t现行有效件数”。

    修改方法：使用规范写法（不安全修复会给出规范写法）。
    """, fix="unsafe")
def label_mismatch(report, options):
    """A table label matches the template but not its exact wording.

    What it checks: each row, column and block label read from tables 二,
    三 and 四 is compared with the official wording. Width, spaces, line
    breaks inside a label and quote styles do not count; a different or
    misread character does, and so does a label cut short ("三、本年度办理"
    for "三、本年度办理结果"). A label wrapped over lines or cells is not:
    its rest follows right after its first part (next line, next cell) or
    starts the next line (PDF text laid out by position, after the row's
    values).

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
            problem = "不完整" if use.shortened else "与格式不符"
            yield Finding(use.span, f"表{numeral}标签“{use.written}”{problem}：应为“{use.official}”",
                          fix=Fix(f"改为“{use.official}”", (Edit(use.span, use.official),), safe=False),
                          key=f"{numeral}/{use.kind}/{use.key}")
