"""Recognise the six section headings, on lines of their own or in running text.

match_heading reads a line that is a heading: an optional numbering token (一、 / 2、 / 第三部分)
followed by the wording of one of the six sections. Wording is matched in
three tiers, most certain first:

1. exact: the canonical wording or an accepted variant (format-spec §3.1),
   after folding width, quotes and spaces;
2. keywords: the section's keywords (format-spec R-SEC-1), for lines numbered
   with a Chinese numeral only: this is how reports word their own variants;
3. fuzzy: OCR noise, a Levenshtein distance within a budget that grows with
   the length of the wording (1 edit up to 8 characters, then one per 6).
   The budget was chosen against real text: every numbered non-heading line
   of the corpus (table-三 row labels such as "三、本年度办理结果", list items
   such as "6. 无需要报告的其他事项。") stays outside it, while one or two
   misread characters in a heading stay inside (tests/test_headings.py).

Lines numbered in parentheses ("（一）主动公开情况") are sub-headings, never
sections. Arabic-numbered and unnumbered lines must match exactly, because
list items inside sections look like them.

inline_headings finds headings that do not stand alone on a line, as in
text crawled from web pages where the whole body is one line: a numbering
token anywhere (after a sentence, a table's last digits, a cell separator;
Markdown markers allowed) followed by a section's wording, exact or, for
Chinese numerals, the section's keywords up to the word that ends a
heading (情况 / 事项 / 措施). A numbered phrase cited in a sentence
("详见三、…", "包括一、总体情况，二、…") or followed by more of the sentence
("…情况的", "…事项等") is not a heading; which of the candidates are
sections is decided with the whole report in view (report.py).
"""

import json
import pkgutil
from functools import lru_cache
from typing import NamedTuple

from govlint.patterns import VERBOSE, compile_re, lazy
from govlint.model.text import NUMERALS, SENTENCE_END, chinese_numeral, edit_distance, fold, fold_chars, fold_offset

MAX_HEADING_CHARS = 40

_NUMBERING = lazy(
    r"""^(?P<indent>\s*)
    (?:
        (?P<paren>[(（]\s*[一二三四五六七八九十0-9０-９]{1,3}\s*[)）])
      | 第(?P<part>[一二三四五六七八九十])(?:部分|章|节)\s*[、，,.．:：]?
      | (?P<zh>[一二三四五六七八九十]{1,3})\s*(?P<zhsep>[、，,.．:：]|\s)
      | (?P<ar>[0-9０-９]{1,2})\s*(?P<arsep>[、，,.．:：]|\s)(?![0-9０-９])
    )""",
    VERBOSE,
)
_TRAILING = lazy(r"[\s|｜:：]+$")


class SectionSpec(NamedTuple):
    number: int
    numeral: str
    key: str
    canonical: str
    variants: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]
    table: bool

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.canonical}"


@lru_cache(maxsize=1)
def section_specs() -> tuple[SectionSpec, ...]:
    data = json.loads(pkgutil.get_data("govlint", "data/sections.json").decode("utf-8"))
    return tuple(
        SectionSpec(number=s["number"], numeral=s["numeral"], key=s["key"],
                    canonical=s["canonical"], variants=tuple(s["variants"]),
                    keywords=tuple(tuple(k) for k in s["keywords"]),
                    table=bool(s.get("table")))
        for s in data["sections"]
    )


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[int, bool]]:
    """Folded wording → (section number, is canonical)."""
    forms: dict[str, tuple[int, bool]] = {}
    for spec in section_specs():
        forms[fold(spec.canonical)] = (spec.number, True)
        for variant in spec.variants:
            forms.setdefault(fold(variant), (spec.number, False))
    return forms


@lru_cache(maxsize=1)
def _forms_by_head() -> dict[str, list[tuple[str, int, bool]]]:
    """The forms of _forms() by their first character: a wording is looked
    for among the few that start with the character where it would start."""
    heads: dict[str, list[tuple[str, int, bool]]] = {}
    for form, (number, canonical) in _forms().items():
        heads.setdefault(form[:1], []).append((form, number, canonical))
    return heads


