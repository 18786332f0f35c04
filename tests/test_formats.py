"""Every output format, read back with a real parser: SARIF against the
official 2.1.0 schema, GitHub workflow commands against the runner's
grammar, JSON lines, concise lines, statistics, -o FILE, and the JSON
document against docs/json-schema.json."""
from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from workflow import CORPUS, REPORT_000, REPORT_002, ROOT, copy, govlint

jsonschema = pytest.importorskip("jsonschema")

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json"
JSON_SCHEMA = ROOT / "docs" / "json-schema.json"
MISSING = "corpus/no-such-report.txt"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@pytest.fixture(scope="module")
def reference() -> dict:
    """The JSON document for the corpus plus a missing file: the facts every
    other format must agree with."""
    run = govlint("--format", "json", "corpus", MISSING)
    assert run.code == 2
    return run.json()


def flat(document: dict) -> list[tuple[str, dict]]:
    return [(f["path"], d) for f in document["files"] for d in f["diagnostics"]]


def rule_doc(code: str) -> str:
    page = govlint("rule", code)
    assert page.code == 0
    # the documentation, before what the rule reads, its fix safety, its options and the paths
    return page.out.split("\n\n", 1)[1].rstrip("\n").rsplit("\n\nReads: ", 1)[0]


# ------------------------------------------------------------------ SARIF

@pytest.fixture(scope="module")
def sarif() -> dict:
    run = govlint("--format", "sarif", "corpus", MISSING)
    assert run.code == 2
    return run.json()


def test_sarif_validates_against_the_official_schema(sarif):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif)]
    assert errors == []
    assert sarif["version"] == "2.1.0"
    # The schema catches drift: a result without a message is rejected.
    broken = json.loads(json.dumps(sarif))
    del broken["runs"][0]["results"][0]["message"]
    assert not validator.is_valid(broken)


def test_sarif_rules_carry_the_rule_documentation(sarif, reference):
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "govlint"
    used = sorted({d["code"] for _, d in flat(reference)})
    assert [r["id"] for r in rules] == used
    names = {d["code"]: d["name"] for _, d in flat(reference)}
    for descriptor in rules:
        code = descriptor["id"]
        assert descriptor["name"] == names[code]
        if code.startswith("E"):
            assert descriptor["fullDescription"]["text"] and descriptor["shortDescription"]["text"]
            continue
        doc = rule_doc(code)
        assert descriptor["fullDescription"]["text"] == doc
        assert descriptor["shortDescription"]["text"] == doc.splitlines()[0]
        assert descriptor["help"]["text"] == doc
        for part in ("What it checks", "How to fix"):
            assert part in descriptor["help"]["text"], (code, part)


def test_sarif_results_match_the_json_diagnostics(sarif, reference):
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    expected = flat(reference)
    assert len(results) == len(expected)
    for result, (path, d) in zip(results, expected):
        assert result["ruleId"] == d["code"]
        assert rules[result["ruleIndex"]]["id"] == d["code"]
        assert result["level"] == SARIF_LEVEL[d["severity"]]
        assert result["message"]["text"] == d["message"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == path
        region = physical["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"]) == (
            d["line"], d["column"], d["end_line"])
        assert region["endColumn"] >= d["end_column"]
        if d["end_line"] == d["line"]:
            assert region["endColumn"] > region["startColumn"]
        if d["code"].startswith("E"):         # input errors have no content to fingerprint
            assert result["partialFingerprints"]["govlint/v1"]
        else:
            assert result["partialFingerprints"]["govlint/v1"] == d["fingerprint"]
    # The multi-line broken paragraph keeps both ends.
    broken = [r for r in results if r["ruleId"] == "A003" and r["locations"][0]["physicalLocation"]
              ["artifactLocation"]["uri"] == "corpus/" + REPORT_000.name]
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["locations"][0]["physicalLocation"]["region"]["endLine"]) for r in broken] == [(21, 23), (93, 95)]


