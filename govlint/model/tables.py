"""Read the statistical tables of sections 二, 三 and 四 into the template.

Tokens (tokens.py) are aligned to the official template (template.py) by
their labels: a row label opens a row and the value tokens after it are that
row's cells, in the order of the columns the header names. Nothing is
placed by counting positions alone: when a row's values cannot be matched to
its columns unambiguously, the row is reported as unreadable and its cells
stay unknown, so no arithmetic rests on a guess.
"""

from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple


from govlint.model.cells import parse_cell
from govlint.model.document import Span
from govlint.patterns import compile_pattern, escape, lazy
from govlint.model.template import FORMATS, Block, Label, Template, template
from govlint.model.text import edit_distance, fold
from govlint.model.streams import split_runs
from govlint.model.tokens import Token, tokenize

_NUMBERING = lazy(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.]|[(（]?\d{1,2}[)）.、]|第[一二三四五六七八九十]+[项条])")
_PROSE = lazy(r"[，。；：,;]")
MIN_PROSE = 13      # a token this long holding a prose mark before its last character is prose (_is_prose)
_VALUE_LIKE = lazy(r"^[-+]?[\d,.%]+$|^[-—/无]$")


MIN_PREFIX = 6      # characters of a wrapped label's first line that identify it
MIN_PLACEHOLDERS = 3  # made-up column names ("列1", "列2", …) read as the missing columns
_PLACEHOLDER = lazy(r"^(?:列|栏|字段|Column|column|COL|Col|col|F|Field|field)[ _]?\d{1,2}$")
MIN_SIMILAR = 8     # a label this long may be recognised by similarity alone
SIMILAR = 80        # … when at least this similar (rapidfuzz ratio) to one label
SIMILAR_MARGIN = 8  # … and this much more than to any other


def core(folded: str) -> str:
    """A label without its numbering: "（七）总计" → "总计", and without a
    numbering written twice: "1.1.属于国家秘密" → "属于国家秘密"."""
    stripped = _NUMBERING.sub("", folded, count=1)
    if stripped != folded and _NUMBERING.match(stripped):
        stripped = _NUMBERING.sub("", stripped, count=1)
    return stripped or folded


def _numbered_twice(folded: str) -> bool:
    stripped = _NUMBERING.sub("", folded, count=1)
    return stripped != folded and bool(_NUMBERING.match(stripped))


def edit_budget(length: int) -> int:
    return 0 if length <= 3 else 1 if length <= 8 else length // 6


@dataclass(slots=True)
class Cell:
    """One cell read from a table, placed under its official row and column."""
    table: str
    block: str | None
    row: str
    column: str
    row_label: str
    column_label: str
    raw: str
    status: str            # number / ocr / blank / dash / none / text / unread
    value: object
    unit: str | None
    span: Span | None
    inferred: str = ""      # the identity (e.g. "T3-2") whose check split it out of glued digits

    @property
    def filled(self) -> bool:
        return self.status in ("number", "ocr")

    @property
    def where(self) -> str:
        return f"{self.row_label} / {self.column_label}"


class LabelUse(NamedTuple):
    """A template label as written in the report."""

    table: str
    kind: str              # row / column / block / group
    key: str
    official: str
    written: str
    span: Span

    @property
    def exact(self) -> bool:
        return _written_as_official(self.written, self.official)

    @property
    def shortened(self) -> bool:
        """Written as the label's first words without the rest ("三、本年度办理")."""
        written = fold(self.written)
        return len(written) < len(fold(self.official)) and fold(self.official).startswith(written)


@lru_cache(maxsize=4096)
def _written_as_official(written: str, official: str) -> bool:
    """A label as written is the official one: width, spaces and numbering
    variants do not count; a numbering written twice ("1.1.属于国家秘密"),
    another word or missing words do. (A label wrapped over lines is
    recorded whole, as_written.)"""
    written, official = fold(written), fold(official)
    if _numbered_twice(written) and not _numbered_twice(official):
        return False
    return written == official or core(written) == core(official)


def as_written(tokens: list, i: int, official: str) -> str:
    """The label that tokens[i] starts, as written: its text, and when that
    is only the label's first part, the parts that complete it. A label
    wrapped over lines or cells has its rest right after its first part
    ("5.要求行政机关确认或重 新出具" / "已获取信息"; empty cells between do
    not count), or, in a table laid out by position (PDF text), at the
    start of the next line, the row's values between ("其他对外管理 97 +5
    1204" / "服务事项"). A first part with no rest there is the label cut
    short, and stays so."""
    written = tokens[i].text
    want, folded = fold(official), fold(written)
    if len(folded) >= len(want) or not want.startswith(folded):
        return written
    joined, line, j = written, tokens[i].line, i + 1
    while j < len(tokens):
        token = tokens[j]
        if not token.text:
            j += 1
            continue
        if not want.startswith(fold(joined + token.text)):
            j = _next_line_start(tokens, j, line)
            if j is None or not want.startswith(fold(joined + tokens[j].text)):
                return written
            token = tokens[j]
        joined, line, j = joined + token.text, token.line, j + 1
        if len(fold(joined)) == len(want):
            return joined
    return written


def _next_line_start(tokens: list, j: int, line: int) -> int | None:
    """The index of the first token with text on the line after line, from j on."""
    while j < len(tokens) and tokens[j].line <= line + 1:
        if tokens[j].line == line + 1 and tokens[j].text:
            return j
        j += 1
    return None


def _use(table: str, kind: str, label: Label, tokens: list, i: int) -> "LabelUse":
    # tuple.__new__: no Python __new__ of the NamedTuple, no check of a
    # token's own (valid) span
    token = tokens[i]
    return _tuple_new(LabelUse, (table, kind, label.key, label.label, as_written(tokens, i, label.label),
                                 _tuple_new(Span, (token.start, token.end))))


