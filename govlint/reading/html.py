"""Web page (.html, .htm) → the report's text, as a reader sees it on the page.

Parsed with lxml's HTML parser (libxml2): it recovers from the broken markup
of real CMS pages, records each element's source line, and is already
installed with python-docx, so reading web pages adds no dependency.

- Encoding: a BOM, else the page's <meta charset> (or http-equiv
  Content-Type), else govlint's own detection (UTF-8, GB18030, chardet);
  --encoding overrides. gb2312 and gbk are read as GB18030, their superset.
- Article body: the element holding the report's section headings
  (一、总体情况 … 六、其他需要报告的事项), i.e. their nearest common
  ancestor, plus the title line when the page sets it apart; the site's
  navigation, breadcrumb, header, footer and share bars outside it are not
  read (inside it they are, and the web-residue rule reports them). A page
  without recognisable headings is read whole, less <nav>, <header>,
  <footer> and <aside>. A page laid out with a table (older CMS
  templates) has its article in one cell: that cell is the article, and a
  layout table (a cell holding another table or a page's worth of text)
  is read cell by cell as blocks, not as a table of the report.
- Text: block elements (<p>, <div>, <h1>…, <li>, table rows) and <br>
  end a line; white space collapses as a browser shows it; entities are
  decoded; scripts, styles, comments and hidden elements are left out.
- Tables: one line per row, cells separated by tabs, rowspan and colspan
  expanded so that a merged cell's text is in its top-left field and the
  fields it covers are empty. Everything inside one cell (several <p> or
  <span>, <br>) is one label.
- A page that only redirects (meta refresh or a script, and next to no
  text) is E013: save the page it leads to.

Locations: each character maps to the line and column of the source where
it is written (an entity to where the entity starts).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from govlint.model.document import Document
from govlint.reading.source import InputError, decode
from govlint.reading.locations import Place, TextBuilder, joiner

BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article header footer nav aside main "
    "center address figure figcaption form fieldset legend hr table tr caption tbody thead tfoot details "
    "summary body html".split())
SKIPPED = frozenset("script style noscript template head iframe object embed svg select option button "
                    "input textarea map canvas audio video title meta link base".split())
OUTSIDE_ARTICLE = frozenset("nav header footer aside".split())
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_REFRESH = re.compile(r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*>""", re.I)
_REFRESH_URL = re.compile(r"""url\s*=\s*['"]?([^'">\s]+)""", re.I)
_SCRIPT_REDIRECT = re.compile(r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)|"""
                              r"""location\.replace\(\s*['"]([^'"]+)""")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# What the source scanner steps over: comments, declarations, scripts and
# styles with their content, tags; and the entities it decodes.
_SCAN = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<![^>]*>|<\?[^>]*>"
    r"|<(script|style|noscript|template|textarea|title)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|</?[A-Za-z][^>]*>|(&(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?))",
    re.S | re.I)
_SPACE = " \t\n\r\f"
_TITLE = re.compile(r"(?:政府|政务)?信息公开.{0,6}年度?报告")
CHARSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5hkscs", "x-big5": "big5hkscs", "unicode": "utf-8", "utf8": "utf-8"}
MAX_SPAN = 1000      # a rowspan/colspan larger than this is taken as 1 (broken markup)
REDIRECT_TEXT = 200  # a redirecting page with less visible text than this is only a redirect


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    source, charset = _decode(data, path, encoding)
    # lxml refuses a str that carries an XML encoding declaration; blank it
    # out (same length, so positions stay).
    text = _XML_DECLARATION.sub(lambda m: " " * len(m.group()), source, count=1)
    from lxml import etree, html as lxml_html

    try:
        root = lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(recover=True,
                                                                              remove_comments=True))
    except (etree.ParserError, ValueError) as exc:
        if "empty" in str(exc).lower():
            raise InputError("E013", "no-text", "网页没有正文文字：请检查是否保存了完整的网页") from None
        raise
    body = root.find("body")
    if body is None:
        body = root
    _check_redirect(text, body)
    scanner = _Scanner(text)
    reader = _Reader(scanner)
    article, title = _article(body)
    if title is not None:
        reader.element(title)
        reader.flush()
    reader.element(article)
    reader.finish()
    builder = reader.builder
    rendered = builder.text()
    if not rendered.strip():
        raise InputError("E013", "no-text", "网页没有正文文字：请检查是否保存了完整的网页（而不是框架页或空白页）")
    document = Document(path=path, text=rendered, encoding=charset)
    document.origin = builder.origin("html", charset)
    return document


