"""T003 empty-cell and T004 non-numeric-cell: every data cell of a table holds
a count, on real reports and on real reports with one cell changed."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_text
from helpers import Case, assert_case, cases, corpus_file, opening, pdf_text
from table_edits import field_column, line, new_findings, replace_line, set_field, table_findings


def test_blank_cell(corpus_text):
    text = corpus_text("003")
    mutated = set_field(text, 48, 4, "")                 # 4.保护第三方合法权益 / 商业企业
    assert table_findings(mutated) == [("T003", 48, field_column(line(text, 48), 4))]


def test_dash_cell_is_not_zero(corpus_text):
    text = corpus_text("003")
    mutated = set_field(text, 48, 4, "—")
    found = lint_text(mutated, config=Options(select=["T003"])).diagnostics
    assert [(d.line, d.column) for d in found] == [(48, field_column(line(text, 48), 4))]
    assert "“—”" in found[0].message


def test_ocr_digit_is_read_and_reported(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 18, "| 4 |", "| l4 |")
    found = lint_text(mutated, config=Options(select=["T004"])).diagnostics
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("T004", 18, 10, "warning")]
    assert new_findings(text, mutated) == [("T004", 18, 10)]
    assert "14" in found[0].message


def test_text_in_a_cell(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 15, "| 1300 |", "| 约一千 |")
    assert new_findings(text, mutated) == [("T004", 15, 10)]


def text_of(number: str) -> str:
    return corpus_file(number).read_text(encoding="utf-8")


@cases(
    # corpus 001 lines 11-12: "| 规章 | 0 | 0 | |" and "| 行政规范性文件 | 0 | 0 | |": 现行有效件数 blank
    Case("corpus-001", text_of("001"), [
        ("T003", 11, 15, "表二单元格“规章 / 现行有效件数”为空白：请填写数字，没有发生的填 0"),
        ("T003", 12, 20, "表二单元格“行政规范性文件 / 现行有效件数”为空白：请填写数字，没有发生的填 0")]),
    # corpus 004 (2020, the 2019 format): tables 二 and 三 printed without a single number
    Case("corpus-004", text_of("004"), [
        ("T003", 15, 1, "表二的 22 个数据单元格全部为空：请填写数字，没有发生的填 0"),
        ("T003", 57, 1, "表三的 161 个数据单元格全部为空：请填写数字，没有发生的填 0")]),
    # corpus 002 and 003, and the PDF text of pdf-text/001: every cell holds a count
    Case("corpus-002", text_of("002"), []),
    Case("corpus-003", text_of("003"), []),
    Case("pdf-text-001", pdf_text("001"), []),
    # real-openings/009: table 二 cut off by the opening's end is not blank cells
    Case("openings-009", opening("009"), []),
)
def test_real_reports(case):
    assert_case(case, "T003", "T004")
