"""A report as a crawler delivers it: a header block, then the whole web page
on one line, chrome and all (issue: structure from the character stream).

The page is corpus report 003 run together (every tab and line break
removed) inside the chrome real government pages carry: a crawler's header,
a breadcrumb, the page's 来源 / 时间 fields, a share bar, a font-size widget
and an attachment bar. Everything the report itself says must be found as
in the original; the chrome must be found at its exact characters.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govlint.model.document import Document
from govlint.engine.lint import Options, lint_text
from govlint.model.periods import read_periods
from govlint.model.report import parse_report
from invariance import cells, difference, findings
from layouts import collapsed

ORIGINAL = (Path(__file__).resolve().parent.parent / "corpus" / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")
HEADER = ("标题: 海阳市卫生健康局2023年政府信息公开工作年度报告\n"
          "发布时间: {published} 10:12\n"
          "原文链接: https://www.haiyang.gov.cn/art/2024/1/29/art_1234_5678.html\n"
          "———— 正文 ————\n")
CRUMB = "当前位置： 首页 > 政务公开 > 年度报告"
SHARE = "微信 微博 QQ空间 字号：大 中 小"
BODY = collapsed(ORIGINAL)
TITLE = BODY[:BODY.index("一、总体情况")]


def page(published: str = "2024-01-29") -> str:
    body = BODY[len(TITLE):]
    return (HEADER.format(published=published) + f"{CRUMB} {TITLE} 来源：市卫生健康局 时间：{published} {SHARE} "
            + body + " 附件下载")


def test_structure_is_found_in_the_running_text():
    report = parse_report(Document("page.txt", page()))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert all(not s.heading.alone for s in report.sections)
    assert (report.title.agency, report.title.year) == ("海阳市卫生健康局", 2023)
    assert report.metadata_value("原文链接").value == "https://www.haiyang.gov.cn/art/2024/1/29/art_1234_5678.html"


@pytest.mark.parametrize("published, late", [("2024-01-29", False), ("2024-03-05", True)])
def test_the_header_date_is_the_publication_date(published, late):
    report = parse_report(Document("page.txt", page(published)))
    assert read_periods(report).published.date == date.fromisoformat(published)
    # A 局 is a department of the county-level government: due by 31 January.
    found = lint_text(page(published), config=Options(select=["P004"])).diagnostics
    assert bool(found) == late


@pytest.mark.parametrize("published, late", [("2024-01-29", False), ("2024-03-05", True)])
def test_the_page_fields_date_is_the_publication_date_without_a_crawler_header(published, late):
    # Copied from the page itself: no crawler header, only "来源：… 时间：…" after the title.
    text = page(published)
    text = text[text.index(CRUMB):]
    report = parse_report(Document("page.txt", text))
    assert report.metadata_value("发布时间") is None
    assert read_periods(report).published.date == date.fromisoformat(published)
    found = lint_text(text, config=Options(select=["P004"])).diagnostics
    assert bool(found) == late
    if late:
        assert text[found[0].start:found[0].end] == published


def test_the_chrome_is_web_residue_at_its_characters_and_nothing_else():
    text = page()
    found = lint_text(text, config=Options(select=["A002"])).diagnostics
    fields = f"来源：市卫生健康局 时间：{'2024-01-29'}"
    assert [text[d.start:d.end] for d in found] == [CRUMB, fields, SHARE, "附件下载"]
    # The page's own fields are residue too, but deleting them loses the
    # publication date govlint reads: that fix is unsafe and not applied here.
    assert [d.fix["safe"] for d in found] == [True, False, True, True]
    found = [d for d in found if d.fix["safe"]]
    # The fixes remove just the chrome: the page then reads like a clean copy.
    fixed = text
    for d in sorted(found, key=lambda d: -d.start):
        [edit] = d.fix["edits"]
        start = Document("t", text).offset(edit["line"], edit["column"])
        end = Document("t", text).offset(edit["end_line"], edit["end_column"])
        fixed = fixed[:start] + fixed[end:]
    assert CRUMB not in fixed and SHARE not in fixed and not fixed.endswith("附件下载")
    assert fixed.endswith("报告予以报告的事项。")
    assert TITLE.strip() + " " + fields + " 一、总体情况" in fixed


def test_everything_else_is_found_as_in_the_original():
    text = page()
    missing, extra = difference(findings(ORIGINAL), findings(text))
    assert not missing
    assert [e[0] for e in extra] == ["A002"] * 4, extra
    assert cells(text) == cells(ORIGINAL)


@pytest.mark.parametrize("text", [
    "（四）政府信息公开平台建设情况。我局通过政府网站、微信公众号、微博等渠道发布信息386条。",
    "依托“海阳卫健”微信公众号和政务微博，及时发布健康科普信息。",
    "本年度无其他需要报告的事项。附件：政府信息公开工作年度报告统计表",
    "在“相关链接”栏目下设置了部门网站链接。",
])
def test_prose_that_names_channels_is_not_residue(text):
    assert lint_text(text, config=Options(select=["A002"])).diagnostics == []


def test_a_breadcrumb_run_into_the_title_ends_where_the_title_begins():
    # real-openings/027 with its line breaks removed: "…>2023年>部门公开年报东街街道2023年度…".
    from helpers import CORPUS

    text = collapsed((CORPUS / "openings" / "027.txt").read_text(encoding="utf-8"))
    report = parse_report(Document("page.txt", text))
    assert (report.title.text, report.title.agency) == ("东街街道2023年度政府信息公开工作年度报告", "东街街道")
    crumb, fields = lint_text(text, config=Options(select=["A002"])).diagnostics
    assert text[crumb.start:crumb.end] == "当前位置: 首页>政府信息公开>政府信息公开年报>2023年>部门公开年报"
    # The page's fields after the title are one run, as on their five lines.
    assert text[fields.start:fields.end].startswith("发表日期:2024-01-26 15:35:23 发布机构")
    assert text[fields.start:fields.end].endswith("生成日期 2024-01-26 15:35:23 是否有效")


NAV = "首页 | 政务公开 | 互动交流 | 无障碍浏览"


def test_a_nav_bar_with_pipes_does_not_hide_the_report_on_its_line():
    # A site's nav bar keeps its "|" separators when the page runs together:
    # only its cells are not prose; the report on the same line is read whole.
    text = page().replace(CRUMB, NAV + " " + CRUMB, 1)
    missing, extra = difference(findings(ORIGINAL), findings(text))
    assert not missing
    assert {e[0] for e in extra} == {"A002"}, extra
    assert cells(text) == cells(ORIGINAL)


def test_a_real_page_run_together_keeps_its_prose_findings():
    # real-openings/019 starts with "智能问答   |   无障碍浏览   |   长者专区   |   ENGLISH";
    # its preface says "年度报告报告如下" (a doubled word): found on one line too.
    from helpers import CORPUS

    for layout in (lambda t: t, collapsed):
        text = layout((CORPUS / "openings" / "019.txt").read_text(encoding="utf-8"))
        found = lint_text(text, config=Options(select=["L001"])).diagnostics
        assert [text[d.start:d.end] for d in found] == ["报告报告"]
