"""govlint never crashes, never points outside the text, and does not depend on --jobs.

Property-based tests (hypothesis) on arbitrary text and on mutations of the
real reports in corpus/, and one test per hostile input.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from govlint.model.document import Document
from govlint.engine.lint import Options, lint_bytes, lint_document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPORTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
ALL = Options(select=["ALL"])

# Characters that matter to the readers: CJK text, numerals, table and
# heading punctuation, separators, digits, invisible and odd code points.
ALPHABET = st.sampled_from(list("一二三四五六七八九十、（）()．.|\t \n\r0123456789年月日件总计规章行政许可"
                                "申请公开情况主动收到和处理复议诉讼存在问题改进其他事项【】〔〕“”XX×_—-")
                           + ["\u200b", "\ufffd", "\ue000", "\x00", "\u3000", "𠀀"])


def check_invariants(text: str, diagnostics) -> None:
    document = Document("t", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = document.lines
    for d in diagnostics:
        assert d.code != "E999", d.message
        assert 1 <= d.line <= len(lines) and 1 <= d.end_line <= len(lines), d
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1, d
        assert 1 <= d.end_column <= len(lines[d.end_line - 1]) + 1, d
        assert (d.line, d.column) <= (d.end_line, d.end_column), d
        json.dumps(d.to_json(), ensure_ascii=False)


def lint(text: str):
    return lint_document(Document("t", text.replace("\r\n", "\n").replace("\r", "\n")), ALL)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)
@given(st.lists(st.one_of(ALPHABET, st.sampled_from(["&nbsp;", "[bookmark: _GoBack]", "一、总体情况\n",
                                                     "三、收到和处理政府信息公开申请情况\n", "一、本年新收政府信息公开申请数量"])),
                max_size=200).map("".join))
def test_arbitrary_text(text):
    check_invariants(text, lint(text))


@st.composite
def mutated_report(draw):
    lines = draw(st.sampled_from(REPORTS)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "shuffle-cells", "truncate", "swap"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "shuffle-cells":
            sep = "\t" if "\t" in lines[i] else "|"
            cells = lines[i].split(sep)
            lines[i] = sep.join(draw(st.permutations(cells)))
        elif kind == "truncate":
            lines = lines[:i]
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)
@given(mutated_report())
def test_mutated_reports(text):
    check_invariants(text, lint(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          derandomize=True)
@given(st.sampled_from(REPORTS), st.binary(min_size=1, max_size=40), st.floats(0, 1))
@example(REPORTS[0], b"%PDF-", 0.0)            # a text that starts like a PDF is read as one
def test_random_bytes_in_the_middle(text, noise, where):
    data = text.encode("utf-8")
    cut = int(len(data) * where)
    result = lint_bytes(data[:cut] + noise + data[cut:], "t.txt", ALL)
    assert all(d.code != "E999" for d in result.diagnostics)
    if result.text is not None:
        check_invariants(result.text, result.diagnostics)
    else:
        # E010 / E011: noise at the start that is a file signature ("{\\rtf", an OLE
        # header: unsupported; "%PDF-", "PK\x03\x04": read as that format, found damaged).
        assert result.error and result.diagnostics[0].code in ("E002", "E003", "E004", "E010", "E011")


# --------------------------------------------------------------------------
# Hostile inputs

HOSTILE = {
    "1 MB line": "一、总体情况\n" + "政府信息公开工作，" * 110000 + "\n",
    "100,000 tabs": "三、收到和处理政府信息公开申请情况\n" + "\t" * 100000 + "\n",
    "100,000 pipes": "二、主动公开政府信息情况\n" + "|" * 100000 + "\n",
    "thousands of headings": "".join(f"{n}、主动公开政府信息情况\n规章\t0\t0\t0\n" for n in "一二三四五六" * 500),
    "digits glued to labels": "三、收到和处理政府信息公开申请情况\n" + "一、本年新收政府信息公开申请数量" + "9" * 5000 + "\n",
    "one huge table row": "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量" + "\t1" * 200000 + "\n",
    "nested brackets": "一、总体情况\n" + "（" * 50000 + "）" * 50000 + "\n",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text(name):
    text = HOSTILE[name]
    started = time.monotonic()
    diagnostics = lint(text)
    elapsed = time.monotonic() - started
    check_invariants(text, diagnostics)
    assert elapsed < 60, f"{name}: {elapsed:.1f}s"   # a guard against hangs, not a benchmark


@pytest.mark.parametrize("data, code", [
    (b"\xef\xbb\xbf", "E002"),                                  # only a BOM
    (b"\x00\x01\x02binary\x00\xff" * 100, "E003"),              # NUL bytes
])
def test_hostile_bytes(data, code):
    result = lint_bytes(data, "t.txt", ALL)
    assert [d.code for d in result.diagnostics] == [code]


def test_invalid_utf8_in_the_middle_of_utf8():
    data = REPORTS[2].encode("utf-8")
    broken = data[:3000] + b"\xff\xfe\xfa" + data[3000:]
    result = lint_bytes(broken, "t.txt", ALL)
    assert not [d for d in result.diagnostics if d.code == "E999"]
    assert result.error is None or result.diagnostics[0].code == "E004"


def test_mixed_encoding_file():
    data = REPORTS[2][:800].encode("utf-8") + REPORTS[2][800:].encode("gb18030")
    result = lint_bytes(data, "t.txt", ALL)
    assert not [d for d in result.diagnostics if d.code == "E999"]


def govlint(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True, **kwargs)


def test_result_does_not_depend_on_jobs(tmp_path):
    for i, text in enumerate(REPORTS * 3):
        lines = text.split("\n")
        (tmp_path / f"r{i:02d}.txt").write_text("\n".join(lines[: len(lines) - i]), encoding="utf-8")
    one = govlint("--format", "json", "--no-cache", "--jobs", "1", str(tmp_path))
    two = govlint("--format", "json", "--no-cache", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode and one.returncode in (0, 1)
    assert one.stdout == two.stdout
    json.loads(one.stdout)


def test_ctrl_c_exits_130_and_leaves_no_partial_file(tmp_path):
    for i in range(400):
        (tmp_path / f"r{i:03d}.txt").write_text(REPORTS[i % len(REPORTS)], encoding="utf-8")
    before = sorted(os.listdir(tmp_path))
    process = subprocess.Popen([sys.executable, "-m", "govlint", "--no-cache", "--jobs", "2", "--fix", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    try:
        code = process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("govlint did not stop within 20 s of Ctrl-C")
    assert code in (130, 0, 1), code        # 0/1 only if it finished before the signal
    assert sorted(os.listdir(tmp_path)) == before   # no temporary file left behind


def test_ctrl_c_during_a_parallel_lint(tmp_path):
    # Enough reports that the interrupt lands while they are being linted:
    # with 600 a fast install had finished by then, and a SIGINT during the
    # interpreter's own shutdown is a race of Python's, not of govlint's.
    for i in range(3000):
        (tmp_path / f"r{i:04d}.txt").write_text(REPORTS[i % len(REPORTS)], encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "govlint", "--no-cache", "--jobs", "2",
                                str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(2)
    process.send_signal(signal.SIGINT)
    try:
        code = process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)         # faulthandler prints where every thread waits
        _, stderr = process.communicate(timeout=20)
        raise AssertionError("still running 20 s after Ctrl-C:\n" + stderr[-4000:]) from None
    stderr = process.stderr.read()
    assert "Traceback" not in stderr
    assert code in (130, 0, 1)


def test_ctrl_c_during_the_pairing_pre_pass_stops_it_at_once():
    """The pre-pass reads every report's head in a pool before linting; a
    Ctrl-C there used to wait until the whole pre-pass was done (seconds
    for a large folder, more on a loaded machine), and a stopped pool's
    workers went on with their queued work until it ended. Here that work
    would take a minute; the interrupt ends it, and the process, within
    seconds, with no traceback from the pool's thread."""
    script = """
import os, signal, threading, time
from govlint.engine.batch import map_ordered
threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    map_ordered(time.sleep, [0.5] * 240, 2)
except KeyboardInterrupt:
    print("interrupted")
"""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "interrupted"
    assert "Traceback" not in done.stderr, done.stderr
    assert time.monotonic() - start < 15


