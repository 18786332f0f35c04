"""Text output: `path:line:col: CODE [*] [severity] message`.

Plain and stable when piped. On a terminal, rich adds colour, the source line
with the span underlined, and a summary line with counts by severity.

`[*]` marks a finding that `--fix` fixes (with --unsafe-fixes, also those
whose fix needs review); the output ends with how many can be fixed. Only
.txt files are rewritten by --fix, so findings in a .docx, PDF or web page
are never marked.

For a .docx, .pdf or .html the location is where the finding is in that
file ("page 3, line 12", "paragraph 8", "table 2, row 5, column 3", a web
page's source line:column), followed by the line and column in the text
rendering that `govlint --show-text FILE` prints.

The excerpt under a finding is windowed: a paragraph is often one line of
hundreds of characters, so only as much of the line as fits the terminal
is shown around the span, cut with "…", measured in terminal cells (a
Chinese character is two), so the carets stay under the span at any width.
"""
from __future__ import annotations

from govlint.i18n import t

MARK = "[*]"


def fix_kind(diagnostic, fmt: str = "text") -> str | None:
    """'safe', 'unsafe' or None: what --fix could do for this finding."""
    fix = diagnostic.fix
    if not fix or not fix.get("edits") or fmt != "text":
        return None
    return "safe" if fix.get("safe") else "unsafe"


def is_fixable(diagnostic, fmt: str = "text", unsafe: bool = False) -> bool:
    kind = fix_kind(diagnostic, fmt)
    return kind == "safe" or (unsafe and kind == "unsafe")


class Fixable:
    """Counts of fixable findings, and the summary line saying so."""

    def __init__(self, unsafe: bool = False):
        self.unsafe = unsafe
        self.safe = 0
        self.more = 0          # fixable only with --unsafe-fixes

    def add(self, result) -> None:
        fmt = getattr(result, "format", "text")
        for d in result.diagnostics:
            kind = fix_kind(d, fmt)
            if kind == "safe":
                self.safe += 1
            elif kind == "unsafe":
                self.more += 1

    def line(self) -> str | None:
        """"[*] N fixable with --fix (M more with --unsafe-fixes)."; None
        when nothing can be fixed."""
        if self.unsafe:
            total = self.safe + self.more
            if not total:
                return None
            return t(f"{MARK} {total} fixable with --fix --unsafe-fixes.",
                     f"{MARK} 其中 {total} 个可用 --fix --unsafe-fixes 修复。")
        if not self.safe and not self.more:
            return None
        if not self.safe:           # after --fix, say so rather than "0 fixable … (2 more …)"
            return t(f"{MARK} None fixable with --fix alone ({self.more} with --fix --unsafe-fixes).",
                     f"{MARK} 没有只用 --fix 就能修复的问题（{self.more} 个加 --unsafe-fixes 可修复）。")
        more_en = f" ({self.more} more with --unsafe-fixes)" if self.more else ""
        more_zh = f"（另有 {self.more} 个加 --unsafe-fixes 可修复）" if self.more else ""
        return t(f"{MARK} {self.safe} fixable with --fix{more_en}.",
                 f"{MARK} 其中 {self.safe} 个可用 --fix 修复{more_zh}。")


def where(diagnostic, fmt: str = "text") -> str:
    """The location text output shows: line:column, or the original
    location and the text rendering's line:column."""
    original = diagnostic.original
    if original and fmt == "html":      # a web page has lines: path:line:column, as for text
        return f"{original.get('line', 1)}:{original.get('column', 1)} (text {diagnostic.line}:{diagnostic.column})"
    if original and fmt != "text":
        from govlint.reading.locations import describe

        return f"{describe(original, fmt)} (text {diagnostic.line}:{diagnostic.column})"
    return f"{diagnostic.line}:{diagnostic.column}"


def line_of(diagnostic, path: str, fmt: str = "text", unsafe: bool = False) -> str:
    mark = f" {MARK}" if is_fixable(diagnostic, fmt, unsafe) else ""
    return f"{path}:{where(diagnostic, fmt)}: {diagnostic.code}{mark} [{diagnostic.severity}] {diagnostic.message}"


