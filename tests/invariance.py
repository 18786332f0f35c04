"""What must stay the same when a report changes layout.

A finding is compared by its rule, its message and the characters it points
at (folded: width and whitespace do not count), never by line and column,
which a layout change moves. Table cells are compared by table, block, row,
column, status and value.
"""
from __future__ import annotations

from collections import Counter

from govlint.model.document import Document
from govlint.engine.lint import Options, lint_text
from govlint.output.extract import extract_document
from govlint.model.text import fold

# Rules that read line structure itself: a layout without line breaks
# (or blank lines) cannot show what they look for.
LINE_BOUND = {"A003", "A004"}
# Rules that report spaces themselves (stray-space, digit-spacing): a layout
# that rewrites every whitespace run as one space makes spaces where line
# breaks were, so they are compared in the other layouts only.
SPACE_BOUND = {"L003", "L005"}


def findings(text: str, skip=frozenset()) -> Counter:
    result = lint_text(text, config=Options(select=["ALL"]))
    out = Counter()
    for d in result.diagnostics:
        if d.code in LINE_BOUND or d.code in skip:
            continue
        out[(d.code, d.message, fold(text[d.start:d.end]))] += 1
    return out


def cells(text: str) -> dict:
    data = extract_document(Document("report.txt", text))
    return {(c["table"], c["block"], c["row"], c["column"]): (c["status"], c["value"]) for c in data["cells"]}


def difference(before: Counter, after: Counter) -> tuple[list, list]:
    """(missing, extra): findings of before that after lacks, and the reverse."""
    return sorted((before - after).elements()), sorted((after - before).elements())
