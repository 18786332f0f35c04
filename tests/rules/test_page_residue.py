"""A004 page-residue: page numbers and running headers/footers."""
from __future__ import annotations

import time

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file

CODE = "A004"

TITLE = "海阳市卫生健康局2023年政府信息公开工作年度报告"
PARAGRAPH = "（一）主动公开情况。本年度通过政府网站主动公开政府信息159条，其中政策解读12条。"
TABLE_HEAD = "三、收到和处理政府信息公开申请情况"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def positions(text: str):
    return [(d.code, d.line, d.column) for d in lint(text)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_is_quiet(prefix):
    # 002 has hundreds of "\t0" lines and tab-only lines; 004 dozens of
    # identical "|||||…" lines: table residue, not page residue.
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


@pytest.mark.parametrize("number", ["- 3 -", "— 3 —", "－12－", "第 3 页 共 8 页", "第3页/共8页", "第3页", "3/8",
                                    "Page 3 of 8"])
def test_page_number_lines(number):
    text = f"{TITLE}\n一、总体情况\n{PARAGRAPH}\n\n  {number}\n\n{PARAGRAPH}\n"
    diagnostics = lint(text)
    assert [(d.code, d.line, d.column, d.end_column) for d in diagnostics] == [(CODE, 5, 3, 3 + len(number))]
    assert diagnostics[0].message == f"页码残留“{number}”：请删除"
    assert diagnostics[0].fix["safe"] is True
    assert diagnostics[0].fix["edits"] == [{"line": 5, "column": 1, "end_line": 6, "end_column": 1,
                                            "replacement": ""}]


def test_running_header_flags_every_occurrence_after_the_first():
    text = "\n".join([TITLE, "一、总体情况", PARAGRAPH, "- 1 -", TITLE, PARAGRAPH, "- 2 -", TITLE,
                      "二、主动公开政府信息情况", "第二十条第（一）项", "- 3 -", "五、存在的主要问题及改进情况", TITLE,
                      PARAGRAPH])
    # The page numbers 1, 2, 3 number the pages in order: the document's
    # pagination, not leftovers.
    assert positions(text) == [(CODE, 5, 1), (CODE, 8, 1), (CODE, 13, 1)]
    header = [d for d in lint(text) if "页眉页脚" in d.message]
    assert [d.line for d in header] == [5, 8, 13]
    assert header[0].message == f"页眉页脚残留“{TITLE}”（全文重复 4 次）：请删除"
    assert header[0].fix["edits"][0]["replacement"] == ""


def test_the_pagination_of_a_pdf_is_structure_not_residue():
    # corpus/pdf-text/001.txt: the text of a real WPS-made PDF, "- 1 -" to "- 5 -";
    # two of its sentences run across a page break.
    path = corpus_file("001").parent / "pdf-text" / "001.txt"
    assert lint_path(str(path), Options(select=["A003", "A004"])).diagnostics == []


def test_page_numbers_out_of_order_are_leftovers_each():
    text = "\n".join(["一、总体情况", PARAGRAPH, "- 3 -", PARAGRAPH, "- 7 -", PARAGRAPH])
    assert [(d.line, d.severity) for d in lint(text)] == [(3, "warning"), (5, "warning")]


def test_running_footer_with_agency_name():
    footer = "前进区卫生健康局"
    text = "\n".join(["一、总体情况", PARAGRAPH, footer, PARAGRAPH, footer, "五、存在的主要问题及改进情况", PARAGRAPH,
                      footer])
    assert positions(text) == [(CODE, 5, 1), (CODE, 8, 1)]


def test_repeats_inside_table_sections_do_not_count():
    rows = ["本年新制作数量\t0", "行政许可\t0", "3/8", "单位：件", "单位：件", "单位：件"]
    text = "\n".join(["一、总体情况", PARAGRAPH, "二、主动公开政府信息情况", *rows, TABLE_HEAD, *rows,
                      "五、存在的主要问题及改进情况", PARAGRAPH])
    assert lint(text) == []


@pytest.mark.parametrize("line", [
    "本年度无此项内容。",   # a sentence may legitimately repeat
    "2024",                # digits only
    "| 规章 | 0 | 0 | |",   # a table row
    "\t0",
])
def test_repeated_lines_that_are_not_headers(line):
    # Three occurrences outside the table sections.
    text = "\n".join(["一、总体情况", line, PARAGRAPH, line, PARAGRAPH, "（二）依申请公开情况", line,
                      "五、存在的主要问题及改进情况"])
    assert lint(text) == []


@pytest.mark.parametrize("line", ["8/3", "共收到申请3/8件", "第三页", "-3", "2023-2024"])
def test_not_page_numbers(line):
    assert lint(f"一、总体情况\n{line}\n") == []


def test_repeated_section_heading_is_not_a_header():
    heading = "六、其他需要报告的事项"
    text = "\n".join(["一、总体情况", PARAGRAPH, heading, "无", heading, "无", heading, "无"])
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "政府信息公开" * 170000,
    "|" * 100000,
    "-" * 1000000,
    "第" * 1000000,
    "某某县卫生健康局\n" * 20000,
], ids=lambda text: f"{len(text)}:{text[:6]!r}")
def test_pathological_input_stays_linear(text):
    started = time.monotonic()
    lint(text)
    assert time.monotonic() - started < 20


