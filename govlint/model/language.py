"""What the language rules (L001–L005) share: the report's prose, and the
lexicon the typo rule checks it against.

Prose is the text a proofreader reads for wording: the report without its
metadata block, the bodies of sections 二, 三 and 四 (the tables), lines of
table cells (tabs or pipes), quoted document titles (《…》) and the
agency's own name. `prose(report)` gives it as a stream with whitespace
removed, so that a word wrapped over two lines of a PDF's text, or split by
a stray space, reads as one word, and the same report gives the same stream
whatever its layout (lined, one long line, single spaces, cell per line).
Positions in the stream map back to the user's text.

The lexicon (govlint/data/language/, see its README) is read on first use,
each part when a rule first needs it. What is derived from its files by
parsing them in Python (the word sets, the known misspellings and their
trie patterns, the sound classes, the parallel endings' pattern) is kept
in the cache directory (KeptTables), so that a new process reads it in
one step instead of parsing the files again.
"""
from __future__ import annotations

import marshal
import os
import re
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache

from govlint import __version__
from govlint.cachedir import cache_dir, read_blob, read_data, write_blob, write_data
from govlint.patterns import compile_re

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "language")


class _Lazy:
    """re.compile(source, flags), compiled on first use (as govlint.patterns.lazy
    does for the regex module): importing the rules compiles nothing. The
    language rules use the standard library's re, whose scans of a character
    class or a literal are the fastest on plain Chinese text. A method asked
    for is kept on the instance, so that __getattr__ runs once per method,
    not on every call."""

    def __init__(self, source: str, flags: int = 0):
        self.source, self.flags, self._compiled = source, flags, None

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile_re(self.source, self.flags)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


def lazy_re(source: str, flags: int = 0) -> re.Pattern:
    return _Lazy(source, flags)  # type: ignore[return-value]
HAN = "\u3400-\u4dbf\u4e00-\u9fff"

# A book title: 《…》, at most a long line's worth, never across a paragraph.
_TITLE = lazy_re(r"《[^《》]{0,80}》")
_WHITESPACE = lazy_re(r"\s+")        # what str.split() splits at
BREAK = "\x00"      # stands in the stream for text left out: no match runs across it
_TABLE_MARK = lazy_re(r"[\t|｜]")
# A run of spaces after a Chinese character or a digit: the runs the
# spacing rules look at; the others (an indent, spaces after punctuation
# or between Latin words) are passed over in the scan. The pattern starts
# with the space, so that the engine skips to spaces at C speed; the
# lookbehind reads the space and the character before it.
_SPACE_RUN = lazy_re("[ \u3000](?<=[" + HAN + "0-9][ \u3000])[ \u3000]*")
_NUMBER = lazy_re(r"[0-9.:/\-]*")
_NUMBER_CHARS = frozenset("0123456789.:/-")


