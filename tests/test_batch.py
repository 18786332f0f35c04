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


def _folder_of_layouts(folder):
    """The corpus reports as they are and in four other layouts, one GB18030:
    twenty-five files, enough for the result index (batch.INDEX_FROM)."""
    from layouts import VARIANTS

    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_bytes(text.encode("gb18030"))
        for name, layout in VARIANTS.items():
            (folder / f"{path.stem}-{name}.txt").write_text(layout(text), encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def _fields(result):
    from govlint.engine.batch import _FIELDS

    return (result.path, result.encoding, result.error, result.format, result.text, result.facts,
            [[getattr(d, name) for name in _FIELDS] for d in result.diagnostics])


def test_results_sent_back_by_workers_are_the_results_linted_in_process(tmp_path, monkeypatch):
    """Workers send results as plain tuples (engine/batch.py _packed): every
    field of every finding (fixes, related places, offsets, fingerprints),
    the source text the terminal shows and the HTML summary's facts arrive
    as a serial run makes them."""
    from govlint.engine import batch
    from govlint.engine.batch import Job
    from govlint.engine.lint import Options

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    paths = _folder_of_layouts(tmp_path / "reports")
    options = Options(select=["ALL"])
    for keep_text, facts in ((False, False), (True, False), (False, True)):
        jobs = [Job(path, options, None, keep_text, False, facts=facts) for path in paths]
        serial = [_fields(r) for r in batch.run(jobs, 1)]
        assert [_fields(r) for r in batch.run(jobs, 2)] == serial
        assert any(fields[-1] and any(d[8] for d in fields[-1]) for fields in serial)      # fixes among them
        assert all(fields[4] is not None for fields in serial) == keep_text
        assert all(fields[5] is not None for fields in serial) == facts


def test_json_text_made_by_workers_for_the_index_is_what_the_reporter_writes(tmp_path, monkeypatch):
    """A run that enters its results in the result index and writes JSON has
    each finding serialised once, in the worker; the output is byte for byte
    that of a serial uncached run, and so is a rerun from the index."""
    import io

    from govlint.engine import batch
    from govlint.engine.batch import Job
    from govlint.engine.lint import Options
    from govlint.output.reporters import Json

    def written(results):
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace", newline="")
        reporter = Json(out)
        reporter.start()
        for result in results:
            reporter.file(result)
        reporter.finish(0, None)
        return out.buffer.getvalue()

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    paths = _folder_of_layouts(tmp_path / "reports")
    jobs = [Job(path, Options(select=["ALL"])) for path in paths]
    expected = written(batch.run([job._replace(use_cache=False) for job in jobs], 1))
    parallel = list(batch.run(jobs, 2, json_text=True))
    assert all("_json" in d.__dict__ for r in parallel for d in r.diagnostics)     # sent as JSON text
    assert [_fields(r) for r in parallel] == [_fields(r) for r in batch.run(
        [job._replace(use_cache=False) for job in jobs], 1)]
    assert written(parallel) == expected
    assert written(batch.run(jobs, 2, json_text=True)) == expected       # every result from the index


def test_a_batch_run_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    """Collections are rarer during a run (batch._fewer_collections), and
    only during it: a program that runs govlint's batch keeps its settings."""
    import gc

    from govlint.engine import batch
    from govlint.engine.batch import Job
    from govlint.engine.lint import Options

    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    during = []
    for result in batch.run([Job(str(p), Options(), use_cache=False) for p in sorted(CORPUS.glob("*.txt"))], 1):
        during.append(gc.get_threshold()[0])
    assert during and all(threshold >= batch.COLLECT_EVERY for threshold in during)
    assert gc.get_threshold() == before and gc.get_freeze_count() == frozen
