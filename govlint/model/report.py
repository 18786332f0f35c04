"""The report model: what a report's text is made of.

parse_report(document) finds:
- the leading metadata block of a web page (索引号 / 发布机构 / 发文日期 …) or
  of a crawler (标题: / 发布时间: / 原文链接: …), and the page's own fields
  (来源 / 时间) before the first section;
- the title (agency + year + 政府信息公开(工作)年度报告), possibly split over
  two lines, run into the text around it, or given only in the metadata
  block's 名称 / 标题 field;
- the six sections: each heading's span, numbering and wording, and the body
  up to the next heading.

That is the report's structure. The readings that rules share (tables,
periods, narrative) are its parts (govlint/model/parts.py), declared below
as properties: parse_report reads none of them; the engine builds those
the selected rules need before they run (govlint/model/build.py), and any
other reader gets one on first use.

Line breaks are hints, never requirements: a heading on a line of its own
is certain, one inside a line (headings.inline_headings) is taken when it
fits among the others in the template's order, so a report crawled onto a
single line has the same structure as its lined copy.
"""

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple


from govlint.model.document import Document, Span
from govlint.model.headings import HeadingMatch, SectionSpec, inline_headings, match_heading, section_of_wording, section_specs
from govlint.patterns import MULTILINE, compile_re, lazy
from govlint.model.parts import PartNotBuilt
from govlint.model.text import SENTENCE_PUNCT, chinese_numeral, fold, fold_map

if TYPE_CHECKING:
    from govlint.model.language import Stream
    from govlint.model.narrative import Narrative
    from govlint.model.periods import Periods
    from govlint.model.tables import Tables

METADATA_LABELS = ("索引号", "主题分类", "发布机构", "发文机关", "发文机构", "发文日期", "成文日期",
                   "发布日期", "发布时间", "效力状态", "文号", "发文字号", "名称", "标题", "公开方式",
                   "公开范围", "信息来源", "生效日期", "废止日期", "有效性", "所属机构", "分类",
                   "原文链接", "原文地址", "来源链接", "网址", "链接", "来源", "时间", "采集时间", "抓取时间")
_LABEL_RE = lazy(r"^[\[［【(（]?(%s)[\]］】)）]?[:：]?$" % "|".join(METADATA_LABELS))
_INLINE_LABEL_RE = lazy(r"(%s)[ \u3000]*[:：][ \u3000]*" % "|".join(
    "[ \u3000]*".join(label) for label in METADATA_LABELS))
_VALUE_END = lazy(r"\s{2,}|\t|[-—=]{2,}|[ \u3000](?=[^\s：:\d]{1,8}[：:])|(?<=https?://[\x21-\x7e]+)(?=[^\x21-\x7e])|(?=(?:%s)[ \u3000]*[:：])" % "|".join(
    "[ \u3000]*".join(label) for label in METADATA_LABELS))
_LIST_GAP = " \t\u3000\n，、；,;"
_SEPARATOR_RE = lazy(r"^[\s\-—|:：=]*(?:正\s*文)?[\s\-—|:：=]*$")
# What may close a metadata block on its last line: pipes, and a crawler's
# "———— 正文 ————" rule before the report's text.
_BLOCK_TAIL = lazy(r"[\s|｜]*(?:[-—=]{2,}[ \t\u3000]*正[ \t\u3000]*文[ \t\u3000]*[-—=]{2,}[\s|｜]*)?")
_FIELD_GAP = " \t\u3000|｜"
MAX_BLOCK_LINE = 4000
MAX_VALUE_LINE = 60       # a field's value on the line after its label
# Page information in the front matter (a date or a source after a colon);
# a label glued to a word before it ("统计时间：") is prose, not a field.
_PAGE_FIELD = lazy(
    r"(?<![\p{Han}])(?P<label>发布时间|发布日期|发表日期|发文日期|成文日期|更新时间|时间|日期|来源|信息来源|发布机构)"
    r"[ \t\u3000]*[:：][ \t\u3000]*"
    r"(?P<value>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ \t\u3000]+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|(?<=来源[ \t\u3000]*[:：][ \t\u3000]*|发布机构[ \t\u3000]*[:：][ \t\u3000]*)[\p{Han}（）()]{2,30}?(?=[ \t\u3000|｜]|$|时间|日期|发布))")
