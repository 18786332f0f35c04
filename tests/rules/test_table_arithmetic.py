"""T101 balance-mismatch, T102 applicant-total-mismatch, T103
outcome-total-mismatch and T104 review-total-mismatch: the identities of
tables 三 and 四, on real reports and on real reports with one cell changed."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_text
from helpers import Case, assert_case, cases, corpus_file, pdf_text
from table_edits import field_column, line, new_findings, replace_line, set_field, table_findings


def test_new_application_breaks_balance_and_row_total(corpus_text):
    text = corpus_text("003")
    mutated = set_field(text, 41, 2, "1")       # 一、本年新收 / 自然人: 0 → 1
    assert table_findings(mutated) == sorted([
        ("T101", 64, field_column(line(text, 64), 3)),   # on （七）总计 / 自然人
        ("T102", 41, field_column(line(text, 41), 8)),   # on 一、本年新收 / 总计
    ])


def test_result_without_total_breaks_outcome_total(corpus_text):
    text = corpus_text("003")
    mutated = set_field(set_field(text, 43, 2, "1"), 43, 8, "1")   # （一）予以公开: 自然人 1, 总计 1
    found = lint_text(mutated, config=Options(select=["T103"])).diagnostics
    assert sorted((d.code, d.line, d.column) for d in found) == sorted([
        ("T103", 64, field_column(line(text, 64), 3)),
        ("T103", 64, field_column(line(text, 64), 9)),
    ])
    assert "为 0" in found[0].message and "相加为 1" in found[0].message
    assert any(r["line"] == 43 for r in found[0].related)
    # 予以公开 also counts in （七）总计's balance? No: balance uses only rows 一, 二, （七）, 四.
    assert table_findings(mutated) == sorted([
        ("T103", 64, field_column(line(text, 64), 3)), ("T103", 64, field_column(line(text, 64), 9)),
    ])


def test_review_total(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 56, "| 0 |", "| 1 |")    # 行政复议 / 结果维持: 0 → 1
    fifth = [i for i, ch in enumerate(line(text, 56)) if ch == "0"][4] + 1
    assert new_findings(text, mutated) == [("T104", 56, fifth)]


def text_of(number: str) -> str:
    return corpus_file(number).read_text(encoding="utf-8")


@cases(
    # pdf-text/001 (洪泽区 2023, the text of its PDF) line 144, table 四: "0" under 行政复议 / 总计
    # and under 复议后起诉 / 总计 while their results add up to 11 and 5
    Case("pdf-text-001", pdf_text("001"), [
        ("T104", 144, 10, "表四“行政复议 / 总计”为 0，但结果维持、结果纠正、其他结果、尚未审结相加为 11"
                          "（总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）"),
        ("T104", 144, 30, "表四“复议后起诉 / 总计”为 0，但结果维持、结果纠正、其他结果、尚未审结相加为 5"
                          "（总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结）")]),
    # pdf-text/002 (洪泽区 2024): table 四 adds up
    Case("pdf-text-002", pdf_text("002"), []),
    # corpus 001 (markdown pipes), 002 (one cell per line), 003 (tabs): tables 三 and 四 add up
    Case("corpus-001", text_of("001"), []),
    Case("corpus-002", text_of("002"), []),
    Case("corpus-003", text_of("003"), []),
)
def test_real_reports(case):
    assert_case(case, "T101", "T102", "T103", "T104")
