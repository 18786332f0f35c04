"""P005 outdated-format, P006 mixed-format and P007 format-citation: the
tables follow the format in force for the report's year, one format only,
and the format document is cited by its right number."""
from __future__ import annotations

from helpers import Case, assert_case, at, cases, corpus_file, diagnostics, opening, run


def test_outdated_format(corpus_text):
    text = corpus_text("000").replace("2024", "2020")
    found = diagnostics(text, "P005")
    assert [(d.line, d.column) for d in found] == [at(text, "本年制发件数")]
    assert run(corpus_text("004"), "P005") == []            # 2019 format for 2020 is right


def test_mixed_format(corpus_text):
    text = corpus_text("003").replace("本年废止件数", "上一年项目数量")
    found = diagnostics(text, "P006")
    assert [(d.line, d.column) for d in found] == [at(text, "上一年项目数量")]
    assert found[0].related


def test_format_citation(corpus_text):
    text = corpus_text("001").replace("规定编制本报告", "规定，按照国办发〔2021〕30号文件要求编制本报告")
    found = diagnostics(text, "P007")
    assert [(d.line, d.column) for d in found] == [at(text, "国办发〔2021〕30号")]
    assert found[0].fix["edits"][0]["replacement"] == "国办公开办函〔2021〕30号"
    right = corpus_text("001").replace("规定编制本报告", "规定，按照国办公开办函【2021】30号文件要求编制本报告")
    assert run(right, "P007") == []
    notice = corpus_text("001").replace(
        "规定编制本报告", "规定和《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕30号）编制本报告")
    assert run(notice, "P007") == [("P007",) + at(notice, "国办公开办函〔2021〕30号")]


@cases(
    # real-openings/011 (粤汉街道, 2023): the introduction lists the 2008 outline's parts
    # ("…政府信息公开的收费及减免情况…") and the report has no 总体情况 and no tables
    Case("openings-011", opening("011"), [("P005", 6, 53, "报告沿用 2019 年以前的结构（有“收费及减免”部分，没有总体情况和统计表）："
                                                            "应按现行格式的六个部分撰写并填写统计表")]),
    # real-openings/009 (2025): table 二 in the 2021 format ("本年制发件数")
    Case("openings-009", opening("009"), []),
    # real-openings/025 (2023): "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数"
    Case("openings-025", opening("025"), []),
    # corpus 004 (2020): the 2019 format, right for its year
    Case("corpus-004", corpus_file("004").read_text(encoding="utf-8"), []),
)
def test_outdated_format_on_real_reports(case):
    assert_case(case, "P005")


@cases(
    # corpus 002 and 003: one format, the 2021 one, throughout
    Case("corpus-002", corpus_file("002").read_text(encoding="utf-8"), []),
    Case("corpus-003", corpus_file("003").read_text(encoding="utf-8"), []),
    # corpus 004: one format, the 2019 one
    Case("corpus-004", corpus_file("004").read_text(encoding="utf-8"), []),
)
def test_one_format_in_real_reports(case):
    assert_case(case, "P006")


@cases(
    # real-openings/001: "…(以下简称《规定》)的要求编制" cites no format document
    Case("openings-001", opening("001"), []),
    # real-openings/021: "本报告是根据《中华人民共和国政府信息公开条例》…要求，由怀远县公安局编制"
    Case("openings-021", opening("021"), []),
    # corpus 001 line 1: "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定编制本报告。"
    Case("corpus-001", corpus_file("001").read_text(encoding="utf-8"), []),
)
def test_real_reports_that_cite_no_format_number(case):
    assert_case(case, "P007")
