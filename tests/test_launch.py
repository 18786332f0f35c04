"""The `govlint` command reads a plain lint's command line itself
(govlint/launch.py) and leaves every other to click: both must mean the
same thing by the same arguments."""
from __future__ import annotations

import json
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


# A plain lint ends its process with os._exit once everything is written
# (launch._exit): the exit handlers run, the interpreter's teardown does not.
TEARDOWN_PROBE = """
import atexit, os, sys, runpy, threading
# Run by the interpreter's exit before anything else (the threads'
# shutdown), so only when the interpreter tears itself down.
threading._register_atexit(lambda: os.write(2, b"torn down\\n"))
atexit.register(lambda: sys.stderr.write("exit handler\\n"))
{before}
sys.argv[0] = "govlint"
runpy.run_module("govlint", run_name="__main__")
"""


def _probe(args, before="", **kwargs):
    environment = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-c", TEARDOWN_PROBE.format(before=before), *map(str, args)],
                          capture_output=True, env=environment, cwd=ROOT, timeout=120, **kwargs)


def test_a_plain_lint_ends_without_the_teardown_after_the_exit_handlers():
    done = _probe(["--format", "json", "--no-cache", REPORT_002])
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == ["exit handler"]        # not "torn down"
    assert (done.returncode, done.stdout) == run("click", "--format", "json", "--no-cache", REPORT_002)[:2]
    assert b'"A001"' in done.stdout


def test_the_usual_exit_when_another_thread_runs():
    started = ("import threading, time\n"
               "threading.Thread(target=time.sleep, args=(0.5,)).start()\n")
    done = _probe(["--format", "json", "--no-cache", REPORT_002], before=started)
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == ["torn down", "exit handler"]
    assert done.stdout == run("click", "--format", "json", "--no-cache", REPORT_002)[1]


def test_an_output_file_is_whole_when_the_process_ends(tmp_path):
    launched = run("launch", "--format", "json", "--no-cache", "-o", tmp_path / "launch.json", REPORT_002)
    clicked = run("click", "--format", "json", "--no-cache", "-o", tmp_path / "click.json", REPORT_002)
    assert launched == clicked and launched[0] == 1
    written = (tmp_path / "launch.json").read_bytes()
    assert written == (tmp_path / "click.json").read_bytes()
    assert json.loads(written)["files"][0]["diagnostics"]


def test_a_long_output_through_a_pipe_is_whole(tmp_path):
    # Larger than a pipe holds: written while the reader reads, all of it
    # before the process ends.
    long = tmp_path / "long.txt"
    long.write_bytes(b"\n".join(path.read_bytes() for path in sorted((ROOT / "corpus").glob("*.txt"))) * 3)
    launched = run("launch", "--format", "json", "--no-cache", long)
    assert len(launched[1]) > 100_000 and json.loads(launched[1])["files"][0]["diagnostics"]
    assert launched == run("click", "--format", "json", "--no-cache", long)


def test_a_reader_gone_before_the_output_is_written():
    """`govlint … | true`: the write fails with a broken pipe, quietly, on
    both paths alike."""
    codes = []
    for entry in ("launch", "click"):
        code = {"launch": "from govlint.launch import main; main()", "click": "from govlint.cli import main; main()"}
        environment = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR}
        process = subprocess.Popen([sys.executable, "-c", f"import sys; sys.argv[0] = 'govlint'; {code[entry]}",
                                    "--format", "json", "--no-cache", str(REPORT_002)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, cwd=ROOT)
        process.stdout.close()
        err = process.stderr.read()
        codes.append((process.wait(timeout=120), err))
    assert codes[0] == codes[1] == (1, b"")


def test_the_click_cli_run_in_process_returns():
    """Only the command's own plain lint ends the process: the click CLI
    lints through the same function, and a program that runs it (here
    click's test runner) goes on after it."""
    code = ("import sys; from click.testing import CliRunner; from govlint.cli import main; "
            "result = CliRunner().invoke(main, ['--format', 'json', '--no-cache', sys.argv[1]]); "
            "print('returned', result.exit_code, '\"A001\"' in result.output)")
    done = subprocess.run([sys.executable, "-c", code, str(REPORT_002)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR})
    assert (done.returncode, done.stdout.strip()) == (0, "returned 1 True"), done.stderr
