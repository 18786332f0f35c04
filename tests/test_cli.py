"""The command line: exit codes, stdin, directories, selection, the rule
listing, and bad input that must never take the run down."""
from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

# The CLI as a subprocess, with a private result cache and without the
# GitHub Actions environment (which would switch the default format).
from workflow import Run, govlint

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REPORT_002 = ROOT / "tests" / "data" / "workflow" / "002_b70717b772d0d9c9.txt"   # 002, language slips corrected
SEVERITIES = ("error", "warning", "info")
RANK = {"info": 0, "warning": 1, "error": 2}


def inprocess(*args, cwd: Path = ROOT) -> Run:
    """The same CLI in this process (for loops over every rule, where a
    subprocess each would be slow)."""
    from click.testing import CliRunner

    from govlint.cli import main

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, [*map(str, args)])
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    run = Run(subprocess.CompletedProcess(args, result.exit_code, result.stdout_bytes, result.stderr_bytes))
    assert "Traceback" not in run.out + run.err
    return run


def keys(data: dict) -> list[tuple]:
    return [(Path(f["path"]).name, d["code"], d["line"], d["column"], d["end_line"], d["end_column"])
            for f in data["files"] for d in f["diagnostics"]]


def clean_report() -> str:
    """corpus/002 with the defects listed in its .expected file fixed."""
    text = REPORT_002.read_text(encoding="utf-8")
    for old, new in [("\n2、 主动公开", "\n二、 主动公开"), ("\n3、 收到", "\n三、 收到"),
                     ("[bookmark: _GoBack]", "")]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# A controlled pack: one rule per severity, each flagging one marker word.
SEVERITY_PACK = '''
from govlint.model.document import Span
from govlint.rule import Finding, rule


def _find(word):
    def check(report, options):
        start = report.text.find(word)
        while start >= 0:
            yield Finding(Span(start, start + len(word)), "marker " + word)
            start = report.text.find(word, start + len(word))
    return check


error_rule = rule("Z101", "marker-error", "error")(_find("甲甲"))
warning_rule = rule("Z102", "marker-warning", "warning")(_find("乙乙"))
info_rule = rule("Z103", "marker-info", "info")(_find("丙丙"))
'''


@pytest.fixture(scope="module")
def severity_pack(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pack")
    (root / "govlint_cli_markers").mkdir()
    (root / "govlint_cli_markers" / "__init__.py").write_text(textwrap.dedent(SEVERITY_PACK), encoding="utf-8")
    info = root / "govlint_cli_markers-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govlint-cli-markers\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[govlint.rules]\nmarkers = govlint_cli_markers\n")
    return root


@pytest.fixture(scope="module")
def rule_table() -> dict[str, tuple[str, str]]:
    run = govlint("rules")
    assert run.code == 0
    table = {}
    for line in run.out.splitlines():
        code, name, severity = line.split()[:3]
        table[code] = (name, severity)
    return table


# ---------------------------------------------------------------- exit codes

def test_clean_report_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(clean_report(), encoding="utf-8")
    run = govlint("--format", "json", path)
    problems = [d for f in run.json()["files"] for d in f["diagnostics"] if d["severity"] != "info"]
    assert problems == []
    assert run.code == 0, run.out


def test_quiet_rule_exits_0_and_prints_nothing():
    run = govlint("--select", "missing-title", REPORT_002)
    assert (run.code, run.out, run.err) == (0, "", "")


def test_findings_exit_1():
    run = govlint(REPORT_002)
    assert run.code == 1
    *findings, fixable = run.out.splitlines()
    assert findings and all(line.startswith(str(REPORT_002) + ":") for line in findings)
    assert fixable == "[*] 1 fixable with --fix (2 more with --unsafe-fixes)."
    assert "S005" in run.out


def test_check_subcommand_is_the_default():
    assert govlint("check", REPORT_002).out == govlint(REPORT_002).out


@pytest.mark.parametrize("args", [
    ["--select", "X999", "corpus"],
    ["--select", "no-such-rule", "corpus"],
    ["--ignore", "Q", "corpus"],
    ["--extend-select", "X999", "corpus"],
    ["--format", "xml", "corpus"],
    ["--fail-on", "sometimes", "corpus"],
    ["--no-such-option", "corpus"],
    ["--encoding", "no-such-codec", "corpus"],
    ["check"],
], ids=["select-code", "select-name", "ignore-prefix", "extend-select", "format", "fail-on", "option",
        "encoding", "no-paths"])
