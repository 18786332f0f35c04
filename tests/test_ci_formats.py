"""--format junit, gitlab and rdjson, each read back by what consumes it:
JUnit XML with junitparser (the reader CI test-report tools are built
like), GitLab Code Quality and reviewdog's rdjson against their schemas
(vendored in tests/data). Each agrees with the JSON document finding by
finding."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from workflow import CORPUS, REPORT_000, REPORT_002, ROOT, copy, govlint

jsonschema = pytest.importorskip("jsonschema")
junitparser = pytest.importorskip("junitparser", reason="pip install -e '.[test]' brings junitparser")

MISSING = "corpus/no-such-report.txt"
GITLAB_SCHEMA = ROOT / "tests" / "data" / "gitlab-codequality.schema.json"
RDJSON_SCHEMA = ROOT / "tests" / "data" / "reviewdog-rdjson.schema.json"


@pytest.fixture(scope="module")
def reference() -> dict:
    run = govlint("--format", "json", "corpus", MISSING)
    assert run.code == 2
    return run.json()


def flat(document):
    return [(f["path"], d) for f in document["files"] for d in f["diagnostics"]]


# ------------------------------------------------------------------- junit

def test_junit_read_by_junitparser(reference, tmp_path):
    run = govlint("--format", "junit", "corpus", MISSING)
    assert run.code == 2
    path = tmp_path / "govlint.xml"
    path.write_text(run.out, encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert [s.name for s in suites] == [f["path"] for f in reference["files"]]
    cases = []
    for suite, entry in zip(suites, reference["files"]):
        found = list(suite)
        if not entry["diagnostics"]:
            assert len(found) == 1 and found[0].is_passed
            continue
        assert len(found) == len(entry["diagnostics"]) == suite.tests
        for case, d in zip(found, entry["diagnostics"]):
            assert case.classname == entry["path"]
            assert case.name == f"{d['code']} {d['name']} {d['line']}:{d['column']}"
            (outcome,) = case.result if not case.is_passed else [None]
            if d["code"].startswith("E"):
                assert isinstance(outcome, junitparser.Error) and outcome.message == d["message"]
            elif d["severity"] in ("error", "warning"):        # at or above the default failing level
                assert isinstance(outcome, junitparser.Failure) and outcome.message == d["message"]
                assert outcome.type == d["severity"]
            else:
                assert case.is_passed and d["message"] in (case.system_out or "")
            cases.append(case)
    severities = Counter(d["severity"] for _, d in flat(reference) if not d["code"].startswith("E"))
    assert sum(s.failures for s in suites) == severities["error"] + severities["warning"]
    assert sum(s.errors for s in suites) == sum(1 for _, d in flat(reference) if d["code"].startswith("E"))


def test_junit_follows_fail_on():
    run = govlint("--format", "junit", "--fail-on", "error", REPORT_002)
    assert run.code == 0
    xml = junitparser.JUnitXml.fromstring(run.out.encode("utf-8"))
    (suite,) = list(xml)
    assert suite.failures == 0 and all(case.is_passed for case in suite)        # warnings pass under error


# ------------------------------------------------------------------ gitlab

def test_gitlab_code_quality_schema(reference):
    run = govlint("--format", "gitlab", "corpus", MISSING)
    assert run.code == 2
    issues = json.loads(run.out)
    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(issues)
    expected = flat(reference)
    assert len(issues) == len(expected)
    severity = {"error": "critical", "warning": "major", "info": "info"}
    for issue, (path, d) in zip(issues, expected):
        assert issue["check_name"] == d["code"] and d["message"] in issue["description"]
        assert issue["location"] == {"path": path, "lines": {"begin": d["line"], "end": d["end_line"]}}
        assert issue["severity"] == severity[d["severity"]]
    # fingerprints: unique in the report (GitLab requires it) and stable when the file moves lines
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    broken = [dict(issues[0], severity="high")]
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_gitlab_fingerprints_survive_edits_elsewhere(tmp_path):
    report = copy(REPORT_002, tmp_path)
    before = {i["check_name"]: i["fingerprint"] for i in json.loads(govlint("--format", "gitlab", report.name,
                                                                            cwd=tmp_path).out)}
    report.write_text("\n\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(govlint("--format", "gitlab", report.name, cwd=tmp_path).out)
    assert {i["check_name"]: i["fingerprint"] for i in after} == before
    assert [i["location"]["lines"]["begin"] for i in after] == [18, 64, 70]


# ------------------------------------------------------------------ rdjson

def byte_column(path: str, line: int, column: int) -> int:
    text = (ROOT / path).read_text(encoding="utf-8").split("\n")[line - 1]
    return len(text[:column - 1].encode("utf-8")) + 1


def test_rdjson_schema_and_utf8_columns(reference):
    run = govlint("--format", "rdjson", "corpus", MISSING, cwd=ROOT)
    assert run.code == 2
    document = json.loads(run.out)
    schema = json.loads(RDJSON_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(document)
    assert document["source"]["name"] == "govlint"
    expected = flat(reference)
    assert len(document["diagnostics"]) == len(expected)
    wide = 0
    for item, (path, d) in zip(document["diagnostics"], expected):
        assert item["message"] == d["message"] and item["code"]["value"] == d["code"]
        assert item["severity"] == d["severity"].upper()
        start = item["location"]["range"]["start"]
        assert item["location"]["path"] == path and start["line"] == d["line"]
        if d["code"].startswith("E"):
            continue
        assert start["column"] == byte_column(path, d["line"], d["column"])
        wide += start["column"] != d["column"]
        if d.get("fix"):
            assert [s["text"] for s in item["suggestions"]] == [e["replacement"] for e in d["fix"]["edits"]]
    assert wide > 10            # Chinese text before a span: bytes, not characters


def test_rdjson_suggestion_is_the_fix(tmp_path):
    report = copy(REPORT_000, tmp_path)
    document = json.loads(govlint("--format", "rdjson", report.name, cwd=tmp_path).out)
    (label,) = [d for d in document["diagnostics"] if d["code"]["value"] == "T201"]
    line = report.read_text(encoding="utf-8").split("\n")[35]
    start, end = label["suggestions"][0]["range"]["start"], label["suggestions"][0]["range"]["end"]
    raw = line.encode("utf-8")
    assert raw[start["column"] - 1:end["column"] - 1].decode("utf-8") == "本年度止件数"
    assert label["suggestions"][0]["text"] == "本年废止件数"
    assert label["code"]["url"].endswith("/docs/rules/T201.md")


def test_each_format_is_utf8_and_named_in_help():
    for name in ("junit", "gitlab", "rdjson"):
        run = govlint("--format", name, REPORT_002, env={"PYTHONIOENCODING": "gbk"})
        assert run.code == 1 and "书签残留" in run.out
    assert "junit|gitlab|rdjson" in govlint("check", "--help").out
    assert CORPUS.is_dir()
