"""L003 stray-space."""
from __future__ import annotations

from govlint.model.document import Span
from govlint.model.language import context, lexicon, spaces
from govlint.rule import Edit, Finding, Fix, rule



def _in_word(text: str, a: int, b: int) -> bool:
    """Whether a term of the genre or a two-character word spans the gap."""
    lexicon_ = lexicon()
    if lexicon_.is_two(text[a - 1] + text[b]):
        return True
    left, right = text[max(0, a - 5):a], text[b:b + 5]
    joined = left + right
    cut = len(left)
    words = lexicon_.terms
    for size in range(3, 8):
        for begin in range(max(0, cut - size + 1), cut):
            if begin + size <= len(joined) and joined[begin:begin + size] in words:
                return True
    return False


@rule("L003", "stray-space", "warning", needs=(), zh=r"""
    词语内部或标题中两个汉字之间有空格。

    检查内容：标题（报告标题、章节标题）中两个汉字之间的空格或全角空格（U+3000）——如
    “海阳市卫生健康局 2023 年政府信息公开工作 年度报告”中“工作 年度报告”的空格——或正文中
    词语内部的空格：本类报告的常用词或双字词跨过空格（“政务 公开”“卫 生”）。段落中词与词之间
    的空格由作者判断，汉字与数字之间的空格（“2023 年”）归数字间距规则（L005）。

    无法判断的情况：在丢失了换行的文本中（网页抓取成一行、每段空白都写成一个空格），两个汉字之
    间的一个空格可能原本是换行——在标题与段落、两段之间、两个单元格之间——因此这类文本只报告
    报告标题和章节标题中的空格。字间加空格的文字（“电 子 邮 箱”，PDF 两端对齐的一行）是有意为
    之或 PDF 造成的，不是笔误，不报告；表格（二、三、四章和单元格行）中空格用来分列，也不报告。

    为何重要：词语或标题中的空格是录入或转换的失误，会出现在发布的文字中，也会使这个词搜不到。

    示例：真实文本，语料 003：标题“海阳市卫生健康局 2023 年政府信息公开工作 年度报告”。

    修改方法：删除空格。安全修复会删除。
    """, fix="safe")
def check(report, options):
    """A space between two Chinese characters inside a word or a heading.

    What it checks: a space or a full-width space (U+3000) between two
    Chinese characters in a heading (the title, the section headings) —
    "海阳市卫生健康局 2023 年政府信息公开工作 年度报告", the space in "工作 年度报告"
    — or inside a word of the prose: where a word of the genre or a
    two-character word runs across it ("政务 公开", "卫 生"). A space
    between words of a paragraph is left to the writer's judgement, and
    spaces between a Chinese character and a digit ("2023 年") are the
    digit-spacing rule's.

    What it cannot tell: in a text that lost its line breaks (a crawled
    page on one line, every whitespace run written as one space), a single
    space between two Chinese characters may be where a line break stood —
    between a heading and its paragraph, two paragraphs, two table cells —
    so there only spaces inside the title and the section headings are
    reported. Letter-spaced text ("电 子 邮 箱", a justified line of a PDF's
    text) is spacing on purpose or the PDF's, not a slip, and is left
    alone; so are the tables (sections 二, 三, 四 and lines of cells), where
    spaces separate columns.

    Why it matters: a space inside a word or a title is a typing or
    conversion slip that shows in the published text and breaks searches
    for the word.

    Example: real text, corpus 003: the title
    "海阳市卫生健康局 2023 年政府信息公开工作 年度报告".

    How to fix: delete the space. The safe fix does.
    """
    text = report.text
    for a, b, heading in spaces(report):
        if not heading and not _in_word(text, a, b):
            continue
        kind = "全角空格" if "\u3000" in text[a:b] else "空格"
        quote = context(text, a, b)
        yield Finding(Span(a, b), f"汉字之间有多余的{kind}：“{quote}”，请删除",
                      Fix("删除空格", (Edit(Span(a, b), ""),), safe=True), key=text[a - 1] + text[b])
