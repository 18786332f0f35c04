"""S001 missing-title: a title naming the agency and 政府信息公开工作年度报告
before the first section; a preamble that names the report is no title."""
from __future__ import annotations

from helpers import SKELETON, Case, assert_case, cases, corpus_file, opening, pdf_text, run

CODE = "S001"
MESSAGE = "缺少标题：正文前应有“机关名称＋年份＋政府信息公开工作年度报告”"


def test_missing_title(corpus_text):
    assert run(corpus_text("001"), "S001") == [("S001", 1, 1)]
    assert run(corpus_text("000"), "S001") == []      # title without a year is still a title
    assert run(corpus_text("004"), "S001") == []      # title in the metadata block


def test_missing_title_on_skeleton():
    assert run(SKELETON.split("\n", 1)[1], "S001") == [("S001", 1, 1)]
    assert run(SKELETON, "S001") == []


@cases(
    # corpus 001 line 1: "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定编制本报告。…"
    Case("corpus-001", corpus_file("001").read_text(encoding="utf-8"), [(CODE, 1, 1, MESSAGE)]),
    # real-openings/015 line 1: "…现向社会公布2021年石家庄市教育局政府信息公开工作年度报告。" names
    # the agency, the year and the report, but is the preamble's sentence, not a title
    Case("openings-015", opening("015"), [(CODE, 1, 1, MESSAGE)]),
    # real-openings/017: "2021年,在市委、市政府的领导下,宜兴市教育局…": the body starts at once
    Case("openings-017", opening("017"), [(CODE, 1, 1)]),
    # real-openings/007: the text starts with "一、总体情况"
    Case("openings-007", opening("007"), [(CODE, 1, 1)]),
    # pdf-text/001: the title on two lines after a page number: "洪泽区人民政府" / "2023 年政府信息公开工作年度报告"
    Case("pdf-text-001", pdf_text("001"), []),
    # real-openings/013: "洪山区人民政府信息公开工作年度报告(2023年度)": the year after the report's name
    Case("openings-013", opening("013"), []),
    # real-openings/011: "2022度珠晖区粤汉街道信息公开工作年度报告": a malformed year, still a title
    Case("openings-011", opening("011"), []),
    # real-openings/019: a site toolbar ("智能问答 | 无障碍浏览 | …") before the title
    Case("openings-019", opening("019"), []),
    # real-openings/027: a breadcrumb ("当前位置: 首页>政府信息公开>…") before the title
    Case("openings-027", opening("027"), []),
)
def test_real_texts(case):
    assert_case(case, CODE)
