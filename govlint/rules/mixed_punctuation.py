"""L004 mixed-punctuation."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from govlint.model.document import Span
from govlint.model.language import context, lazy_re, prose_spans
from govlint.rule import Edit, Finding, Fix, rule

FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！", ".": "。"}
# Chinese context: a Chinese character or Chinese punctuation.
_CHINESE_MARKS = frozenset("，。、；：？！“”‘’《》（）【】…—")


def _chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char in _CHINESE_MARKS


def _in_chinese(text: str, at: int) -> bool:
    """Whether the half-width mark at `at` stands in Chinese text: with
    Chinese on its left, or "(" with Chinese on its right; "." only after a
    Chinese character and not before a letter, a digit or another "."."""
    mark = text[at]
    before = text[at - 1] if at else ""
    after = text[at + 1:at + 2]
    if mark == ".":
        return bool(before) and ("\u4e00" <= before <= "\u9fff" or "\u3400" <= before <= "\u4dbf") \
            and not (after.isascii() and (after.isalnum() or after == "."))
    return (bool(before) and _chinese(before)) or (mark == "(" and bool(after) and _chinese(after))


_ANY_HALF = lazy_re(r"[,;:?!().]")
# The marks _in_chinese accepts, found by the scan itself (a mark at a
# time in Python cost more than the rest of the rule): searched over the
# whole text, so that what stands before and after is the text's, as
# _in_chinese reads it, and then kept when inside the prose.
_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_CHINESE = "[" + _HAN + re.escape("".join(sorted(_CHINESE_MARKS))) + "]"
# Each starts with the mark itself, so that the engine skips to the marks
# at C speed; the lookbehind then reads the mark and the character before it.
_HALF_IN_CHINESE = lazy_re(r"[,;:?!().](?:(?<=[" + _HAN + r"]\.)(?![A-Za-z0-9.])"
                           r"|(?<=" + _CHINESE + r"[,;:?!()])|(?<=\()(?=" + _CHINESE + "))")
_FULL_STOP_IN_CHINESE = lazy_re(r"\.(?<=[" + _HAN + r"]\.)(?![A-Za-z0-9.])")
# A unit of text, like a paragraph, that every layout keeps: from a section
# heading or an item number （一） / (二) to the next.
_ITEM = lazy_re(r"[（(][一二三四五六七八九十]{1,3}[）)]")
# Full-width marks: a text that uses them and half-width ones is mixed.
_FULL_WIDTH = lazy_re("[，；：（）]")


def _units(report, spans):
    """Split the prose spans at section headings and item numbers."""
    text = report.text
    cuts = sorted({s.heading.span.start for s in report.sections}
                  | {m.start() for a, b in spans for m in _ITEM.finditer(text, a, b)})
    for start, end in spans:
        position = start
        # The cuts inside this span only (looping over every cut for every
        # span made a long text quadratic).
        for cut in cuts[bisect_right(cuts, start):bisect_left(cuts, end)]:
            yield position, cut
            position = cut
        yield position, end


@rule("L004", "mixed-punctuation", "info", needs=(), zh=r"""
    中文句子中使用了半角标点（“,”“;”“:”“()”），按 GB/T 15834 应为全角。

    检查内容：在同时使用全角标点的报告中，汉字后的半角逗号、分号、冒号、问号和叹号（“2024年度,
    我局”），括住中文的半角括号（“(一)”“(以下简称《条例》)”），以及结束中文句子的半角句点
    （“未收到依申请公开事项.”）。GB/T 15834—2011 规定中文使用全角标点。每段报一条——从章节标题
    或序号（（一）、(二)）到下一个——说明各种标点的个数，标在第一个上，而不是每个逗号一条。

    无法判断的情况：完全没有全角标点的文本不检查，因为复制网页时常把所有标点都变成半角（NFKC
    规范化），发布的报告本身可能是对的；只报告两者混用的报告。半角句点在任何报告中都报告（规范
    化不会产生它）。时间、数字、网址和英文不动；表格不检查。

    为何重要：全半角混用是文字从多处拼贴最显眼的迹象，正式出版物会检查这一点。

    示例：真实文本，语料 000：“2024年度,我局认真贯彻落实党中央、国务院和省、榆林市、神木市关于
    政府信息公开工作的部署要求,进一步调整优化公开目录,…”，而报告其他段落用“，”。

    修改方法：使用全角标点。安全修复会替换该段所有半角标点（从不改动数字），并删去标点后、
    中文之前的空格，全角标点自带间距（“(一) 主动公开”改为“（一）主动公开”）。
    """, fix="safe")
def check(report, options):
    """Half-width punctuation in Chinese sentences (",", ";", ":", "()") where GB/T 15834 wants full-width.

    What it checks: in a report that also uses full-width punctuation,
    half-width commas, semicolons, colons, question and exclamation marks
    after Chinese text ("2024年度,我局"), half-width parentheses around
    Chinese ("(一)", "(以下简称《条例》)"), and a half-width full stop
    ending a Chinese sentence ("未收到依申请公开事项."). GB/T 15834—2011 gives
    Chinese text the full-width marks. One finding per paragraph — the
    text from a section heading or an item number (（一）, (二)) to the next —
    with the count of each mark, at the first one; not one per comma.

    What it cannot tell: a text with no full-width marks at all is left
    alone, because copying a web page often turns every mark half-width
    (NFKC normalisation), and the published report may be right; only a
    report that mixes the two is reported. A half-width full stop is
    reported in any report (no normalisation makes one). Times, numbers,
    web addresses and English are not touched; tables are not checked.

    Why it matters: mixed widths are the most visible sign of text pasted
    from several sources, and official publications are checked for them.

    Example: real text, corpus 000: "2024年度,我局认真贯彻落实党中央、国务院和省、
    榆林市、神木市关于政府信息公开工作的部署要求,进一步调整优化公开目录,…",
    in a report whose other paragraphs use "，".

    How to fix: use the full-width marks. The safe fix replaces every
    half-width mark of the paragraph (it never changes a digit), with the
    spaces after it before Chinese text, which a full-width mark holds
    itself ("(一) 主动公开" becomes "（一）主动公开").
    """
    text = report.text
    if not _ANY_HALF.search(text):
        return
    spans = prose_spans(report)
    mixed = any(_FULL_WIDTH.search(text, a, b) for a, b in spans)
    # The half-width marks of the prose that stand in Chinese text.
    found = []
    count, index = len(spans), 0
    for match in (_HALF_IN_CHINESE if mixed else _FULL_STOP_IN_CHINESE).finditer(text):
        at = match.start()
        while index < count and spans[index][1] <= at:
            index += 1
        if index == count:
            break
        if spans[index][0] <= at:
            found.append(match)
    if not found:
        return
    starts = [m.start() for m in found]
    for start, end in _units(report, spans):
        marks = found[bisect_left(starts, start):bisect_left(starts, end)]
        if not marks:
            continue
        counts: dict[str, int] = {}
        for m in marks:
            counts[m.group()] = counts.get(m.group(), 0) + 1
        summary = "、".join(f"“{mark}”{n} 处" for mark, n in counts.items())
        first = marks[0]
        quote = context(text, first.start(), first.end(), 8, 8)
        yield Finding(Span(first.start(), first.end()),
                      f"中文句子中有半角标点 {len(marks)} 处（{summary}），如“{quote}”：应使用全角标点",
                      Fix(f"改为全角标点（{len(marks)} 处）",
                          tuple(Edit(Span(m.start(), _after_spaces(text, m)), FULL[m.group()]) for m in marks),
                          safe=True),
                      key=f"{len(marks)}:{summary}")


def _after_spaces(text: str, mark) -> int:
    """The end of a half-width mark with the spaces typed after it, when
    Chinese text follows: a full-width mark carries its own space."""
    if mark.group() == "(":
        return mark.end()
    end = mark.end()
    while end < len(text) and text[end] in " \t\u3000":
        end += 1
    return end if end > mark.end() and end < len(text) and _chinese(text[end]) else mark.end()
