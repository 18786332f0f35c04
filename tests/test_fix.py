"""`govlint --fix` and `--diff` on copies of real reports: the exact text
after fixing, safe versus unsafe fixes, numbers left alone, idempotence,
encodings/BOM/newlines kept, atomic writes, deterministic overlaps, and the
exit codes."""
from __future__ import annotations

import itertools
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from workflow import REPORT_000, REPORT_002, REPORT_004, copy, govlint, read

BOOKMARK = "[bookmark: _GoBack]"
RESIDUE = "扫一扫在手机打开当前页"
BREAKS = (("研究部署卫\n\n生健康", "研究部署卫生健康"), ("公开内容信息主要\n\n是集中", "公开内容信息主要是集中"))


def replaced(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def fixed_000(unsafe: bool = False) -> str:
    text = replaced(read(REPORT_000), *BREAKS)
    return replaced(text, ("\t本年度止件数\t", "\t本年废止件数\t")) if unsafe else text


def fixed_002(unsafe: bool = False) -> str:
    text = replaced(read(REPORT_002), (BOOKMARK, ""))
    if unsafe:
        text = replaced(text, ("\n2、 主动公开政府信息情况\n", "\n二、 主动公开政府信息情况\n"),
                        ("\n3、 收到和处理", "\n三、 收到和处理"))
    return text


def fixed_004() -> str:
    text = read(REPORT_004)
    assert text.endswith("\n无\n" + RESIDUE)
    return text[: -len(RESIDUE)]


def lines_of(run) -> list[tuple[str, int, int, str]]:
    """(file name, line, column, code) of each `path:line:col: CODE [sev] msg` line."""
    out = []
    for line in run.out.splitlines():
        if line.startswith("[*] "):         # the fixable summary
            continue
        match = re.match(r"^(.+?):(\d+):(\d+): ([A-Z]+\d{3}) (?:\[\*\] )?\[(error|warning|info)\] \S", line)
        assert match, line
        out.append((Path(match[1]).name, int(match[2]), int(match[3]), match[4]))
    return out


# ------------------------------------------------------------ the fixed text

def test_fix_deletes_the_bookmark_and_leaves_unsafe_fixes(tmp_path):
    path = copy(REPORT_002, tmp_path)
    run = govlint("--fix", path)
    assert read(path) == fixed_002()
    assert read(path).split("\n")[67] == "\t法人或其他组织"
    # The unsafe section-numbering fixes were not applied: they remain as findings.
    assert lines_of(run) == [(path.name, 16, 1, "S005"), (path.name, 62, 1, "S005")]
    assert run.err == "govlint: fixed 1 problem in 1 file\n"
    assert run.code == 1


def test_fix_reports_what_remains_in_the_format_asked_for(tmp_path):
    """--fix goes through the same output as a plain run: --format, -o and
    --statistics apply to the findings left after fixing."""
    path = copy(REPORT_002, tmp_path)
    run = govlint("--fix", "--format", "json", path)
    assert read(path) == fixed_002()
    assert [(d["code"], d["line"], d["column"]) for d in run.diagnostics()] == [("S005", 16, 1), ("S005", 62, 1)]
    assert run.err == "govlint: fixed 1 problem in 1 file\n" and run.code == 1
    # Fixed already: nothing more to fix, the same findings, written to -o.
    out = tmp_path / "left.sarif"
    run = govlint("--fix", "--format", "sarif", "-o", out, path)
    assert run.out == "" and run.err == "govlint: fixed 0 problems in 0 files\n" and run.code == 1
    results = __import__("json").loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["S005", "S005"]
    run = govlint("--fix", "--unsafe-fixes", "--statistics", copy(REPORT_002, tmp_path / "b"))
    assert "0 error, 0 warning, 0 info" in run.out and run.code == 0


def test_fix_applies_the_edits_at_the_offsets_the_rule_gave(tmp_path):
    """A fix's edits travel as offsets into the text the rule read (not
    rebuilt from lines and columns): a bookmark at the very end of a file
    without a final newline, and one after a CRLF, are removed exactly."""
    path = tmp_path / "r.txt"
    text = read(REPORT_002).replace("\n", "\r\n").rstrip("\r\n") + "[bookmark: _GoBack]"
    path.write_bytes(text.encode("utf-8"))
    govlint("--fix", path)
    assert path.read_bytes() == text.replace("[bookmark: _GoBack]", "").encode("utf-8")


def test_fix_joins_both_halves_of_broken_paragraphs(tmp_path):
    path = copy(REPORT_000, tmp_path)
    run = govlint("--fix", path)
    text = read(path)
    assert text == fixed_000()
    lines, before = text.split("\n"), read(REPORT_000).split("\n")
    # Line 21 and line 23 (after the blank line 22) are one line now; so are 93 and 95.
    assert lines[20] == before[20] + before[22] and "研究部署卫生健康信息" in lines[20]
    assert lines[90] == before[92] + before[94] and "公开内容信息主要是集中在" in lines[90]
    assert lines[21:90] == before[23:92] and lines[91:] == before[95:]
    assert len(lines) == len(before) - 4
    # What is left is reported at its new position (two lines removed above 36:13).
    assert lines_of(run) == [(path.name, 5, 1, "P001"), (path.name, 34, 13, "T201")]
    assert "fixed 2 problems in 1 file" in run.err


def test_fix_removes_the_web_residue_line(tmp_path):
    path = copy(REPORT_004, tmp_path)
    run = govlint("--fix", path)
    text = read(path)
    assert text == fixed_004()
    assert RESIDUE not in text and text.endswith("六、其他需要报告的事项\n无\n")
    assert "网页残留" not in run.out
    # The page's information table holds the title (名称), so it has no fix and stays reported.
    assert "1:1: A002" in run.out and "网页信息栏" in run.out
    assert "fixed 1 problem in 1 file" in run.err


def test_unsafe_fixes_renumber_sections(tmp_path):
    path = copy(REPORT_002, tmp_path)
    run = govlint("--fix", "--unsafe-fixes", path)
    assert read(path) == fixed_002(unsafe=True)
    assert read(path).split("\n")[15] == "二、 主动公开政府信息情况"
    assert read(path).split("\n")[61].startswith("三、 收到和处理政府信息公开申请情况")
    assert (run.code, run.out) == (0, "")
    assert run.err == "govlint: fixed 3 problems in 1 file\n"


def test_unsafe_fixes_correct_the_table_label(tmp_path):
    path = copy(REPORT_000, tmp_path)
    safe = copy(REPORT_000, tmp_path / "safe")
    govlint("--fix", safe)
    assert "本年度止件数" in read(safe)          # without --unsafe-fixes the label stays
    run = govlint("--fix", "--unsafe-fixes", path)
    assert read(path) == fixed_000(unsafe=True)
    assert read(path).split("\n")[33] == "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    assert lines_of(run) == [(path.name, 5, 1, "P001")]     # no fix offered for the title
    assert run.code == 1


def test_unsafe_fixes_flag_alone_changes_nothing(tmp_path):
    """--unsafe-fixes only widens --fix/--diff; on its own it is a lint run
    that shows the unsafe fixes as available too (never silently nothing)."""
    path = copy(REPORT_002, tmp_path)
    run = govlint("--unsafe-fixes", path)
    assert path.read_bytes() == REPORT_002.read_bytes()
    assert len(lines_of(run)) == 3 and run.code == 1
    assert [line.split(": ", 1)[1].split(" [warning]")[0] for line in run.out.splitlines()[:3]] == [
        "S005 [*]", "S005 [*]", "A001 [*]"]
    assert run.out.splitlines()[-1] == "[*] 3 fixable with --fix --unsafe-fixes."
    plain = govlint(path)
    assert [line.split(": ", 1)[1].split(" [warning]")[0] for line in plain.out.splitlines()[:3]] == [
        "S005", "S005", "A001 [*]"]


# ------------------------------------------------------------ numbers untouched

def _table_digits(text: str) -> list[str]:
    """Every digit sequence in the bodies of sections 二, 三 and 四 (the tables)."""
    from govlint.model.document import Document
    from govlint.model.report import parse_report

    report = parse_report(Document("x.txt", text))
    found = []
    for number in (2, 3, 4):
        section = report.section(number)
        assert section is not None, number
        found.append(re.findall(r"[0-9０-９]+", text[section.body.start:section.body.end]))
    return found


def _cells(path: Path) -> list[tuple]:
    from govlint.output.extract import extract_path

    result = extract_path(str(path), None)
    assert result["error"] is None
    return [(c["table"], c["block"], c["row"], c["column"], c["value"], c["raw"], c["status"])
            for c in result["cells"]]


@pytest.mark.parametrize("report", [REPORT_000, REPORT_002, REPORT_004], ids=["000", "002", "004"])
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fixes_never_change_a_number_in_the_tables(tmp_path, report, unsafe):
    path = copy(report, tmp_path)
    before_text, before_cells = read(path), _cells(path)
    govlint("--fix", *(["--unsafe-fixes"] if unsafe else []), path)
    after_text = read(path)
    assert after_text != before_text                  # something was fixed …
    assert _table_digits(after_text) == _table_digits(before_text)   # … but no number in a table
    assert _cells(path) == before_cells
    if not unsafe:
        # Safe fixes never change a digit anywhere in the report.
        assert re.findall(r"\d+", after_text) == re.findall(r"\d+", before_text)


def test_a_safe_fix_that_would_change_a_digit_is_not_applied():
    from govlint.model.document import Document
    from govlint.engine.fix import choose

    document = Document("x.txt", "共计12件。\n")
    digit = _diagnostic(document.text, "Z001", 1, 3, 1, 5, "", safe=True)          # would delete "12"
    plain = _diagnostic(document.text, "Z002", 1, 5, 1, 6, "", safe=True)
    assert choose(document, [digit, plain], unsafe=False) == [("Z002", [(4, 5, "")])]
    # An unsafe fix may change digits; the user reviews it.
    unsafe = _diagnostic(document.text, "Z003", 1, 3, 1, 5, "十二", safe=False)
    assert choose(document, [unsafe], unsafe=True) == [("Z003", [(2, 4, "十二")])]
    assert choose(document, [unsafe], unsafe=False) == []


# ------------------------------------------------------------ idempotence

@pytest.mark.parametrize("report", [REPORT_000, REPORT_002, REPORT_004], ids=["000", "002", "004"])
@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_second_fix_changes_nothing(tmp_path, report, unsafe):
    flags = ["--unsafe-fixes"] if unsafe else []
    path = copy(report, tmp_path)
    first = govlint("--fix", *flags, path)
    data, inode = path.read_bytes(), path.stat().st_ino
    assert data != report.read_bytes()
    second = govlint("--fix", *flags, path)
    assert path.read_bytes() == data
    assert path.stat().st_ino == inode                # not even rewritten
    assert second.err == "govlint: fixed 0 problems in 0 files\n"
    assert second.out == first.out and second.code == first.code
    diff = govlint("--diff", *flags, path)
    assert (diff.code, diff.out) == (0, "")


# ------------------------------------------------------------ encoding, BOM, newlines

ENCODINGS = [
    # report, codec, BOM, newline, expected text after --fix
    pytest.param(REPORT_002, "utf-8", b"\xef\xbb\xbf", "\r\n", fixed_002, BOOKMARK, id="utf8-bom-crlf"),
    pytest.param(REPORT_000, "gb18030", b"", "\r", fixed_000, None, id="gb18030-cr"),
    pytest.param(REPORT_004, "utf-16-le", b"\xff\xfe", "\n", fixed_004, RESIDUE, id="utf16le-bom-lf"),
]


@pytest.mark.parametrize("report, codec, bom, newline, expected, removed", ENCODINGS)
def test_fix_keeps_encoding_bom_and_newlines(tmp_path, report, codec, bom, newline, expected, removed):
    original = bom + read(report).replace("\n", newline).encode(codec)
    path = tmp_path / "report.txt"
    path.write_bytes(original)
    detected = govlint("--format", "json", path).json()["files"][0]["encoding"]
    assert detected == codec

    run = govlint("--fix", path)
    assert "fixed" in run.err and "fixed 0 problems" not in run.err
    data = path.read_bytes()
    assert data.startswith(bom) and (bom or not data.startswith(b"\xef\xbb\xbf"))
    text = data[len(bom):].decode(codec)
    # The same newline style throughout, and the same text as fixing the UTF-8 original.
    assert text == expected().replace("\n", newline)
    others = {"\r\n", "\r", "\n"} - {newline}
    assert not any(other in text.replace(newline, "") for other in others)
    assert data == bom + expected().replace("\n", newline).encode(codec)
    if removed is not None:
        # Exactly the artifact's bytes went; everything before and after is byte-identical.
        prefix = len(os.path.commonprefix([original, data]))
        suffix = len(os.path.commonprefix([original[::-1], data[::-1]]))
        suffix = min(suffix, len(data) - prefix)
        assert original[prefix:len(original) - suffix] == removed.encode(codec)
        assert data[prefix:len(data) - suffix] == b""
    # Still read the same way, and the fixed defect is gone.
    after = govlint("--format", "json", path).json()["files"][0]
    assert after["encoding"] == codec
    assert not any(d["fix"]["safe"] for d in after["diagnostics"] if d.get("fix"))


def test_mixed_newlines_stay_where_they_are(tmp_path):
    text = read(REPORT_002)
    lines = text.split("\n")
    # CRLF everywhere except a few LF lines (before and after the fixed line 68).
    raw = "".join(line + ("\n" if i in (10, 70) else "\r\n") for i, line in enumerate(lines[:-1])) + lines[-1]
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw.encode("utf-8"))
    govlint("--fix", path)
    assert path.read_bytes() == raw.replace(BOOKMARK, "").encode("utf-8")