_PUNCT = lazy("[%s]" % SENTENCE_PUNCT)
# agency + year + 政府信息公开工作年度报告, the year also in front of the agency
# ("2022年上海市政府信息公开工作年度报告", "2022度…" with 年 dropped) or in
# brackets after it ("…年度报告(2023年度)").
# A year in digits or in Chinese numerals ("二〇二三年"); in brackets after the
# title also without 年 ("…年度报告（2023）").
_TITLE_YEAR_FORM = r"(?:19|20)\d{2}|二[〇零○O][〇零○O一二三四五六七八九]{2}"
_TITLE_RE = lazy(
    r"^(?:(?P<lead>" + _TITLE_YEAR_FORM + r")(?:年度?|度))?(?P<agency>.*?)(?:(?P<year>" + _TITLE_YEAR_FORM
    + r")年度?)?(?P<gov>政府)?(?:政务)?"
    r"信息公开(?P<work>工作)?(?:年度)?报告(?:\((?P<tail>" + _TITLE_YEAR_FORM + r")(?:年度?)?\))?$")
_ZH_YEAR_DIGITS = {"〇": "0", "零": "0", "○": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}


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
    alone: bool = True          # the heading is its line (else found inside a line)

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
    """A report's structure: its metadata fields, title, front matter and
    sections, read from its document."""
    document: Document
    metadata: list[MetadataField] = field(default_factory=list)
    metadata_span: Span | None = None
    title: Title | None = None
    front: Span = Span(0, 0)     # text before the first section (title, preamble)
    sections: list[Section] = field(default_factory=list)
    _starts: list | None = field(default=None, repr=False)
    previous: "Report | None" = field(default=None, repr=False)   # last year's report of the same agency

    # The parts (model/parts.py), read through the properties below: built
    # before the rules by model/build.py, or on first read. failures: the
    # parts whose reading raised, with the error (read once, never retried).
    _built: dict[str, Any] = field(default_factory=dict, repr=False)
    failures: dict[str, BaseException] = field(default_factory=dict, repr=False)
    # While a rule runs, the parts it may read (its needs and the parts they
    # are read from); None: every part.
    allowed: frozenset[str] | None = field(default=None, repr=False)

    # Readings of the structure the model keeps once computed, each by the
    # function named (not parts: cheap, and free of the tables).
    _prose_spans: list | None = field(default=None, repr=False)       # language.prose_spans
    _prose: "Stream | None" = field(default=None, repr=False)         # language.prose
    _spaces: list | None = field(default=None, repr=False)            # language.spaces
    _digit_spaces: list | None = field(default=None, repr=False)      # language.spaces(digits=True)
    _pagination: list | None = field(default=None, repr=False)        # pages.pagination
    _page_lines: frozenset | None = field(default=None, repr=False)   # pages.page_lines
    _hint_lines: list | None = field(default=None, repr=False)        # pages.hint_lines
    _unwrapped: str | None = field(default=None, repr=False)          # pages.unwrapped
    _missing_body: Any = field(default=False, repr=False)             # body.missing_body (False: not read)
    _ordinal_lists: list | None = field(default=None, repr=False)     # lists.ordinal_lists

    # ----------------------------------------------------------------
    # The parts

    @property
    def tables(self) -> "Tables":
        """The statistical tables (tables.Tables)."""
        return self.part("tables")

    @property
    def periods(self) -> "Periods":
        """The reporting year, the statistical period and the publication date."""
        return self.part("periods")

    @property
    def narrative(self) -> "Narrative":
        """What the prose states, and the table cells each statement is about."""
        return self.part("narrative")

    def part(self, name: str):
        """Part name, read on first use. Raises PartNotBuilt when a rule
        that did not declare it asks, or when reading it failed."""
        if self.allowed is not None and name not in self.allowed:
            raise PartNotBuilt(name)
        try:
            return self._built[name]
        except KeyError:
            pass
        if name in self.failures:
            raise PartNotBuilt(name, self.failures[name])
        value = self._built[name] = _read_part(name, self)
        return value

    # ----------------------------------------------------------------

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


