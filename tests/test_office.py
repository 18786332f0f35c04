"""The office view: `govlint --format html -o summary.html reports/`.

A folder made from corpus/ (tests/office_folder.py) is linted once to JSON
and once to the summary page. The page is checked as text (self-contained,
every report there once, report text escaped), then used as a person uses
it, in headless Chromium (tests/browser.py): the rows, sorting by a click
on a column header, the filters, a report's part with its highlighted
spans and table grids, the cross-year link. Screenshots are saved in
test-artifacts/office/ ($GOVLINT_ARTIFACTS moves it) for a person to look at.
"""
from __future__ import annotations

import html
import json
import os
import re
import time
from collections import Counter
from pathlib import Path

import pytest

import office_folder as folder_
from browser import Browser, find_chromium
from workflow import ROOT, govlint

from govlint.output.html_report import IDENTITY_CODES, report_id

ARTIFACTS = Path(os.environ.get("GOVLINT_ARTIFACTS") or ROOT / "test-artifacts") / "office"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    base = tmp_path_factory.mktemp("office")
    names = folder_.build(base / "reports")
    linted = govlint("--format", "json", "reports", cwd=base)
    assert linted.code == 2, linted.err            # two files cannot be read
    page = govlint("--format", "html", "-o", "summary.html", "reports", cwd=base)
    assert page.code == 2 and page.out == "", (page.out, page.err)
    files = {f["path"]: f for f in linted.json()["files"]}
    assert len(files) == len(names)
    return base, files, (base / "summary.html").read_text(encoding="utf-8")


def _parts(page: str) -> dict[str, str]:
    return dict(re.findall(r'<script type="text/x-govlint-report" id="d-(r[0-9a-f]{12})">(.*?)</script>', page, re.S))


# --------------------------------------------------------------------------
# The page as a file

def test_page_is_self_contained(office):
    _, _, page = office
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page and '<meta charset="utf-8">' in page
    # Report text is escaped, so every "<" in the file opens one of the page's own tags.
    tags = re.findall(r"<[^>]*>", page)
    names = Counter(re.match(r"</?([a-zA-Z0-9-]+|!DOCTYPE)", t).group(1).lower() for t in tags)
    assert not {"link", "img", "iframe", "object", "embed", "base", "form"} & set(names), names
    for tag in tags:
        assert not re.search(r"\s(?:src|srcset|action|formaction)\s*=", tag), tag
        for href in re.findall(r'\shref="([^"]*)"', tag):
            assert href.startswith("#"), tag
    css = "".join(re.findall(r"<style>(.*?)</style>", page, re.S))
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert names["svg"] == 2                      # the chart, inline (opened and closed)


def test_every_file_has_one_row_and_one_part(office):
    _, files, page = office
    rows = re.findall(r'<tr class="rep" data-id="(r[0-9a-f]{12})"', page)
    parts = _parts(page)
    assert sorted(rows) == sorted(report_id(p) for p in files) == sorted(parts)
    for path, result in files.items():
        part = parts[report_id(path)]
        findings = re.findall(r'<li id="r[0-9a-f]{12}-f\d+" class="sev-(\w+)">', part)
        assert Counter(findings) == Counter(d["severity"] for d in result["diagnostics"]), path


def test_report_text_is_escaped(office):
    _, _, page = office
    agency, text = folder_.INJECTED_AGENCY, folder_.INJECTED_TEXT
    assert agency not in page and text not in page
    assert "前进区&lt;script&gt;&quot;卫&amp;生&lt;/script&gt;局" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;" in page
    # The only script elements are the parts and the page's own script.
    assert page.count("<script") == len(_parts(page)) + 1
    for part in _parts(page).values():
        assert "</script" not in part.lower() and "<!--" not in part


def test_overview_counts(office):
    _, files, page = office
    unreadable = [p for p, f in files.items() if any(d["code"].startswith("E0") for d in f["diagnostics"])]
    with_errors = [p for p, f in files.items() if p not in unreadable
                   and any(d["severity"] == "error" for d in f["diagnostics"])]
    card = dict(re.findall(r'<div class="label">(.*?)</div><div class="value">(.*?)<small>', page))
    assert card["检查的文件"] == str(len(files))
    assert card["无法读取的文件"] == str(len(unreadable)) == "2"
    assert card["有错误的报告"] == str(len(with_errors))
    broken = [p for p, f in files.items() if any(d["code"] in IDENTITY_CODES for d in f["diagnostics"])]
    assert sorted(broken) == sorted(f"reports/{n}" for n in (folder_.BROKEN, folder_.PDF_TEXT, "pdf/001.pdf"))
    assert re.search(r"\d+ / \d+ 份读到表三或表四的报告", page)


