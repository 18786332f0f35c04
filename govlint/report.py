"""The report model: what a report's text is made of.

parse_report(document) finds, in one pass over the lines:
- the leading metadata block of a web page (索引号 / 发布机构 / 发文日期 …);
- the title (agency + year + 政府信息公开(工作)年度报告), possibly split over
  two lines or given only in the metadata block's 名称 field;
- the six sections: each heading's span, numbering and wording, and the body
  up to the next heading;
- tables: filled by the table reader (sections 二, 三, 四); empty until then.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from .document import Document, Span
from .headings import HeadingMatch, SectionSpec, match_heading, section_specs
from .patterns import lazy
from .text import SENTENCE_PUNCT, fold

METADATA_LABELS = ("索引号", "主题分类", "发布机构", "发文机关", "发文机构", "发文日期", "成文日期",
                   "发布日期", "发布时间", "效力状态", "文号", "发文字号", "名称", "标题", "公开方式",
                   "公开范围", "信息来源", "生效日期", "废止日期", "有效性", "所属机构", "分类")
_LABEL_RE = lazy(r"^[\[［【(（]?(%s)[\]］】)）]?[:：]?$" % "|".join(METADATA_LABELS))
_INLINE_LABEL_RE = lazy(r"(%s)[ \u3000]*[:：][ \u3000]*" % "|".join(
    "[ \u3000]*".join(label) for label in METADATA_LABELS))
_VALUE_END = lazy(r"\s{2,}|\t|(?=(?:%s)[ \u3000]*[:：])" % "|".join(
    "[ \u3000]*".join(label) for label in METADATA_LABELS))
_SEPARATOR_RE = lazy(r"^[\s\-|:：=]+$")
_PIPE = lazy(r"[|｜]")
_PUNCT = lazy("[%s]" % SENTENCE_PUNCT)
_TITLE_RE = lazy(
    r"^(?P<agency>.*?)(?:(?P<year>(?:19|20)\d{2})年度?)?(?P<gov>政府)?(?:政务)?信息公开(?P<work>工作)?(?:年度)?报告$")


class MetadataField(NamedTuple):
    label: str        # folded label, e.g. "发文日期"
    value: str
    label_span: Span
    value_span: Span


class Title(NamedTuple):
    text: str          # as written (lines joined)
    span: Span
    agency: str | None
    year: int | None
    from_metadata: bool


class Heading(NamedTuple):
    number: int                 # template section number 1..6
    spec: SectionSpec
    match: str                  # canonical / variant / keywords / fuzzy
    line: int                   # 1-based
    span: Span                  # the heading as written, numbering included
    text_span: Span             # the wording after the numbering
    numbering: str | None       # e.g. "二、", "2、", None
    numbering_span: Span | None
    numbering_value: int | None
    numbering_kind: str | None

    @property
    def canonical(self) -> str:
        return self.spec.heading


class Section(NamedTuple):
    heading: Heading
    body: Span                  # from the line after the heading to the next heading

    @property
    def number(self) -> int:
        return self.heading.number


@dataclass
class Report:
    document: Document
    metadata: list[MetadataField] = field(default_factory=list)
    metadata_span: Span | None = None
    title: Title | None = None
    front: Span = Span(0, 0)     # text before the first section (title, preamble)
    sections: list[Section] = field(default_factory=list)
    _tables: object = field(default=None, repr=False)
    _starts: list | None = field(default=None, repr=False)
    previous: Report | None = field(default=None, repr=False)   # last year's report of the same agency

    @property
    def tables(self):
        """The statistical tables (tables.Tables), read on first use."""
        if self._tables is None:
            from .tables import read_tables

            self._tables = read_tables(self)
        return self._tables

    @property
    def text(self) -> str:
        return self.document.text

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def table(self, numeral: str):
        """Table 二, 三 or 四 read into the template's grid, or None."""
        return self.tables.tables.get(numeral)

    def metadata_value(self, *labels: str) -> MetadataField | None:
        return next((f for f in self.metadata if f.label in labels), None)

    def section_at(self, offset: int) -> Section | None:
        """The section whose heading or body contains offset (by bisection:
        rules ask this for every line, and a file may hold many sections)."""
        starts = self._starts
        if starts is None or len(starts) != len(self.sections):
            starts = self._starts = [s.heading.span.start for s in self.sections]
        index = bisect_right(starts, offset) - 1
        return self.sections[index] if index >= 0 else None

    def in_table_section(self, offset: int) -> bool:
        section = self.section_at(offset)
        return bool(section and section.heading.spec.table and offset >= section.body.start)


def parse_report(document: Document, *, through: int | None = None) -> Report:
    """The report's structure. through: read headings only until the one
    after section `through` (the pairing pre-pass needs the title, the
    front matter and section 一, not the tables)."""
    report = Report(document=document)
    lines = document.lines
    start_line = _parse_metadata(report)
    headings = []
    reached = False
    for index in range(start_line, len(lines)):
        match = match_heading(lines[index])
        if match:
            headings.append(_heading(document, index + 1, match))
            if through is not None:
                if reached and match.number > through:
                    break
                reached = reached or match.number == through
    for i, heading in enumerate(headings):
        end = headings[i + 1].span.start if i + 1 < len(headings) else len(document.text)
        body_start = min(heading.span.end + 1, end) if heading.line < len(lines) else heading.span.end
        body_start = max(body_start, document.line_span(heading.line).end + 1) if heading.line < len(lines) else body_start
        report.sections.append(Section(heading=heading, body=Span(min(body_start, end), end)))
    front_start = report.metadata_span.end if report.metadata_span else 0
    front_end = headings[0].span.start if headings else len(document.text)
    report.front = Span(min(front_start, front_end), front_end)
    report.title = _find_title(report, start_line, headings[0].line - 1 if headings else len(lines))
    return report


