"""C004 narrative-sum: totals in the prose against their listed breakdown.

The sentences are real: each is a line of a published report (the source
is named beside it; the openings are corpus/openings/, see
docs/review/new-rules.md). Every one adds up as published and must stay
quiet; changing one number of it must give exactly one finding, at the
total.
"""
from __future__ import annotations

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file
from layouts import VARIANTS

CODE = "C004"

# real-openings/013 (武汉市洪山区人民政府 2023): 733 = 238+33+38+323+25+76; the
# 45 carried over is another statement.
HONGSHAN = ("2023年全区共办结政府信息依申请公开733件,其中予以公开238件,部分公开33件,不予公开38件,"
            "无法提供323件,不予处理25件,其他处理76件,转接下年度办理45件。")
# real-openings/017 (宜兴市教育局 2021): the breakdown opens the next sentence.
YIXING = ("(一)主动公开。2021年,我局主动公开信息52条。其中部门文件7条、文件废止0条、政策解读2条、图解政策2条、"
          "政府部门财政预决算19条、权责及监管信息2条、教育信息16条、重点工作执行情况2条、信息公开制度1条、年度报告1条。"
          "严格保密审查,除涉及国家秘密和个人隐私等信息外,其他信息均如实及时公开。")
# real-openings/019 (武汉东湖新技术开发区教育局 2021): parts separated by ，and ；,
# a percentage between the total and 其中, a remark in brackets inside a part.
DONGHU = ("2021年,教育局在政府信息公开目录系统主动公开涉及教育的政府信息108条,全文电子化率100%。其中,"
          "政府信息公开指南1条,组织机构信息1条;规范性文件信息4条;其他文件信息4条;其他信息93条;办事指南信息1条,"
          "政府信息公开工作年度报告1条,部门预决算3(45个单位在3个总表中公示)条。")
# real-openings/029 (广州市越秀区梅花村街道办事处 2023): 55 = 5+19+5+3+1+22, and 3 = 2+1.
MEIHUACUN = ("2023年梅花村街通过广州市越秀区人民政府门户网站主动公开政府信息共计55条。其中:组织机构类信息5条;"
             "街道动态类信息19条;部门文件类信息5条;财政预决算类信息3条;政府信息公开报告信息1条;其他信息22条。")
MEIHUACUN_APPLICATIONS = ("梅花村街严格按照法定程序,受理信息公开申请。本年度收到依申请公开3次,均为自然人提出申请,"
                          "其中:予以公开2次,部分公开1次,全部在规定时间内办理完结。")
# real-openings/025 (广州市荔湾区桥中街道办事处 2023): 4 = 0+1+3+0, then 结转 and a fee.
QIAOZHONG = ("截至2023年12月31日,法定主动公开政府信息共222条。收到政府信息公开申请4件,已办结4件,其中予以公开0件,"
             "部分公开1件,无法提供3件,其他0件,结转下年度继续办理0件,行政事业性收费0万元。")


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def found(text: str):
    return [(d.line, d.column, d.end_column) for d in lint(text)]


def column(text: str, needle: str) -> int:
    return text.index(needle) + 1


@pytest.mark.parametrize("sentence", [HONGSHAN, YIXING, DONGHU, MEIHUACUN, MEIHUACUN_APPLICATIONS, QIAOZHONG],
                         ids=["013", "017", "019", "029", "029-applications", "025"])
def test_real_breakdowns_that_add_up_are_quiet(sentence):
    assert lint(sentence) == []


def test_one_part_changed_in_a_breakdown_within_the_sentence():
    text = HONGSHAN.replace("予以公开238件", "予以公开228件")
    [d] = lint(text)
    assert (d.line, d.column, d.end_column) == (1, column(text, "733件"), column(text, "733件") + 4)
    assert d.code == CODE and d.name == "narrative-sum" and d.severity == "warning"
    assert d.message == ("总数“733件”与所列分项不符：分项相加为723件（228+33+38+323+25+76），比总数少10件："
                         "请核对总数和各分项")
    assert len(d.related) == 6 and d.related[0]["message"] == "分项“予以公开228件”"


def test_total_changed_with_the_breakdown_in_the_next_sentence():
    text = YIXING.replace("信息52条", "信息53条")
    assert found(text) == [(1, column(text, "53条"), column(text, "53条") + 3)]
    assert "分项相加为52条" in lint(text)[0].message


def test_parts_that_add_up_to_more_than_the_total():
    text = DONGHU.replace("其他信息93条", "其他信息95条")
    [d] = lint(text)
    assert d.column == column(text, "108条")
    assert "分项相加为110条" in d.message and "比总数多2条" in d.message


def test_semicolon_separated_parts_changed():
    text = MEIHUACUN.replace("街道动态类信息19条", "街道动态类信息18条")
    assert found(text) == [(1, column(text, "55条"), column(text, "55条") + 3)]


def test_small_breakdown_in_times():
    text = MEIHUACUN_APPLICATIONS.replace("部分公开1次", "部分公开2次")
    [d] = lint(text)
    assert d.column == column(text, "3次") and "分项相加为4次" in d.message


def test_breakdown_ending_in_a_carry_over_clause_changed():
    text = QIAOZHONG.replace("无法提供3件", "无法提供2件")
    [d] = lint(text)
    assert d.column == column(text, "已办结4件") + 3


