"""A001 conversion-artifact: Word and HTML conversion leftovers."""
from __future__ import annotations

import time

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file, corpus_line

CODE = "A001"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def positions(text: str):
    return [(d.code, d.line, d.column) for d in lint(text)]


def test_corpus_002_bookmark_in_table_header():
    result = lint_path(str(corpus_file("002")), Options(select=[CODE]))
    assert [(d.code, d.line, d.column, d.end_column) for d in result.diagnostics] == [(CODE, 68, 2, 21)]
    diagnostic = result.diagnostics[0]
    assert diagnostic.name == "conversion-artifact"
    assert diagnostic.severity == "warning"
    assert diagnostic.message == "Word 书签残留“[bookmark: _GoBack]”：Word 的隐藏书签在转为文本时写了出来，请删除"
    assert diagnostic.fix["safe"] is True
    assert diagnostic.fix["edits"] == [{"line": 68, "column": 2, "end_line": 68, "end_column": 21,
                                        "replacement": ""}]


def test_corpus_line_68_alone():
    line = corpus_line("002", 68)
    assert line == "\t[bookmark: _GoBack]法人或其他组织"
    assert positions(line) == [(CODE, 1, 2)]


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_rest_of_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


@pytest.mark.parametrize("text, column, quoted", [
    ("目录\tTOC \\o \"1-3\" \\h \\z \\u 一、总体情况", 4, 'TOC \\o "1-3" \\h \\z \\u'),
    ("第 PAGE \\* MERGEFORMAT 3 页", 3, "PAGE \\* MERGEFORMAT"),
    ("共 NUMPAGES 8 页", 3, "NUMPAGES"),
    ("{ PAGE }", 1, "{ PAGE }"),
    ("详见区政府网站 HYPERLINK \"http://www.qj.gov.cn/\" 政府信息公开专栏。", 9,
     'HYPERLINK "http://www.qj.gov.cn/"'),
    ("具体数据见表 REF _Ref61234567 \\h 。", 8, "REF _Ref61234567 \\h"),
    ("MERGEFIELD 单位名称 \\* MERGEFORMAT2024年政府信息公开工作年度报告", 1, "MERGEFIELD 单位名称 \\* MERGEFORMAT"),
    ("[bookmark: _Toc31215]一、总体情况", 1, "[bookmark: _Toc31215]"),
])
def test_word_fields_and_bookmarks(text, column, quoted):
    diagnostics = lint(text)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [(CODE, 1, column)]
    assert f"“{quoted}”" in diagnostics[0].message
    assert diagnostics[0].message.endswith("请删除")
    assert diagnostics[0].fix["safe"] is True
    assert diagnostics[0].fix["edits"][0]["replacement"] == ""


@pytest.mark.parametrize("text, column, quoted", [
    ("一、总体情况\t错误！未定义书签。", 8, "错误！未定义书签。"),
    ("具体情况详见第错误!未找到引用源。部分。", 8, "错误!未找到引用源。"),
    ("二、主动公开政府信息情况\tError! Bookmark not defined.", 14, "Error! Bookmark not defined."),
    ("详见表Error! Reference source not found.", 4, "Error! Reference source not found."),
])
def test_word_error_texts(text, column, quoted):
    diagnostics = lint(text)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [(CODE, 1, column)]
    assert diagnostics[0].message.startswith(f"Word 域错误文字“{quoted}”：请删除")
    assert diagnostics[0].end_column == column + len(quoted)


def test_html_tags():
    text = "主动公开政府信息61条<br>，其中行政处罚61条<br />。</p>"
    diagnostics = lint(text)
    assert [(d.line, d.column, d.end_column) for d in diagnostics] == [(1, 12, 16), (1, 26, 32), (1, 33, 37)]
    assert diagnostics[0].message == "HTML 标签残留“<br>”：请删除"
    assert all(d.fix["edits"][0]["replacement"] == "" for d in diagnostics)


def test_upper_case_and_office_tags():
    text = "政府信息<BR>公开</TD><o:p></o:p>"
    assert positions(text) == [(CODE, 1, 5), (CODE, 1, 11), (CODE, 1, 16), (CODE, 1, 21)]


def test_html_span_td_and_comment():
    text = '<span style="font-size:16px">本年度未收取信息处理费。</span>\n<td>行政许可</td>\n<!--[if !supportLists]-->1.建立考核通报制度。'
    assert positions(text) == [(CODE, 1, 1), (CODE, 1, 42), (CODE, 2, 1), (CODE, 2, 9), (CODE, 3, 1)]
    assert lint(text)[-1].message == "HTML 注释残留“<!--[if !supportLists]-->”：请删除"


