"""A003 broken-paragraph on real text."""
from __future__ import annotations

import pytest

from helpers import diagnostics, findings, run


def test_seed_000_cuts(corpus_text):
    assert run(corpus_text("000"), "A003") == [("A003", 21, 110), ("A003", 93, 141)]


def test_seed_003_cuts(corpus_text):
    assert run(corpus_text("003"), "A003") == [("A003", 11, 113), ("A003", 84, 82)]


def test_fix_joins_the_halves(corpus_text):
    found = diagnostics(corpus_text("000"), "A003")[0]
    edit = found.fix["edits"][0]
    assert found.fix["safe"] is True
    assert (edit["line"], edit["column"], edit["end_line"], edit["end_column"], edit["replacement"]) == (21, 110, 23, 1, "")


def test_page_number_between_halves():
    text = ("一、总体情况\n我局及时更新信息指南,主动通过政务信息网站公开联系电话、邮箱、办公地址等联系\n\n- 2 -\n\n"
            "方式，依法保障申请人合理信息公开需求。\n")
    assert run(text, "A003") == [("A003", 2, 39)]


def test_quiet_on_real_paragraph_ends_and_lists(corpus_text):
    for name in ("001", "002", "004"):
        assert run(corpus_text(name), "A003") == []
    text = ("六、其他需要报告的事项\n\n1. 收取信息处理费情况。2023 年度我局未收取信息处理费。\n\n"
            "2. 落实上级年度政务公开工作要点情况\n\n3. 人大代表建议和政协提案办理结果公开情况。\n\n"
            "神木市卫生健康局\n\n2025年1月20日\n"
            "改进措施：一是进一步提升新闻发布工作质量和效果，坚持政策发布\n\n（二）今后改进措施\n")
    assert run(text, "A003") == []


def test_quiet_on_numbered_subheadings_joining_two_phrases(corpus_text):
    """004's sub-headings "(一)健全组织领导,强化队伍建设" and the like, in the
    layout of a web page (a blank line after each paragraph): a heading, not
    the first half of a sentence."""
    spaced = "".join(line + "\n\n" for line in corpus_text("004").split("\n"))
    assert "(三)创新工作方法,学习先进经验\n\n参加政务公开办" in spaced
    assert run(spaced, "A003") == []
    for heading in ("（三）创新工作方法，学习先进经验", "2.完善制度建设，提高公开实效"):
        text = f"一、总体情况\n\n{heading}\n\n参加政务公开办举办的各种工作推进会、培训会，虚心向先进单位学习。\n"
        assert run(text, "A003") == []
    # a numbered paragraph cut after its first sentence is still a broken paragraph
    cut = "一、总体情况\n\n（一）主动公开情况。主要通过政府门户网站主动公开政府\n\n文件、项目审批、通知公告等各类政府信息。\n"
    assert run(cut, "A003") == [("A003", 3, 27)]


def test_quiet_on_space_aligned_metadata_and_signatures():
    """Out-of-sample false alarms: a metadata row before the title, and a
    list item without its final 。 before the signature."""
    text = ("索 引 号：11141032/2020-00015                 主题分类：政务公开\n"
            "文    号：                                      有 效 性：有效\n\n"
            "永和县人民政府2019年政府信息公开工作年度报告\n\n一、总体情况\n"
            "3. 政务公开工作创新情况：在镇便民服务中心设立政务公开专区，提供政府信息查阅和依申请公开咨询服务\n\n"
            "平江县安定镇人民政府\n2025年1月22日\n")
    assert run(text, "A003") == []
    # the same list item followed by a real continuation is still caught
    cut = text.replace("平江县安定镇人民政府\n2025年1月22日", "工作，方便群众就近查阅和咨询政府信息，全年接待群众咨询一百余人次。")
    assert run(cut, "A003") == [("A003", 7, 50)]


@pytest.mark.parametrize("name, shortest, expected", [
    # corpus 000: the first halves are 109 (line 21) and 140 (line 93) characters long
    ("000", None, [("A003", 21, 110), ("A003", 93, 141)]),
    ("000", 10, [("A003", 21, 110), ("A003", 93, 141)]),
    ("000", 120, [("A003", 93, 141)]),
    ("000", 200, []),
    # corpus 003: 112 (line 11) and 81 (line 84)
    ("003", 90, [("A003", 11, 113)]),
    ("003", 120, []),
])
def test_min_fragment_option(corpus_text, name, shortest, expected):
    options = {"broken-paragraph": {"min-fragment": shortest}} if shortest else None
    assert [f[:3] for f in findings(corpus_text(name), "A003", options=options)] == expected
