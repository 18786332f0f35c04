"""PDF → the report's text: paragraphs as lines, ruled tables as tab rows.

Read with pdfplumber (MIT; on pdfminer.six, MIT): it gives every character
with its position and the page's ruling lines and cell boxes, from which it
finds tables. PyMuPDF would be faster but is AGPL; pypdfium2 alone gives
text but no table geometry.

- Text: characters are grouped into lines by position and ordered top to
  bottom; the spaces a PDF only suggests by a gap (Word and WPS widen the
  gap between a digit and a Chinese character, and justified lines widen
  every gap) are not text, except between two Latin words. Lines that
  wrap a paragraph are joined (a line that reaches the right margin goes
  on in the next line unless that one is indented or starts a numbered
  item), across page breaks too; a title or heading is a line of its own.
- Tables: from the ruling lines and cell boxes of each page (white
  background boxes are not rules). A cell's text is one label whatever its
  line wrapping ("结果" / "维持", a vertical "三、本年度办理结果"); a
  merged cell's text goes in its top-left field, the fields it covers are
  empty; a table continued on the next page continues its rows.
- Page furniture: page numbers ("- 3 -", "第 3 页", "3/5", "3") in the top
  or bottom margin, and running headers or footers (the same line in the
  same margin of most pages) are recognised and left out: in a PDF they
  are the page's, not the report's text, so they neither split a paragraph
  or a table nor count as leftovers (page-residue, A004, is about text
  copies that kept them).
- A PDF with no text layer (a scan) is E013; one protected by a password
  is E012.

Locations: each character maps to its page, its line on the page (lines
counted from the top, table text included, page numbers included) and its
position on that line.
"""
from __future__ import annotations

import io
import re
from collections import Counter

from govlint.model.document import Document
from govlint.reading.source import InputError
from govlint.reading.locations import Place, TextBuilder, joiner

MARGIN = 0.09                 # top and bottom share of the page where headers, footers and page numbers sit
_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页|\d{1,4}\s*[/／]\s*\d{1,4}|\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))")
_SENTENCE_END = "。！？；!?;"


def read(data: bytes, path: str, encoding: str | None = None, max_pages: int | None = None) -> Document:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages[:max_pages] if max_pages else pdf.pages
    except Exception as exc:
        raise _open_error(exc) from None
    try:
        builder, scanned = _render(pages)
    finally:
        pdf.close()
    text = builder.text()
    document = Document(path=path, text=text)
    document.origin = builder.origin("pdf")
    document.origin.pages_without_text = scanned
    return document


def _open_error(exc: Exception) -> InputError:
    chain = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 5:
        chain.append(current)
        current = current.__cause__ or current.__context__ or (
            current.args[0] if current.args and isinstance(current.args[0], BaseException) else None)
    names = " ".join(type(e).__name__ for e in chain) + " " + " ".join(str(e) for e in chain)
    if "Password" in names or "Encrypt" in names or "encrypt" in names:
        return InputError("E012", "encrypted-file",
                          "PDF 有密码保护，无法读取文字：请去除密码后另存一份 PDF，或检查生成它的 .docx")
    detail = f"{type(chain[-1]).__name__}: {chain[-1]}".replace("\n", " ")[:120]
    return InputError("E011", "damaged-file",
                      f"PDF 文件已损坏或不完整（{detail}）：请重新导出或重新下载后再检查")


# --------------------------------------------------------------------------
# Page analysis

