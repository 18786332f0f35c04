"""Ordinal lists in a report's prose: "一是…二是…三是", "（一）…（二）…",
"1.…2.…", "（1）…", "①…", "第一，…第二，…".

ordinal_lists(report) finds every ordinal marker of the prose and groups
the markers into lists:

- the prose is the front matter and each section's body; the bodies of
  sections 二, 三 and 四 that hold their statistical table are left out (the
  table's numbered rows "1.属于国家秘密 … 8.属于行政查询事项" and
  "（一）予以公开 … （七）总计" are template labels, not a list), and so is a
  marker followed by a table label anywhere else;
- a paragraph is a run of lines with no blank line between them, where a
  line that stops without a sentence's end runs on into the next (PDF text
  wraps lines inside paragraphs); table rows (tabs or pipes) end one;
- two markers of the same style are in the same list when they stand in the
  same paragraph, or when the later one opens its paragraph (items written
  one paragraph each: "1.…¶2.…¶3.…"). A section boundary ends every list; a
  marker of a higher level ends the lists of the lower ones ("（二）" ends the
  "1." list of "（一）"), so sub-sections restart legitimately;
- "首先…其次…" is not numbered, "第一项加第二项之和" and "第二十条第（一）项"
  are references, not markers, and section headings (一、…) are the
  sections' business.

Each list keeps its markers in order; list-numbering (S009) checks that
they count 1, 2, 3 …
"""

from functools import lru_cache
from typing import NamedTuple

from govlint.model.document import Span
from govlint.model.numbers import parse_chinese
from govlint.patterns import compile_re, lazy
from govlint.model.text import fold

# Styles, from the outermost level to the innermost. Styles of one level
# are different lists ("1." and "1、" may nest in each other).
LEVELS = {"（一）": 1, "1.": 2, "1、": 2, "（1）": 3, "1）": 3, "①": 4, "一是": 5, "第一": 5}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ZH = "一二三四五六七八九十"
# Characters that make "X是" something other than a marker: 统一是, 唯一是,
# 之一是, 这一是, 星期一是, 十一是 (read as the whole numeral).
_NOT_BEFORE_SHI = set("统唯之同单万逐专划不合其第再这那每另任初周期拜月大高年号") | set(_ZH) | {"零", "两"}
MARKER = lazy(
    r"(?P<shi>[" + _ZH + r"]{1,3})是(?![否非])"
    r"|(?<![\p{Han}0-9０-９])第(?P<di>[" + _ZH + r"]{1,3})(?=[，,：:])"
    r"|(?<![第条])(?P<bzopen>[（(])(?P<bz>[" + _ZH + r"]{1,3})(?P<bzclose>[)）])(?P<bzafter>[、，,.．]?)"
    r"(?![项条款目类号级批个次])"
    r"|(?<![\p{Han}0-9０-９A-Za-z])(?P<baopen>[（(])(?P<ba>[0-9０-９]{1,2})(?P<baclose>[)）])(?P<baafter>[、，,.．]?)"
    r"(?![项条款目类号级批个次0-9０-９])"
    r"|(?<![0-9０-９A-Za-z.．（(第附件表图章节条款项号例])(?P<hb>[0-9０-９]{1,2})(?P<hbclose>[)）])(?=[ \t\u3000]?[\p{Han}“\"《])"
    r"|(?<![0-9０-９A-Za-z.．第附件表图章节条款项号例])(?P<ad>[0-9０-９]{1,2})(?P<adsep>[.．])(?![0-9０-９])"
    r"(?=[ \t\u3000]?[\p{Han}“\"《])"
    r"|(?<![0-9０-９A-Za-z.．、第附件表图章节条款项号例])(?P<ac>[0-9０-９]{1,2})(?P<acsep>、)(?=[ \t\u3000]?[\p{Han}“\"《])"
    r"|(?P<circled>[" + _CIRCLED + r"])")
# Every marker holds one of these (a literal scan skips text without any).
TRIGGER = compile_re(r"是|第|[（(）)]|[0-9０-９][.．、]|[" + _CIRCLED + r"]")
_FINAL = ("。", "！", "？", "!", "?", "；", ";", "：", ":", "…", "”", "\"", "）", ")", "】")
# The characters a marker can start with (a line opening with none of them
# opens no item, and MARKER is not tried there).
_FIRST = set(_ZH + "第（(0123456789０１２３４５６７８９" + _CIRCLED)


