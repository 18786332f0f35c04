"""Where a character of the text rendering is in the original file.

A reader builds its text piece by piece with a TextBuilder, giving each
piece the Place it comes from; Origin.locate(offset) answers with the Place
of any offset. A Place with a column counts on from the piece's start (a
run of text on one source line of a web page, or the characters of one
line of a PDF page); a Place without one names a whole unit (a Word
paragraph or table cell).
"""

from bisect import bisect_right
from typing import NamedTuple


class Place(NamedTuple):
    """An original location. Only the fields that apply are set:
    docx: paragraph, or table/row/column; page when Word recorded it;
    pdf: page, line (on the page), column (character on the line);
    html: line and column in the source file."""

    page: int | None = None
    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def shifted(self, delta: int) -> "Place":
        if delta and self.column is not None:
            return self._replace(column=self.column + delta)
        return self

    def to_json(self) -> dict:
        out = {}
        for name in ("page", "paragraph", "table", "row", "cell", "line", "column"):
            value = getattr(self, name)
            if value is not None:
                out["column" if name == "cell" else name] = value
        return out


# The words of a place, in English and in Chinese: (source line, page,
# paragraph, table row, column, line, joiner, the file's start).
_PLACE_WORDS = {
    "en": ("line {}, column {}", "page {}", "paragraph {}", "table {}, row {}", "column {}", "line {}", ", ", "1"),
    "zh": ("源代码第 {} 行第 {} 列", "第 {} 页", "第 {} 段", "第 {} 个表格第 {} 行", "第 {} 列", "第 {} 行", "", "文件开头"),
}


def describe(original: dict, fmt: str, lang: str = "en") -> str:
    """A location in words: "page 3, line 12", "paragraph 8",
    "table 2, row 5, column 3", "line 120, column 7" (a web page's
    source); with lang="zh" "第 3 页第 12 行", "第 8 段",
    "第 2 个表格第 5 行第 3 列", "源代码第 120 行第 7 列"."""
    source, page, paragraph, row, column, line, joiner, start = _PLACE_WORDS[lang]
    if fmt == "html":
        return source.format(original.get("line", 1), original.get("column", 1))
    parts = []
    if "page" in original:
        parts.append(page.format(original["page"]))
    if "paragraph" in original:
        parts.append(paragraph.format(original["paragraph"]))
    if "table" in original:
        parts.append(row.format(original["table"], original.get("row", 1)))
        if fmt == "docx" and "column" in original:
            parts.append(column.format(original["column"]))
    if fmt == "pdf" and "line" in original:
        parts.append(line.format(original["line"]))
    return joiner.join(parts) or start


class Origin:
    """What a reader knows about the original: its format, the place of
    every offset, and leftovers it found that are not in the text (tracked
    changes, comments), for the artifact rule to report."""

    __slots__ = ("format", "starts", "places", "artifacts", "encoding", "blank_cells", "pages_without_text")

    def __init__(self, fmt: str, starts: list[int], places: list[Place], artifacts=(), encoding=None,
                 blank_cells=frozenset()):
        self.format = fmt
        self.starts = starts
        self.places = places
        self.artifacts = list(artifacts)   # (start, end, message) in text offsets
        self.encoding = encoding           # a web page's charset; None for .docx and .pdf
        # Offsets of tab fields that are real empty cells, not filler for a
        # merged cell: a text copy cannot tell the two apart, a reader can.
        self.blank_cells = frozenset(blank_cells)
        # Pages of a PDF that show pictures and hold no text (scanned pages):
        # their content is not in the text, and the engine says so (E015).
        self.pages_without_text: tuple[int, ...] = ()

    def locate(self, offset: int) -> Place | None:
        index = bisect_right(self.starts, offset) - 1
        if index < 0:
            return self.places[0] if self.places else None
        return self.places[index].shifted(offset - self.starts[index])

    def original(self, offset: int) -> dict | None:
        place = self.locate(offset)
        return place.to_json() if place is not None else None


class TextBuilder:
    """The text of a rendering, with the Place of each piece."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.places: list[Place] = []
        self.artifacts: list[tuple[int, int, str]] = []
        self.blank_cells: set[int] = set()

    def add(self, text: str, place: Place | None) -> None:
        if not text:
            return
        if place is not None and (not self.places or self.places[-1] != place or place.column is not None):
            self.starts.append(self.length)
            self.places.append(place)
        self.parts.append(text)
        self.length += len(text)

    def last_char(self) -> str:
        for part in reversed(self.parts):
            if part:
                return part[-1]
        return ""

    def newline(self) -> None:
        """End the current line (never two in a row from here: blank
        lines are asked for with blank_line)."""
        if self.parts and self.last_char() != "\n":
            self.add("\n", None)

    def blank_line(self) -> None:
        self.newline()
        if self.length and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.add("\n", None)

    def text(self) -> str:
        return "".join(self.parts)

    def origin(self, fmt: str, encoding: str | None = None) -> "Origin":
        return Origin(fmt, self.starts, self.places, self.artifacts, encoding, self.blank_cells)


JOIN_WITHOUT_SPACE = "\u3000\u00a0"


def joiner(left: str, right: str) -> str:
    """What joins two pieces of one label or paragraph that a layout split
    (lines of a PDF paragraph, paragraphs in a table cell): nothing
    between Chinese characters or punctuation, a space between two Latin
    words or numbers."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a.isspace() or b.isspace():
        return ""
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return " "
    return ""
