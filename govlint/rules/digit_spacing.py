"""L005 digit-spacing."""
from __future__ import annotations

from govlint.model.document import Span
from govlint.model.language import context, spaces
from govlint.rule import Edit, Finding, Fix, rule


@rule("L005", "digit-spacing", "info", needs=(), default=False, zh=r"""
    汉字与数字之间的空格（“2023 年”），供文风不允许这种空格的单位使用。

    检查内容：正文和标题中汉字与阿拉伯数字之间的空格或全角空格：“2023 年”“政务信息 159 条”
    “海阳市卫生健康局 2023 年政府信息公开工作年度报告”。默认不启用：各地公文文风要求不同，
    许多报告有意加这种空格（Word 在屏幕上本来也会自动留出同样的间隙）。单位文风不允许时启用
    （`--extend-select L005`）。

    无法判断的情况：从 PDF 提取的文字常在这些位置带空格，而 PDF 里只是 Word 在汉字与数字之
    间自动留的间隙，所以文档本身没有空格，提取出的文字也会有（govlint 自己的 PDF 读取不会加）；
    在丢失了换行的文本中，一个空格可能原本是换行（“总体情况 2024年”），因此这类文本只报告标题
    和章节标题中的空格；标题、小标题后紧跟的两个以上空格（“（一）主动公开方面  2022年”）是原来下一行的缩进，
    也不报告。表格不检查。

    为何重要：所有报告统一文风，读来出自一家；空格时有时无显得粗糙。

    示例：真实文本，语料 003：“2023 年度，我局通过市政府网站主动公开…政务信息 159 条”。

    修改方法：删除空格。安全修复会删除（从不改动数字）。
    """, fix="safe")
def check(report, options):
    """A space between a Chinese character and a digit ("2023 年"), for offices whose style forbids it.

    What it checks: a space or a full-width space between a Chinese
    character and an Arabic digit in the prose and the headings:
    "2023 年", "政务信息 159 条", "海阳市卫生健康局 2023 年政府信息公开工作年度报告".
    Off by default: 公文 style guides differ, and many reports put these
    spaces on purpose (Word adds the same gap on screen by itself). Select
    it (`--extend-select L005`) where your office's style forbids them.

    What it cannot tell: a PDF's text often has these spaces where the
    PDF only has Word's automatic gap between Chinese and digits, so a
    text extracted from a PDF shows them even when the document has none
    (govlint's own PDF reader does not add them); and in a text that lost
    its line breaks, a single space may be where a line break stood
    ("总体情况 2024年"), so there only spaces inside the title and the
    section headings are reported; two or more spaces right after a
    heading or a sub-heading ("（一）主动公开方面  2022年") are the indent of
    the line that followed it, and are not reported either. Tables are not
    checked.

    Why it matters: a house style applied to every report reads as one
    publisher's; mixed spacing looks careless.

    Example: real text, corpus 003: "2023 年度，我局通过市政府网站主动公开…政务信息 159 条".

    How to fix: delete the space. The safe fix does (it never changes a digit).
    """
    text = report.text
    for a, b, _ in spaces(report, digits=True):
        quote = context(text, a, b)
        yield Finding(Span(a, b), f"汉字与数字之间有空格：“{quote}”，请删除",
                      Fix("删除空格", (Edit(Span(a, b), ""),), safe=True), key=text[a - 1] + text[b])
