"""Cells of a table whose text runs together.

Crawled pages and careless copies lose the separators between cells: a
row arrives as "规章000", a block as "（七）总计0000000四、结转下年度继续办理0000000",
the whole of table 四 as "…尚未审结总计000010000000000". Line breaks, tabs and
pipes are hints the tokenizer (tokens.py) uses where they exist; this module
recovers cells where they do not, from the characters alone.

A token that is neither one label nor one value is cut into pieces where the
template's labels stand in it. Finding them is a segmentation: the text is
covered by labels, values and unexplained fragments, choosing the cover that
explains the most text as labels with the fewest fragments (a fragment is
prose, or a label written wrongly). The labels are searched in the folded
text (width, quotes and whitespace do not count, fold_map), so "结果 纠正"
and "（一）予以公开" are found as written, and every piece maps back to its
exact characters. Two corrections follow:

- a label directly followed by prose is a word of that prose, not a cell
  ("行政许可事项办理情况良好，…");
- a label directly followed by a fragment that, joined to it, is a label
  written with a wrong character is that label ("2.其他法律行政法归禁止公开"
  is not the row "3.其他" followed by text).

Values keep what the text says about them: digits with no separator around
them are marked glued, and the table reader (tables.py) splits them only as
far as the text allows.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from weakref import WeakKeyDictionary


from govlint.model.text import fold_map, is_cjk
from govlint.patterns import compile_re, lazy
from govlint.model.tokens import Token

# On folded text (full-width digits and punctuation already half-width).
# (re: the standard library finds these runs faster than the regex module.)
_VALUE = compile_re(r"[0-9]+(?:[,.][0-9]+)*(?:%|万元|元)?|[-—–/]{1,3}")
_NUMBERING_BEFORE = lazy(r"(?:\([一二三四五六七八九十0-9]{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|[1-9][.、])$")
_NUMBERING_ENDS = ")、.\n"
# Every place a numbering starts, overlapping ones too: a lookahead, so
# that re (which skips to the places its first set of characters allows,
# in C) finds them, where the regex module's overlapped search was slower.
_NUMBERING_AT = compile_re(
    r"(?=[(一二三四五六七八九十1-9])(?=\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|[1-9][.、])")
_PROSE_MARK = lazy(r"[，。；：！？,;:!?]")
_SEPARATORS = " \t\u3000\u00a0\n|｜"
MAX_PROSE_LABEL = 30       # a fragment longer than this is prose, never a misspelt label


def split_runs(tokens: list[Token], labels, line_of) -> list[Token]:
    """Tokens with run-together cells cut apart. labels: the table's label
    set (tables.Labels); line_of(offset) → 1-based line."""
    finder = _finder(labels)
    # Most tokens are kept as they are: the list is copied only from the
    # first cut on (tokens itself is returned when nothing is cut).
    out = None
    done = 0            # tokens[:done] are in out
    match = labels.match
    for i, token in enumerate(tokens):
        text = token.text
        if not text or len(text) < 3 or match(text) or _is_value(text):
            continue
        folded, index = fold_map(text, token.start)
        hits = _hits(finder, folded, labels)
        if not hits:
            continue
        pieces, exact = _pieces(folded, hits)
        if not exact:
            # (A cover by labels and values alone holds a label and nothing
            # for _correct to read: it is used as it is.)
            if all(kind == "fragment" for kind, _, _ in pieces):
                continue
            pieces = _correct(pieces, folded, labels)
        if out is None:
            out = []
        out.extend(tokens[done:i])
        out.extend(_tokens(token, folded, index, pieces, line_of))
        done = i + 1
    if out is None:
        return tokens
    out.extend(tokens[done:])
    return out


def _is_value(text: str) -> bool:
    from govlint.model.cells import parse_cell

    return parse_cell(text).status != "text"


# A label set's finder, kept as long as the set: the sets are built once
# per format (tables.py) and split_runs runs for every table, where sorting
# the set's few hundred forms again cost more than the search itself.
_FINDERS: WeakKeyDictionary = WeakKeyDictionary()


def _forms(labels) -> tuple[str, ...]:
    """Every label form and label core of two characters or more, longest first."""
    forms = {form for form in labels.exact if len(form) >= 2}
    forms.update(c for c in labels.cores if len(c) >= 2)
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def _finder(labels):
    """The label at every place of a text: one alternation of _forms,
    longest first, inside a lookahead, so that finditer yields (group 1)
    at each place the first form that stands there, overlapping ones too,
    as the regex module's overlapped search of the alternation does. A
    lookahead of the forms' first characters leads, so that re skips in C
    to the places a label can start: half again as fast as the regex
    module's search (labels is complete: a set is not added to once it is used)."""
    try:
        return _FINDERS[labels]
    except KeyError:
        pass
    forms = _forms(labels)
    firsts = "".join(sorted({form[0] for form in forms}))
    finder = _FINDERS[labels] = compile_re(
        "(?=[" + re.escape(firsts) + "])(?=(" + "|".join(re.escape(form) for form in forms) + "))")
    return finder