class Stream:
    """Prose with whitespace removed and the text left out replaced by one
    BREAK. text[i] is report.text[offset(i)]."""

    __slots__ = ("text", "_source", "_spans", "_starts", "_maps")

    def __init__(self, source: str, spans: list[tuple[int, int]]):
        self._source = source
        self._spans = spans
        # str.split() drops every whitespace run, in C: three times faster than a regex.
        pieces = ["".join(source[start:end].split()) for start, end in spans]
        self.text = BREAK.join(pieces) + BREAK
        starts, length = [], 0
        for piece in pieces:
            starts.append(length)
            length += len(piece) + 1
        self._starts = starts
        self._maps: dict[int, tuple[list[int], list[int]]] = {}

    def _cuts(self, number: int) -> tuple[list[int], list[int]]:
        """Where whitespace was removed in span number: the stream index
        (within the span) of each run, and the characters removed so far."""
        cuts = self._maps.get(number)
        if cuts is None:
            start, end = self._spans[number]
            cuts = ([], [])
            removed = 0
            for match in _WHITESPACE.finditer(self._source, start, end):
                cuts[0].append(match.start() - start - removed)
                removed += match.end() - match.start()
                cuts[1].append(removed)
            self._maps[number] = cuts
        return cuts

    def offset(self, index: int) -> int:
        """The text offset of stream index (a BREAK maps to its span's end)."""
        number = max(0, bisect_right(self._starts, index) - 1)
        start, end = self._spans[number]
        index -= self._starts[number]
        cuts = self._cuts(number)
        position = bisect_right(cuts[0], index)
        return min(end, start + index + (cuts[1][position - 1] if position else 0))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text span from stream start to stream end (exclusive)."""
        return self.offset(start), self.offset(end - 1) + 1


_SENTENCE_END = lazy_re(r"[。！？；]")
_SENTENCE_END_CHARS = frozenset("。！？；")
# A table cell beside a mark is at most this long; marks this close together
# (with no sentence end between them) are cells of one row.
_MAX_CELL = 40


def _cells_around(text: str, mark: int, line_start: int, line_end: int) -> tuple[int, int]:
    """The run of cells around the table mark at `mark` inside a line that
    also holds prose: from the cell before the first mark to the cell after
    the last mark of the run, never across a sentence end."""
    last = mark
    while True:
        following = _TABLE_MARK.search(text, last + 1, min(line_end, last + 1 + _MAX_CELL))
        if not following or _SENTENCE_END.search(text, last + 1, following.start()):
            break
        last = following.start()
    return _cell_edge(text, mark, line_start, -1), _cell_edge(text, last, line_end, 1)


def _cell_edge(text: str, mark: int, limit: int, step: int) -> int:
    """Where the cell next to the mark ends, going one way (step -1: back
    to its start; 1: forward to its end): past spaces, then past one word,
    at most _MAX_CELL characters, never past a sentence end or `limit`."""
    i = mark + step
    inside = (lambda k: k >= limit) if step < 0 else (lambda k: k < limit)
    while inside(i) and text[i] in " \u3000":
        i += step
    count = 0
    while inside(i) and count < _MAX_CELL and not text[i].isspace() and text[i] not in _SENTENCE_END_CHARS \
            and text[i] not in "|｜":
        i += step
        count += 1
    return i + 1 if step < 0 else i


def _next_table_mark(text: str, start: int, end: int) -> int:
    """The first tab, | or ｜ in text[start:end], else -1: a search for each
    at C speed (a scan for the class tested each character), each one
    only up to the mark found so far."""
    found = -1
    for mark in "\t|｜":
        at = text.find(mark, start, end)
        if at >= 0:
            found = end = at
    return found


def excluded_spans(report) -> list[tuple[int, int]]:
    """Text spans that are not prose, sorted (they may overlap): the
    metadata block, the table sections' bodies, lines of table cells, book
    titles and the agency's name."""
    text = report.text
    spans = []
    if report.metadata_span:
        spans.append((report.metadata_span.start, report.metadata_span.end))
    for section in report.sections:
        if section.heading.spec.table:
            spans.append((section.body.start, section.body.end))
    # Lines of table cells outside the table sections (inside them the
    # whole body is left out already).
    position = 0
    for start, end in sorted(spans) + [(len(text), len(text))]:
        while True:
            mark = _next_table_mark(text, position, start)
            if mark < 0:
                break
            line_start = text.rfind("\n", 0, mark) + 1
            line_end = text.find("\n", mark)
            line_end = len(text) if line_end < 0 else line_end
            if _SENTENCE_END.search(text, line_start, line_end):
                # A line that also holds sentences (a crawled page on one
                # line, a nav bar "首页 | 政务公开" before the report): only
                # the cells around the marks are left out, not the prose.
                cells = _cells_around(text, mark, line_start, line_end)
                spans.append(cells)
                position = cells[1]
            else:
                spans.append((line_start, line_end))
                position = line_end
        position = max(position, end)
    if "《" in text:
        spans.extend(m.span() for m in _TITLE.finditer(text))
    agency = report.title.agency if report.title else None
    if agency:
        agency = agency.strip()
    if agency and len(agency) >= 2:
        at = text.find(agency)
        while at >= 0:
            spans.append((at, at + len(agency)))
            at = text.find(agency, at + len(agency))
    spans.sort()
    return spans


