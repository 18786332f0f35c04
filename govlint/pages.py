"""Page numbers in a report's text, and whether they are a document's pagination.

Text taken from a PDF or a printed Word file keeps each page's number on a
line of its own ("- 3 -", "第 3 页 共 8 页", "3/8"). One such line alone is
a leftover; a run of them numbering the pages in order (1, 2, 3 …) is the
pagination of the document the text was taken from: one fact about the
text, not a defect per page, and the line breaks around them are page
breaks rather than broken paragraphs.
"""
from __future__ import annotations

from typing import NamedTuple

from .document import Span
from .patterns import lazy

_DASH = r"[-－—–―‐‑]"
PAGE_NUMBER = lazy(
    r"(?:" + _DASH + r"{1,2}[ \t　]{0,3}(?P<a>[0-9]{1,4})[ \t　]{0,3}" + _DASH + r"{1,2}"       # - 3 -   — 3 —
    r"|第[ \t　]{0,3}(?P<b>[0-9]{1,4})[ \t　]{0,3}页(?:[ \t　]{0,3}[,，/／]?[ \t　]{0,3}共[ \t　]{0,3}[0-9]{1,4}[ \t　]{0,3}页)?"
    r"|共[ \t　]{0,3}[0-9]{1,4}[ \t　]{0,3}页[ \t　]{0,3}[,，/／]?[ \t　]{0,3}第[ \t　]{0,3}(?P<c>[0-9]{1,4})[ \t　]{0,3}页"
    r"|[Pp](?:age|AGE)[ \t]{1,3}(?P<d>[0-9]{1,4})(?:[ \t]{1,3}(?:of|OF|/)[ \t]{1,3}[0-9]{1,4})?"
    r")"
)
MAX_PAGE_NUMBER = 40     # no line PAGE_NUMBER matches is longer
MIN_PAGES = 2


class PageNumber(NamedTuple):
    line: int            # 0-based line index
    span: Span           # the number's text on its line
    number: int


def page_number(line: str) -> int | None:
    """The page number a line is, if it is one."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_PAGE_NUMBER:
        return None
    match = PAGE_NUMBER.fullmatch(stripped)
    if match is None:
        return None
    return int(next(g for g in match.groups() if g is not None))


def page_numbers(document) -> list[PageNumber]:
    found = []
    for index, line in enumerate(document.lines):
        number = page_number(line) if len(line) <= 2 * MAX_PAGE_NUMBER and line.strip() else None
        if number is not None:
            start = document.line_starts[index] + line.index(line.strip())
            found.append(PageNumber(index, Span(start, start + len(line.strip())), number))
    return found


def pagination(report) -> list[PageNumber]:
    """The page numbers when they number the pages in order (each one more
    than the last, at least MIN_PAGES of them), else []. Read once per report."""
    cached = getattr(report, "_pagination", None)
    if cached is None:
        numbers = page_numbers(report.document)
        regular = len(numbers) >= MIN_PAGES and all(b.number == a.number + 1 for a, b in zip(numbers, numbers[1:]))
        cached = numbers if regular else []
        report._pagination = cached
    return cached