class _Line:
    """One line of text on a page: its characters left to right."""

    __slots__ = ("chars", "top", "bottom", "x0", "x1", "size", "page", "number", "furniture", "text")

    def __init__(self, chars, page: int):
        self.chars = sorted(chars, key=lambda c: c["x0"])
        self.top = min(c["top"] for c in chars)
        self.bottom = max(c["bottom"] for c in chars)
        self.x0 = self.chars[0]["x0"]
        self.x1 = self.chars[-1]["x1"]
        self.size = sorted(c["size"] for c in chars)[len(chars) // 2]
        self.page = page
        self.number = 0
        self.furniture = False
        self.text = _line_text(self.chars)


def _line_text(chars) -> str:
    out = []
    previous = None
    for char in chars:
        text = char["text"]
        if previous is not None and text and out:
            gap = char["x0"] - previous["x1"]
            if text.isspace():
                pass
            elif gap > 0.25 * char["size"] and joiner(out[-1], text) == " " and out[-1] != " ":
                out.append(" ")
        out.append(text)
        previous = char
    return "".join(out)


def _lines(chars, page: int) -> list[_Line]:
    """Characters grouped into lines: a character belongs to the line whose
    vertical middle it shares."""
    ordered = sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    groups: list[list] = []
    middles: list[float] = []
    for char in ordered:
        middle = (char["top"] + char["bottom"]) / 2
        tolerance = max(1.0, 0.35 * (char["bottom"] - char["top"]))
        if groups and abs(middle - middles[-1]) <= tolerance:
            groups[-1].append(char)
        else:
            groups.append([char])
            middles.append(middle)
    return [_Line(group, page) for group in groups]


def _white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.98
    values = list(color)
    if len(values) == 4:                       # CMYK
        return all(v <= 0.02 for v in values)
    return bool(values) and all(v >= 0.98 for v in values)


def _not_background(obj) -> bool:
    """Keep every object but a white filled box: a page or paragraph
    background is not a ruling line."""
    if obj.get("object_type") != "rect":
        return True
    return not (obj.get("fill") and not obj.get("stroke") and _white(obj.get("non_stroking_color")))


class _Table:
    __slots__ = ("page", "top", "rows", "xs")

    def __init__(self, page: int, top: float, rows, xs=()):
        self.page = page
        self.top = top
        self.rows = rows      # [[(text, [chars], real cell) …] …]
        self.xs = list(xs)    # column boundaries

    def column_at(self, x: float) -> int | None:
        for index in range(len(self.xs) - 1):
            if self.xs[index] <= x < self.xs[index + 1]:
                return index
        return None


def _inside(char, box) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _tables(page, number: int, chars) -> tuple[list[_Table], list]:
    """The page's ruled tables, and the characters outside them."""
    ruled = page.filter(_not_background)
    found = []
    for table in ruled.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        rows = table.rows
        if len(rows) < 2 or max(len([c for c in row.cells if c is not None]) for row in rows) < 2:
            continue            # a frame or a single box around text, not a table
        found.append(table)
    if not found:
        return [], chars
    edges = [e for e in ruled.edges if e.get("orientation") == "v"]
    out = []
    taken: set[int] = set()
    for table in found:
        grid = _Grid(table, edges)
        inner = [c for c in chars if grid.holds(c)]
        taken.update(id(c) for c in inner)
        out.append(_Table(number, grid.top, grid.fields(inner), grid.xs))
    outside = [c for c in chars if id(c) not in taken]
    return out, outside


def _intervals(values: list[float], tolerance: float = 1.5) -> list[float]:
    """Sorted boundaries, near-equal ones merged."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > tolerance:
            out.append(value)
    return out


class _Grid:
    """A ruled table as a grid of rows and columns. pdfplumber finds the
    closed cells; a cell whose rules are incomplete (merged over rows and
    cut by the page break, or missing a rule) is found here from its
    characters, and a row cut off by the page's end (the column rules go
    on below the last closed row) is added."""

    def __init__(self, table, edges):
        x0, top, x1, bottom = table.bbox
        self.cells = [c for c in table.cells]
        self.xs = _intervals([v for c in self.cells for v in (c[0], c[2])])
        ys = _intervals([v for row in table.rows for v in (row.bbox[1], row.bbox[3])])
        own = [e for e in edges if x0 - 2 <= e["x0"] <= x1 + 2 and e["top"] < bottom + 1 and e["bottom"] > top - 1]
        reach_top = min((e["top"] for e in own), default=top)
        reach_bottom = max((e["bottom"] for e in own), default=bottom)
        if reach_top < top - 3:
            ys.insert(0, reach_top)          # a row whose top rule is on the page before
        if reach_bottom > bottom + 3:
            ys.append(reach_bottom)          # a row whose bottom rule is on the next page
        self.ys = ys
        self.box = (x0, ys[0], x1, ys[-1])
        self.top = ys[0]

    def holds(self, char) -> bool:
        return _inside(char, self.box)

    def _index(self, bounds: list[float], value: float) -> int:
        for index in range(len(bounds) - 1):
            if value < bounds[index + 1]:
                return index
        return len(bounds) - 2

    def _position(self, x: float, y: float) -> tuple[int, int]:
        return self._index(self.ys, y), self._index(self.xs, x)

    def fields(self, chars) -> list[list[tuple[str, list, bool]]]:
        rows, columns = len(self.ys) - 1, len(self.xs) - 1
        owner: dict[tuple[int, int], int] = {}
        first: dict[int, tuple[int, int]] = {}
        for index, cell in enumerate(self.cells):
            for r in range(rows):
                middle_y = (self.ys[r] + self.ys[r + 1]) / 2
                if not cell[1] <= middle_y <= cell[3]:
                    continue
                for c in range(columns):
                    middle_x = (self.xs[c] + self.xs[c + 1]) / 2
                    if cell[0] <= middle_x <= cell[2] and (r, c) not in owner:
                        owner[(r, c)] = index
                        first.setdefault(index, (r, c))
        in_cell: dict[int, list] = {}
        loose: dict[tuple[int, int], list] = {}
        for char in chars:
            x = (char["x0"] + char["x1"]) / 2
            y = (char["top"] + char["bottom"]) / 2
            index = next((i for i, cell in enumerate(self.cells)
                          if cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]), None)
            if index is not None and index in first:
                in_cell.setdefault(index, []).append(char)
            else:
                loose.setdefault(self._position(x, y), []).append(char)
        grid: dict[tuple[int, int], tuple[str, list, bool]] = {}
        for index, (r, c) in first.items():
            grid[(r, c)] = _cell(in_cell.get(index, [])) + (True,)
        # Characters in no closed cell: a cell whose rules are incomplete.
        # Its text goes to the top of the run of uncovered positions it
        # sits in (a row label merged over rows and centred vertically).
        by_column: dict[int, list[int]] = {}
        for (r, c) in loose:
            by_column.setdefault(c, []).append(r)
        for c, found_rows in by_column.items():
            found_rows.sort()
            group: list[int] = []
            for r in found_rows + [None]:
                if group and (r is None or any((k, c) in owner for k in range(group[-1] + 1, r + 1))):
                    top = group[0]
                    while top > 0 and (top - 1, c) not in owner and (top - 1, c) not in grid:
                        top -= 1
                    merged = [ch for k in group for ch in loose[(k, c)]]
                    grid[(top, c)] = _cell(merged) + (True,)
                    group = []
                if r is not None:
                    group.append(r)
        out = []
        for r in range(rows):
            fields = [grid.get((r, c), ("", [], False)) for c in range(columns)]
            if any(text for text, _, _ in fields) or any(real for _, _, real in fields):
                out.append(fields)
        return out


def _cell(chars) -> tuple[str, list]:
    """A cell's text as one label, and its characters in that order."""
    if not chars:
        return "", []
    text, ordered = "", []
    for line in _lines(chars, 0):
        glue = joiner(text, line.text)
        if glue and ordered:
            ordered.append(ordered[-1])
        text += glue + line.text
        ordered.extend(_text_chars(line))
    return text.replace("\t", " "), ordered