def section_of_wording(wording: str) -> tuple[int, bool] | None:
    """(section number, is canonical) of a heading's exact wording, else None."""
    return _forms().get(fold(wording).rstrip("。."))


def edit_budget(length: int) -> int:
    return 1 if length <= 8 else length // 6


class HeadingMatch(NamedTuple):
    number: int              # template section number 1..6
    match: str               # "canonical", "variant", "keywords" or "fuzzy"
    numbering: str | None    # the numbering token as written, e.g. "2、"
    numbering_value: int | None
    numbering_kind: str | None  # "chinese", "arabic", "part" or None
    numbering_start: int     # column offsets within the line
    numbering_end: int
    text_start: int
    text_end: int


_YEAR_PREFIX = lazy(r"^(?:19|20)\d{2}年度?")


def match_heading(line: str) -> HeadingMatch | None:
    """Return the section heading this line is, or None."""
    if len(line) > 4 * MAX_HEADING_CHARS:
        return None
    return _match_heading(line)


@lru_cache(maxsize=8192)
def _match_heading(line: str) -> HeadingMatch | None:
    # Remembered: table lines such as "\t0" repeat hundreds of times.
    if len(line) > 4 * MAX_HEADING_CHARS:
        return None
    numbered = _NUMBERING.match(line)
    if numbered and numbered.group("paren"):
        return None
    head_end = numbered.end() if numbered else len(line) - len(line.lstrip())
    rest = line[head_end:]
    # A table row may start with a heading-like label; a heading carries no cells.
    cut = min((i for i in (rest.find("\t"), rest.find("|"), rest.find("｜")) if i >= 0), default=-1)
    if cut >= 0:
        if rest[cut:].strip(" \t|｜"):
            return None
        rest = rest[:cut]
    text = _TRAILING.sub("", rest)
    if not text:
        return None
    text_start = head_end
    text_end = head_end + len(text)
    folded = fold(text)
    sentence = folded.endswith(tuple(SENTENCE_END))
    folded = folded.rstrip("。.")
    folded = _YEAR_PREFIX.sub("", folded)
    if not folded or len(folded) > MAX_HEADING_CHARS:
        return None

    kind = value = None
    token = None
    n_start = n_end = head_end
    if numbered:
        n_start = len(numbered.group("indent"))
        n_end = numbered.end()
        token = line[n_start:n_end].rstrip()
        if numbered.group("zh"):
            kind, value = "chinese", chinese_numeral(numbered.group("zh"))
        elif numbered.group("part"):
            kind, value = "part", chinese_numeral(numbered.group("part"))
        else:
            kind, value = "arabic", int(fold(numbered.group("ar")))

    def result(number: int, how: str) -> HeadingMatch:
        return HeadingMatch(number, how, token, value, kind, n_start, n_end, text_start, text_end)

    exact = _forms().get(folded)
    if exact:
        return result(exact[0], "canonical" if exact[1] else "variant")
    if sentence or kind not in ("chinese", "part"):
        return None
    # Below exact wording, the numeral must agree with the section: sub-items
    # numbered 一、二、 inside a section use the same keywords.
    for spec in section_specs():
        if value != spec.number or len(folded) > len(spec.canonical) + 12:
            continue
        if any(all(word in folded for word in group) for group in spec.keywords):
            return result(spec.number, "keywords")
    best = None
    for form, (number, _) in _forms().items():
        budget = edit_budget(len(form))
        if number != value or abs(len(form) - len(folded)) > budget:
            continue
        distance = edit_distance(folded, form, budget)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, number)
    if best:
        return result(best[1], "fuzzy")
    return None


# --------------------------------------------------------------------------
# Headings inside a line: crawled pages run the whole body together