def test_usage_errors_exit_2_without_linting(args):
    run = govlint(*args)
    assert run.code == 2
    assert run.out == ""          # nothing was linted
    assert "Error" in run.err or "error" in run.err


def test_unknown_select_names_the_culprit():
    run = govlint("--select", "S001,X999", "corpus")
    assert run.code == 2 and "'X999'" in run.err and "'S001'" not in run.err


def test_help_and_version():
    assert govlint("--help").code == 0
    version = govlint("--version")
    assert version.code == 0 and "0.1.0" in version.out


# --------------------------------------------------------------------- stdin

def test_stdin_with_filename():
    data = REPORT_002.read_bytes()
    from_file = govlint("--format", "json", REPORT_002).json()["files"][0]
    run = govlint("-", "--stdin-filename", "reports/2024.txt", "--format", "json", stdin=data)
    assert run.code == 1
    entry = run.json()["files"][0]
    assert entry["path"] == "reports/2024.txt"
    assert entry["diagnostics"] == from_file["diagnostics"]
    text = govlint("-", "--stdin-filename", "reports/2024.txt", stdin=data)
    assert text.out and all(line.startswith("reports/2024.txt:") for line in text.out.splitlines()[:-1])
    assert text.out.splitlines()[-1].startswith("[*] 1 fixable with --fix")


def test_stdin_without_filename_is_reported_as_dash():
    run = govlint("-", "--format", "json", stdin=REPORT_002.read_bytes())
    assert [f["path"] for f in run.json()["files"]] == ["-"]


def test_stdin_next_to_files():
    other = CORPUS / "001_0ab517357debe96d.txt"
    run = govlint(other, "-", "--stdin-filename", "in.txt", "--format", "json", stdin=REPORT_002.read_bytes())
    assert [f["path"] for f in run.json()["files"]] == [str(other), "in.txt"]


def test_empty_stdin_is_an_input_error():
    run = govlint("-", "--stdin-filename", "in.txt", stdin=b"")
    assert run.code == 2
    assert run.out.splitlines() == ["in.txt:1:1: E002 [error] 文件为空"]


# --------------------------------------------------------------- directories

@pytest.fixture
def tree(tmp_path) -> Path:
    text = REPORT_002.read_bytes()
    root = tmp_path / "d"
    for rel in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "skip/e.txt", "notes.md",
                "sub/readme.md", "sub-x/f.txt", "a.txt.bak"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
    (root / "dir.txt").mkdir()          # a directory whose name matches the glob
    (root / "dir.txt" / "g.txt").write_bytes(text)
    return root


def listed(*args, cwd: Path) -> list[str]:
    run = govlint("--format", "json", "--select", "missing-title", *args, cwd=cwd)
    assert run.code == 0, run.out + run.err
    return [f["path"] for f in run.json()["files"]]


def test_directory_is_walked_recursively_and_sorted(tree):
    paths = listed("d", cwd=tree.parent)
    expected = ["d/a.txt", "d/b.txt", "d/dir.txt/g.txt", "d/skip/e.txt", "d/sub-x/f.txt", "d/sub/c.txt",
                "d/sub/deeper/d.txt"]
    assert paths == sorted(expected)


def test_glob_changes_the_pattern(tree):
    assert listed("--glob", "*.md", "d", cwd=tree.parent) == ["d/notes.md", "d/sub/readme.md"]
    both = listed("--glob", "*.md", "--glob", "*.bak", "d", cwd=tree.parent)
    assert both == ["d/a.txt.bak", "d/notes.md", "d/sub/readme.md"]


def test_exclude_files_and_directories(tree):
    paths = listed("--exclude", "skip", "--exclude", "b.txt", "d", cwd=tree.parent)
    assert paths == ["d/a.txt", "d/dir.txt/g.txt", "d/sub-x/f.txt", "d/sub/c.txt", "d/sub/deeper/d.txt"]
    paths = listed("--exclude", "d/sub", "d", cwd=tree.parent)
    assert paths == ["d/a.txt", "d/b.txt", "d/dir.txt/g.txt", "d/skip/e.txt", "d/sub-x/f.txt"]