_tuple_new = tuple.__new__


class Problem(NamedTuple):
    table: str
    kind: str              # missing-row / missing-column / unexpected / unaligned / no-split / old-row
    message: str
    span: Span
    key: str = ""
    identity: str = ""     # no-split: the identity no reading of the glued digits satisfies


@dataclass
class Table:
    """One of tables 二, 三 and 四 as read: its cells, labels and problems."""
    numeral: str
    format: str
    span: Span                              # from the first to the last token read
    anchor: Span = Span(0, 0)               # the table's first cell text, where whole-table findings sit
    cells: dict = field(default_factory=dict)   # (block, row, column) → Cell
    labels: list[LabelUse] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)       # row keys found, in order
    columns: list[Label] = field(default_factory=list)  # columns read (table 三)
    outcomes: list = field(default_factory=list, repr=False)  # per row read: None, or its Problem

    def cell(self, row: str, column: str, block: str | None = None) -> Cell | None:
        return self.cells.get((block, row, column))

    def all_cells(self) -> list[Cell]:
        return list(self.cells.values())


@dataclass
class Tables:
    """What the reader found: the format the tables follow and each table."""

    format: str | None
    markers: dict                # format → [(marker, span)]
    tables: dict                 # numeral → Table

    @property
    def mixed(self) -> bool:
        return all(self.markers.get(f) for f in FORMATS)


# --------------------------------------------------------------------------
# Format detection

def detect_format(report) -> tuple[str | None, dict]:
    """The format whose marker labels the tables use (format-spec §2)."""
    found: dict[str, list] = {f: [] for f in FORMATS}
    text = report.text
    for section in report.sections:
        if section.number not in (2, 3):
            continue
        for fmt in FORMATS:
            for marker, pattern in _marker_patterns(fmt):
                match = pattern.search(text, section.body.start, section.body.end)
                if match:
                    found[fmt].append((marker, Span(match.start(), match.end())))
    counts = {f: len(v) for f, v in found.items()}
    if not any(counts.values()):
        return None, found
    return max(FORMATS, key=lambda f: (counts[f], f)), found


_EQUIVALENT = {"(": "(（", ")": ")）", ":": ":：", "/": "/／", ",": ",，", "-": "-－—"}


@lru_cache(maxsize=2)
def _marker_patterns(fmt: str):
    """Each marker as a pattern tolerant of width, spaces and line breaks
    between its characters ("本年新\n制作数量")."""
    patterns = []
    for marker in template(fmt).markers:
        parts = []
        for ch in fold(marker):
            chars = _EQUIVALENT.get(ch, ch)
            parts.append("[" + escape(chars) + "]" if len(chars) > 1 else escape(ch))
        body = r"\s{0,3}".join(parts)
        # "规范性文件" (2019) inside "行政规范性文件" (2021) is not a 2019 marker.
        prefix = r"(?<!行政\s{0,3})" if marker == "规范性文件" else ""
        patterns.append((marker, compile_pattern(prefix + body)))
    return patterns


# --------------------------------------------------------------------------
# Label matching