# A numbering token that can open a section heading anywhere in the text:
# 第三部分 / 三、 / 3. and the spaces after it. Its first character is one
# of a set, which the standard library's re skips to in C (the regex module
# tried the pattern at every character of a run-together text); the
# branches are told apart by lookbehinds on that character, and a Markdown
# marker before it ("## 一、", "**三、") is read by _numbered.
# An arabic numbering is followed by what can start a wording (as
# _may_be_wording reads it: Markdown markers and spaces, then the first
# character of a form or of a year): only an exact form follows one, and
# the numbered rows and list items of a run-together table are left in C.
# Right after the first character, a lookahead on what every branch can
# take next (a numeral after 第, a space or a mark after the others): the
# numerals and digits of running text ("一个", "2023", "第十") fail on
# it without the branches' lookbehinds being tried.
@lru_cache(maxsize=1)
def _inline_numbering():
    heads = "".join(sorted(_form_heads()))
    return compile_re(
        r"[第一二三四五六1-6１-６]"
        r"(?=[一二三四五六 \t\u3000、，,.．:：])"
        r"(?:(?<=第)[一二三四五六](?:部分|章|节)[ \t\u3000]*[、，,.．:：]?[ \t\u3000]*"
        r"|(?<=[一二三四五六])[ \t\u3000]*(?:[、，,.．:：]|[ \u3000](?=[^ \u3000\d]))[ \t\u3000]*"
        r"|(?<=[1-6１-６])[ \t\u3000]*[、.．](?![0-9０-９])[ \t\u3000]*(?=[ \t\u3000*_#]*[" + heads + r"]))")


_MARKER_GAP = " \t\u3000"


def _numbered(text: str, start: int, end: int):
    """(first, at, end) of each numbering token from start to end: at is
    where its numeral (or 第) stands, first where a Markdown marker before
    it starts ("#" to "######", "**", "__", spaces after), else at."""
    resume = start
    for match in _inline_numbering().finditer(text, start, end):
        at = first = k = match.start()
        while k > resume and text[k - 1] in _MARKER_GAP:
            k -= 1
        if k > resume:
            mark = text[k - 1]
            if mark == "#":
                stop = max(resume, k - 6)
                first = k - 1
                while first > stop and text[first - 1] == "#":
                    first -= 1
            elif mark in "*_" and k - 1 > resume and text[k - 2] == mark:
                first = k - 2
        resume = match.end()
        yield first, at, resume


# Before a heading that does not start a line: what may precede it (with or
# without spaces between), and what, standing right before it, shows the
# numbered words are cited inside a sentence ("详见三、…", "包括一、总体情况").
_CITING = frozenset("，、,（(“‘《的和及与或见即如按照据将为是在于第")
# After a heading's wording: what shows it is an item of a list or a phrase
# inside a sentence ("总体情况、主动公开政府信息情况……", "…情况的统计").
_CONTINUES = frozenset("，、；,;的和及与或等")
_WORDING_ENDS = ("情况", "事项", "措施")
_PROSE_MARKS = lazy(r"[，。；：！？,;:!?]")
_MARKDOWN = " \t\u3000*_#"
MAX_INLINE_WORDING = 40


class InlineHeading(NamedTuple):
    """A heading found in running text; offsets index the whole text."""

    number: int
    match: str
    numbering: str | None
    numbering_value: int | None
    numbering_kind: str | None
    numbering_start: int
    numbering_end: int
    text_start: int
    text_end: int


def inline_headings(text: str, start: int = 0, end: int | None = None) -> list[InlineHeading]:
    """Numbered section headings that do not stand alone on their line:
    after a sentence, glued to a table's last digits, or followed on the
    same line by the section's body. The wording must be a form of the
    section (canonical, variant, or its keywords up to "情况 / 事项 /
    措施"); a numbered phrase cited inside a sentence or listed with others
    is not a heading."""
    end = len(text) if end is None else end
    found = _unnumbered(text, start, end)
    for first, at, after in _numbered(text, start, end):
        if first == at and _cited(text, at):
            continue
        kind, value = _numbering(text[at:at + 2])
        wording = _inline_wording(text, after, end, kind, value)
        if wording is None:
            continue
        number, how, text_end = wording
        token = text[at:after].rstrip(" \t\u3000")
        found.append(InlineHeading(number, how, token, value, kind, at, at + len(token), after, text_end))
    return sorted(found, key=lambda h: h.text_start)


