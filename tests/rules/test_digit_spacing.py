"""L005 digit-spacing: a space between a Chinese character and a digit, off
by default, never in tables, metadata or where a line break stood."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import Case, assert_case, cases, corpus_file, corpus_line, opening
from layouts import spaced

CODE = "L005"


def lint(text: str, *codes: str):
    return lint_text(text, config=Options(select=list(codes))).diagnostics


def test_corpus_003_title():
    # "海阳市卫生健康局 2023 年政府信息公开工作 年度报告"
    digits = lint_path(str(corpus_file("003")), Options(select=["L005"])).diagnostics
    assert [(d.line, d.column) for d in digits][:2] == [(3, 9), (3, 14)]
    assert digits[1].message == "汉字与数字之间有空格：“2023 年政府信”，请删除"
    assert digits[1].fix == {"description": "删除空格", "safe": True,
                             "edits": [{"line": 3, "column": 14, "end_line": 3, "end_column": 15, "replacement": ""}]}


def test_digit_spacing_is_off_by_default():
    text = corpus_file("003").read_text(encoding="utf-8")
    assert not [d for d in lint_text(text).diagnostics if d.code == "L005"]


@cases(
    # real-openings/009 line 1: "武汉市东湖生态旅游风景区城乡工作办事处 2025年政府信息公开工作年度报告"
    Case("openings-009:1", opening("009").split("\n")[0] + "\n",
         [(CODE, 1, 20, "汉字与数字之间有空格：“作办事处 2025”，请删除")]),
    # corpus 003 line 7: "…政务信息 159 条，主动及时公开率 100%。"
    Case("corpus-003:7", "一、总体情况\n" + corpus_line("003", 7) + "\n",
         [(CODE, 2, 256), (CODE, 2, 297), (CODE, 2, 301), (CODE, 2, 311)]),
    # corpus 002 line 3: "2024年，区卫健局…" — digits written against the characters
    Case("corpus-002:3", "一、总体情况\n" + corpus_line("002", 3) + "\n", []),
    # corpus 000 line 5: a space between two Chinese characters is stray-space's, not this rule's
    Case("corpus-000:5", corpus_line("000", 5) + "\n", []),
)
def test_real_lines(case):
    assert_case(case, CODE)


def test_tables_are_not_checked():
    text = "二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n"
    assert lint(text, "L005") == []


def test_spaced_layout_reports_only_headings():
    # Every line break became a space: "情况 2024年度" is where a line break
    # was, and not reported; the title has no digit.
    text = spaced(corpus_file("000").read_text(encoding="utf-8"))
    assert "情况 2024年度" in text
    assert lint(text, "L005") == []


def test_metadata_dates_and_times_are_not_digit_spacing():
    text = "发布日期:2024-01-12 11:44:13 文章来源:梅花村街\n一、总体情况\n2023年度，我局公开信息 55 条。\n"
    assert [text[d.start - 2:d.end + 2] for d in lint(text, "L005")] == ["信息 55", "55 条。"]


def test_an_indent_after_a_heading_in_a_page_run_together_is_no_space_to_delete():
    # real-openings 001 ("（一）主动公开方面" then "  2022年,…" on the next line) and
    # 027 ("一、总体情况" then "    2023年,…"): with the line breaks removed the
    # indent stands right after the heading; the lined text has no finding there.
    from layouts import collapsed

    for name, heading in (("001", "主动公开方面"), ("027", "一、总体情况")):
        lined = opening(name)
        text = collapsed(lined)
        assert heading + "  " in text
        assert [d.message for d in lint(text, CODE)] == [d.message for d in lint(lined, CODE)]


def test_spaces_typed_inside_a_sentence_after_a_sub_heading_are_still_reported():
    text = "一、总体情况\n（一）主动公开情况。全年公开信息  159 条。\n"
    assert [(d.line, d.column) for d in lint(text, CODE)] == [(2, 17), (2, 22)]
