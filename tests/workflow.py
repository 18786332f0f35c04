"""Shared by the workflow tests (fix, config, baseline, formats): the CLI
run as a subprocess, the seed reports, and a rule pack on PYTHONPATH."""
from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# Corpus reports 000, 002 and 004 with their language slips corrected (tests/data/workflow/README.md):
WORKFLOW = ROOT / "tests" / "data" / "workflow"
REPORT_000 = WORKFLOW / "000_9bdf9f4d497d5703.txt"   # A003 at 21:110 and 93:141 (safe), T201 at 36:13 (unsafe)
REPORT_002 = WORKFLOW / "002_b70717b772d0d9c9.txt"   # A001 at 68:2 (safe), S005 at 16:1 and 62:1 (unsafe)
REPORT_004 = WORKFLOW / "004_0d1ba4bae486ea5e.txt"   # A002 at 143:1 (safe)
# A result cache of this test session's own, so no earlier run's entries leak in.
CACHE_DIR = tempfile.mkdtemp(prefix="govlint-test-cache-")
atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)


class Run:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code = proc.returncode
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8", "replace")

    def json(self) -> dict:
        return json.loads(self.out)

    def diagnostics(self) -> list[dict]:
        return [d for f in self.json()["files"] for d in f["diagnostics"]]


def govlint(*args, cwd: Path = ROOT, pythonpath: Path | None = None, env: dict | None = None,
            stdin: bytes = b"", timeout: float = 120) -> Run:
    """`python -m govlint ARGS` with a private cache directory and without
    the GitHub Actions environment (unless env sets it)."""
    environment = dict(os.environ)
    for name in ("NO_COLOR", "GITHUB_ACTIONS"):
        environment.pop(name, None)
    environment["GOVLINT_CACHE_DIR"] = CACHE_DIR
    if pythonpath is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(pythonpath), environment.get("PYTHONPATH", "")) if p)
    environment.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "govlint", *map(str, args)], cwd=cwd, env=environment,
                          input=stdin, capture_output=True, timeout=timeout)
    run = Run(proc)
    assert "Traceback" not in run.out, run.out
    assert "Traceback" not in run.err, run.err
    return run


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def copy(source: Path, directory: Path, name: str | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / (name or source.name)
    target.write_bytes(source.read_bytes())
    return target


def make_pack(root: Path, module: str, source: str) -> Path:
    """A package plus a dist-info that registers it in govlint.rules, as an
    installed distribution would (see tests/test_plugins.py)."""
    (root / module).mkdir(parents=True)
    (root / module / "__init__.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module.replace('_', '-')}\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[govlint.rules]\npack = {module}\n", encoding="utf-8")
    return root
