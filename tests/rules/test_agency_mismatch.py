"""C005 agency-mismatch: signed or published by another agency than the title names.

The reports are real (corpus/, corpus/openings/, the two PDF reports'
text); the signatures added to them are written the way real reports sign
off, and the publisher fields are the real ones, some changed to another
bureau.
"""
from __future__ import annotations

import pytest

from govlint.model.agency import parse_agency, same_agency, hosts
from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file
from layouts import VARIANTS

CODE = "C005"

# real-openings/027 (张掖市甘州区东街街道办事处 2023): breadcrumb, title, page fields.
DONGJIE = ("当前位置: 首页>政府信息公开>政府信息公开年报>2023年>部门公开年报\n\n"
           "东街街道2023年度政府信息公开工作年度报告\n\n"
           "发表日期:2024-01-26 15:35:23 发布机构:政务服务管理局\n"
           "索引号 620702074/2024-00047 发文字号 东街街道2023年度政府信息公开工作年度报告号\n"
           "关键词 发布机构 政务服务管理局\n公开形式 责任部门\n生成日期 2024-01-26 15:35:23 是否有效\n\n"
           "一、总体情况\n    2023年,东街街道认真贯彻落实《中华人民共和国政府信息公开条例》及有关文件精神。\n")
# pdf-001 (洪泽区人民政府 2023): its title, wrapped over two lines after the page number.
HONGZE = "- 1 -\n洪泽区人民政府\n2023 年政府信息公开工作年度报告\n一、总体情况\n2023 年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导。\n"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def corpus(prefix: str) -> str:
    return corpus_file(prefix).read_text(encoding="utf-8")


def signed(text: str, *lines: str) -> str:
    return text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_is_quiet(prefix):
    # 004: 发布机构 榆林市榆阳区人民政府办公室 for 榆阳区卫健局, the 主管部门 publishing a department's report.
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


def test_signature_of_another_city_bureau():
    text = signed(corpus("003"), "莱阳市卫生健康局", "2024年1月20日")
    [d] = lint(text)
    lines = text.split("\n")
    assert (d.line, d.column, d.end_column) == (len(lines) - 2, 1, 9)
    assert d.code == CODE and d.name == "agency-mismatch" and d.severity == "warning"
    assert d.message == ("落款为“莱阳市卫生健康局”，与标题中的机关“海阳市卫生健康局”不是同一机关："
                         "报告可能是从其他机关的报告复制而来，请核对落款")
    assert d.related[0]["line"] == 3 and d.related[0]["message"] == "标题中的机关“海阳市卫生健康局”"


def test_signature_of_another_bureau_of_the_same_district():
    text = signed(corpus("002"), "前进区教育局 2025年1月20日")
    [d] = lint(text)
    assert d.message.startswith("落款为“前进区教育局”")


def test_signature_run_into_the_last_sentence():
    text = corpus("002").rstrip() + "莱阳市卫生健康局2025年1月20日"
    [d] = lint(text)
    assert "落款为“莱阳市卫生健康局”" in d.message


@pytest.mark.parametrize("lines", [
    ("区卫健局", "2025年1月20日"),                  # the short form of 前进区卫生健康局
    ("前进区卫生健康局", "2025年1月20日"),
    ("前进区卫健局办公室 2025年1月20日",),            # an office inside the agency
    ("前进区卫生健康委员会", "2025年1月20日"),          # a 局 and a 委员会 of the same words
    ("中共前进区卫生健康局委员会　前进区卫生健康局", "2025年1月20日"),   # a joint signature
    ("前进区人民政府办公室", "2025年1月20日"),          # the 主管部门
    ("二〇二五年一月二十日",),                        # a date alone
])
def test_signatures_of_the_same_agency(lines):
    assert lint(signed(corpus("002"), *lines)) == []


def test_short_city_form_of_the_title_agency():
    assert lint(signed(corpus("003"), "市卫生健康局", "2024年1月20日")) == []


def test_publisher_of_another_bureau_in_the_metadata_block():
    text = corpus("004").replace("榆林市榆阳区人民政府办公室", "榆林市榆阳区教育局", 1)
    [d] = lint(text)
    assert (d.line, d.column) == (3, 12)
    assert d.message == ("发布机构为“榆林市榆阳区教育局”，与标题中的机关“榆阳区卫健局”不是同一机关："
                         "报告可能是从其他机关的报告复制而来，请核对发布机构")


def test_office_of_another_district():
    text = corpus("004").replace("榆林市榆阳区人民政府办公室", "榆林市横山区人民政府办公室", 1)
    assert [d.line for d in lint(text)] == [3]


def test_street_office_report_published_by_the_portal_operator():
    # real-openings/027: 发布机构 政务服务管理局 (the body that runs the district's
    # portal and its 政务公开 work) for a 街道's report: a host, not a copy.
    assert lint(DONGJIE) == []


def test_street_office_report_published_by_another_bureau():
    text = DONGJIE.replace("政务服务管理局", "甘州区教育局")
    [d] = lint(text)
    assert (d.line, d.column) == (5, text.split("\n")[4].index("甘州区教育局") + 1)
    # The same name again in line 7 is named, not reported twice.
    assert [r["line"] for r in d.related] == [3, 7]


def test_government_report_and_its_office():
    assert lint(signed(HONGZE, "淮安市洪泽区人民政府办公室", "2024年1月15日")) == []
    [d] = lint(signed(HONGZE, "淮安市淮阴区人民政府办公室", "2024年1月15日"))
    assert "淮阴区" in d.message


