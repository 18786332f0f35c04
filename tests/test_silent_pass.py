"""A CI gate must never pass silently (issue 13): the built-in rules always
load, also from a source checkout; an empty rule set, or a folder with
nothing to lint, is exit code 2 with one line on stderr; and walking a
folder neither recurses without bound nor blocks on a FIFO."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from faults import cli, stderr_lines
from workflow import CACHE_DIR, REPORT_002, ROOT, copy, govlint as run_govlint


def _site_without_govlint(tmp_path: Path) -> Path:
    """The dependencies of this environment, without govlint's own install
    (its dist-info, the editable finder): as for a fresh source checkout."""
    site = tmp_path / "site"
    site.mkdir()
    for key in ("purelib", "platlib"):
        for entry in Path(sysconfig.get_paths()[key]).iterdir():
            name = entry.name
            if name.startswith(("govlint", "__editable__")) or name.endswith(".pth") or (site / name).exists():
                continue
            (site / name).symlink_to(entry)
    return site


def test_source_checkout_loads_the_builtin_rules(tmp_path):
    """`python -m govlint` in a checkout that was never installed: no
    metadata declares the built-in pack, and it must load all the same."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copytree(ROOT / "govlint", checkout / "govlint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", checkout)
    copy(REPORT_002, checkout, "report.txt")
    env = {**os.environ, "PYTHONPATH": str(_site_without_govlint(tmp_path)), "GOVLINT_CACHE_DIR": CACHE_DIR}

    def python(*args):
        return subprocess.run([sys.executable, "-S", *args], cwd=checkout, env=env, capture_output=True,
                              text=True, timeout=60)

    # The premise: nothing on this path declares a govlint.rules entry point.
    probe = python("-c", "from govlint.engine.entrypoints import entry_points; import govlint; "
                         "print(len(entry_points('govlint.rules')), govlint.__file__)")
    assert probe.stdout.split() == ["0", str(checkout / "govlint" / "__init__.py")], probe.stderr
    run = python("-m", "govlint", "report.txt")
    assert run.returncode == 1, run.stderr
    assert "report.txt:68:2: A001 [*] [warning]" in run.stdout and "report.txt:16:1: S005" in run.stdout
    listed = python("-m", "govlint", "rules")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) >= 36


def test_builtin_rules_load_without_and_with_their_entry_point(monkeypatch):
    from govlint.engine import registry
    from govlint.engine.entrypoints import EntryPoint

    try:
        monkeypatch.setattr(registry, "entry_points", lambda group: [])
        alone = registry.load_rules(refresh=True)
        assert len(alone.rules) >= 36 and not alone.errors
        # Registered through the entry point as well: loaded once, no clash.
        declared = [EntryPoint("builtin", "govlint.rules", "govlint.rules", "govlint", "0.1.0"),
                    EntryPoint("again", "govlint.rules:RULES", "govlint.rules", "other", "1")]
        monkeypatch.setattr(registry, "entry_points", lambda group: declared)
        both = registry.load_rules(refresh=True)
        assert [r.code for r in both.rules] == [r.code for r in alone.rules] and not both.errors
    finally:
        monkeypatch.undo()
        registry.load_rules(refresh=True)


def test_no_rules_loaded_is_exit_2(monkeypatch):
    from govlint.engine import registry

    try:
        monkeypatch.setattr(registry, "packs", lambda: [])
        registry.load_rules(refresh=True)
        result = cli(REPORT_002)
        assert result.exit_code == 2 and result.stdout == ""
        assert stderr_lines(result) == ["govlint: error: no rules loaded (the built-in rules failed to import; see above)"]
        listing = cli("rules")
        assert listing.exit_code == 2 and "no rules loaded" in listing.stderr
    finally:
        monkeypatch.undo()
        registry.load_rules(refresh=True)


@pytest.mark.parametrize("args, config", [
    (["--select", "S", "--ignore", "S"], None),
    (["--select", "A001", "--ignore", "conversion-artifact"], None),
    ([], 'ignore = ["ALL"]\n'),
    ([], 'select = ["T"]\nignore = ["T"]\n'),
], ids=["cli", "cli-by-name", "config-ignore-all", "config-select-ignore"])
def test_an_empty_selection_is_exit_2(tmp_path, args, config):
    copy(REPORT_002, tmp_path, "r.txt")
    if config:
        (tmp_path / "govlint.toml").write_text(config, encoding="utf-8")
    result = cli(*args, tmp_path / "r.txt")
    assert result.exit_code == 2 and result.stdout == ""
    [line] = stderr_lines(result)
    assert line.startswith("govlint: error: no rule selected")