def _decode(data: bytes, path: str, encoding: str | None) -> tuple[str, str]:
    """The page's text and the codec it was read with."""
    if encoding:
        source = decode(data, path, encoding)
        return source.text, source.encoding
    declared = None
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = _META_CHARSET.search(data[:8192])
        if match:
            declared = match.group(1).decode("ascii", "replace").lower()
            declared = CHARSETS.get(declared, declared)
    if declared:
        try:
            source = decode(data, path, declared)
            return source.text, source.encoding
        except InputError as error:
            if error.code == "E002":
                raise
            # The declaration is wrong (a page saved as UTF-8 keeps its
            # old gb2312 meta): detect instead.
    source = decode(data, path)
    return source.text, source.encoding


def _check_redirect(text: str, body) -> None:
    visible = " ".join("".join(_visible_text(body)).split())
    if len(visible) >= REDIRECT_TEXT:
        return
    target = None
    refresh = _REFRESH.search(text)
    if refresh:
        url = _REFRESH_URL.search(refresh.group())
        target = url.group(1) if url else ""
    else:
        script = _SCRIPT_REDIRECT.search(text)
        if script:
            target = script.group(1) or script.group(2)
    if target is not None:
        where = f"（跳转到 {target}）" if target else ""
        raise InputError("E013", "no-text",
                         f"网页只是跳转页{where}，没有报告正文：请打开跳转后的网页，另存后再检查")


def _visible_text(element):
    for node in element.iter():
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None or tag.lower() in SKIPPED:
            if node.tail and node is not element:
                yield node.tail
            continue
        if node.text:
            yield node.text
        if node.tail and node is not element:
            yield node.tail


def _tag(node) -> str | None:
    return node.tag.lower() if isinstance(node.tag, str) else None


def _hidden(node) -> bool:
    if node.get("hidden") is not None or node.get("aria-hidden") == "true" and _tag(node) in BLOCKS:
        return True
    style = node.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


# ------------------------------------------------------------------ article

def _article(body):
    """The element holding the report, and a title element outside it (or None)."""
    from govlint.model.headings import match_heading

    found = {}
    for node in body.iter():
        tag = _tag(node)
        if tag is None or tag in SKIPPED or tag in ("table", "tr", "tbody", "thead"):
            continue
        if tag not in BLOCKS and tag not in ("td", "th", "span", "strong", "b", "font", "a"):
            continue
        text = " ".join(node.text_content().split())
        if not text or len(text) > 60:
            continue
        match = match_heading(text)
        if match is not None and match.number not in found:
            found[match.number] = node
    headings = list(found.values())
    if len(headings) < 2:
        return _without_chrome(body), None
    article = _common_ancestor(headings)
    # Headings found only in different cells of one table (the row labels of
    # table 三 when the report's own headings are not standard): widen to the
    # table's parent so the whole report is read. A single cell holding them
    # all is the content cell of a page laid out with a table: that cell is
    # the article.
    while _tag(article) in ("tr", "tbody", "thead", "table") and article.getparent() is not None:
        article = article.getparent()
    return article, _title_outside(body, article)


def _common_ancestor(nodes):
    paths = []
    for node in nodes:
        chain = [node]
        while chain[-1].getparent() is not None:
            chain.append(chain[-1].getparent())
        paths.append(list(reversed(chain)))
    common = paths[0][0]
    for level in zip(*paths):
        if all(n is level[0] for n in level):
            common = level[0]
        else:
            break
    return common


def _title_outside(body, article):
    """The report's title when the page puts it in an element before the
    article (a CMS's title bar), else None: of the elements before the
    article whose text is a report title, the innermost and nearest (a
    list of other years' reports in a side bar comes earlier)."""
    article_text = " ".join(article.text_content().split())[:300]
    if _TITLE.search(article_text):
        return None
    best = None
    for node in body.iter():
        if node is article:
            break
        tag = _tag(node)
        if tag is None or tag in SKIPPED or tag in OUTSIDE_ARTICLE or _hidden(node):
            continue
        text = " ".join(node.text_content().split())
        if 6 <= len(text) <= 80 and _TITLE.search(text):
            best = node       # the last one wins: the innermost, and the nearest to the article
    return best


def _inside(node, ancestor) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _without_chrome(body):
    """The body less its navigation, header, footer and side bars (a copy)."""
    import copy

    clone = copy.deepcopy(body)
    for node in list(clone.iter()):
        if _tag(node) in OUTSIDE_ARTICLE and node.getparent() is not None:
            parent = node.getparent()
            if node.tail:
                previous = node.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + node.tail
                else:
                    parent.text = (parent.text or "") + node.tail
            parent.remove(node)
    return clone


# ------------------------------------------------------------------ source map