def test_sarif_fingerprints_survive_edits_elsewhere(tmp_path):
    path = copy(REPORT_002, tmp_path)
    before = govlint("--format", "sarif", path).json()["runs"][0]["results"]
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = govlint("--format", "sarif", path).json()["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before]


# ------------------------------------------------------------------ GitHub

COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::(.*)$")
PROPERTY_VALUE = re.compile(r"^(?:[^%:,\r\n]|%25|%0D|%0A|%3A|%2C)*$")
DATA = re.compile(r"^(?:[^%\r\n]|%25|%0D|%0A)*$")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    level, properties, data = match[1], (match[2] or "").strip(), match[3]
    assert DATA.match(data), data
    props = {}
    for item in properties.split(","):
        key, sep, value = item.partition("=")
        assert sep and re.fullmatch(r"[A-Za-z]+", key), item
        assert PROPERTY_VALUE.match(value), item
        assert key not in props
        props[key] = value
    return level, props, data


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_github_lines_follow_the_workflow_command_grammar(reference):
    run = govlint("--format", "github", "corpus", MISSING)
    assert run.code == 2
    lines = run.out.splitlines()
    expected = flat(reference)
    assert len(lines) == len(expected) and run.out.endswith("\n")
    for line, (path, d) in zip(lines, expected):
        level, props, data = parse_command(line)
        assert level == GITHUB_LEVEL[d["severity"]]
        assert unescape(props["file"]) == path
        assert (int(props["line"]), int(props["endLine"])) == (d["line"], d["end_line"])
        assert unescape(props["title"]) == f"{d['code']} {d['name']}"
        assert unescape(data) == d["message"]
        if d["line"] == d["end_line"]:
            assert int(props["col"]) == d["column"]
            assert int(props["endColumn"]) >= int(props["col"])
        else:
            assert "col" not in props and "endColumn" not in props
    # The broken paragraphs of 000 span three lines each: no columns.
    broken = [parse_command(line)[1] for line in lines if "A003" in line and REPORT_000.name in line]
    assert [(b["line"], b["endLine"]) for b in broken] == [("21", "23"), ("93", "95")]
    assert not any("col" in b for b in broken)


def test_github_escapes_messages_and_properties():
    from govlint.engine.lint import Diagnostic, FileResult
    from govlint.output.github import render

    message = "第一行\n第二行：完成 100%，\r结束"
    path = "reports/a,b:c%d.txt"
    single = Diagnostic("Z001", "demo-rule", "info", message, 3, 4, 3, 9)
    multi = Diagnostic("Z002", "other-rule", "error", "跨行", 3, 4, 5, 2)
    out = render([FileResult(path, "utf-8", None, [single, multi])])
    assert out == (
        "::notice file=reports/a%2Cb%3Ac%25d.txt,line=3,col=4,endColumn=9,endLine=3,title=Z001 demo-rule::"
        "第一行%0A第二行：完成 100%25，%0D结束\n"
        "::error file=reports/a%2Cb%3Ac%25d.txt,line=3,endLine=5,title=Z002 other-rule::跨行\n")
    for line in out.splitlines():
        _, props, data = parse_command(line)
        assert unescape(props["file"]) == path
    assert unescape(parse_command(out.splitlines()[0])[2]) == message


def test_github_is_the_default_under_github_actions():
    github = govlint(REPORT_002, env={"GITHUB_ACTIONS": "true"})
    explicit = govlint("--format", "github", REPORT_002)
    assert github.out == explicit.out and github.out.startswith("::warning file=")
    assert github.code == explicit.code == 1
    # --format still wins, and outside Actions the default is text.
    text = govlint("--format", "text", REPORT_002, env={"GITHUB_ACTIONS": "true"})
    assert text.out.startswith(f"{REPORT_002}:16:1: S005 [warning]")
    assert govlint(REPORT_002, env={"GITHUB_ACTIONS": "false"}).out == govlint(REPORT_002).out == text.out


# ------------------------------------------------------------------ lines

def test_json_lines(reference):
    run = govlint("--format", "json-lines", "corpus", MISSING)
    assert run.code == 2
    objects = [json.loads(line) for line in run.out.splitlines()]
    assert all(isinstance(o, dict) for o in objects)
    encodings = {f["path"]: f["encoding"] for f in reference["files"]}
    assert objects == [{"path": path, "encoding": encodings[path], **d} for path, d in flat(reference)]
    missing = [o for o in objects if o["path"] == MISSING]
    assert len(missing) == 1 and missing[0]["code"] == "E001" and missing[0]["encoding"] is None


def test_concise(reference):
    run = govlint("--format", "concise", "corpus", MISSING)
    assert run.code == 2
    pattern = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{1,3}\d{3}) (?P<msg>\S.*)$")
    parsed = []
    for line in run.out.splitlines():
        match = pattern.match(line)
        assert match, line
        parsed.append((match["path"], int(match["line"]), int(match["col"]), match["code"], match["msg"]))
    assert parsed == [(p, d["line"], d["column"], d["code"], d["message"]) for p, d in flat(reference)]