def _hits(finder, folded: str, labels) -> list[tuple[int, int]]:
    """(start, end) of every label in the folded text, at every position
    (the longest there), with the numbering written before a label's core
    ("2." + "其他法律行政法规禁止公开") taken into the label; and of every
    numbered label written without its last words ("8.属于行政查询"), which
    the table reader then reports as cut short."""
    hits = []
    for match in finder.finditer(folded):
        start, end = match.span(1)
        hits.append((start, end))
        # A numbering ends in ")", "、" or "." ("$" also holds before a
        # final line break): with none of them before the label, no search.
        if start and folded[start - 1] in _NUMBERING_ENDS:
            numbering = _NUMBERING_BEFORE.search(folded, max(0, start - 5), start)
            if numbering:
                hits.append((numbering.start(), end))
    if hits:
        for match in _NUMBERING_AT.finditer(folded):
            at = match.start()
            end = labels.cut_short(folded, at)
            if end > at:
                hits.append((at, end))
    return hits


def _segment(folded: str, hits: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """The cover of folded by labels, values and fragments that explains
    the most as labels (each label earns one, each fragment costs one) and,
    among those, leaves the least text unexplained, then has the fewest
    pieces. Dynamic programming over the places
    where a label or a value starts or ends: between them only a fragment
    can go on, and going on costs nothing."""
    return _pieces(folded, hits)[0]


def _pieces(folded: str, hits: list[tuple[int, int]]) -> tuple[list[tuple[str, int, int]], bool]:
    """_segment's cover, and whether it is the walk's (labels and values
    alone, at least one label: hits is not empty)."""
    n = len(folded)
    starts = _places(folded, hits)
    exact = _exact_cover(n, starts, hits)
    if exact is not None:
        return exact, True
    return _cover(n, starts), False


def _places(folded: str, hits: list[tuple[int, int]]) -> dict[int, list[tuple[str, int]]]:
    """Where each label and value may start: start → [(kind, end)], the
    labels in the order of hits, then the values."""
    starts: dict[int, list[tuple[str, int]]] = {}
    for start, end in hits:
        starts.setdefault(start, []).append(("label", end))
    label_starts = sorted(starts)
    for value in _VALUE.finditer(folded):
        a, b = value.span()
        # The run, or its part before a label's numbering ("0000000" of
        # "00000002.其他…"): the labels starting inside the run, found by
        # bisection (a table's runs are long), added in ascending order
        # after b, so that the set is the one the cover has always read.
        first = bisect_right(label_starts, a)
        last = bisect_left(label_starts, b, first)
        if first < last:
            ends = {b, *label_starts[first:last]}
            starts.setdefault(a, []).extend(("value", end) for end in ends)
        elif a in starts:
            starts[a].append(("value", b))
        else:
            starts[a] = [("value", b)]
    return starts


def _most_disjoint(hits: list[tuple[int, int]]) -> int:
    """The most labels of hits that can stand side by side (none overlapping):
    taken in the order of their ends, each that starts after the last taken."""
    count, reach = 0, -1
    for end, start in sorted([(end, start) for start, end in hits]):
        if start >= reach:
            count, reach = count + 1, end
    return count


def _exact_cover(n: int, starts, hits):
    """_cover's answer when the text is covered by labels and values alone
    using as many labels as can stand side by side, else None.

    Most run-together tables are such a text, and this walk over the places
    where pieces start is much cheaper than _cover's. It gives the same
    answer: a cover of the text with no fragment and the most labels
    possible has the least cost any cover can have (cost is fragments less
    labels) and leaves nothing unexplained, so no cover with a fragment
    equals or beats it, nor beats or ties it on any prefix it passes
    through (its prefixes are best covers of theirs too: a better one would
    make a better whole). So the covers _cover compares at each place of
    the answer are the ones compared here, offered in the same order
    (places ascending, each place's pieces in order), the first best kept
    in both."""
    best: dict[int, tuple[int, int]] = {0: (0, 0)}     # (cost, pieces) of covers of [0, place)
    back: dict[int, tuple[int, str]] = {}
    reach = 0           # the furthest place a cover reaches
    for position in sorted(starts):
        here = best.get(position)
        if here is None:
            if position > reach:
                return None     # text no label or value explains: none reaches the end
            continue
        cost, pieces = here
        pieces += 1
        for kind, end in starts[position]:
            step = (cost - 1 if kind == "label" else cost, pieces)
            was = best.get(end)
            if was is None or step < was:
                best[end] = step
                back[end] = (position, kind)
                if end > reach:
                    reach = end
    final = best.get(n)
    if final is None or -final[0] != _most_disjoint(hits):
        return None
    return _read_back(back, n)


def _cover(n: int, starts) -> list[tuple[str, int, int]]:
    """The best cover by labels, values and fragments (see _segment)."""
    events = sorted({0, n, *starts, *(end for pieces in starts.values() for _, end in pieces)})
    # (cost, characters left unexplained, pieces): of covers as good, the one
    # that leaves the least text in fragments, then the one with fewest pieces.
    # (A run-together table has a few hundred places: the loop keeps what it
    # reads more than once in locals.)
    inf = (n + 1, n + 1, 0)
    boundary = dict.fromkeys(events, inf)        # best with no fragment open
    inside = dict.fromkeys(events, inf)          # best with a fragment reaching p
    back: dict[int, tuple] = {}
    frag_start: dict[int, int] = {}
    boundary[0] = (0, 0, 0)
    no_pieces = ()
    for position, following in zip(events, events[1:] + [None]):
        here, came_inside = boundary[position], False
        open_here = inside[position]
        if open_here < here:
            here, came_inside = open_here, True
            boundary[position] = here
            back[position] = (frag_start[position], "fragment")
        if following is None:
            break
        cost, loose, pieces = here
        for kind, end in starts.get(position, no_pieces):
            step = (cost - 1 if kind == "label" else cost, loose, pieces + 1)
            if step < boundary[end]:
                boundary[end] = step
                back[end] = (position, kind)
        # a fragment: start one here, or go on with the one that reached here
        width = following - position
        if not came_inside:
            step = (cost + 1, loose + width, pieces + 1)
            if step < inside[following]:
                inside[following] = step
                frag_start[following] = position
        if open_here is not inf:
            going = (open_here[0], open_here[1] + width, open_here[2])
            if going < inside[following]:
                inside[following] = going
                frag_start[following] = frag_start[position]
    return _merge_fragments(_read_back(back, n))


def _read_back(back: dict, n: int) -> list[tuple[str, int, int]]:
    """The cover's pieces (kind, start, end) in order, read back from the
    end through each place's best step (back: end → (start, kind))."""
    pieces = []
    position = n
    while position > 0:
        previous, kind = back[position]
        pieces.append((kind, previous, position))
        position = previous
    pieces.reverse()
    return pieces


def _merge_fragments(pieces):
    out = []
    for piece in pieces:
        if out and piece[0] == "fragment" and out[-1][0] == "fragment":
            out[-1] = ("fragment", out[-1][1], piece[2])
        else:
            out.append(piece)
    return out


def _correct(pieces, folded: str, labels):
    """A label between two fragments of words is a word of a phrase
    ("计其他情形）": not the row "3.其他"); a label followed by prose is a
    word of it; a label followed by a fragment that joined to it reads as
    one label is that label."""
    out = []
    i = 0
    while i < len(pieces):
        kind, start, end = pieces[i]
        if kind == "label" and i + 1 < len(pieces) and pieces[i + 1][0] == "fragment":
            _, _, after = pieces[i + 1]
            fragment = folded[end:after]
            joined = folded[start:after]
            inside_words = bool(out) and out[-1][0] == "fragment" and is_cjk(folded[start - 1]) and is_cjk(fragment[0])
            if inside_words or _is_prose(fragment) or (not labels.match(fragment) and labels.match(joined)):
                out.append(("fragment", start, after))
                i += 2
                continue
        out.append(pieces[i])
        i += 1
    return _merge_fragments(out)


def _is_prose(fragment: str) -> bool:
    return len(fragment) > MAX_PROSE_LABEL or bool(_PROSE_MARK.search(fragment))


def _tokens(token: Token, folded: str, index: list[int], pieces, line_of) -> list[Token]:
    text, base = token.text, token.start
    out = []
    # Every piece lies between the token's first and last character: when
    # they are on one line (always, on a run-together page), so is each piece.
    line = line_of(base)
    one_line = line_of(base + len(text) - 1) == line
    for kind, start, end in pieces:
        first, last = index[start], index[end - 1] + 1
        if kind != "value":
            out.append(Token(text[first - base:last - base], first, last, line if one_line else line_of(first)))
            continue
        written = text[first - base:last - base]
        before = text[first - base - 1] if first > base else ""
        after = text[last - base] if last - base < len(text) else ""
        apart = (not before or before in _SEPARATORS) and (not after or after in _SEPARATORS)
        parts = written.split()
        if len(parts) == 1 and len(parts[0]) == len(written):
            # One part, the value as written (a run-together row's digits).
            out.append(Token(written, first, last, line if one_line else line_of(first),
                             glued=not apart and len(written) > 1 and written.isdigit()))
            continue
        at = first
        for part in parts:
            at = text.index(part, at - base) + base
            glued = not apart and len(part) > 1 and part.isdigit() and len(parts) == 1
            out.append(Token(part, at, at + len(part), line if one_line else line_of(at), glued=glued))
            at += len(part)
    return out
