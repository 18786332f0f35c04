"""C003 missing-overview-topic: 一、总体情况 speaks of the five aspects the
2021 format names, in the words real reports use for them."""
from __future__ import annotations

from helpers import Case, assert_case, cases, corpus_file, diagnostics, opening, run

CODE = "C003"


def message(topic: str) -> str:
    return f"总体情况没有提到“{topic}”：格式要求总体情况涵盖主动公开、依申请公开、政府信息管理、平台建设和监督保障"


def test_missing_overview_topics(corpus_text):
    found = diagnostics(corpus_text("004"), "C003")
    assert sorted(d.message.split("“")[1].split("”")[0] for d in found) == sorted(["主动公开", "依申请公开", "政府信息管理", "平台建设"])
    assert {(d.line, d.column, d.severity) for d in found} == {(7, 1, "info")}
    for name in ("000", "001", "002", "003"):
        assert run(corpus_text(name), "C003") == []


def test_a_paragraph_removed_from_a_real_overview(corpus_text):
    # corpus 003 line 9: "（二）依申请公开情况。2023 年度，我局并未收到任何依申请公开的信息。…"
    text = corpus_text("003")
    lines = text.split("\n")
    assert lines[8].startswith("（二）依申请公开情况。")
    del lines[8]
    assert run("\n".join(lines), CODE) == [(CODE, 5, 1)]
    assert [d.message for d in diagnostics("\n".join(lines), CODE)] == [message("依申请公开")]


@cases(
    # real-openings/015 lines 2-4: a complete 一、总体情况 that says nothing of 政府信息管理 or
    # 监督保障; "保障人民群众的知情权、参与权和监督权" is the citizens' right, not oversight
    Case("openings-015", opening("015"), [(CODE, 2, 1, message("政府信息管理")), (CODE, 2, 1, message("监督保障"))]),
    # corpus 000 lines 7-21: no sub-heading reads 监督保障; 监督考核 / 社会评议 / 责任追究
    # are how it speaks of it
    Case("corpus-000", corpus_file("000").read_text(encoding="utf-8"), []),
    # real-openings/029 (梅花村街道): 一 speaks of every aspect under its own words
    Case("openings-029", opening("029"), []),
)
def test_real_texts(case):
    assert_case(case, CODE)


def test_the_words_that_cover_an_aspect_are_not_its_name(corpus_text):
    text = corpus_text("000")
    overview = text[text.index("一、总体情况"):text.index("二、主动公开政府信息情况")]
    assert "监督保障" not in overview
    assert "监督考核" in overview and "社会评议" in overview


def test_no_overview_section_no_finding():
    # real-openings/017: the content of 一 follows the introduction with no heading
    # (missing-section says so); this rule has no section to read.
    assert run(opening("017"), CODE) == []