def test_statistics(reference):
    run = govlint("--statistics", "corpus", MISSING)
    assert run.code == 2
    *rows, summary, fixable_line = run.out.splitlines()
    counts = Counter((d["code"], d["name"]) for _, d in flat(reference))
    parsed, marks = [], {}
    for row in rows:
        match = re.fullmatch(r"\s*(\d+)  ([A-Z]{1,3}\d{3})  (\[\*\]|\[-\]|   ) (\S+)", row)
        assert match, row
        parsed.append(((match[2], match[4]), int(match[1])))
        marks[match[2]] = match[3]
    # The fixable column: [*] every finding of the rule has a safe fix, [-] some, blank none.
    text_files = {f["path"] for f in reference["files"] if f.get("format", "text") == "text"}
    for code, mark in marks.items():
        safe = [bool(d.get("fix") and d["fix"]["safe"] and p in text_files) for p, d in flat(reference)
                if d["code"] == code]
        assert mark == ("[*]" if all(safe) else "[-]" if any(safe) else "   "), code
    assert "[*]" in marks.values() and "   " in marks.values()
    safe_total = sum(1 for p, d in flat(reference) if d.get("fix") and d["fix"]["safe"] and p in text_files)
    unsafe_total = sum(1 for p, d in flat(reference) if d.get("fix") and not d["fix"]["safe"] and p in text_files)
    assert fixable_line == f"[*] {safe_total} fixable with --fix ({unsafe_total} more with --unsafe-fixes)."
    assert dict(parsed) == dict(counts) and len(parsed) == len(counts)
    assert [n for _, n in parsed] == sorted((n for _, n in parsed), reverse=True)     # most frequent first
    severities = Counter(d["severity"] for _, d in flat(reference))
    files = len(reference["files"])
    with_findings = sum(1 for f in reference["files"] if f["diagnostics"])
    assert summary == (f"{files} files checked, {with_findings} with findings, 1 unreadable; "
                       f"{severities['error']} error, {severities['warning']} warning, {severities['info']} info")


def test_statistics_exit_code_follows_the_findings():
    assert govlint("--statistics", REPORT_002).code == 1
    clean = govlint("--statistics", "--select", "missing-title", REPORT_002)
    assert clean.code == 0
    assert clean.out == "1 file checked, 0 with findings, 0 unreadable; 0 error, 0 warning, 0 info\n"


# ------------------------------------------------------------------ -o FILE

@pytest.mark.parametrize("args", [["--format", "json"], ["--format", "sarif"], ["--format", "github"],
                                  ["--format", "concise"], ["--format", "json-lines"], ["--statistics"],
                                  ["--no-color"]], ids=["json", "sarif", "github", "concise", "json-lines",
                                                        "statistics", "text"])
def test_output_file(tmp_path, args):
    target = tmp_path / "out" / "report.out"
    target.parent.mkdir()
    to_stdout = govlint(*args, "corpus")
    run = govlint(*args, "-o", target, "corpus")
    assert run.out == "" and run.code == to_stdout.code == 1
    assert target.read_text(encoding="utf-8") == to_stdout.out != ""
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.out"]   # no temporary file left


def test_output_file_in_a_missing_directory(tmp_path):
    run = govlint("--format", "json", "-o", tmp_path / "nowhere" / "report.json", REPORT_002)
    assert run.code == 2
    assert len(run.err.splitlines()) == 1 and "report.json" in run.err


# ------------------------------------------------------------------ JSON schema

def test_json_validates_with_fingerprints(reference):
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(reference)] == []
    diagnostics = [d for _, d in flat(reference) if not d["code"].startswith("E")]
    assert diagnostics and all(re.fullmatch(r"[0-9a-f]{16}", d["fingerprint"]) for d in diagnostics)
    # Fingerprints tell findings apart, even identical ones on the same line (004's C003s).
    by_file = {}
    for path, d in flat(reference):
        by_file.setdefault(path, []).append(d.get("fingerprint"))
    assert all(len(set(prints)) == len(prints) for prints in by_file.values())
    # The schema holds the field to its format.
    broken = json.loads(json.dumps(reference))
    next(d for f in broken["files"] for d in f["diagnostics"])["fingerprint"] = "not-hex"
    assert not validator.is_valid(broken)


def test_every_format_lints_the_same_files(reference):
    paths = [f["path"] for f in reference["files"]]
    assert paths == sorted(str(p.relative_to(ROOT)) for p in CORPUS.rglob("*.txt")) + [MISSING]