def test_a_text_cut_off_after_a_bureau_name_is_not_a_signature():
    # real-openings/019 ends mid-sentence: "…2021年,教育局共受理…已全部依法回复。\n\n按照政务和大数据局"
    text = ("2021年东湖高新区教育局政府信息公开工作年度报告\n一、总体情况\n"
            "2021年,教育局共受理政府信息公开申请3宗,主要涉及教师招聘及教师职称评定内容,已全部依法回复。\n\n"
            "按照政务和大数据局")
    assert lint(text) == []


def test_no_title_no_comparison():
    assert lint(signed(corpus("001"), "莱阳市卫生健康局", "2024年1月20日")) == []


@pytest.mark.parametrize("a, b", [
    ("榆阳区卫健局", "榆林市榆阳区卫生健康局"),
    ("2021年东湖高新区教育局", "武汉东湖新技术开发区教育局"),
    ("广州市越秀区人民政府梅花村街道办事处", "梅花村街道办事处"),
    ("东街街道", "东街街道办事处"),
    ("海阳市市场监督管理局", "海阳市市场监管局"),
    ("住房和城乡建设局", "区住建局"),
    ("发展和改革委员会", "发改委"),
])
def test_same_agency(a, b):
    assert same_agency(parse_agency(a), parse_agency(b))


@pytest.mark.parametrize("a, b", [
    ("海阳市卫生健康局", "莱阳市卫生健康局"),
    ("上海市黄浦区卫生健康委员会", "上海市卫生健康委员会"),
    ("神木市卫生健康局", "神木市民政局"),
    ("统计局", "审计局"),
    ("城市管理局", "市场监督管理局"),
])
def test_different_agencies(a, b):
    assert not same_agency(parse_agency(a), parse_agency(b))


@pytest.mark.parametrize("host, agency, expected", [
    ("榆林市榆阳区人民政府办公室", "榆阳区卫健局", True),
    ("政务服务管理局", "东街街道", True),
    ("甘州区政务服务和大数据管理局", "东街街道", True),
    ("越秀区人民政府办公室", "广州市越秀区人民政府梅花村街道办事处", True),
    ("荔湾区人民政府办公室", "广州市越秀区人民政府梅花村街道办事处", False),
    ("莱阳市人民政府办公室", "海阳市卫生健康局", False),
    ("海阳市教育局", "海阳市卫生健康局", False),
])
def test_hosts(host, agency, expected):
    assert hosts(parse_agency(host), parse_agency(agency)) is expected


def test_signature_dated_to_the_month():
    [d] = lint(signed(corpus("003"), "莱阳市卫生健康局", "2024年1月"))
    assert "莱阳市卫生健康局" in d.message


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_layout_gives_the_same_finding(variant):
    text = corpus("004").replace("榆林市榆阳区人民政府办公室", "榆林市榆阳区教育局", 1)
    [d] = lint(VARIANTS[variant](text))
    assert d.message.startswith("发布机构为“榆林市榆阳区教育局”")
    [d] = lint(VARIANTS[variant](signed(corpus("003"), "莱阳市卫生健康局", "2024年1月20日")))
    assert d.message.startswith("落款为“莱阳市卫生健康局”")


@pytest.mark.parametrize("value", ["本网", "管理员", "榆阳区政府网站", "榆林市榆阳区卫生健康局（榆阳区爱卫办）"])
def test_publisher_values_that_are_not_another_agency(value):
    assert lint(corpus("004").replace("榆林市榆阳区人民政府办公室", value, 1)) == []


# real-openings/021 (怀远县公安局 2020): title and preamble.
HUAIYUAN = ("怀远县公安局2020年政府信息公开工作年度报告\n"
            "本报告是根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求,由怀远县公安局编制。全文由政府信息公开"
            "总体情况、主动公开政府信息情况等六部分组成。\n一、总体情况\n2020年,我局以习近平新时代中国特色社会主义思想为指导。\n")


def test_preamble_naming_the_agency_that_drew_the_report_up():
    assert lint(HUAIYUAN) == []
    text = HUAIYUAN.replace("由怀远县公安局编制", "由怀远县交通运输局编制")
    [d] = lint(text)
    assert (d.line, d.column) == (2, text.split("\n")[1].index("怀远县交通运输局") + 1)
    assert d.message == ("编制机关为“怀远县交通运输局”，与标题中的机关“怀远县公安局”不是同一机关："
                         "报告可能是从其他机关的报告复制而来，请核对编制机关")
    # "由本机关编制", "由我局负责编制": no name to compare.
    assert lint(HUAIYUAN.replace("由怀远县公安局编制", "由我局负责编制")) == []


def test_pdf_preamble_wrapped_over_lines():
    # pdf-001 (洪泽区人民政府 2023), lines 1-8: the government's office drew the report up.
    text = ("- 1 -\n洪泽区人民政府\n2023 年政府信息公开工作年度报告\n"
            "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和\n"
            "国政府信息公开条例》（国令第 711 号）（以下简称《条例》）\n"
            "要求编制此报告。报告中所列数据统计期限自 2023 年 1 月 1 日\n"
            "起至 2023 年 12 月 31 日止。\n一、总体情况\n2023 年，洪泽区人民政府坚持以习近平新时代中国特色社会主义思想为指导。\n")
    assert lint(text) == []
    [d] = lint(text.replace("淮安市洪泽区人民政府办公室", "淮安市洪泽区教育局"))
    assert d.message.startswith("编制机关为“淮安市洪泽区教育局”，与标题中的机关“洪泽区人民政府”")
