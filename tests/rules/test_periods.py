"""P001–P004 on real reports, each with one statement changed (P005–P007 are in
test_format_version.py, C003 in test_overview_topics.py)."""
from __future__ import annotations

import pytest

from helpers import diagnostics, findings, opening, run


def test_seeds_are_quiet_except_the_missing_years(corpus_text):
    for name in ("001", "002", "003"):
        assert run(corpus_text(name), "P") == []
    assert run(corpus_text("000"), "P") == [("P001", 5, 1)]
    assert run(corpus_text("004"), "P") == [("P001", 5, 11)]


def test_missing_year_is_an_error_when_nothing_states_it(corpus_text):
    text = (corpus_text("000").replace("2024年度", "本年度").replace("截止2024年12月31日", "截止年底")
            .replace("2024年未出现", "本年未出现"))
    found = diagnostics(text, "P001")
    assert [(d.line, d.column, d.severity) for d in found] == [(5, 1, "error")]


@pytest.mark.parametrize("title", [
    "二〇二四年神木市卫生健康局政府信息公开工作年度报告",        # the year in Chinese numerals
    "神木市卫生健康局二〇二四年度政府信息公开工作年度报告",
    "神木市卫生健康局政府信息公开工作年度报告（2024）",          # in brackets, without 年
])
def test_a_title_with_its_year_written_otherwise_has_its_year(corpus_text, title):
    # corpus 000 (神木市卫生健康局, 2024), its title on line 5; line 3 repeats the agency.
    lines = corpus_text("000").split("\n")
    lines[2], lines[4] = "", title
    text = "\n".join(lines)
    assert run(text, "P001", "P002", "S001") == []
    # and a year that is not the body's is read as the title's
    [finding] = diagnostics(text.replace("二〇二四", "二〇二三").replace("（2024）", "（2023）"), "P002")
    assert finding.line == 5 and "2023" in finding.message


def test_title_year_disagrees_with_the_body(corpus_text):
    text = corpus_text("003").replace("海阳市卫生健康局 2023 年", "海阳市卫生健康局 2022 年")
    found = diagnostics(text, "P002")
    assert [(d.code, d.line, d.column) for d in found] == [("P002", 3, 10)]
    assert "2022" in found[0].message and "2023" in found[0].message
    assert found[0].related[0]["line"] == 7


def test_period_sentence_disagrees(corpus_text):
    text = corpus_text("001").replace("2025年1月1日至2025年12月31日", "2024年1月1日至2024年12月31日")
    assert run(text, "P002") == [("P002", 1, 47)]


def test_period_not_calendar_year(corpus_text):
    text = corpus_text("001").replace("至2025年12月31日", "至2025年11月30日")
    assert run(text, "P003") == [("P003", 1, 47)]
    short = corpus_text("001").replace("2025年1月1日至2025年12月31日", "2025年1月1日至12月31日")
    assert run(short, "P") == []


@pytest.mark.parametrize("sentence", [
    "2024年，我局将进一步加强政务公开工作。",           # next year's plan, in 五
    "下一步，2024年我局将继续完善工作机制。",
    "2019年以来，我局持续推进政务公开标准化建设。",      # history
    "自2019年以来，累计主动公开政府信息1200条。",
    "根据《2023年政务公开工作要点》要求，我局细化了任务分工。",  # a document cited by its year
    "2024年1月，我局召开专题会议部署年度报告编制工作。",   # an event in January of the next year
])
def test_years_that_are_not_the_reporting_year_are_not_slips(corpus_text, sentence):
    # 003 reports on 2023; each sentence added to its 一、总体情况 and to 五.
    text = corpus_text("003")
    for heading in ("一、总体情况", "五、存在的主要问题及改进情况"):
        text = text.replace(heading + "\n", heading + "\n" + sentence + "\n", 1)
    assert run(text, "P002") == []


def test_the_years_own_data_under_another_year_is_a_slip(corpus_text):
    # A report on 2023 whose section 二 says what "2022年" produced.
    text = corpus_text("003").replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n2022年，我局主动公开政府信息326条。\n", 1)
    found = diagnostics(text, "P002")
    assert [text[d.start:d.end] for d in found] == ["2022"]