def _text_chars(line: _Line) -> list:
    """The character behind each character of line.text (an inserted space
    takes the character before it)."""
    out = []
    index = 0
    for position, ch in enumerate(line.text):
        if index < len(line.chars) and line.chars[index]["text"] and line.text.startswith(
                line.chars[index]["text"], position):
            out.append(line.chars[index])
            index += 1
        else:
            out.append(line.chars[max(0, index - 1)])
    return out


# --------------------------------------------------------------------------
# The document

def _render(pages) -> tuple[TextBuilder, tuple[int, ...]]:
    """The text of the pages, and the pages that show pictures but hold no
    text (scanned pages: E013 when that is every page)."""
    body_pages: list[list[_Line]] = []
    tables_by_page: list[list[_Table]] = []
    places: dict[int, tuple[int, int, int]] = {}      # id(char) → (page, line, column)
    any_text = False
    scanned: list[int] = []           # pages with pictures and no text
    for number, page in enumerate(pages, 1):
        try:
            page = page.dedupe_chars()
        except Exception:
            pass
        chars = [c for c in page.chars if c.get("text") and c.get("upright", True)]
        if any(not c["text"].isspace() for c in chars):
            any_text = True
        elif page.images:
            scanned.append(number)
        for line_number, line in enumerate(_lines(chars, number), 1):
            for column, char in enumerate(line.chars, 1):
                places[id(char)] = (number, line_number, column)
        tables, outside = _tables(page, number, chars)
        lines = [line for line in _lines(outside, number) if line.text.strip()]
        for line in lines:
            if line.page == number:
                line.number = places.get(id(line.chars[0]), (number, 0, 0))[1]
        _mark_page_numbers(lines, float(page.height))
        body_pages.append(lines)
        tables_by_page.append(tables)
    if not any_text:
        raise InputError("E013", "no-text",
                         "PDF 没有文字层（可能是扫描件或图片）：govlint 不做文字识别，"
                         "请检查报告的 .docx 原件或由 Word/WPS 直接导出的 PDF")
    _mark_running_lines(body_pages, pages)
    return _assemble(body_pages, tables_by_page, places), tuple(scanned)


