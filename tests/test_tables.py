"""Table reading and the table rules on mutated real reports.

Each mutation changes one thing in a real report and asserts the exact
diagnostics (rule, line, column) it must cause and nothing else from the
table rules.
"""
from __future__ import annotations

import pytest

from govlint.model.document import Document
from govlint.engine.lint import Options, lint_text
from govlint.output.extract import extract_document

TABLE_RULES = ["T"]


def table_findings(text):
    result = lint_text(text, config=Options(select=TABLE_RULES))
    assert not [d for d in result.diagnostics if d.code.startswith("E")], result.diagnostics
    return sorted((d.code, d.line, d.column) for d in result.diagnostics)


def new_findings(text, mutated):
    """Table findings the mutation adds to those of the original report."""
    before = table_findings(text)
    after = table_findings(mutated)
    for item in before:
        if item in after:
            after.remove(item)
    return after


def field_column(line: str, index: int) -> int:
    """1-based column where tab-separated field `index` starts."""
    return sum(len(f) + 1 for f in line.split("\t")[:index]) + 1


def set_field(text: str, line_no: int, index: int, value: str) -> str:
    lines = text.split("\n")
    fields = lines[line_no - 1].split("\t")
    fields[index] = value
    lines[line_no - 1] = "\t".join(fields)
    return "\n".join(lines)


def replace_line(text: str, line_no: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line_no - 1], lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    return "\n".join(lines)


def line(text: str, line_no: int) -> str:
    return text.split("\n")[line_no - 1]


def test_seed_tables_are_quiet_where_they_add_up(corpus_text):
    for name in ("002", "003"):
        assert table_findings(corpus_text(name)) == []


def test_new_application_breaks_balance_and_row_total(corpus_text):
    text = corpus_text("003")
    mutated = set_field(text, 41, 2, "1")       # 一、本年新收 / 自然人: 0 → 1
    assert table_findings(mutated) == sorted([
        ("T101", 64, field_column(line(text, 64), 3)),   # on （七）总计 / 自然人
        ("T102", 41, field_column(line(text, 41), 8)),   # on 一、本年新收 / 总计
    ])


def test_result_without_total_breaks_outcome_total(corpus_text):
    text = corpus_text("003")
    mutated = set_field(set_field(text, 43, 2, "1"), 43, 8, "1")   # （一）予以公开: 自然人 1, 总计 1
    found = lint_text(mutated, config=Options(select=["T103"])).diagnostics
    assert sorted((d.code, d.line, d.column) for d in found) == sorted([
        ("T103", 64, field_column(line(text, 64), 3)),
        ("T103", 64, field_column(line(text, 64), 9)),
    ])
    assert "为 0" in found[0].message and "相加为 1" in found[0].message
    assert any(r["line"] == 43 for r in found[0].related)
    # 予以公开 also counts in （七）总计's balance? No: balance uses only rows 一, 二, （七）, 四.
    assert table_findings(mutated) == sorted([
        ("T103", 64, field_column(line(text, 64), 3)), ("T103", 64, field_column(line(text, 64), 9)),
    ])


def test_review_total(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 56, "| 0 |", "| 1 |")    # 行政复议 / 结果维持: 0 → 1
    fifth = [i for i, ch in enumerate(line(text, 56)) if ch == "0"][4] + 1
    assert new_findings(text, mutated) == [("T104", 56, fifth)]


def test_in_force_fewer_than_made(corpus_text):
    text = corpus_text("002")
    mutated = replace_line(text, 25, "\t0", "\t5")       # 规章 / 本年制发件数 = 5, 现行有效件数 = 0
    assert table_findings(mutated) == [("T202", 27, 2)]


def test_blank_cell(corpus_text):
    text = corpus_text("003")
    mutated = set_field(text, 48, 4, "")                 # 4.保护第三方合法权益 / 商业企业
    assert table_findings(mutated) == [("T003", 48, field_column(line(text, 48), 4))]


def test_dash_cell_is_not_zero(corpus_text):
    text = corpus_text("003")
    mutated = set_field(text, 48, 4, "—")
    found = lint_text(mutated, config=Options(select=["T003"])).diagnostics
    assert [(d.line, d.column) for d in found] == [(48, field_column(line(text, 48), 4))]
    assert "“—”" in found[0].message


