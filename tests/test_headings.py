"""Section heading recognition on real text: what is a section, what is not."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.document import Document
from govlint.headings import match_heading
from govlint.report import parse_report

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize("line, number, how", [
    ("一、总体情况", 1, "canonical"),
    ("二、主动公开政府信息情况", 2, "canonical"),
    ("2、 主动公开政府信息情况", 2, "canonical"),                       # seed 002
    ("三、收到和处理政府信息公开申请情况 | ||||||||||||||||||", 3, "canonical"),  # seed 004
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4, "variant"),   # seed 003
    ("五、政府信息公开工作存在的主要问题和改进措施", 5, "variant"),
    ("六、其他报告事项", 6, "variant"),
    ("一、2023年政务公开总体情况", 1, "variant"),
    ("一 、 总 体 情 况", 1, "canonical"),
    ("二．主动公开政府信息情况", 2, "canonical"),
    ("五、存在的主要问题和整改情况", 5, "keywords"),
    # OCR noise: one or two misread characters
    ("一、总休情况", 1, "fuzzy"),
    ("三、收到和处理政府信患公开申清情况", 3, "fuzzy"),
    ("四、政府信息公开行政复议、行政拆讼情况", 4, "fuzzy"),
])
def test_headings_recognised(line, number, how):
    match = match_heading(line)
    assert match is not None
    assert (match.number, match.match) == (number, how)


@pytest.mark.parametrize("line", [
    "（一）主动公开情况",                           # sub-heading inside 总体情况
    "(二) 依申请公开情况",
    "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0",  # table 三 rows
    "三、本年度办理结果",
    "\t三、本年度办理结果",
    "四、结转下年度继续办理 |",
    "6. 无需要报告的其他事项。",                    # a list item in 六 (seed 003)
    "5. 政府信息公开工作年度报告数据统计无其他需要说明的事项。",
    "一是强化组织领导和制度建设情况。",
    "一、主动公开方面",                             # a numbered sub-item: numeral disagrees
    "二、今后改进措施",
    "1. 收取信息处理费情况。2023 年度我局未收取信息处理费。",
])
def test_not_headings(line):
    assert match_heading(line) is None


def test_corpus_numbered_lines_are_sections_only_where_headings_are():
    """Every Chinese-numbered short line in the corpus that is not one of the
    six headings stays outside the fuzzy budget."""
    for path in sorted(CORPUS.glob("*.txt")):
        document = Document(path.name, path.read_text(encoding="utf-8"))
        numbers = [s.number for s in parse_report(document).sections]
        assert sorted(numbers) == [1, 2, 3, 4, 5, 6], path.name
        assert numbers == sorted(numbers), path.name


def test_malformed_numerals_are_not_headings_and_do_not_crash():
    # found by hypothesis: "十一一、" is no numeral
    match_heading("十一一、总体情况")      # must not raise
    from govlint.text import chinese_numeral

    assert [chinese_numeral(x) for x in ("十一一", "一一", "十十", "十", "十一", "二十三")] == [None, None, None, 10, 11, 23]