def test_facts_of_a_report():
    """Agency, year, who publishes it and by when, and the cells each
    identity finding is about, read from the report itself."""
    from govlint.engine.lint import lint_bytes

    path = ROOT / "corpus" / "pdf-text" / "001.txt"
    result = lint_bytes(path.read_bytes(), str(path), facts=True)
    facts = result.facts
    assert (facts["agency"], facts["year"], facts["publisher"], facts["deadline"]) == (
        "洪泽区人民政府", 2023, "government", "2024-03-31")
    assert facts["format"] == facts["read_as"] == "2021"
    assert facts["tables"]["四"]["|rev|total"][:2] == ["number", 0]
    identity = [d.fingerprint for d in result.diagnostics if d.code == "T104"]
    assert [facts["cells"][f]["四"] for f in identity] == [
        ["|rev|total", "|rev|upheld", "|rev|corrected", "|rev|other", "|rev|pending"],
        ["|lit_after_rev|total", "|lit_after_rev|upheld", "|lit_after_rev|corrected", "|lit_after_rev|other",
         "|lit_after_rev|pending"]]
    assert len(facts["excerpts"]) == len(result.diagnostics)
    for d in result.diagnostics:
        assert facts["excerpts"][d.fingerprint][1] == result.text[d.start:d.end]


def test_places_in_word_pdf_and_web_files_are_in_chinese(office):
    """Each finding of a .docx, PDF or web page says where it is in that
    file, in Chinese, with the numbers the JSON output gives."""
    from govlint.reading.locations import describe

    _, files, page = office
    parts = _parts(page)
    checked = set()
    for path, result in files.items():
        fmt = result.get("format")
        if fmt not in ("docx", "pdf", "html"):
            continue
        shown = [html.unescape(s) for s in re.findall(r'<span class="loc">(.*?)</span>', parts[report_id(path)])]
        assert len(shown) == len(result["diagnostics"]) > 0, path
        for where, d in zip(shown, result["diagnostics"]):
            assert not re.search(r"[A-Za-z]", where), where
            assert where.endswith(f"（文本第 {d['line']} 行第 {d['column']} 列）"), where
            if d.get("original"):
                in_file = where[:where.index("（文本")]
                assert re.findall(r"\d+", in_file) == re.findall(r"\d+", describe(d["original"], fmt)), (where, d)
                checked.add(fmt)
    assert checked == {"docx", "pdf", "html"}


def test_a_report_on_standard_input_has_its_facts(tmp_path):
    """`… | govlint --format html -o summary.html -`: the row names the
    agency and year as for the same report read from a file."""
    report = ROOT / "corpus" / "002_b70717b772d0d9c9.txt"
    run = govlint("--format", "html", "--stdin-filename", "报告.txt", "-o", tmp_path / "in.html", "-",
                  stdin=report.read_bytes())
    assert run.code == 1, run.err
    row = re.search(r'<tr class="rep" data-id="r[0-9a-f]{12}" data-agency="([^"]*)" data-year="([^"]*)" '
                    r'data-kind="([^"]*)"', (tmp_path / "in.html").read_text(encoding="utf-8"))
    assert row.groups() == ("前进区卫生健康局", "2024", "department")


def test_every_built_in_rule_has_a_chinese_title():
    """The chart, the rule filter and the findings name each rule in
    Chinese; a rule added without a title would show its English name."""
    from govlint.engine.registry import load_rules
    from govlint.output.html_report import RULE_TITLES

    built_in = [r.code for r in load_rules().rules if r.origin.startswith("govlint.")]
    assert len(built_in) > 40
    assert [code for code in built_in if code not in RULE_TITLES] == []
    assert all(re.search(r"[\u4e00-\u9fff]", RULE_TITLES[code]) for code in built_in)


# --------------------------------------------------------------------------
# In a browser

