"""L003 stray-space."""
from __future__ import annotations

from govlint.document import Span
from govlint.language import context, lexicon, spaces
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


@rule("L003", "stray-space", "warning")
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