def test_swapped_label(corpus_text):
    text = corpus_text("002")
    mutated = replace_line(text, 21, "本年废止件数", "本年度止件数")
    found = lint_text(mutated, config=Options(select=TABLE_RULES)).diagnostics
    assert [(d.code, d.line, d.column) for d in found] == [("T201", 21, 2)]
    assert found[0].fix["edits"][0]["replacement"] == "本年废止件数"


def test_ocr_digit_is_read_and_reported(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 18, "| 4 |", "| l4 |")
    found = lint_text(mutated, config=Options(select=["T004"])).diagnostics
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("T004", 18, 10, "warning")]
    assert new_findings(text, mutated) == [("T004", 18, 10)]
    assert "14" in found[0].message


def test_text_in_a_cell(corpus_text):
    text = corpus_text("001")
    mutated = replace_line(text, 15, "| 1300 |", "| 约一千 |")
    assert new_findings(text, mutated) == [("T004", 15, 10)]


def test_fee_in_yuan_and_fractional_count(corpus_text):
    text = corpus_text("002")
    mutated = replace_line(replace_line(text, 59, "14.9", "149000元"), 48, "21", "2.5")
    assert table_findings(mutated) == [("T202", 48, 2), ("T202", 59, 2)]


def test_missing_table(corpus_text):
    text = corpus_text("003")
    lines = text.split("\n")
    without = "\n".join(lines[:68] + ["本年度未发生行政复议、行政诉讼。"] + lines[72:])
    assert table_findings(without) == [("T001", 67, 1)]


def test_lost_row_is_named(corpus_text):
    text = corpus_text("003")
    lines = text.split("\n")
    without = "\n".join(lines[:51] + lines[52:])        # drop 8.属于行政查询事项
    found = lint_text(without, config=Options(select=["T002"])).diagnostics
    assert len(found) == 1 and "8.属于行政查询事项" in found[0].message


# --------------------------------------------------------------------------
# One table, every layout: the extraction must not change.

def extraction(text):
    return [(c["table"], c["row"], c["column"], c["status"], c["value"])
            for c in extract_document(Document("t", text))["cells"]]


def convert(text, first, last, render):
    lines = text.split("\n")
    rows = [l.split("\t") for l in lines[first - 1:last]]
    return "\n".join(lines[:first - 1] + render(rows) + lines[last:])


def pipes(rows):
    return ["| " + " | ".join(f.strip() for f in fields) + " |" for fields in rows]


def spaced(rows):
    return ["    ".join(f.strip() for f in fields if f.strip()) for fields in rows]


def cell_per_line(rows):
    out = []
    for fields in rows:
        out.extend("\t" + f.strip() for f in fields)
        out.append("")
    return out


def glued(rows):
    out = []
    for fields in rows:
        texts = [f.strip() for f in fields if f.strip()]
        values = [t for t in texts if t.isdigit()]
        labels = [t for t in texts if not t.isdigit()]
        out.append("".join(labels) + "".join(values) if values and labels else "\t".join(fields))
    return out


TABLES_003 = [(21, 34), (38, 65), (69, 72)]


@pytest.mark.parametrize("render", [pipes, spaced, cell_per_line], ids=lambda f: f.__name__)
def test_layouts_read_the_same(corpus_text, render):
    text = corpus_text("003")
    # make the numbers distinct so that a shifted cell would show
    text = set_field(set_field(set_field(text, 41, 2, "3"), 41, 8, "3"), 43, 2, "3")
    text = set_field(set_field(text, 43, 8, "3"), 64, 3, "3")
    text = set_field(text, 64, 9, "3")
    original = extraction(text)
    assert sum(1 for c in original if c[4] == 3) == 6
    converted = text
    for first, last in reversed(TABLES_003):
        converted = convert(converted, first, last, render)
    assert extraction(converted) == original
    assert table_findings(converted) == []


def test_glued_digits_split_when_one_per_cell(corpus_text):
    text = corpus_text("003")
    converted = convert(text, 41, 65, glued)
    assert extraction(converted) == extraction(text)


