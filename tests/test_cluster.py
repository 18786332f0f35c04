"""The library API over a cluster: govlint.lint_path mapped with Dask over a
folder, in worker processes, gives what the command line gives for it.

The results cross process boundaries pickled (Dask's process scheduler
pickles the function and each result), so this is also the check that the
library's functions and results stay picklable. Without dask installed
(it is in the test extra: pip install '.[test]') the test is skipped."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest

import govlint

from conftest import CORPUS


def _folder(tmp_path):
    folder = tmp_path / "reports"
    for index, path in enumerate(sorted(CORPUS.glob("*.txt"))):
        sub = folder / f"part{index % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, sub / path.name)
    (folder / "part0" / "legacy.txt").write_bytes(
        (CORPUS / sorted(p.name for p in CORPUS.glob("*.txt"))[0]).read_text(encoding="utf-8").encode("gb18030"))
    return sorted(str(p) for p in folder.rglob("*.txt"))


def test_lint_path_and_its_results_pickle(tmp_path):
    path = _folder(tmp_path)[0]
    result = govlint.lint_path(path)
    assert result.diagnostics
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    assert pickle.loads(pickle.dumps(govlint.lint_path)) is govlint.lint_path


def test_a_dask_bag_over_worker_processes_gives_what_the_command_line_gives(tmp_path):
    bag = pytest.importorskip("dask.bag", reason="dask is not installed (pip install '.[test]')")
    paths = _folder(tmp_path)
    results = (bag.from_sequence(paths, npartitions=3)
               .map(govlint.lint_path)
               .compute(scheduler="processes", num_workers=2))
    assert [r.path for r in results] == paths
    from_cluster = [r.to_json() for r in results]

    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "govlint", "--format", "json", "--jobs", "1", "--no-cache",
                           str(tmp_path / "reports")], capture_output=True, env=env, timeout=300)
    assert done.returncode == 1, done.stderr.decode()      # the corpus reports have findings
    from_cli = json.loads(done.stdout)["files"]
    assert [f["path"] for f in from_cli] == paths
    assert from_cluster == from_cli
    assert sum(len(r.diagnostics) for r in results) > 10
