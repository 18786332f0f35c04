"""Small helpers shared by the rule tests."""
from __future__ import annotations

from govlint.engine import Options, lint_text


def run(text: str, *select: str):
    """Diagnostics of the selected rules on text, as (code, line, column)."""
    result = lint_text(text, config=Options(select=list(select)))
    return [(d.code, d.line, d.column) for d in result.diagnostics]


def diagnostics(text: str, *select: str):
    return lint_text(text, config=Options(select=list(select))).diagnostics
