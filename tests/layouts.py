"""The same report in the layouts real input arrives in.

Each function rewrites a report's text the way one route to govlint does:
a crawler that drops every tab and line break, a copy that turns every run
of whitespace into one space, a Word export with one table cell per line,
a Markdown conversion with pipe rows, a web page with every cell in a
paragraph of its own. A table row is a line holding tabs or
pipes; its cells are the fields between them.
"""
from __future__ import annotations

import re

_WHITESPACE = re.compile(r"\s+")


def cells(line: str) -> list[str] | None:
    """The cells of a table row (tab- or pipe-separated), else None."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if "|" in line:
        parts = line.split("|")
        if not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return [c.strip() for c in parts]
    return None


def collapsed(text: str) -> str:
    """(a) Every tab and line break removed: cells and paragraphs run together."""
    return text.replace("\r", "").replace("\t", "").replace("\n", "")


def spaced(text: str) -> str:
    """(b) One line; every run of whitespace is one space."""
    return _WHITESPACE.sub(" ", text).strip()


def cell_per_line(text: str) -> str:
    """(c) Each table cell on its own line; an empty cell is an empty line."""
    out = []
    for line in text.split("\n"):
        row = cells(line)
        if row is None:
            if line.strip():
                out.append(line.strip())
            continue
        out.extend(row)
    return "\n".join(out) + "\n"


def piped(text: str) -> str:
    """(d) Table rows as Markdown pipe rows; an empty cell is "|  |"."""
    out = []
    for line in text.split("\n"):
        row = cells(line)
        out.append(line if row is None else "| " + " | ".join(row) + " |")
    return "\n".join(out)


def blank_separated(text: str) -> str:
    """One cell per line with an empty line after every line, as pages that
    wrap each cell in a paragraph give it (real-openings/009)."""
    return "\n\n".join(cell_per_line(text).split("\n"))


# The four layouts the invariance suite requires, and one more seen in real input.
VARIANTS = {"collapsed": collapsed, "spaced": spaced, "cell-per-line": cell_per_line, "piped": piped,
            "blank-separated": blank_separated}
