"""GitHub Actions workflow commands: one annotation per diagnostic.

::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::MESSAGE
col and endColumn only on single-line ranges, as the runner expects.
"""
from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            props = [f"file={escape_property(result.path)}", f"line={d.line}"]
            if d.end_line == d.line:
                props.append(f"col={d.column}")
                props.append(f"endColumn={max(d.end_column, d.column)}")
            props.append(f"endLine={d.end_line}")
            title = f"{d.code} {d.name}"
            if d.original:      # a .docx / .pdf / web page: where it is in the file (line above: text rendering)
                from govlint.reading.locations import describe

                title += f" ({describe(d.original, result.format)})"
            props.append(f"title={escape_property(title)}")
            lines.append(f"::{LEVELS.get(d.severity, 'warning')} {','.join(props)}::{escape_data(d.message)}")
    return "".join(line + "\n" for line in lines)
