"""T001 missing-table and T002 table-shape: each of sections 二, 三 and 四 has
its table, with the rows and columns of the format, on real reports."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import Case, assert_case, cases, corpus_file, opening, pdf_text
from table_edits import table_findings


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


def test_a_row_left_unfilled_is_reported_as_unfilled_not_as_unreadable():
    # corpus/004 line 137-138: table 四's row "总计 | ||||||||||||||||" and one stray "0 |".
    # The blanks are visible, so the message asks for the numbers rather than
    # saying the reader could not place them.
    found = [d for d in lint_path(str(corpus_file("004")), Options(select=["T002"])).diagnostics if d.line == 138]
    assert [d.message for d in found] == ["表四只填了 1 个数值，应有 15 个，其余单元格为空：请填写数字，没有发生的填 0"]
    # Without visible blank cells ("2 3" where 5 values belong) it stays a reading problem.
    text = corpus_file("004").read_text(encoding="utf-8").replace("总计 | ||||||||||||||||\n0 |", "总计 2 3")
    found = [d for d in lint_text(text, config=Options(select=["T002"])).diagnostics if "表四" in d.message]
    assert found and all("无法确定" in d.message for d in found), [d.message for d in found]


OTHER_PROCESSING = ("表三“（六）其他处理”只填了一行（2019 年试行格式的写法）：2021 年格式分为“1.申请人无正当理由逾期不补正、…”"
                    "“2.申请人逾期未按收费通知要求缴…”“3.其他”三行，请分别填写")


@cases(
    # real-openings/011 (粤汉街道, 2023): the 2008 outline's sections, none with its table
    Case("openings-011", opening("011"), [
        ("T001", 8, 1, "第二部分没有统计表：请按年度报告格式插入表二并填写数据"),
        ("T001", 12, 1, "第三部分没有统计表：请按年度报告格式插入表三并填写数据"),
        ("T001", 16, 1, "第四部分没有统计表：请按年度报告格式插入表四并填写数据")]),
    # corpus 002 and 003, and real-openings/009: each section has its table
    Case("corpus-002", corpus_file("002").read_text(encoding="utf-8"), []),
    Case("corpus-003", corpus_file("003").read_text(encoding="utf-8"), []),
    Case("openings-009", opening("009"), []),
)
def test_missing_tables_in_real_reports(case):
    assert_case(case, "T001")


@cases(
    # corpus 004 line 138: table 四 is a single "0 |" where 15 cells are expected, the others left blank
    Case("corpus-004", corpus_file("004").read_text(encoding="utf-8"),
         [("T002", 138, 1, "表四只填了 1 个数值，应有 15 个，其余单元格为空：请填写数字，没有发生的填 0")]),
    # pdf-text/001 line 111: （六）其他处理 on one row, as the 2019 format had it
    Case("pdf-text-001", pdf_text("001"), [("T002", 111, 1, OTHER_PROCESSING)]),
    # real-openings/015 line 19: "| 行政事业性收费 | 172 | ||" holds its one value; the cut-off
    # heading on line 20 ("三、收到和处理政府信息公开") is not one of its cells
    Case("openings-015", opening("015"), []),
    # corpus 001 (pipes), 002 (one cell per line), 003 (tabs): every row and column in place
    Case("corpus-001", corpus_file("001").read_text(encoding="utf-8"), []),
    Case("corpus-002", corpus_file("002").read_text(encoding="utf-8"), []),
    Case("corpus-003", corpus_file("003").read_text(encoding="utf-8"), []),
)
def test_table_shape_in_real_reports(case):
    assert_case(case, "T002")


def test_a_row_is_read_from_its_own_line_when_the_next_line_is_no_cell():
    # real-openings/015: table 二 in pipes, each row's values on the row's own line. Line 20
    # followed by a heading worded in a way the outline does not know, and by a note.
    from table_edits import extraction

    head = "\n".join(opening("015").split("\n")[:19])
    for after in ("三、政府信息公开申请办理情况", "注：收费为考试报名费，已全额上缴财政"):
        text = head + "\n" + after + "\n"
        assert lint_text(text, config=Options(select=["T002"])).diagnostics == []
        assert ("二", "admin_fees", "fees", "number", 172) in extraction(text)