def render_plain(results, unsafe: bool = False) -> str:
    out = []
    for result in results:
        fmt = getattr(result, "format", "text")
        for diagnostic in result.diagnostics:
            out.append(line_of(diagnostic, result.path, fmt, unsafe))
    return "".join(line + "\n" for line in out)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
ELLIPSIS = "…"


def window(source: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """The part of `source` to show in `width` terminal cells around the
    characters [start, end): (excerpt, cells before the span, cells of
    the span shown). The excerpt is cut with "…" where it leaves text out."""
    from rich.cells import cell_len

    start = max(0, min(start, len(source)))
    end = max(start, min(end, len(source)))
    cells = [cell_len(ch) for ch in source]
    if sum(cells) <= width:
        return source, sum(cells[:start]), max(1, sum(cells[start:end]))
    mark = cell_len(ELLIPSIS)
    budget = max(1, width - 2 * mark)
    span = sum(cells[start:end])
    if span >= budget:          # the span alone fills the line: show its beginning
        first, last, used = start, start, 0
        while last < len(source) and used + cells[last] <= budget:
            used += cells[last]
            last += 1
        last = max(last, start + 1)
    else:
        first, last, used = start, end, span
        left = (budget - span) // 2       # context before the span: half of what is left
        while first > 0 and used + cells[first - 1] <= span + left:
            first -= 1
            used += cells[first]
        while last < len(source) and used + cells[last] <= budget:
            used += cells[last]
            last += 1
        while first > 0 and used + cells[first - 1] <= budget:   # the line ended: use the rest before
            first -= 1
            used += cells[first]
    head = ELLIPSIS if first > 0 else ""
    tail = ELLIPSIS if last < len(source) else ""
    indent = cell_len(head) + sum(cells[first:start])
    shown = sum(cells[start:min(end, last)])
    return head + source[first:last] + tail, indent, max(1, shown)


def render_rich_file(result, console, unsafe: bool = False) -> None:
    from rich.text import Text

    lines = result.text.split("\n") if result.text else []
    fmt = getattr(result, "format", "text")
    for d in result.diagnostics:
        head = Text()
        head.append(f"{result.path}:{where(d, fmt)}: ", style="bold")
        head.append(d.code, style=_STYLE.get(d.severity, ""))
        if is_fixable(d, fmt, unsafe):
            head.append(f" {MARK}", style="bold")
        head.append(f" [{d.severity}] ", style=_STYLE.get(d.severity, ""))
        head.append(d.message)
        console.print(head, highlight=False, soft_wrap=True)
        if 0 < d.line <= len(lines) and d.code[0] != "E":
            source = lines[d.line - 1].replace("\t", " ")
            end = d.end_column if d.end_line == d.line else len(source) + 1
            prefix = f"{d.line:>5} | "
            excerpt, indent, marks = window(source, d.column - 1, max(end, d.column + 1) - 1,
                                            max(10, console.width - len(prefix)))
            console.print(Text(prefix, style="dim") + Text(excerpt), highlight=False, soft_wrap=True)
            console.print(Text(" " * len(prefix) + " " * indent + "^" * marks,
                               style=_STYLE.get(d.severity, "")), highlight=False, soft_wrap=True)


def summary_line(counts, files: int) -> str:
    if counts:
        total = sum(counts.values())
        names = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}
        zh = {"error": "错误", "warning": "警告", "info": "提示"}
        parts_en = [f"{counts[s]} {names[s][counts[s] != 1]}" for s in ("error", "warning", "info") if counts[s]]
        parts_zh = [f"{zh[s]} {counts[s]} 个" for s in ("error", "warning", "info") if counts[s]]
        return t(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts_en)}) "
                 f"in {files} file{'s' if files != 1 else ''}.",
                 f"在 {files} 个文件中发现 {total} 个问题（{'，'.join(parts_zh)}）。")
    return t(f"All checks passed ({files} file{'s' if files != 1 else ''}).", f"全部通过（{files} 个文件）。")


def render_summary(counts, files: int, console, fixable: Fixable | None = None) -> None:
    from rich.text import Text

    style = "bold" if counts else "bold green"
    console.print(Text(summary_line(counts, files), style=style), highlight=False)
    line = fixable.line() if fixable is not None else None
    if line:
        console.print(Text(line), highlight=False)


def _cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
