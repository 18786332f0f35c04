"""S009 list-numbering: ordinal lists that skip, repeat or reverse a number.

Cases are real text: the corpus reports, edited where a number is changed,
and lines of real openings (corpus/openings/, named beside each).
Every real list is numbered right as published and must stay quiet.
"""
from __future__ import annotations

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file
from layouts import VARIANTS

CODE = "S009"

# real-openings/007 (杨凌示范区审计局 2022), lines 11-12.
YANGLING = "(五)监督保障情况\n一是把政务公开纳入年度内部目标考核;二是统一安排、部署、检查工作,确保任务、责任到人。\n"
# real-openings/017 (宜兴市教育局 2021), line 3: the five sub-items run together.
YIXING = ("(一)主动公开。2021年,我局主动公开信息52条。(二)依申请公开。2021年,我局未收到任何要求公开政府信息的申请。"
          "(三)政府信息管理。加强组织领导,完善工作机制。(四)政府信息公开平台建设。切实加强政府信息公开平台建设。"
          "(五)监督保障。各科室严格履行信息公开职责。")
# real-openings/023 (普宁市公安局 2020), lines 2-6.
PUNING = ("总体情况\n"
          "(一)、建立工作机构,加强领导。普宁市公安局高度重视政府信息公开工作,专门召开会议研究部署。\n"
          "(二)、建立工作机制,提升质量。严格按照《条例》实施政府信息公开制度。\n"
          "本年度我局没有发生政府信息依申请情况。\n"
          "(三)、形式多样,内容充实。我局政府信息主动公开主要依托警务公开栏。\n")


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def found(text: str):
    return [(d.line, d.column, d.end_column) for d in lint(text)]


def corpus(prefix: str) -> str:
    return corpus_file(prefix).read_text(encoding="utf-8")


def edit(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines)


def column(text: str, line: int, needle: str) -> int:
    return text.split("\n")[line - 1].index(needle) + 1


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_lists_are_numbered_right(prefix):
    # Numbered table rows (1.属于国家秘密 … 8.属于行政查询事项, the 2021
    # （六）其他处理 sub-items), section headings, sub-sections that restart
    # their "一是" lists: all quiet.
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


@pytest.mark.parametrize("text", [YANGLING, YIXING], ids=["007", "017"])
def test_real_lists_are_quiet(text):
    assert lint(text) == []


def test_repeated_number_in_a_paragraph():
    text = YANGLING.replace("二是统一", "一是统一")
    [d] = lint(text)
    assert (d.line, d.column, d.end_column) == (2, column(text, 2, "一是统一"), column(text, 2, "一是统一") + 2)
    assert d.code == CODE and d.name == "list-numbering" and d.severity == "warning"
    assert d.message == "列表编号重复：“一是”之后又是“一是”：应为“二是”，请按顺序编号"
    assert d.related[0]["message"] == "上一项“一是”"


def test_skipped_number_in_a_paragraph():
    text = YANGLING.replace("二是统一", "三是统一")
    [d] = lint(text)
    assert d.message == "列表编号跳号：“一是”之后是“三是”，缺少“二是”：请按顺序编号"


def test_two_then_two_again():
    # The example: "一是…二是…二是".
    text = "存在的问题有:一是信息公开工作人员的专业能力不够强;二是公开内容不够全面;二是更新不够及时。"
    [d] = lint(text)
    assert d.column == text.rindex("二是") + 1
    assert "应为“三是”" in d.message


def test_run_together_sub_items_misnumbered():
    text = YIXING.replace("(三)政府信息管理", "(四)政府信息管理")
    [d] = lint(text)
    assert d.column == text.index("(四)政府信息管理") + 1
    assert d.message == "列表编号不连续：“(二)”之后是“(四)”：应为“(三)”，请按顺序编号"


def test_corpus_003_items_one_paragraph_each():
    text = corpus("003")
    # Section 六 numbers its items 1. … 7., one paragraph each (lines 82-96).
    skipped = edit(text, 90, "4. 年度", "5. 年度")
    assert found(skipped) == [(90, 1, 3)]
    assert "应为“4.”" in lint(skipped)[0].message
    deleted = edit(text, 90, "4. 年度", "年度")
    [d] = lint(deleted)
    assert (d.line, d.column) == (92, 1)
    assert d.message == "列表编号跳号：“3.”之后是“5.”，缺少“4.”：请按顺序编号"


def test_corpus_000_inline_items():
    text = corpus("000")
    # Line 31: "1. 建立考核通报制度。…2. 主动听取社会公众意见。…3. 责任追究结果情况。"
    changed = edit(text, 31, "3. 责任追究", "4. 责任追究")
    assert found(changed) == [(31, column(changed, 31, "4. 责任追究"), column(changed, 31, "4. 责任追究") + 2)]
    repeated = edit(text, 31, "3. 责任追究", "2. 责任追究")
    assert "列表编号重复" in lint(repeated)[0].message


