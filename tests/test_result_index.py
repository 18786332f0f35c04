"""The result index (engine/cache.py, ResultIndex): a rerun over unchanged
reports takes their results from one data file per report, found by its
stat stamp without reading it. Its output is
the uncached run's byte for byte; an entry is used only for the same file
(stat stamp), the same last year's report and the same options; a damaged,
foreign or concurrently written index is ignored and never stops a run."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS

REPORT = (CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")


def _govlint(*args, cache, code=1):
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, env=env, timeout=600)
    assert done.returncode == code, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    return done.stdout


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    reports = sorted(CORPUS.glob("*.txt"))
    for number, report in enumerate(reports):
        data = report.read_text(encoding="utf-8")
        (folder / f"r{number}.txt").write_bytes(data.encode("gb18030" if number % 2 else "utf-8"))
    # last year's report of the same agency: the later one is linted with it
    (folder / "sub" / "2023.txt").write_text(REPORT, encoding="utf-8")
    (folder / "sub" / "2024.txt").write_text(REPORT.replace("2023", "2024"), encoding="utf-8")
    # names JSON escapes, and one that is not UTF-8
    (folder / 'quote"and\\back.txt').write_text(REPORT.replace("2023", "2019"), encoding="utf-8")
    if sys.platform.startswith("linux"):
        (folder / os.fsdecode(b"gbk-\xc4\xea.txt")).write_text(REPORT.replace("2023", "2017"), encoding="utf-8")
    # more reports: the index is for runs of many files (batch.INDEX_FROM)
    for year in range(1990, 2002):
        (folder / f"y{year}.txt").write_text(REPORT.replace("2023", str(year)), encoding="utf-8")
    _settle()
    return folder


def _settle():
    """The index enters only files not changed within the last RACY
    seconds (a change in the same clock tick as a read would go unseen)."""
    from govlint.engine.cache import RACY

    time.sleep(RACY + 0.1)


def _index_files(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "2" / "index").rglob("*.marshal"))


FORMATS = [("--format", "json"), ("--format", "concise"), ("--format", "json", "--jobs", "2"),
           ("--format", "sarif")]


@pytest.mark.parametrize("args", FORMATS)
def test_a_rerun_from_the_index_prints_what_an_uncached_run_prints(tmp_path, args):
    folder = _folder(tmp_path)
    cache = tmp_path / "cache"
    uncached = _govlint(*args, "--no-cache", str(folder), cache=tmp_path / "unused")
    assert _govlint(*args, str(folder), cache=cache) == uncached        # fills the cache and the index
    assert _index_files(cache)
    assert _govlint(*args, str(folder), cache=cache) == uncached        # from the index
    # -o: the same bytes in the file
    out = tmp_path / "out"
    _govlint(*args, "-o", str(out), str(folder), cache=cache)
    assert out.read_bytes() == uncached


def test_the_index_answers_without_linting_or_reading_the_reports(tmp_path, monkeypatch):
    from govlint.engine import batch
    from govlint.engine.batch import Job
    from govlint.engine.lint import Options

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path)
    options = Options(select=["ALL"])
    jobs = [Job(str(path), options) for path in sorted(folder.rglob("*.txt"))]
    first = [r.to_json() for r in batch.run(jobs, 1)]

    def fail(job):
        raise AssertionError(f"linted {job.path}")

    monkeypatch.setattr(batch, "lint_job", fail)
    monkeypatch.setattr(batch, "read_path", fail)
    again = list(batch.run(jobs, 2))
    assert [r.to_json() for r in again] == first
    # every field of a stored diagnostic reads back as linted
    monkeypatch.undo()
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "unused"))
    fresh = list(batch.run([job._replace(use_cache=False) for job in jobs], 1))
    assert [r.diagnostics for r in again] == [r.diagnostics for r in fresh]


def test_a_changed_report_its_last_year_or_the_options_are_linted_again(tmp_path):
    folder = _folder(tmp_path)
    cache = tmp_path / "cache"

    def same_as_uncached(*args):
        uncached = _govlint("--format", "json", "--no-cache", *args, str(folder), cache=tmp_path / "unused")
        assert _govlint("--format", "json", *args, str(folder), cache=cache) == uncached
        assert _govlint("--format", "json", *args, str(folder), cache=cache) == uncached
        return uncached

    before = same_as_uncached()
    # the same size and modification time, other bytes: the change time differs
    report = folder / "r0.txt"
    info = report.stat()
    data = report.read_bytes()
    report.write_bytes(data.replace("0".encode(), "9".encode(), 3))
    os.utime(report, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert same_as_uncached() != before
    # last year's report changed: this year's report is linted with the new one
    older = folder / "sub" / "2023.txt"
    older.write_text(REPORT.replace("一、总体情况", "一、总体情况\n", 1), encoding="utf-8")
    same_as_uncached()
    # last year's report gone: no pair any more
    older.unlink()
    same_as_uncached()
    # other options
    same_as_uncached("--ignore", "A002")
    config = tmp_path / "reports" / "govlint.toml"
    config.write_text('ignore = ["P001"]\n[per-file-ignores]\n"r1.txt" = ["A002"]\n', encoding="utf-8")
    same_as_uncached()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "flipped", "empty", "foreign", "directory"])
def test_a_damaged_index_is_ignored(tmp_path, damage):
    from govlint.cachedir import write_data

    folder = _folder(tmp_path)
    cache = tmp_path / "cache"
    uncached = _govlint("--format", "json", "--no-cache", str(folder), cache=tmp_path / "unused")
    _govlint("--format", "json", str(folder), cache=cache)
    files = _index_files(cache)
    assert files
    for file in files:
        data = file.read_bytes()
        if damage == "truncated":
            file.write_bytes(data[: len(data) // 2])
        elif damage == "garbage":
            file.write_bytes(os.urandom(len(data)))
        elif damage == "flipped":       # one byte changed: the checksum no longer matches
            middle = len(data) // 2
            file.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
        elif damage == "empty":
            file.write_bytes(b"")
        elif damage == "foreign":       # well-formed data file, entries of another shape
            number = files.index(file) % 4
            write_data(str(file), [{"entry": ("x", 1, None)}, {"entry": (None, None, None, None, [("bad",)])},
                                   {"entry": 7}, {"other": 1}][number])
        elif damage == "directory":
            file.unlink()
            file.mkdir()
    assert _govlint("--format", "json", str(folder), cache=cache) == uncached
    assert _govlint("--format", "json", "--jobs", "2", str(folder), cache=cache) == uncached


def test_an_entry_whose_context_matches_but_whose_result_is_malformed_is_linted(tmp_path, monkeypatch):
    """A checksummed file that holds a matching entry with a broken result
    (not written by this version) is not trusted: the file is linted."""
    from govlint.cachedir import read_data, write_data
    from govlint.engine import batch
    from govlint.engine.batch import Job
    from govlint.engine.lint import Options

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path)
    jobs = [Job(str(path), Options()) for path in sorted(folder.rglob("*.txt"))]
    first = [r.to_json() for r in batch.run(jobs, 1)]
    for file in _index_files(tmp_path / "cache"):
        entry = read_data(str(file))["entry"]
        write_data(str(file), {"entry": (entry[0], "utf-8", None, "text", (("A001", "error"),))})
    for processes in (1, 2):
        assert [r.to_json() for r in batch.run(jobs, processes)] == first


def test_a_run_of_a_few_files_reads_no_index(tmp_path, monkeypatch):
    """An editor or a commit hook lints a few files: the index is not read
    for them (nor written); the cache by content answers."""
    from govlint.engine import batch
    from govlint.engine.batch import Job
    from govlint.engine.lint import Options

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = _folder(tmp_path)
    options = Options()
    everything = [Job(str(path), options) for path in sorted(folder.rglob("*.txt"))]
    list(batch.run(everything, 1))
    assert _index_files(tmp_path / "cache")

    from govlint import cachedir

    read_data = cachedir.read_data

    def no_index(path):
        assert os.sep + "index" + os.sep not in path, f"read {path}"
        return read_data(path)

    monkeypatch.setattr(cachedir, "read_data", no_index)
    few = everything[:batch.INDEX_FROM - 1]
    assert [r.to_json() for r in batch.run(few, 1)] == [r.to_json() for r in batch.run(
        [job._replace(use_cache=False) for job in few], 1)]


def test_runs_at_the_same_time_each_print_the_uncached_output(tmp_path):
    folder = _folder(tmp_path)
    for number in range(30):
        (folder / f"more{number}.txt").write_text(REPORT.replace("2023", str(1990 + number)), encoding="utf-8")
    cache = tmp_path / "cache"
    uncached = _govlint("--format", "json", "--no-cache", str(folder), cache=tmp_path / "unused")
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "govlint", "--format", "json", str(folder)]
    for _ in range(2):              # filling at once, then reading while another writes
        runs = [subprocess.Popen([*command, *jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                for jobs in (["--jobs", "1"], ["--jobs", "2"], ["--jobs", "2"])]
        for run in runs:
            out, err = run.communicate(timeout=600)
            assert run.returncode == 1 and b"Traceback" not in err, err.decode()
            assert out == uncached
        (folder / "more0.txt").write_text(REPORT, encoding="utf-8")
        uncached = _govlint("--format", "json", "--no-cache", str(folder), cache=tmp_path / "unused")
    assert _govlint("--format", "json", str(folder), cache=cache) == uncached


def test_a_report_changed_just_before_the_run_is_not_entered(tmp_path, monkeypatch):
    """A change in the same clock tick as the read would leave the stamp as
    it was: files changed within RACY seconds are linted next time too."""
    from govlint.engine.cache import ResultIndex
    from govlint.engine.lint import Options

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    report = tmp_path / "fresh.txt"
    report.write_text(REPORT, encoding="utf-8")
    probe = ResultIndex().probe(str(report), None, Options())
    assert not probe.present and not probe.may_enter
    old = time.time_ns() - 10 * 10**9
    os.utime(report, ns=(old, old))             # the change time stays recent
    assert not ResultIndex().probe(str(report), None, Options()).may_enter
    _settle()
    assert ResultIndex().probe(str(report), None, Options()).may_enter