def test_named_files_are_linted_in_the_given_order_whatever_the_glob(tree):
    paths = listed("--exclude", "b.txt", "d/b.txt", "d/notes.md", "d/a.txt", cwd=tree.parent)
    assert paths == ["d/b.txt", "d/notes.md", "d/a.txt"]


def test_text_output_of_a_directory_is_sorted(tree):
    run = govlint("d", cwd=tree.parent)
    files = [line.split(":", 1)[0] for line in run.out.splitlines() if not line.startswith("[*] ")]
    assert files == sorted(files) and len(set(files)) == 7


# ---------------------------------------------------------------- --fail-on

@pytest.mark.parametrize("words, fail_on, expected", [
    ("甲甲", "error", 1), ("甲甲", "warning", 1), ("甲甲", "info", 1), ("甲甲", "never", 0),
    ("乙乙", "error", 0), ("乙乙", "warning", 1), ("乙乙", "info", 1), ("乙乙", "never", 0),
    ("丙丙", "error", 0), ("丙丙", "warning", 0), ("丙丙", "info", 1), ("丙丙", "never", 0),
    ("", "info", 0),
])
def test_fail_on(tmp_path, severity_pack, words, fail_on, expected):
    path = tmp_path / "r.txt"
    path.write_text(clean_report().replace("一、总体情况", "一、总体情况" + words, 1), encoding="utf-8")
    run = govlint("--select", "Z1", "--fail-on", fail_on, path, pythonpath=severity_pack)
    assert run.code == expected, run.out + run.err
    assert len(run.out.splitlines()) == (1 if words else 0)


def test_fail_on_default_is_warning(tmp_path, severity_pack):
    path = tmp_path / "r.txt"
    for words, expected in (("丙丙", 0), ("乙乙", 1)):
        path.write_text(clean_report() + words + "\n", encoding="utf-8")
        assert govlint("--select", "Z1", path, pythonpath=severity_pack).code == expected