def prose_spans(report) -> list[tuple[int, int]]:
    """The text spans that are prose (the complement of excluded_spans)."""
    cached = report._prose_spans
    if cached is not None:
        return cached
    spans, position = [], 0
    for start, end in excluded_spans(report):
        if start > position:
            spans.append((position, start))
        position = max(position, end)
    if position < len(report.text):
        spans.append((position, len(report.text)))
    report._prose_spans = spans
    return spans


def prose(report) -> Stream:
    """The report's prose as a Stream (computed once per report)."""
    cached = report._prose
    if cached is None:
        cached = report._prose = Stream(report.text, prose_spans(report))
    return cached


def context(text: str, start: int, end: int, before: int = 4, after: int = 4) -> str:
    """text[start:end] with up to `before` and `after` characters around it,
    whitespace outside it left out: the same quote whatever the layout."""
    left = "".join(text[max(0, start - 3 * before - 12):start].split())[-before:] if before else ""
    right = "".join(text[end:end + 3 * after + 12].split())[:after]
    return left + text[start:end] + right


def one_line(report) -> bool:
    """Whether the text's line breaks became spaces (a crawled page on one
    line whose paragraphs, headings and cells are joined by spaces): then a
    single space may stand where a line break was, between a heading and
    its paragraph, two paragraphs or two table cells, and cannot be told
    from a stray one. A text that lost its line breaks without spaces in
    their place (cells and paragraphs run together) keeps only real spaces."""
    text = report.text
    # Paragraphs that end "。 " are the sign: joined without spaces they end "。".
    return len(text) > 400 and text.count("\n") <= 2 and text.count("。 ") >= 2