chromium = pytest.mark.skipif(find_chromium() is None,
                              reason="Chromium is not installed (.ci/run installs it: apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    with Browser() as running:
        yield running


@pytest.fixture
def page(office, browser):
    base, _, _ = office
    opened = browser.open((base / "summary.html").as_uri())
    yield opened
    assert not opened.exceptions(), opened.exceptions()[:1]
    opened.close()


def visible_rows(page) -> list[dict]:
    return page.evaluate("""[...document.querySelectorAll('#list tbody tr')].map(r => r.classList.contains('grp')
        ? {group: r.textContent} : {path: r.cells[0].querySelector('a').textContent, agency: r.cells[1].textContent,
           year: r.cells[2].textContent, errors: r.cells[6].textContent,
           badges: [...r.querySelectorAll('.badge')].map(b => b.textContent)})""")


def shoot(page, name: str, **options) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    page.screenshot(str(target), **options)
    assert target.stat().st_size > 10_000          # a picture, not an empty page
    return target


def wait_for(page, expression: str, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(f"(function(){{var v = ({expression}); return v instanceof Node ? true : v}})()")
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"never true: {expression}")


@chromium
def test_rows_grouped_by_agency(office, page):
    _, files, _ = office
    rows = visible_rows(page)
    reports = [r for r in rows if "path" in r]
    assert sorted(r["path"] for r in reports) == sorted(files)
    groups = [r["group"] for r in rows if "group" in r]
    # The folder holds two years of 前进区卫生健康局: rows are grouped by agency.
    assert any(g.startswith("前进区卫生健康局 · 2 份报告 · 2023–2024 年") for g in groups), groups
    for path, result in files.items():
        row = next(r for r in reports if r["path"] == path)
        assert row["errors"] == str(sum(d["severity"] == "error" for d in result["diagnostics"]) or "")
    this_year = next(r for r in reports if r["path"].endswith(folder_.THIS_YEAR))
    assert (this_year["agency"], this_year["year"], this_year["badges"]) == ("前进区卫生健康局", "2024", ["照搬上年"])
    broken = next(r for r in reports if r["path"].endswith(folder_.BROKEN))
    assert broken["badges"] == ["表格不平"]
    assert all(r["badges"] == ["无法读取"] for r in reports if r["path"].startswith("reports/bad/"))
    shoot(page, "summary.png", full_page=True)


@chromium
def test_sorting_by_a_column_click(office, page):
    page.click("#f-group")                      # one list, not grouped
    assert page.evaluate("document.querySelectorAll('#list tr.grp').length") == 0
    page.click("#list thead th[data-key=year]")
    years = [r["year"] for r in visible_rows(page)]
    filled = [y for y in years if y]
    assert filled == sorted(filled) and years[len(filled):] == [""] * (len(years) - len(filled))
    assert page.evaluate("document.querySelector('#list th[data-key=year]').getAttribute('aria-sort')") == "ascending"
    page.click("#list thead th[data-key=year]")
    years = [r["year"] for r in visible_rows(page) if r["year"]]
    assert years == sorted(years, reverse=True) and years[0] != years[-1]
    page.click("#list thead th[data-key=error]")     # counts: most first
    errors = [int(r["errors"] or 0) for r in visible_rows(page)]
    assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]
    page.click("#list thead th[data-key=agency]")
    agencies = [r["agency"] for r in visible_rows(page) if r["agency"]]
    in_order = page.evaluate(f"{json.dumps(agencies)}.slice().sort((a, b) => a.localeCompare(b, 'zh-CN'))")
    assert agencies == in_order and agencies[0] != agencies[-1]
    shoot(page, "sorted-by-agency.png")


@chromium
def test_filters(office, page):
    _, files, _ = office
    page.click("button[data-badge=tables]")
    shown = [r["path"] for r in visible_rows(page) if "path" in r]
    assert sorted(shown) == sorted(p for p, f in files.items() if any(d["code"] in IDENTITY_CODES
                                                                      for d in f["diagnostics"]))
    page.click("button[data-badge=tables]")           # again: off
    assert len([r for r in visible_rows(page) if "path" in r]) == len(files)
    page.click("svg.chart .bar[data-code=S002] rect")      # a bar of the chart: the reports with that problem
    shown = [r["path"] for r in visible_rows(page) if "path" in r]
    assert sorted(shown) == sorted(p for p, f in files.items() if any(d["code"] == "S002" for d in f["diagnostics"]))
    page.evaluate("document.getElementById('f-reset').click()")
    page.evaluate("(function(q){q.value='海阳';q.dispatchEvent(new Event('input'))})(document.getElementById('q'))")
    assert {r["agency"] for r in visible_rows(page) if "path" in r} == {"海阳市卫生健康局"}