def _read_part(name: str, report: Report):
    """Read part name of report (the model's readers, imported on use: the
    structure alone must not load the table reader)."""
    if name == "tables":
        from govlint.model.tables import read_tables

        return read_tables(report)
    if name == "periods":
        from govlint.model.periods import read_periods

        return read_periods(report)
    if name == "narrative":
        from govlint.model.narrative import read_narrative

        return read_narrative(report)
    raise PartNotBuilt(name)


def parse_report(document: Document, *, through: int | None = None) -> Report:
    """The report's structure. through: read headings only until the one
    after section `through` (the pairing pre-pass needs the title, the
    front matter and section 一, not the tables)."""
    report = Report(document=document)
    lines = document.lines
    body_start = _parse_metadata(report)
    first_line = document.line_of(body_start) - 1
    if body_start > document.line_starts[first_line]:
        first_line += 1         # the block ends inside a line: the rest is read inline
    headings = []
    reached = False
    stop = len(document.text)
    for index in range(first_line, len(lines)):
        match = match_heading(lines[index])
        if match:
            headings.append(_heading(document, index + 1, match))
            if through is not None:
                if reached and match.number > through:
                    stop = headings[-1].span.start
                    break
                reached = reached or match.number == through
    # Reading through a section, once the next section's heading is found
    # on a line of its own: when every section before it has a line of its
    # own too, no heading inside a line or numbered like a sub-heading could
    # be added (each adds only a missing section, in order) — the pairing
    # pre-pass of most reports stops here.
    complete = (through is not None and stop < len(document.text)
                and {h.number for h in headings} >= set(range(1, through + 1)))
    if not complete:
        headings = _with_inline(document, headings, body_start, stop)
        headings = _with_parenthesised(document, headings, body_start, stop)
    for i, heading in enumerate(headings):
        end = headings[i + 1].span.start if i + 1 < len(headings) else len(document.text)
        start = heading.span.end
        if heading.alone:
            start = document.line_span(heading.line).end + 1
        report.sections.append(Section(heading=heading, body=Span(min(start, end), end)))
    front_end = headings[0].span.start if headings else len(document.text)
    report.front = Span(min(body_start, front_end), front_end)
    _page_fields(report)
    report.title = _find_title(report)
    return report


def _with_inline(document: Document, headings: list[Heading], start: int, stop: int) -> list[Heading]:
    """The headings on lines of their own, and those found inside lines
    that fit among them: in template order, each section once, none of
    them an item of a list of section names."""
    if len({h.number for h in headings}) == 6:
        return headings         # every section has its own line: none can be added
    taken = sorted((h.span.start, h.span.end) for h in headings)
    taken_starts = [a for a, _ in taken]

    def overlaps(candidate) -> bool:
        i = bisect_right(taken_starts, candidate.text_end) - 1     # the last heading starting before its end
        return i >= 0 and taken[i][1] > candidate.numbering_start

    candidates = [c for c in inline_headings(document.text, start, stop) if not overlaps(c)]
    candidates = _drop_lists(document.text, candidates)
    if not candidates:
        return headings
    present = {h.number for h in headings}
    anchors = sorted(headings, key=lambda h: h.span.start)
    starts = [h.span.start for h in anchors]
    most_before = list(accumulate((h.number for h in anchors), max))
    least_after = list(accumulate((h.number for h in reversed(anchors)), min))[::-1]
    fitting = []
    for candidate in candidates:
        if candidate.number in present:
            continue
        i = bisect_right(starts, candidate.text_start)
        if (i == 0 or most_before[i - 1] < candidate.number) and \
                (i == len(anchors) or least_after[i] > candidate.number):
            fitting.append(candidate)
    chosen = _longest_increasing(fitting)
    inline = [_inline_heading(document, c) for c in chosen]
    return sorted(headings + inline, key=lambda h: h.span.start)