def test_html_entities_are_replaced_by_what_they_stand_for():
    text = "政府信息&nbsp;公开&amp;政务&lt;条例&gt;&#160;&#x3000;正文"
    diagnostics = lint(text)
    assert [(d.column, d.fix["edits"][0]["replacement"]) for d in diagnostics] == [
        (5, " "), (13, "&"), (20, "<"), (26, ">"), (30, " "), (36, "\u3000")]
    assert diagnostics[0].message == "HTML 实体残留“&nbsp;”：请替换为空格"
    assert diagnostics[1].message == "HTML 实体残留“&amp;”：请替换为“&”"
    assert all(d.fix["safe"] for d in diagnostics)


def test_fixes_never_change_numbers():
    # Deleting <br> between two digits would turn 1 and 2 into 12.
    [diagnostic] = lint("行政许可1<br>2")
    assert diagnostic.column == 6 and diagnostic.fix is None
    # A numeric character reference for a digit is not fixed silently.
    [diagnostic] = lint("共收到申请&#49;件")
    assert diagnostic.fix["safe"] is False


@pytest.mark.parametrize("text", [
    corpus_line("004", 1),   # "[索引号] | 11610802016083285C/2021-03211 | [ 主题分类 ] | 其他 |"
    corpus_line("004", 2),   # "---|---|---|---|"
    corpus_line("004", 4),   # "[ 效力状态 ] | 有效 | [ 文 号 ] | |"
    corpus_line("001", 1),   # 《条例》 and (以下简称…)
    "按照《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。",
    "三、收到和处理政府信息公开申请情况 | |||||||",
    "若a<b and c>d，则不成立。",
    "PAGE 3 of the REF manual, TOC, DATE",
    "&foo; 与 & 符号",
])
def test_lines_that_are_not_artifacts(text):
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "政府信息公开" * 170000,
    "|" * 100000,
    "<!--" * 250000,
    "<b " * 300000,
    "&a" * 500000,
    "{ PAGE " * 150000,
    "[bookmark: " * 100000,
    "TOC" + " \\h" * 300000,
], ids=lambda text: f"{len(text)}:{text[:6]!r}")
def test_pathological_lines_stay_linear(text):
    started = time.monotonic()
    lint(text)
    assert time.monotonic() - started < 20


MARKDOWN_REPORT = ("某局2023年政府信息公开工作年度报告\n## 一、总体情况\n2023年，我局加强政务公开。\n"
                   "**二、主动公开政府信息情况**\n无。\n")


@pytest.mark.parametrize("layout", ["lines", "collapsed"])
def test_markdown_heading_and_bold_markers(layout):
    text = MARKDOWN_REPORT if layout == "lines" else MARKDOWN_REPORT.replace("\n", "")
    found = lint_text(text, config=Options(select=[CODE])).diagnostics
    assert [text[d.start:d.end] for d in found] == ["## ", "**二、主动公开政府信息情况**"]
    # the fix removes the markers and keeps the words
    bold = found[1].fix["edits"]
    assert [e["replacement"] for e in bold] == ["", ""] and len(bold) == 2


@pytest.mark.parametrize("text", [
    "本报告第#1条意见已整改。",
    "公式 a**b 的计算结果。",
    "编号为#20230001的申请已办结。",
])
def test_hash_and_stars_in_prose_are_not_markdown(text):
    assert lint_text(text, config=Options(select=[CODE])).diagnostics == []


def test_scan_leaves_out_the_kinds_a_text_cannot_hold():
    # corpus/002 holds a bookmark and no other kind's characters: the scan
    # is the bookmark part alone, and finds what the whole pattern finds.
    from govlint.rules import conversion_artifact as rule

    text = corpus_file("002").read_text(encoding="utf-8")
    present = tuple(any(t in text for t in strings) for _, strings in rule._PARTS)
    assert present == (True, False, False, False, False, False)
    assert rule._pattern(present).pattern == rule._BOOKMARK
    assert ([m.span() for m in rule._pattern(present).finditer(text)]
            == [m.span() for m in rule.PATTERN.finditer(text)] != [])


def test_every_kind_found_when_a_text_holds_several():
    # The same report with an entity, a tag, a field, a Word error text and
    # Markdown marks added: each part is kept, and the findings are the
    # whole pattern's.
    from govlint.rules import conversion_artifact as rule

    lines = corpus_file("002").read_text(encoding="utf-8").split("\n")
    lines[3] += "&nbsp;<br>{ PAGE \\* MERGEFORMAT }错误！未定义书签。"
    lines[5] = "## " + lines[5]
    text = "\n".join(lines)
    present = tuple(any(t in text for t in strings) for _, strings in rule._PARTS)
    assert all(present) and rule._pattern(present) is rule.PATTERN
    assert sorted(d.line for d in lint(text)) == [4, 4, 4, 4, 6, 68]