@pytest.mark.parametrize("text", [
    # An open list: 主要, 如, 等, a remainder without its count.
    "全年主动公开政府信息52条,其中主要有部门文件7条、政策解读2条。",
    "全年主动公开政府信息52条,其中如部门文件7条、政策解读2条。",
    "全年主动公开政府信息52条,其中部门文件7条、政策解读2条等。",
    "全年主动公开政府信息52条,其中部门文件27条、政策解读2条,其余为工作动态。",
    "全年主动公开政府信息52条,主要包括部门文件27条、政策解读2条。",
    # A single part is a partial mention (corpus 000: "其中:行政处罚公开61条").
    "截止2024年12月31日,主动公开各类政府信息61条,主动公开了机构基本信息、财政预决算等信息;其中:行政处罚公开51条。",
    # Approximate parts (real-openings/015: "1100余条").
    "2021年全年,我局公开各类信息共计13921条,其中通过政府网站及局官网公开信息12766条,"
    "通过“石家庄教育发布”微信公众号发布信息1100余条。",
    # A breakdown by channel may count one item twice.
    "全年公开各类信息共计13921条,其中通过政府网站公开信息12766条,通过微信公众号发布信息1200条。",
    # Two totals before a sentence that opens with 其中 (real-openings/021): which one?
    "截至12月31日,新增主动公开政府信息311条,累计主动公开政府信息达3174条。其中部门领导信息36条,机构设置信息3条,"
    "人事信息20条,政策法规信息6条,行政执法信息91条,应急管理类信息22条。",
    # Another number between the total and 其中.
    "共收到申请12件,涉及3个部门,其中教育局5件,卫健局3件。",
    # Highlights: far less than half of the total, no residual part.
    "全年主动公开政府信息1234条,其中政策解读20条,图解政策5条。",
    # A nested breakdown.
    "全年主动公开政府信息52条,其中部门文件30条,其中规范性文件2条、其他文件28条。",
    # A count in words the rule does not read.
    "全年主动公开政府信息52条,其中部门文件30条,政策解读若干条。",
])
def test_lists_that_are_not_a_complete_breakdown_are_quiet(text):
    assert lint(text) == []


def test_a_list_cut_at_the_end_of_a_line_is_quiet():
    # real-openings/021 is cut here; a PDF line wraps here.
    text = "全年主动公开政府信息52条,其中部门文件7条,政策解读2条,\n图解政策2条。"
    assert lint(text) == []
    wrapped = "全年主动公开政府信息52条,其中部门文件7条,政策解读2条,图解政策2\n条,其他信息41条。"
    assert lint(wrapped) == []


def test_table_rows_are_not_prose():
    text = "| 其中 | 规章 | 5件 | 规范性文件 | 3件 | 总计 | 10件 |"
    assert lint(text) == []


def test_respectively():
    quiet = "2023年共办结申请12件,其中予以公开、部分公开、不予公开分别为5件、4件、3件。"
    assert lint(quiet) == []
    text = quiet.replace("3件。", "2件。")
    assert found(text) == [(1, column(text, "12件"), column(text, "12件") + 3)]


def test_decimal_amounts():
    assert lint("全年收取信息处理费共计1.5万元,其中复印费0.8万元,邮寄费0.7万元。") == []
    [d] = lint("全年收取信息处理费共计1.5万元,其中复印费0.8万元,邮寄费0.6万元。")
    assert "分项相加为1.4万元" in d.message


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


def test_shares_between_the_parts():
    quiet = "2023年共办结申请10件,其中予以公开5件,占50%;部分公开3件,占30%;无法提供2件,占20%。"
    assert lint(quiet) == []
    [d] = lint(quiet.replace("无法提供2件", "无法提供1件"))
    assert "分项相加为9件" in d.message


def test_two_totals_joined_before_the_breakdown_are_ambiguous():
    # 其中 may divide both: 8 + 27 = 15 + 20.
    assert lint("全年办理人大代表建议15件、政协提案20件,其中主办8件、协办26件。") == []
    # Two totals in separate clauses: the nearest one is divided (real-openings/025).
    assert len(lint("收到政府信息公开申请4件,已办结4件,其中予以公开1件,无法提供2件。")) == 1


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_layout_gives_the_same_finding(variant):
    # real-openings/019's page: a toolbar with pipes, the title, the page fields, then the prose.
    page = ("智能问答   |   无障碍浏览   |   长者专区   |   ENGLISH\n\n"
            "2021年东湖高新区教育局政府信息公开工作年度报告\n\n  • 2022-01-24 09:05\n\n" + DONGHU + "\n")
    changed = page.replace("其他信息93条", "其他信息95条")
    assert lint(VARIANTS[variant](page)) == []
    [d] = lint(VARIANTS[variant](changed))
    assert "分项相加为110条" in d.message


def test_a_second_breakdown_in_the_sentence_is_not_divided_by_a_part_of_the_first():
    text = ("全年受理申请12件,其中网上申请8件,信函申请3件,当面申请1件,均已按时办结,"
            "其中予以公开6件,部分公开4件,无法提供2件。")
    assert lint(text) == []
    changed = text.replace("信函申请3件", "信函申请2件")
    [d] = lint(changed)
    assert d.column == changed.index("12件") + 1 and "分项相加为11件" in d.message


OPENINGS = corpus_file("000").parent / "openings"


@pytest.mark.parametrize("name, old, new, total", [
    ("013", "予以公开238件", "予以公开228件", "733件"),
    ("017", "信息52条", "信息53条", "53条"),
    ("019", "其他信息93条", "其他信息95条", "108条"),
    ("029", "街道动态类信息19条", "街道动态类信息18条", "55条"),
    ("029", "部分公开1次", "部分公开2次", "3次"),
    ("025", "无法提供3件", "无法提供2件", "4件"),
])
def test_whole_openings_with_one_number_changed(name, old, new, total):
    text = (OPENINGS / f"{name}.txt").read_text(encoding="utf-8")
    assert lint(text) == []
    changed = text.replace(old, new, 1)
    [d] = lint(changed)
    assert changed[d.start:d.end] == total