def _mark_page_numbers(lines: list[_Line], height: float) -> None:
    for line in lines:
        in_margin = line.bottom >= height * (1 - MARGIN) or line.top <= height * MARGIN
        if in_margin and _PAGE_NUMBER.match(line.text.strip()):
            line.furniture = True


def _mark_running_lines(body_pages: list[list[_Line]], pages) -> None:
    """A line in the top or bottom margin that most pages repeat (digits
    ignored) is a running header or footer."""
    if len(body_pages) < 2:
        return
    counts: Counter = Counter()
    keys = {}
    for lines, page in zip(body_pages, pages):
        height = float(page.height)
        seen = set()
        for line in lines:
            zone = "top" if line.top <= height * MARGIN else "bottom" if line.bottom >= height * (1 - MARGIN) else None
            if zone is None or line.furniture:
                continue
            key = (zone, re.sub(r"\d+", "#", line.text.strip()))
            keys[id(line)] = key
            seen.add(key)
        counts.update(seen)
    needed = max(2, (len(body_pages) + 1) // 2)
    for lines in body_pages:
        for line in lines:
            key = keys.get(id(line))
            if key is not None and counts[key] >= needed:
                line.furniture = True


def _assemble(body_pages, tables_by_page, places) -> TextBuilder:
    builder = TextBuilder()
    items = []                 # (page, top, kind, object)
    for number, (lines, tables) in enumerate(zip(body_pages, tables_by_page), 1):
        for line in lines:
            if not line.furniture:
                items.append((number, line.top, 0, line))
        for table in tables:
            items.append((number, table.top, 1, table))
    items.sort(key=lambda item: (item[0], item[1], item[2]))
    _join_split_rows(items)
    body = [item[3] for item in items if item[2] == 0]
    left, right, size = _margins(body)
    pitch = _pitch(body)
    previous: _Line | None = None
    for _, _, kind, thing in items:
        if kind == 1:
            builder.newline()
            for fields in thing.rows:
                for index, (text, chars, real) in enumerate(fields):
                    if real and not text:
                        builder.blank_cells.add(builder.length)
                    _emit(builder, text, chars, places, thing.page)
                    builder.add("\t" if index < len(fields) - 1 else "\n",
                                _place(places, chars[-1], thing.page) if chars else None)
            previous = None
            continue
        line = thing
        # More space than a line (an empty paragraph), or a page break, between
        # two paragraphs reads as a blank line, as in a text copy; a sentence
        # that runs on across it is then a broken paragraph (A003).
        gap = previous is not None and (line.page != previous.page or line.top - previous.top > 1.7 * pitch)
        same_page_gap = gap and line.page == previous.page
        if previous is not None and not same_page_gap and _continues(previous, line, left, right, size):
            glue = joiner(previous.text, line.text)
            if glue:
                builder.add(glue, None)
        else:
            if gap:
                builder.blank_line()      # an empty paragraph (or more space than a line) between the two
            else:
                builder.newline()
        _emit(builder, line.text, _text_chars(line), places, line.page)
        previous = line
    builder.newline()
    return builder


def _pitch(lines: list[_Line]) -> float:
    """The usual distance from one line of body text to the next."""
    steps = Counter(round(b.top - a.top) for a, b in zip(lines, lines[1:])
                    if a.page == b.page and 0 < b.top - a.top < 4 * max(a.size, 1))
    return float(steps.most_common(1)[0][0]) if steps else 20.0


def _join_split_rows(items) -> None:
    """A table row that the page break cut in two: the table goes on at the
    top of the next page with a row that holds only the rest of the
    previous row's labels (its value cells empty). Join the two parts,
    matching the cells by their position across the page (the two pages'
    grids may not have the same columns)."""
    for index in range(1, len(items)):
        before, after = items[index - 1], items[index]
        if before[2] != 1 or after[2] != 1 or after[0] != before[0] + 1:
            continue
        upper, lower = before[3], after[3]
        if not upper.rows or not lower.rows or len(upper.xs) < 2 or len(lower.xs) < 2:
            continue
        last, first = upper.rows[-1], lower.rows[0]
        targets = {}
        for k, (text, _, _) in enumerate(first):
            if not text:
                continue
            if _VALUE.match(text):
                break
            column = upper.column_at((lower.xs[k] + lower.xs[k + 1]) / 2)
            while column is not None and column > 0 and not last[column][2]:
                column -= 1            # a merged cell: its text is in the leftmost field
            if column is None or not last[column][0]:
                break
            targets[k] = column
        else:
            values_cut = any(_VALUE.match(last[upper.column_at((lower.xs[k] + lower.xs[k + 1]) / 2) or 0][0])
                             for k, (text, _, real) in enumerate(first) if real and not text)
            if not targets or not values_cut:
                continue
            merged = list(last)
            for k, column in targets.items():
                text, chars, real = merged[column]
                extra, extra_chars, _ = first[k]
                glue = joiner(text, extra)
                merged[column] = (text + glue + extra, chars + ([chars[-1]] if glue and chars else []) + extra_chars,
                                  real)
            upper.rows[-1] = merged
            lower.rows.pop(0)


_VALUE = re.compile(r"^[-+]?[\d,.，]+%?$")


def _margins(lines: list[_Line]) -> tuple[float, float, float]:
    """The body text's left and right edges and its usual character size.
    The right edge is where most lines end in justified text; in text set
    ragged right (left-aligned) lines end anywhere, and the most common end
    can be that of a run of short lines, so it is at least where the
    longest tenth of the lines reach."""
    if not lines:
        return 0.0, 0.0, 10.0
    left = Counter(round(l.x0) for l in lines).most_common(1)[0][0]
    ends = sorted(round(l.x1) for l in lines)
    right = max(Counter(ends).most_common(1)[0][0], ends[int(0.9 * (len(ends) - 1))])
    size = Counter(round(l.size) for l in lines).most_common(1)[0][0] or 10
    return float(left), float(right), float(size)


def _continues(previous: _Line, line: _Line, left: float, right: float, size: float) -> bool:
    """Whether line goes on with previous's paragraph: previous reaches the
    right margin and does not end a sentence, and line is not indented and
    does not start a numbered item."""
    if previous.x1 < right - 1.5 * size or previous.text.rstrip()[-1:] in _SENTENCE_END:
        return False
    if line.x0 > left + 0.6 * size or _NUMBERED.match(line.text):
        return False
    if abs(previous.size - line.size) > 1.5:
        return False
    return line.page == previous.page or line.page == previous.page + 1


def _place(places, char, page: int) -> Place:
    found = places.get(id(char))
    if found is None:
        return Place(page=page)
    return Place(page=found[0], line=found[1], column=found[2])


def _emit(builder: TextBuilder, text: str, chars: list, places, page: int) -> None:
    """Text whose characters are chars, one located piece per run of
    characters that stand next to each other on one line of the page."""
    if not text:
        return
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not _adjacent(places, chars[index - 1], chars[index]):
            builder.add(text[start:index], _place(places, chars[start], page))
            start = index


def _adjacent(places, a, b) -> bool:
    pa, pb = places.get(id(a)), places.get(id(b))
    return pa is not None and pb is not None and pa[0] == pb[0] and pa[1] == pb[1] and pb[2] == pa[2] + 1
