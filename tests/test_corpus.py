"""Every corpus report gives exactly the diagnostics a human reviewer expects.

corpus/NAME.expected lists them as `LINE:COL CODE name  # reason`, written by
reading the report, not by running govlint. The comparison covers every rule
govlint has: a missing or an extra diagnostic fails.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from govlint.engine import ENGINE_CODES, Options, lint_path
from govlint.registry import load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPORTS = sorted(CORPUS.glob("*.txt"))
LINE = re.compile(r"^(\d+):(\d+)\s+([A-Z]+\d{3})\s+([a-z0-9-]+)\s*(?:#.*)?$")


def expected(report: Path):
    entries = []
    for raw in report.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        match = LINE.match(raw)
        assert match, f"bad line in {report.with_suffix('.expected').name}: {raw!r}"
        line, column, code, name = match.groups()
        entries.append((int(line), int(column), code, name))
    return entries


def test_corpus_has_the_seed_reports():
    assert len(REPORTS) >= 5
    for report in REPORTS:
        assert report.with_suffix(".expected").exists(), f"{report.name} has no .expected file"


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem[:3])
def test_corpus_report(report):
    rules = load_rules().rules
    known = {r.code: r.name for r in rules} | {c: n for c, (n, _) in ENGINE_CODES.items()}
    want = expected(report)
    for line, column, code, name in want:
        assert code in known, f"{report.name}: expected code {code} is not a govlint rule"
        assert known[code] == name, f"{report.name}: {code} is named {known[code]}, not {name}"
    result = lint_path(str(report), Options(select=["ALL"]))
    got = sorted((d.line, d.column, d.code, d.name) for d in result.diagnostics)
    missing = sorted((Counter(want) - Counter(got)).elements())
    extra = sorted((Counter(got) - Counter(want)).elements())
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"
