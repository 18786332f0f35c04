"""A002 web-residue: web-page chrome pasted with the report."""
from __future__ import annotations

import time

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file, corpus_line

CODE = "A002"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def positions(text: str):
    return [(d.code, d.line, d.column) for d in lint(text)]


def test_corpus_004_qr_code_line_after_section_six():
    result = lint_path(str(corpus_file("004")), Options(select=[CODE]))
    assert [(d.code, d.line, d.column, d.end_column) for d in result.diagnostics][1:] == [(CODE, 143, 1, 12)]
    diagnostic = result.diagnostics[1]
    assert diagnostic.name == "web-residue" and diagnostic.severity == "warning"
    assert diagnostic.message == "网页残留“扫一扫在手机打开当前页”：请删除"
    # The whole line is residue, so the safe fix deletes it (last line: no newline after it).
    assert diagnostic.fix["safe"] is True
    assert diagnostic.fix["edits"] == [{"line": 143, "column": 1, "end_line": 143, "end_column": 12,
                                        "replacement": ""}]


def test_corpus_004_the_pages_information_table_is_residue_without_a_fix():
    # Lines 1-5: [索引号] / [ 发布机构 ] / [ 发文日期 ] / [ 名 称 ] …: the web page's
    # own fields, not the report's. The title stands only in 名称, so nothing
    # deletes the block for the user: the message says to give the title its own line.
    text = "\n".join(corpus_line("004", n) for n in range(1, 6)) + "\n" + corpus_line("004", 143)
    first, widget = lint(text)
    # It points at the first label (the pipes, rule rows and line breaks differ between copies of a page).
    assert (first.line, first.column, first.end_line) == (1, 1, 1)
    assert first.message == "网页信息栏（索引号、主题分类、发布机构等 7 项）：不属于报告，请删除，标题单独写在正文前"
    assert first.fix is None
    assert (widget.line, widget.column) == (6, 1)


def test_a_crawlers_header_is_the_record_of_the_source_not_residue():
    text = ("标题: 海阳市卫生健康局2023年政府信息公开工作年度报告\n发布时间: 2024-01-29 10:12\n"
            "原文链接: https://www.haiyang.gov.cn/art/2024/1/29/art_1234_5678.html\n———— 正文 ————\n"
            "海阳市卫生健康局2023年政府信息公开工作年度报告\n一、总体情况\n2023年，我局……")
    assert lint(text) == []


@pytest.mark.parametrize("name, line, column, named", [
    # real-openings/009: "更新时间:2026-01-15 发布时间: |  来源:城乡工作办事处" under the widget line
    ("009", 4, 1, "更新时间、发布时间、来源"),
    # real-openings/019: "• 2022-01-24 09:05" / "• 来源: 武汉东湖新技术开发区教育局"
    ("019", 5, 5, "时间、来源"),
    # real-openings/027: lines 5-9, 发表日期 … 是否有效, colons or not
    ("027", 5, 1, "发表日期、发布机构、索引号等 9 项"),
])
def test_real_openings_page_information_runs(name, line, column, named):
    from helpers import CORPUS
    text = (CORPUS / "openings" / f"{name}.txt").read_text(encoding="utf-8")
    found = [d for d in lint(text) if d.message.startswith("网页信息栏")]
    assert [(d.line, d.column) for d in found] == [(line, column)]
    assert found[0].message == f"网页信息栏（{named}）：不属于报告，请删除"
    assert found[0].fix["safe"] is False        # the page's publication date goes with it


def test_the_027_run_is_one_finding_and_its_fix_deletes_whole_lines():
    from helpers import CORPUS
    text = (CORPUS / "openings" / "027.txt").read_text(encoding="utf-8")
    [run] = [d for d in lint(text) if d.message.startswith("网页信息栏")]
    assert (run.line, run.end_line, run.end_column) == (5, 9, 30)
    [edit] = run.fix["edits"]
    assert (edit["line"], edit["column"], edit["end_line"], edit["end_column"]) == (5, 1, 10, 1)


@pytest.mark.parametrize("text", [
    # one publication date under the title (real-openings/003, 029) is left alone
    "2022年上海市人民政府参事室政府信息公开工作年度报告\n发布日期:2023/01/18 11:34:01\n根据《条例》要求，现将……",
    "XX街道2023年政府信息公开工作年度报告\n发布日期:2024-01-12 11:44:13 文章来源:梅花村街\n一、总体情况",
    # prose that uses the words
    "XX局2023年政府信息公开工作年度报告\n本报告数据来源：我局政务公开台账，统计时间：2023年1月1日至12月31日。\n一、总体情况",
    "XX局2023年政府信息公开工作年度报告\n一、总体情况\n我局在政府网站公开索引号、发布机构、发文日期等信息。",
])
def test_single_dates_and_prose_about_fields_are_not_page_information(text):
    assert [d for d in lint(text) if d.message.startswith("网页信息栏")] == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_rest_of_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