class Labels:
    """Folded label → (kind, key, Label), with a fuzzy fallback."""

    MEMO = 8192     # texts remembered per label set (a batch reuses the sets)

    def __init__(self):
        self.exact: dict[str, tuple[str, Label]] = {}
        self.cores: dict[str, tuple[str, Label] | None] = {}
        # match(text) → (kind, Label) or None, and fragment(text) → bool:
        # the memos' own __getitem__, computing a text not seen before
        # (_Memo.__missing__), so that a text seen before (almost every
        # one: values, filler, the labels) is answered with no Python call.
        self._memo = _Memo(self._match, self.MEMO)
        self._fragments = _Memo(self._fragment, self.MEMO)
        self.match = self._memo.__getitem__
        self.fragment = self._fragments.__getitem__
        self._form_counts: dict[str, Counter] = {}     # label → its characters, for _similar's bound
        self._numbered: dict | None = None             # numbering → its labels' (form, hit), for cut_short
        self._heads: set = set()                        # their first MIN_PREFIX characters
        self._whole: dict = {}                          # a head → the labels whose reading it settles

    def add(self, kind: str, label: Label, *, by_core: bool = True):
        self.exact.setdefault(label.folded, (kind, label))
        if by_core:
            c = core(label.folded)
            if c != label.folded:
                self.cores[c] = None if c in self.cores and self.cores[c] != (kind, label) else (kind, label)

    def _match(self, text: str) -> tuple[str, Label] | None:
        folded = fold(text)
        if not folded or len(folded) > 60 or _VALUE_LIKE.match(folded):
            return None
        hit = self.exact.get(folded) or self.cores.get(core(folded))
        if hit:
            return hit
        if folded[-1].isdigit():
            return None         # a label with digits run on: a cell to cut apart, not a misspelt label
        best = None
        for form, hit in self.exact.items():
            budget = edit_budget(len(form))
            if not budget or abs(len(form) - len(folded)) > budget:
                continue
            distance = edit_distance(folded, form, budget)
            if distance is not None and (best is None or distance < best[0]):
                best = (distance, hit)
        if best:
            return best[1]
        # A label wrapped over lines in PDF text: its first line alone, when
        # that is a long prefix of exactly one label ("其他对外管理" / "服务事项").
        if len(folded) >= MIN_PREFIX:
            hits = {hit for form, hit in self.exact.items() if form.startswith(folded) and hit[0] != "header"}
            if len(hits) == 1:
                return hits.pop()
        return self._similar(folded)

    def _similar(self, folded: str) -> tuple[str, Label] | None:
        """A long label with characters lost or misread beyond the edit
        budget ("2.其他法律行政止公开"): the one label it is close to (Indel
        similarity), numbered alike, and clearly closer than any other."""
        if len(folded) < MIN_SIMILAR or _PROSE.search(folded):
            return None
        if any(len(form) >= 4 and form in folded for form in self.exact):
            return None         # labels run together ("信息内容本年处理决定数量"), not one misread
        # rapidfuzz's ratio is 200 × LCS / (len(a) + len(b)), and the LCS is
        # at most the characters the two share: labels that cannot reach
        # SIMILAR are left out first (the same labels extract would drop),
        # so that most runs never import rapidfuzz (10-20 ms of a cold start).
        counts = Counter(folded)
        candidates = [form for form in self.exact
                      if 200 * sum((counts & self._counts(form)).values()) / (len(folded) + len(form)) > SIMILAR - 1e-6]
        if not candidates:
            return None
        from rapidfuzz import fuzz, process

        found = process.extract(folded, candidates, scorer=fuzz.ratio, limit=2, score_cutoff=SIMILAR)
        if not found or (len(found) == 2 and found[1][1] > found[0][1] - SIMILAR_MARGIN):
            return None
        form = found[0][0]
        if _NUMBERING.match(folded) and (not _NUMBERING.match(form)
                                         or _NUMBERING.match(folded).group() != _NUMBERING.match(form).group()):
            return None
        hit = self.exact[form]
        return hit if hit[0] != "header" else None

    def _counts(self, form: str) -> Counter:
        found = self._form_counts.get(form)
        if found is None:
            found = self._form_counts[form] = Counter(form)
        return found

    def cut_short(self, folded: str, start: int) -> int:
        """Where a numbered label written without its last words ends in
        run-together folded text ("8.属于行政查询" before its values in
        "…00000008.属于行政查询0000000(四)…"), else start: the characters
        from start that begin exactly one numbered label, at least
        MIN_PREFIX of them and fewer than the whole label."""
        if self._numbered is None:
            self._numbered, self._heads, whole = {}, set(), {}
            for form, hit in self.exact.items():
                found = _NUMBERING.match(form)
                if found and hit[0] != "header":
                    self._numbered.setdefault(found.group(), []).append((form, hit))
                    self._heads.add(form[:MIN_PREFIX])
                    # Written in full at start, such a label is found by the
                    # loop below, whatever follows it: _NUMBERING reads at
                    # most five characters of a numbering not led by 第, so
                    # the numbering it reads there is the label's own.
                    if len(form) >= MIN_PREFIX and not form.startswith("第"):
                        whole.setdefault(form[:MIN_PREFIX], []).append(form)
            self._whole = {head: tuple(forms) for head, forms in whole.items()}
        head = folded[start:start + MIN_PREFIX]
        if head not in self._heads:
            return start
        # Mostly the whole label is there (a run-together table's rows):
        # told by one startswith before the numbering is read.
        whole = self._whole.get(head)
        if whole and folded.startswith(whole, start):
            return start
        numbering = _NUMBERING.match(folded[start:start + 8])
        if not numbering:
            return start
        forms = self._numbered.get(numbering.group(), ())
        # The labels the test above does not settle (led by 第, or shorter
        # than MIN_PREFIX) written in full: found as they are, told without
        # counting shared characters.
        for form, _ in forms:
            if folded.startswith(form, start):
                return start
        best, hits = 0, set()
        for form, hit in forms:
            shared = _shared_prefix(form, folded, start)
            if shared > best:
                best, hits = shared, {hit}
            elif shared == best:
                hits.add(hit)
        if best < max(MIN_PREFIX, numbering.end() + 2) or len(hits) != 1:
            return start
        return start + best

    def _fragment(self, text: str) -> bool:
        """A piece of a label wrapped over lines or cells ("服务事项",
        "这一情形，不计其他情形）", "三、本年度" in a merged cell)."""
        folded = fold(text)
        return len(folded) >= 2 and not _VALUE_LIKE.match(folded) and any(folded in form for form in self.exact)


class _Memo(dict):
    """text → what compute(text) gives, computed on a miss; emptied first
    when it holds limit texts."""

    __slots__ = ("compute", "limit")

    def __init__(self, compute, limit: int):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, text: str):
        value = self.compute(text)
        if len(self) >= self.limit:
            self.clear()
        self[text] = value
        return value


def _shared_prefix(form: str, text: str, start: int) -> int:
    """How many characters of form text has from start on."""
    n = 0
    for a, b in zip(form, text[start:start + len(form)]):
        if a != b:
            break
        n += 1
    return n


MAX_VERTICAL = 16      # characters of a label written down a merged cell, one per line


def join_split_labels(tokens: list[Token], labels: Labels) -> list[Token]:
    """A label wrapped over two or three cells or lines ("商业" / "企业",
    "本年新" / "制作数量"), or written down a tall merged cell one character
    per line ("三" / "、" / "本" / … / "果", as PDF text gives it), becomes
    one token when only the joined text is a label.

    Most tables have no such label: the list is copied only from the first
    join on (tokens itself is returned when nothing is joined)."""
    out = None
    done = 0            # tokens[:done] are in out (or joined into a token of it)
    match = labels.match
    for i, token in enumerate(tokens):
        if i < done:
            continue                    # a part of the label just joined
        text = token.text
        if not text or match(text) or parse_cell(text).status != "text":
            continue
        joined = _joined_label(tokens, i, labels)
        if joined is None:
            continue
        if out is None:
            out = []
        out.extend(tokens[done:i])
        out.append(joined[0])
        done = i + joined[1]
    if out is None:
        return tokens
    out.extend(tokens[done:])
    return out


