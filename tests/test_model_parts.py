"""The report model is built once, before the rules, with the parts they declare.

Every rule says which parts of the model it reads (`@rule(..., needs=...)`,
govlint/model/parts.py). The engine builds only those; while a rule runs,
reading any other part raises. Run alone, with nothing built but its
declared needs, every rule finds exactly what it finds in a full run: its
declaration is complete. A part that cannot be read is one E997
model-error, and only the rules needing it are skipped.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

import govlint.model.tables as tables_module
from govlint.engine.lint import Options, lint_document, lint_text
from govlint.engine.registry import load_rules
from govlint.model.build import build_parts, build_report
from govlint.model.document import Document
from govlint.model.parts import EVERYTHING, PARTS, PartNotBuilt, closure
from govlint.model.report import parse_report
from govlint.rule import rule

from test_tables import set_field

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPORTS = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("openings/*.txt"))
RULES = load_rules().rules
CARRIED_IN_ROW, TOTAL_COLUMN = 42, 8     # table 三, 二、上年结转 / 总计 in corpus/003


def _document(path: Path) -> Document:
    return Document(path.name, path.read_text(encoding="utf-8"))


def _found(diagnostics):
    return [(d.line, d.column, d.end_line, d.end_column, d.code, d.message) for d in diagnostics]


def test_every_built_in_rule_declares_its_needs():
    for item in RULES:
        assert item.needs is not None, f"{item.code} does not declare needs="
        assert set(item.needs) <= set(PARTS), item.needs


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: f"{p.parent.name}/{p.stem[:3]}")
def test_each_rule_alone_with_its_needs_finds_what_the_full_run_finds(path, monkeypatch):
    built = []

    def recording(report, needs=None, guard=None):
        built.append(closure(needs))
        return build_parts(report, needs, guard)

    monkeypatch.setattr("govlint.engine.lint.build_parts", recording)
    document = _document(path)
    full = lint_document(document, rules=RULES)
    assert built == [EVERYTHING]
    assert not [d for d in full if d.code.startswith("E")], full
    for item in RULES:
        built.clear()
        alone = lint_document(document, rules=[item])
        assert built == [closure(item.needs)]
        assert _found(alone) == _found(d for d in full if d.code == item.code), item.code


def test_each_rule_alone_finds_what_the_full_run_finds_with_last_years_report():
    """A pair (the 2024 report made from corpus/003 of 2023, one carried-in
    count changed), so that the cross-year rules have something to find."""
    last = (CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")
    this = set_field(last.replace("2023", "2024"), CARRIED_IN_ROW, TOTAL_COLUMN, "7")
    document, previous = Document("this.txt", this), Document("last.txt", last)
    full = lint_document(document, rules=RULES, previous=previous)
    assert {"X001", "X003"} <= {d.code for d in full}
    assert not [d for d in full if d.code.startswith("E")], full
    for item in RULES:
        alone = lint_document(document, rules=[item], previous=previous)
        assert _found(alone) == _found(d for d in full if d.code == item.code), item.code


def test_a_rule_reading_an_undeclared_part_fails_loudly():
    report = build_report(_document(REPORTS[0]), needs=("periods",))
    report.allowed = closure(("periods",))
    assert report.periods.year is not None
    with pytest.raises(PartNotBuilt, match=r"'tables' was not declared.*needs=\('tables'"):
        report.tables
    with pytest.raises(PartNotBuilt, match="narrative"):
        report.narrative
    with pytest.raises(PartNotBuilt, match="tables"):
        report.table("三")


def test_an_undeclared_read_in_a_rule_is_an_internal_error_naming_the_part():
    @rule("Z901", "sneaky-tables", "warning", needs=())
    def sneaky(report, options):
        """Reads the tables without saying so."""
        yield from ()
        report.tables

    found = lint_document(_document(REPORTS[0]), rules=[sneaky])
    assert [d.code for d in found] == ["E999"]
    assert "Z901" in found[0].message and "'tables' was not declared" in found[0].message


def test_an_unknown_part_is_refused_when_the_rule_is_declared():
    with pytest.raises(ValueError, match="unknown report part.*'table'.*tables, periods, narrative"):
        rule("Z902", "typo-in-needs", "warning", needs=("table",))


def test_only_the_parts_needed_are_read(monkeypatch):
    calls = []
    real = tables_module.read_tables

    def counting(report):
        calls.append(report.document.path)
        return real(report)

    monkeypatch.setattr(tables_module, "read_tables", counting)
    document = _document(REPORTS[0])
    lint_document(document, Options(select=["A", "L", "S", "P001", "P002", "P003", "P004"]))
    assert calls == []                       # --select S never reads the tables
    lint_document(document, Options(select=["T"]))
    assert calls == [document.path]          # once, for all the table rules


def test_parse_report_reads_no_part_and_a_part_is_read_once(monkeypatch):
    calls = []
    real = tables_module.read_tables
    monkeypatch.setattr(tables_module, "read_tables", lambda report: calls.append(1) or real(report))
    report = parse_report(_document(REPORTS[0]))
    assert calls == []
    assert report.tables is report.tables and report.narrative.tables is report.tables
    assert calls == [1]


def _broken_tables(monkeypatch):
    def broken(report):
        raise ValueError("cell grid out of range")

    monkeypatch.setattr(tables_module, "read_tables", broken)


def test_a_failing_table_reader_is_one_model_error_and_skips_only_the_rules_needing_tables(monkeypatch):
    document = _document(REPORTS[0])
    options = Options(select=["ALL"])
    before = lint_document(document, options)
    _broken_tables(monkeypatch)
    after = lint_document(document, options)
    errors = [d for d in after if d.code == "E997"]
    assert len(errors) == 1
    error = errors[0]
    assert (error.name, error.severity, error.line, error.column) == ("model-error", "error", 1, 1)
    assert "统计表" in error.message and "ValueError: cell grid out of range" in error.message
    needing = [r for r in options.rules() if "tables" in closure(r.needs)]
    assert {r.code for r in needing} >= {"T001", "T101", "C001", "C002", "X001"}
    for item in needing:
        assert f"{item.code} ({item.name})" in error.message
    assert not [d for d in after if d.code == "E999"]
    # The rules that do not read the tables report what they reported before.
    others = {r.code for r in options.rules()} - {r.code for r in needing}
    assert others and {"P002", "A002", "S001", "S009", "L001"} <= others
    assert _found(d for d in after if d.code in others) == _found(d for d in before if d.code in others)
    assert not [d for d in after if d.code in {r.code for r in needing}]


def test_a_failing_part_is_reported_once_with_its_dependants(monkeypatch):
    """narrative is read from tables: a failing table reader fails both,
    and the report names the tables, once."""
    _broken_tables(monkeypatch)
    found = lint_document(_document(REPORTS[0]), Options(select=["C001", "C002"]))
    assert [d.code for d in found] == ["E997"]
    assert "统计表" in found[0].message and "C001 (narrative-mismatch)、C002 (percentage-mismatch)" in found[0].message


def test_without_a_rule_needing_tables_a_broken_table_reader_changes_nothing(monkeypatch):
    document = _document(REPORTS[0])
    before = lint_document(document, Options(select=["A", "L", "P001", "P002", "P003", "P004"]))
    _broken_tables(monkeypatch)
    assert _found(lint_document(document, Options(select=["A", "L", "P001", "P002", "P003", "P004"]))) == _found(before)


def test_a_failing_table_reader_on_last_years_report_is_one_model_error(monkeypatch):
    this = _document(REPORTS[0])
    real = tables_module.read_tables

    def broken_for_last(report):
        if report.document.path == "last.txt":
            raise ValueError("bad table")
        return real(report)

    monkeypatch.setattr(tables_module, "read_tables", broken_for_last)
    found = lint_document(this, Options(select=["X", "T"]),
                          previous=Document("last.txt", this.text))
    errors = [d for d in found if d.code == "E997"]
    assert len(errors) == 1 and "上年报告的统计表" in errors[0].message
    assert not [d for d in found if d.code == "E999"]
    assert _found(d for d in found if d.code.startswith("T")) == \
        _found(d for d in lint_document(this, Options(select=["T"])) if d.code.startswith("T"))


def test_lint_text_reports_the_model_error_in_its_result(monkeypatch):
    _broken_tables(monkeypatch)
    result = lint_text(REPORTS[0].read_text(encoding="utf-8"), "r.txt", Options(select=["T001"]))
    assert [d.code for d in result.diagnostics] == ["E997"]


def test_a_table_reader_past_the_time_limit_is_a_model_error(monkeypatch):
    """Parts are read under the rules' time limit: a reader stuck on a
    pathological file is stopped, reported once, and the other rules run."""
    real = tables_module.read_tables

    def stuck(report):
        give_up = time.monotonic() + 5
        while time.monotonic() < give_up:
            pass
        return real(report)

    monkeypatch.setattr(tables_module, "read_tables", stuck)
    document = _document(REPORTS[0])
    started = time.monotonic()
    found = lint_document(document, Options(select=["T001", "P002"], rule_timeout=0.3))
    assert time.monotonic() - started < 4
    errors = [d for d in found if d.code == "E997"]
    assert len(errors) == 1 and "统计表（tables）超过 0.3 秒未完成" in errors[0].message and "T001" in errors[0].message
    assert _found(d for d in found if d.code == "P002") == \
        _found(lint_document(document, Options(select=["P002"])))


def test_a_result_with_a_model_error_is_not_cached(tmp_path, monkeypatch):
    """A part that could not be read (here the table reader failing, as when
    a dependency is missing) says nothing about the file: the next run,
    with the cause gone, reads the file again instead of replaying E997."""
    from click.testing import CliRunner

    from govlint.cli import main

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "r.txt"
    path.write_bytes(REPORTS[0].read_bytes())

    def codes():
        result = CliRunner().invoke(main, ["--format", "concise", "--jobs", "1", "--select", "T", str(path)])
        return {line.split(" ")[1] for line in result.stdout.splitlines()}

    healthy = codes()
    assert "T201" in healthy and "E997" not in healthy
    path.write_bytes(REPORTS[0].read_bytes() + "\n".encode("utf-8"))   # a new version, not yet cached
    with monkeypatch.context() as patch:
        _broken_tables(patch)
        broken = codes()
    assert "E997" in broken and "T201" not in broken
    again = codes()
    assert "E997" not in again and "T201" in again
    assert codes() == again          # and the good result is kept
