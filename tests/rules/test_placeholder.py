"""A005 placeholder: template placeholders never filled in."""
from __future__ import annotations

import time

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file, corpus_line

CODE = "A005"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def found(text: str):
    """(column, quoted placeholder) for each finding on a one-line text."""
    return [(d.column, d.message.split("“")[1].split("”")[0]) for d in lint(text)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


def test_x_placeholders():
    text = "XX局20XX年共主动公开政府信息XX条，××县共收到申请ＸＸ件。"
    assert found(text) == [(1, "XX"), (4, "20XX"), (18, "XX"), (22, "××"), (30, "ＸＸ")]
    assert text.index("XX条") + 1 == 18 and text.index("××") + 1 == 22
    diagnostic = lint(text)[0]
    assert (diagnostic.code, diagnostic.line, diagnostic.severity) == (CODE, 1, "error")
    assert diagnostic.message == "模板占位符“XX”未替换：请填入实际内容"
    assert diagnostic.fix is None


def test_title_with_placeholder_year_and_agency():
    text = "xx县卫生健康局20xx年政府信息公开工作年度报告\n一、总体情况\n"
    assert [(d.line, d.column, d.end_column) for d in lint(text)] == [(1, 1, 3), (1, 9, 13)]


def test_placeholder_dates():
    assert found("发布日期：20XX-XX-XX") == [(6, "20XX-XX-XX")]
    assert found("××局\n20××年××月××日") == [(1, "××"), (1, "20××年××月××日")]


def test_underscore_blanks():
    assert found("本年度共收到政府信息公开申请____件，办结＿＿件。") == [(15, "____"), (23, "＿＿")]
    assert found("20__年政府信息公开工作年度报告") == [(3, "__")]


@pytest.mark.parametrize("text, column, quoted", [
    ("【请填写单位名称】2023年政府信息公开工作年度报告", 1, "【请填写单位名称】"),
    ("（单位名称）2023年政府信息公开工作年度报告", 1, "（单位名称）"),
    ("根据《条例》规定，现公布（机关名称）2023年度政府信息公开工作年度报告。", 13, "（机关名称）"),
    ("【单位名称】", 1, "【单位名称】"),
    ("本年度主动公开政府信息此处填写具体数字条。", 12, "此处填写"),
    ("请输入", 1, "请输入"),
])
def test_prompts_and_field_names(text, column, quoted):
    assert found(text) == [(column, quoted)]


@pytest.mark.parametrize("text", [
    "购置X光机1台，X射线防护设备2套。",
    "采购XX-1型呼吸机2台。",
    "The XX chromosome",
    "XXL 号防护服",
    "按照《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函【2021】30号）要求编制。",
    "国办公开办函〔2021〕30号",
    "______________________",
    "[bookmark: __RefHeading___Toc1234_567]",
    "收费标准为3×4元",
    "采用XML格式发布数据。",
    "申请人王××申请公开本单位2023年财政预算，已按期答复。",   # a name masked on purpose
    "对李XX同志进行了约谈。",
    corpus_line("004", 1),   # 索引号 11610802016083285C/2021-03211: a letter among digits
    corpus_line("004", 4),   # "[ 文 号 ] | |": an empty 文号 is normal
    corpus_line("004", 5),   # "[ 名 称 ] | 榆阳区卫健局政府信息公开工作年度报告 |"
    corpus_line("001", 1),   # (以下简称《条例》)
    corpus_line("003", 38),  # (本列数据的勾稽关系为: …)
])
def test_real_x_and_document_numbers_stay_quiet(text):
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "政府信息公开" * 170000,
    "|" * 100000,
    "X" * 1000000,
    "X局" * 300000,
    "_" * 1000000 + "局",
    "_a" * 500000,
    "【" * 1000000,
    "（单位" * 300000,
], ids=lambda text: f"{len(text)}:{text[:6]!r}")
def test_pathological_lines_stay_linear(text):
    started = time.monotonic()
    lint(text)
    assert time.monotonic() - started < 20


def test_lines_read_are_those_holding_a_trigger_word():
    # corpus/000 with a placeholder added: the lines the rule reads are
    # exactly those holding one of the words, after the metadata block.
    from govlint.model.document import Document
    from govlint.rules import placeholder as rule

    lines = corpus_file("000").read_text(encoding="utf-8").split("\n")
    lines[20] += "XX局共主动公开政府信息____条。"
    document = Document("<text>", "\n".join(lines))
    expected = [i for i, line in enumerate(lines) if any(word in line for word in rule.TRIGGERS)]
    assert 20 in expected and rule._trigger_lines(document, 0) == expected
    assert rule._trigger_lines(document, document.line_starts[21]) == [i for i in expected if i > 20]
