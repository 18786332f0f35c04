"""L002 word-usage: 公文 wording slips on real lines, the right wording left alone."""
from __future__ import annotations

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import CORPUS, corpus_file, corpus_line

CODE = "L002"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def one(text: str):
    [diagnostic] = lint(text)
    return text[diagnostic.start:diagnostic.end], diagnostic.message, diagnostic.fix


def test_corpus_000_deadline_and_adverbial():
    result = lint_path(str(corpus_file("000")), Options(select=[CODE]))
    assert [(d.line, d.column) for d in result.diagnostics] == [(13, 1), (99, 90)]
    deadline, adverbial = result.diagnostics
    assert deadline.message.startswith("“截止2024年12月31日”：表示截到某一时间为止应写“截至”")
    assert deadline.fix["edits"][0]["replacement"] == "截至" and deadline.fix["safe"] is False
    assert adverbial.message == "“坚定不移的做好政府信息”：状语后应用“地”，不用“的”"
    assert adverbial.fix["edits"][0]["replacement"] == "地"


def test_corpus_003_self_contradicting_since():
    found, message, fix = one(corpus_line("003", 9))
    assert found == "自此" and message == "“自此之前”：“自此”意为从此，与“之前”矛盾，应为“在此之前”"
    assert fix["edits"][0]["replacement"] == "在此"


def test_opening_013_decree_number():
    line = (CORPUS / "openings" / "013.txt").read_text(encoding="utf-8").split("\n")[1]
    found, message, fix = one(line)
    assert message == "“国务院令711号”：令号应写作“国务院令第711号”"
    assert fix["edits"][0]["replacement"] == "第"


def test_opening_021_other_and_titles_in_a_row():
    result = lint_path(str(CORPUS / "openings" / "021.txt"), Options(select=[CODE]))
    assert [(d.line, d.message) for d in result.diagnostics] == [
        (2, "“其它”：公文统一写作“其他”"),
        (4, "“》、《”：并列的书名号之间通常不用顿号（GB/T 15834—2011），请删去“、”")]


@pytest.mark.parametrize("text, found, replacement", [
    ("截至2023年12月31日，主动公开政府信息222条。", None, None),
    ("截止到2024年12月31日，共收到申请3件。", None, None),
    ("申报截止日期为2024年3月31日。", None, None),
    ("报名工作于12月31日截止。", None, None),
    ("截止目前，已办结全部申请。", "截止", "截至"),
    ("感谢社会各界一如既往的支持。", None, None),          # a noun after 的
    ("扎扎实实的推进政务公开。", "的", "地"),
    ("信息公开工作做的很好。", "的", "得"),
    ("全年做的很多工作得到认可。", None, None),            # 做的 + a noun phrase
    ("根据《中华人民共和国政府信息公开条例》（国令第 711 号）要求编制。", None, None),
    ("在此之前的年份中，未收到申请。", None, None),
    ("严格落实《条例》《规定》要求。", None, None),
    ("落实“双随机”、“一公开”监管。", "、", ""),
    ("其他需要报告的事项。", None, None),
])
def test_lines(text, found, replacement):
    diagnostics = lint(text)
    if found is None:
        assert diagnostics == []
    else:
        [diagnostic] = diagnostics
        assert text[diagnostic.start:diagnostic.end] == found
        assert diagnostic.fix["edits"][0]["replacement"] == replacement


def test_tables_and_book_titles_are_not_checked():
    text = "二、主动公开政府信息情况\n信息内容\t其它\n《关于其它事项的通知》要求。\n"
    assert lint(text) == []


def test_deadline_quote_ends_with_its_clause():
    # The quote names the time point, not the next clause.
    found, message, _ = one("截止目前，已办结全部申请。")
    assert found == "截止"
    assert message.startswith("“截止目前”：")