_PAREN_HEADING = lazy(r"^[ \t\u3000]*(?P<numbering>[(（][ \t\u3000]*(?P<numeral>[一二三四五六])[ \t\u3000]*[)）])"
                      r"[ \t\u3000]*(?P<wording>[^\t|｜]{2,40}?)[ \t\u3000。]*$", MULTILINE)


def _with_parenthesised(document: Document, headings: list[Heading], start: int, stop: int) -> list[Heading]:
    """Sections numbered like sub-headings, "（二）主动公开政府信息情况": a
    line worded exactly as a section, whose numeral is that section's, is
    its heading when the section has none and the line stands where it
    belongs, between the headings found. (Elsewhere a "（一）…" line is a
    sub-heading: section 一 often has "（一）主动公开情况".)"""
    present = {h.number for h in headings}
    if len(present) == 6:
        return headings
    found = []
    for match in _PAREN_HEADING.finditer(document.text, start, stop):
        number = chinese_numeral(match.group("numeral"))
        form = section_of_wording(match.group("wording"))
        if form is None or form[0] != number or number in present:
            continue
        at = match.start("numbering")
        before = [h.number for h in headings if h.span.start < at]
        after = [h.number for h in headings if h.span.start > at]
        if (before and max(before) > number) or (after and min(after) < number):
            continue
        present.add(number)
        line = document.line_of(at)
        found.append(Heading(number=number, spec=section_specs()[number - 1], match="canonical" if form[1] else "variant",
                             line=line, span=Span(at, match.end("wording")),
                             text_span=Span(match.start("wording"), match.end("wording")),
                             numbering=match.group("numbering"), numbering_span=Span(at, match.end("numbering")),
                             numbering_value=number, numbering_kind="paren"))
    return sorted(headings + found, key=lambda h: h.span.start) if found else headings


def _drop_lists(text: str, candidates: list) -> list:
    """Leave out runs of three or more headings with nothing between them:
    an introduction listing the six parts by their numbered names."""
    runs, current = [], []
    for candidate in candidates:
        if current and text[current[-1].text_end:candidate.numbering_start].strip(_LIST_GAP):
            runs.append(current)
            current = []
        current.append(candidate)
    runs.append(current)
    return [c for run in runs if len(run) < 3 for c in run]


def _longest_increasing(candidates: list) -> list:
    """The most candidates whose section numbers increase with position
    (of chains as long, the one that ends first). Section numbers are 1 to
    6, so the longest chain ending in each number is all there is to keep."""
    best: dict[int, list] = {}
    for candidate in candidates:
        before = max((best[n] for n in best if n < candidate.number), key=len, default=[])
        if len(before) + 1 > len(best.get(candidate.number, ())):
            best[candidate.number] = before + [candidate]
    chains = sorted(best.values(), key=lambda c: (-len(c), c[-1].text_start))
    return chains[0] if chains else []


def _inline_heading(document: Document, found) -> Heading:
    spec = section_specs()[found.number - 1]
    start = found.numbering_start
    return Heading(number=found.number, spec=spec, match=found.match, line=document.line_of(start),
                   span=Span(start, found.text_end), text_span=Span(found.text_start, found.text_end),
                   numbering=found.numbering,
                   numbering_span=Span(start, found.numbering_end) if found.numbering else None,
                   numbering_value=found.numbering_value, numbering_kind=found.numbering_kind, alone=False)


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
    if "|" not in line and "｜" not in line:
        # No pipe (most lines; a run-together page's whole text): one cell.
        # The regex split scanned such a line character by character. The
        # cell starts after the leading spaces (line.index(stripped) found
        # the same offset by searching the line for the whole of itself).
        stripped = line.strip()
        return [(len(line) - len(line.lstrip()), stripped)] if stripped else []
    # Each cell's text is found as it stands, stripped, by one search in C:
    # a run-together page's pipe rows are one line of a thousand bars, most
    # cells empty, which a loop over the pieces of a split read one by one.
    return [(found.start(), found.group()) for found in _CELL_TEXT.finditer(line)]


