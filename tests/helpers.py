"""Small helpers shared by the rule tests."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from govlint.engine.lint import Options, lint_text


def run(text: str, *select: str):
    """Diagnostics of the selected rules on text, as (code, line, column)."""
    result = lint_text(text, config=Options(select=list(select)))
    return [(d.code, d.line, d.column) for d in result.diagnostics]


def diagnostics(text: str, *select: str):
    return lint_text(text, config=Options(select=list(select))).diagnostics


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_file(prefix: str) -> Path:
    """The corpus report whose name starts with prefix ("002")."""
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def corpus_line(prefix: str, line: int) -> str:
    return corpus_file(prefix).read_text(encoding="utf-8").split("\n")[line - 1]


def opening(number: str) -> str:
    """corpus/openings/NNN.txt: the opening of a real report."""
    return (CORPUS / "openings" / f"{number}.txt").read_text(encoding="utf-8")


def pdf_text(number: str) -> str:
    """corpus/pdf-text/NNN.txt: the text of a real PDF report."""
    return (CORPUS / "pdf-text" / f"{number}.txt").read_text(encoding="utf-8")


# Data-driven rule cases, in the spirit of sqlfluff's YAML rule cases: each
# case is where its text comes from, the text, and the exact findings the
# selected rules give on it. A finding is (code, line, column) or
# (code, line, column, message); [] is a negative case.


class Case(NamedTuple):
    source: str          # where the text comes from (a corpus file and line, a real report)
    text: str
    expected: list


def cases(*items: Case):
    """Parametrize a test over the cases, named by their sources."""
    import pytest

    return pytest.mark.parametrize("case", items, ids=[item.source for item in items])


def findings(text: str, *select: str, options: dict | None = None) -> list[tuple]:
    """(code, line, column, message) of each finding of the selected rules;
    options: {rule name: {option: value}}."""
    config = Options(select=list(select), rule_options=options or {})
    return [(d.code, d.line, d.column, d.message) for d in lint_text(text, config=config).diagnostics]


def assert_case(case: Case, *select: str, options: dict | None = None):
    """The selected rules find exactly case.expected on case.text (each
    finding compared on as many fields as the expected one gives)."""
    found = findings(case.text, *select, options=options)
    shown = [got[:len(want)] for got, want in zip(found, case.expected)] + found[len(case.expected):]
    assert shown == list(case.expected), case.source


def at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column) of the occurrence-th needle in text."""
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# A whole report's outline, every section with a line of real wording:
# rules' tests cut or change one part of it.
SKELETON = """前进区卫生健康局2024年政府信息公开工作年度报告
一、总体情况
2024年，区卫健局坚持以习近平新时代中国特色社会主义思想为指导。
二、主动公开政府信息情况
第二十条第（一）项
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
四、政府信息公开行政复议、行政诉讼情况
行政复议
五、存在的主要问题及改进情况
公开方式较为单一。
六、其他需要报告的事项
2024年度，前进区卫生健康局无政府信息公开信息处理费产生。
"""