def test_plans_and_other_years_are_not_claims(corpus_text):
    text = corpus_text("003") + "\n2024年，我局将进一步加强政务公开工作。\n"
    assert run(text, "P002") == []
    assert run(corpus_text("000"), "P002") == []          # "2025年，我局将通过…" in 五


def test_late_publication_department(corpus_text):
    text = corpus_text("004").replace("2021-01-26", "2021-02-05")
    found = diagnostics(text, "P004")
    assert [(d.code, d.line, d.column, d.severity) for d in found] == [("P004", 3, 39, "error")]
    assert "2021-01-31" in found[0].message


def test_government_has_until_march(corpus_text):
    base = corpus_text("004").replace("榆阳区卫健局政府信息公开工作年度报告", "榆林市榆阳区人民政府2020年政府信息公开工作年度报告")
    assert run(base.replace("2021-01-26", "2021-03-20"), "P004") == []
    assert run(base.replace("2021-01-26", "2021-04-02"), "P004") == [("P004", 3, 39)]


def test_township_and_unclear_publishers_are_warned(corpus_text):
    base = corpus_text("004").replace("2021-01-26", "2021-02-05")
    town = base.replace("榆阳区卫健局政府信息公开工作年度报告", "鱼河镇人民政府2020年政府信息公开工作年度报告")
    assert [(d.line, d.severity) for d in diagnostics(town, "P004")] == [(3, "warning")]


@pytest.mark.parametrize("agency, kind", [
    ("榆林市榆阳区人民政府", "government"),
    ("上海市", "government"),                          # "2022年上海市政府信息公开工作年度报告" (real-openings/001)
    ("洪山区人民政府", "government"),                  # "洪山区人民政府信息公开工作年度报告(2023年度)" (013)
    ("广州市越秀区政府", "government"),                # the government named in short
    ("淮安市政府", "government"),
    ("鱼河镇政府", "township"),
    ("东湖高新区", "government"),
    ("西咸新区管委会", "government"),
    ("苏州工业园区管理委员会", "government"),
    ("榆阳区卫健局", "department"),
    ("杨凌示范区审计局", "department"),                # a department of a 示范区 (real-openings/007)
    ("榆林市榆阳区人民政府办公室", "department"),      # the office's own report
    ("上海市人民政府参事室", "department"),
    ("西安市城市管理委员会", "department"),            # a 管理委员会 that is a department
    ("鱼河镇人民政府", "township"),
    ("东街街道", "township"),                          # real-openings/027
    ("广州市越秀区人民政府梅花村街道办事处", "township"),  # real-openings/029
    ("武汉市东湖生态旅游风景区城乡工作办事处", "township"),  # real-openings/009
    ("某某", "unknown"),
    (None, "unknown"),
])
def test_publisher_kind_from_the_agency(agency, kind):
    from govlint.model.publisher import publisher

    assert publisher(agency).kind == kind


def _titled(corpus_text, title, published):
    return (corpus_text("004").replace("榆阳区卫健局政府信息公开工作年度报告", title)
            .replace("2021-01-26", published))


@pytest.mark.parametrize("title, published, expected", [
    # a government's own report: 31 March
    ("榆林市榆阳区人民政府2020年政府信息公开工作年度报告", "2021-03-31", None),
    ("2020年榆林市政府信息公开工作年度报告", "2021-03-20", None),
    ("榆林市榆阳区政府2020年政府信息公开工作年度报告", "2021-03-20", None),
    ("榆林市榆阳区政府2020年政府信息公开工作年度报告", "2021-04-02", ("error", "县级以上地方人民政府")),
    ("西咸新区管委会2020年政府信息公开工作年度报告", "2021-04-02", ("error", "3 月 31 日前公布")),
    # a department: 31 January
    ("榆阳区卫健局2020年政府信息公开工作年度报告", "2021-01-31", None),
    ("榆阳区卫健局2020年政府信息公开工作年度报告", "2021-02-05", ("error", "县级以上人民政府部门")),
    # a township: no statutory date, a warning worded so
    ("鱼河镇人民政府2020年政府信息公开工作年度报告", "2021-03-26", ("warning", "未规定期限")),
    # who publishes cannot be told: never an error, and only past every deadline
    ("某某2020年政府信息公开工作年度报告", "2021-02-15", None),
    ("某某2020年政府信息公开工作年度报告", "2021-04-10", ("warning", "无法从标题判断")),
])
def test_the_deadline_follows_who_publishes(corpus_text, title, published, expected):
    found = diagnostics(_titled(corpus_text, title, published), "P004")
    if expected is None:
        assert found == []
    else:
        [finding] = found
        assert finding.severity == expected[0] and expected[1] in finding.message, finding.message