def test_input_errors_exit_2_even_with_fail_on_never(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert govlint("--fail-on", "never", tmp_path / "empty.txt").code == 2


# ------------------------------------------------------ --select / --ignore

@pytest.fixture(scope="module")
def everything() -> list[tuple]:
    run = govlint("--format", "json", "--select", "ALL", "corpus")
    return keys(run.json())


@pytest.fixture(scope="module")
def defaults() -> list[tuple]:
    return keys(govlint("--format", "json", "corpus").json())


def families(found) -> list[str]:
    return sorted({k[1][0] for k in found})


def test_corpus_exercises_more_than_one_family(everything):
    assert len(families(everything)) >= 2, everything


def test_select_and_ignore_by_family_prefix(everything, defaults):
    for family in families(everything):
        selected = keys(govlint("--format", "json", "--select", family, "corpus").json())
        assert selected == [k for k in everything if k[1].startswith(family)], family
        ignored = keys(govlint("--format", "json", "--ignore", family, "corpus").json())
        assert ignored == [k for k in defaults if not k[1].startswith(family)], family


def test_select_and_ignore_by_code_and_by_name(everything, defaults, rule_table):
    for code in sorted({k[1] for k in everything}):
        name = rule_table[code][0]
        wanted = [k for k in everything if k[1] == code]
        assert keys(inprocess("--format", "json", "--select", code, "corpus").json()) == wanted
        assert keys(inprocess("--format", "json", "--select", name, "corpus").json()) == wanted
        rest = [k for k in defaults if k[1] != code]
        assert keys(inprocess("--format", "json", "--ignore", name, "corpus").json()) == rest


def test_select_several_ways_at_once(everything, rule_table):
    codes = sorted({k[1] for k in everything})[:2]
    assert len(codes) == 2
    wanted = [k for k in everything if k[1] in codes]
    names = [rule_table[c][0] for c in codes]
    assert keys(govlint("--format", "json", "--select", f"{codes[0]},{names[1]}", "corpus").json()) == wanted
    assert keys(govlint("--format", "json", "--select", names[0], "--select", codes[1],
                        "corpus").json()) == wanted
    # --ignore wins over --select.
    only_first = [k for k in everything if k[1] == codes[0]]
    assert keys(govlint("--format", "json", "--select", ",".join(codes), "--ignore", names[1],
                        "corpus").json()) == only_first


# --------------------------------------------------------------- rule docs

def test_rules_lists_every_rule(rule_table):
    from govlint.engine.registry import load_rules

    rules = load_rules(refresh=True).rules
    assert rules
    assert rule_table == {r.code: (r.name, r.severity) for r in rules}
    assert rule_table["S001"] == ("missing-title", "error")
    assert all(severity in SEVERITIES for _, severity in rule_table.values())
    codes = list(rule_table)
    assert codes == sorted(codes)


def test_rules_all_adds_engine_codes(rule_table):
    run = govlint("rules", "--all")
    codes = [line.split()[0] for line in run.out.splitlines()]
    assert set(codes) == set(rule_table) | {"E001", "E002", "E003", "E004", "E005", "E010", "E011", "E012", "E013",
                                            "E014", "E015", "E997", "E998", "E999"}


@pytest.mark.parametrize("key", ["S001", "missing-title"])
def test_rule_prints_its_docstring(key):
    from govlint.engine.registry import load_rules

    item = load_rules(refresh=True).find("S001")
    run = govlint("rule", key)
    assert run.code == 0
    assert run.out.startswith("S001 missing-title [error")
    assert item.doc.strip() in run.out
    assert "What it checks" in run.out


def test_every_rule_has_a_page(rule_table):
    from govlint.engine.registry import load_rules

    ruleset = load_rules(refresh=True)
    for code, (name, _) in rule_table.items():
        by_code, by_name = inprocess("rule", code), inprocess("rule", name)
        assert by_code.code == by_name.code == 0
        assert by_code.out == by_name.out
        assert ruleset.find(code).doc.strip() in by_code.out


def test_rule_page_for_engine_code():
    run = govlint("rule", "E002")
    assert run.code == 0 and run.out.startswith("E002 empty-file")


@pytest.mark.parametrize("key", ["S999", "no-such-rule"])
def test_unknown_rule_exits_2(key):
    run = govlint("rule", key)
    assert run.code == 2
    assert run.out == ""
    assert key in run.err


# ---------------------------------------------------------------- bad input

def _only_lines_for(out: str, path: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(path + ":")]


@pytest.fixture
def bad_tree(tmp_path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_bytes((CORPUS / "001_0ab517357debe96d.txt").read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (root / "blank.txt").write_bytes(b" \r\n\t\n\xe3\x80\x80\n")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    # Not text in any encoding: as many undecodable bytes as good ones. (A few
    # bad bytes in good text are read anyway: test_reliability.py.)
    undecodable = REPORT_002.read_bytes()[:200] + b"\x80\xff\x80\xff" * 50 + REPORT_002.read_bytes()[200:400]
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            undecodable.decode(encoding)
    (root / "undecodable.txt").write_bytes(undecodable)
    (root / "bad-bom.txt").write_bytes(b"\xff\xfe\x41")        # UTF-16 BOM, odd length
    loop = root / "loop"
    loop.mkdir()
    (loop / "up").symlink_to("..")                    # directory loop: in/loop/up -> in
    (loop / "self").symlink_to(".")
    (loop / "x.txt").symlink_to("y.txt")              # file loop: x -> y -> x
    (loop / "y.txt").symlink_to("x.txt")
    (loop / "dangling.txt").symlink_to("nowhere.txt")
    return root


BAD = {"empty.txt": "E002", "bom-only.txt": "E002", "blank.txt": "E002", "binary.txt": "E003",
       "undecodable.txt": "E004", "bad-bom.txt": "E004", "loop/x.txt": "E001", "loop/y.txt": "E001",
       "loop/dangling.txt": "E001"}


def test_bad_input_gives_one_line_per_file_and_exit_2(bad_tree):
    good_alone = govlint("in/good.txt", cwd=bad_tree.parent)
    assert good_alone.out, "the good file should have findings of its own"
    run = govlint("in", "in/missing.txt", cwd=bad_tree.parent, timeout=60)
    assert run.code == 2
    assert run.err == ""
    for name, code in {**BAD, "missing.txt": "E001"}.items():
        lines = _only_lines_for(run.out, f"in/{name}")
        assert len(lines) == 1, (name, run.out)
        assert lines[0].startswith(f"in/{name}:1:1: {code} [error] "), lines
    # The good file is still linted, with exactly the findings it has alone.
    assert _only_lines_for(run.out, "in/good.txt") == good_alone.out.splitlines()
    # Files reached through the directory loop are not linted twice.
    assert not [line for line in run.out.splitlines() if "/up/" in line or "/self/" in line]


def test_bad_input_in_json(bad_tree):
    run = govlint("--format", "json", "in", "in/missing.txt", cwd=bad_tree.parent, timeout=60)
    assert run.code == 2
    by_path = {f["path"]: f for f in run.json()["files"]}
    assert set(by_path) == {f"in/{n}" for n in [*BAD, "missing.txt", "good.txt"]}
    for name, code in {**BAD, "missing.txt": "E001"}.items():
        entry = by_path[f"in/{name}"]
        assert entry["error"].startswith(code + " ") and "\n" not in entry["error"]
        assert [d["code"] for d in entry["diagnostics"]] == [code]
        assert entry["encoding"] is None
    assert by_path["in/good.txt"]["error"] is None
    assert by_path["in/good.txt"]["encoding"] == "utf-8"


def test_symlink_loop_given_as_the_directory(bad_tree):
    run = govlint("--format", "json", "in/loop/up", cwd=bad_tree.parent, timeout=60)
    paths = [f["path"] for f in run.json()["files"]]
    assert len(paths) == len(set(paths))
    assert "in/loop/up/good.txt" in paths


@pytest.mark.parametrize("name, code", sorted(BAD.items()))
def test_each_bad_file_alone(bad_tree, name, code):
    run = govlint(f"in/{name}", cwd=bad_tree.parent, timeout=60)
    assert run.code == 2
    assert len(run.out.splitlines()) == 1 and run.out.startswith(f"in/{name}:1:1: {code} [error] ")


def test_bad_input_exit_2_outranks_findings(bad_tree):
    run = govlint("in/good.txt", "in/empty.txt", cwd=bad_tree.parent)
    assert run.code == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file_and_directory(bad_tree):
    secret = bad_tree / "secret.txt"
    secret.write_bytes(REPORT_002.read_bytes())
    locked = bad_tree / "locked"
    locked.mkdir()
    (locked / "inner.txt").write_bytes(REPORT_002.read_bytes())
    secret.chmod(0)
    locked.chmod(0)
    try:
        run = govlint("in", cwd=bad_tree.parent, timeout=60)
    finally:
        secret.chmod(0o644)
        locked.chmod(0o755)
    assert run.code == 2
    assert run.err == ""
    lines = _only_lines_for(run.out, "in/secret.txt")
    assert len(lines) == 1 and lines[0].startswith("in/secret.txt:1:1: E001 [error] ")
    lines = _only_lines_for(run.out, "in/locked")
    assert len(lines) == 1 and lines[0].startswith("in/locked:1:1: E001 [error] ")
    assert _only_lines_for(run.out, "in/good.txt")


def test_unreadable_file_and_directory_simulated(bad_tree, monkeypatch):
    """The same as above without needing a non-root user: the OS refuses
    to open one file and to list one directory."""
    from click.testing import CliRunner

    import govlint.reading.source
    from govlint.cli import main

    secret = bad_tree / "secret.txt"
    secret.write_bytes(REPORT_002.read_bytes())
    locked = bad_tree / "locked"
    locked.mkdir()
    (locked / "inner.txt").write_bytes(REPORT_002.read_bytes())
    real_open, real_scandir = open, os.scandir

    def fake_open(path, *args, **kwargs):
        if os.path.basename(os.fspath(path)) == "secret.txt":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    def fake_scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.chdir(bad_tree.parent)
    monkeypatch.setattr(govlint.reading.source, "open", fake_open, raising=False)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    result = CliRunner().invoke(main, ["in"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = _only_lines_for(result.output, "in/secret.txt")
    assert len(lines) == 1 and lines[0].startswith("in/secret.txt:1:1: E001 [error] "), result.output
    lines = _only_lines_for(result.output, "in/locked")
    assert len(lines) == 1 and lines[0].startswith("in/locked:1:1: E001 [error] "), result.output
    assert not _only_lines_for(result.output, "in/locked/inner.txt")
    assert _only_lines_for(result.output, "in/good.txt")
