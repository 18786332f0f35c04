"""C006 missing-accountability-results: a people's government's 考核, 评议 and 追责 results."""
from __future__ import annotations

import pytest

from helpers import CORPUS, diagnostics, run

REPORT = """{agency}2023年政府信息公开工作年度报告
一、总体情况
（一）主动公开。全年主动公开政府信息1136条。
（五）监督保障。{oversight}
二、主动公开政府信息情况
"""


def report(agency: str, oversight: str) -> str:
    return REPORT.format(agency=agency, oversight=oversight)


@pytest.mark.parametrize("oversight, missing", [
    ("加强业务培训，开展常态化监测。", "工作考核、社会评议、责任追究"),
    ("将政务公开纳入年度绩效考核。", "社会评议、责任追究"),
    ("将政务公开纳入绩效考核，开展社会评议，全年未发生责任追究情况。", None),
    ("政务公开考核结果良好，群众评议满意度98%，本年度无问责情况。", None),
])
def test_a_government_report(oversight, missing):
    found = diagnostics(report("洪泽区人民政府", oversight), "C006")
    if missing is None:
        assert found == []
    else:
        assert [(d.line, d.message.split("：")[0]) for d in found] == [(2, f"人民政府年度报告的总体情况没有写{missing}结果")]


@pytest.mark.parametrize("agency", ["洪泽区人民政府", "上海市", "西咸新区管委会"])
def test_governments_are_held_to_it(agency):
    assert run(report(agency, "加强培训。"), "C006") == [("C006", 2, 1)]


@pytest.mark.parametrize("agency", ["洪泽区卫生健康局", "鱼河镇人民政府", "东街街道"])
def test_departments_and_townships_are_not(agency):
    # 第五十条第（四）项 names 各级人民政府: a department is not one; a 乡镇
    # government is one, but the 2021 format's 监督保障 clause is written for
    # county-level governments and their reports: judgement, left alone.
    assert run(report(agency, "加强培训。"), "C006") == []


def test_the_real_pdf_reports_of_a_district_government():
    # 洪泽区人民政府 2023 gives none of the three, 2024 only 考核 (independent review).
    from govlint.engine.lint import Options, lint_path

    found = {name: [d.message for d in lint_path(str(CORPUS / "pdf-text" / name), Options(select=["C006"])).diagnostics]
             for name in ("001.txt", "002.txt")}
    assert [m.split("：")[0] for m in found["001.txt"]] == ["人民政府年度报告的总体情况没有写工作考核、社会评议、责任追究结果"]
    assert [m.split("：")[0] for m in found["002.txt"]] == ["人民政府年度报告的总体情况没有写社会评议、责任追究结果"]
