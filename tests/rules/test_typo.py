"""L001 typo: wrong characters found on real lines, correct words left alone."""
from __future__ import annotations

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import CORPUS, corpus_file, corpus_line, opening
from layouts import collapsed, spaced

CODE = "L001"


def lint(text: str, **options):
    config = Options(select=[CODE], rule_options={"typo": options} if options else {})
    return lint_text(text, config=config).diagnostics


def found(text: str, **options):
    return [(d.line, d.column, text.split("\n")[d.line - 1][d.column - 1:d.end_column - 1], d.fix["edits"][0]["replacement"])
            for d in lint(text, **options)]


def test_corpus_002_homophones_in_an_enumeration():
    # "确保公开信息的准确信、权威性、完整行和时效性": the parallel …性 items
    # support 准确性 and 完整性.
    result = lint_path(str(corpus_file("002")), Options(select=[CODE]))
    assert [(d.line, d.column, d.end_column) for d in result.diagnostics] == [(9, 54, 57), (9, 62, 65)]
    first, second = result.diagnostics
    assert first.message == "疑似同音字误用“准确信”：应为“准确性”"
    assert second.message == "疑似同音字误用“完整行”：应为“完整性”"
    assert first.name == "typo" and first.severity == "warning"
    assert first.fix["safe"] is False
    assert first.fix["edits"] == [{"line": 9, "column": 54, "end_line": 9, "end_column": 57, "replacement": "准确性"}]


def test_corpus_004_character_out_of_place():
    line = corpus_line("004", 9)
    assert found(line) == [(1, line.index("政信息务") + 1, "政信息务", "政务信息")]
    assert lint(line)[0].message == "疑似字序错乱“政信息务”：应为“政务信息”"


def test_pdf_text_character_lost_before_punctuation():
    # corpus/pdf-text/001.txt line 21: "畅通依申请公开受理渠。" (受理渠道)
    result = lint_path(str(CORPUS / "pdf-text" / "001.txt"), Options(select=[CODE]))
    assert [(d.line, d.column, d.message) for d in result.diagnostics] == [
        (21, 6, "疑似漏字“受理渠”：应为“受理渠道”")]


def test_opening_019_word_written_twice():
    line = (CORPUS / "openings" / "019.txt").read_text(encoding="utf-8").split("\n")[7]
    [diagnostic] = lint(line)
    assert line[diagnostic.column - 1:diagnostic.end_column - 1] == "报告报告"
    assert diagnostic.message == "疑似词语重复“报告报告”：应为“报告”，请删去重复的“报告”"
    assert diagnostic.fix["edits"][0]["replacement"] == "报告"


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_rest_of_the_seed_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


@pytest.mark.parametrize("text", [
    "确保公开信息的准确性、权威性、完整性和时效性。",            # the corrected line
    "及时、准确地提供准确信息，保证信息完整。",                  # 准确信 before 息 is 准确信息
    "推进严格规范公正文明执法，完整行政执法全过程记录。",        # 完整行 before 政 is 行政
    "制定了《政府信息公开工作制度》，制订了信息发布审核办法。",  # 制定 and 制订 are both right
    "其中予以公开238件，部分公开33件。",                        # 其中, not 期中
    "学校期中考试成绩不对外公开。",                             # 期中 in its own sense
    "依法公布署名文章，接受社会监督。",                         # 公布署名 holds 布署
    "我们自己经常学习政策文件。",                               # 自己经常 holds 己经
    "认真研究研究具体措施，一个一个落实到位。",                 # reduplicated on purpose
    "坚持时效性、准确性和实用型相结合。",                       # 实用型 is a word
])
def test_correct_text_is_not_reported(text):
    assert lint(text) == []


