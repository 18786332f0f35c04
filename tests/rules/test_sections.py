"""S002–S007 on real report text: positive and negative cases (S001 missing-title is in
test_missing_title.py)."""
from __future__ import annotations

from helpers import SKELETON, diagnostics, run


def test_clean_skeleton_is_quiet():
    assert run(SKELETON, "S") == []


def test_missing_section_points_at_the_next_heading():
    text = SKELETON.replace("三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n", "")
    found = diagnostics(text, "S002")
    assert [(d.code, d.line, d.column) for d in found] == [("S002", 6, 1)]
    assert "三、收到和处理政府信息公开申请情况" in found[0].message


def test_missing_last_section_points_at_the_end_of_the_text():
    # At the last character, where the section belongs: the same place
    # whether the text keeps its line breaks or not.
    text = SKELETON.rsplit("六、", 1)[0]
    assert run(text, "S002") == [("S002", 11, 9)]
    assert run(text.replace("\n", ""), "S002")[0][2] == len(text.replace("\n", "").rstrip())


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


def test_arabic_and_markdown_numbered_sections_are_sections():
    # "1、总体情况" and "## 二、…" are the sections, with their numbering
    # reported; none of them is missing.
    text = (SKELETON.replace("一、总体情况", "1、总体情况").replace("二、主动公开政府信息情况", "## 二、主动公开政府信息情况"))
    assert run(text, "S") == [("S005", 2, 1)]
    assert run(text.replace("\n", ""), "S002") == []


def test_heading_missing_but_its_content_is_there():
    # real-openings/017: the introduction is followed by "(一)主动公开。…(五)监督保障",
    # the content of 一、总体情况, without the heading.
    text = SKELETON.replace("一、总体情况\n2024年，区卫健局坚持以习近平新时代中国特色社会主义思想为指导。",
                            "(一)主动公开。2024年，我局主动公开信息52条。(二)依申请公开。未收到申请。")
    [finding] = diagnostics(text, "S002")
    assert (finding.line, finding.column) == (2, 1)
    assert "缺少第一部分的标题“一、总体情况”" in finding.message and "(一)主动公开" in finding.message


def test_problems_without_their_heading_between_table_four_and_six():
    text = SKELETON.replace("五、存在的主要问题及改进情况\n", "（一）存在的主要问题\n")
    [finding] = diagnostics(text, "S002")
    assert (finding.line, finding.column) == (10, 1)
    assert "缺少第五部分的标题" in finding.message and "（一）存在的主要问题" in finding.message


def test_no_section_at_all():
    [finding] = diagnostics("前进区卫生健康局2024年政府信息公开工作年度报告\n本局全年工作平稳。\n", "S002")
    assert "未找到任何规定章节" in finding.message


def test_the_pre_2019_outline(corpus_text):
    # real-openings/011 (粤汉街道): 主动公开 / 依申请公开 / 行政复议和行政诉讼 /
    # 收费及减免 / 问题和改进措施 / 其他, numbered 一 to 六.
    from helpers import CORPUS

    text = (CORPUS / "openings" / "011.txt").read_text(encoding="utf-8")
    found = diagnostics(text, "S", "P005", "A003")
    assert [(d.code, d.line) for d in found if d.code != "S006"] == [
        ("P005", 6), ("S002", 8), ("S002", 26)]          # 六 is cut off in this opening
    assert "收费及减免" in found[0].message


def test_sections_numbered_like_sub_headings(corpus_text):
    # "（二）主动公开政府信息情况": the sections are there, numbered wrongly.
    text = corpus_text("003")
    for old, new in (("一、总体情况", "（一）总体情况"), ("二、主动公开", "（二）主动公开"), ("三、收到和处理", "（三）收到和处理"),
                     ("四、因政府信息", "（四）因政府信息"), ("五、存在的主要", "（五）存在的主要"), ("六、其他需要", "（六）其他需要")):
        text = text.replace(old, new, 1)
    found = diagnostics(text, "S002", "S005", "T001")
    assert [(d.code, d.message) for d in found] == [
        ("S005", f"章节编号“（{n}）”应为“{n}、”") for n in "一二三四五六"]


def test_a_sub_heading_worded_like_a_section_is_not_one(corpus_text):
    # Inside 一、总体情况, "（二）主动公开政府信息情况" is a sub-heading: 二 has its own heading.
    text = corpus_text("003").replace("（一）主动公开情况。", "（二）主动公开政府信息情况\n", 1)
    assert run(text, "S002", "S003", "S004", "S005") == []
