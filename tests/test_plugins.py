"""Third-party rule packs through the `govlint.rules` entry-point group, a
pack that fails to import, and rules that fail while checking."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NO_TITLE = CORPUS / "001_0ab517357debe96d.txt"     # built-in S001 fires on it
TITLED = CORPUS / "002_b70717b772d0d9c9.txt"

DEMO = '''
"""A demo rule pack."""
from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("Z001", "demo-rule", "warning")
def demo(report, options):
    """The word 演示 appears in the report.

    What it checks: every occurrence of 演示.
    """
    text = report.text
    start = text.find("演示")
    while start >= 0:
        yield Finding(Span(start, start + 2), "发现“演示”")
        start = text.find("演示", start + 2)
'''

BROKEN = '''
raise RuntimeError("this pack is broken\\nand says so on two lines")
'''

EXPLODING = '''
from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("Z002", "exploding-rule", "warning")
def explode(report, options):
    """Raises on reports that contain 爆炸."""
    if "爆炸" in report.text:
        yield Finding(Span(0, 1), "partial finding before the crash")
        raise ValueError("boom\\nsecond line")


@rule("Z003", "malformed-finding", "warning")
def malformed(report, options):
    """Yields something that is not a Finding on reports that contain 畸形."""
    if "畸形" in report.text:
        yield "not a finding"
'''

CLASH = '''
from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("S001", "impostor-title", "info")
def impostor(report, options):
    """Claims a built-in code."""
    yield Finding(Span(0, 1), "impostor")
'''


def make_pack(root: Path, module: str, source: str, entry: str | None = None) -> Path:
    """A package plus a dist-info that registers it in govlint.rules, as an
    installed distribution would."""
    (root / module).mkdir(parents=True)
    (root / module / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    dist = module.replace("_", "-")
    info = root / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[govlint.rules]\n{entry or 'pack = ' + module}\n",
                                           encoding="utf-8")
    return root


class Run:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.out)


def govlint(*args, path: Path | None = None, cwd: Path = ROOT) -> Run:
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(path), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-m", "govlint", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, timeout=120)
    run = Run(proc)
    assert "Traceback" not in run.out + run.err, run.out + run.err
    return run


def positions(text: str, word: str) -> list[tuple[int, int, int, int]]:
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        start = line.find(word)
        while start >= 0:
            out.append((number, start + 1, number, start + 1 + len(word)))
            start = line.find(word, start + len(word))
    return out


def diagnostics(run: Run, code: str | None = None) -> list[dict]:
    return [d for f in run.json()["files"] for d in f["diagnostics"] if code is None or d["code"] == code]


@pytest.fixture
def demo_report(tmp_path) -> Path:
    lines = NO_TITLE.read_text(encoding="utf-8").split("\n")
    lines[2] = "演示" + lines[2]
    lines[5] = lines[5] + "（演示）演示"
    path = tmp_path / "reports" / "demo.txt"
    path.parent.mkdir()
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def demo_pack(tmp_path) -> Path:
    return make_pack(tmp_path / "site", "govlint_pack_demo", DEMO, "demo = govlint_pack_demo")


# ------------------------------------------------------------- a working pack

def test_pack_rule_reports_next_to_builtin_rules(demo_pack, demo_report):
    without = govlint("--format", "json", demo_report)
    assert "Z001" not in without.out
    builtin = diagnostics(without)
    assert any(d["code"] == "S001" for d in builtin)

    run = govlint("--format", "json", demo_report, path=demo_pack)
    assert run.err == ""
    assert run.code == 1
    found = diagnostics(run)
    demo = [d for d in found if d["code"] == "Z001"]
    expected = positions(demo_report.read_text(encoding="utf-8"), "演示")
    assert len(expected) == 3
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in demo] == expected
    assert all(d["name"] == "demo-rule" and d["severity"] == "warning" and d["message"] == "发现“演示”"
               for d in demo)
    # The built-in diagnostics are untouched by the pack.
    assert [d for d in found if d["code"] != "Z001"] == builtin


def test_pack_rule_in_text_output(demo_pack, demo_report):
    run = govlint(demo_report, path=demo_pack)
    line, column, _, _ = positions(demo_report.read_text(encoding="utf-8"), "演示")[0]
    assert f"{demo_report}:{line}:{column}: Z001 [warning] 发现“演示”" in run.out.splitlines()
    assert f"{demo_report}:1:1: S001 [error]" in run.out


def test_pack_rule_is_listed_and_documented(demo_pack):
    plain = govlint("rules")
    run = govlint("rules", path=demo_pack)
    assert run.code == 0 and run.err == ""
    listed = {line.split()[0]: line.split()[1:3] for line in run.out.splitlines()}
    assert listed["Z001"] == ["demo-rule", "warning"]
    # Every built-in rule is still listed, unchanged.
    assert set(plain.out.splitlines()) <= set(run.out.splitlines())
    assert len(run.out.splitlines()) == len(plain.out.splitlines()) + 1
    for key in ("Z001", "demo-rule"):
        page = govlint("rule", key, path=demo_pack)
        assert page.code == 0
        assert page.out.startswith("Z001 demo-rule [warning")
        assert "What it checks: every occurrence of 演示." in page.out


def test_pack_rules_obey_selection(demo_pack, demo_report):
    only = govlint("--format", "json", "--select", "Z", demo_report, path=demo_pack)
    assert {d["code"] for d in diagnostics(only)} == {"Z001"}
    by_name = govlint("--format", "json", "--select", "demo-rule", demo_report, path=demo_pack)
    assert diagnostics(by_name) == diagnostics(only)
    ignored = govlint("--format", "json", "--ignore", "Z001", demo_report, path=demo_pack)
    assert diagnostics(ignored) == diagnostics(govlint("--format", "json", demo_report))


def test_entry_point_may_name_a_rule_object(tmp_path, demo_report):
    site = make_pack(tmp_path / "site2", "govlint_pack_direct", DEMO, "direct = govlint_pack_direct:demo")
    run = govlint("--format", "json", "--select", "Z001", demo_report, path=site)
    assert len(diagnostics(run, "Z001")) == 3


# ------------------------------------------------------------- a broken pack

def test_broken_pack_reports_one_line_and_builtins_still_run(tmp_path, demo_report):
    site = make_pack(tmp_path / "site", "govlint_pack_broken", BROKEN, "broken = govlint_pack_broken")
    make_pack(site, "govlint_pack_demo", DEMO, "demo = govlint_pack_demo")
    reference = govlint(demo_report)
    run = govlint(demo_report, path=site)
    assert run.code == 2
    errors = run.err.splitlines()
    assert len(errors) == 1, run.err
    assert "broken" in errors[0] and "RuntimeError" in errors[0] and "this pack is broken" in errors[0]
    # Built-in rules ran exactly as without the pack; the good pack still loaded.
    lines = run.out.splitlines()
    assert [line for line in lines if " Z001 " not in line] == reference.out.splitlines()
    assert len([line for line in lines if " Z001 " in line]) == 3


def test_broken_pack_makes_a_clean_run_exit_2(tmp_path):
    site = make_pack(tmp_path / "site", "govlint_pack_broken", BROKEN, "broken = govlint_pack_broken")
    clean = govlint("--select", "missing-title", TITLED)
    assert clean.code == 0
    run = govlint("--select", "missing-title", TITLED, path=site)
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.splitlines()) == 1


def test_pack_that_names_a_missing_module(tmp_path):
    site = tmp_path / "site"
    info = site / "govlint_pack_ghost-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govlint-pack-ghost\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[govlint.rules]\nghost = govlint_pack_ghost_nowhere\n")
    run = govlint("--select", "missing-title", TITLED, path=site)
    assert run.code == 2
    assert len(run.err.splitlines()) == 1 and "ghost" in run.err
    listing = govlint("rules", path=site)
    assert "S001" in listing.out and len(listing.err.splitlines()) == 1


def test_pack_that_claims_a_builtin_code_is_skipped(tmp_path):
    site = make_pack(tmp_path / "site", "govlint_pack_clash", CLASH, "clash = govlint_pack_clash")
    run = govlint("--format", "json", "--select", "S001", NO_TITLE, path=site)
    assert run.code == 2
    assert len(run.err.splitlines()) == 1 and "S001" in run.err
    found = diagnostics(run)
    assert [(d["code"], d["name"], d["severity"]) for d in found] == [("S001", "missing-title", "error")]


# ---------------------------------------------------- a rule that raises

@pytest.fixture
def exploding_pack(tmp_path) -> Path:
    return make_pack(tmp_path / "site", "govlint_pack_exploding", EXPLODING, "exploding = govlint_pack_exploding")


def test_rule_that_raises_gives_one_internal_error(tmp_path, exploding_pack):
    text = NO_TITLE.read_text(encoding="utf-8")
    bad = tmp_path / "a_bad.txt"
    bad.write_text(text.replace("\n", "\n爆炸", 1), encoding="utf-8")
    fine = tmp_path / "b_fine.txt"
    fine.write_text(text, encoding="utf-8")
    reference = govlint("--format", "json", fine).json()["files"][0]["diagnostics"]
    bad_reference = govlint("--format", "json", bad).json()["files"][0]["diagnostics"]
    assert reference and bad_reference

    run = govlint("--format", "json", bad, fine, path=exploding_pack)
    assert run.code == 2
    assert run.err == ""
    bad_entry, fine_entry = run.json()["files"]
    internal = [d for d in bad_entry["diagnostics"] if d["code"] == "E999"]
    assert len(internal) == 1
    assert internal[0]["name"] == "internal-error" and internal[0]["severity"] == "error"
    assert "Z002" in internal[0]["message"] and "ValueError" in internal[0]["message"]
    assert "\n" not in internal[0]["message"]
    assert bad_entry["error"].startswith("E999 ") and "\n" not in bad_entry["error"]
    assert bad_entry["encoding"] == "utf-8"
    # The other rules still report on the same file …
    others = [d for d in bad_entry["diagnostics"] if d["code"] not in ("E999", "Z002")]
    assert others == bad_reference
    assert any(d["code"] == "S001" for d in others)
    # … and the other file is untouched.
    assert fine_entry["error"] is None
    assert fine_entry["diagnostics"] == reference


def test_rule_that_raises_in_text_output(tmp_path, exploding_pack):
    bad = tmp_path / "bad.txt"
    bad.write_text(NO_TITLE.read_text(encoding="utf-8") + "\n爆炸\n", encoding="utf-8")
    run = govlint(bad, path=exploding_pack)
    assert run.code == 2
    internal = [line for line in run.out.splitlines() if " E999 " in line]
    assert len(internal) == 1 and internal[0].startswith(f"{bad}:1:1: E999 [error] ")
    assert f"{bad}:1:1: S001 [error]" in run.out


def test_rule_that_yields_garbage_gives_one_internal_error(tmp_path, exploding_pack):
    bad = tmp_path / "bad.txt"
    bad.write_text(NO_TITLE.read_text(encoding="utf-8") + "\n畸形\n", encoding="utf-8")
    run = govlint("--format", "json", bad, path=exploding_pack)
    assert run.code == 2, run.out + run.err
    found = diagnostics(run)
    internal = [d for d in found if d["code"] == "E999"]
    assert len(internal) == 1 and "Z003" in internal[0]["message"]
    assert any(d["code"] == "S001" for d in found)


def test_library_api_isolates_a_failing_rule():
    from govlint.model.document import Document, Span
    from govlint.engine.lint import lint_document
    from govlint.engine.registry import load_rules
    from govlint.rule import Finding, rule

    @rule("Z010", "always-fails", "error")
    def failing(report, options):
        """Always raises."""
        raise KeyError("missing")

    @rule("Z011", "first-char", "info")
    def first(report, options):
        """Flags the first character."""
        yield Finding(Span(0, 1), "first")

    builtin = load_rules().find("S001")
    document = Document(path="x.txt", text=NO_TITLE.read_text(encoding="utf-8"))
    found = lint_document(document, rules=[failing, first, builtin])
    codes = [d.code for d in found]
    assert codes.count("E999") == 1
    assert "Z011" in codes and "S001" in codes
    assert "Z010" not in codes
    internal = next(d for d in found if d.code == "E999")
    assert "Z010" in internal.message and "KeyError" in internal.message


def test_a_broken_builtin_module_does_not_disable_the_others(tmp_path):
    """Copy the built-in pack, break one module, and load it as a pack."""
    import shutil
    import govlint.rules as builtin

    pack = tmp_path / "broken_builtin_pack"
    shutil.copytree(Path(builtin.__file__).parent, pack, ignore=shutil.ignore_patterns("__pycache__"))
    (pack / "placeholder.py").write_text("this is not python (\n", encoding="utf-8")
    dist = tmp_path / "broken_builtin_pack-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-builtin-pack\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[govlint.rules]\nbroken = broken_builtin_pack\n", encoding="utf-8")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import broken_builtin_pack as p; "
            "print(len(p.RULES)); print(p.ERRORS[0])")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    count, error = out.stdout.splitlines()
    from govlint.engine.registry import load_rules
    assert int(count) == len([r for r in load_rules().rules if r.origin.startswith("govlint.rules.")]) - 1
    assert "placeholder" in error and "SyntaxError" in error


@pytest.mark.parametrize("group", ["console_scripts", "govlint.rules", "pytest11"])
def test_entry_points_agree_with_importlib_metadata(group):
    """govlint reads entry points without importing importlib.metadata (a
    third of a cold start); what it finds must be what the standard
    library finds, in this very environment."""
    from importlib.metadata import entry_points as reference

    from govlint.engine.entrypoints import entry_points

    ours = sorted((e.name, e.value) for e in entry_points(group))
    theirs = sorted((e.name, e.value.split("[", 1)[0].strip()) for e in reference(group=group))
    assert ours == theirs
    if group != "pytest11":
        assert ours


def test_entry_points_file_format(tmp_path):
    """Comments, other groups, extras, and the first distribution of a name
    on the path winning over a later copy."""
    from govlint.engine.entrypoints import entry_points

    first, second = tmp_path / "a", tmp_path / "b"
    for root, value in ((first, "pack_one:RULES"), (second, "pack_two")):
        info = root / "Govlint_Pack-1.2.dist-info"
        info.mkdir(parents=True)
        (info / "entry_points.txt").write_text(
            f"# generated\n[console_scripts]\nx = y:z\n\n[govlint.rules]\n; a comment\npack = {value} [fast]\n",
            encoding="utf-8")
    (second / "other_pack.egg-info").mkdir()
    (second / "other_pack.egg-info" / "entry_points.txt").write_text("[govlint.rules]\nother = other_pack\n",
                                                                     encoding="utf-8")
    found = entry_points("govlint.rules", [str(first), str(second), str(tmp_path / "missing")])
    assert [(e.name, e.value, e.dist, e.version) for e in found] == [
        ("pack", "pack_one:RULES", "Govlint_Pack", "1.2"), ("other", "other_pack", "other_pack", "")]
