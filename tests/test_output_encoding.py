"""What govlint writes, whatever the console (issue 13): machine formats are
UTF-8 bytes even on a GBK or ASCII console; text degrades to escapes, never
to a traceback; a file name that is not UTF-8 is written losslessly (a
\\udcXX escape in JSON, percent-encoding in SARIF URIs)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from faults import BOOKMARK, run_bytes
from workflow import REPORT_002, read


NOT_GBK = "\ufffd"          # U+FFFD: quoted by A006, and not in GBK


OUTSIDE_BMP = "\U00020000"  # 𠀀: in GB18030, not in GBK


@pytest.fixture
def odd_report(tmp_path) -> Path:
    text = read(REPORT_002).replace("主动公开", f"主动{NOT_GBK}公开", 1)
    text = text.replace(BOOKMARK, f"{OUTSIDE_BMP}{BOOKMARK}")
    path = tmp_path / f"报告{OUTSIDE_BMP}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "github", "concise"])
@pytest.mark.parametrize("console", ["gbk", "ascii"])
def test_machine_formats_are_utf8_whatever_the_console(odd_report, fmt, console):
    run = run_bytes("--format", fmt, odd_report, env={"PYTHONIOENCODING": console})
    assert run.returncode == 1, run.stderr
    assert b"Traceback" not in run.stderr
    text = run.stdout.decode("utf-8")           # strict: UTF-8 bytes, whatever the console
    assert f"“{NOT_GBK}”" in text
    assert odd_report.name in text or fmt == "sarif"
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "json-lines":
        [json.loads(line) for line in text.splitlines()]


def test_text_on_a_gbk_console_escapes_what_gbk_cannot_show(odd_report):
    run = run_bytes(odd_report, env={"PYTHONIOENCODING": "gbk"})
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    text = run.stdout.decode("gbk")             # strict: every byte is GBK
    assert "A006 [error] 替换字符“\\ufffd”" in text
    assert "报告\\U00020000.txt:68:3: A001" in text


def test_text_summary_and_rule_docs_on_an_ascii_console(odd_report):
    for args in ([odd_report], ["--statistics", odd_report], ["rules"], ["rule", "A006"]):
        run = run_bytes(*args, env={"PYTHONIOENCODING": "ascii"})
        assert run.returncode in (0, 1) and b"Traceback" not in run.stderr, args
        run.stdout.decode("ascii")


@pytest.fixture
def odd_name(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/r\xff\xfe #1.txt"
    with open(raw, "wb") as handle:
        handle.write(REPORT_002.read_bytes())
    return Path(os.fsdecode(raw))


@pytest.mark.parametrize("cache", [True, False])
def test_a_file_name_that_is_not_utf8_in_json(odd_name, cache):
    args = ["--format", "json", odd_name.parent] + ([] if cache else ["--no-cache"])
    for _ in range(2):                              # the second run reads the cache
        run = run_bytes(*args)
        assert run.returncode == 1, run.stderr
        document = json.loads(run.stdout.decode("utf-8"))     # strict UTF-8, valid JSON
        [entry] = document["files"]
        assert os.fsencode(entry["path"]) == os.fsencode(odd_name)    # lossless
        assert b'\\udcff\\udcfe' in run.stdout


def test_a_file_name_that_is_not_utf8_in_json_lines_and_sarif(odd_name):
    run = run_bytes("--no-cache", "--format", "json-lines", odd_name.parent)
    for line in run.stdout.decode("utf-8").splitlines():
        assert os.fsencode(json.loads(line)["path"]) == os.fsencode(odd_name)
    run = run_bytes("--no-cache", "--format", "sarif", odd_name, cwd=odd_name.parent)
    sarif = json.loads(run.stdout.decode("utf-8"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif["runs"][0]["results"] for loc in result["locations"]}
    assert uris == {"r%FF%FE%20%231.txt"}
    from urllib.parse import unquote_to_bytes

    assert unquote_to_bytes(uris.pop()) == b"r\xff\xfe #1.txt"


def test_a_file_name_that_is_not_utf8_in_a_baseline(odd_name, tmp_path):
    baseline = tmp_path / "baseline.json"
    run = run_bytes("--no-cache", "--write-baseline", baseline, odd_name.parent)
    assert run.returncode == 0, run.stderr
    json.loads(baseline.read_bytes().decode("utf-8"))
    run = run_bytes("--no-cache", "--baseline", baseline, odd_name.parent)
    assert run.returncode == 0 and run.stdout == b"", run.stdout + run.stderr


def test_a_file_name_that_is_not_utf8_in_text_output(odd_name):
    run = run_bytes("--no-cache", odd_name.parent, env={"PYTHONIOENCODING": "utf-8"})
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    assert "r\\udcff\\udcfe #1.txt:68:2: A001" in run.stdout.decode("utf-8")