@pytest.mark.parametrize("line", [
    "扫一扫在手机打开当前页",
    "扫一扫在手机上查看当前页面",
    "【打印本页】 【关闭窗口】",
    "打印本页　关闭窗口",
    "【打印】【关闭】",
    "字号：大 中 小",
    "【字体：大 中 小】",
    "分享到：微信 微博 QQ空间",
    "上一篇：榆阳区卫生健康局2019年政府信息公开工作年度报告",
    "下一篇：没有了",
    "返回顶部",
    "浏览次数：1234",
    "收藏本页",
    "用手机扫描二维码",
])
def test_whole_chrome_lines(line):
    text = "六、其他需要报告的事项\n无\n" + line + "\n"
    diagnostics = lint(text)
    assert [(d.code, d.line, d.column, d.end_column) for d in diagnostics] == [(CODE, 3, 1, 1 + len(line))]
    assert diagnostics[0].message == f"网页残留“{line}”：请删除"
    # The fix deletes the line and its newline.
    assert diagnostics[0].fix["safe"] is True
    assert diagnostics[0].fix["edits"] == [{"line": 3, "column": 1, "end_line": 4, "end_column": 1,
                                            "replacement": ""}]


def test_chrome_glued_to_prose_is_flagged_with_a_fix_that_removes_just_it():
    text = "六、其他需要报告的事项\n本年度无其他需要报告的事项。扫一扫在手机打开当前页"
    [diagnostic] = lint(text)
    assert (diagnostic.line, diagnostic.column, diagnostic.end_column) == (2, 15, 26)
    assert diagnostic.fix["safe"] is True
    assert diagnostic.fix["edits"] == [{"line": 2, "column": 15, "end_line": 2, "end_column": 26, "replacement": ""}]


def test_chrome_in_the_middle_of_a_run_together_page_is_flagged_to_its_last_character():
    text = "本年度无其他需要报告的事项。扫一扫在手机上查看当前页面 附件下载"
    found = lint(text)
    assert [text[d.start:d.end] for d in found] == ["扫一扫在手机上查看当前页面 附件下载"]


@pytest.mark.parametrize("bar", ["分享到：微信 微博 QQ空间", "分享至: 微信 QQ空间 新浪微博"])
def test_a_share_bar_with_its_label_in_a_run_together_page_is_one_finding(bar):
    text = "本年度无其他需要报告的事项。" + bar + " 附件下载 （一）主动公开情况。"
    found = lint(text)
    assert [text[d.start:d.end] for d in found] == [bar + " 附件下载"]
    assert found[0].fix["safe"] is True


def test_page_information_line():
    text = "发布时间：2021-01-26 来源：区卫健局 浏览次数：123 字号：大 中 小"
    fields, diagnostic = lint(text)
    assert (diagnostic.column, diagnostic.end_column) == (25, 42)
    assert diagnostic.message == "网页残留“浏览次数：123 字号：大 中 小”：请删除"
    # The page's own fields (发布时间, 来源) are a finding of their own, whose fix
    # is unsafe (govlint reads the publication date from them); the chrome's fix
    # removes the chrome only.
    assert (fields.column, fields.end_column) == (1, 5)        # the first label: the block opens the text
    assert fields.message == "网页信息栏（发布时间、来源）：不属于报告，请删除"
    assert fields.fix["safe"] is False
    assert diagnostic.fix["edits"] == [{"line": 1, "column": 24, "end_line": 1, "end_column": 42, "replacement": ""}]


@pytest.mark.parametrize("text", [
    corpus_line("001", 3),   # "…同时通过“健康喀左”微信公众号发布136条信息…"
    corpus_line("003", 88),  # "…办理结果全部在政府网站公开公示。"
    corpus_line("004", 142),  # "无"
    "将政策解读分享到微信朋友圈、政务微博，方便群众及时查阅。",
    "疫情期间临时关闭窗口服务，引导群众通过网上办理。",
    "上一篇报告中提出的问题均已整改到位。",
    "群众用手机扫描二维码即可查阅办事指南。",
    "全年政府网站访问量：123万人次，较上年增长12%。",
    "政务微博、微信",
    "（三）政府信息管理情况",
])
def test_prose_that_mentions_sharing_or_printing_stays_quiet(text):
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "政府信息公开" * 170000,
    "|" * 100000,
    "【" * 1000000,
    "分享到：" * 250000,
    "上一篇：" * 250000,
    "字号：大 中 " * 150000,
], ids=lambda text: f"{len(text)}:{text[:6]!r}")
def test_pathological_lines_stay_linear(text):
    started = time.monotonic()
    lint(text)
    assert time.monotonic() - started < 20
