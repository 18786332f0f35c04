"""`govlint --format json` against docs/json-schema.json, and positions
that lie inside the files they point into."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SCHEMA_PATH = ROOT / "docs" / "json-schema.json"


def run_json(*args: str, cwd: Path = ROOT) -> tuple[dict, subprocess.CompletedProcess]:
    proc = subprocess.run([sys.executable, "-m", "govlint", "--format", "json", *args],
                          cwd=cwd, capture_output=True, timeout=120)
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    assert proc.returncode in (0, 1, 2), (proc.returncode, err)
    return json.loads(out), proc


@pytest.fixture(scope="module")
def schema() -> dict:
    data = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def corpus_output():
    data, proc = run_json("corpus/")
    return data, proc


def _lines(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _check_range(lines: list[str], item: dict, where: str) -> None:
    line, column, end_line, end_column = (item["line"], item["column"], item["end_line"], item["end_column"])
    assert 1 <= line <= len(lines), f"{where}: line {line} outside 1..{len(lines)}"
    assert 1 <= end_line <= len(lines), f"{where}: end_line {end_line} outside 1..{len(lines)}"
    # Column len+1 is the end of the line (just before its newline).
    assert 1 <= column <= len(lines[line - 1]) + 1, \
        f"{where}: column {column} past end of line {line} (length {len(lines[line - 1])})"
    assert 1 <= end_column <= len(lines[end_line - 1]) + 1, \
        f"{where}: end_column {end_column} past end of line {end_line} (length {len(lines[end_line - 1])})"
    assert (line, column) <= (end_line, end_column), f"{where}: end before start"


def test_schema_is_valid_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_corpus_output_matches_schema(corpus_output, validator):
    data, proc = corpus_output
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])
    assert data["version"] == 1


def test_corpus_output_lists_every_file_once_sorted(corpus_output):
    data, _ = corpus_output
    paths = [Path(f["path"]) for f in data["files"]]
    expected = sorted(CORPUS.rglob("*.txt"))     # the folder is walked recursively, in path order
    assert [str(p) for p in paths] == [str(p.relative_to(CORPUS.parent)) for p in expected]
    assert all(p.parts[0] == "corpus" for p in paths)


def test_corpus_files_decode_as_utf8_without_error(corpus_output):
    data, _ = corpus_output
    for entry in data["files"]:
        assert entry["encoding"] == "utf-8", entry["path"]
        assert entry["error"] is None, (entry["path"], entry["error"])
        assert not any(d["code"].startswith("E") for d in entry["diagnostics"]), entry["path"]


def test_corpus_exit_code_agrees_with_diagnostics(corpus_output):
    data, proc = corpus_output
    severities = {d["severity"] for f in data["files"] for d in f["diagnostics"]}
    # Default --fail-on warning.
    assert proc.returncode == (1 if severities & {"error", "warning"} else 0)


def test_corpus_positions_lie_inside_files(corpus_output):
    data, _ = corpus_output
    checked = 0
    for entry in data["files"]:
        lines = _lines(ROOT / entry["path"])
        for d in entry["diagnostics"]:
            where = f"{entry['path']} {d['code']} {d['line']}:{d['column']}"
            _check_range(lines, d, where)
            for edit in (d.get("fix") or {}).get("edits", []):
                _check_range(lines, edit, where + " fix edit")
            for related in d.get("related", []):
                _check_range(lines, related, where + " related")
            checked += 1
    assert checked > 0, "the corpus should produce at least one diagnostic"


def test_corpus_diagnostics_sorted_by_position(corpus_output):
    data, _ = corpus_output
    for entry in data["files"]:
        keys = [(d["line"], d["column"]) for d in entry["diagnostics"]]
        assert keys == sorted(keys), entry["path"]


def test_diagnostic_codes_and_names_match_rule_list(corpus_output):
    data, _ = corpus_output
    proc = subprocess.run([sys.executable, "-m", "govlint", "rules", "--all"], cwd=ROOT,
                          capture_output=True, timeout=120)
    known = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        code, name, severity = line.split()[:3]
        known[code] = (name, severity)
    for entry in data["files"]:
        for d in entry["diagnostics"]:
            assert d["code"] in known, d
            assert d["name"] == known[d["code"]][0], d


def test_error_files_match_schema(tmp_path, validator):
    """Files that cannot be linted still produce schema-valid entries, with
    encoding null and a one-line error."""
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x00")
    (tmp_path / "c_undecodable.txt").write_bytes(b"\x80\xff" * 40)
    good = sorted(CORPUS.glob("*.txt"))[0]
    (tmp_path / "d_good.txt").write_bytes(good.read_bytes())
    data, proc = run_json(str(tmp_path), str(tmp_path / "e_missing.txt"))
    assert proc.returncode == 2
    assert not list(validator.iter_errors(data))
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert {n: (f["error"] or "")[:4] for n, f in by_name.items()} == {
        "a_empty.txt": "E002", "b_binary.txt": "E003", "c_undecodable.txt": "E004",
        "d_good.txt": "", "e_missing.txt": "E001"}
    for name, entry in by_name.items():
        if name != "d_good.txt":
            assert entry["encoding"] is None
            assert [d["code"] for d in entry["diagnostics"]] == [entry["error"][:4]]
    assert by_name["d_good.txt"]["encoding"] == "utf-8"


@pytest.mark.parametrize("mutate", [
    pytest.param(lambda d: d.update(version=2), id="version"),
    pytest.param(lambda d: d.update(extra=True), id="top-level-extra"),
    pytest.param(lambda d: d["files"][0].update(size=3), id="file-extra"),
    pytest.param(lambda d: d["files"][0].pop("encoding"), id="file-missing-encoding"),
    pytest.param(lambda d: d["files"][0].update(encoding=7), id="encoding-type"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(severity="fatal"), id="severity"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(line=0), id="line-zero"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(column=1.5), id="column-float"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].pop("end_column"), id="missing-end"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(start=3), id="diagnostic-extra"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(code="s1"), id="code-pattern"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(message="a\nb"), id="multiline-message"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(
        fix={"description": "x", "safe": "yes", "edits": []}), id="bad-fix"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(fix={
        "description": "x", "safe": True,
        "edits": [{"line": 1, "column": 1, "end_line": 1, "end_column": 2}]}), id="edit-no-replacement"),
    pytest.param(lambda d: d["files"][0]["diagnostics"][0].update(related=[
        {"line": 1, "column": 1, "end_line": 1, "end_column": 2, "message": "m", "x": 1}]), id="related-extra"),
])
def test_schema_rejects_malformed_output(mutate, validator):
    """The schema is strict enough to catch drift in the output."""
    base = {"version": 1, "files": [{"path": "a.txt", "encoding": "utf-8", "error": None, "diagnostics": [
        {"code": "S001", "name": "missing-title", "severity": "error", "message": "m",
         "line": 1, "column": 1, "end_line": 1, "end_column": 2,
         "fix": {"description": "d", "safe": True,
                 "edits": [{"line": 1, "column": 1, "end_line": 1, "end_column": 2, "replacement": ""}]},
         "related": [{"line": 2, "column": 1, "end_line": 2, "end_column": 3, "message": "r"}]}]}]}
    assert not list(validator.iter_errors(base))
    bad = copy.deepcopy(base)
    mutate(bad)
    assert list(validator.iter_errors(bad))