class _Scanner:
    """The page's text characters in source order, each with its offset in
    the source: what lets a text node of the tree be found in the file."""

    def __init__(self, source: str):
        import html as html_module

        chars: list[str] = []
        offsets: list[int] = []
        last = 0
        for match in _SCAN.finditer(source):
            start = match.start()
            if start > last:
                chars.append(source[last:start])
                offsets.extend(range(last, start))
            entity = match.group(2)
            if entity:
                value = html_module.unescape(entity)
                chars.append(value)
                offsets.extend([start] * len(value))
            last = match.end()
        if last < len(source):
            chars.append(source[last:])
            offsets.extend(range(last, len(source)))
        self.stream = "".join(chars)
        self.offsets = offsets
        self.cursor = 0
        starts = [0]
        for index, ch in enumerate(source):
            if ch == "\n":
                starts.append(index + 1)
        self.line_starts = starts

    def seek_line(self, line: int | None) -> None:
        """Search no earlier than the start of this source line."""
        if not line or line - 1 >= len(self.line_starts):
            return
        offset = self.line_starts[line - 1]
        index = bisect_right(self.offsets, offset - 1) if self.offsets else 0
        if index > self.cursor:
            self.cursor = index

    def find(self, text: str) -> list[int] | None:
        """Source offsets of each character of text, found from the cursor on."""
        index = self.stream.find(text, self.cursor)
        if index < 0:
            return None
        self.cursor = index + len(text)
        return self.offsets[index:index + len(text)]

    def place(self, offset: int) -> Place:
        line = bisect_right(self.line_starts, offset)
        return Place(line=line, column=offset - self.line_starts[line - 1] + 1)


# ------------------------------------------------------------------ rendering

class _Line:
    """Characters of the line being built, each with its source offset."""

    __slots__ = ("chars", "offsets", "space")

    def __init__(self):
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.space = -1             # offset of a pending collapsed white space, -1 for none

    def add(self, text: str, offsets: list[int] | None, fallback: int) -> None:
        for index, ch in enumerate(text):
            offset = offsets[index] if offsets is not None else fallback
            if ch in _SPACE or ch == "\xa0":
                if self.chars and self.space < 0:
                    self.space = offset
                continue
            if self.space >= 0:
                self.chars.append(" ")
                self.offsets.append(self.space)
                self.space = -1
            self.chars.append(ch)
            self.offsets.append(offset)

    def take(self) -> tuple[str, list[int]]:
        while self.chars and self.chars[-1] in " \u3000":
            self.chars.pop()
            self.offsets.pop()
        lead = 0
        while lead < len(self.chars) and self.chars[lead] == "\u3000":
            lead += 1
        text, offsets = "".join(self.chars[lead:]), self.offsets[lead:]
        self.chars, self.offsets, self.space = [], [], -1
        return text, offsets