# A section's canonical wording with no numbering, after a sentence and
# right before its first sub-heading ("…报告如下。总体情况（一）建立工作机构…"):
# the unnumbered heading of a run-together text. Elsewhere the wording is
# too common a phrase ("总体情况良好") to be taken for a heading.
_FIRST_SUBHEADING = compile_re(r"[ \t\u3000]*[（(][一1][)）]")


def _unnumbered(text: str, start: int, end: int) -> list[InlineHeading]:
    """The unnumbered headings from start to end, in order. Each wording is
    looked for with str.find, which skips through the text in C (a pattern
    of the six wordings was tried at each of their first characters, 政 and
    其 among them); no wording overlaps itself or another (none ends with
    the start of one, or holds one), so these are the matches of one
    search for any of them."""
    found = []
    for spec in section_specs():
        wording = spec.canonical
        at = text.find(wording, start, end)
        while at >= 0:
            stop = at + len(wording)
            if _FIRST_SUBHEADING.match(text, stop, end) and _after_sentence(text, at, start):
                found.append(InlineHeading(spec.number, "canonical", None, None, None, at, at, at, stop))
            at = text.find(wording, stop, end)
    found.sort(key=lambda h: h.text_start)
    return found


_SENTENCE_BEFORE = frozenset("。！？；\n")


def _after_sentence(text: str, at: int, start: int) -> bool:
    """Whether the wording at `at` starts the text or follows a sentence's
    end, with only spaces between, those spaces not before start (where
    the search began)."""
    i = at
    while i > 0 and text[i - 1] in " \t\u3000":
        i -= 1
    return i >= start and (i == 0 or text[i - 1] in _SENTENCE_BEFORE)


@lru_cache(maxsize=1)
def _form_heads() -> frozenset:
    """The first character of every accepted wording, and the digits a
    year prefix ("2023年…") starts with."""
    return frozenset(form[0] for form in _forms()) | frozenset("12")


@lru_cache(maxsize=1)
def _plain_forms() -> dict[str, list[tuple[str, int, str]]]:
    """The forms a window may be compared with as written, by their first
    character: each character of the form folds to itself, and no other
    form starts with it or is the start of it. A window that starts with
    such a form folds to a text that starts with it and with no other, so
    that the fold decides nothing more."""
    forms = _forms()
    plain: dict[str, list[tuple[str, int, str]]] = {}
    for form, (number, canonical) in forms.items():
        if any(fold_chars(ch) != ch for ch in form):
            continue
        if any(other != form and (other.startswith(form) or form.startswith(other)) for other in forms):
            continue
        plain.setdefault(form[:1], []).append((form, number, "canonical" if canonical else "variant"))
    return plain


def _may_be_wording(raw: str, kind: str, value: int) -> bool:
    """A cheap test before folding: the text can start a section's wording
    (exact forms) or holds the keywords of the section its numeral names.
    Most numbered list items and table rows fail it."""
    head = raw.lstrip(" \t\u3000*_#")[:1]
    if head in _form_heads():
        return True
    if kind in ("chinese", "part") and 1 <= value <= 6:
        return any(all(word in raw for word in group) for group in section_specs()[value - 1].keywords)
    return False


def _numbering(head: str) -> tuple[str, int]:
    """The kind and value of a numbering token from its first two characters."""
    if head[0] == "第":
        return "part", chinese_numeral(head[1])
    if head[0] in NUMERALS:
        return "chinese", chinese_numeral(head[0])
    return "arabic", int(fold(head[0]))


def _cited(text: str, at: int) -> bool:
    """Whether the numbering at `at` stands inside a sentence: right after
    a word that cites or lists it."""
    i = at - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i >= 0 and text[i] in _CITING