def _joined_label(tokens: list[Token], i: int, labels: Labels) -> tuple[Token, int] | None:
    """The label that tokens[i] (text, not a label) starts when joined to
    the one or more tokens after it, and how many tokens it takes."""
    token = tokens[i]
    widths = (2, 3)
    if len(token.text) == 1:
        run = 1
        while (i + run < len(tokens) and run < MAX_VERTICAL and len(tokens[i + run].text) == 1
               and tokens[i + run].line == token.line + run):
            run += 1
        widths = range(run, 1, -1) if run > 3 else widths
    for width in widths:
        parts = tokens[i:i + width]
        if len(parts) < width or any(not p.text or parse_cell(p.text).status != "text" for p in parts):
            return None
        if labels.match(parts[-1].text):
            return None
        joined = "".join(p.text for p in parts)
        if fold(joined) in labels.exact:
            return Token(joined, parts[0].start, parts[-1].end, parts[0].line), width
    return None


def _label(text: str, key: str = "") -> Label:
    return Label(key or text, text, fold(text))


def _is_prose(token: Token) -> bool:
    return len(token.text) >= MIN_PROSE and bool(_PROSE.search(token.text[:-1]))


# --------------------------------------------------------------------------
# Values of one row

MAX_GLUED_DIGITS = 20


MAX_COUNT_DIGITS = 6     # no count in these tables has more digits
MAX_SPLITS_TRIED = 20000


class Identity(NamedTuple):
    """What a row's glued digits must satisfy to be split: its id (the
    template's identity, which is then never reported on these cells) and a
    test of the whole row and of each group of cells as soon as it is read."""

    id: str
    group: int                   # cells per group (the last of each is the group's total)

    def holds(self, values: list[int]) -> bool:
        size = self.group
        return all(sum(values[i:i + size - 1]) == values[i + size - 1] for i in range(0, len(values), size))


ROW_TOTAL = Identity("T3-2", 7)          # table 三: 总计 = 自然人 + the five 法人或其他组织 columns
REVIEW_TOTALS = Identity("T4-1", 5)      # table 四: each group's 总计 = its four results


def unique_split(digits: str, n: int, identity) -> tuple[list[str] | None, int]:
    """The one way to cut digits into n plausible counts (no leading zeros,
    at most MAX_COUNT_DIGITS digits) that satisfies identity, and how many
    ways there are (0, 1, or 2 meaning "more than one")."""
    if not n or len(digits) < n or len(digits) > MAX_GLUED_DIGITS:
        return None, 0
    group = identity.group if isinstance(identity, Identity) else n
    holds = identity.holds if isinstance(identity, Identity) else identity
    found: list[list[str]] = []
    tried = 0

    def walk(at: int, parts: list[str]) -> bool:
        nonlocal tried
        tried += 1
        if tried > MAX_SPLITS_TRIED:
            return True
        if len(parts) % group == 0 and parts and not holds([int(p) for p in parts[-group:]]):
            return False
        left = n - len(parts)
        if left == 0:
            if at == len(digits):
                found.append(list(parts))
            return len(found) > 1
        rest = len(digits) - at
        if rest < left or rest > left * MAX_COUNT_DIGITS:
            return False
        longest = 1 if digits[at] == "0" else min(MAX_COUNT_DIGITS, rest - (left - 1))
        for size in range(1, longest + 1):
            parts.append(digits[at:at + size])
            if walk(at + size, parts):
                return True
            parts.pop()
        return False

    walk(0, [])
    if tried > MAX_SPLITS_TRIED or len(found) > 1:
        return None, 2
    return (found[0], 1) if found else (None, 0)


def _glued(token: Token) -> bool:
    """Digits that stand for several cells: marked so by the tokenizer (run
    into a label), or a run no single count is written as (a leading zero,
    or more digits than any count has)."""
    text = token.text
    return token.glued or (text.isdigit() and len(text) > 1 and (text[0] == "0" or len(text) > MAX_COUNT_DIGITS))


def _assign(window: list[Token], n: int, identity=None) -> tuple[list[Token | None] | None, str, str]:
    """Match a row's tokens to its n columns: (tokens, "", "") or
    (None, why, kind) where kind is "unaligned", or "no-split" when glued
    digits cannot be read so that the row adds up."""
    filled = [t for t in window if t.text]
    if len(filled) == n:
        return filled, "", ""
    if not filled:
        # Every cell is empty; place them on the visible blanks, else on the
        # merged fields of the row ("|||" lines), else on the row label.
        visible = [t for t in window if not t.merged]
        places = visible if len(visible) >= n or len(visible) >= len(window) else window
        return (places[:n] + [None] * (n - len(places[:n]))), "", ""
    if len(filled) == 1 and _glued(filled[0]):
        token = filled[0]
        digits = token.text
        if n == 1:
            return filled, "", ""
        if len(digits) == n and digits.isdigit():
            return [Token(d, token.start + i, token.start + i + 1, token.line, glued=True)
                    for i, d in enumerate(digits)], "", ""
        if len(digits) < n:
            return None, (f"只有 {len(digits)} 个数字“{digits}”，应有 {n} 个：数字之间没有分隔，"
                          f"无法确定空缺的是哪一列"), "unaligned"
        if not identity or not digits.isdigit():
            return None, f"数字“{digits}”粘连在一起，可以多种方式拆分到 {n} 列，无法确定各单元格的值", "unaligned"
        split, ways = unique_split(digits, n, identity)
        if split:
            pieces, at = [], token.start
            for part in split:
                pieces.append(Token(part, at, at + len(part), token.line, glued=True, inferred=True))
                at += len(part)
            return pieces, "", ""
        if ways:
            return None, (f"数字“{digits}”粘连在一起，有多种拆分到 {n} 列的读法都能使总计等于各项之和，"
                          f"无法确定各单元格的值"), "unaligned"
        return None, f"数字“{digits}”粘连在一起，无论怎样拆分到 {n} 列，总计都不等于各项之和", "no-split"
    if len(filled) < n:
        # Blank fields between two values are cells, whatever the layout:
        # merged-cell filler only ever precedes or follows the data run.
        first = window.index(filled[0])
        last = len(window) - 1 - window[::-1].index(filled[-1])
        if last - first + 1 == n:
            return window[first:last + 1], "", ""
        visible = [t for t in window if not t.merged]
        while len(visible) > n and not visible[-1].text:
            visible.pop()
        if len(visible) == n:
            return visible, "", ""
        if any(not t.text for t in visible):
            # The row shows its blank cells, only not where they stand: it was left unfilled.
            return None, (f"只填了 {len(filled)} 个数值，应有 {n} 个，其余单元格为空：请填写数字，"
                          f"没有发生的填 0"), "unaligned"
        return None, f"只读到 {len(filled)} 个数值，应有 {n} 个，无法确定空缺的是哪一列", "unaligned"
    return None, f"读到 {len(filled)} 个数值，应有 {n} 个，无法对应到各列", "unaligned"


