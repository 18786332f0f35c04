"""Page layout left in a report's text: page numbers, and lines wrapped at a
fixed width.

Text taken from a PDF or a printed Word file keeps each page's number on a
line of its own ("- 3 -", "第 3 页 共 8 页", "3/8"). One such line alone is
a leftover; a run of them numbering the pages in order (1, 2, 3 …) is the
pagination of the document the text was taken from: one fact about the
text, not a defect per page, and the line breaks around them are page
breaks rather than broken paragraphs.
"""

from bisect import bisect_right
from typing import NamedTuple

from govlint.model.document import Span
from govlint.model.headings import match_heading
from govlint.patterns import compile_re, lazy

_DASH = r"[-－—–―‐‑]"
PAGE_NUMBER = lazy(
    r"(?:" + _DASH + r"{1,2}[ \t　]{0,3}(?P<a>[0-9]{1,4})[ \t　]{0,3}" + _DASH + r"{1,2}"       # - 3 -   — 3 —
    r"|第[ \t　]{0,3}(?P<b>[0-9]{1,4})[ \t　]{0,3}页(?:[ \t　]{0,3}[,，/／]?[ \t　]{0,3}共[ \t　]{0,3}[0-9]{1,4}[ \t　]{0,3}页)?"
    r"|共[ \t　]{0,3}[0-9]{1,4}[ \t　]{0,3}页[ \t　]{0,3}[,，/／]?[ \t　]{0,3}第[ \t　]{0,3}(?P<c>[0-9]{1,4})[ \t　]{0,3}页"
    r"|[Pp](?:age|AGE)[ \t]{1,3}(?P<d>[0-9]{1,4})(?:[ \t]{1,3}(?:of|OF|/)[ \t]{1,3}[0-9]{1,4})?"
    r")"
)
MAX_PAGE_NUMBER = 40     # no line PAGE_NUMBER matches is longer
HINT_CHARACTERS = "-－—–―‐‑页Pp"      # every page number holds one of these
_HINT = compile_re("[" + HINT_CHARACTERS + "]")
MIN_PAGES = 2


class PageNumber(NamedTuple):
    line: int            # 0-based line index
    span: Span           # the number's text on its line
    number: int


def may_hold_page_numbers(text: str, start: int, end: int) -> bool:
    """False when no line of text[start:end] can be a page number: none of
    its characters is one every page number needs (one scan, where a test
    of each line costs a call per line)."""
    return _HINT.search(text, start, end) is not None


def page_number(line: str) -> int | None:
    """The page number a line is, if it is one."""
    if len(line) > 2 * MAX_PAGE_NUMBER or not _HINT.search(line):
        return None             # most lines: too long, or none of the characters a page number needs
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_PAGE_NUMBER:
        return None
    match = PAGE_NUMBER.fullmatch(stripped)
    if match is None:
        return None
    return int(next(g for g in match.groups() if g is not None))


def page_numbers(document, hint_lines: list[int] | None = None) -> list[PageNumber]:
    """Every line that is a page number, in order. Only the lines holding
    a character every page number needs are read (found by one scan of
    the text, from one such line to the next); their indices are added to
    hint_lines when it is given."""
    found = []
    text, lines, starts = document.text, document.lines, document.line_starts
    hint = _HINT.search(text)
    while hint is not None:
        index = bisect_right(starts, hint.start()) - 1
        if hint_lines is not None:
            hint_lines.append(index)
        line = lines[index]
        number = page_number(line)
        if number is not None:
            start = starts[index] + line.index(line.strip())
            found.append(PageNumber(index, Span(start, start + len(line.strip())), number))
        if index + 1 >= len(lines):
            break
        hint = _HINT.search(text, starts[index + 1])
    return found


def _read_page_numbers(report) -> None:
    hints: list[int] = []
    numbers = page_numbers(report.document, hints)
    regular = len(numbers) >= MIN_PAGES and all(b.number == a.number + 1 for a, b in zip(numbers, numbers[1:]))
    report._pagination = numbers if regular else []
    report._page_lines = frozenset(p.line for p in numbers)
    report._hint_lines = hints


def pagination(report) -> list[PageNumber]:
    """The page numbers when they number the pages in order (each one more
    than the last, at least MIN_PAGES of them), else []. Read once per report."""
    if report._pagination is None:
        _read_page_numbers(report)
    return report._pagination


def page_lines(report) -> frozenset[int]:
    """The 0-based indices of the lines that are a page number (in order
    or not): the lines page_number reads as one. Read once per report."""
    if report._page_lines is None:
        _read_page_numbers(report)
    return report._page_lines


def hint_lines(report) -> list[int]:
    """The 0-based indices, in order, of the lines holding a character
    every page number needs (HINT_CHARACTERS): the lines page_numbers
    reads. Found by the same scan, once per report."""
    if report._hint_lines is None:
        _read_page_numbers(report)
    return report._hint_lines


# --------------------------------------------------------------------------
# Lines wrapped at a fixed width

_SENTENCE_END = "。！？；：!?;:”’」』）)》"
_NEW_UNIT = lazy(r"^[ \t\u3000]*(?:[(（][一二三四五六七八九十0-9]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                 r"|[0-9]{1,2}[、.．](?![0-9])|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[部章节条项]|[①-⑳•●■◆])")
MIN_WRAPPED = 15


def unwrapped(report) -> str:
    """The report's text with the line breaks that only wrap a paragraph
    (as PDF text gives it: "…区政府办代表区政府受理政府" / "信息公开申请 17 件")
    turned into spaces, and page numbers between them blanked out: the
    same length as the text, so every offset stays valid. A break stays
    where a line ends a sentence, is short, or is followed by a blank line,
    a heading, a numbered item or a table row. Read once per report."""
    cached = report._unwrapped
    if cached is not None:
        return cached
    document = report.document
    text, lines, starts = document.text, document.lines, document.line_starts
    edits = []                  # (offset, length) to turn into spaces, in order
    pages = {p.line for p in pagination(report)}
    for index, line in enumerate(lines[:-1]):
        stripped = line.rstrip()
        if len(stripped) < MIN_WRAPPED or stripped[-1] in _SENTENCE_END or "\t" in line or "|" in line:
            continue
        following = index + 1
        while following in pages and following + 1 < len(lines):
            following += 1
        nxt = lines[following]
        if not nxt.strip() or "\t" in nxt or "|" in nxt or _NEW_UNIT.match(nxt) or match_heading(nxt):
            continue
        for i in range(index, following):
            end = starts[i] + len(lines[i])
            if i != index:                           # a page number between the two halves
                edits.append((starts[i], end - starts[i]))
            edits.append((end, 1))                   # the line break
    if edits:
        # Built from slices: a list of every character of the text, set
        # one by one, cost as much as the rest of this function.
        edits.sort()
        parts, at = [], 0
        for offset, length in edits:
            if offset < at:                          # already blanked
                length -= at - offset
                offset = at
                if length <= 0:
                    continue
            parts.append(text[at:offset])
            parts.append(" " * length)
            at = offset + length
        parts.append(text[at:])
        cached = "".join(parts)
    else:
        cached = text
    report._unwrapped = cached
    return cached