def _heading(document: Document, line: int, match: HeadingMatch) -> Heading:
    base = document.line_starts[line - 1]
    spec = section_specs()[match.number - 1]
    start = match.numbering_start if match.numbering else match.text_start
    numbering_span = (Span(base + match.numbering_start, base + match.numbering_start + len(match.numbering))
                      if match.numbering else None)
    return Heading(number=match.number, spec=spec, match=match.match, line=line,
                   span=Span(base + start, base + match.text_end),
                   text_span=Span(base + match.text_start, base + match.text_end),
                   numbering=match.numbering, numbering_span=numbering_span,
                   numbering_value=match.numbering_value, numbering_kind=match.numbering_kind)


def _cells(line: str) -> list[tuple[int, str]]:
    """Split a metadata line into (column offset, cell text) on pipes."""
    cells, start = [], 0
    for piece in _PIPE.split(line):
        stripped = piece.strip()
        if stripped:
            cells.append((start + piece.index(stripped), stripped))
        start += len(piece) + 1
    return cells


def _parse_metadata(report: Report) -> int:
    """Read a leading metadata block; return the index of the first line after it."""
    document = report.document
    fields: list[MetadataField] = []
    last = -1
    for index, line in enumerate(document.lines[:40]):
        if not line.strip():
            continue
        if _SEPARATOR_RE.match(line):
            if fields:
                last = index
            continue
        found = _metadata_fields(document, index, line)
        if not found:
            break
        fields.extend(found)
        last = index
    if len({f.label for f in fields}) < 2:
        return 0
    report.metadata = fields
    report.metadata_span = Span(0, document.line_span(last + 1).end)
    return last + 1


def _metadata_fields(document: Document, index: int, line: str) -> list[MetadataField]:
    base = document.line_starts[index]
    cells = _cells(line)
    found = []
    if len(cells) >= 2:
        for i, (col, cell) in enumerate(cells):
            label = _LABEL_RE.match(fold(cell))
            if not label:
                continue
            value_col, value = (cells[i + 1] if i + 1 < len(cells) else (col + len(cell), ""))
            if value and _LABEL_RE.match(fold(value)):
                value_col, value = col + len(cell), ""
            found.append(MetadataField(label.group(1), value, Span(base + col, base + col + len(cell)),
                                       Span(base + value_col, base + value_col + len(value))))
        return found
    if ":" not in line and "：" not in line:
        return found            # an inline label needs its colon
    for match in _INLINE_LABEL_RE.finditer(line):
        rest = line[match.end():]
        value = _VALUE_END.split(rest)[0].strip()
        value_col = match.end() + (rest.index(value) if value else 0)
        label = "".join(match.group(1).split())
        found.append(MetadataField(label, value, Span(base + match.start(1), base + match.end(1)),
                                   Span(base + value_col, base + value_col + len(value))))
    return found


def parse_title(text: str) -> tuple[str | None, int | None] | None:
    """(agency, year) if text reads as a report title, else None."""
    folded = fold(text)
    match = _TITLE_RE.match(folded)
    if not match:
        return None
    agency = match.group("agency") or None
    year = int(match.group("year")) if match.group("year") else None
    if agency and _PUNCT.search(agency):
        return None
    if agency and len(agency) > 40:
        return None
    return agency, year


def _find_title(report: Report, start_line: int, end_line: int) -> Title | None:
    document = report.document
    candidates = [i for i in range(start_line, end_line) if document.lines[i].strip()]
    for n, index in enumerate(candidates):
        line = document.lines[index]
        parsed = parse_title(line)
        span = _trimmed(document, index)
        text = line.strip()
        if parsed is None and n + 1 < len(candidates) and parse_title(document.lines[candidates[n + 1]]) is None:
            # A title broken over two lines.
            nxt = candidates[n + 1]
            parsed = parse_title(line + document.lines[nxt])
            if parsed is not None:
                span = Span(span.start, _trimmed(document, nxt).end)
                text = line.strip() + document.lines[nxt].strip()
        if parsed is None:
            continue
        agency, year = parsed
        if agency is None and n > 0:
            previous = document.lines[candidates[n - 1]].strip()
            if len(previous) <= 30 and not _PUNCT.search(previous):
                agency = fold(previous)
        return Title(text=text, span=span, agency=agency, year=year, from_metadata=False)
    named = report.metadata_value("名称", "标题")
    if named and parse_title(named.value):
        agency, year = parse_title(named.value)
        return Title(text=named.value, span=named.value_span, agency=agency, year=year, from_metadata=True)
    return None


def _trimmed(document: Document, index: int) -> Span:
    line = document.lines[index]
    start = document.line_starts[index] + len(line) - len(line.lstrip())
    return Span(start, document.line_starts[index] + len(line.rstrip()))