def test_results_are_picklable_for_cluster_engines():
    import pickle

    import govlint

    result = govlint.lint_path(str(CORPUS / "002_b70717b772d0d9c9.txt"))
    again = pickle.loads(pickle.dumps(result))
    assert [(d.code, d.line, d.column) for d in again.diagnostics] == [(d.code, d.line, d.column) for d in result.diagnostics]
    assert again.diagnostics


def test_a_rule_that_never_ends_is_stopped_and_the_others_still_run():
    """The last-resort guard: a rule stuck on an input (here a loop, as a
    catastrophically backtracking pattern would be) is reported as E998
    rule-timeout after its limit; the rules after it still report."""
    from govlint.rule import rule

    @rule("Z990", "never-ends", "error")
    def never_ends(report, options):
        """A rule that loops."""
        while True:
            pass
        yield

    text = REPORTS[2] + "\n扫一扫在手机打开当前页\n"
    rules = [never_ends, *Options(select=["A002"]).rules()]
    start = time.monotonic()
    diagnostics = lint_document(Document("t", text), Options(rule_timeout=0.5), rules)
    elapsed = time.monotonic() - start
    assert [d.code for d in diagnostics] == ["E998", "A002"]
    assert "Z990" in diagnostics[0].message
    assert 0.5 <= elapsed < 5
    # The guard is gone afterwards: nothing interrupts what follows.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.6)