# A cell's text between bars, without the whitespace around it (re's \s is
# str.strip's whitespace).
_CELL_TEXT = compile_re(r"[^|｜\s](?:[^|｜]*[^|｜\s])?")


def _parse_metadata(report: Report) -> int:
    """Read a leading metadata block (a web page's 索引号 / 发布机构 / 发文日期
    table, a crawler's 标题: / 发布时间: / 原文链接: header); return the
    offset where the report's own text begins. The block may end inside a
    line when the page's text was run together."""
    document = report.document
    fields: list[MetadataField] = []
    end = 0
    waiting = False         # the last field's label stood alone on its line: its value may follow
    for index, line in enumerate(document.lines[:40]):
        base = document.line_starts[index]
        line = line[:MAX_BLOCK_LINE]        # a run-together page: the block is at its start
        if not line.strip():
            continue
        if _SEPARATOR_RE.match(line):
            if fields:
                end = base + len(line)
            continue
        found = _metadata_fields(document, index, line)
        if not found and waiting and len(line.strip()) <= MAX_VALUE_LINE and not _PUNCT.search(line):
            value = line.strip()
            column = base + line.index(value)
            fields[-1] = fields[-1]._replace(value=value, value_span=Span(column, column + len(value)))
            waiting, end = False, base + len(line)
            continue
        if not found:
            break
        waiting = len(found) == 1 and not found[0].value and _label(line.strip()) is not None
        fields.extend(found)
        last = max(f.value_span.end if f.value else f.label_span.end for f in found)
        tail = _BLOCK_TAIL.match(document.text, last, base + len(line))
        end = tail.end()
        if end < base + len(line):
            break               # the line goes on with the report itself
    if len({f.label for f in fields}) < 2:
        return 0
    report.metadata = fields
    report.metadata_span = Span(0, end)
    return end


MAX_LABEL_CELL = 64         # a label cell, brackets and spaces included, is never longer


def _label(cell: str):
    """The metadata label a cell is ("[ 发布机构 ]"), else None. A long cell
    (a run-together page's whole text) is not folded to find out."""
    return _short_label(cell) if len(cell) <= MAX_LABEL_CELL else None


@lru_cache(maxsize=4096)
def _short_label(cell: str):
    # Remembered: a run-together page's pipe rows are one line of a few
    # hundred cells, most of them the same few numbers.
    return _LABEL_RE.match(fold(cell))


