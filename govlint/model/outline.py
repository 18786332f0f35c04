"""What a section holds when its heading is missing, and which outline a
report follows.

A report sometimes leaves out a section's heading but not its content:
"（一）主动公开…（五）监督保障" straight after the introduction (section
一 without "一、总体情况"), "（一）主要问题" after table 四 (section 五
without its heading). Each section has marks of its content; found between
the section's neighbours, they tell where the missing heading belongs.

Before the 2019 format, reports followed the outline of the 2008 条例:
主动公开 / 依申请公开 / 行政复议和行政诉讼 / 收费及减免 / 问题和改进措施 /
其他. Its part on 收费及减免 has no place in today's outline and marks it.
"""

from typing import NamedTuple

from govlint.model.document import Span
from govlint.patterns import lazy

# Marks of each section's content, as they open a line or a sentence.
_START = r"(?:^|(?<=[\n。；！？]))[ \t\u3000]*"
_SUB = r"[（(][一二三四五六][)）][、.．]?[ \t\u3000]*"
CONTENT = {
    1: lazy(_START + _SUB + r"(?:主动公开|依申请公开|政府信息管理|政府信息公开平台|平台建设|监督保障)", flags=0),
    2: lazy(r"第二十条第[（(][一1][)）]项"),
    3: lazy(r"[（(]本列数据的勾稽关系|申请人情况[ \t\u3000|]*自然人"),
    4: lazy(r"行政复议[ \t\u3000|]*行政诉讼[ \t\u3000|]*结果[ \t\u3000]*维持"),
    5: lazy(_START + r"(?:" + _SUB + r"|[一1][、.．][ \t\u3000]*)?(?:存在的主要问题|存在的问题|主要问题|存在问题)"),
    6: lazy(_START + r"(?:" + _SUB + r"|[一1][、.．][ \t\u3000]*)?(?:收取信息处理费|信息处理费|人大代表建议|政协提案|其他需要报告)"),
}
OLD_OUTLINE = lazy(r"收费(?:及|和|与)?减免")
_SENTENCE = lazy(r"[。；！？]")
EXCERPT = 24


class Content(NamedTuple):
    number: int
    span: Span           # the mark, e.g. "（一）主动公开"
    line_span: Span      # the rest of its line, for messages


def content_of(report, number: int, start: int, end: int) -> Content | None:
    """The first mark of section `number`'s content in text[start:end]."""
    text = report.text
    match = CONTENT[number].search(text, start, end)
    if match is None:
        return None
    first = match.start() + len(match.group()) - len(match.group().lstrip(" \t\u3000\n"))
    line_end = text.find("\n", first)
    line_end = min(end, len(text) if line_end < 0 else line_end, first + EXCERPT)
    sentence = _SENTENCE.search(text, match.end(), line_end)
    return Content(number, Span(first, match.end()), Span(first, sentence.end() if sentence else line_end))


def old_outline(report) -> Span | None:
    """Where a report shows the pre-2019 outline: its part on 收费及减免,
    named in the introduction that lists the parts or as a heading
    ("四、政府信息公开的收费及减免情况") — not a sentence about fees waived."""
    document = report.document
    for match in OLD_OUTLINE.finditer(report.text, report.front.start):
        line = document.lines[document.line_of(match.start()) - 1]
        if match.start() < report.front.end or _HEADING.match(line):
            return Span(match.start(), match.end())
    return None


_HEADING = lazy(r"^[ \t\u3000]*[一二三四五六七八九十]{1,2}[、.．][^。；！？]{2,40}$")
