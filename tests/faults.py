"""Helpers for the tests of govlint under faults and hostile input (issue 13):
govlint run in-process (so that a fault can be injected by monkeypatching)
or as a subprocess whose stdout is kept as bytes (to check encodings)."""
from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from govlint.cli import main
from workflow import CACHE_DIR, REPORT_002, ROOT, read

BOOKMARK = "[bookmark: _GoBack]"
FIXED_002 = read(REPORT_002).replace(BOOKMARK, "")


def cli(*args, **kwargs):
    """govlint in-process (for monkeypatched faults); no traceback allowed."""
    result = CliRunner().invoke(main, ["--no-cache", *map(str, args)], **kwargs)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def stderr_lines(result) -> list[str]:
    return result.stderr.strip().splitlines()


def run_bytes(*args, env=None, cwd=ROOT):
    """`python -m govlint ARGS`; stdout and stderr as bytes."""
    environment = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR, **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "govlint", *map(str, args)], capture_output=True, env=environment,
                          cwd=cwd, timeout=60)
