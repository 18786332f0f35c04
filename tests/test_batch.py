"""Batch runs over a cache that holds some of the results: cached results
are read in the main process, the others linted in workers, and the output
is exactly that of an uncached --jobs 1 run (engine/batch.py)."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import CORPUS


def _govlint(*args, cache):
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-m", "govlint", "--format", "json", *args], capture_output=True,
                          env=env, timeout=600)
    assert done.returncode == 1, done.stderr.decode()       # the corpus reports have findings
    return done.stdout


def test_a_partly_cached_parallel_run_gives_what_an_uncached_serial_run_gives(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    reports = sorted(CORPUS.glob("*.txt"))
    for path in reports:
        (folder / path.name).write_bytes(path.read_bytes())
    cache = tmp_path / "cache"
    first = _govlint("--jobs", "2", str(folder), cache=cache)
    assert len(list(cache.rglob("*.json"))) == len(reports)
    assert _govlint("--jobs", "2", str(folder), cache=cache) == first         # every result from the cache
    # One report changed, two added: three to lint, the rest read from the cache.
    text = reports[0].read_text(encoding="utf-8")
    (folder / reports[0].name).write_text(text + "\n扫一扫在手机打开当前页\n", encoding="utf-8")
    (folder / "added-1.txt").write_text(text, encoding="utf-8")
    (folder / "added-2.txt").write_bytes(reports[1].read_text(encoding="utf-8").encode("gb18030"))
    mixed = _govlint("--jobs", "2", str(folder), cache=cache)
    assert mixed == _govlint("--jobs", "1", "--no-cache", str(folder), cache=tmp_path / "unused")
    assert mixed != first
    assert len(list(cache.rglob("*.json"))) == len(reports) + 3
