"""S001–S007 on real report text: positive and negative cases."""
from __future__ import annotations

from helpers import diagnostics, run

SKELETON = """前进区卫生健康局2024年政府信息公开工作年度报告
一、总体情况
2024年，区卫健局坚持以习近平新时代中国特色社会主义思想为指导。
二、主动公开政府信息情况
第二十条第（一）项
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
四、政府信息公开行政复议、行政诉讼情况
行政复议
五、存在的主要问题及改进情况
公开方式较为单一。
六、其他需要报告的事项
2024年度，前进区卫生健康局无政府信息公开信息处理费产生。
"""


def test_clean_skeleton_is_quiet():
    assert run(SKELETON, "S") == []


def test_missing_title(corpus_text):
    assert run(corpus_text("001"), "S001") == [("S001", 1, 1)]
    assert run(corpus_text("000"), "S001") == []      # title without a year is still a title
    assert run(corpus_text("004"), "S001") == []      # title in the metadata block


def test_missing_title_on_skeleton():
    assert run(SKELETON.split("\n", 1)[1], "S001") == [("S001", 1, 1)]


def test_missing_section_points_at_the_next_heading():
    text = SKELETON.replace("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n", "")
    found = diagnostics(text, "S002")
    assert [(d.code, d.line, d.column) for d in found] == [("S002", 6, 1)]
    assert "三、收到和处理政府信息公开申请情况" in found[0].message


def test_missing_last_section_points_at_the_last_line():
    text = SKELETON.rsplit("六、", 1)[0]
    assert run(text, "S002") == [("S002", 11, 1)]


def test_section_order():
    lines = SKELETON.splitlines()
    # move 二 (lines 4-5) after 三 (lines 6-7)
    moved = lines[:3] + lines[5:7] + lines[3:5] + lines[7:]
    assert run("\n".join(moved), "S003") == [("S003", 6, 1)]


def test_duplicate_section():
    text = SKELETON + "二、主动公开政府信息情况\n重复粘贴的内容。\n"
    found = diagnostics(text, "S004")
    assert [(d.code, d.line, d.column) for d in found] == [("S004", 14, 1)]
    assert found[0].related and found[0].related[0]["line"] == 4


def test_section_numbering_arabic(corpus_text):
    assert run(corpus_text("002"), "S005") == [("S005", 16, 1), ("S005", 62, 1)]
    assert run(corpus_text("003"), "S005") == []


def test_section_numbering_skipped_and_missing():
    text = SKELETON.replace("四、政府信息公开", "五、政府信息公开").replace("一、总体情况", "总体情况")
    assert run(text, "S005") == [("S005", 2, 1), ("S005", 8, 1)]


def test_heading_variant(corpus_text):
    found = diagnostics(corpus_text("003"), "S006")
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("S006", 67, 3, "info")]
    assert run(corpus_text("000"), "S006") == []


def test_heading_ocr_noise_is_a_warning():
    found = diagnostics(SKELETON.replace("一、总体情况", "一、总休情况"), "S006")
    assert [(d.line, d.column, d.severity) for d in found] == [(2, 3, "warning")]
    assert found[0].fix["edits"][0]["replacement"] == "总体情况"


def test_empty_section():
    text = SKELETON.rsplit("\n", 2)[0] + "\n"     # drop the content of 六
    assert run(text, "S007") == [("S007", 12, 1)]
    assert run(SKELETON.replace("2024年度，前进区卫生健康局无政府信息公开信息处理费产生。", "无"), "S007") == []
