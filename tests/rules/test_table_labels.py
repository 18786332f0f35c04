"""T201 label-mismatch: a table label recognised but not worded as the
format has it, on real report text (misread labels of PDF text, converters'
placeholders)."""
from __future__ import annotations

import pytest

from govlint.engine.lint import Options, lint_text
from govlint.model.text import fold
from helpers import Case, assert_case, cases, corpus_file, opening, pdf_text
from invariance import SPACE_BOUND, difference
from invariance import findings as invariance_findings
from layouts import VARIANTS
from table_edits import TABLE_RULES, extraction, replace_line


def test_swapped_label(corpus_text):
    text = corpus_text("002")
    mutated = replace_line(text, 21, "本年废止件数", "本年度止件数")
    found = lint_text(mutated, config=Options(select=TABLE_RULES)).diagnostics
    assert [(d.code, d.line, d.column) for d in found] == [("T201", 21, 2)]
    assert found[0].fix["edits"][0]["replacement"] == "本年废止件数"


def test_placeholder_column_names_stand_for_the_missing_columns(corpus_text):
    # A converter that lost the header rows wrote "列1 … 列6" (in template order).
    text = corpus_text("003")
    lines = text.split("\n")
    lines[38:40] = ["\t\t列1\t列2\t列3\t列4\t列5\t列6"]
    text = "\n".join(lines)
    found = lint_text(text, config=Options(select=["T201"])).diagnostics
    assert [d.message for d in found] == [f"表三标签“列{i}”与格式不符：应为“{label}”" for i, label in enumerate(
        ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), 1)]
    assert extraction(text) == extraction(corpus_text("003"))


def test_a_row_label_numbered_twice(corpus_text):
    text = replace_line(corpus_text("003"), 45, "1. 属于国家秘密", "1.1.属于国家秘密")
    found = lint_text(text, config=Options(select=["T"])).diagnostics
    assert [(d.code, d.line, d.message) for d in found] == [
        ("T201", 45, "表三标签“1.1.属于国家秘密”与格式不符：应为“1.属于国家秘密”")]


def test_a_misread_long_label_is_that_row(corpus_text):
    # The real PDF text of 洪泽区 2023/2024: "2.其他法律行政止公开" (three characters
    # lost) is row 2 with a label defect, not a missing row.
    text = replace_line(corpus_text("003"), 46, "2. 其他法律行政法规禁止公开", "2.其他法律行政止公开")
    found = lint_text(text, config=Options(select=["T"])).diagnostics
    assert [(d.code, d.line) for d in found] == [("T201", 46)]
    assert extraction(text) == extraction(corpus_text("003"))


@pytest.mark.parametrize("old, new, line, official", [
    # table 三's group labels, each with one character another (a homophone or a near word)
    ("(三) 不予公开", "(三) 不与公开", 45, "（三）不予公开"),
    ("(五) 不予处理", "(五) 不予处里", 56, "（五）不予处理"),
    ("三、本年度办理结果", "三、本年度办理结菓", 43, "三、本年度办理结果"),
    # table 四's groups
    ("未经复议直接起诉", "未经复议直接起述", 70, "未经复议直接起诉"),
    ("行政复议\t", "行政付议\t", 69, "行政复议"),
])
def test_a_group_label_with_a_wrong_character(corpus_text, old, new, line, official):
    text = corpus_text("003").replace(old, new, 1)
    found = lint_text(text, config=Options(select=["T"])).diagnostics
    written = new.rstrip("\t")
    assert [(d.code, d.line, d.message) for d in found] == [
        ("T201", line, f"表{'四' if line >= 69 else '三'}标签“{written}”与格式不符：应为“{official}”")]
    assert found[0].fix["edits"][0]["replacement"] == official
    assert extraction(text) == extraction(corpus_text("003"))


@cases(
    # corpus 000 line 36: "本年度止件数", a misread column label of table 二
    Case("corpus-000", corpus_file("000").read_text(encoding="utf-8"),
         [("T201", 36, 13, "表二标签“本年度止件数”与格式不符：应为“本年废止件数”")]),
    # real-openings/009 line 39: the header "现行有效件"
    Case("openings-009", opening("009"), [("T201", 39, 1, "表二标签“现行有效件”不完整：应为“现行有效件数”")]),
    # pdf-text/001 line 91: "2.其他法律行政止公开", three characters lost in the PDF's text
    Case("pdf-text-001", pdf_text("001"),
         [("T201", 91, 1, "表三标签“2.其他法律行政止公开”与格式不符：应为“2.其他法律行政法规禁止公开”")]),
    # corpus 002 and 003: every label as the format has it
    Case("corpus-002", corpus_file("002").read_text(encoding="utf-8"), []),
    Case("corpus-003", corpus_file("003").read_text(encoding="utf-8"), []),
    # real-openings/025: "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数"
    Case("openings-025", opening("025"), []),
)
def test_real_reports(case):
    assert_case(case, "T201")


# --------------------------------------------------------------------------
# A label cut short: its first words without the rest. A label wrapped over
# lines or cells has its rest right after its first part and is whole.

@pytest.mark.parametrize("old, new, line, official", [
    # table 三's group label, followed straight by the row label "(一) 予以公开"
    ("三、本年度办理结果", "三、本年度办理", 43, "三、本年度办理结果"),
    # rows of table 三, followed straight by their values
    ("8. 属于行政查询事项", "8. 属于行政查询", 52, "8.属于行政查询事项"),
    ("4. 无正当理由大量反复申请", "4. 无正当理由大量", 59, "4.无正当理由大量反复申请"),
    # table 四's group, followed by the next group's empty cells
    ("未经复议直接起诉", "未经复议直接", 70, "未经复议直接起诉"),
])
def test_a_label_cut_short(corpus_text, old, new, line, official):
    text = corpus_text("003").replace(old, new, 1)
    found = lint_text(text, config=Options(select=["T"])).diagnostics
    assert [(d.code, d.line, d.message, text[d.start:d.end]) for d in found] == [
        ("T201", line, f"表{'四' if line >= 69 else '三'}标签“{new}”不完整：应为“{official}”", new)]
    assert found[0].fix["edits"][0]["replacement"] == official
    assert extraction(text) == extraction(corpus_text("003"))