@pytest.mark.parametrize("text, wrong, right", [
    ("全体干部再接再励，推动工作再上新台阶。", "再接再励", "再接再厉"),
    ("我局将一如继往地做好政务公开工作。", "一如继往", "一如既往"),
    ("年初即对全年工作进行安排布署。", "布署", "部署"),
    ("相关信息己经全部公开。", "己经", "已经"),
    ("坚持规范化、标准化、便民华的原则。", "便民华", "便民化"),
])
def test_known_misspellings_and_parallel_items(text, wrong, right):
    [diagnostic] = lint(text)
    assert text[diagnostic.column - 1:diagnostic.end_column - 1] == wrong
    assert diagnostic.fix["edits"][0]["replacement"] == right


def test_a_word_wrapped_over_two_lines_is_read_whole():
    # A PDF's text wraps lines at the page width, inside words.
    assert lint("畅通依申请公开受理渠\n道。2023 年全区受理申请 21 件。") == []
    [diagnostic] = lint("将政信\n息务公开工作纳入月度重点工作。")
    assert (diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column) == (1, 2, 2, 3)


def test_book_titles_and_the_agency_name_are_not_checked():
    assert lint("根据《关于再接再励做好政务公开工作的通知》要求，认真落实。") == []


def test_ignore_option():
    line = corpus_line("002", 9)
    assert [d.message for d in lint(line, ignore=["准确信"])] == ["疑似同音字误用“完整行”：应为“完整性”"]


@pytest.mark.parametrize("layout", [collapsed, spaced])
def test_same_findings_in_every_layout(layout):
    text = corpus_file("002").read_text(encoding="utf-8")
    changed = layout(text)
    assert [changed[d.start:d.end] for d in lint(changed)] == ["准确信", "完整行"]


def test_opening_009_quotation_mark_left_open():
    line = (CORPUS / "openings" / "009.txt").read_text(encoding="utf-8").split("\n")[10]
    [diagnostic] = lint(line)
    assert line[diagnostic.column - 1] == "“" and diagnostic.fix is None
    assert diagnostic.message == "引号不成对：前引号后的“公开为常态,不公开为例外…”没有后引号，请补上"
    assert lint("坚持“公开为常态、不公开为例外”原则，通过“三审三校”制度把关。") == []


def test_opening_011_year_without_nian():
    # "2022度珠晖区粤汉街道信息公开工作年度报告": 年 is missing (2022年度).
    line = opening("011").split("\n")[0]
    [diagnostic] = lint(opening("011"))
    assert (diagnostic.line, diagnostic.column, diagnostic.end_column) == (1, 1, 6)
    assert diagnostic.message == "疑似漏字“2022度”：应为“2022年度”"
    assert diagnostic.fix["edits"][0]["replacement"] == "2022年度"
    assert line.startswith("2022度")
    # Also where the agency's name (left out of the prose) or a name ending follows.
    [diagnostic] = lint("2023度区政府信息公开工作年度报告")
    assert diagnostic.message == "疑似漏字“2023度”：应为“2023年度”"


@pytest.mark.parametrize("text", [
    "全年节约用电2023度，节约用水100吨。",   # kilowatt-hours
    "机房全年用电2023度电。",
    "窑炉温度达到2000度以上。",
    "2023年度政府信息公开工作年度报告",
    "2023年度，我局认真落实《条例》。",
])
def test_a_year_with_du_that_is_a_measure_or_right(text):
    assert lint(text) == []



# Homophones outside enumerations: real lines of the corpus with one
# character of a genre term replaced by another of the same sound. Each
# line is quiet as written; the changed line gives one finding, at the
# term, with the term as its fix.
@pytest.mark.parametrize("source, line_number, right, wrong, typo, term", [
    # corpus/001 line 4: "(二)依申请公开。严格按照工作流程做好依申请公开工作。…"
    ("001", 4, "工作流程", "工作留程", "工作留程", "工作流程"),
    ("001", 4, "做好依申请公开", "做好依申清公开", "依申清公开", "依申请公开"),
    # corpus/003 line 67: "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    ("003", 67, "行政复议", "行政复义", "行政复义", "行政复议"),
])
def test_corpus_line_with_a_homophone_outside_an_enumeration(source, line_number, right, wrong, typo, term):
    line = corpus_line(source, line_number)
    assert right in line and lint(line) == []
    changed = line.replace(right, wrong, 1)
    at = changed.index(typo)
    assert found(changed) == [(1, at + 1, typo, term)]
    [diagnostic] = lint(changed)
    assert diagnostic.message == f"疑似同音字误用“{typo}”：应为“{term}”"
    assert diagnostic.name == "typo" and diagnostic.fix["safe"] is False
    assert changed[:at] + term + changed[at + len(term):] == line


