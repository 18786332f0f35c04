"""Split a table region into cell tokens, whatever the layout.

Layouts seen in real reports, each handled here and nowhere else:
- tab-separated rows, merged cells as empty fields;
- pipe rows ("| a | b |", "||||" runs for merged cells, " |" cell ends);
- one cell per line, a header cell continued on the next line ("商业\\n企业"),
  an empty line standing for a blank cell;
- space-aligned columns from PDF-to-text (two or more spaces between cells);
- numbers separated by single spaces after a label ("规章 0 0 0");
and leaves to streams.py what runs together with no separator at all
("…申请数量0000000", a whole table on one line). The aligner (tables.py)
then reads tokens against the template by label, never by position alone.
"""
from __future__ import annotations

from govlint.model.cells import looks_like_value
from govlint.model.pages import may_hold_page_numbers, page_number
from govlint.patterns import compile_re, lazy

_WIDE_GAP = lazy(r"[ \u3000\u00a0]{2,}")
_WORD = lazy(r"\S+")
_NUM_RUN = lazy(r"(?<=\S)[ \u3000]+(?=[\d０-９,.，—\-/无OoIl]+(?:[ \u3000]+[\d０-９,.，—\-/无OoIl]+)*\s*$)")


class Token:
    """One cell's text as found. A plain class with slots: tables make
    thousands of tokens and read each one many times, and this is the
    cheapest object Python builds and reads."""

    __slots__ = ("text", "start", "end", "line", "merged", "glued", "inferred")

    def __init__(self, text: str, start: int, end: int, line: int,
                 merged: bool = False, glued: bool = False, inferred: bool = False):
        self.text = text              # stripped cell text
        self.start = start            # offsets of the stripped text (an empty cell: where it is)
        self.end = end
        self.line = line              # 1-based
        self.merged = merged          # an empty field from a "||" run or tab filler, not a visible blank cell
        self.glued = glued            # digits that followed a label with no separator
        self.inferred = inferred      # cut out of glued digits by the table's own identity

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, line={self.line})"


_BLANKS = " \t\u3000\u00a0"
_new = object.__new__


def _token(text: str, start: int, end: int, line: int, merged: bool = False) -> Token:
    """Token(text, start, end, line, merged), built without calling the
    class: a class call goes through type_call and slot_tp_init to the
    Python __init__ (about 1,200 instructions), a plain function setting
    the slots costs about a third of that, and the tokenizer makes some
    500 tokens a report, most of them pipe rows' merged-cell filler."""
    token = _new(Token)
    token.text = text
    token.start = start
    token.end = end
    token.line = line
    token.merged = merged
    token.glued = False
    token.inferred = False
    return token