def merge_unreadable(table: Table) -> None:
    """One problem per unreadable stretch of a table: rows that follow each
    other and none of which could be aligned (a block whose blank cells the
    layout dropped) are one finding spanning them, not one per row."""
    runs: list[list[Problem]] = [[]]
    for outcome in table.outcomes:
        if outcome is not None and outcome.kind == "unaligned":
            runs[-1].append(outcome)
        elif runs[-1]:
            runs.append([])
    merged = []
    for run in runs:
        if len(run) < 2:
            continue
        first, last = run[0], run[-1]
        reason = first.message[first.message.index("”行") + 2:]
        merged.append((run, Problem(table.numeral, "unaligned",
                                    f"表{table.numeral}从“{_row_label(first)}”到“{_row_label(last)}”的 {len(run)} 行"
                                    f"无法对应到各列（第一行{reason}）", Span(first.span.start, last.span.end),
                                    f"{first.key}..{last.key}")))
    for run, problem in merged:
        index = table.problems.index(run[0])
        table.problems[index] = problem
        for other in run[1:]:
            table.problems.remove(other)


def _row_label(problem: Problem) -> str:
    return problem.message[1:problem.message.index("”")]


def _cell(table: str, block, row: Label, column: Label, token: Token | None, fallback: Span,
          identity: str = "") -> Cell:
    if token is None:
        return _new_cell(table, block, row.key, column.key, row.label, column.label, "", "blank", None, None,
                         Span(fallback.start, fallback.end), "")
    value = parse_cell(token.text)
    return _new_cell(table, block, row.key, column.key, row.label, column.label, token.text, value.status,
                     value.value, value.unit, _tuple_new(Span, (token.start, token.end)),
                     identity if token.inferred else "")


# --------------------------------------------------------------------------
# The three tables

def read_tables(report) -> Tables:
    fmt, markers = detect_format(report)
    year = report.title.year if report.title else None
    reading = fmt or ("2019" if year and year < 2021 else "2021")
    tables = {}
    for number, numeral, reader in ((2, "二", _read_t2), (3, "三", _read_t3), (4, "四", _read_t4)):
        section = report.section(number)
        if section is None:
            continue
        body = section.body
        if report.document.origin is None:
            table = _read_body(numeral, reading, report, body)
        else:
            tokens = tokenize(report.text, body.start, body.end, report.document.line_of(body.start))
            _blank_cells(report.document, tokens)
            table = reader(template(reading), tokens, report.document.line_of)
            if table is not None:
                merge_unreadable(table)
        if table is not None:
            tables[numeral] = table
    return Tables(fmt, markers, tables)


# The same section text (many reports share their tables' text exactly:
# the labels, and all-zero rows) is read once per process. A table is read
# where it stands in its report, and remembered with that place; another
# report with the same text gets a copy moved to its own place. (Reading
# at offset 0 and moving every table would cost a copy of each of the ~200
# cells on every read, for the reports no memo helps: different agencies'
# tables rarely repeat.)
_READERS = {"二": "_read_t2", "三": "_read_t3", "四": "_read_t4"}
_READ: OrderedDict = OrderedDict()     # (numeral, format, text) → (table or None, where its text started)
READ_MEMO = 256


def _read_body(numeral: str, reading: str, report, body: Span) -> Table | None:
    key = (numeral, reading, report.text[body.start:body.end])
    try:
        _READ.move_to_end(key)
        table, at = _READ[key]
        return _rebased(table, body.start - at) if table is not None else None
    except KeyError:
        pass
    line_of = report.document.line_of
    tokens = tokenize(report.text, body.start, body.end, line_of(body.start))
    table = globals()[_READERS[numeral]](template(reading), tokens, line_of)
    if table is not None:
        merge_unreadable(table)
    if READ_MEMO:
        # The memo keeps the very table returned: nothing changes a table
        # once it is read, and a hit is given a copy.
        _READ[key] = (table, body.start)
        if len(_READ) > READ_MEMO:
            _READ.popitem(last=False)
    return table


def _moved(span: Span | None, by: int) -> Span | None:
    return None if span is None else Span(span[0] + by, span[1] + by)


