"""The `govlint` command reads a plain lint's command line itself
(govlint/launch.py) and leaves every other to click: both must mean the
same thing by the same arguments."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import fields

import pytest
from click.testing import CliRunner

from govlint.launch import COMMANDS, plain_lint
from workflow import CACHE_DIR, REPORT_000, REPORT_002, ROOT

PLAIN = [
    ["r.txt"],
    ["check", "r.txt"],
    ["--format", "json", "r.txt"],
    ["--format=json", "--no-cache", "r.txt"],
    ["check", "--no-cache", "--format", "sarif", "a.txt", "b.txt"],
    ["r.txt", "--format", "concise"],                                 # options after the paths
    ["--select", "A,T", "--select", "L004", "--ignore", "A001", "r.txt"],
    ["--extend-select=X", "--fail-on", "never", "r.txt"],
    ["--config", "govlint.toml", "-o", "out.json", "--format", "json", "r.txt"],
    ["--output=out.txt", "--isolated", "--statistics", "r.txt"],
    ["--no-color", "--no-progress", "-", "r.txt"],
    ["--color", "--progress", "check"],                               # a file named check
    ["check", "rules"],                                               # a file named rules, after check
    ["--select", " , ", "r.txt"],                                     # nothing selected: None
]

NOT_PLAIN = [
    [], ["check"], ["--format", "json"],
    ["--help"], ["-h"], ["--version"], ["check", "--help"],
    ["--lang", "zh", "r.txt"], ["r.txt", "--lang=en"],
    ["rules"], ["rule", "A001"], ["clean"], ["ignore", "r.txt"], ["extract", "r.txt"], ["lsp"],
    ["--format", "JSON", "r.txt"], ["--format", "xml", "r.txt"], ["--format=", "r.txt"], ["r.txt", "--format"],
    ["--format", "json", "--format", "text", "r.txt"], ["--no-color", "--color", "r.txt"],
    ["--fix", "r.txt"], ["--diff", "r.txt"], ["-j", "2", "r.txt"], ["--encoding", "gbk", "r.txt"],
    ["-oout.json", "r.txt"], ["-o=out.json", "r.txt"], ["--no-cache=1", "r.txt"], ["--select", "-A", "r.txt"],
    ["--", "r.txt"], ["--unknown", "r.txt"], ["-5.txt"],
]


def click_settings(args, monkeypatch) -> dict:
    """The Settings fields `govlint check` builds from args through click."""
    import govlint.cli

    seen = []
    monkeypatch.setattr(govlint.cli, "lint_settings", seen.append)
    result = CliRunner().invoke(govlint.cli.main, args)
    assert result.exit_code == 0 and len(seen) == 1, (result.output, result.exception)
    return {f.name: getattr(seen[0], f.name) for f in fields(seen[0]) if f.name not in ("out", "err")}


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_plain_lint_is_read_as_click_reads_it(args, monkeypatch):
    from govlint.engine.check import Settings

    found = plain_lint(args, environ={})
    assert found is not None
    settings = Settings(**found)
    mine = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name not in ("out", "err")}
    assert mine == click_settings(args, monkeypatch)


@pytest.mark.parametrize("args", NOT_PLAIN, ids=" ".join)
def test_anything_else_is_left_to_click(args):
    assert plain_lint(args, environ={}) is None


def test_on_windows_arguments_click_would_expand_are_left_to_it():
    # click expands ~, variables and wildcards on Windows (the shell does not)
    assert plain_lint(["--format", "json", r"C:\reports\2024.txt"], environ={}, windows=True) is not None
    for path in (r"C:\reports\*.txt", "~\\2024.txt", "%USERPROFILE%\\r.txt", "$HOME/r.txt", "r?.txt", "r[12].txt"):
        assert plain_lint(["--format", "json", path], environ={}, windows=True) is None
        assert plain_lint(["--format", "json", path], environ={}, windows=False) is not None


def test_environments_click_answers_are_left_to_it():
    assert plain_lint(["r.txt"], environ={"GOVLINT_LANG": "en"}) is not None
    assert plain_lint(["r.txt"], environ={"GOVLINT_LANG": "klingon"}) is None         # click warns
    assert plain_lint(["r.txt"], environ={"_GOVLINT_COMPLETE": "bash_complete"}) is None


def test_the_commands_are_the_clis():
    from govlint.cli import main

    assert set(COMMANDS) == set(main.commands) - {"check"}


def run(entry: str, *args, cwd=ROOT):
    """govlint ARGS through launch.main (`python -m govlint`) or straight
    through the click CLI."""
    environment = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR}
    environment.pop("GITHUB_ACTIONS", None)
    code = {"launch": "from govlint.launch import main; main()", "click": "from govlint.cli import main; main()"}
    probe = f"import sys; sys.argv[0] = 'govlint'; {code[entry]}"
    done = subprocess.run([sys.executable, "-c", probe, *map(str, args)], capture_output=True, env=environment,
                          cwd=cwd, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("args", [
    ["--format", "json", "--no-cache", REPORT_002],
    ["check", "--format", "concise", "--select", "A,L", REPORT_000, REPORT_002],
    ["--statistics", "--fail-on", "never", REPORT_002],
    ["--config", "missing.toml", REPORT_002],                       # a usage problem: error line, exit 2
    ["--format", "json", "no-such-report.txt"],                      # an unreadable input
], ids=["json", "concise", "statistics", "missing-config", "missing-file"])
def test_both_paths_print_and_exit_alike(args):
    launched = run("launch", *args)
    assert launched == run("click", *args)
    assert launched[1] or launched[2]