class Marker(NamedTuple):
    style: str          # a key of LEVELS
    value: int
    span: Span          # the marker as written ("（二）", "二是", "4.")
    numeral: Span       # its number
    paragraph: int
    leading: bool       # the first thing in its paragraph
    extra: Span | None = None     # a mark after a bracketed number ("(一)、")

    @property
    def level(self) -> int:
        return LEVELS[self.style]


class OrdinalList(NamedTuple):
    style: str
    markers: tuple


_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=512)
def _value(text: str) -> int | None:
    """A marker's number ("3", "３", "十二"); the same few strings recur in every report."""
    text = text.translate(_ASCII_DIGITS)
    if text.isdigit():
        return int(text)
    value = parse_chinese(text)
    return value if value and value > 0 else None


@lru_cache(maxsize=1)
def _table_labels() -> tuple[str, ...]:
    """The first characters of every numbered row label of the tables,
    without its numbering: a "marker" followed by one is a table row."""
    from govlint.model.tables import core
    from govlint.model.template import FORMATS, template

    found = set()
    for fmt in FORMATS:
        t = template(fmt)
        labels = [*t.t3_rows, *t.t4_groups, *t.t4_columns]
        for block in t.blocks:
            labels.extend(block.rows)
        for label in labels:
            found.add(core(label.folded)[:4])
        for group in t.t3_groups:
            found.add(core(fold(group))[:4])
    return tuple(sorted(l for l in found if len(l) >= 2))


@lru_cache(maxsize=1)
def _table_words() -> dict[str, frozenset[str]]:
    """Per table, the cores of its labels (first four characters, without
    numbering), in every format."""
    from govlint.model.tables import core
    from govlint.model.template import FORMATS, template

    words: dict[str, set[str]] = {"二": set(), "三": set(), "四": set()}
    for fmt in FORMATS:
        t = template(fmt)
        for block in t.blocks:
            words["二"].update(core(label.folded)[:4] for label in (*block.rows, *block.columns))
        words["二"].update(core(fold(header))[:4] for header in t.t2_headers)
        words["三"].update(core(label.folded)[:4] for label in (*t.t3_rows, *t.t3_columns))
        words["三"].update(core(fold(header))[:4] for header in (*t.t3_headers, *t.t3_groups))
        words["四"].update(core(label.folded)[:4] for label in (*t.t4_groups, *t.t4_columns))
        words["四"].update(core(fold(header))[:4] for header in t.t4_headers)
    return {numeral: frozenset(w for w in found if len(w) >= 2) for numeral, found in words.items()}


TABLE_WORDS_NEEDED = 3


def holds_table(text: str, start: int, end: int, numeral: str) -> bool:
    """Whether a table section's body holds its table: three of the table's
    labels in it. Read from the words alone, without the table reader, so
    that the list rules need no tables."""
    words = _table_words()[numeral]
    # The words are folded text; one written as is is in the folded body
    # too. A body holding its table nearly always shows three as written,
    # and folding a whole table (a few thousand characters) cost more than
    # the rest of the list reading of most reports: the body is folded only
    # when the text as written does not decide.
    if _count(words, text[start:end]) >= TABLE_WORDS_NEEDED:
        return True
    return _count(words, fold(text[start:end])) >= TABLE_WORDS_NEEDED


def _count(words, body: str) -> int:
    """How many of the words are in body, counted up to TABLE_WORDS_NEEDED."""
    found = 0
    for word in words:
        if word in body:
            found += 1
            if found >= TABLE_WORDS_NEEDED:
                break
    return found


def _regions(report):
    """(start, end) of the prose regions: the front matter and the body of
    each section, except a table section that holds its table."""
    front = report.front
    if front.end > front.start:
        start = report.metadata_span.end if report.metadata_span else front.start
        if front.end > start:
            yield max(start, front.start), front.end
    for section in report.sections:
        spec = section.heading.spec
        if spec.table:
            numeral = "二三四"[section.number - 2] if 2 <= section.number <= 4 else None
            if numeral and holds_table(report.text, section.body.start, section.body.end, numeral):
                continue
        yield section.body.start, section.body.end


def _paragraphs(text: str, start: int, end: int):
    """(start, end) of each paragraph in text[start:end]."""
    paragraph = None
    position = start
    previous_open = False          # the last line stopped without a sentence's end
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        line = text[position:line_end]
        stripped = line.strip()
        if not stripped or "|" in line or "｜" in line or "\t" in line:
            if paragraph:
                yield paragraph
            paragraph, previous_open = None, False
        else:
            first = position + (len(line) - len(line.lstrip()))
            last = position + len(line.rstrip())
            opens_item = text[first] in _FIRST and MARKER.match(text, first) is not None
            if paragraph and previous_open and not opens_item:
                paragraph = (paragraph[0], last)
            else:
                if paragraph:
                    yield paragraph
                paragraph = (first, last)
            previous_open = not stripped.endswith(_FINAL)
        position = line_end + 1
    if paragraph:
        yield paragraph