def test_signature_date(corpus_text):
    text = corpus_text("003").rstrip("\n") + "\n\n海阳市卫生健康局\n2024年2月5日\n"
    line = text.count("\n")
    assert run(text, "P004") == [("P004", line, 1)]
    assert run(text.replace("2024年2月5日", "2024年1月20日"), "P004") == []


def test_signature_date_run_into_the_last_sentence(corpus_text):
    # The same report as a crawler delivers it: no line breaks at all.
    from layouts import collapsed

    text = collapsed(corpus_text("003").rstrip("\n") + "\n\n海阳市卫生健康局\n2024年2月5日\n")
    [finding] = diagnostics(text, "P004")
    assert text[finding.start:finding.end] == "2024年2月5日"
    assert run(text.replace("2024年2月5日", "2024年1月20日"), "P004") == []


def test_publication_in_the_reporting_year(corpus_text):
    text = corpus_text("004").replace("2021-01-26", "2020-12-20")
    assert run(text, "P002") == [("P002", 3, 39)]
    assert run(text, "P004") == []



@pytest.mark.parametrize("number, deadline, expected", [
    # real-openings/029: 梅花村街道办事处's 2023 report, "发布日期:2024-01-12"
    ("029", None, []),
    ("029", "01-20", []),
    ("029", "01-10", [("P004", 2, 6, "发布日期 2024-01-12 晚于 2024-01-10（“广州市越秀区人民政府梅花村街道办事处”是乡镇或街道，"
                                     "条例第四十九条未规定期限，按当地规定（township-deadline）1 月 10 日前公布）：应按时发布")]),
    ("029", "", []),
])
def test_township_deadline_option_on_real_openings(number, deadline, expected):
    options = None if deadline is None else {"late-publication": {"township-deadline": deadline}}
    found = findings(opening(number), "P004", options=options)
    assert [got[:len(want)] for got, want in zip(found, expected)] == expected and len(found) == len(expected)


def test_the_pages_publication_date_as_some_sites_label_it():
    # real-openings/027 (东街街道, 2023): "发表日期:2024-01-26 15:35:23 发布机构:政务服务管理局"
    # on line 5. On time as published; a day after 31 January is a township's warning.
    assert findings(opening("027"), "P004") == []
    late = opening("027").replace("发表日期:2024-01-26", "发表日期:2024-02-06")
    [finding] = findings(late, "P004")
    assert finding[:3] == ("P004", 5, 6) and finding[3].startswith("发表日期 2024-02-06 晚于 2024-01-31（“东街街道”是乡镇或街道")


def test_township_deadline_option_applies_to_townships_only(corpus_text):
    late = corpus_text("004").replace("2021-01-26", "2021-02-05")
    town = late.replace("榆阳区卫健局政府信息公开工作年度报告", "鱼河镇人民政府2020年政府信息公开工作年度报告")
    later = {"late-publication": {"township-deadline": "03-31"}}
    unchecked = {"late-publication": {"township-deadline": ""}}
    assert [f[:3] for f in findings(town, "P004")] == [("P004", 3, 39)]           # the usual 31 January
    assert findings(town, "P004", options=later) == []
    assert findings(town, "P004", options=unchecked) == []
    assert [f[:3] for f in findings(town.replace("2021-02-05", "2021-04-02"), "P004", options=later)] == [("P004", 3, 39)]
    # a department's deadline is the 条例's, whatever the option says
    assert [f[:3] for f in findings(late, "P004", options=later)] == [("P004", 3, 39)]
    assert [f[:3] for f in findings(late, "P004", options=unchecked)] == [("P004", 3, 39)]
