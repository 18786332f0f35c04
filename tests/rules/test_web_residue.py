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
    assert [(d.code, d.line, d.column, d.end_column) for d in result.diagnostics] == [(CODE, 143, 1, 12)]
    diagnostic = result.diagnostics[0]
    assert diagnostic.name == "web-residue" and diagnostic.severity == "warning"
    assert diagnostic.message == "网页残留“扫一扫在手机打开当前页”：请删除"
    # The whole line is residue, so the safe fix deletes it (last line: no newline after it).
    assert diagnostic.fix["safe"] is True
    assert diagnostic.fix["edits"] == [{"line": 143, "column": 1, "end_line": 143, "end_column": 12,
                                        "replacement": ""}]


def test_corpus_004_metadata_block_is_not_residue():
    # Lines 1-5: [索引号] / [ 发布机构 ] / [ 发文日期 ] / [ 名 称 ] …
    text = "\n".join(corpus_line("004", n) for n in range(1, 6)) + "\n" + corpus_line("004", 143)
    assert positions(text) == [(CODE, 6, 1)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_rest_of_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


@pytest.mark.parametrize("line", [
    "扫一扫在手机打开当前页",
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


def test_page_information_line():
    text = "发布时间：2021-01-26 来源：区卫健局 浏览次数：123 字号：大 中 小"
    [diagnostic] = lint(text)
    assert (diagnostic.column, diagnostic.end_column) == (25, 42)
    assert diagnostic.message == "网页残留“浏览次数：123 字号：大 中 小”：请删除"
    # The page's own fields (发布时间, 来源) are kept: the fix removes the chrome only.
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