class _Reader:
    def __init__(self, scanner: _Scanner):
        self.scanner = scanner
        self.builder = TextBuilder()
        self.line = _Line()
        self.fallback = 0
        self.breaks = 0             # line breaks owed before the next line

    # Output ------------------------------------------------------------

    def flush(self, breaks: int = 1) -> None:
        """End the line being built; the next line starts after at least
        `breaks` line breaks (2, a blank line, around a <p>, as a
        browser's copy of the page has it)."""
        text, offsets = self.line.take()
        if text:
            if self.builder.length:
                self.builder.add("\n" * max(1, self.breaks), None)
            self.emit(text, offsets)
            self.breaks = 0
        self.breaks = max(self.breaks, breaks)

    def finish(self) -> None:
        self.flush()
        if self.builder.length:
            self.builder.add("\n", None)

    def emit(self, text: str, offsets: list[int]) -> None:
        """Text whose characters sit at these source offsets: one located
        piece per run of consecutive offsets."""
        start = 0
        for index in range(1, len(text) + 1):
            if index == len(text) or offsets[index] != offsets[index - 1] + 1:
                self.builder.add(text[start:index], self.scanner.place(offsets[start]))
                start = index

    # Walking -----------------------------------------------------------

    def text(self, value: str | None, line: _Line) -> None:
        if not value:
            return
        offsets = None
        if value.strip(_SPACE + "\xa0"):
            offsets = self.scanner.find(value)
            if offsets is None:
                stripped = value.strip(_SPACE)
                found = self.scanner.find(stripped)
                if found is not None:
                    lead = len(value) - len(value.lstrip(_SPACE))
                    offsets = [found[0]] * lead + found + [found[-1]] * (len(value) - lead - len(stripped))
            if offsets is not None:
                self.fallback = offsets[-1]
        line.add(value, offsets, self.fallback)

    def _start(self, node) -> None:
        self.scanner.seek_line(node.sourceline)
        if node.sourceline and node.sourceline - 1 < len(self.scanner.line_starts):
            self.fallback = max(self.fallback, self.scanner.line_starts[node.sourceline - 1])

    def element(self, node) -> None:
        """Render node and its content into the current line and the builder."""
        tag = _tag(node)
        if tag is None or tag in SKIPPED or _hidden(node):
            return
        self._start(node)
        if tag == "table":
            self.flush()
            if _lays_out_the_page(node):
                for row in _rows(node):
                    for cell in row:
                        self.element(cell)
                self.flush()
            else:
                self.table(node)
            return
        if tag == "br":
            self.flush()
            return
        block = tag in BLOCKS or tag in ("td", "th")
        breaks = 2 if tag == "p" else 1
        if block:
            self.flush(breaks)
        self.text(node.text, self.line)
        for child in node:
            self.element(child)
            self.text(child.tail, self.line)
        if block:
            self.flush(breaks)

    def cell(self, node) -> tuple[str, list[int]]:
        """A table cell as one label: its paragraphs, <br> and spans joined."""
        pieces: list[tuple[str, list[int]]] = []
        line = _Line()

        def walk(element) -> None:
            tag = _tag(element)
            if tag is None or tag in SKIPPED or _hidden(element):
                return
            self._start(element)
            block = tag in BLOCKS or tag in ("td", "th", "br")
            if block:
                pieces.append(line.take())
            if tag != "br":
                self.text(element.text, line)
                for child in element:
                    walk(child)
                    self.text(child.tail, line)
            if block:
                pieces.append(line.take())

        self.text(node.text, line)
        for child in node:
            walk(child)
            self.text(child.tail, line)
        pieces.append(line.take())
        text, offsets = "", []
        for piece, piece_offsets in pieces:
            if not piece:
                continue
            glue = joiner(text, piece)
            if glue:
                offsets.append(offsets[-1])
            text += glue + piece
            offsets.extend(piece_offsets)
        return text.replace("\t", " "), offsets

    def table(self, table) -> None:
        rows = list(_rows(table))
        grid: dict[tuple[int, int], tuple[str, list[int], int, bool]] = {}   # text, offsets, anchor, a real cell
        width = 0
        for r, tr in enumerate(rows):
            self._start(tr)
            c = 0
            for td in tr:
                if _tag(td) not in ("td", "th") or _hidden(td):
                    continue
                while (r, c) in grid:
                    c += 1
                rowspan = _span(td.get("rowspan"), len(rows) - r)
                colspan = _span(td.get("colspan"), MAX_SPAN)
                text, offsets = self.cell(td)
                anchor = offsets[0] if offsets else self._line_offset(td)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if (dr or dc) and (r + dr, c + dc) not in grid:
                            grid[(r + dr, c + dc)] = ("", [], anchor, False)
                grid[(r, c)] = (text, offsets, anchor, True)
                c += colspan
                width = max(width, c)
        for r, tr in enumerate(rows):
            fields = [grid.get((r, c)) for c in range(width)]
            if not any(fields):
                continue
            if self.builder.length:
                self.builder.add("\n" * max(1, self.breaks), None)
            self.breaks = 1
            anchor = next((f[2] for f in fields if f), self._line_offset(tr))
            for index, field in enumerate(fields):
                text, offsets, anchor, real = field if field else ("", [], anchor, False)
                if real and not text:
                    self.builder.blank_cells.add(self.builder.length)
                if text:
                    self.emit(text, offsets)
                if index < width - 1:
                    self.builder.add("\t", self.scanner.place(offsets[-1] if offsets else anchor))

    def _line_offset(self, node) -> int:
        line = node.sourceline or 1
        starts = self.scanner.line_starts
        return starts[min(line, len(starts)) - 1]


LAYOUT_CELL_TEXT = 1000     # a table cell with more text than this holds a page's content, not a value


def _lays_out_the_page(table) -> bool:
    """A table that lays out a page (older CMS templates put the navigation,
    the article and the footer in rows of one table), not a table of the
    report: one of its own cells holds another table or a page's worth of
    text. Its cells are read as blocks, one after the other."""
    for row in _rows(table):
        for cell in row:
            if _tag(cell) not in ("td", "th"):
                continue
            if next(cell.iter("table"), None) is not None:
                return True
            if len(" ".join(cell.text_content().split())) > LAYOUT_CELL_TEXT:
                return True
    return False


def _rows(table):
    """The table's own rows, in order (not those of a table nested in a cell)."""
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            for row in child:
                if _tag(row) == "tr":
                    yield row


def _span(value: str | None, limit: int) -> int:
    try:
        number = int((value or "1").strip().rstrip(";"))
    except ValueError:
        return 1
    if number < 1 or number > MAX_SPAN:
        return 1
    return min(number, max(1, limit))