# ------------------------------------------------------------ atomic writes

def test_fix_leaves_no_temporary_file_and_keeps_the_mode(tmp_path):
    path = copy(REPORT_002, tmp_path)
    os.chmod(path, 0o640)
    govlint("--fix", path)
    assert sorted(os.listdir(tmp_path)) == [path.name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert read(path) == fixed_002()


def test_write_atomic_failure_keeps_the_original(tmp_path, monkeypatch):
    import govlint.engine.fix as fix

    path = tmp_path / "report.txt"
    path.write_bytes(b"original")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fix.os, "replace", refuse)
    with pytest.raises(OSError):
        fix.write_atomic(str(path), b"new contents")
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_write_atomic_failure_while_writing(tmp_path, monkeypatch):
    import govlint.engine.fix as fix

    path = tmp_path / "report.txt"
    path.write_bytes(b"original")

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(fix.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        fix.write_atomic(str(path), b"new contents")
    assert path.read_bytes() == b"original"
    assert os.listdir(tmp_path) == ["report.txt"]


def test_fix_reports_a_failed_write_in_one_line(tmp_path, monkeypatch):
    """The CLI in-process with a failing rename: one line naming the file,
    exit 2, the report intact, no temporary file, the other file fixed."""
    from click.testing import CliRunner

    import govlint.engine.fix as fix
    from govlint.cli import main

    first = copy(REPORT_002, tmp_path, "a.txt")
    second = copy(REPORT_004, tmp_path, "b.txt")
    real_replace = os.replace

    def replace(src, dst):
        if os.path.basename(dst) == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(fix.os, "replace", replace)
    result = CliRunner().invoke(main, ["--fix", "--no-cache", str(first), str(second)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert first.read_bytes() == REPORT_002.read_bytes()
    assert read(second) == fixed_004()
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]
    problem = [line for line in result.stderr.splitlines()
               if "a.txt" in line and "Permission denied" in line]
    assert len(problem) == 1


# ------------------------------------------------------------ overlapping edits

def _diagnostic(text, code, line, column, end_line, end_column, replacement, safe=True, message=None):
    """A diagnostic with one fix, as the engine builds it for text."""
    from govlint.engine.lint import _diagnostic as build
    from govlint.model.document import Document, Span
    from govlint.rule import Edit, Finding, Fix

    document = Document("x.txt", text)
    span = Span(document.offset(line, column), document.offset(end_line, end_column))
    finding = Finding(span, message or f"{code} message", fix=Fix("fix", (Edit(span, replacement),), safe))
    return build(document, code, "synthetic", "warning", finding)


def test_fixes_on_the_same_span_resolve_the_same_way_every_time():
    from govlint.model.document import Document
    from govlint.engine.fix import choose

    document = Document("x.txt", "甲乙丙丁戊\n第二行\n")
    text = document.text
    same_span = [_diagnostic(text, "Z002", 1, 1, 1, 3, "BB"), _diagnostic(text, "Z001", 1, 1, 1, 3, "AA"),
                 _diagnostic(text, "Z001", 1, 1, 1, 3, "CC", message="Z001 another")]
    results = {repr(choose(document, list(order), unsafe=False)) for order in itertools.permutations(same_span)}
    # Lowest code first, then the message: one winner whatever the order.
    assert results == {repr([("Z001", [(0, 2, "CC")])])}

    # Partial overlap: the earlier start wins; an adjacent fix is still taken.
    overlapping = [_diagnostic(text, "Z001", 1, 2, 1, 4, "X"), _diagnostic(text, "Z009", 1, 1, 1, 3, "Y"),
                   _diagnostic(text, "Z005", 1, 4, 1, 6, "W"), _diagnostic(text, "Z003", 2, 1, 2, 1, "（"),
                   _diagnostic(text, "Z002", 2, 1, 2, 1, "【")]
    results = {repr(choose(document, list(order), unsafe=False)) for order in itertools.permutations(overlapping)}
    assert results == {repr([("Z009", [(0, 2, "Y")]), ("Z005", [(3, 5, "W")]), ("Z002", [(6, 6, "【")])])}


def test_overlapping_fixes_apply_over_passes_deterministically():
    """fix_source re-lints between passes: the fix that lost an overlap is
    offered again against the new text, and the result does not depend on
    the order in which the rules reported."""
    from govlint.engine.fix import fix_source
    from govlint.reading.source import decode

    source = decode("甲乙丙\r\n丁戊己\r\n".encode("utf-8"), "x.txt")

    def lint_with(order):
        def lint(text):
            found = []
            if "甲乙" in text:                       # two rules want 1:1-1:3
                found += [_diagnostic(text, "Z002", 1, 1, 1, 3, "二"), _diagnostic(text, "Z001", 1, 1, 1, 3, "一")]
            if "乙丙" in text:
                found.append(_diagnostic(text, "Z003", 1, 2, 1, 4, "三"))
            if "丁戊" in text:
                found.append(_diagnostic(text, "Z004", 2, 1, 2, 3, "四\n"))
            return sorted(found, key=lambda d: order.index(d.code))
        return lint

    outcomes = {fix_source(source, lint_with(order)).fixed
                for order in itertools.permutations(["Z001", "Z002", "Z003", "Z004"])}
    # Pass 1: Z001 (1:1-1:3, lowest code) and Z004; Z002 and Z003 overlap it.
    # Pass 2: "一丙" no longer holds 甲乙 or 乙丙: nothing left.
    assert outcomes == {"一丙\r\n四\r\n己\r\n"}


# ------------------------------------------------------------ --diff

def _apply_unified_diff(original: str, diff: str, path: str) -> str:
    """A strict patcher: checks the headers, each hunk's counts and context."""
    lines = diff.splitlines(keepends=True)
    assert lines[0] == f"--- a/{path}\n" and lines[1] == f"+++ b/{path}\n", lines[:2]
    source = original.splitlines(keepends=True)
    out, position, index = [], 0, 2
    hunks = 0
    while index < len(lines):
        header = re.match(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", lines[index])
        assert header, lines[index]
        hunks += 1
        old_start, old_count = int(header[1]), int(header[2] if header[2] is not None else 1)
        new_count = int(header[4] if header[4] is not None else 1)
        start = old_start - 1 if old_count else old_start
        out.extend(source[position:start])
        position = start
        index += 1
        seen_old = seen_new = 0
        while index < len(lines) and not lines[index].startswith("@@"):
            kind, body = lines[index][0], lines[index][1:]
            if kind == "\\":                      # "\ No newline at end of file"
                if out and out[-1].endswith("\n") and seen_new and lines[index - 1][0] in " +":
                    out[-1] = out[-1][:-1]
                index += 1
                continue
            if kind in " -":
                assert source[position].rstrip("\n") == body.rstrip("\n"), (position, body)
                position += 1
                seen_old += 1
            if kind in " +":
                out.append(body)
                seen_new += 1
            assert kind in " -+", lines[index]
            index += 1
        assert (seen_old, seen_new) == (old_count, new_count)
    out.extend(source[position:])
    assert hunks >= 1
    return "".join(out)


@pytest.mark.parametrize("report, unsafe, expected", [
    (REPORT_002, False, fixed_002), (REPORT_002, True, lambda: fixed_002(True)),
    (REPORT_000, False, fixed_000), (REPORT_000, True, lambda: fixed_000(True)),
    (REPORT_004, False, fixed_004),
], ids=["002-safe", "002-unsafe", "000-safe", "000-unsafe", "004-safe"])
def test_diff_prints_the_fixes_and_writes_nothing(tmp_path, report, unsafe, expected):
    path = copy(report, tmp_path)
    before = os.stat(path)
    run = govlint("--diff", *(["--unsafe-fixes"] if unsafe else []), path.name, cwd=tmp_path)
    assert path.read_bytes() == report.read_bytes()
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns
    assert os.listdir(tmp_path) == [path.name]
    assert run.code == 1
    assert re.fullmatch(r"govlint: \d+ fix(es)? would change 1 file\n", run.err)
    assert _apply_unified_diff(read(report), run.out, path.name) == expected()
    # Only the lines the fixes touch appear as changes.
    removed = [line[1:] for line in run.out.splitlines()[2:] if line.startswith("-")]
    added = [line[1:] for line in run.out.splitlines()[2:] if line.startswith("+")]
    if report == REPORT_002:
        assert removed == ["2、 主动公开政府信息情况", "3、 收到和处理政府信息公开申请情况", "\t" + BOOKMARK + "法人或其他组织"
                           ][(0 if unsafe else 2):]
        assert added == ["二、 主动公开政府信息情况", "三、 收到和处理政府信息公开申请情况", "\t法人或其他组织"
                         ][(0 if unsafe else 2):]


def test_diff_on_a_file_with_nothing_to_fix(tmp_path):
    path = copy(REPORT_002, tmp_path)
    path.write_text(fixed_002(unsafe=True), encoding="utf-8")
    run = govlint("--diff", "--unsafe-fixes", path)
    assert (run.code, run.out) == (0, "")
    assert run.err == "govlint: 0 fixes would change 0 files\n"


def test_diff_of_several_files_names_each(tmp_path):
    """004's fixed line is its last, without a newline: the diff says so
    ("\\ No newline at end of file") instead of gluing the next file's
    header onto it."""
    a = copy(REPORT_004, tmp_path, "a.txt")
    b = copy(REPORT_002, tmp_path, "b.txt")
    run = govlint("--diff", "a.txt", "b.txt", cwd=tmp_path)
    headers = [line for line in run.out.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == ["--- a/a.txt", "+++ b/a.txt", "--- a/b.txt", "+++ b/b.txt"]
    assert run.out.endswith("\n")
    first, second = run.out.split("--- a/b.txt\n")
    assert "-" + RESIDUE + "\n\\ No newline at end of file\n" in first
    assert _apply_unified_diff(read(REPORT_004), first, "a.txt") == fixed_004()
    assert _apply_unified_diff(read(REPORT_002), "--- a/b.txt\n" + second, "b.txt") == fixed_002()
    assert run.err == "govlint: 2 fixes would change 2 files\n"
    assert a.read_bytes() == REPORT_004.read_bytes() and b.read_bytes() == REPORT_002.read_bytes()
    if shutil.which("patch"):
        # The diff is a patch the standard tool applies, giving what --fix writes.
        (tmp_path / "fixes.patch").write_text(run.out, encoding="utf-8")
        done = subprocess.run(["patch", "-p1", "-s", "-i", "fixes.patch"], cwd=tmp_path, capture_output=True)
        assert done.returncode == 0, done.stdout + done.stderr
        assert read(a) == fixed_004() and read(b) == fixed_002()


# ------------------------------------------------------------ exit codes

def test_fix_exit_codes(tmp_path):
    # Findings left after fixing: 1; with --fail-on error they do not count.
    assert govlint("--fix", copy(REPORT_002, tmp_path / "a")).code == 1
    assert govlint("--fix", "--fail-on", "error", copy(REPORT_002, tmp_path / "b")).code == 0
    # Everything fixed: 0.
    assert govlint("--fix", "--unsafe-fixes", copy(REPORT_002, tmp_path / "c")).code == 0
    # A file that cannot be read: 2, and the other file is still fixed.
    good = copy(REPORT_004, tmp_path / "d")
    run = govlint("--fix", tmp_path / "missing.txt", good)
    assert run.code == 2
    assert f"{tmp_path / 'missing.txt'}:1:1: E001 [error]" in run.out
    assert read(good) == fixed_004()
    # --diff: 1 when something would change, 2 for an unreadable file.
    assert govlint("--diff", tmp_path / "missing.txt").code == 2


def test_fix_refuses_standard_input():
    run = govlint("--fix", "-", stdin=REPORT_002.read_bytes())
    assert run.code == 2 and run.out == ""
    assert "--fix" in run.err