def test_selecting_an_unknown_rule_is_exit_2():
    result = cli("--select", "Z999", REPORT_002)
    assert result.exit_code == 2 and result.stdout == ""
    assert stderr_lines(result) == ["govlint: error: --select/--ignore: unknown rule or prefix 'Z999' "
                                    "(see `govlint rules`)"]


def test_per_file_ignores_may_still_silence_one_file(tmp_path):
    """Deliberately ignoring everything for some files is not an empty run."""
    copy(REPORT_002, tmp_path / "legacy", "old.txt")
    copy(REPORT_002, tmp_path, "new.txt")
    (tmp_path / "govlint.toml").write_text('per-file-ignores = { "legacy/*" = ["ALL"] }\n', encoding="utf-8")
    result = cli(tmp_path)
    assert result.exit_code == 1
    assert "new.txt:68:2" in result.stdout and "old.txt" not in result.stdout


def test_a_folder_with_nothing_to_lint_is_exit_2(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("# notes\n", encoding="utf-8")
    result = cli(empty)
    assert result.exit_code == 2 and result.stdout == ""
    assert stderr_lines(result) == [f"govlint: error: no files to lint in {empty} (looked for *.txt, *.docx, *.pdf, "
                                    f"*.html, *.htm; --glob changes it)"]
    # A glob that matches nothing in a folder of reports.
    reports = tmp_path / "reports"
    copy(REPORT_002, reports)
    result = cli("--glob", "*.md", reports)
    assert result.exit_code == 2 and "no files to lint" in result.stderr and "*.md" in result.stderr
    # A folder holding only a FIFO named like a report: nothing lintable either.
    pipes = tmp_path / "pipes"
    pipes.mkdir()
    os.mkfifo(pipes / "report.txt")
    result = cli(pipes)
    assert result.exit_code == 2 and "no files to lint" in result.stderr


def test_an_empty_folder_next_to_reports_is_a_warning(tmp_path):
    (tmp_path / "empty").mkdir()
    copy(REPORT_002, tmp_path / "reports")
    result = cli(tmp_path / "empty", tmp_path / "reports")
    assert result.exit_code == 1                        # the findings of the report decide
    assert stderr_lines(result) == [f"govlint: warning: no files to lint in {tmp_path / 'empty'} (looked for *.txt, *.docx, *.pdf, *.html, *.htm)"]


def test_a_fifo_in_a_folder_is_skipped(tmp_path):
    copy(REPORT_002, tmp_path, "good.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    started = time.monotonic()
    run = run_govlint("--no-cache", tmp_path, timeout=30)
    assert time.monotonic() - started < 20
    assert run.code == 1 and "pipe.txt" not in run.out + run.err
    assert "good.txt:68:2: A001" in run.out


def _remove_deep(top: Path) -> None:
    """rmtree recurses (and pytest's cleanup with it): lift the tree one level
    at a time instead."""
    parent = top.parent
    while top.exists():
        inner = top / "d"
        for entry in top.iterdir():
            if entry.name != "d":
                entry.unlink()
        if inner.exists():
            lifted = parent / (top.name + ".lift")
            os.rename(inner, lifted)
            os.rmdir(top)
            os.rename(lifted, top)
        else:
            os.rmdir(top)


def test_a_folder_thousands_of_levels_deep(tmp_path):
    depth = 1500
    cursor = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(depth):                      # relative to a directory fd: no long path needed
            os.mkdir("d", dir_fd=cursor)
            inner = os.open("d", os.O_RDONLY, dir_fd=cursor)
            os.close(cursor)
            cursor = inner
        fd = os.open("r.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=cursor)
        os.write(fd, REPORT_002.read_bytes())
        os.close(fd)
    finally:
        os.close(cursor)
    try:
        run = run_govlint("--no-cache", "--format", "json", tmp_path, timeout=60)
    finally:
        _remove_deep(tmp_path / "d")
    [entry] = run.json()["files"]
    assert entry["path"] == str(tmp_path) + "/d" * depth + "/r.txt"
    assert run.code == 1 and any(d["code"] == "A001" for d in entry["diagnostics"])