def test_glued_digits_that_cannot_add_up_are_reported_once(corpus_text):
    # No cut of "310000413" into seven counts makes 总计 the sum of the
    # others: the row is wrong whichever cell is which. One finding, from
    # the rule of the identity that fails, on the digits.
    text = corpus_text("003")
    converted = convert(text, 41, 65, glued).replace("一、本年新收政府信息公开申请数量0000000",
                                                     "一、本年新收政府信息公开申请数量310000413")
    found = lint_text(converted, config=Options(select=TABLE_RULES)).diagnostics
    assert [(d.code, converted[d.start:d.end]) for d in found] == [("T102", "310000413")]
    assert "无论怎样拆分" in found[0].message and "总计 = 自然人" in found[0].message


def test_glued_digits_with_several_readings_are_unknown(corpus_text):
    # "1001001" in table 二 (no identity ties 本年制发件数, 本年废止件数 and
    # 现行有效件数): 1|0|01… no; 10|0|1001? no: counts have no leading zero,
    # but 1|00… is invalid and 100|1|001 too; 10|01… invalid; the readings
    # 100|100|1 and 1|0|01001… leave more than one: the cells stay unknown.
    text = corpus_text("003")
    lines = text.split("\n")
    row = next(i for i, l in enumerate(lines) if l.startswith("行政规范性文件"))
    lines[row] = "行政规范性文件1011"
    found = lint_text("\n".join(lines), config=Options(select=TABLE_RULES)).diagnostics
    assert [(d.code, d.line) for d in found] == [("T002", row + 1)]
    assert "多种方式" in found[0].message


# --------------------------------------------------------------------------
# Malformed tables never crash and never yield arithmetic on a guess.