def _metadata_fields(document: Document, index: int, line: str) -> list[MetadataField]:
    base = document.line_starts[index]
    found = []
    bars = "|" in line or "｜" in line
    head = _bar_head(line) if bars else None
    head_cells = _distinct_cells(head) if head is not None else None
    if bars and not (head_cells is not None and _any_label(head_cells)):
        # Two cells or more and none a label: no field on this line. Told
        # from the distinct cells alone: a run-together page's pipe rows
        # are one line of a few hundred cells, most of them the same numbers.
        # (A label among the first cells is one of the line's; with none
        # there, the cells the head holds are not asked again.)
        stripped = _bar_pieces(line)
        if len(stripped) - stripped.count("") >= 2 and \
                not _any_label(set(stripped).difference(head_cells) if head_cells else set(stripped)):
            return found
    if head is not None:
        # A run-together page's pipe rows and the report after them are one
        # line of a few hundred cells (its tables' rows too): its fields are
        # read from the cells before a bar past its first 600 characters,
        # which are the line's first cells, when the report's text begins
        # among them.
        fields, ended = _row_fields(_cells(head), base)
        if ended:
            return fields
    cells = _cells(line)
    if len(cells) >= 2:
        return _row_fields(cells, base)[0]
    if len(cells) == 1 and _label(cells[0][1]):
        # a label on a line of its own ("[ 发布机构 ]"), its value on the next
        col, cell = cells[0]
        label = _label(cell).group(1)
        return [MetadataField(label, "", Span(base + col, base + col + len(cell)),
                              Span(base + col + len(cell), base + col + len(cell)))]
    if ":" not in line and "：" not in line:
        return found            # an inline label needs its colon
    # The first field must start the line (after spaces or bars): a label
    # further on ends the block before it begins. Tried where it may stand,
    # not searched for through the line, which on a run-together page is
    # the whole report.
    lead = len(line) - len(line.lstrip(_FIELD_GAP))
    if not any(_INLINE_LABEL_RE.match(line, at) for at in range(lead + 1)):
        return found
    position = 0
    for match in _INLINE_LABEL_RE.finditer(line):
        if match.start() > position and line[position:match.start()].strip(_FIELD_GAP):
            break               # text between fields: the block has ended
        rest = line[match.end():]
        value = _VALUE_END.split(rest, maxsplit=1)[0].strip()     # the first piece: the rest is not split
        value_col = match.end() + (rest.index(value) if value else 0)
        label = "".join(match.group(1).split())
        found.append(MetadataField(label, value, Span(base + match.start(1), base + match.end(1)),
                                   Span(base + value_col, base + value_col + len(value))))
        position = value_col + len(value)
    return found


MAX_ROW_HEAD = 600          # a longer line is first read up to its first bar from this column on


def _bar_head(line: str) -> str | None:
    """The line up to its first bar from MAX_ROW_HEAD on, if it has one
    there (split there, its pieces are the line's first ones)."""
    cut = min((at for at in (line.find("|", MAX_ROW_HEAD), line.find("｜", MAX_ROW_HEAD)) if at >= 0), default=-1)
    return line[:cut] if cut >= 0 else None


def _bar_pieces(line: str) -> list[str]:
    """The line split on its bars (| or ｜), each piece stripped."""
    return list(map(str.strip, (line.replace("｜", "|") if "｜" in line else line).split("|")))


def _distinct_cells(line: str) -> set:
    """The line's cells (split on bars, stripped), each once."""
    return set(_bar_pieces(line))


def _any_label(cells: set) -> bool:
    """Whether one of the cells is a label: _label of each, the long ones
    left out before any call (a run-together line's cells are a few
    hundred; a Python call each cost more than the memo's answer)."""
    return any(map(_short_label, [cell for cell in cells if len(cell) <= MAX_LABEL_CELL]))


def _row_fields(cells: list[tuple[int, str]], base: int) -> tuple[list[MetadataField], bool]:
    """The fields of a line's cells (label, value, label, value …), up to
    the first cell that is neither a label nor a label's value, and whether
    that cell was met: if the cells ran out first, more cells could
    continue the block."""
    found: list[MetadataField] = []
    for i, (col, cell) in enumerate(cells):
        label = _label(cell)
        if not label:
            if not found:
                continue    # no field yet: a label may still come further on
            if _SEPARATOR_RE.match(cell):
                continue    # a Markdown rule row ("---|---|") between the field rows
            if not (i > 0 and _label(cells[i - 1][1])):
                return found, True  # neither a label nor a label's value: the report's text
            continue
        value_col, value = (cells[i + 1] if i + 1 < len(cells) else (col + len(cell), ""))
        if value and _label(value):
            value_col, value = col + len(cell), ""
        found.append(MetadataField(label.group(1), value, Span(base + col, base + col + len(cell)),
                                   Span(base + value_col, base + value_col + len(value))))
    return found, False


