"""C001 narrative-mismatch and C002 percentage-mismatch on real reports.

Each case takes a seed report and changes one thing: a number in a
sentence, or a table cell so that the unchanged sentence now disagrees. It
asserts the exact diagnostic (code, line, column) at the exact place, and
silence where the report still agrees with itself.
"""
from __future__ import annotations

import time

import pytest

from govlint.model.document import Document
from govlint.engine.registry import load_rules
from govlint.model.report import parse_report
from helpers import diagnostics, run

CODES = ("C001", "C002")


# --------------------------------------------------------------------------
# Editing real reports


def line(text: str, number: int) -> str:
    return text.split("\n")[number - 1]


def col(text: str, number: int, needle: str, offset: int = 0) -> int:
    """1-based column of needle (plus offset characters) on a line."""
    return line(text, number).index(needle) + offset + 1


def replace_line(text: str, number: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    return "\n".join(lines)


def set_t3_row(text: str, number: int, natural: str, total: str | None = None) -> str:
    """Table 三 of 003 (tab-separated): set a row's 自然人 and 总计 cells."""
    lines = text.split("\n")
    fields = lines[number - 1].split("\t")
    values = [i for i, f in enumerate(fields) if f.strip().isdigit()]
    assert len(values) == 7, fields
    fields[values[0]] = natural
    fields[values[-1]] = natural if total is None else total
    lines[number - 1] = "\t".join(fields)
    return "\n".join(lines)


def set_t4(text: str, values: list[str]) -> str:
    """Table 四 of 003: its 15 values on line 72."""
    assert len(values) == 15
    lines = text.split("\n")
    assert lines[71].split("\t") == ["0"] * 15
    lines[71] = "\t".join(values)
    return "\n".join(lines)


def append_to_003(text: str, sentence: str) -> str:
    """A sentence added to 003's 依申请公开 paragraph (line 9)."""
    return replace_line(text, 9, "未收取信息处理费。", "未收取信息处理费。" + sentence)


def found(text: str, *codes: str):
    return sorted(run(text, *(codes or CODES)))


# 003 with applications: 新收 5, 上年结转 1, 予以公开 3, 部分公开 1, 无法提供
# (本机关不掌握) 1, （七）总计 5, 结转下年度 1. The table adds up.
RICH_ROWS = ((41, "5"), (42, "1"), (43, "3"), (44, "1"), (53, "1"), (64, "5"), (65, "1"))
RICH_TEXT = ("（二）依申请公开情况。2023 年度，我局共收到政府信息公开申请5件，上年结转1件，办结5件，"
             "其中予以公开3件，占60%，部分公开1件，占20%，无法提供1件，占20%，结转下年度继续办理1件。")


@pytest.fixture
def rich(corpus_text):
    text = corpus_text("003")
    for number, value in RICH_ROWS:
        text = set_t3_row(text, number, value)
    return replace_line(text, 9, line(text, 9), RICH_TEXT)


# --------------------------------------------------------------------------
# The seed reports agree with themselves


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_reports_are_quiet(corpus_text, name):
    assert found(corpus_text(name)) == []


def test_seed_statements_are_read(corpus_text):
    """The seeds are quiet because they agree, not because nothing was read."""
    def read(name):
        text = corpus_text(name)
        report = parse_report(Document(f"{name}.txt", text))
        document = report.document
        return [(s.quantity, s.value, document.position(s.span.start)[0], text[s.span.start:s.span.end])
                for s in report.narrative.statements]
    assert read("000") == [("penalty", 61, 13, "61"), ("new", 0, 17, "0")]
    assert read("001") == [("new", 0, 4, "没有收到依申请公开事项")]
    assert read("002") == [("new", 0, 7, "未收到政府信息公开申请")]
    # "除 2021 年收到依申请公开事项 1 件外" and "其余年份均未接收到申请" speak of other years.
    assert read("003") == [("new", 0, 9, "并未收到任何依申请公开的信息")]
    assert read("004") == []


def test_rules_are_registered_by_code_and_name():
    rules = {r.code: r for r in load_rules().rules}
    assert (rules["C001"].name, rules["C001"].severity) == ("narrative-mismatch", "error")
    assert (rules["C002"].name, rules["C002"].severity) == ("percentage-mismatch", "warning")


# --------------------------------------------------------------------------
# C001: applications received


def test_received_count_against_table(corpus_text):
    text = corpus_text("000")
    mutated = replace_line(text, 17, "申请0件", "申请3件")
    found_ = diagnostics(mutated, "C001", "C002")
    assert [(d.code, d.line, d.column, d.end_column, d.severity) for d in found_] == [
        ("C001", 17, col(text, 17, "申请0件", 2), col(text, 17, "申请0件", 3), "error")]
    assert found_[0].message == "正文说收到申请 3 件，但表三“一、本年新收政府信息公开申请数量 / 总计”为 0：请核对"
    assert [(r["line"], r["message"]) for r in found_[0].related] == [
        (55, "表三 一、本年新收政府信息公开申请数量 / 总计 = 0")]


@pytest.mark.parametrize("written, value", [
    ("三件", 3), ("两件", 2), ("３件", 3), ("1,234件", 1234), ("１，２３４件", 1234), ("一百二十件", 120), ("十二件", 12),
])
def test_numbers_as_people_write_them(corpus_text, written, value):
    text = corpus_text("000")
    mutated = replace_line(text, 17, "0件", written)
    number = written[:-1]
    found_ = diagnostics(mutated, "C001")
    start = col(text, 17, "申请0件", 2)
    assert [(d.line, d.column, d.end_column) for d in found_] == [(17, start, start + len(number))]
    assert f"收到申请 {value} 件" in found_[0].message


@pytest.mark.parametrize("written", ["十余件", "约3件", "3件左右", "三四件", "3件次", "2.5件"])
def test_approximate_counts_are_not_compared(corpus_text, written):
    text = corpus_text("000")
    assert found(replace_line(text, 17, "0件", written)) == []


def test_zero_phrase_against_changed_table(corpus_text):
    text = corpus_text("003")
    mutated = set_t3_row(text, 41, "2")           # 一、本年新收: 自然人 2, 总计 2
    found_ = diagnostics(mutated, "C001", "C002")
    phrase = "并未收到任何依申请公开的信息"
    assert [(d.code, d.line, d.column, d.end_column) for d in found_] == [
        ("C001", 9, col(text, 9, phrase), col(text, 9, phrase) + len(phrase))]
    assert found_[0].message == "正文说未收到申请，但表三“一、本年新收政府信息公开申请数量 / 总计”为 2：请核对"
    assert found_[0].related[0]["line"] == 41
    # The other year's statement on the same line ("除 2021 年收到依申请公开事项 1 件外",
    # "其余年份均未接收到申请") is not compared with this year's table.


def test_zero_phrase_in_a_pipe_table_report(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 27, "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |")
    phrase = "没有收到依申请公开事项"
    assert found(mutated) == [("C001", 4, col(text, 4, phrase))]


def test_another_years_statement_is_not_compared(corpus_text):
    text = corpus_text("003")
    assert found(replace_line(text, 9, "事项 1 件", "事项 5 件")) == []
    mutated = replace_line(corpus_text("000"), 17, "2024年度共收到政府信息公开申请0件",
                           "2024年度共收到政府信息公开申请0件，2023年度收到政府信息公开申请4件")
    assert found(mutated) == []


@pytest.mark.parametrize("sentence", [
    "2024年，我局将进一步做好依申请公开工作，力争收到政府信息公开申请3件。",
    "下一步，预计全年收到政府信息公开申请3件。",
    "2025年度共收到政府信息公开申请3件。",
    "自2019年以来，累计收到政府信息公开申请3件。",
    "近三年来，共收到政府信息公开申请3件。",
    "2023年1-6月收到政府信息公开申请3件。",
    "上半年收到政府信息公开申请3件。",
    "本年度收到行政复议申请3件。",
    "全年办理网上留言3件次。",
    "承办政协提案办理 6 件。",
    "主动及时公开率 100%，按时办结率100%。",
    "其中自然人申请2件，收到法人申请1件。",
])
def test_statements_about_something_else_are_not_compared(corpus_text, sentence):
    assert found(append_to_003(corpus_text("003"), sentence)) == []


def test_statement_with_a_year_in_another_clause(corpus_text):
    text = append_to_003(corpus_text("003"), "2023年度共收到政府信息公开申请3件，较2022年增加2件。")
    assert found(text) == [("C001", 9, col(text, 9, "申请3件", 2))]


def test_accepted_count_may_include_carried_over(rich):
    # 受理 6 = 新收 5 + 上年结转 1: a count that includes last year's is not wrong.
    assert found(replace_line(rich, 9, "共收到政府信息公开申请5件", "共受理政府信息公开申请6件")) == []
    # 收到 6 when 上年结转 1 is stated apart is.
    mutated = replace_line(rich, 9, "申请5件", "申请6件")
    assert found(mutated) == [("C001", 9, col(mutated, 9, "申请6件", 2))]


# --------------------------------------------------------------------------
# C001: carried over, processed, results


def test_rich_paragraph_agrees(rich):
    assert found(rich) == []


@pytest.mark.parametrize("old, new, key, message", [
    ("上年结转1件", "上年结转2件", "三/carried_in/total",
     "正文说上年结转 2 件，但表三“二、上年结转政府信息公开申请数量 / 总计”为 1：请核对"),
    ("办结5件", "办结4件", "三/processed_total/total", "正文说办结 4 件，但表三“（七）总计 / 总计”为 5：请核对"),
    ("继续办理1件", "继续办理2件", "三/carried_out/total",
     "正文说结转下年度 2 件，但表三“四、结转下年度继续办理 / 总计”为 1：请核对"),
    ("无法提供1件，占20%", "无法提供2件，占40%", "三/unable/total",
     "正文说无法提供 2 件，但表三“（四）无法提供”各项总计相加为 1：请核对"),
])
def test_count_against_its_row(rich, old, new, key, message):
    mutated = replace_line(rich, 9, old, new)
    found_ = diagnostics(mutated, "C001")
    number = new[:new.index("件")].lstrip("上年结转办结继续办理无法提供")
    at = col(mutated, 9, new) + new.index(number)
    assert [(d.code, d.line, d.column) for d in found_] == [("C001", 9, at)]
    assert found_[0].message == message


def test_result_count_against_table(rich):
    mutated = set_t3_row(set_t3_row(rich, 43, "2"), 44, "2")     # 予以公开 2, 部分公开 2: same totals
    assert found(mutated, "C001") == [("C001", 9, col(rich, 9, "予以公开3件", 4)),
                                      ("C001", 9, col(rich, 9, "部分公开1件", 4))]


def test_joint_results_are_not_compared(rich):
    mutated = replace_line(rich, 9, "其中予以公开3件，占60%，部分公开1件，占20%", "其中予以公开和部分公开4件，占80%")
    assert found(mutated) == []


def test_joint_results_against_the_sum_of_their_rows(rich):
    # format-spec D09 (上海市人民政府办公厅 2019): "予以公开及部分公开258件" against
    # 予以公开 + 部分公开 in table 三. Here the table has 3 + 1.
    mutated = replace_line(rich, 9, "其中予以公开3件，占60%，部分公开1件，占20%", "其中予以公开及部分公开5件")
    assert found(mutated, "C001") == [("C001", 9, col(mutated, 9, "予以公开及部分公开5件", 9))]
    [finding] = diagnostics(mutated, "C001")
    assert finding.message == "正文说予以公开及部分公开 5 件，但表三“予以公开及部分公开”各项总计相加为 4：请核对"


def test_a_result_named_with_its_reasons(rich):
    # D09: "因本机关不掌握等原因无法提供265件" is the whole of （四）无法提供.
    mutated = replace_line(rich, 9, "无法提供1件，占20%", "因本机关不掌握等原因无法提供2件")
    assert found(mutated, "C001") == [("C001", 9, col(mutated, 9, "无法提供2件", 4))]


def test_a_category_of_answers_is_not_the_number_answered(rich):
    # "同意公开答复3件" counts the answers that granted disclosure, not all answers.
    mutated = replace_line(rich, 9, "办结5件，", "同意公开答复3件，")
    assert found(mutated, "C001") == []


def test_who_applied_against_the_applicant_columns(rich):
    agree = replace_line(rich, 9, "共收到政府信息公开申请5件，", "共收到政府信息公开申请5件，均为自然人申请，其中自然人5件，")
    assert found(agree, "C001") == []
    wrong = replace_line(rich, 9, "共收到政府信息公开申请5件，", "共收到政府信息公开申请5件，涉及自然人3件、商业企业2件，")
    [natural, commercial] = diagnostics(wrong, "C001")
    assert wrong.split("\n")[8][natural.column - 1] == "3" and "“自然人”一列为 5" in natural.message
    assert "“商业企业”一列为 0" in commercial.message


def test_who_applied_after_the_count_accepted_in_pdf_text():
    # corpus/pdf-text/001.txt (洪泽区人民政府 2023), line 21: "2023 年全区受理政府信息公开申请
    # 21 件，" against table 三 新收 21, all from 自然人, 上年结转 0. A split after
    # "受理" is the applicants' split as much as one after "收到".
    from helpers import pdf_text

    text = pdf_text("001")
    at = "申请 21 件，"
    assert found(text.replace(at, at + "均为自然人申请，其中自然人21件，"), "C001") == []
    wrong = text.replace(at, at + "涉及自然人20件、商业企业1件，")
    [natural, commercial] = diagnostics(wrong, "C001")
    assert (natural.line, wrong.split("\n")[20][natural.column - 1:natural.column + 1]) == (21, "20")
    assert "“自然人”一列为 21" in natural.message and "“商业企业”一列为 0" in commercial.message


def test_who_applied_after_the_count_accepted_may_include_carried_over(rich):
    # 受理 6 = 新收 5 + 上年结转 1, all 自然人: the split may count the carried-over one too.
    accepted = replace_line(rich, 9, "共收到政府信息公开申请5件，", "共受理政府信息公开申请6件，其中自然人6件，")
    assert found(accepted, "C001") == []
    assert found(replace_line(rich, 9, "共收到政府信息公开申请5件，", "共受理政府信息公开申请6件，其中自然人5件，"),
                 "C001") == []
    wrong = replace_line(rich, 9, "共收到政府信息公开申请5件，", "共受理政府信息公开申请6件，其中自然人4件、商业企业2件，")
    assert [d.message for d in diagnostics(wrong, "C001")] == [
        "正文说收到自然人的申请 4 件，但表三“一、本年新收政府信息公开申请数量”的“自然人”一列为 5：请核对",
        "正文说收到商业企业的申请 2 件，但表三“一、本年新收政府信息公开申请数量”的“商业企业”一列为 0：请核对"]


def test_all_concluded_while_a_case_is_pending(corpus_text):
    text = set_t4(corpus_text("003"), REVIEWS)
    mutated = append_to_003(text, "本年度因政府信息公开工作被申请行政复议2件，均已审结。")
    [finding] = diagnostics(mutated, "C001")
    assert finding.message == "正文说“均已审结”，但表四“行政复议 / 尚未审结”为 1：请核对"
    assert found(append_to_003(text, "本年度因政府信息公开工作被提起行政诉讼1件，均已审结。")) == []


def test_a_statement_wrapped_over_lines_in_pdf_text():
    # corpus/pdf-text/002.txt, the text of a real PDF: "…区政府办代表区政府受理政府" /
    # "信息公开申请 17 件，…" while table 三 counts 95 new applications.
    from helpers import CORPUS
    from govlint.engine.lint import Options, lint_path

    result = lint_path(str(CORPUS / "pdf-text" / "002.txt"), Options(select=["C001"]))
    assert [(d.line, d.column) for d in result.diagnostics] == [(25, 8)]
    assert "17" in result.diagnostics[0].message and "95" in result.diagnostics[0].message


# --------------------------------------------------------------------------
# C001: 行政复议, 行政诉讼, 均获维持


REVIEWS = ["1", "0", "0", "1", "2",      # 行政复议: 维持 1, 尚未审结 1, 总计 2
           "1", "0", "0", "0", "1",      # 未经复议直接起诉: 维持 1, 总计 1
           "0", "0", "0", "0", "0"]      # 复议后起诉


def test_upheld_while_a_case_is_pending(corpus_text):
    text = set_t4(corpus_text("003"), REVIEWS)
    mutated = append_to_003(text, "本年度因政府信息公开工作被申请行政复议2件、被提起行政诉讼1件，均获维持。")
    found_ = diagnostics(mutated, "C001", "C002")
    assert [(d.code, d.line, d.column, d.end_column) for d in found_] == [
        ("C001", 9, col(mutated, 9, "均获维持"), col(mutated, 9, "均获维持") + 4)]
    assert found_[0].message == "正文说“均获维持”，但表四“行政复议 / 尚未审结”为 1：请核对"
    assert found_[0].related[0]["line"] == 72


def test_upheld_for_the_group_it_names(corpus_text):
    text = set_t4(corpus_text("003"), REVIEWS)
    # Only 行政诉讼 is said to be upheld; its cases were.
    assert found(append_to_003(text, "本年度因政府信息公开工作被提起行政诉讼1件，均获维持。")) == []
    # "其余均获维持" leaves the pending one out.
    assert found(append_to_003(text, "本年度因政府信息公开工作被申请行政复议2件，其中1件尚未审结，其余均获维持。")) == []


def test_review_and_litigation_counts(corpus_text):
    text = set_t4(corpus_text("003"), REVIEWS)
    assert found(append_to_003(text, "本年度因政府信息公开工作被申请行政复议两件、被提起行政诉讼1件。")) == []
    mutated = append_to_003(text, "本年度因政府信息公开工作被申请行政复议3件、被提起行政诉讼2件。")
    found_ = diagnostics(mutated, "C001")
    assert [(d.line, d.column) for d in found_] == [(9, col(mutated, 9, "复议3件", 2)), (9, col(mutated, 9, "诉讼2件", 2))]
    assert found_[1].message == "正文说行政诉讼 2 件，但表四“未经复议直接起诉”与“复议后起诉”的总计相加为 1：请核对"


def test_no_review_said_but_table_has_one(corpus_text):
    text = set_t4(corpus_text("003"), REVIEWS[:5] + ["0"] * 10)
    sentence = "本年度未发生因政府信息公开被申请行政复议的情况。"
    mutated = append_to_003(text, sentence)
    assert found(mutated) == [("C001", 9, col(mutated, 9, "未发生"))]
    assert found(append_to_003(corpus_text("003"), sentence)) == []


# --------------------------------------------------------------------------
# C001: table 二


def test_penalty_count_in_text_and_table(corpus_text):
    text = corpus_text("000")
    at = col(text, 13, "行政处罚公开61条", 6)
    assert found(replace_line(text, 13, "行政处罚公开61条", "行政处罚公开60条")) == [("C001", 13, at)]
    mutated = replace_line(text, 44, "61", "62")
    found_ = diagnostics(mutated, "C001")
    assert [(d.line, d.column) for d in found_] == [(13, at)]
    assert found_[0].message == "正文说行政处罚 61 条，但表二“行政处罚 / 本年处理决定数量”为 62：请核对"
    assert found_[0].related[0]["line"] == 44


def test_licensing_and_catalogue_items(corpus_text):
    text = corpus_text("003")
    mutated = append_to_003(text, "2023年，我局办理行政许可事项5件。")
    assert found(mutated) == [("C001", 9, col(mutated, 9, "事项5件", 2))]
    # A count of catalogue entries is not a count of decisions.
    assert found(append_to_003(text, "梳理公布行政许可事项清单5件。")) == []


# --------------------------------------------------------------------------
# C002


def test_share_that_its_numbers_do_not_give(corpus_text):
    text = append_to_003(corpus_text("003"), "本年度共收到政府信息公开申请805件，其中予以公开258件，占33.9%。")
    found_ = diagnostics(text, "C002")
    assert [(d.code, d.line, d.column, d.end_column, d.severity) for d in found_] == [
        ("C002", 9, col(text, 9, "33.9%"), col(text, 9, "33.9%") + 5, "warning")]
    assert found_[0].message == "正文写“33.9%”，但 258 ÷ 805 = 32.0%：请重新计算百分比或核对件数"
    assert [r["message"] for r in found_[0].related] == ["分子：正文 258", "分母：正文 805"]


@pytest.mark.parametrize("share", ["占32.0%", "占32%", "占 32.05 %", "占总数的32.1%", "占百分之三十二"])
def test_share_that_agrees(corpus_text, share):
    text = append_to_003(corpus_text("003"), f"本年度共收到政府信息公开申请805件，其中予以公开258件，{share}。")
    assert found(text, "C002") == []


def test_whole_percent_may_be_rounded_or_cut(corpus_text):
    for share in ("占33%", "占33.3%", "占67%", "占66%", "占66.7%"):
        numerator = "1" if "33" in share else "2"
        text = append_to_003(corpus_text("003"), f"本年度共收到政府信息公开申请3件，其中予以公开{numerator}件，{share}。")
        assert found(text, "C002") == [], share


def test_share_of_the_table_total(rich):
    # No total in the sentence: a result's share is of table 三's total.
    mutated = replace_line(rich, 9, "2023 年度，我局共收到政府信息公开申请5件，上年结转1件，办结5件，其中", "2023 年度，")
    assert found(mutated) == []
    wrong = replace_line(mutated, 9, "占60%", "占50%")
    found_ = diagnostics(wrong, "C002")
    assert [(d.line, d.column) for d in found_] == [(9, col(wrong, 9, "50%"))]
    assert found_[0].message == "正文写“50%”，但 3 ÷ 5 = 60.0%：请重新计算百分比或核对件数"
    assert found_[0].related[1]["line"] == 64          # （七）总计 / 总计


def test_shares_of_all_results_must_add_up(corpus_text):
    # format-spec D12: 33.9% + 4.34% + 32.9% + 19.6% = 90.74%, the categories being exhaustive
    # (不予公开 and 其他处理 are 0 in table 三).
    sentence = "办理结果中，予以公开的占33.9%，部分公开的占4.34%，无法提供的占32.9%，不予处理的占19.6%。"
    text = append_to_003(corpus_text("003"), sentence)
    found_ = diagnostics(text, "C002")
    assert [(d.line, d.column) for d in found_] == [(9, col(text, 9, "33.9%"))]
    assert found_[0].message == "各办理结果的占比 33.9% + 4.34% + 32.9% + 19.6% 相加为 90.74%，不是 100%：请核对各项百分比"
    adds_up = sentence.replace("19.6%", "28.86%")
    assert found(append_to_003(corpus_text("003"), adds_up), "C002") == []


def test_shares_that_do_not_cover_every_result_are_not_summed(rich):
    # 部分公开 (1) and 无法提供 (1) are not 0 in the table and have no share: not exhaustive.
    mutated = replace_line(rich, 9, RICH_TEXT, "2023 年度，我局予以公开的占60%，不予处理的占10%。")
    assert found(mutated, "C002") == []


def test_one_wrong_share_is_one_finding(rich):
    mutated = replace_line(rich, 9, "占60%", "占66.7%")
    assert found(mutated) == [("C002", 9, col(mutated, 9, "66.7%"))]


# --------------------------------------------------------------------------
# Robustness


@pytest.mark.parametrize("unit", [
    "收到申请", "未收到", "共收到政府信息公开申请1", "2023年", "占10%，", "收到" + "依" * 30, "百分之",
    "2023年共收到政府信息公开申请1件", "均获维持行政复议", "未发生行政复议",
])
def test_a_one_megabyte_line_stays_fast(corpus_text, unit):
    long_line = (unit * (1_000_000 // len(unit)))[:1_000_000]
    text = append_to_003(corpus_text("003"), long_line)
    started = time.monotonic()
    run(text, *CODES)
    assert time.monotonic() - started < 20    # a guard against quadratic reading, not a benchmark


def test_share_of_a_named_total():
    """Out-of-sample miss: "占办结总数的45.5%" names its denominator in words."""
    from govlint.engine.lint import Options, lint_text

    base = ("一、总体情况\n本年度共办结政府信息公开申请11件，其中予以公开5件，占办结总数的{}%；"
            "部分公开6件，占全部申请的54.5%。\n")
    quiet = lint_text(base.format("45.5"), config=Options(select=["C002"])).diagnostics
    wrong = lint_text(base.format("60.0"), config=Options(select=["C002"])).diagnostics
    assert quiet == []
    assert [d.code for d in wrong] == ["C002"]