@chromium
def test_a_report_with_broken_identities(office, page):
    base, files, _ = office
    path = f"reports/{folder_.PDF_TEXT}"
    result = files[path]
    page.click(f'#list tr[data-id={report_id(path)}] td.file a')
    wait_for(page, f"document.querySelector('#detail #{report_id(path)}')")
    findings = page.evaluate("[...document.querySelectorAll('#detail ol.findings > li')].map(li => "
                             "[li.querySelector('.code').textContent.split(' ')[0], li.querySelector('.msg').textContent,"
                             " (li.querySelector('mark')||{}).textContent])")
    assert [f[:2] for f in findings] == [[d["code"], d["message"]] for d in result["diagnostics"]]
    # Each highlighted span is the text the finding is about.
    lines = (base / path).read_text(encoding="utf-8").split("\n")
    for (code, _, marked), d in zip(findings, result["diagnostics"]):
        if d["line"] == d["end_line"]:
            assert marked == lines[d["line"] - 1][d["column"] - 1:d["end_column"] - 1], (code, marked)
    # Tables as the official grids: 表四 has its 15 cells; both broken groups are marked on all their cells.
    grids = page.evaluate("[...document.querySelectorAll('#detail table.grid')].map(t => t.caption.textContent)")
    assert grids == ["表二", "表三", "表四"]
    cells = page.evaluate("[...document.querySelectorAll('#detail table.g4 tr:last-child td')].map(td => "
                          "[td.firstChild ? td.firstChild.textContent : '', td.className])")
    assert len(cells) == 15
    assert [c[1] for c in cells] == ["c-bad"] * 5 + [""] * 5 + ["c-bad"] * 5
    assert [c[0] for c in cells[:5]] == ["10", "1", "0", "0", "0"]
    t3 = page.evaluate("document.querySelectorAll('#detail table.g3 td').length")
    assert t3 == 25 * 7          # 2021 format: 25 data rows of 7 columns (rows not read are drawn, marked)
    missing = page.evaluate("document.querySelectorAll('#detail table.g3 td.c-missing').length")
    assert missing == 3 * 7      # （六） written the 2019 way: its three 2021 rows are not in the report
    page.click("#detail a[href$='-t4']")
    shoot(page, "report-table4.png")
    page.evaluate(f"location.hash = '#{report_id(path)}'")
    shoot(page, "report.png")


@chromium
def test_blank_and_unreadable_cells_are_marked(office, page):
    path = "reports/001_0ab517357debe96d.txt"        # table 二: two blank 现行有效件数
    page.evaluate(f"location.hash = '#{report_id(path)}'")
    wait_for(page, f"document.querySelector('#detail #{report_id(path)}')")
    blank = page.evaluate("[...document.querySelectorAll('#detail table.g2 td.c-blank')].map(td => "
                          "[td.closest('tr').cells[0].textContent, td.textContent])")
    assert blank == [["规章", "空"], ["行政规范性文件", "空"]]
    path = "reports/004_0d1ba4bae486ea5e.txt"        # table 四: one "0 |" where 15 cells belong (T002)
    page.evaluate(f"location.hash = '#{report_id(path)}'")
    wait_for(page, f"document.querySelector('#detail #{report_id(path)}')")
    unread = page.evaluate("[...document.querySelectorAll('#detail table.g4 td')].map(td => "
                           "[td.className, td.textContent, td.title])")
    assert len(unread) == 15 and all(c[:2] == ["c-unread", "?"] and c[2].startswith("无法读取") for c in unread)


@chromium
def test_cross_year_link(office, page):
    this_year = f"reports/{folder_.THIS_YEAR}"
    last_year = f"reports/{folder_.LAST_YEAR}"
    page.evaluate(f"location.hash = '#{report_id(this_year)}'")
    wait_for(page, f"document.querySelector('#detail #{report_id(this_year)}')")
    x003 = page.evaluate("[...document.querySelectorAll('#detail ol.findings > li')]"
                         ".filter(li => li.querySelector('.code').textContent.startsWith('X003')).length")
    assert x003 == 3
    page.click("#detail ol.findings li.sev-warning a.prev")
    wait_for(page, f"document.querySelector('#detail #{report_id(last_year)}')")
    assert page.evaluate("document.querySelector('#detail h2').textContent") == "前进区卫生健康局 2023年"
    # and back: last year's report names the next one
    assert page.evaluate("document.querySelector('#detail dl.facts a.prev').textContent") == this_year


@chromium
def test_hostile_report_text_stays_text(office, page):
    path = f"reports/{folder_.HOSTILE}"
    page.evaluate(f"location.hash = '#{report_id(path)}'")
    wait_for(page, f"document.querySelector('#detail #{report_id(path)}')")
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#detail img, #detail script, #detail b').length") == 0
    assert page.evaluate("document.querySelector('#detail h2').textContent") == folder_.INJECTED_AGENCY + " 2024年"
    row = page.evaluate(f"document.querySelector('#list tr[data-id={report_id(path)}]').cells[1].textContent")
    assert row == folder_.INJECTED_AGENCY
    assert folder_.INJECTED_TEXT in page.evaluate("document.querySelector('#detail').textContent")


