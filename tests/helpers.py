"""Small helpers shared by the rule tests."""
from __future__ import annotations

from pathlib import Path

from govlint.engine.lint import Options, lint_text


def run(text: str, *select: str):
    """Diagnostics of the selected rules on text, as (code, line, column)."""
    result = lint_text(text, config=Options(select=list(select)))
    return [(d.code, d.line, d.column) for d in result.diagnostics]


def diagnostics(text: str, *select: str):
    return lint_text(text, config=Options(select=list(select))).diagnostics


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_file(prefix: str) -> Path:
    """The corpus report whose name starts with prefix ("002")."""
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def corpus_line(prefix: str, line: int) -> str:
    return corpus_file(prefix).read_text(encoding="utf-8").split("\n")[line - 1]
