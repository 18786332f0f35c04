"""L003 stray-space: spaces inside words and headings, not where a layout or
a PDF put them."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import CORPUS, Case, assert_case, cases, corpus_file, corpus_line, opening
from layouts import spaced

CODE = "L003"


def lint(text: str, *codes: str):
    return lint_text(text, config=Options(select=list(codes))).diagnostics


def test_corpus_003_title():
    # "海阳市卫生健康局 2023 年政府信息公开工作 年度报告"
    [stray] = lint_path(str(corpus_file("003")), Options(select=["L003"])).diagnostics
    assert (stray.line, stray.column, stray.end_column) == (3, 24, 25)
    assert stray.message == "汉字之间有多余的空格：“公开工作 年度报告”，请删除"
    assert stray.fix == {"description": "删除空格", "safe": True,
                         "edits": [{"line": 3, "column": 24, "end_line": 3, "end_column": 25, "replacement": ""}]}


@cases(
    # corpus 000 line 5, the title: "神木市卫生健康局 信息公开工作年度报告"
    Case("corpus-000:5", corpus_line("000", 5) + "\n", [(CODE, 1, 9, "汉字之间有多余的空格：“生健康局 信息公开”，请删除")]),
    # corpus 003 line 3 as a title of its own
    Case("corpus-003:3", corpus_line("003", 3) + "\n", [(CODE, 1, 24)]),
    # real-openings/009 line 1: the space stands before a digit, digit-spacing's business
    Case("openings-009:1", opening("009").split("\n")[0] + "\n", []),
    # corpus 003 line 7: "政务信息 159 条" — spaces next to digits, not between Chinese characters
    Case("corpus-003:7", "一、总体情况\n" + corpus_line("003", 7) + "\n", []),
)
def test_real_lines(case):
    assert_case(case, CODE)


def test_space_inside_a_word_of_a_paragraph():
    [d] = lint("一、总体情况\n我局持续推进政务 公开工作。\n", "L003")
    assert d.message == "汉字之间有多余的空格：“推进政务 公开工作”，请删除"
    # between two words it is the writer's choice
    assert lint("一、总体情况\n我局持续推进 政务公开工作。\n", "L003") == []


def test_full_width_space_in_a_heading():
    [d] = lint("某某局2023年政府信息公开工作年度报告\n一、总体\u3000情况\n无。\n", "L003")
    assert d.message.startswith("汉字之间有多余的全角空格")


def test_pdf_text_letter_spacing_and_line_wraps_are_left_alone():
    # "号 ， 邮 编 ： 223100 ， 电 话 ：" is a justified line; lines wrap inside words.
    assert lint_path(str(CORPUS / "pdf-text" / "001.txt"), Options(select=["L003"])).diagnostics == []


def test_tables_are_not_checked():
    text = "二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n"
    assert lint(text, "L003") == []


def test_spaced_layout_reports_only_headings():
    # Every line break became a space: "卫 生" (a paragraph broken by a page)
    # and "情况 2024年度" are where line breaks were, and not reported.
    text = spaced(corpus_file("000").read_text(encoding="utf-8"))
    assert "研究部署卫 生健康" in text
    found = [text[d.start - 1:d.end + 1] for d in lint(text, "L003")]
    assert found == ["局 信"]