# Which alternative of MARKER a match took, from the group that closed last
# (its lastgroup): the style, the group holding the number and the group of
# the mark after a bracketed number. (Reading a group of the regex module by
# name raises and clears an exception inside it, five times the cost of
# reading it by number; a marker's groups are read by number.)
_ALTERNATIVES = {"shi": ("一是", "shi", None), "di": ("第一", "di", None), "bzafter": ("（一）", "bz", "bzafter"),
                 "baafter": ("（1）", "ba", "baafter"), "hbclose": ("1）", "hb", None), "adsep": ("1.", "ad", None),
                 "acsep": ("1、", "ac", None), "circled": ("①", "circled", None)}


@lru_cache(maxsize=1)
def _group_numbers() -> dict[str, int]:
    return dict(MARKER.compile().groupindex)


def _marker(match, text: str, paragraph: int, leading: bool) -> Marker | None:
    style, numeral, after = _ALTERNATIVES[match.lastgroup]
    groups = _group_numbers()
    start = match.start()
    if style == "①":
        value = _CIRCLED.index(match.group(groups[numeral])) + 1
        span = Span(start, match.end())
        return Marker("①", value, span, span, paragraph, leading)
    if style == "一是" and start and text[start - 1] in _NOT_BEFORE_SHI:
        return None
    number = groups[numeral]
    value = _value(match.group(number))
    if value is None:
        return None
    extra = None
    end = match.end()
    if after:
        after = groups[after]
        mark = match.group(after)
        if text[start - 1:start] in ("、", "和", "及", "与", "或") or (mark == "、" and text[end:end + 1] in ("（", "(")):
            return None                   # "第二十条(一)、(五)项": numbers cited, not items
        if mark:
            end = match.start(after)
            # "(一)、建立工作机构": an item's number with a 、 too many (numbers
            # cited in a row, "(一)、(五)项", were left out above).
            if mark == "、":
                extra = Span(end, match.end(after))
    return Marker(style, value, Span(start, end), Span(match.start(number), match.end(number)),
                  paragraph, leading, extra)


def _table_row(text: str, marker: Marker) -> bool:
    following = fold(text[marker.span.end:marker.span.end + 12])
    return following.startswith(_table_labels())


def markers(report) -> list[Marker]:
    """Every ordinal marker of the prose, in order."""
    text = report.text
    found = []
    paragraph_index = 0
    for start, end in _regions(report):
        if not TRIGGER.search(text, start, end):
            continue
        for p_start, p_end in _paragraphs(text, start, end):
            paragraph_index += 1
            for match in MARKER.finditer(text, p_start, p_end):
                marker = _marker(match, text, paragraph_index, match.start() == p_start)
                if marker is not None and not _table_row(text, marker):
                    found.append(marker)
        paragraph_index += 1              # a region boundary: no list runs across it
        found.append(None)
    return found


def ordinal_lists(report) -> list[OrdinalList]:
    """The report's ordinal lists (see the module's docstring), read once."""
    cached = report._ordinal_lists
    if cached is not None:
        return cached
    lists: list[OrdinalList] = []
    open_lists: dict[str, list] = {}     # style → the markers of its current list

    def close(style):
        current = open_lists.pop(style, None)
        if current:
            lists.append(OrdinalList(style, tuple(current)))

    for marker in markers(report):
        if marker is None:               # a region ends: every list ends
            for style in list(open_lists):
                close(style)
            continue
        for style in [s for s in open_lists if LEVELS[s] > marker.level]:
            close(style)                 # a higher level ends the lists below it
        current = open_lists.get(marker.style)
        # A 1 starts a new list ("问题：一是…二是…。措施：一是…"), unless the
        # list so far is a lone 1: "一是…；一是…" repeats it.
        restart = marker.value == 1 and current is not None and len(current) > 1
        if current and (current[-1].paragraph == marker.paragraph or marker.leading) and not restart:
            current.append(marker)
        else:
            close(marker.style)
            open_lists[marker.style] = [marker]
    for style in list(open_lists):
        close(style)
    lists.sort(key=lambda l: l.markers[0].span.start)
    report._ordinal_lists = lists
    return lists