@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_malformed_tables(corpus_text, name):
    text = corpus_text(name)
    lines = text.split("\n")
    variants = [
        "\n".join(lines[: len(lines) // 2]),                                  # cut off mid-way
        "\n".join(l.rsplit("\t", 2)[0] if "\t" in l else l for l in lines),   # ragged rows
        "\n".join(l for l in lines if not any(ch.isdigit() for ch in l) or len(l) > 60),  # labels without numbers
        "\n".join(l for l in lines if not any("\u4e00" <= ch <= "\u9fff" for ch in l) or "、" in l[:3]),  # numbers without labels
    ]
    for variant in variants:
        result = lint_text(variant, config=Options(select=["ALL"]))
        assert not [d for d in result.diagnostics if d.code == "E999"], result.diagnostics
        extract_document(Document("t", variant))


def test_glued_digits_split_by_the_row_identity(corpus_text):
    text = convert(corpus_text("003"), 41, 65, glued)
    text = text.replace("一、本年新收政府信息公开申请数量0000000", "一、本年新收政府信息公开申请数量31000041")
    # 31|0|0|0|0|4|1, 3|1|0|0|0|0|41, 3|10|0|0|0|4|1: no reading adds up
    assert [d.code for d in lint_text(text, config=Options(select=["T"])).diagnostics] == ["T102"]
    text = text.replace("31000041", "3100004")
    cells = {(c["row"], c["column"]): c for c in extract_document(Document("t", text))["cells"]}
    assert [cells[("new", k)]["value"] for k in ("natural", "commercial", "total")] == [3, 1, 4]


def test_an_inferred_split_feeds_every_identity_but_its_own(corpus_text):
    # "130000013" has exactly one split that satisfies 总计 = the sum of the
    # others: 13|0|0|0|0|0|13. That identity (T3-2) cannot then be reported
    # broken on these cells, but the cross-row ones run on what was read:
    # 13 new applications and none processed or carried over break the
    # balance, found as with separators.
    text = convert(corpus_text("003"), 41, 65, glued)
    text = text.replace("一、本年新收政府信息公开申请数量0000000", "一、本年新收政府信息公开申请数量130000013")
    cells = {(c["row"], c["column"]): c for c in extract_document(Document("t", text))["cells"]}
    assert [cells[("new", k)]["value"] for k in ("natural", "commercial", "total")] == [13, 0, 13]
    codes = [d.code for d in lint_text(text, config=Options(select=["T"])).diagnostics]
    plain = set_field(set_field(corpus_text("003"), 41, 2, "13"), 41, 8, "13")
    assert codes == [d.code for d in lint_text(plain, config=Options(select=["T"])).diagnostics] == ["T101", "T101"]


def with_subtotal(text):
    """Seed 001's table 三 with a 法人或其他组织 小计 column before 总计."""
    lines = text.split("\n")
    lines[25] = lines[25].replace("| 其他 |", "| 其他 | 小计 |")
    for index in range(26, 51):
        cells = lines[index].split(" | ")
        values = [i for i, c in enumerate(cells) if c.strip().strip("|").strip().isdigit()]
        cells.insert(values[-1], "0")
        lines[index] = " | ".join(cells)
    return "\n".join(lines)


def test_subtotal_column_is_read_and_checked(corpus_text):
    text = with_subtotal(corpus_text("001"))
    cells = extract_document(Document("t", text))["cells"]
    subtotal = [c for c in cells if c["column"] == "org_subtotal"]
    assert len(subtotal) == 25 and all(c["value"] == 0 for c in subtotal)
    assert new_findings(corpus_text("001"), text) == []
    lines = text.split("\n")
    row = lines[26].split(" | ")          # 一、本年新收: set 商业企业 to 2 and 总计 to 2, leave 小计 at 0
    row[2], row[8] = "2", "2"
    lines[26] = " | ".join(row)
    mutated = "\n".join(lines)
    found = lint_text(mutated, config=Options(select=["T102"])).diagnostics
    assert [(d.line, d.column) for d in found] == [(27, sum(len(c) + 3 for c in row[:7]) + 1)]
    assert "小计" in found[0].message


def test_cell_per_line_without_tabs(corpus_text):
    """Web pages copied one cell per line, with wrapped header cells and no tabs."""
    text = corpus_text("002")
    lines = text.split("\n")
    plain = "\n".join(l.lstrip("\t") if i >= 16 else l for i, l in enumerate(lines))
    assert extraction(plain) == extraction(text)
    assert table_findings(plain) == table_findings(text) == []



# Layouts from reports outside the corpus (an out-of-sample review): PDF text
# with space-aligned columns, wrapped labels and merged cells; OCR text with
# single spaces between cells.
PDF_TABLES = '二、主动公开政府信息情况\n                                第二十条第（一）项\n  信息内容               本年新制作数量      本年新公开数量      对外公开总数量\n  规章                        0                   0                   0\n  规范性文件                  2                   2                  15\n                                第二十条第（五）项\n  信息内容               上一年              本年增/减           处理决定\n                         项目数量                                数量\n  行政许可                  286                 -12                3562\n  其他对外管理               97                  +5                1204\n  服务事项\n三、收到和处理政府信息公开申请情况\n                                                                     申请人情况\n                                                                     法人或其他组织\n   （本列数据的勾稽关系为：第一项加第二项之和，          自然人   商业    科研    社会公   法律服    其他     总计\n   等于第三项加第四项之和）                                        企业    机构    益组织   务机构\n  一、本年新收政府信息公开申请数量                              3       1       0       0        0        0        4\n             （二）部分公开（区分处理的，只计                3       1       0       0        0        0        4\n             这一情形，不计其他情形）\n                              6.属于四类过程性信息          1       0       0       0        0        0        1\n三、本年度                    7.属于行政执法案卷            0       0       0       0        0        0        0\n办理结果                      8.属于行政查询事项            1       0       0       0        0        0        1\n                              4.无正当理由大量反复申请      0       0       0       0        0        0        0\n                              5.要求行政机关确认或重新出    0       0       0       0        0        0        0\n                              具已获取信息\n四、政府信息公开行政复议、行政诉讼情况\n             行政复议                                                 行政诉讼\n                                                  未经复议直接起诉                          复议后起诉\n结果    结果    其他    尚未    总计      结果    结果    其他    尚未    总计      结果    结果    其他    尚未    总计\n维持    纠正    结果    审结              维持    纠正    结果    审结              维持    纠正    结果    审结\n 1       0       0       1       2         1       0       0       0       1         0       0       0       0       0\n'

OCR_TABLES = '三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) 申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n三、本年度办理结果 (一)予以公开 2 1 0 0 0 0 3\n(二)部分公开(区分处理的,只计这一情形,不计其他情形) 1 0 0 0 0 0 1\n(三)不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n(四)无法提供 1.本机关不掌握相关政府信息 2 0 0 0 0 0 2\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n'


def cells_of(text):
    return {(c["table"], c["row_label"], c["column_label"]): (c["status"], c["value"])
            for c in extract_document(Document("t", text))["cells"]}


def shape_problems(text):
    found = lint_text(text, config=Options(select=["T002"])).diagnostics
    return [d.message for d in found if "缺少“" not in d.message or "列" in d.message]


def test_pdf_space_aligned_tables_with_wrapped_labels():
    cells = cells_of(PDF_TABLES)
    assert cells[("二", "其他对外管理服务事项", "处理决定数量")] == ("number", 1204)
    assert cells[("二", "行政许可", "本年增/减")] == ("number", -12)
    assert cells[("三", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计")] == ("number", 4)
    assert cells[("三", "7.属于行政执法案卷", "自然人")] == ("number", 0)
    assert cells[("三", "5.要求行政机关确认或重新出具已获取信息", "总计")] == ("number", 0)
    assert cells[("四", "行政复议", "总计")] == ("number", 2)
    assert cells[("四", "未经复议直接起诉", "结果维持")] == ("number", 1)
    assert shape_problems(PDF_TABLES) == []          # only the rows this excerpt leaves out are missing
    labels = lint_text(PDF_TABLES, config=Options(select=["T201"])).diagnostics
    assert labels == []                                # wrapped labels are not misworded


def test_ocr_tables_with_single_spaces():
    cells = cells_of(OCR_TABLES)
    assert cells[("三", "（一）予以公开", "总计")] == ("number", 3)
    assert cells[("三", "1.属于国家秘密", "自然人")] == ("number", 0)
    assert cells[("三", "1.本机关不掌握相关政府信息", "自然人")] == ("number", 2)
    assert all(cells[("四", g, "总计")] == ("number", 0) for g in ("行政复议", "未经复议直接起诉", "复议后起诉"))
    assert shape_problems(OCR_TABLES) == []
    assert lint_text(OCR_TABLES.replace("商业企业 科研机构", "商业企业 科研机沟"),
                     config=Options(select=["T201"])).diagnostics[0].message.count("科研机构") == 1


def to_traditional(text: str) -> str:
    from govlint.model.text import _TRADITIONAL

    back = {}
    for trad, simp in zip(_TRADITIONAL[0::2], _TRADITIONAL[1::2]):
        back.setdefault(simp, trad)
    return "".join(back.get(ch, ch) for ch in text)


def test_traditional_character_mirror_reads_like_the_original(corpus_text):
    """format-spec §8: mirrors in traditional characters are matched after
    conversion; positions stay those of the user's text."""
    text = corpus_text("003")
    mirror = to_traditional(text)
    assert mirror != text and "總計" in mirror and "處理" in mirror
    assert extraction(mirror) == extraction(text)
    def structure_and_tables(t):
        return [(d.code, d.line, d.column) for d in lint_text(t, config=Options(select=["S", "T"])).diagnostics]
    assert structure_and_tables(mirror) == structure_and_tables(text)


# --------------------------------------------------------------------------
# Label defects seen in real reports


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


def test_a_row_left_unfilled_is_reported_as_unfilled_not_as_unreadable():
    # corpus/004 line 137-138: table 四's row "总计 | ||||||||||||||||" and one stray "0 |".
    # The blanks are visible, so the message asks for the numbers rather than
    # saying the reader could not place them.
    from helpers import corpus_file
    from govlint.engine.lint import lint_path

    found = [d for d in lint_path(str(corpus_file("004")), Options(select=["T002"])).diagnostics if d.line == 138]
    assert [d.message for d in found] == ["表四只填了 1 个数值，应有 15 个，其余单元格为空：请填写数字，没有发生的填 0"]
    # Without visible blank cells ("2 3" where 5 values belong) it stays a reading problem.
    text = corpus_file("004").read_text(encoding="utf-8").replace("总计 | ||||||||||||||||\n0 |", "总计 2 3")
    found = [d for d in lint_text(text, config=Options(select=["T002"])).diagnostics if "表四" in d.message]
    assert found and all("无法确定" in d.message for d in found), [d.message for d in found]