def _rebased(table: Table, by: int) -> Table:
    """A remembered table moved by `by` to where the same text stands in
    another report. (Run for every memo hit: spans and label records are
    built with tuple.__new__, a moved valid span needing no check.)"""
    new = tuple.__new__

    def moved(old):
        return None if old is None else new(Span, (old[0] + by, old[1] + by))

    # _new_cell's work inline (a call per cell cost a third of the copy);
    # a label record's span is a token's, never None.
    cells = {}
    make = _object_new
    for key, c in table.cells.items():
        old = c.span
        cell = cells[key] = make(Cell)
        cell.table = c.table
        cell.block = c.block
        cell.row = c.row
        cell.column = c.column
        cell.row_label = c.row_label
        cell.column_label = c.column_label
        cell.raw = c.raw
        cell.status = c.status
        cell.value = c.value
        cell.unit = c.unit
        cell.span = None if old is None else new(Span, (old[0] + by, old[1] + by))
        cell.inferred = c.inferred
    return Table(table.numeral, table.format, moved(table.span), moved(table.anchor), cells,
                 [new(LabelUse, u[:5] + (new(Span, (u[5][0] + by, u[5][1] + by)),)) for u in table.labels],
                 [new(Problem, (p[0], p[1], p[2], moved(p[3]), p[4], p[5])) for p in table.problems],
                 list(table.rows), list(table.columns))


def _blank_cells(document, tokens: list[Token]) -> None:
    """An empty tab field is merged-cell filler in a text copy; a reader
    (.docx, .pdf, .html) knows which ones are real empty cells."""
    blanks = document.origin.blank_cells if document.origin is not None else None
    if blanks:
        for token in tokens:
            if token.merged and token.start in blanks:
                token.merged = False


def _span_of(tokens: list[Token]) -> Span:
    return Span(tokens[0].start, tokens[-1].end) if tokens else Span(0, 0)


def _anchor(tokens: list[Token]) -> Span:
    first = next((t for t in tokens if t.text), None)
    return Span(first.start, first.end) if first else Span(0, 0)


# The label sets depend only on the format: built once per process, so their
# memos carry over from one report of a batch to the next.

@lru_cache(maxsize=2)
def _t2_labels(fmt: str) -> tuple[Labels, Labels]:
    """Table 二's block, row and header labels; and those plus every column
    label, for segmenting and joining cells."""
    labels = Labels()
    for other in FORMATS:       # recognise either format's labels, to report a mixed table
        for block in template(other).blocks:
            labels.add("block", _label(block.header, block.key), by_core=False)
            for row in block.rows:
                labels.add("row", row)
    for header in template(fmt).t2_headers:
        labels.add("header", _label(header))
    every = Labels()
    for other in FORMATS:
        for block in template(other).blocks:
            for column in block.columns:
                every.add("column", column, by_core=False)
    every.exact.update(labels.exact)
    return labels, every


@lru_cache(maxsize=16)
def _t2_block_labels(fmt: str, key: str) -> Labels:
    """The column labels that may follow one block's header in table 二."""
    columns = Labels()
    for column in next(b for b in template(fmt).blocks if b.key == key).columns:
        columns.add("column", column, by_core=False)
    columns.add("header", _label("信息内容"))
    return columns


@lru_cache(maxsize=2)
def _t3_labels(fmt: str) -> tuple[Labels, Labels, Labels]:
    """Table 三's header labels, row and group labels, and both together."""
    t = template(fmt)
    headers, rows = Labels(), Labels()
    for column in t.t3_columns:
        headers.add("column", column, by_core=False)
    for header in t.t3_headers:
        headers.add("header", _label(header))
    for other in FORMATS:
        for row in template(other).t3_rows:
            rows.add("row", row)
        for group in template(other).t3_groups:
            rows.add("group", _label(group))
    both = Labels()
    both.exact.update(headers.exact)
    both.exact.update(rows.exact)
    return headers, rows, both


@lru_cache(maxsize=2)
def _t4_labels(fmt: str) -> Labels:
    t = template(fmt)
    headers = Labels()
    for group in t.t4_groups:
        headers.add("group", group, by_core=False)
    for column in t.t4_columns:
        headers.add("column", column, by_core=False)
    for header in t.t4_headers:
        headers.add("header", _label(header))
    return headers


def _read_t2(t: Template, tokens: list[Token], line_of) -> Table | None:
    labels, every = _t2_labels(t.format)
    table = Table("二", t.format, _span_of(tokens), anchor=_anchor(tokens))
    blocks = {b.key: b for b in t.blocks}
    row_block = {row.key: b for b in t.blocks for row in b.rows}
    current: Block | None = None
    seen_rows: set = set()
    i = 0
    tokens = join_split_labels(split_runs(tokens, every, line_of), every)
    read_any = False
    while i < len(tokens):
        token = tokens[i]
        hit = None if not token.text else labels.match(token.text)
        if hit and hit[0] == "block":
            current = blocks.get(hit[1].key)
            table.labels.append(_use("二", "block", hit[1], tokens, i))
            read_any = True
            i += 1
            if current:
                i = _t2_header(table, _t2_block_labels(t.format, current.key), tokens, i)
            continue
        if hit and hit[0] == "row" and hit[1].key in row_block:
            block = row_block[hit[1].key] if current is None or hit[1].key not in {r.key for r in current.rows} else current
            row = next(r for r in block.rows if r.key == hit[1].key)
            table.labels.append(_use("二", "row", row, tokens, i))
            window, i = _window(tokens, i + 1, labels)
            _fill_row(table, block.key, row, block.columns, window, token)
            seen_rows.add((block.key, row.key))
            read_any = True
            continue
        i += 1
    if not read_any:
        return None
    for block in t.blocks:
        for row in block.rows:
            if (block.key, row.key) not in seen_rows:
                table.problems.append(Problem("二", "missing-row", f"表二缺少“{block.header}”的“{row.label}”行",
                                              Span(table.span.start, table.span.start), f"{block.key}/{row.key}"))
    return table


