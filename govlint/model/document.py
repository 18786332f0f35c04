"""The Document: decoded text and the map between offsets and positions.

Offsets index the newline-normalised text. Positions are 1-based (line,
column) with columns counted in Unicode code points, as every output reports
them.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter
from dataclasses import dataclass, field


class Span(tuple):
    """A half-open range [start, end) of offsets into the document text.

    A tuple rather than a dataclass: spans are made for every token, cell
    and finding, and a frozen dataclass is several times slower to build."""

    __slots__ = ()

    def __new__(cls, start: int, end: int):
        if end < start:
            raise ValueError(f"span end {end} before start {start}")
        return tuple.__new__(cls, (start, end))

    def __getnewargs__(self):
        return tuple(self)

    # itemgetter: a C-level read, faster than a Python property function.
    start = property(itemgetter(0), doc="The first offset in the span.")
    end = property(itemgetter(1), doc="The offset just past the span.")

    def __repr__(self) -> str:
        return f"Span(start={self[0]}, end={self[1]})"


@dataclass
class Document:
    """A report's text as read from one file (or standard input), with its
    lines and what the reader knew of its source."""
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    # Set by a reader (readers/) for a .docx, .pdf or .html: the format and
    # the original location of each offset. None for plain text.
    origin: object = field(default=None, repr=False, compare=False)
    lines: list[str] = field(init=False, repr=False)
    line_starts: list[int] = field(init=False, repr=False)

    def __post_init__(self):
        self.lines = self.text.split("\n")
        # Each line starts one past the end of the one before (summed in C:
        # a report has hundreds of lines, and every file is read this way).
        self.line_starts = list(accumulate(map((1).__add__, map(len, self.lines[:-1])), initial=0))

    @classmethod
    def from_source(cls, source) -> "Document":
        return cls(path=source.path, text=source.text, encoding=source.encoding,
                   bom=source.bom, newline=source.newline)

    def position(self, offset: int) -> tuple[int, int]:
        """Offset → 1-based (line, column)."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """1-based (line, column) → offset."""
        return self.line_starts[line - 1] + column - 1

    def line_span(self, line: int) -> Span:
        """Span of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        return Span(start, start + len(self.lines[line - 1]))

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)
