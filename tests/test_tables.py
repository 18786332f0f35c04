"""Reading the tables of real reports: every layout reads the same cells,
glued digits are split only where one reading adds up, malformed tables never
crash. (Each table rule's own tests are in tests/rules/test_table_*.py and
test_implausible_value.py.)
"""
from __future__ import annotations

import pytest

from govlint.model.document import Document
from govlint.engine.lint import Options, lint_text
from govlint.output.extract import extract_document
from table_edits import TABLE_RULES, extraction, new_findings, set_field, table_findings


def test_seed_tables_are_quiet_where_they_add_up(corpus_text):
    for name in ("002", "003"):
        assert table_findings(corpus_text(name)) == []


# --------------------------------------------------------------------------
# One table, every layout: the extraction must not change.

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
# Tokens and cells are built by functions that set their slots (cheaper than
# a class call): each must set every slot, as the class would.

def _slots(obj):
    return {name: getattr(obj, name) for name in type(obj).__slots__}


@pytest.mark.parametrize("render", [None, pipes, spaced, cell_per_line], ids=lambda f: f.__name__ if f else "tabs")
def test_tokens_and_cells_have_every_field(corpus_text, render, monkeypatch):
    import govlint.model.tables as tables
    from govlint.model.report import parse_report
    from govlint.model.tables import Cell, read_tables
    from govlint.model.tokens import Token, tokenize

    text = corpus_text("003")
    if render:
        for first, last in reversed(TABLES_003):
            text = convert(text, first, last, render)
    report = parse_report(Document(path="<t>", text=text))
    for number in (2, 3, 4):
        body = report.section(number).body
        tokens = tokenize(text, body.start, body.end, report.document.line_of(body.start))
        assert tokens
        for token in tokens:
            fields = _slots(token)
            assert _slots(Token(**fields)) == fields
    monkeypatch.setattr(tables, "READ_MEMO", 0)
    read = read_tables(report)
    # the same tables further on in another report: read from the memo and moved
    monkeypatch.setattr(tables, "READ_MEMO", 256)
    tables._READ.clear()
    read_tables(report)
    moved = read_tables(parse_report(Document(path="<t>", text="\n\n" + text)))
    for numeral, table in read.tables.items():
        assert len(table.cells) >= 4
        for key, cell in table.cells.items():
            fields = _slots(cell)
            assert Cell(**fields) == cell
            again = _slots(moved.tables[numeral].cells[key])
            assert again.pop("span") == (cell.span.start + 2, cell.span.end + 2)
            fields.pop("span")
            assert again == fields