def _with_footer(times: int) -> str:
    """corpus 000 (神木市卫生健康局) with its agency line, line 3, repeated as a
    page footer after (一) and (二) of 一、总体情况 (times - 1 footers)."""
    lines = corpus_file("000").read_text(encoding="utf-8").split("\n")
    assert lines[2] == "神木市卫生健康局"
    for after in reversed((14, 18)[:times - 1]):          # after lines 14 and 18, from the end
        lines[after:after] = ["神木市卫生健康局", ""]
    return "\n".join(lines)


@pytest.mark.parametrize("times, repeats, expected", [
    (3, None, [(15, "页眉页脚残留“神木市卫生健康局”（全文重复 3 次）：请删除"), (21, "页眉页脚残留“神木市卫生健康局”（全文重复 3 次）：请删除")]),
    (3, 4, []),                    # a stricter threshold: three times is not yet a header
    (2, None, []),                 # twice is not a header by default …
    (2, 2, [(15, "页眉页脚残留“神木市卫生健康局”（全文重复 2 次）：请删除")]),   # … unless the option says so
])
def test_header_repeats_option(times, repeats, expected):
    text = _with_footer(times)
    options = {"page-residue": {"header-repeats": repeats}} if repeats else {}
    found = lint_text(text, config=Options(select=[CODE], rule_options=options)).diagnostics
    assert [(d.line, d.message) for d in found] == expected


def test_candidate_lines_are_those_holding_a_page_hint():
    # The lines holding a character of a page number come from the reading
    # of the page numbers, the slashes are looked for here: together they
    # are the lines PAGE_HINT finds, on every corpus text and a text with
    # slashes, full-width slashes and page numbers on one line and the last.
    from collections import Counter
    from bisect import bisect_right

    from govlint.model.document import Document
    from govlint.model.report import parse_report
    from govlint.rules import page_residue

    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_file("000").parent.glob("*.txt"))]
    texts.append(f"{TITLE}\n3/8\n{PARAGRAPH}\n第3页／共8页\n- 3 -\n2023/01/05 — Page 3")
    assert set(page_residue._SLASHES + page_residue.HINT_CHARACTERS) == set(page_residue.PAGE_HINT.pattern[1:-1]) - {"\\"}
    for text in texts:
        report = parse_report(Document("x.txt", text))
        document = report.document
        lines = [line.strip() for line in document.lines]
        expected = sorted({bisect_right(document.line_starts, m.start()) - 1
                           for m in page_residue.PAGE_HINT.finditer(text)})
        assert page_residue._candidates(report, lines, Counter(lines), 10 ** 9) == expected
