"""Bytes that are almost text, or not text at all (issue 13): one
undecodable byte in a good report is a garbled-text finding at its place
(the encoding assumed said), not a lost report; UTF-32 without a BOM is
read; a codec that is not a text encoding (base64, rot13, zlib, uu) is a
one-line error; and lone surrogates from an editor are findings, not a
crash."""
from __future__ import annotations

import json

import pytest

import govlint
from faults import FIXED_002, cli, stderr_lines
from govlint.engine.lint import Options, lint_bytes
from workflow import REPORT_002, copy, govlint as run_govlint, read


def _damaged(text: str, encoding: str, line: int, column: int, byte: bytes = b"\xff") -> bytes:
    """text in encoding with byte inserted before (line, column)."""
    lines = text.split("\n")
    before = "\n".join(lines[:line - 1]) + "\n" + lines[line - 1][:column - 1]
    data = text.encode(encoding)
    cut = len(before.encode(encoding))
    return data[:cut] + byte + data[cut:]


@pytest.mark.parametrize("encoding, label", [("utf-8", "UTF-8"), ("gb18030", "GB18030")])
def test_one_undecodable_byte_is_a_finding_at_its_place(tmp_path, encoding, label):
    text = read(REPORT_002)
    path = tmp_path / "r.txt"
    path.write_bytes(_damaged(text, encoding, 5, 5))
    run = run_govlint("--format", "json", "--no-cache", path)
    assert run.code == 1
    [entry] = run.json()["files"]
    assert entry["encoding"] == encoding and entry["error"] is None
    garbled = [d for d in entry["diagnostics"] if d["code"] == "A006"]
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in garbled] == [(5, 5, 5, 6)]
    assert garbled[0]["message"] == (f"无法按 {label} 解码的字节 0xFF（全文按 {label} 读取）："
                                     f"此处原文已损坏或混入了其他编码，请对照原件改正")
    # The rest of the report is linted as usual.
    clean = run_govlint("--format", "json", "--no-cache", REPORT_002).json()["files"][0]["diagnostics"]
    assert [d["code"] for d in entry["diagnostics"] if d["code"] != "A006"] == [d["code"] for d in clean]


def test_text_that_is_not_text_is_still_e004():
    result = lint_bytes(b"\x80\xff" * 200 + read(REPORT_002).encode("utf-8")[:300], "t.txt")
    assert [d.code for d in result.diagnostics] == ["E004"] and result.encoding is None


def test_a_given_encoding_reads_a_damaged_file_too(tmp_path):
    data = _damaged(read(REPORT_002), "gb18030", 12, 3)
    result = lint_bytes(data, "t.txt", Options(encoding="gb18030", select=["A006"]))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("A006", 12, 3)]
    # … but not text in another encoding altogether.
    wrong = lint_bytes(read(REPORT_002).encode("gb18030"), "t.txt", Options(encoding="utf-8"))
    assert [d.code for d in wrong.diagnostics] == ["E004"]


@pytest.mark.parametrize("codec", ["base64", "rot13", "zlib", "uu", "bz2", "hex", "no-such-codec", ""])
def test_a_codec_that_is_not_a_text_encoding(tmp_path, codec):
    result = cli("--encoding", codec, REPORT_002)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = stderr_lines(result)
    assert line.startswith("govlint: error: --encoding: ")
    assert cli("extract", "--encoding", codec, REPORT_002).exit_code == 2
    (tmp_path / "govlint.toml").write_text(f'encoding = "{codec}"\n', encoding="utf-8")
    copy(REPORT_002, tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(f"govlint: error: {tmp_path / 'govlint.toml'}: 'encoding': ")
    # The library: the file's error, not an exception.
    assert [d.code for d in lint_bytes(b"abc", "t.txt", Options(encoding=codec)).diagnostics] == ["E004"]


@pytest.mark.parametrize("codec", ["idna", "punycode"])
def test_a_text_codec_that_cannot_read_the_report(tmp_path, codec):
    """idna and punycode are text encodings, but cannot read Chinese bytes
    nor escape undecodable ones: the file is E004, never a traceback."""
    result = cli("--encoding", codec, REPORT_002)
    assert result.exit_code == 2 and result.stderr == ""
    [line] = result.stdout.splitlines()
    assert line.startswith(f"{REPORT_002}:1:1: E004 [error] 无法按 {codec} 解码")
    (tmp_path / "govlint.toml").write_text(f'encoding = "{codec}"\n', encoding="utf-8")
    path = copy(REPORT_002, tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 2 and result.stderr == ""
    assert [line.split(" ")[1] for line in result.stdout.splitlines()] == ["E004"]
    assert result.stdout.startswith(f"{path}:1:1: E004")
    assert [d.code for d in lint_bytes(read(REPORT_002).encode("utf-8"), "t.txt",
                                       Options(encoding=codec)).diagnostics] == ["E004"]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_without_bom(tmp_path, codec):
    path = tmp_path / "r.txt"
    path.write_bytes(read(REPORT_002).encode(codec))
    run = run_govlint("--no-cache", "--format", "json", path)
    [entry] = run.json()["files"]
    reference = run_govlint("--no-cache", "--format", "json", REPORT_002).json()["files"][0]
    assert entry["encoding"] == codec and entry["diagnostics"] == reference["diagnostics"]
    # and a fix writes it back as UTF-32 without a BOM
    assert cli("--fix", path).exit_code == 1
    assert path.read_bytes() == FIXED_002.encode(codec)


def test_damaged_utf32_says_how_to_read_it():
    data = bytearray(read(REPORT_002).encode("utf-32-le"))
    data[400:404] = b"\x00\x00\x11\x00"             # U+110000: past Unicode
    result = lint_bytes(bytes(data), "t.txt")
    [d] = result.diagnostics
    assert d.code == "E004" and "UTF-32" in d.message and "--encoding utf-32-le" in d.message


@pytest.mark.parametrize("text", ["\ud800", "\udfff", "a\udcffb", "一、总体情况\n本年度\ud83d收到", "\ud800" * 3])
def test_lint_text_with_lone_surrogates(text):
    result = govlint.lint_text(text, config=Options(select=["ALL"]))
    garbled = [d for d in result.diagnostics if d.code == "A006"]
    assert garbled and all(d.code != "E999" for d in result.diagnostics)
    assert "代理码位" in garbled[0].message or "无法按" in garbled[0].message
    json.dumps([d.to_json() for d in result.diagnostics])   # serialisable (as \\udXXX escapes)
