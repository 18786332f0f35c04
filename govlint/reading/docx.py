"""Word .docx → text: paragraphs as lines, tables as tab-separated rows.

The package is opened with python-docx (which validates it: a truncated
file or another Office format fails there) and the body's XML is walked in
document order:
- paragraphs: runs' text, tabs, line breaks; automatic list numbering
  ("一、", "（一）", "1.") as Word shows it; hidden text, text boxes,
  drawings, footnote marks and field codes are left out, field results
  kept (so Word's "错误！未定义书签。" is seen as in a text copy);
- tables: one line per row, a cell per tab-separated field. A cell merged
  across columns (gridSpan) or rows (vMerge) gives its text to its
  top-left field and leaves the fields it covers empty, as a text copy of
  the table does; rows are padded to the table's grid. Paragraphs inside a
  cell are one label ("商业" / "企业" → "商业企业");
- Word's leftovers: the _GoBack bookmark (the cursor's last position,
  which Word keeps) is written "[bookmark: _GoBack]" where it sits, as text
  converters write it; unaccepted tracked changes and comments are
  reported through the artifact rule (A001) at their place. Bookmarks
  Word manages itself (_Toc…, _Hlk…, _Ref…) and the user's own are not
  leftovers and are not shown;
- headers and footers are not part of the text (they are page furniture,
  not report content).

Locations: body paragraphs are numbered from 1 in document order (empty
ones count, table paragraphs do not); tables from 1, rows from 1, and
columns as the cells of that row from the left. The page is given when
Word recorded where its pages broke (w:lastRenderedPageBreak, written on
every save) or the document has explicit page breaks.
"""
from __future__ import annotations

import io