def _page_fields(report: Report) -> None:
    """Page information between the block and the first section, wherever
    it stands ("来源：区农业农村局 时间：2024-01-29" after the title): its
    dates tell when the report was published."""
    text = report.text
    for match in _PAGE_FIELD.finditer(text, report.front.start, report.front.end):
        label = "".join(match.group("label").split())
        value = match.group("value")
        report.metadata.append(MetadataField(label, value, Span(match.start("label"), match.end("label")),
                                             Span(match.start("value"), match.end("value"))))


def parse_title(text: str) -> tuple[str | None, int | None] | None:
    """(agency, year) if text reads as a report title, else None."""
    folded = fold(text)
    # What every title holds: the pattern ends in 报告 or a bracket, and
    # names 信息公开. A paragraph or a whole run-together front is told apart
    # without the pattern, which tries each length of the agency's name.
    if "信息公开" not in folded or not folded.endswith(("报告", ")")):
        return None
    match = _TITLE_RE.match(folded)
    if not match:
        return None
    agency = match.group("agency") or None
    years = [match.group(g) for g in ("year", "lead", "tail") if match.group(g)]
    year = int("".join(_ZH_YEAR_DIGITS.get(c, c) for c in years[0])) if years else None
    if agency and agency.endswith("人民") and match.group("gov"):
        agency += "政府"        # "洪山区人民政府信息公开…": one 政府 serves both
    if agency and _PUNCT.search(agency):
        return None
    if agency and len(agency) > 40:
        return None
    return agency, year


def _find_title(report: Report) -> Title | None:
    document = report.document
    segments = _front_segments(report)
    for n, (start, end) in enumerate(segments):
        line = document.text[start:end]
        parsed = parse_title(line)
        span = Span(start, end)
        text = line
        if parsed is None and n + 1 < len(segments) and parse_title(document.text[slice(*segments[n + 1])]) is None:
            # A title broken over two lines.
            nxt = segments[n + 1]
            parsed = parse_title(line + document.text[slice(*nxt)])
            if parsed is not None:
                span = Span(start, nxt[1])
                text = line + document.text[slice(*nxt)]
        if parsed is None:
            continue
        agency, year = parsed
        if agency is None and n > 0:
            previous = document.text[slice(*segments[n - 1])]
            if len(previous) <= 30 and not _PUNCT.search(previous):
                agency = fold(previous)
        repeat = _repeated_name(text, agency)
        if repeat:
            span = Span(span.start + repeat, span.end)
            text = document.text[span.start:span.end]
            agency, year = parse_title(text)
        return Title(text=text, span=span, agency=agency, year=year, from_metadata=False)
    named = report.metadata_value("名称", "标题")
    if named and parse_title(named.value):
        agency, year = parse_title(named.value)
        return Title(text=named.value, span=named.value_span, agency=agency, year=year, from_metadata=True)
    for start, end in segments:
        found = _inline_title(document.text, start, end)
        if found:
            return found
    return None


def _front_segments(report: Report) -> list[tuple[int, int]]:
    """The non-blank lines of the front matter as (start, end) offsets,
    stripped; the last one ends where the first section begins."""
    document = report.document
    front = report.front
    segments = []
    index = document.line_of(front.start) - 1 if front.end > front.start else len(document.lines)
    while index < len(document.lines):
        base = document.line_starts[index]
        if base >= front.end:
            break
        head = max(0, front.start - base)
        line = " " * head + document.lines[index][head:front.end - base]
        stripped = line.strip()
        if stripped:
            first = base + line.index(stripped)
            segments.append((first, first + len(stripped)))
        index += 1
    return segments


_TITLE_END = lazy(r"信[ \t\u3000]*息[ \t\u3000]*公[ \t\u3000]*开[ \t\u3000]*(?:工[ \t\u3000]*作[ \t\u3000]*)?"
                  r"(?:年[ \t\u3000]*度[ \t\u3000]*)?报[ \t\u3000]*告"
                  r"(?:[(（][ \t\u3000]*(?:19|20)\d{2}[ \t\u3000]*年度?[ \t\u3000]*[)）])?")