def test_corpus_000_sub_sections_restart_their_lists():
    # Lines 91-99: "(一) 存在的主要问题 … 一是…二是…" then "（二）今后改进措施 … 一是…二是…三是".
    text = corpus("000")
    assert "一是" in text.split("\n")[98]
    assert found(text) == []


def test_corpus_004_items_in_one_line():
    text = corpus("004")
    changed = edit(text, 140, "2.政策理论学习方面", "3.政策理论学习方面")
    # "1. 3. 3.": the second item is wrong, the list goes on from 3 as written.
    [d] = lint(changed)
    assert d.line == 140 and d.column == column(changed, 140, "3.政策理论") and "应为“2.”" in d.message


def test_bracket_number_with_enumeration_comma():
    [d] = lint(PUNING)
    assert (d.line, d.column, d.end_column) == (2, 1, 5)
    assert d.message == "括号编号后多了顿号：“(一)、”应为“(一)”（共 3 处）：括号已把编号隔开，不再加“、”"
    assert d.fix["safe"] is True
    assert [(e["line"], e["column"], e["replacement"]) for e in d.fix["edits"]] == [(2, 4, ""), (3, 4, ""), (5, 4, "")]
    assert len(d.related) == 2


def test_table_rows_and_references_are_not_lists():
    text = ("三、收到和处理政府信息公开申请情况\n"
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
            "（三）不予公开\n1.属于国家秘密\n2.其他法律行政法规禁止公开\n4.保护第三方合法权益\n"
            "（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n3.其他\n")
    assert lint(text) == []
    prose = "按照《条例》第二十条第（一）项、第（五）项和第（八）项的规定，第一项加第二项之和等于第三项加第四项之和。"
    assert lint(prose) == []


def test_headings_and_unnumbered_words_are_not_lists():
    text = ("一、总体情况\n首先，加强组织领导。其次，完善制度。最后，强化监督。\n"
            "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n")
    assert lint(text) == []


def test_numbers_that_are_not_markers():
    text = ("全年办理网上留言3件次，统一是我们的原则，唯一是目标。行政事业性收费14.9万元，"
            "1、2、3月份共发布信息20条，星期一是例会。附件1.名单")
    assert lint(text) == []


def test_a_new_list_after_a_complete_one_in_the_same_paragraph():
    text = "存在问题：一是人员少；二是能力弱。改进措施：一是加强培训；二是充实力量；三是完善制度。"
    assert lint(text) == []


def test_lists_in_different_sections_restart():
    text = ("一、总体情况\n（一）主动公开\n（二）依申请公开\n"
            "五、存在的主要问题及改进情况\n（二）改进措施\n")
    assert lint(text) == []


def test_a_pdf_paragraph_wrapped_over_lines():
    # pdf-002 (淮安市洪泽区人民政府 2024), lines 151-158: one paragraph, wrapped.
    text = ("针对存在问题，2025 年我们将切实抓好以下工作：一是扎实\n"
            "推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、\n"
            "强化部门协同配合，全面提升政府信息依申请公开规范化、专业\n"
            "化水平。二是加强对典型案例的研究、梳理和汇总。不定期更新\n"
            "编制适用性广、操作性强的依申请公开政府信息答复书模板，使\n"
            "各行政机关答复的方式、格式、不予公开依据等更加规范，有效\n"
            "降低行政复议、行政诉讼发生率和纠错率。三是继续加强业务指\n"
            "导培训。\n")
    assert lint(text) == []
    changed = text.replace("三是继续", "二是继续")
    assert found(changed) == [(7, changed.split("\n")[6].index("二是") + 1, changed.split("\n")[6].index("二是") + 3)]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_layout_gives_the_same_finding(variant):
    text = corpus("003")
    assert lint(VARIANTS[variant](text)) == []
    changed = VARIANTS[variant](edit(text, 90, "4. 年度", "5. 年度"))
    [d] = lint(changed)
    assert d.message == "列表编号不连续：“3.”之后是“5.”：应为“4.”，请按顺序编号"
    assert changed[d.start:d.end] == "5."


def test_a_reference_to_items_is_not_a_list_item():
    assert lint("依据《条例》第二十条(一)、(五)、(六)项的规定，主动公开相关信息。") == []
    assert lint("具体内容见(一)、(二)两部分。") == []


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_bracket_number_with_comma_in_every_layout(variant):
    [d] = lint(VARIANTS[variant](PUNING))
    assert d.message.startswith("括号编号后多了顿号：“(一)、”应为“(一)”（共 3 处）")


OPENINGS = corpus_file("000").parent / "openings"


@pytest.mark.parametrize("name, old, new, marker", [
    ("007", "二是统一", "三是统一", "三是"),
    ("017", "(三)政府信息管理", "(四)政府信息管理", "(四)"),
    ("029", "(四)政府信息公开平台建设", "(五)政府信息公开平台建设", "(五)"),
])
def test_whole_openings_with_one_number_changed(name, old, new, marker):
    text = (OPENINGS / f"{name}.txt").read_text(encoding="utf-8")
    assert lint(text) == []
    changed = text.replace(old, new, 1)
    [d] = lint(changed)
    assert changed[d.start:d.end] == marker