def _piece(text: str, base: int, line: int, merged: bool = False) -> Token:
    stripped = text.strip(_BLANKS)
    if stripped == text:            # the common case: a cell with no padding
        return _token(text, base, base + len(text), line) if text else _token("", base, base, line, True)
    if not stripped:
        middle = base + (len(text) // 2 if text else 0)
        return _token("", middle, middle + (1 if text else 0), line, merged or not text)
    offset = text.index(stripped)
    return _token(stripped, base + offset, base + offset + len(stripped), line)


def _split_numbers(token: Token) -> list[Token]:
    """"规章 0 0 0" → "规章", "0", "0", "0" (only when the tail is all values)."""
    if " " not in token.text and "\u3000" not in token.text:
        return [token]
    match = _NUM_RUN.search(token.text)
    if not match:
        if all(looks_like_value(part) for part in token.text.split()):
            parts = token.text.split()
            if len(parts) > 1 and all(any(c.isdigit() for c in p) or p in ("—", "-", "/", "无") for p in parts):
                return _spread(token, 0)
        return [token]
    head = token.text[:match.start()].rstrip()
    pieces = [_token(head, token.start, token.start + len(head), token.line)] if head else []
    return pieces + _spread(token, match.end())


def _spread(token: Token, offset: int) -> list[Token]:
    out = []
    for part in _WORD.finditer(token.text[offset:]):
        start = token.start + offset + part.start()
        out.append(_token(part.group(), start, start + len(part.group()), token.line))
    return out


def _fields(pieces: list[str], pos: int, number: int, tokens: list[Token], blank_is_merged: bool) -> None:
    """Tokens of one line's separated fields (tabs or pipes); pos is where
    the first field starts. An empty field is merged-cell filler; a field
    of spaces is a visible blank cell unless blank_is_merged (tab rows)."""
    append = tokens.append
    if not any(pieces):
        # A row of merged-cell filler only ("|||||||||"), the commonest
        # line of pipe tables: each field is empty and one character long
        # with its separator, so its offset is its index from pos.
        tokens += [_token("", at, at, number, True) for at in range(pos, pos + len(pieces))]
        return
    for piece in pieces:
        if not piece:                   # the commonest field in real tables
            append(_token("", pos, pos, number, True))
        else:
            stripped = piece.strip(_BLANKS)
            if stripped and " " not in stripped and "\u3000" not in stripped:   # a plain cell: "0", " 规章 "
                start = pos if stripped is piece else pos + len(piece) - len(piece.lstrip(_BLANKS))
                append(_token(stripped, start, start + len(stripped), number))
            else:
                tokens.extend(_split_numbers(_piece(piece, pos, number, merged=blank_is_merged and not piece.strip())))
        pos += len(piece) + 1


def tokenize(text: str, start: int, end: int, first_line: int) -> list[Token]:
    """Tokens of text[start:end]; first_line is the 1-based line of start."""
    body = text[start:end]
    lines = body.split("\n")
    tab_led = body.count("\n\t") + body.startswith("\t")      # lines that start with a tab
    cell_per_line = tab_led >= 3 and sum(1 for l in lines if l.strip()) <= 2 * tab_led \
        and all(l.count("\t") <= 1 for l in lines)
    blanks_per_cell = _blank_lines_per_cell(lines) if not cell_per_line and _may_be_cell_per_line(body) else None
    paged = may_hold_page_numbers(text, start, end)     # almost no table holds one
    tokens: list[Token] = []
    offset = start
    blank_run: list[int] = []          # offsets of the empty lines since the last cell
    for index, line in enumerate(lines):
        number = first_line + index
        base = offset
        offset += len(line) + 1
        if not line.strip():
            blank_run.append(base)
            continue
        if paged and page_number(line) is not None:
            continue            # a page's number in a table that crosses a page: no cell
        if blank_run:
            if blanks_per_cell is not None and tokens:
                _blank_cells(tokens, blank_run, blanks_per_cell, number - len(blank_run))
            blank_run = []
        if "|" in line or "｜" in line:
            pieces = (line.replace("｜", "|") if "｜" in line else line).split("|")
            pos = base
            if not pieces[0].strip():
                pos += len(pieces[0]) + 1
                pieces = pieces[1:]
            if pieces and not pieces[-1].strip() and line.rstrip()[-1:] in ("|", "｜"):
                pieces = pieces[:-1]
            _fields(pieces, pos, number, tokens, blank_is_merged=False)
            continue
        if "\t" in line:
            if cell_per_line:
                stripped = line.lstrip("\t")
                token = _piece(stripped, base + len(line) - len(stripped), number, merged=False)
                if not line.startswith("\t") and tokens and tokens[-1].text \
                        and not looks_like_value(tokens[-1].text) and not looks_like_value(token.text):
                    tokens[-1] = _join(tokens[-1], token)
                    continue
                tokens.extend(_split_numbers(token))
                continue
            _fields(line.split("\t"), base, number, tokens, blank_is_merged=True)
            continue
        if cell_per_line and tokens and tokens[-1].text and not looks_like_value(tokens[-1].text) \
                and not looks_like_value(line.strip()) and len(line.strip()) <= 6:
            tokens[-1] = _join(tokens[-1], _piece(line, base, number))
            continue
        if "  " not in line and "\u3000" not in line and "\xa0" not in line:
            # no two blanks in a row (_WIDE_GAP): the line is one cell, as
            # most lines of a table written one cell per line; no regex
            # split and match needed
            tokens.extend(_split_numbers(_piece(line, base, number)))
            continue
        pos = 0
        for part in _WIDE_GAP.split(line):
            tokens.extend(_split_numbers(_piece(part, base + pos, number)))
            pos += len(part)
            gap = _WIDE_GAP.match(line, pos)
            if gap:
                pos = gap.end()
    return tokens


MAX_CELL_LINE = 45      # the longest template label is 39 characters
MIN_CELL_LINES = 8


# A line that holds a tab, from its start: anchored at line starts and
# stopped by the first tab, it scans each line once, so a run of 100,000
# tabs costs one pass (a search for "a tab, spaces, a visible character"
# restarted at every tab of such a run was quadratic).
_TAB_LINE = compile_re(r"(?m)^[^\n\t]*\t[^\n]*")


def _may_be_cell_per_line(body: str) -> bool:
    """False when some line that is not blank holds a pipe, a tab or a
    full stop, so that _blank_lines_per_cell would say None: decided by a
    few scans of the text instead of a walk over its lines (most tables
    are tab or pipe rows)."""
    if "|" in body or "｜" in body or "。" in body:
        return False
    # str.strip() strips exactly what _blank_lines_per_cell counts as blank
    return not ("\t" in body and any(line.group().strip() for line in _TAB_LINE.finditer(body)))


def _blank_lines_per_cell(lines: list[str]) -> int | None:
    """In a table written one cell per line, the empty lines that stand for
    one blank cell: 1 when cells follow each other directly, 2 when every
    cell is followed by an empty line (a blank cell is then one more empty
    line). None when the text is not one cell per line: there, an empty
    line is only a break between paragraphs or rows."""
    cells = gaps = spaced = 0
    run = None
    for line in lines:
        stripped = line.strip()
        if not stripped:
            run = None if run is None else run + 1
            continue
        if "\t" in line or "|" in line or "｜" in line or len(stripped) > MAX_CELL_LINE or "。" in stripped \
                or _WIDE_GAP.search(stripped):
            return None
        cells += 1
        if run is not None:
            gaps += 1
            spaced += run > 0
        run = 0
    if cells < MIN_CELL_LINES:
        return None
    return 2 if spaced >= 0.8 * gaps else 1


def _blank_cells(tokens: list[Token], offsets: list[int], per_cell: int, first_line: int) -> None:
    """The blank cells a run of empty lines stands for, one token each, on
    the empty line that is the cell."""
    count = len(offsets) // per_cell if per_cell == 1 else (len(offsets) - 1) // 2
    for i in range(count):
        at = (i * per_cell) + (per_cell - 1)
        tokens.append(_token("", offsets[at], offsets[at], first_line + at))


def _join(first: Token, second: Token) -> Token:
    """A header cell continued on the next line: one token spanning both."""
    return _token(first.text + second.text, first.start, second.end, first.line)