def heading_spans(report) -> list[tuple[int, int]]:
    """The title's and the section headings' spans: what reads as a heading
    in every layout."""
    spans = [(s.heading.span.start, s.heading.span.end) for s in report.sections]
    if report.title and not report.title.from_metadata:
        spans.append((report.title.span.start, report.title.span.end))
    return sorted(spans)


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect_right(spans, (offset, 1 << 62)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def spaces(report, digits: bool = False) -> list[tuple[int, int, bool]]:
    """(start, end, in_heading) of each run of spaces between two Chinese
    characters (digits: between a Chinese character and a digit) that the
    spacing rules report, computed once per report for both kinds."""
    if report._spaces is None:
        report._spaces, report._digit_spaces = _spaces(report)
    return report._digit_spaces if digits else report._spaces


def is_han(char: str) -> bool:
    """A Chinese character (plain comparisons: a regular expression class of
    CJK ranges costs milliseconds to compile)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _digit(char: str) -> bool:
    return "0" <= char <= "9"


# A numbered heading or sub-heading that opens a line or follows a sentence
# and runs, without punctuation, up to the offset it is searched to.
_HEADING_BEFORE = lazy_re(
    r"(?:^|(?<=[\n。；！？]))[ \t\u3000]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．])"
    r"[^，。；：！？,;:!?\n \t\u3000]{1,30}$")


def _closes_heading(text: str, at: int, headings: list[tuple[int, int]]) -> bool:
    """Whether the space run at `at` follows a section heading or a numbered
    sub-heading directly."""
    if any(end == at for _, end in headings):
        return True
    return _HEADING_BEFORE.search(text, max(0, at - 40), at) is not None


def _spaces(report) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int, bool]]]:
    """The runs of spaces between two Chinese characters and those between
    a Chinese character and a digit: both kinds in one scan."""
    text = report.text
    between: list[tuple[int, int, bool]] = []
    digit: list[tuple[int, int, bool]] = []
    if " " not in text and "\u3000" not in text:
        return between, digit
    headings = None
    ambiguous = one_line(report)
    for start, end in prose_spans(report):
        for match in _SPACE_RUN.finditer(text, start, end):
            a, b = match.span()
            if a == 0 or b >= len(text):
                continue
            left, right = text[a - 1], text[b]
            if is_han(left) and is_han(right):
                found = between
            elif is_han(left) and _digit(right):
                if any(mark in _NUMBER.match(text, b).group() for mark in ":-/"):
                    continue        # a date, a time or an index number: metadata, not prose
                found = digit
            elif _digit(left) and is_han(right):
                begin = a
                while begin > 0 and text[begin - 1] in _NUMBER_CHARS:
                    begin -= 1
                if any(mark in text[begin:a] for mark in ":-/"):
                    continue
                found = digit
            else:
                continue
            # Letter-spaced text (a justified PDF line, "电 子 邮 箱"): every
            # character stands alone; the rules cannot tell it from spacing
            # on purpose and leave it.
            if text[a - 2:a - 1] in (" ", "\u3000") or text[b + 1:b + 2] in (" ", "\u3000"):
                continue
            if headings is None:
                headings = heading_spans(report)
            heading = inside(headings, a)
            # A single space in a text whose line breaks became spaces may be one.
            if ambiguous and not heading and b - a == 1 and text[a] == " ":
                continue
            # An indent after a heading ("（一）主动公开方面  2022年"): where the
            # heading's line ended, in a text that lost its line breaks.
            if not heading and (b - a > 1 or "\u3000" in text[a:b]) and _closes_heading(text, a, headings):
                continue
            found.append((a, b, heading))
    return between, digit


# --------------------------------------------------------------------------
# The lexicon

def _lines(name: str):
    with open(os.path.join(DATA, name), encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and (not line.startswith("#") or line.startswith("## ")):
                yield line


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = out.setdefault("", [])
    for line in _lines(name):
        if line.startswith("## "):
            current = out.setdefault(line[3:].strip(), [])
        else:
            current.append(line)
    return out


_FILES = ("lexicon.txt", "lookalikes.txt", "misspellings.tsv", "sounds.txt", "words.txt")


class KeptTables:
    """Tables derived from the lexicon's files, kept between processes.

    One data file in the cache directory (cachedir.read_data/write_data:
    marshal behind a checksum, written to a temporary file and renamed),
    named after govlint's version and holding the size and modification
    time of each file of govlint/data/language/ next to the tables. A
    table that is missing, or a file whose stamp differs (the data were
    edited), means computing the tables from the files as before; so does
    anything wrong with the file. GOVLINT_PATTERN_STORE=0 turns it off
    with the pattern store."""

    def __init__(self, path: str | None = None):
        self.path = path
        self.entries: dict | None = None

    def get(self, name: str, build):
        """The table name, computed by build() when not kept (and then kept)."""
        if self.entries is None:
            self.entries = self._read()
        value = self.entries.get(name)
        if value is None:
            value = build()
            self.entries[name] = value
            if self.path:
                write_data(self.path, self.entries)     # a cache that cannot be written is only slower
        return value

    def get_automaton(self, name: str, build, layout: int = 0) -> tuple:
        """(automaton, entries): the table name, an Aho-Corasick automaton
        (pyahocorasick) and the entries its values index, computed by
        build() when not kept (and then kept). It is kept in a file of its
        own next to the others (it is large, and only the typo rule reads
        it): marshal data (the data files' stamp, the table's layout — a
        number the code that builds it raises when it changes —, the stamp
        of the extension module, the automaton's parameters and the
        entries) followed by the automaton's nodes as the module dumps them
        for pickling (cachedir.write_blob). Reading hands those bytes to the
        automaton's constructor as unpickling would, without pickle's
        machinery or a copy of them (_read_automaton). Any stamp changed,
        or the file unreadable, means computing it again."""
        if self.entries is None:
            self.entries = self._read()
        path = f"{self.path}.{name}" if self.path else ""
        stamp = (self.entries.get("stamp"), layout, _module_stamp())
        # The identity of the file whose nodes' checksum was last found
        # right (cachedir.read_blob): while it is the same file, unchanged,
        # its nodes are not read again for the checksum.
        checked = self.entries.get(f"{name} checked")
        kept = _read_automaton(path, stamp, checked) if path else None
        if kept is not None:
            value, identity = kept
            if identity != checked:
                self.entries[f"{name} checked"] = identity
                write_data(self.path, self.entries)
            return value
        value = build()
        if path:
            _write_automaton(path, stamp, *value)
        return value

    def _read(self) -> dict:
        if self.path is None:
            if os.environ.get("GOVLINT_PATTERN_STORE") == "0":
                return {}
            self.path = os.path.join(cache_dir(), "lexicon", f"language-{__version__}.marshal")
        stamp = _stamp()
        entries = read_data(self.path) if stamp else {}
        if entries.get("stamp") != stamp:
            entries = {"stamp": stamp}
        if not stamp:
            self.path = ""
        return entries


def _stamp() -> tuple | None:
    """(name, size, modification time) of each data file; None when one
    cannot be read (then nothing is kept)."""
    try:
        return tuple((name, status.st_size, status.st_mtime_ns)
                     for name in _FILES for status in (os.stat(os.path.join(DATA, name)),))
    except OSError:
        return None


def _module_stamp() -> tuple | None:
    """(size, modification time) of pyahocorasick's extension module: the
    kept automaton's bytes are its nodes in that module's own layout."""
    import ahocorasick

    try:
        status = os.stat(ahocorasick.__file__)
    except (OSError, TypeError):
        return None
    return (status.st_size, status.st_mtime_ns)


def _write_automaton(path: str, stamp, automaton, entries) -> bool:
    """Keep automaton and entries at path (KeptTables.get_automaton)."""
    reduced = automaton.__reduce__()[1]
    if len(reduced) != 7:                # an empty automaton: nothing worth keeping
        return False
    chunks, kind, store, key_type, count, longest, _ = reduced
    rows = tuple(marshal.dumps(tuple(entry)) for entry in entries)
    return write_blob(path, (stamp, (kind, store, key_type, count, longest, tuple(map(len, chunks))), rows),
                      b"".join(chunks))


def _read_automaton(path: str, stamp, checked: tuple | None = None) -> tuple | None:
    """((automaton, entries), the file's identity) kept at path with
    stamp, or None; checked: cachedir.read_blob's. Only an Aho-Corasick
    automaton storing integers is built: its nodes hold numbers, which the
    constructor checks against the nodes there are (one storing Python
    objects would read pointers from the file)."""
    kept = read_blob(path, checked)
    if kept is None:
        return None
    data, blob, identity = kept
    import ahocorasick

    try:
        kept_stamp, (kind, store, key_type, count, longest, sizes), rows = data
    except (TypeError, ValueError):
        return None
    if kept_stamp != stamp or (kind, store, key_type) != (ahocorasick.AHOCORASICK, ahocorasick.STORE_INTS,
                                                         ahocorasick.KEY_STRING) \
            or type(rows) is not tuple or not all(type(row) is bytes for row in rows) \
            or type(count) is not int or type(longest) is not int \
            or type(sizes) is not tuple or not sizes or not all(type(size) is int and size >= 8 for size in sizes) \
            or sum(sizes) != len(blob):
        return None
    chunks, at = [], 0
    for size in sizes:
        chunks.append(blob if size == len(blob) else blob[at:at + size])
        at += size
    try:
        automaton = ahocorasick.Automaton(chunks, kind, store, key_type, count, longest, None)
    except (ValueError, TypeError, OverflowError, MemoryError):
        return None
    return (automaton, Rows(rows)), identity


class Rows(dict):
    """A tuple's items kept as marshal data, each read when first asked
    for (rows[i], as of the tuple): the kept automaton's entries (some 2,000
    tuples of five) cost a cold start 6 M instructions to read whole, and a
    report asks for a few. An item read is a dict's item from then on, so
    asking again costs what indexing the tuple did."""

    __slots__ = ("rows",)

    def __init__(self, rows: tuple):
        super().__init__()
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    def __missing__(self, index: int):
        item = self[index] = marshal.loads(self.rows[index])
        return item


def _common(char: str) -> bool:
    """Whether char is one of the 3,755 common characters (GB2312's first
    level, rows 16–55: its first byte B0–D7)."""
    try:
        return 0xB0 <= char.encode("gb2312")[0] <= 0xD7
    except UnicodeEncodeError:
        return False


class Misspelling:
    """A known wrong form's right form and kind (misspelling, look-alike, moved)."""

    __slots__ = ("right", "kind", "note")

    def __init__(self, right: str, kind: str, note: str):
        self.right, self.kind, self.note = right, kind, note


class Lexicon:
    """The genre's words, the sound of each character and the known words.
    Each part is read when first used; the parts parsed in Python come from
    the kept tables when they hold them."""

    def __init__(self, kept: KeptTables | None = None):
        self.kept = kept or KeptTables()

    @cached_property
    def _sounds(self) -> list[str]:
        """The characters of each sound class (sounds.txt)."""
        return self.kept.get("sounds", lambda: [line.split("\t")[1] for line in _lines("sounds.txt")
                                                if not line.startswith("## ")])

    def same_sound(self, a: str, b: str) -> bool:
        """Whether characters a and b sound alike (the same class)."""
        for chars in self._sounds:
            if a in chars:
                return b in chars
        return False

    @cached_property
    def _lexicon(self) -> dict[str, list[str]]:
        return _sections("lexicon.txt")

    @cached_property
    def words(self) -> frozenset[str]:
        return self.kept.get("words", lambda: frozenset(w for words in self._lexicon.values() for w in words))

    @cached_property
    def terms(self) -> frozenset[str]:
        """The lexicon without the compounds found in the reports (推进政务 is
        two words side by side, 政务公开 one term)."""
        return self.kept.get("terms", lambda: frozenset(w for name, words in self._lexicon.items()
                                                         if name != "corpus compounds" for w in words))

    @cached_property
    def _words_file(self) -> str:
        # Read as bytes and decoded at once: a text stream's newline
        # translation over its 240 KB was a third of reading it.
        with open(os.path.join(DATA, "words.txt"), "rb") as handle:
            text = handle.read().decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text

    def _known_section(self, name: str) -> list[str]:
        """The lines of one section of words.txt, parsed only when asked for
        (a report without suspect strings needs few of them)."""
        text = self._words_file
        start = text.find(f"\n## {name}\n")
        if start < 0:
            return []
        start += len(name) + 5
        end = text.find("\n## ", start)
        return text[start:end if end >= 0 else len(text)].rstrip("\n").split("\n")

    @cached_property
    def alike(self) -> frozenset[str]:
        """Known words that sound or look like a lexicon word (never its typos)."""
        return frozenset(self._known_section("alike"))

    @cached_property
    def _two(self) -> tuple[str, ...]:
        """Two-character words of the general dictionary, as the lines of
        words.txt (first character, a tab, the second characters), sorted:
        a look-up is a binary search for the first character. Neither a
        dictionary of them (4 ms to build, 3 ms to unmarshal) nor a search
        of the joined lines (a scan of 60,000 characters for each word)."""
        # Written sorted by tools/build_language_data.py (sorting checks it in
        # one pass); a tuple of strings, which the garbage collector skips.
        return tuple(sorted(self._known_section("two")))

    def is_two(self, word: str) -> bool:
        if len(word) != 2:
            return False
        two = self._two
        at = bisect_left(two, word[0])
        return at < len(two) and two[at][0] == word[0] and two[at][1] == "\t" and word[1] in two[at][2:]

    @cached_property
    def _suffixed(self) -> tuple[str, ...]:
        """Words of three or four characters with a common ending (…性,
        …化): what an enumeration's items are; sorted, searched by bisection."""
        return tuple(sorted(self._known_section("suffixed")))

    def suffixed(self, word: str) -> bool:
        words = self._suffixed
        at = bisect_left(words, word)
        return at < len(words) and words[at] == word

    def is_word(self, text: str, long: bool = False) -> bool:
        if len(text) == 2:
            return self.is_two(text)
        return text in self.words or text in self.alike or (long and self.suffixed(text))

    @cached_property
    def truncated(self) -> dict[str, str]:
        """A lexicon word without its last character → the word (where that
        is no word and does not end with one: 主要负责 is 主要负责人 cut, and
        right)."""
        return self.kept.get("truncated", lambda: dict(line.split("\t") for line in self._known_section("truncated")))

    @cached_property
    def truncated_tails(self) -> frozenset[str]:
        return frozenset(head[-2:] for head in self.truncated)

    def _misspelling_rows(self) -> dict[str, tuple[str, str, str]]:
        """Wrong form → (right form, kind, note), as the files give them."""
        out = {}
        for line in self._known_section("moved"):
            wrong, right = line.split("\t")
            out[wrong] = (right, "moved", "")
        for line in _lines("misspellings.tsv"):
            wrong, right, kind, *note = line.split("\t")
            out[wrong] = (right, kind, note[0] if note else "")
        return out

    @cached_property
    def misspellings(self) -> dict[str, Misspelling]:
        """Wrong form → right form: the hand list and the moved core words."""
        rows = self.kept.get("misspellings", self._misspelling_rows)
        return {wrong: Misspelling(*row) for wrong, row in rows.items()}

    @cached_property
    def misspelling_pattern(self) -> re.Pattern:
        return compile_re(self.kept.get("misspelling trie", lambda: trie(
            w for w, m in self.misspellings.items() if m.kind != "moved")))

    @cached_property
    def moved_pattern(self) -> re.Pattern:
        return compile_re(self.kept.get("moved trie", lambda: trie(
            w for w, m in self.misspellings.items() if m.kind == "moved")))

    @cached_property
    def doubled(self) -> frozenset[str]:
        """Two-character words whose doubling is a slip."""
        return frozenset(self._known_section("doubled"))

    # Endings the items of an enumeration share (准确性、权威性、完整性;
    # 规范化、标准化; 知情权、参与权; 办结率、满意率).
    PARALLEL = "性化权率"

    @cached_property
    def parallel_pattern(self) -> re.Pattern:
        """A character that sounds like a parallel ending without being it,
        at the end of an enumeration item."""
        return compile_re(self.kept.get("parallel pattern", self._parallel_source))

    def _parallel_source(self) -> str:
        mates = set()
        for chars in self._sounds:
            if any(ending in chars for ending in self.PARALLEL):
                mates.update(chars)
        mates -= set(self.PARALLEL)
        return "[" + "".join(sorted(mates)) + "](?=[、和及与的等，。；：！？,;:!?\x00])"

    # The shortest lexicon term whose one-character variants (a character
    # that sounds or looks like the term's) are looked for anywhere in the
    # prose (terms of three characters were noisy: 提升政府 holds 升政府,
    # which sounds like 省政府).
    SUBSTITUTION_MIN = 4
    # The layout of the substitutions' tables: a kept copy of another layout
    # is built again.
    SUBSTITUTION_FORMAT = 6

    @cached_property
    def _lookalikes(self) -> dict[str, str]:
        """Each character of lookalikes.txt → the characters that look like
        it (the other characters of its groups)."""
        out: dict[str, str] = {}
        for group in _lines("lookalikes.txt"):
            for char in group:
                out[char] = out.get(char, "") + "".join(c for c in group if c != char and c not in out.get(char, ""))
        return out

    @cached_property
    def substitutions(self) -> tuple:
        """(automaton, entries): an Aho-Corasick automaton (pyahocorasick)
        over the UTF-8 bytes of the prose, whose keys stand for the terms of
        SUBSTITUTION_MIN characters or more with one character replaced by a
        common character of its sound class or of its look-alike group,
        where that makes no word (工作留程 for 工作流程, 行政复义 for 行政复议,
        申请人己经 for 申请人已经), and the entries its values index.
        Built once (about 0.4 s) and kept between processes
        (KeptTables.get_automaton)."""
        return self.kept.get_automaton("substitutions", self._substitution_tables, self.SUBSTITUTION_FORMAT)

    def _substitution_tables(self) -> tuple:
        """A variant's key is its replaced character with the term's
        character on either side (作留程 for 工作留程, 申清公 for 依申清公开, 复义
        for 行政复义, whose last character is replaced); the rest of the term
        is compared where a key is found. Of the character after the
        replaced one, when there is one before it too, the key holds the
        first UTF-8 byte only, the rest being compared with the term's tail:
        the key's last two bytes were a node of their own each in most keys
        (112,500 nodes, 71,300 so), and the nodes are what a process reads
        and builds to load the automaton. Not when the replacing character
        and the one before it are side by side in a word of the lexicon
        (公开 and 信 in 公开信息): the prose holds those often, and a key so
        cut would be found there again and again. So the prose holds few
        more places where a key is found (over the real reports, 4.0 a
        report against 3.2; the others fail the tail's comparison).

        The keys and the prose are UTF-8 bytes (as latin-1 strings): the
        automaton looks a character up among a node's children one by one,
        and the first byte of every Chinese character is one of a few
        (E4–E9), where the keys' first characters are hundreds. Its
        children are inserted most frequent characters first (by their
        count in the lexicon's words), so that the look-ups of common
        characters end early.

        The replacing characters are the common ones (GB2312's first level,
        the 3,755 characters a pinyin input method offers first, where a
        wrong pick comes from): the rare ones of the sound classes would
        double the automaton, and the time to load it, for slips nobody makes.

        An entry is a tuple of (size, head, tail, term, position): the
        key's size in bytes, the UTF-8 bytes of the term before and after
        the key, the term and the position of the replaced character."""
        import ahocorasick
        from collections import Counter

        def utf8(text: str) -> str:
            return text.encode("utf-8").decode("latin-1")

        classes = {char: chars for chars in self._sounds for char in chars}
        lookalikes = self._lookalikes
        # Two characters side by side in a word of the lexicon: common in
        # the reports, so a key holding them is not cut.
        pairs = {word[i:i + 2] for word in self.words for i in range(len(word) - 1)}
        keys: dict[str, list] = {}
        for term in sorted(self.terms):
            size = len(term)
            if size < self.SUBSTITUTION_MIN:
                continue
            for at, char in enumerate(term):
                begin, end = max(0, at - 1), min(size, at + 2)
                head, tail = utf8(term[:begin]), utf8(term[end:])
                after = utf8(term[at + 1:end])
                others = classes.get(char, "")
                others += "".join(c for c in lookalikes.get(char, "") if c not in others)
                for other in others:
                    if other == char or not _common(other) \
                            or self.is_word(term[:at] + other + term[at + 1:], long=True):
                        continue
                    pair = term[begin:at] + other
                    if begin < at and after and pair not in pairs:     # cut after the next character's first byte
                        key = utf8(pair) + after[:1]
                        keys.setdefault(key, []).append((len(key), head, after[1:] + tail, term, at))
                    else:
                        key = utf8(pair) + after
                        keys.setdefault(key, []).append((len(key), head, tail, term, at))
        counts = Counter(char for word in self.words for char in word)
        order = sorted(keys, key=lambda key: [-counts[char] for char in key.encode("latin-1").decode("utf-8", "ignore")])
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        entries: dict[tuple, int] = {}
        for key in order:
            automaton.add_word(key, entries.setdefault(tuple(keys[key]), len(entries)))
        automaton.make_automaton()
        return automaton, tuple(entries)

    reduplicated = frozenset(("研究", "讨论", "学习", "了解", "商量", "考虑", "检查", "休息", "活动", "比较",
                              "介绍", "熟悉", "体会", "交流", "总结", "思考", "分析", "整理", "打扫", "收拾",
                              "锻炼", "说说", "看看", "试试"))


def trie(words) -> str:
    """A regular expression matching any of words, longest first, written
    as a trie: the engine tries each character once."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(branches) == 1 and len(body) > 1 else body + "?"
        return body

    return build(root)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
