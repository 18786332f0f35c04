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

from govlint.engine.lint import ENGINE_CODES, Options, lint_path
from govlint.engine.registry import load_rules

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# The whole seed reports, the openings of real reports from many provinces
# (corpus/openings) and the text of two real PDF reports (corpus/pdf-text).
REPORTS = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("openings/*.txt")) + sorted(CORPUS.glob("pdf-text/*.txt"))
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


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem[:3]}")
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


def verified_defects():
    """corpus/openings/expect.tsv: the defects a reviewer verified in the openings."""
    with open(CORPUS / "openings" / "expect.tsv", encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle][1:]
    return [(name, rule, int(line), note) for name, rule, line, note in rows]


@pytest.mark.parametrize("name, rule, line, note", verified_defects(), ids=lambda v: str(v)[:24])
def test_every_verified_defect_of_the_openings_is_found_at_its_line(name, rule, line, note):
    result = lint_path(str(CORPUS / "openings" / name), Options(select=["ALL"]))
    assert (rule, line) in {(d.name, d.line) for d in result.diagnostics}, note