def _t2_header(table: Table, columns: Labels, tokens: list[Token], i: int) -> int:
    """Column labels after a block header; record how they are written."""
    while i < len(tokens):
        token = tokens[i]
        if not token.text:
            i += 1
            continue
        hit = columns.match(token.text)
        if not hit:
            break
        if hit[0] == "column":
            table.labels.append(_use("二", "column", hit[1], tokens, i))
        i += 1
    return i


def _window(tokens: list[Token], i: int, labels: Labels) -> tuple[list[Token], int]:
    """The tokens of one row: up to the next label; pieces of wrapped labels
    are left out, so they are never taken for values."""
    window = []
    append = window.append
    match, fragment = labels.match, labels.fragment
    n = len(tokens)
    while i < n:
        token = tokens[i]
        text = token.text
        if not text:
            append(token)
            i += 1
            continue
        if match(text) or len(text) >= MIN_PROSE and _PROSE.search(text[:-1]):     # a label, or prose (_is_prose)
            break
        if not fragment(text):
            append(token)
        i += 1
    return window, i


def _fill_row(table: Table, block, row: Label, columns, window: list[Token], label: Token,
              identity: Identity | None = None) -> None:
    columns = list(columns)
    values, why, kind = _assign(window, len(columns), identity)
    if values is None:
        # A row whose own line holds exactly its values ("| 行政事业性收费 | 172 | ||")
        # is read from that line: the lines after it (a heading not read as
        # one, a note) are not its cells.
        own = [t for t in window if t.line == label.line and t.text]
        if len(own) == len(columns) and not any(t.glued for t in own):
            values, why, kind = own, "", ""
    at = Span(label.start, label.end)
    if values is None:
        filled = [t for t in window if t.text]
        where = Span(filled[0].start, filled[-1].end) if filled else Span(window[0].start, window[-1].end) if window else at
        problem = Problem(table.numeral, kind, f"“{row.label}”行{why}", where, row.key,
                          identity.id if kind == "no-split" else "")
        table.problems.append(problem)
        table.outcomes.append(problem)
        for column in columns:
            table.cells[(block, row.key, column.key)] = Cell(table.numeral, block, row.key, column.key, row.label,
                                                             column.label, "", "unread", None, None, at)
        return
    table.outcomes.append(None)
    if row.key not in table.rows:
        table.rows.append(row.key)
    # _cell's work, inline: this loop builds most of a report's ~200 cells,
    # and a call per cell (and Span's checked constructor for a token's
    # own, valid, offsets) cost as much as building the Cell.
    cells, numeral, key, label_text = table.cells, table.numeral, row.key, row.label
    ident = identity.id if identity else ""
    new = tuple.__new__
    for column, token in zip(columns, values):
        if token is None:
            cell = _new_cell(numeral, block, key, column.key, label_text, column.label, "", "blank", None, None, at,
                             "")
        else:
            value = parse_cell(token.text)
            cell = _new_cell(numeral, block, key, column.key, label_text, column.label, token.text, value.status,
                             value.value, value.unit, new(Span, (token.start, token.end)),
                             ident if token.inferred else "")
        cells[(block, key, column.key)] = cell


def _new_cell(table, block, row, column, row_label, column_label, raw, status, value, unit, span, inferred) -> Cell:
    """Cell(...) with every field given, built without calling the class: a
    class call goes through type_call and slot_tp_init to the dataclass's
    Python __init__, a plain function setting the slots costs about a third
    of that, for the ~200 cells of a report."""
    cell = _object_new(Cell)
    cell.table = table
    cell.block = block
    cell.row = row
    cell.column = column
    cell.row_label = row_label
    cell.column_label = column_label
    cell.raw = raw
    cell.status = status
    cell.value = value
    cell.unit = unit
    cell.span = span
    cell.inferred = inferred
    return cell


_object_new = object.__new__


