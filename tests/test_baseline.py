"""Baselines: --write-baseline records today's findings, --baseline reports
only new ones. Entries are content fingerprints, not line numbers."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workflow import REPORT_000, REPORT_002, REPORT_004, copy, govlint, read

BOOKMARK = "[bookmark: _GoBack]"


@pytest.fixture
def tree(tmp_path) -> Path:
    """tmp/reports/{000,002,004}.txt"""
    for report in (REPORT_000, REPORT_002, REPORT_004):
        copy(report, tmp_path / "reports")
    return tmp_path


def reported(run) -> list[tuple[str, str, int, int]]:
    return [(Path(f["path"]).name[:3], d["code"], d["line"], d["column"])
            for f in run.json()["files"] for d in f["diagnostics"]]


def write_baseline(tree: Path) -> tuple[Path, list[dict]]:
    baseline = tree / "govlint-baseline.json"
    run = govlint("--write-baseline", baseline.name, "reports", cwd=tree)
    assert run.code == 0, run.err
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert run.err == f"govlint: wrote {len(data['entries'])} entries to {baseline.name}\n"
    return baseline, data["entries"]


def test_write_baseline_records_every_finding(tree):
    everything = govlint("--format", "json", "reports", cwd=tree)
    assert everything.code == 1
    baseline, entries = write_baseline(tree)
    expected = sorted((f["path"], d["code"], d["fingerprint"]) for f in everything.json()["files"]
                      for d in f["diagnostics"])
    assert sorted((e["path"], e["code"], e["fingerprint"]) for e in entries) == expected
    assert len(entries) == len(reported(everything)) >= 10
    assert {e["path"] for e in entries} == {f"reports/{r.name}" for r in (REPORT_000, REPORT_002, REPORT_004)}
    assert all(re.fullmatch(r"[0-9a-f]{16}", e["fingerprint"]) for e in entries)
    # The message is kept for people reading the file and for stale reports.
    bookmark = [e for e in entries if e["code"] == "A001"]
    assert len(bookmark) == 1 and BOOKMARK in bookmark[0]["message"]
    # No line numbers: the baseline survives edits elsewhere.
    assert not any(key in e for e in entries for key in ("line", "column"))


def test_baseline_then_reports_nothing(tree):
    baseline, _ = write_baseline(tree)
    run = govlint("--baseline", baseline.name, "reports", cwd=tree)
    assert (run.code, run.out, run.err) == (0, "", "")
    as_json = govlint("--format", "json", "--baseline", baseline.name, "reports", cwd=tree)
    assert reported(as_json) == [] and len(as_json.json()["files"]) == 3
    # From another directory, with absolute paths: the entries are relative to the baseline file.
    elsewhere = govlint("--baseline", baseline, tree / "reports" / REPORT_002.name)
    assert (elsewhere.code, elsewhere.out, elsewhere.err) == (0, "", "")


def test_edits_elsewhere_do_not_bring_findings_back(tree):
    baseline, _ = write_baseline(tree)
    path = tree / "reports" / REPORT_002.name
    lines = read(path).split("\n")
    inserted = ["本机关高度重视政府信息公开工作，现将有关情况报告如下。", "", "（一）补充说明", ""]
    path.write_text("\n".join(lines[:14] + inserted + lines[14:]), encoding="utf-8")
    # The findings moved four lines down …
    moved = govlint("--format", "json", path)
    assert [(c, l, col) for _, c, l, col in reported(moved)] == [("S005", 20, 1), ("S005", 66, 1), ("A001", 72, 2)]
    # … and are still recognised.
    run = govlint("--baseline", baseline.name, "reports", cwd=tree)
    assert (run.code, run.out, run.err) == (0, "", "")

    # Also when the line holding a finding is itself reflowed around it.
    path.write_text(read(path).replace("\t" + BOOKMARK, "\t\t" + BOOKMARK), encoding="utf-8")
    assert govlint("--baseline", baseline.name, "reports", cwd=tree).out == ""


def test_only_a_new_defect_is_reported(tree):
    baseline, _ = write_baseline(tree)
    path = tree / "reports" / REPORT_002.name
    text = read(path)
    new = "\n扫一扫在手机打开当前页"
    path.write_text(text.rstrip("\n") + new + "\n", encoding="utf-8")
    run = govlint("--format", "json", "--baseline", baseline.name, "reports", cwd=tree)
    assert run.code == 1
    last = len(read(path).split("\n")) - 1
    assert reported(run) == [("002", "A002", last, 1)]
    concise = govlint("--format", "concise", "--baseline", baseline.name, "reports", cwd=tree)
    assert concise.out == f"reports/{REPORT_002.name}:{last}:1: A002 {run.diagnostics()[0]['message']}\n"


def test_a_second_identical_defect_is_new(tree):
    """Entries are counted: one baselined bookmark does not hide another."""
    baseline, _ = write_baseline(tree)
    path = tree / "reports" / REPORT_002.name
    lines = read(path).split("\n")
    lines[70] = "\t" + BOOKMARK + lines[70].lstrip("\t")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [c for _, c, _, _ in reported(govlint("--format", "json", path))].count("A001") == 2
    run = govlint("--format", "json", "--baseline", baseline.name, "reports", cwd=tree)
    assert [c for _, c, _, _ in reported(run)] == ["A001"]
    assert run.code == 1


def test_fixed_defect_is_reported_as_stale(tree):
    baseline, entries = write_baseline(tree)
    path = tree / "reports" / REPORT_002.name
    path.write_text(read(path).replace(BOOKMARK, ""), encoding="utf-8")
    run = govlint("--baseline", baseline.name, "reports", cwd=tree)
    assert run.code == 0 and run.out == ""
    entry = next(e for e in entries if e["code"] == "A001")
    assert run.err.splitlines() == [
        f"govlint: 1 baseline entry no longer found (run --write-baseline to shrink {baseline.name}):",
        f"  reports/{REPORT_002.name}: A001 {entry['message']}",
    ]
    # Rewriting the baseline drops the entry; then nothing is stale.
    _, shrunk = write_baseline(tree)
    assert len(shrunk) == len(entries) - 1
    assert govlint("--baseline", baseline.name, "reports", cwd=tree).err == ""


def test_stale_entries_only_for_files_linted(tree):
    baseline, _ = write_baseline(tree)
    run = govlint("--baseline", baseline.name, f"reports/{REPORT_002.name}", cwd=tree)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_new_findings_in_sarif_with_a_baseline(tree):
    baseline, _ = write_baseline(tree)
    path = tree / "reports" / REPORT_004.name
    path.write_text(read(path).replace("六、其他需要报告的事项", "六、其他需要报告的事项\n打印本页"), encoding="utf-8")
    run = govlint("--format", "sarif", "--baseline", baseline.name, "reports", cwd=tree)
    results = run.json()["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("A002", 142)]


@pytest.mark.parametrize("content, says", [
    ("this is not json {", "invalid JSON"),
    ('{"version": 99, "entries": []}', "version 1 expected"),
    ('["a", "list"]', "version 1 expected"),
    ('{"version": 1, "entries": [{"path": "a.txt"}]}', "malformed entry"),
    ('{"version": 1, "entries": ["text"]}', "malformed entry"),
    (b"\xff\xfe\x00garbage", "baseline"),
], ids=["json", "version", "list", "entry-keys", "entry-type", "bytes"])
def test_corrupt_baseline_is_one_line_exit_2(tree, content, says):
    baseline = tree / "govlint-baseline.json"
    if isinstance(content, bytes):
        baseline.write_bytes(content)
    else:
        baseline.write_text(content, encoding="utf-8")
    run = govlint("--baseline", baseline.name, "reports", cwd=tree)
    assert run.code == 2 and run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"govlint: error: {baseline.name}: ") and says in lines[0]


def test_missing_baseline_is_one_line_exit_2(tree):
    run = govlint("--baseline", "nowhere.json", "reports", cwd=tree)
    assert run.code == 2 and run.out == ""
    assert run.err == "govlint: error: nowhere.json: cannot read baseline: No such file or directory\n"


def test_unwritable_baseline_is_one_line_exit_2(tree):
    run = govlint("--write-baseline", tree / "no" / "such" / "dir" / "b.json", "reports", cwd=tree)
    assert run.code == 2
    lines = run.err.splitlines()
    assert len(lines) == 1 and "b.json" in lines[0] and "cannot write" in lines[0]
