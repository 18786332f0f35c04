"""Text output: `path:line:col: CODE [severity] message`.

Plain and stable when piped. On a terminal, rich adds colour, the source line
with the span underlined, and a summary line with counts by severity.

For a .docx, .pdf or .html the location is where the finding is in that
file ("page 3, line 12", "paragraph 8", "table 2, row 5, column 3", a web
page's source line:column), followed by the line and column in the text
rendering that `govlint --show-text FILE` prints.
"""
from __future__ import annotations


def where(diagnostic, fmt: str = "text") -> str:
    """The location text output shows: line:column, or the original
    location and the text rendering's line:column."""
    original = diagnostic.original
    if original and fmt == "html":      # a web page has lines: path:line:column, as for text
        return f"{original.get('line', 1)}:{original.get('column', 1)} (text {diagnostic.line}:{diagnostic.column})"
    if original and fmt != "text":
        from ..readers.locations import describe

        return f"{describe(original, fmt)} (text {diagnostic.line}:{diagnostic.column})"
    return f"{diagnostic.line}:{diagnostic.column}"


def line_of(diagnostic, path: str, fmt: str = "text") -> str:
    return f"{path}:{where(diagnostic, fmt)}: {diagnostic.code} [{diagnostic.severity}] {diagnostic.message}"


def render_plain(results) -> str:
    out = []
    for result in results:
        fmt = getattr(result, "format", "text")
        for diagnostic in result.diagnostics:
            out.append(line_of(diagnostic, result.path, fmt))
    return "".join(line + "\n" for line in out)


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_rich_file(result, console) -> None:
    from rich.text import Text

    lines = result.text.split("\n") if result.text else []
    for d in result.diagnostics:
        head = Text()
        head.append(f"{result.path}:{where(d, result.format)}: ", style="bold")
        head.append(d.code, style=_STYLE.get(d.severity, ""))
        head.append(f" [{d.severity}] ", style=_STYLE.get(d.severity, ""))
        head.append(d.message)
        console.print(head, highlight=False, soft_wrap=True)
        if 0 < d.line <= len(lines) and d.code[0] != "E":
            source = lines[d.line - 1].replace("\t", " ")
            end = d.end_column if d.end_line == d.line else len(source) + 1
            width = max(1, end - d.column)
            prefix = f"{d.line:>5} | "
            console.print(Text(prefix, style="dim") + Text(source), highlight=False, soft_wrap=True)
            indent = _cell_width(source[: d.column - 1])
            marks = "^" * max(1, _cell_width(source[d.column - 1: d.column - 1 + width]))
            console.print(Text(" " * len(prefix) + " " * indent + marks,
                               style=_STYLE.get(d.severity, "")), highlight=False, soft_wrap=True)


def render_summary(counts, files: int, console) -> None:
    from rich.text import Text

    if counts:
        names = {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info")}
        parts = [f"{counts[s]} {names[s][counts[s] != 1]}" for s in ("error", "warning", "info") if counts[s]]
        total = sum(counts.values())
        console.print(Text(f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) "
                           f"in {files} file{'s' if files != 1 else ''}.", style="bold"), highlight=False)
    else:
        console.print(Text(f"All checks passed ({files} file{'s' if files != 1 else ''}).", style="bold green"),
                      highlight=False)


def _cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)
