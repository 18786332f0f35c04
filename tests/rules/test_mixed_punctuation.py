"""L004 mixed-punctuation: one finding per paragraph, only where widths are mixed."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import CORPUS, corpus_file
from layouts import collapsed

CODE = "L004"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def test_corpus_000_one_finding_per_paragraph_with_the_count():
    result = lint_path(str(corpus_file("000")), Options(select=[CODE]))
    assert [(d.line, d.column) for d in result.diagnostics] == [(9, 7), (11, 1), (15, 1), (19, 1), (91, 1)]
    first = result.diagnostics[0]
    assert first.severity == "info"
    assert first.message == "中文句子中有半角标点 7 处（“,”7 处），如“情况2024年度,我局认真贯彻落实”：应使用全角标点"
    assert first.fix["safe"] is True and len(first.fix["edits"]) == 7
    assert {e["replacement"] for e in first.fix["edits"]} == {"，"}


def test_a_report_without_full_width_marks_is_left_alone():
    # 004 uses half-width marks throughout, as a page copied with NFKC does.
    assert lint_path(str(corpus_file("004")), Options(select=[CODE])).diagnostics == []


def test_half_width_full_stop_is_reported_anywhere():
    result = lint_path(str(CORPUS / "openings" / "007.txt"), Options(select=[CODE]))
    assert [(d.line, d.column, d.message[:14]) for d in result.diagnostics] == [(6, 17, "中文句子中有半角标点 1 处")]


def test_times_numbers_and_addresses_are_not_touched():
    text = "一、总体情况\n我局严格审核，发布日期2023/01/18 11:34:01，比例为12.5%，网址www.gov.cn。\n"
    assert lint(text) == []


def test_same_findings_when_the_lines_run_together():
    text = corpus_file("000").read_text(encoding="utf-8")
    before = [(d.message, text[d.start:d.end]) for d in lint(text)]
    changed = collapsed(text)
    assert [(d.message, changed[d.start:d.end]) for d in lint(changed)] == before


def test_the_fix_takes_the_space_after_a_mark_before_chinese_text():
    # corpus 000 line 11 "(一) 主动公开情况": a full-width bracket holds its own
    # space, so the fix gives "（一）主动公开情况", not "（一） 主动公开情况".
    finding = [d for d in lint_path(str(corpus_file("000")), Options(select=[CODE])).diagnostics if d.line == 11][0]
    line = corpus_file("000").read_text(encoding="utf-8").splitlines()[10]
    assert line.startswith("(一) 主动公开情况")
    edits = [e for e in finding.fix["edits"] if e["line"] == 11]
    assert [(e["column"], e["end_column"], e["replacement"]) for e in edits][:2] == [(1, 2, "（"), (3, 5, "）")]
    # Before a digit the space stays ("规章, 2024年" is not run together), and
    # an opening bracket never takes the space after it.
    text = "（一）主动公开情况，包括规章, 2024年发布。另有( 说明) 文件。"
    edits = lint(text)[0].fix["edits"]
    assert [(text[e["column"] - 1:e["end_column"] - 1], e["replacement"]) for e in edits] == [
        (",", "，"), ("(", "（"), (") ", "）")]


def test_the_scan_finds_exactly_the_marks_in_chinese_context():
    # The rule finds its marks with one pattern over the whole text; the
    # readable definition is _in_chinese. Both must agree at every mark of
    # the real texts and at the edges (a mark first or last, "(" before
    # Chinese, "." before a letter, a digit or another ".").
    from govlint.rules.mixed_punctuation import _FULL_STOP_IN_CHINESE, _HALF_IN_CHINESE, _in_chinese

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))
             + sorted((CORPUS / "openings").glob("*.txt")) + sorted((CORPUS / "pdf-text").glob("*.txt"))]
    texts += ["(一)公开", "公开(", "公开.", "公开.a", "公开.。", "公开..", "公开.5", "a(b", "“(a", "。,", ",公开",
              "《条例》:", "……;", "公开 ,", "　(二)"]
    for text in texts:
        for pattern, marks in ((_HALF_IN_CHINESE, ",;:?!()."), (_FULL_STOP_IN_CHINESE, ".")):
            expected = [at for at, char in enumerate(text) if char in marks and _in_chinese(text, at)]
            assert [m.start() for m in pattern.finditer(text)] == expected