CUT_SHORT = [("三、本年度办理结果", "三、本年度办理"), ("8. 属于行政查询事项", "8. 属于行政查询"),
             ("4. 无正当理由大量反复申请", "4. 无正当理由大量"), ("未经复议直接起诉", "未经复议直接")]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("old, new", CUT_SHORT, ids=[new for _, new in CUT_SHORT])
def test_a_label_cut_short_in_every_layout(corpus_text, variant, old, new):
    # Run together ("…00000008. 属于行政查询0000000(四) 无法提供…"), one cell per line,
    # pipe rows: the same findings, the label's at the same characters.
    text = corpus_text("003").replace(old, new, 1)
    skip = SPACE_BOUND if variant == "spaced" else frozenset()
    original = invariance_findings(text, skip)
    assert [key for key in original if key[0] == "T201"] == [
        ("T201", f"表{'四' if '复议' in new else '三'}标签“{new}”不完整：应为“{fold(old)}”", fold(new))]
    assert difference(original, invariance_findings(VARIANTS[variant](text), skip)) == ([], [])


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("number", ["001", "002"])
def test_wrapped_labels_of_pdf_text_stay_quiet_in_every_layout(variant, number):
    # pdf-text 001/002 wrap "（二）部分公开（…只计这一情 形，不" / "计其他情形）" and
    # "5.要求行政机关确认或重 新出具" / "已获取信息"; run together or not, they are whole.
    found = lint_text(VARIANTS[variant](pdf_text(number)), config=Options(select=["T201"])).diagnostics
    assert [d.message for d in found] == ["表三标签“2.其他法律行政止公开”与格式不符：应为“2.其他法律行政法规禁止公开”"]


@cases(
    # pdf-text/001 line 97 "8.属于行政查询事项 0 0 0 0 0 0 0" with its last two characters lost
    Case("pdf-text-001-row-8", pdf_text("001").replace("8.属于行政查询事项 0", "8.属于行政查询 0", 1),
         [("T201", 91, 1), ("T201", 97, 1, "表三标签“8.属于行政查询”不完整：应为“8.属于行政查询事项”")]),
    # pdf-text/001 lines 108-109, the label wrapped as "5.要求行政机关确认或重 新出具" / "已获取信息":
    # without its second line, the values follow the first part
    Case("pdf-text-001-row-5", pdf_text("001").replace("新出具\n已获取信息\n", "新出具\n", 1),
         [("T201", 91, 1), ("T201", 108, 1,
                            "表三标签“5.要求行政机关确认或重 新出具”不完整：应为“5.要求行政机关确认或重新出具已获取信息”")]),
    # pdf-text/002: table 四's header "未经复议直接起诉 复议后起诉" with 起诉 lost
    Case("pdf-text-002-review", pdf_text("002").replace("未经复议直接起诉 复议后起诉", "未经复议直接 复议后起诉", 1),
         [("T201", 92, 1), ("T201", 125, 1, "表四标签“未经复议直接”不完整：应为“未经复议直接起诉”")]),
    # pdf-text/002 as it is: lines 87-88 "（二）部分公开（区分处理的，只计这一情 形，不" / "计其他情形）"
    # and 108-109 "5.要求行政机关确认或重 新出具" / "已获取信息" are wrapped, not cut short
    Case("pdf-text-002", pdf_text("002"),
         [("T201", 92, 1, "表三标签“2.其他法律行政止公开”与格式不符：应为“2.其他法律行政法规禁止公开”")]),
)
def test_real_pdf_text_cut_short_and_wrapped(case):
    assert_case(case, "T201")


def test_a_word_cell_wrapped_over_paragraphs_is_whole_and_one_cut_short_is_not(corpus_text, monkeypatch):
    # Word tables of corpus 003, with two labels in two paragraphs of their cell,
    # as long labels are written in real tables.
    import formats_build
    from govlint.engine.lint import lint_bytes

    monkeypatch.setitem(formats_build.SPLIT_LABELS, "三、本年度办理结果", ("三、本年度办理", "结果"))
    monkeypatch.setitem(formats_build.SPLIT_LABELS, "5. 要求行政机关确认或重新出具已获取信息",
                        ("5. 要求行政机关确认或重新出具", "已获取信息"))
    data = formats_build.build_docx(corpus_text("003"))
    assert _paragraphs_of_cells(data) >= {("三、本年度办理", "结果"), ("5. 要求行政机关确认或重新出具", "已获取信息")}
    wrapped = lint_bytes(data, "003.docx", Options(select=["T201"]))
    assert [d.message for d in wrapped.diagnostics] == []
    short = corpus_text("003").replace("5. 要求行政机关确认或重新出具已获取信息", "5. 要求行政机关确认或重新出具", 1)
    found = lint_bytes(formats_build.build_docx(short), "003.docx", Options(select=["T201"]))
    assert [d.message for d in found.diagnostics] == [
        "表三标签“5. 要求行政机关确认或重新出具”不完整：应为“5.要求行政机关确认或重新出具已获取信息”"]


def _paragraphs_of_cells(data: bytes) -> set:
    import io

    import docx

    return {tuple(p.text for p in cell.paragraphs) for table in docx.Document(io.BytesIO(data)).tables
            for row in table.rows for cell in row.cells}
