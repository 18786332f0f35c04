"""T202 implausible-value: counts that cannot be (more in force than ever
made, fractions, a fee in yuan where 万元 is asked), on real reports with
one cell changed."""
from __future__ import annotations

from helpers import Case, assert_case, cases, corpus_file, pdf_text
from table_edits import replace_line, table_findings


def test_in_force_fewer_than_made(corpus_text):
    text = corpus_text("002")
    mutated = replace_line(text, 25, "\t0", "\t5")       # 规章 / 本年制发件数 = 5, 现行有效件数 = 0
    assert table_findings(mutated) == [("T202", 27, 2)]


def test_fee_in_yuan_and_fractional_count(corpus_text):
    text = corpus_text("002")
    mutated = replace_line(replace_line(text, 59, "14.9", "149000元"), 48, "21", "2.5")
    assert table_findings(mutated) == [("T202", 48, 2), ("T202", 59, 2)]


@cases(
    # corpus 002: 现行有效件数 at least 本年制发件数, counts whole, the fee in 万元 ("14.9")
    Case("corpus-002", corpus_file("002").read_text(encoding="utf-8"), []),
    # corpus 003 and 001, and the PDF text of pdf-text/001 and 002
    Case("corpus-003", corpus_file("003").read_text(encoding="utf-8"), []),
    Case("corpus-001", corpus_file("001").read_text(encoding="utf-8"), []),
    Case("pdf-text-001", pdf_text("001"), []),
    Case("pdf-text-002", pdf_text("002"), []),
)
def test_real_reports_are_plausible(case):
    assert_case(case, "T202")