from govlint.model.document import Document
from govlint.reading.locations import Place, TextBuilder, joiner

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_VAL = W + "val"
SHOWN_BOOKMARKS = ("_GoBack",)
_CONTAINERS = {W + name for name in ("hyperlink", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")}
_SKIPPED_RUN_CHILDREN = {W + name for name in ("instrText", "delInstrText", "drawing", "pict", "object",
                                               "footnoteReference", "endnoteReference", "annotationRef",
                                               "rPr", "commentReference")}


def read(data: bytes, path: str, encoding: str | None = None, limit: int | None = None) -> Document:
    import docx  # python-docx: opens and checks the package
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    _check_unpacked_size(data, limit)
    try:
        word = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise _damaged(exc) from None
    body = word.element.body
    comments = {}
    numbering = None
    for rel in word.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.COMMENTS:
            comments = _comments(rel.target_part.blob)
        elif rel.reltype == RT.NUMBERING:
            numbering = _Numbering(rel.target_part.element, word.styles.element)
    walker = _Walker(body, comments, numbering)
    walker.block(body)
    builder = walker.builder
    text = builder.text()
    if not text.strip():
        from govlint.reading.source import InputError

        raise InputError("E013", "no-text", ".docx 文件中没有文字（可能只有图片或文本框）：请检查是否选错了文件")
    document = Document(path=path, text=text)
    document.origin = builder.origin("docx")
    return document


def _check_unpacked_size(data: bytes, limit: int | None) -> None:
    """E005 when the package's parts, unpacked, are larger than the size
    limit: python-docx unpacks and parses them all, so a small file of
    highly compressed XML (a "zip bomb") would otherwise take gigabytes of
    memory and minutes. The sizes the package declares are what zipfile
    unpacks at most."""
    import zipfile

    from govlint.reading.source import MAX_FILE_SIZE, InputError, format_size

    limit = MAX_FILE_SIZE if limit is None else limit
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
    except Exception:
        return       # not a readable package: python-docx says what is wrong with it
    if unpacked > limit:
        raise InputError("E005", "file-too-large",
                         f".docx 解压后有 {unpacked / 1024 ** 2:.1f} MB，超过 {format_size(limit)} 的上限，未检查："
                         "可用 --max-file-size 调高")


def _damaged(exc: Exception):
    from govlint.reading.source import InputError

    name = type(exc).__name__
    if name == "BadZipFile" or "zip" in str(exc).lower():
        message = ".docx 文件已损坏（ZIP 包不完整，可能没有下载或保存完整）：请用 Word 或 WPS 重新保存，或重新下载"
    elif name == "PackageNotFoundError":
        message = "不是有效的 .docx 文件（打不开 Word 文档包）：请用 Word 或 WPS 另存为 .docx"
    else:
        message = f"不是有效的 .docx 文件（{name}: {str(exc)[:120]}）：请用 Word 或 WPS 另存为 .docx"
    return InputError("E011", "damaged-file", message.replace("\n", " "))


def _comments(blob: bytes) -> dict[str, str]:
    from lxml import etree

    root = etree.fromstring(blob)
    out = {}
    for comment in root.iter(W + "comment"):
        text = "".join(t.text or "" for t in comment.iter(W + "t"))
        out[comment.get(W + "id")] = " ".join(text.split())
    return out


def _quote(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class _Inline:
    """The text of one paragraph or cell as it is collected, with the
    leftovers found in it (offsets relative to the piece)."""

    __slots__ = ("parts", "length", "artifacts", "comment_starts", "first_page")

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.artifacts: list[tuple[int, int, str]] = []
        self.comment_starts: dict[str, int] = {}
        self.first_page = None

    def add(self, text: str, page: int) -> None:
        if text:
            if self.first_page is None and text.strip():
                self.first_page = page
            self.parts.append(text)
            self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class _Walker:
    def __init__(self, body, comments: dict[str, str], numbering):
        self.builder = TextBuilder()
        self.comments = comments
        self.numbering = numbering
        self.paragraph = 0
        self.table = 0
        self.page = 1
        rendered = next(body.iter(W + "lastRenderedPageBreak"), None) is not None
        explicit = not rendered and (any(br.get(W + "type") == "page" for br in body.iter(W + "br"))
                                     or next(body.iter(W + "pageBreakBefore"), None) is not None)
        self.rendered_breaks = rendered
        self.explicit_breaks = explicit
        self.pages_known = rendered or explicit
        self.fields: list[str] = []          # complex fields open: "code" until separate, then "result"

    # ---------------------------------------------------------------- blocks

    def block(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self.body_paragraph(child)
            elif tag == W + "tbl":
                self.body_table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.block(content)
            elif tag == W + "customXml":
                self.block(child)

    def _page(self) -> int | None:
        return self.page if self.pages_known else None

    def body_paragraph(self, p) -> None:
        self.paragraph += 1
        inline = _Inline()
        self._paragraph_page_break(p)
        self.label(p, inline)
        self.inline(p, inline)
        text = inline.text()
        page = inline.first_page if inline.first_page is not None else self.page
        place = Place(paragraph=self.paragraph, page=page if self.pages_known else None)
        self._emit(text, inline.artifacts, place)
        self.builder.newline()
        if not text:
            self.builder.add("\n", place)
        self._section_break(p)

    def _emit(self, text: str, artifacts, place: Place) -> None:
        base = self.builder.length
        self.builder.add(text, place)
        for start, end, message in artifacts:
            self.builder.artifacts.append((base + start, base + end, message))

    def body_table(self, tbl) -> None:
        self.table += 1
        number = self.table
        grid = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        self.builder.newline()
        for row_number, tr in enumerate(_children(tbl, "tr"), 1):
            fields: list[tuple[str, list, Place, bool]] = []     # text, artifacts, place, a real cell
            props = tr.find(W + "trPr")
            before = _int(props, "gridBefore") if props is not None else 0
            first = Place(table=number, row=row_number, cell=1, page=self._page())
            fields.extend(("", [], first, False) for _ in range(before))
            for cell_number, tc in enumerate(_children(tr, "tc"), 1):
                place = Place(table=number, row=row_number, cell=cell_number, page=self._page())
                tc_props = tc.find(W + "tcPr")
                span = max(1, _int(tc_props, "gridSpan", 1)) if tc_props is not None else 1
                merge = tc_props.find(W + "vMerge") if tc_props is not None else None
                hmerge = tc_props.find(W + "hMerge") if tc_props is not None else None
                continued = (merge is not None and merge.get(_W_VAL, "continue") != "restart") or (
                    hmerge is not None and hmerge.get(_W_VAL, "continue") != "restart")
                if continued:
                    fields.append(("", [], place, False))
                else:
                    text, artifacts = self.cell(tc)
                    fields.append((text, artifacts, place, True))
                fields.extend(("", [], place, False) for _ in range(span - 1))
            while len(fields) < grid:
                fields.append(("", [], fields[-1][2] if fields else first, False))
            for index, (text, artifacts, place, real) in enumerate(fields):
                if real and not text:
                    self.builder.blank_cells.add(self.builder.length)
                self._emit(text, artifacts, place)
                self.builder.add("\t" if index < len(fields) - 1 else "\n", place)

    def cell(self, tc) -> tuple[str, list]:
        """A cell's text on one line: its paragraphs (and the cells of a
        table nested in it) joined as one label."""
        inline = _Inline()
        self._cell_content(tc, inline)
        return _one_line(inline.text(), inline.artifacts)

    def _cell_content(self, container, inline: _Inline) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                if inline.length:
                    inline.add("\n", self.page)
                self._paragraph_page_break(child)
                self.label(child, inline)
                self.inline(child, inline)
                self._section_break(child)
            elif tag == W + "tbl":
                for tr in _children(child, "tr"):
                    for tc in _children(tr, "tc"):
                        if inline.length:
                            inline.add("\n", self.page)
                        self._cell_content(tc, inline)
            elif tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent") if tag == W + "sdt" else child
                if content is not None:
                    self._cell_content(content, inline)

    # ---------------------------------------------------------------- pages

    def _paragraph_page_break(self, p) -> None:
        if self.explicit_breaks:
            props = p.find(W + "pPr")
            if props is not None and props.find(W + "pageBreakBefore") is not None \
                    and props.find(W + "pageBreakBefore").get(_W_VAL, "true") not in ("0", "false", "off"):
                self.page += 1

    def _section_break(self, p) -> None:
        if not self.explicit_breaks:
            return
        props = p.find(W + "pPr")
        section = props.find(W + "sectPr") if props is not None else None
        if section is not None:
            kind = section.find(W + "type")
            if kind is None or kind.get(_W_VAL) in ("nextPage", "oddPage", "evenPage", None):
                self.page += 1

    # ---------------------------------------------------------------- inline

    def label(self, p, inline: _Inline) -> None:
        """Automatic list numbering as Word shows it ("一、", "（二）", "3.")."""
        if self.numbering is None:
            return
        text = self.numbering.label(p)
        if text:
            inline.add(text, self.page)

    def inline(self, element, inline: _Inline) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self.run(child, inline)
            elif tag in _CONTAINERS:
                self.inline(child, inline)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, inline)
            elif tag == W + "ins":
                start = inline.length
                self.inline(child, inline)
                inserted = "".join(inline.parts)[start:] if inline.length > start else ""
                if inserted.strip():
                    inline.artifacts.append((start, inline.length,
                                             f"未处理的修订（插入“{_quote(inserted)}”）：请在 Word 中接受或拒绝修订"))
            elif tag in (W + "del", W + "moveFrom"):
                deleted = "".join(t.text or "" for t in child.iter(W + "delText", W + "t"))
                if deleted.strip():
                    inline.artifacts.append((inline.length, inline.length,
                                             f"未处理的修订（删除“{_quote(deleted)}”）：请在 Word 中接受或拒绝修订"))
            elif tag == W + "bookmarkStart":
                name = child.get(W + "name") or ""
                if name in SHOWN_BOOKMARKS:
                    inline.add(f"[bookmark: {name}]", self.page)
            elif tag == W + "commentRangeStart":
                inline.comment_starts[child.get(W + "id")] = inline.length
            elif tag == W + "commentRangeEnd":
                key = child.get(W + "id")
                start = inline.comment_starts.pop(key, inline.length)
                inline.comment_starts[f"done:{key}"] = start
                self._comment(inline, key, start)
            elif tag == W + "pPr":
                continue

    def _comment(self, inline: _Inline, key: str, start: int) -> None:
        text = self.comments.get(key, "")
        shown = f"“{_quote(text)}”" if text else ""
        inline.artifacts.append((start, max(start, inline.length), f"Word 批注残留{shown}：请删除批注"))

    def run(self, r, inline: _Inline) -> None:
        props = r.find(W + "rPr")
        hidden = props is not None and _on(props.find(W + "vanish"))
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self.fields.append("code")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == W + "lastRenderedPageBreak":
                if self.rendered_breaks:
                    self.page += 1
                continue
            if tag == W + "commentReference":
                key = child.get(W + "id")
                if f"done:{key}" not in inline.comment_starts:
                    self._comment(inline, key, inline.length)
                continue
            if tag in _SKIPPED_RUN_CHILDREN or hidden or "code" in self.fields:
                continue
            if tag == W + "t":
                inline.add(child.text or "", self.page)
            elif tag in (W + "tab", W + "ptab"):
                inline.add("\t", self.page)
            elif tag == W + "br":
                kind = child.get(W + "type")
                if kind == "page":
                    if self.explicit_breaks:
                        self.page += 1
                elif kind != "column":
                    inline.add("\n", self.page)
            elif tag == W + "cr":
                inline.add("\n", self.page)
            elif tag == W + "noBreakHyphen":
                inline.add("-", self.page)
            elif tag == W + "sym":
                code = child.get(W + "char") or ""
                try:
                    inline.add(chr(int(code, 16)), self.page)
                except ValueError:
                    pass


def _children(element, name: str):
    """Rows of a table or cells of a row, also when wrapped in a content
    control or custom XML."""
    for child in element:
        if child.tag == W + name:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _children(content, name)


def _int(props, name: str, default: int = 0) -> int:
    element = props.find(W + name) if props is not None else None
    if element is None:
        return default
    try:
        return int(element.get(_W_VAL, default))
    except ValueError:
        return default


def _on(element) -> bool:
    return element is not None and element.get(_W_VAL, "true") not in ("0", "false", "off")


def _one_line(text: str, artifacts: list) -> tuple[str, list]:
    """A cell's paragraphs and line breaks joined into one label (nothing
    between Chinese characters, a space between Latin words), tabs made
    spaces; artifact offsets follow."""
    if "\n" not in text and "\t" not in text:
        return text, artifacts
    out: list[str] = []
    moved: list[int] = []           # old offset → new offset
    pending = False                 # a break seen since the last character kept
    for ch in text:
        moved.append(len(out))
        if ch == "\n":
            pending = bool(out)
            continue
        if ch == "\t":
            ch = " "
        if pending:
            if ch in " \u3000":
                continue
            while out and out[-1] in " \u3000":
                out.pop()
            if out:
                out.extend(joiner(out[-1], ch))
            moved[-1] = len(out)
            pending = False
        out.append(ch)
    moved.append(len(out))
    size = len(out)
    return "".join(out), [(min(moved[s], size), min(moved[e], size), m) for s, e, m in artifacts]


# -------------------------------------------------------------------- numbering

_CHINESE = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CHINESE[n]
    if n < 20:
        return "十" + (_CHINESE[n % 10] if n % 10 else "")
    if n < 100:
        return _CHINESE[n // 10] + "十" + (_CHINESE[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    """Word's automatic numbering (numbering.xml): the label a numbered
    paragraph shows, counted as Word counts it."""

    def __init__(self, root, styles=None):
        # Paragraph styles that number their paragraphs (a heading style
        # with "一、" numbering): style id → (numId, ilvl), through basedOn.
        self.styles: dict[str, tuple[str, str]] = {}
        if styles is not None:
            own, based = {}, {}
            for style in styles.iter(W + "style"):
                ident = style.get(W + "styleId")
                num = style.find(f"{W}pPr/{W}numPr")
                if num is not None and num.find(W + "numId") is not None:
                    level = num.find(W + "ilvl")
                    own[ident] = (num.find(W + "numId").get(_W_VAL),
                                  level.get(_W_VAL) if level is not None else "0")
                parent = style.find(W + "basedOn")
                if parent is not None:
                    based[ident] = parent.get(_W_VAL)
            for ident in set(own) | set(based):
                seen, current = set(), ident
                while current is not None and current not in own and current not in seen:
                    seen.add(current)
                    current = based.get(current)
                if current in own:
                    self.styles[ident] = own[current]
        self.abstract = {}
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for level in abstract.iter(W + "lvl"):
                levels[level.get(W + "ilvl", "0")] = level
            self.abstract[abstract.get(W + "abstractNumId")] = levels
        self.nums = {}
        self.overrides = {}
        for num in root.iter(W + "num"):
            ident = num.get(W + "numId")
            ref = num.find(W + "abstractNumId")
            self.nums[ident] = ref.get(_W_VAL) if ref is not None else None
            for override in num.iter(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    self.overrides[(ident, override.get(W + "ilvl", "0"))] = int(start.get(_W_VAL, "1"))
        self.counters: dict[str, dict[int, int]] = {}

    def _props(self, p):
        props = p.find(W + "pPr")
        if props is None:
            return None
        num = props.find(W + "numPr")
        if num is None:
            style = props.find(W + "pStyle")
            return self.styles.get(style.get(_W_VAL)) if style is not None else None
        ident = num.find(W + "numId")
        level = num.find(W + "ilvl")
        if ident is None:
            return None
        return ident.get(_W_VAL), (level.get(_W_VAL) if level is not None else "0")

    def label(self, p) -> str:
        found = self._props(p)
        if not found:
            return ""
        ident, level = found
        abstract = self.abstract.get(self.nums.get(ident))
        if not abstract or level not in abstract or ident == "0":
            return ""
        lvl = abstract[level]
        depth = int(level)
        counters = self.counters.setdefault(self.nums.get(ident), {})
        start = self.overrides.get((ident, level), _int(lvl, "start", 1))
        counters[depth] = counters.get(depth, start - 1) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        fmt_element = lvl.find(W + "numFmt")
        text_element = lvl.find(W + "lvlText")
        template = text_element.get(_W_VAL, "") if text_element is not None else ""
        for d in range(depth + 1):
            d_lvl = abstract.get(str(d))
            d_fmt = d_lvl.find(W + "numFmt").get(_W_VAL, "decimal") if d_lvl is not None and \
                d_lvl.find(W + "numFmt") is not None else "decimal"
            if d == depth and fmt_element is not None:
                d_fmt = fmt_element.get(_W_VAL, "decimal")
            value = counters.get(d, _int(d_lvl, "start", 1) if d_lvl is not None else 1)
            template = template.replace(f"%{d + 1}", _format(value, d_fmt))
        if not template:
            return ""
        suffix = lvl.find(W + "suff")
        kind = suffix.get(_W_VAL, "tab") if suffix is not None else "tab"
        if kind == "nothing" or not template[-1].isascii() or not template[-1].isalnum() and template[-1] in "、.．)）":
            return template
        return template + " "