def _read_t3(t: Template, tokens: list[Token], line_of) -> Table | None:
    headers, rows, both = _t3_labels(t.format)
    table = Table("三", t.format, _span_of(tokens), anchor=_anchor(tokens))
    row_keys = {r.key for r in t.t3_rows}
    tokens = join_split_labels(split_runs(tokens, both, line_of), both)
    # Header: everything before the first row label.
    i, present, strays, placeholders = 0, [], [], []
    while i < len(tokens):
        token = tokens[i]
        if not token.text:
            i += 1
            continue
        head = headers.match(token.text)
        if head and head[0] == "column":
            present.append(head[1])
            table.labels.append(_use("三", "column", head[1], tokens, i))
        elif not head:
            hit = rows.match(token.text)
            if hit and hit[0] == "row":
                break
            if _PLACEHOLDER.match(token.text):
                placeholders.append(token)
            elif parse_cell(token.text).status in ("number", "ocr"):
                strays.append(token)
        i += 1
    # Column names a converter made up ("列1", "Column2") stand where the
    # template's labels are missing, in order.
    missing = [c for c in t.t3_columns if not c.flag("optional") and c not in present]
    if len(placeholders) >= MIN_PLACEHOLDERS:
        for column, token in zip(missing, placeholders):
            present.append(column)
            table.labels.append(LabelUse("三", "column", column.key, column.label, token.text,
                                         Span(token.start, token.end)))
    if i >= len(tokens) and not present:
        return None
    columns = _t3_columns(t, present)
    table.columns = columns
    unnamed = [c for c in t.t3_columns if not c.flag("optional") and c not in present] if present else []
    seen = set()
    identity = ROW_TOTAL if columns[-1].key == "total" and len(columns) == ROW_TOTAL.group else None
    while i < len(tokens):
        token = tokens[i]
        hit = None if not token.text else rows.match(token.text)
        if hit is None:
            i += 1
            continue
        kind, label = hit
        at = i
        window, i = _window(tokens, i + 1, rows)
        if kind == "group" or label.key not in row_keys:
            # a group label, or a row of the other format (reported as mixed-format)
            if kind == "group":
                table.labels.append(_use("三", "group", label, tokens, at))
            if kind == "row" and label.key not in row_keys:
                table.labels.append(_use("三", "row", label, tokens, at))
                if label.key == "other_handling" and any(t.text for t in window):
                    # （六）其他处理 filled as one row, as the 2019 format has it, in a 2021 table
                    merged_group = Span(token.start, token.end)
                    subrows = [r for r in t.t3_rows if r.key.startswith("other_")]
                    table.problems.append(Problem(
                        "三", "old-row", f"表三“{label.label}”只填了一行（2019 年试行格式的写法）：2021 年格式分为"
                        + "".join(f"“{_short(r.label)}”" for r in subrows) + "三行，请分别填写", merged_group, label.key))
            continue
        table.labels.append(_use("三", "row", label, tokens, at))
        if label.key in seen:
            table.problems.append(Problem("三", "unexpected", f"表三“{label.label}”行重复出现",
                                          Span(token.start, token.end), label.key))
            continue
        seen.add(label.key)
        _fill_row(table, None, label, columns, window, token, identity)
    if not seen:
        _stray_values(table, strays)
        return table if present else None
    # A header the reader could not name in full (wrapped cells in PDF text)
    # is no defect when every row carries all the columns' values.
    if unnamed and any(p.kind == "unaligned" for p in table.problems):
        for column in unnamed:
            table.problems.append(Problem("三", "missing-column", f"表三表头缺少“{column.label}”列",
                                          Span(table.span.start, table.span.start), column.key))
    table.span = Span(table.span.start, max(c.span.end for c in table.cells.values() if c.span) if any(
        c.span for c in table.cells.values()) else table.span.end)
    _stray_values(table, strays)
    old_row = any(p.kind == "old-row" for p in table.problems)
    for row in t.t3_rows:
        if row.key not in seen and not (old_row and row.key.startswith("other_")):
            table.problems.append(Problem("三", "missing-row", f"表三缺少“{row.label}”行",
                                          Span(table.span.start, table.span.start), row.key))
    return table


def _stray_values(table: Table, strays: list[Token]) -> None:
    """A number in table 三's header that belongs to no cell; not when every
    cell read is empty: it is then one more sign of the empty table, which
    empty-cell reports."""
    cells = table.cells.values()
    if cells and all(c.status in ("blank", "dash", "none") for c in cells):
        return
    for stray in strays:
        table.problems.append(Problem("三", "unexpected", f"表三表头中有无法归属到任何单元格的数值“{stray.text}”",
                                      Span(stray.start, stray.end), "header-value"))


def _short(label: str, size: int = 16) -> str:
    return label if len(label) <= size else label[:size] + "…"


def _t3_columns(t: Template, present: list[Label]) -> list[Label]:
    """The data columns, in template order: those the header names when it
    names them all (with the optional 小计 if named), else the template's.
    Whether the rows really lack a column is judged when they are read."""
    base = [c for c in t.t3_columns if not c.flag("optional")]
    named = [c for c in t.t3_columns if c in present]
    return named if len(named) >= len(base) else base


def _read_t4(t: Template, tokens: list[Token], line_of) -> Table | None:
    headers = _t4_labels(t.format)
    tokens = join_split_labels(split_runs(tokens, headers, line_of), headers)
    table = Table("四", t.format, _span_of(tokens), anchor=_anchor(tokens))
    last_header, found = -1, False
    for index, token in enumerate(tokens):
        if not token.text:
            continue
        hit = headers.match(token.text)
        if hit:
            found = True
            last_header = index
            if hit[0] in ("column", "group"):
                table.labels.append(_use("四", hit[0], hit[1], tokens, index))
        elif found and headers.fragment(token.text):
            last_header = index          # a header word wrapped onto its own line: "结果" / "维持"
        elif found and not _is_prose(token) and parse_cell(token.text).status != "text":
            break
    if not found:
        return None
    window = []
    for token in tokens[last_header + 1:]:
        if token.text and _is_prose(token):
            break
        if not token.text or not headers.fragment(token.text):
            window.append(token)
    cells = [(g, c) for g in t.t4_groups for c in t.t4_columns]
    values, why, kind = _assign(window, len(cells), REVIEW_TOTALS)
    anchor = tokens[last_header]
    if values is None:
        where = Span(window[0].start, window[-1].end) if any(w.text for w in window) else Span(anchor.start, anchor.end)
        first_value = next((w for w in window if w.text), None)
        if first_value:
            where = Span(first_value.start, first_value.end)
        table.problems.append(Problem("四", kind, f"表四{why}", where, "values",
                                      REVIEW_TOTALS.id if kind == "no-split" else ""))
        for group, column in cells:
            table.cells[(None, group.key, column.key)] = Cell("四", None, group.key, column.key, group.label,
                                                              column.label, "", "unread", None, None, where)
        return table
    for (group, column), token in zip(cells, values):
        table.cells[(None, group.key, column.key)] = _cell("四", None, group, column, token,
                                                          Span(anchor.start, anchor.end), REVIEW_TOTALS.id)
    table.rows = [g.key for g in t.t4_groups]
    return table
