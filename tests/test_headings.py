"""Section heading recognition on real text: what is a section, what is not."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.model.document import Document
from govlint.model.headings import match_heading
from govlint.model.report import parse_report

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
    from govlint.model.text import chinese_numeral

    assert [chinese_numeral(x) for x in ("十一一", "一一", "十十", "十", "十一", "二十三")] == [None, None, None, 10, 11, 23]


# --------------------------------------------------------------------------
# Headings inside running text (crawled pages, pasted web text)

SIX = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
BODIES = ["2023年，我局坚持以公开为常态。（一）主动公开情况。全年主动公开信息120条。",
          "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000",
          "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）一、本年新收政府信息公开申请数量"
          "0000000三、本年度办理结果（一）予以公开0000000（七）总计0000000四、结转下年度继续办理0000000",
          "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计000000000000000",
          "（一）存在的主要问题。信息更新不够及时。（二）改进情况。下一步，我局将加强培训。",
          "本年度未收取信息处理费。"]


def sections_of(text):
    report = parse_report(Document("t.txt", text))
    return [(s.number, text[s.heading.span.start:s.heading.span.end]) for s in report.sections]


def run_together(intro="", headings=SIX, joiner=""):
    return "XX区农业农村局2023年政府信息公开工作年度报告" + intro + joiner.join(
        h + b for h, b in zip(headings, BODIES))


@pytest.mark.parametrize("intro", [
    "本报告根据《中华人民共和国政府信息公开条例》编制。",
    # the introduction names the six parts, unnumbered ...
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
    "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。",
    # ... or numbered, as a list in one sentence ...
    "本报告由一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，四、政府信息公开行政复议、"
    "行政诉讼情况，五、存在的主要问题及改进情况，六、其他需要报告的事项六部分组成。",
    # ... or as a list of numbered names with only spaces between them
    "本报告包括： 一、总体情况 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 "
    "四、政府信息公开行政复议、行政诉讼情况 五、存在的主要问题及改进情况 六、其他需要报告的事项。",
    # a cross-reference is no heading
    "具体数据详见三、收到和处理政府信息公开申请情况。",
])
def test_headings_run_together_are_found_and_the_introduction_is_not(intro):
    text = run_together(intro)
    assert sections_of(text) == [(i + 1, h) for i, h in enumerate(SIX)]
    starts = [s.heading.span.start for s in parse_report(Document("t.txt", text)).sections]
    assert starts == [text.rindex(h) for h in SIX]


@pytest.mark.parametrize("joiner", ["", " ", "\n"])
def test_headings_with_markdown_markers(joiner):
    headings = ["## 一、总体情况", "**二、主动公开政府信息情况**", "### 三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "**五、存在的主要问题及改进情况**", "# 六、其他需要报告的事项"]
    text = run_together("本报告根据《条例》编制。\n", [h + "\n" if joiner == "\n" else h for h in headings], joiner)
    assert [n for n, _ in sections_of(text)] == [1, 2, 3, 4, 5, 6]
    assert [h for _, h in sections_of(text)] == SIX


def test_heading_variants_and_keywords_inline():
    headings = ["一、2023年政务公开总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "五、存在的主要问题和整改情况",
                "六、其他需要报告的事项"]
    text = run_together("本报告根据《条例》编制。", headings)
    found = parse_report(Document("t.txt", text)).sections
    assert [(s.number, s.heading.match) for s in found] == [
        (1, "variant"), (2, "canonical"), (3, "canonical"), (4, "variant"), (5, "keywords"), (6, "canonical")]
    assert text[found[4].heading.span.start:found[4].heading.span.end] == "五、存在的主要问题和整改情况"


def test_numbered_table_rows_and_sub_headings_inline_are_not_sections():
    text = run_together("本报告根据《条例》编制。")
    numbers = [n for n, _ in sections_of(text)]
    assert numbers == [1, 2, 3, 4, 5, 6]     # not "三、本年度办理结果" nor "四、结转下年度继续办理"


def test_a_report_whose_headings_are_all_inline_never_lacks_every_section():
    text = run_together("本报告根据《条例》编制。")
    from govlint.engine.lint import Options, lint_text

    messages = [d.message for d in lint_text(text, config=Options(select=["S002"])).diagnostics]
    assert messages == []


def test_headings_misread_by_ocr_are_found_inline_as_on_their_own_line():
    # The same OCR misreadings that a heading alone on its line is allowed
    # (test_headings_recognised) hold when the heading runs into its body.
    from govlint.engine.lint import Options, lint_text

    headings = ["一、总休情况", SIX[1], "三、收到和处理政府信患公开申清情况", SIX[3], SIX[4], SIX[5]]
    lined = "XX区农业农村局2023年政府信息公开工作年度报告\n本报告根据《条例》编制。\n" + "".join(
        h + "\n" + b + "\n" for h, b in zip(headings, BODIES))
    for text in (lined, run_together("本报告根据《条例》编制。", headings)):
        found = parse_report(Document("t.txt", text)).sections
        assert [(s.number, s.heading.match) for s in found] == [
            (1, "fuzzy"), (2, "canonical"), (3, "fuzzy"), (4, "canonical"), (5, "canonical"), (6, "canonical")]
        assert text[found[0].heading.span.start:found[0].heading.span.end] == "一、总休情况"
        assert text[found[2].heading.span.start:found[2].heading.span.end] == "三、收到和处理政府信患公开申清情况"
        messages = [d.message for d in lint_text(text, config=Options(select=["S"])).diagnostics]
        assert messages == ["章节标题“总休情况”疑有错字：应为“总体情况”",
                            "章节标题“收到和处理政府信患公开申清情况”疑有错字：应为“收到和处理政府信息公开申请情况”"]


@pytest.mark.parametrize("item", ["一、总体要求", "一、总体目标", "二、主要工作情况", "三、下一步工作打算"])
def test_numbered_items_near_no_heading_stay_items_inline(item):
    text = run_together("本报告根据《条例》编制。") .replace("（一）主动公开情况。", item + "全年主动公开信息。", 1)
    assert [n for n, _ in sections_of(text)] == [1, 2, 3, 4, 5, 6]