# What a title in running text starts after: the start of the line, a
# sentence, a breadcrumb's "首页 > … >", a field's colon, a cell's pipe, a space.
_TITLE_START = lazy(r"[。！？；;：:>＞»|｜\s\-—－]")
_TITLE_START_BACK = lazy(r"(?r)[。！？；;：:>＞»|｜\s\-—－]")     # the same, searched backwards
_TITLE_CITED = lazy(r"[《“\"]$")
# The last crumb of a breadcrumb run into the title: a column of reports.
_CRUMB_TAIL = lazy(r"[^\s>＞»›]{0,10}?(?:年报|年度报告|报告专栏|专栏)(?=\S)")
MAX_TITLE = 60
MAX_MASTHEAD = 30


def _inline_title(text: str, start: int, end: int) -> Title | None:
    """A title inside a line of the front matter: after a breadcrumb or a
    crawl header, or run together with what follows it."""
    for match in _TITLE_END.finditer(text, start, end):
        begin = _title_begin(text, start, match)
        if _TITLE_CITED.search(text, start, begin):
            continue
        crumb = _CRUMB_TAIL.match(text, begin, match.start()) if begin > start and text[begin - 1] in ">＞»›" else None
        if crumb:
            begin = crumb.end()     # "首页>…>部门公开年报东街街道2023年度…": the last crumb is not the title's
        candidate = text[begin:match.end()]
        parsed = parse_title(candidate)
        if parsed is None:
            continue
        agency, year = parsed
        if agency and agency.startswith(("本", "我", "现")):
            continue            # "现将我局2023年政府信息公开工作年度报告公布如下": a sentence, not a title
        if agency is None:
            agency = _masthead(text, start, begin)
        repeat = _repeated_name(candidate, agency)
        if repeat:
            begin += repeat
            candidate = text[begin:match.end()]
            agency, year = parse_title(candidate)
        return Title(text=candidate, span=Span(begin, match.end()), agency=agency, year=year, from_metadata=False)
    return None


def _title_begin(text: str, start: int, match) -> int:
    """Where a title ending with match begins: after the last character
    before it that a title starts after (not a space inside a year), at
    most MAX_TITLE characters before its end and not before start. The
    characters are searched backwards in C (_TITLE_START_BACK), not tried
    one by one: a run-together page's title stands amid its masthead."""
    bound = max(start, match.end() - MAX_TITLE)
    stop = match.start()
    while stop > bound:
        found = _TITLE_START_BACK.search(text, bound, stop)
        if found is None:
            break
        at = found.start()
        if not _year_space(text, at):
            return at + 1
        stop = at
    return min(bound, match.start())


def _masthead(text: str, start: int, begin: int) -> str | None:
    """The agency's name standing just before a title that lacks one
    ("洪泽区人民政府 2023 年政府信息公开工作年度报告"), as a line above it does."""
    end = begin
    while end > start and text[end - 1].isspace():
        end -= 1
    first = end
    while first > start and not _TITLE_START.match(text, first - 1) and end - first <= MAX_MASTHEAD:
        first -= 1
    name = text[first:end]
    if 2 <= len(name) <= MAX_MASTHEAD and end < begin and not _PUNCT.search(name):
        return fold(name)
    return None


def _year_space(text: str, at: int) -> bool:
    """A space inside a year as PDF text writes it ("2023 年"), not a boundary."""
    return text[at].isspace() and at + 1 < len(text) and text[at + 1] in "年度" and at > 0 and text[at - 1].isdigit()


def _repeated_name(candidate: str, agency: str | None) -> int:
    """Where the title starts when the page's masthead, the agency's name,
    stands right before it ("神木市卫生健康局神木市卫生健康局 信息公开…"): the
    offset of the second copy in candidate, else 0."""
    if not agency:
        return 0
    for size in range(len(agency) // 2, 1, -1):
        name = agency[:size]
        if agency.startswith(name, size):
            folded, index = fold_map(candidate)
            if folded.startswith(name + name):
                return index[size]
    return 0
