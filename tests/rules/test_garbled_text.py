"""A006 garbled-text: replacement, control, invisible and private-use characters, mojibake."""
from __future__ import annotations

import time

import pytest

from govlint.engine.lint import Options, lint_path, lint_text
from helpers import corpus_file, corpus_line

CODE = "A006"


def lint(text: str):
    return lint_text(text, config=Options(select=[CODE])).diagnostics


def spans(text: str):
    return [(d.code, d.line, d.column, d.end_column) for d in lint(text)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_is_quiet(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


def test_replacement_characters_are_one_finding_without_fix():
    text = "一、总体情况\n本年度共收到政府信息公开申请\ufffd\ufffd件。"
    [diagnostic] = lint(text)
    assert (diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.end_column) == (CODE, 2, 15, 17)
    assert diagnostic.severity == "error"
    assert diagnostic.message == "替换字符“\ufffd\ufffd”（2 个）：此处原文已丢失，请对照原件改正"
    assert diagnostic.fix is None


def test_run_of_zero_width_characters_is_one_finding():
    text = "主动公开政府信息61\u200b\u200b\u200b\u200b\u200b条。"
    [diagnostic] = lint(text)
    assert (diagnostic.column, diagnostic.end_column) == (11, 16)
    assert diagnostic.message == "不可见字符 U+200B（零宽空格）（5 个）：请删除"
    assert diagnostic.fix["safe"] is True
    assert diagnostic.fix["edits"] == [{"line": 1, "column": 11, "end_line": 1, "end_column": 16,
                                        "replacement": ""}]


def test_bom_only_at_the_very_start_is_allowed():
    assert lint("\ufeff神木市卫生健康局2024年政府信息公开工作年度报告") == []
    assert spans("一、总体情况\ufeff") == [(CODE, 1, 7, 8)]


@pytest.mark.parametrize("char", ["\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2064",
                                  "\u2066", "\u2069"])
def test_zero_width_and_bidi_controls(char):
    text = f"（一）主动{char}公开。"
    [diagnostic] = lint(text)
    assert (diagnostic.column, diagnostic.end_column) == (6, 7)
    assert f"U+{ord(char):04X}" in diagnostic.message
    assert diagnostic.fix["safe"] is True


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters(char):
    text = f"我局坚持提高站位{char}，根据机构改革调整领导小组。"
    [diagnostic] = lint(text)
    assert (diagnostic.column, diagnostic.end_column) == (9, 10)
    assert diagnostic.message == f"控制字符 U+{ord(char):04X}：请删除"
    assert diagnostic.fix["edits"][0]["replacement"] == ""


def test_deleting_a_control_character_never_joins_numbers():
    [diagnostic] = lint("行政许可1\x0c2")
    assert diagnostic.fix is None


def test_tab_and_newline_are_text():
    assert lint(corpus_line("000", 35) + "\n\t0\n") == []


def test_private_use_characters():
    text = "依法办理\ue000\ue001申请，\U000F0001完毕。"
    assert spans(text) == [(CODE, 1, 5, 7), (CODE, 1, 10, 11)]
    assert lint(text)[0].message == "私用区字符 U+E000、U+E001（2 个）：无法正常显示，请对照原件改为正确的字"
    assert all(d.fix is None for d in lint(text))


def test_gb18030_mojibake():
    garbled = "政府信息公开".encode("gb18030").decode("latin-1")   # "Õþ¸®ÐÅÏ¢¹«¿ª"
    text = f"一、总体情况\n2023年{garbled}工作"
    [diagnostic] = lint(text)
    assert (diagnostic.line, diagnostic.column, diagnostic.end_column) == (2, 6, 6 + len(garbled))
    assert diagnostic.message == f"乱码“{garbled}”（GB18030 编码被误读）：应为“政府信息公开”，请改正"
    assert diagnostic.fix is None


def test_utf8_mojibake_read_as_cp1252():
    garbled = "政府信息".encode("utf-8").decode("cp1252", errors="ignore")   # "æ”¿åºœä¿¡æ¯"
    [diagnostic] = lint(f"主动公开{garbled}61条")
    assert diagnostic.column == 5
    assert "应为“政府信" in diagnostic.message and "UTF-8" in diagnostic.message


def test_utf8_mojibake_read_as_latin1_includes_c1_characters():
    garbled = "政府信息".encode("utf-8").decode("latin-1")
    [diagnostic] = lint(f"主动公开{garbled}61条")
    assert (diagnostic.column, diagnostic.end_column) == (5, 5 + len(garbled))
    assert "应为“政府信息”" in diagnostic.message
    assert "\x94" not in diagnostic.message   # C1 characters are spelled out


def test_short_runs_count_once_the_text_is_known_to_be_mojibake():
    year = "年".encode("gb18030").decode("latin-1")   # "Äê"
    text = f"2020{year} " + "政府信息".encode("gb18030").decode("latin-1")
    assert [d.column for d in lint(text)] == [5, 8]
    # On its own, a two-letter run is not enough evidence.
    assert lint(f"2020{year}") == []


@pytest.mark.parametrize("text", [
    "××县卫生健康局",
    "“政府信息公开”……——",
    "“”“”…………",
    "Le café de Müller, réévaluer",
    "温度 25°C ± 2°C，买买提·艾力",
    corpus_line("001", 3),
    corpus_line("002", 68),
])
def test_native_punctuation_and_latin_words_are_not_mojibake(text):
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    "政府信息公开" * 170000,
    "|" * 100000,
    "é" * 1000000,
    "Õþ¸®" * 250000,
    "\u200b" * 1000000,
    "\x85" * 1000000,
], ids=lambda text: f"{len(text)}:{text[:6]!r}")
def test_pathological_lines_stay_linear(text):
    started = time.monotonic()
    lint(text)
    assert time.monotonic() - started < 20