# Look-alikes (lookalikes.txt) the same way: a character of a genre term
# replaced by one that looks like it, as a hurried pick or a scan's OCR gives.
@pytest.mark.parametrize("source, line_number, right, wrong, typo, term", [
    # corpus/000 line 99: "…继续加大政府信息公开工作力度。…": 倍 for 信.
    ("000", 99, "政府信息", "政府倍息", "政府倍息", "政府信息"),
    # corpus/004 line 6: "…关于做好政府信息公开年度报告制度的要求…": 午 for 年.
    ("004", 6, "年度报告", "午度报告", "午度报告", "年度报告"),
])
def test_corpus_line_with_a_look_alike_in_a_genre_term(source, line_number, right, wrong, typo, term):
    line = corpus_line(source, line_number)
    assert right in line and lint(line) == []
    changed = line.replace(right, wrong, 1)
    assert found(changed) == [(1, changed.index(typo) + 1, typo, term)]
    [diagnostic] = lint(changed)
    assert diagnostic.message == f"疑似形近字误用“{typo}”：应为“{term}”"


def test_a_look_alike_that_makes_a_word_with_its_neighbour_is_left_alone():
    # 公开 → 公升 (a litre) in corpus/000 line 99's 政务公开工作: a real word, not a slip.
    line = corpus_line("000", 99)
    assert "政务公开工作" in line and lint(line.replace("政务公开工作", "政务公升工作", 1)) == []


def test_opening_007_homophone_of_a_first_character_names_the_shortest_term():
    # openings/007 line 2: "…本报告由总体情况、主动公开政府信息情况、…": 住 for 主
    # (主动公开 and 主动公开政府信息情况 are both terms: the shorter is named).
    line = opening("007").split("\n")[1]
    changed = line.replace("主动公开政府信息情况", "住动公开政府信息情况")
    assert found(changed) == [(1, changed.index("住动") + 1, "住动公开", "主动公开")]


@pytest.mark.parametrize("number, line_index, holds, right, wrong, expected", [
    # openings/021 line 2 holds "其它需要报告事项": 它 makes the word 其它 with its
    # neighbour (L002 word-usage reports it), not a slip for 其他需要报告事项 —
    # while a homophone in the same line is found.
    ("021", 1, "其它需要报告事项", "行政复议", "行政复义", ("行政复义", "行政复议")),
    # openings/003 line 14: "…制定政务公开工作要点…": 制定 is right (制订 below).
    ("003", 13, "制定政务公开工作要点", "政务公开工作要点", "政物公开工作要点", ("政物公开", "政务公开")),
    # openings/023 line 4: "…制订了《普宁市公安局政府信息依申请公开办理流程》": a
    # quoted title is not checked, even with a sound-alike put in it.
    ("023", 3, "制订了《普宁市公安局政府信息依申请公开办理流程》", "实施政府信息公开制度", "实施政府新息公开制度", ("政府新息", "政府信息")),
])
def test_real_near_misses_are_left_alone_beside_a_homophone(number, line_index, holds, right, wrong, expected):
    line = opening(number).split("\n")[line_index]
    assert holds in line and right in line and lint(line) == []
    changed = line.replace(right, wrong, 1)
    if number == "023":
        changed = changed.replace("政府信息依申请公开办理流程》", "政府信息依申清公开办理流程》")
    typo, term = expected
    assert found(changed) == [(1, changed.index(typo) + 1, typo, term)]