@chromium
def test_no_request_leaves_the_page(office, browser):
    base, _, _ = office
    page = browser.open("about:blank")
    page.call("Network.enable")
    browser.events.clear()
    page.navigate((base / "summary.html").as_uri())
    page.evaluate(f"location.hash = '#{report_id('reports/' + folder_.HOSTILE)}'")
    time.sleep(0.3)
    urls = [e["params"]["request"]["url"] for e in browser.events if e["method"] == "Network.requestWillBeSent"]
    assert urls and all(u.startswith("file://") for u in urls), urls


@chromium
def test_one_report_opens_at_once(tmp_path, browser):
    report = ROOT / "corpus" / "002_b70717b772d0d9c9.txt"
    run = govlint("--format", "html", "-o", tmp_path / "one.html", report)
    assert run.code == 1
    page = browser.open((tmp_path / "one.html").as_uri())
    wait_for(page, "document.querySelector('#detail article.report')")
    assert page.evaluate("document.querySelector('#detail h2').textContent") == "前进区卫生健康局 2024年"
    assert page.evaluate("document.querySelectorAll('#detail ol.findings > li').length") == 8
    marks = page.evaluate("[...document.querySelectorAll('#detail mark')].map(m => m.textContent)")
    assert marks == ["(", ",", "准确信", "完整行", ",", "2、", "3、", "[bookmark: _GoBack]"]


@chromium
def test_many_reports_are_paginated(tmp_path, browser):
    """2,500 reports (one real report's result, many paths): one page of
    100 rows in the document, the pager, and sorting across all of them."""
    from govlint.engine.lint import lint_bytes
    from govlint.output.html_report import Entry, render_page

    report = ROOT / "corpus" / "003_931eb61caecda62d.txt"
    result = lint_bytes(report.read_bytes(), str(report), facts=True)
    entries = []
    for i in range(2500):
        result.path = f"reports/{i:05d}.txt"
        result.facts["year"] = 2019 + i % 7
        entries.append(Entry(result))
    (tmp_path / "many.html").write_text(render_page(entries, "汇总"), encoding="utf-8")
    page = browser.open((tmp_path / "many.html").as_uri())
    assert page.evaluate("document.querySelectorAll('#list tbody tr.rep').length") == 100
    assert page.evaluate("document.getElementById('pageinfo').textContent") == "第 1–100 份，共 2500 份，第 1/25 页"
    first_page = {r["path"] for r in visible_rows(page) if "path" in r}
    page.click("#next")
    second_page = {r["path"] for r in visible_rows(page) if "path" in r}
    assert len(second_page) == 100 and not first_page & second_page
    assert page.evaluate("document.getElementById('pageinfo').textContent") == "第 101–200 份，共 2500 份，第 2/25 页"
    page.click("#list thead th[data-key=year]")
    page.click("#list thead th[data-key=year]")
    first = visible_rows(page)
    assert {r["year"] for r in first if "path" in r} == {"2025"} and page.evaluate("document.getElementById('pageinfo')"
                                                                    ".textContent").startswith("第 1–100 份")
    fcp = wait_for(page, "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
    assert fcp > 0


@chromium
def test_findings_a_baseline_leaves_keep_their_text_and_cells(tmp_path, browser):
    """With --baseline some findings drop out; the rest keep their excerpt
    and their cells (they are matched by fingerprint, not by position)."""
    report = tmp_path / "001.txt"
    report.write_bytes((ROOT / "corpus" / "pdf-text" / "001.txt").read_bytes())
    recorded = govlint("--select", "C006,T201", "--write-baseline", tmp_path / "baseline.json", report)
    assert recorded.code == 0, recorded.err
    run = govlint("--format", "html", "--baseline", tmp_path / "baseline.json", "-o", tmp_path / "b.html", report)
    assert run.code == 1, run.err
    page = browser.open((tmp_path / "b.html").as_uri())
    wait_for(page, "document.querySelector('#detail article.report')")
    codes = page.evaluate("[...document.querySelectorAll('#detail ol.findings > li .code')]"
                          ".map(c => c.textContent.split(' ')[0])")
    assert "C006" not in codes and "T201" not in codes and codes.count("T104") == 2
    t104 = [i + 1 for i, c in enumerate(codes) if c == "T104"]
    marks = page.evaluate("[...document.querySelectorAll('#detail ol.findings > li')].filter(li => "
                          "li.querySelector('.code').textContent.startsWith('T104')).map(li => li.querySelector('mark').textContent)")
    assert marks == ["0", "0"]
    notes = page.evaluate("[...document.querySelectorAll('#detail table.g4 td.c-bad a.fn')].map(a => a.textContent)")
    assert sorted(set(notes)) == [str(n) for n in t104] and len(notes) == 10
    page.close()