def _fuzzy_last(folded: str, skip: int, number: int) -> int | None:
    """The index in folded of the last character of a wording of section
    `number` misread by OCR ("一、总休情况2023年…"): the stretch from skip
    closest to one of its forms within the edit budget, no prose mark in it."""
    best = None
    mark = None         # the first prose mark from skip on, looked for once
    for form, (section, _) in _forms().items():
        # Of the first two characters, OCR leaves one as written: the cheap
        # test that keeps table rows and list items from the edit distance.
        if section != number or (folded[skip:skip + 1] != form[0] and folded[skip + 1:skip + 2] != form[1:2]):
            continue
        if mark is None:
            found = _PROSE_MARKS.search(folded, skip)
            mark = found.start() - skip if found else len(folded)
        budget = edit_budget(len(form))
        # Every stretch tried is a start of the longest: when that one lacks
        # more of the form's characters than the budget, so do they all
        # (edit_distance's own first test), and none is measured.
        longest = min(len(form) + budget, mark, len(folded) - skip)
        if len(set(form).difference(folded[skip:skip + longest])) > budget:
            continue
        for length in range(max(1, len(form) - budget), len(form) + budget + 1):
            if skip + length > len(folded) or length > mark:
                continue        # past the text, or a prose mark inside
            candidate = folded[skip:skip + length]
            distance = edit_distance(candidate, form, budget)
            if distance is not None:
                key = (distance, abs(length - len(form)))
                if best is None or key < best[0]:
                    best = (key, skip + length - 1)
    return best[1] if best else None


def _inline_wording(text: str, at: int, end: int, kind: str, value: int):
    """(section number, tier, end offset) of the heading wording at `at`."""
    window_end = min(end, at + MAX_INLINE_WORDING + 20)
    newline = text.find("\n", at, window_end)
    if newline >= 0:
        window_end = newline
    raw = text[at:window_end]
    if not _may_be_wording(raw, kind, value):
        return None
    for form, number, how in _plain_forms().get(raw[:1], ()):
        if raw.startswith(form):
            # As written: the folded window starts with this form and no
            # other, and each of its characters is one of the window's.
            return _ends_heading(text, at + len(form), end, number, how)
    # Folded character by character, the offsets worked out only for a
    # heading found (fold_map built a list of them for every window).
    folded = fold_chars(raw)
    folded_year = _YEAR_PREFIX.match(folded) if folded[:2] in ("19", "20") else None
    skip = folded_year.end() if folded_year else 0
    candidates = []
    for form, number, canonical in _forms_by_head().get(folded[skip:skip + 1], ()):
        if folded.startswith(form, skip):
            candidates.append((len(form), number, "canonical" if canonical else "variant"))
    if candidates:
        length, number, how = max(candidates)
        last = skip + length - 1
    elif kind in ("chinese", "part"):
        spec = section_specs()[value - 1] if 1 <= value <= 6 else None
        if spec is None:
            return None
        last = None
        for word in _WORDING_ENDS:
            k = folded.find(word, skip)
            if k < 0:
                continue
            stop = k + len(word)
            if stop - skip > len(spec.canonical) + 12 or _PROSE_MARKS.search(folded, skip, stop):
                continue
            if any(all(w in folded[skip:stop] for w in group) for group in spec.keywords):
                last = stop - 1 if last is None else min(last, stop - 1)
        if last is not None:
            number, how = spec.number, "keywords"
        else:
            # OCR noise, within the budget a heading alone on its line has.
            last = _fuzzy_last(folded, skip, spec.number)
            if last is None:
                return None
            number, how = spec.number, "fuzzy"
    else:
        return None
    return _ends_heading(text, fold_offset(raw, last, at) + 1, end, number, how)


def _ends_heading(text: str, text_end: int, end: int, number: int, how: str):
    """(number, how, text_end) unless what follows the wording shows it is
    an item of a list or a phrase inside a sentence."""
    following = text[text_end:min(end, text_end + 8)].lstrip(_MARKDOWN)
    if following[:1] in _CONTINUES:
        return None
    return number, how, text_end
