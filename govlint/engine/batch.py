"""Lint many files: in parallel processes, in a deterministic order.

Results come back in the order of the jobs (sorted by path), one at a time,
whatever the number of processes: a run with --jobs 4 prints exactly what a
run with --jobs 1 prints. Only one file's text is held per worker, so memory
does not grow with the number of files.
"""
import gc
import os
import signal
import threading
import weakref
from contextlib import contextmanager
from dataclasses import fields as dataclass_fields
from typing import NamedTuple

from govlint.engine.lint import Diagnostic, FileResult, Options, _error, lint_bytes
from govlint.reading.source import InputError, read_path


class Job(NamedTuple):
    path: str
    options: Options
    previous: str | None = None     # last year's report of the same agency
    keep_text: bool = False         # the text reporter shows source lines
    use_cache: bool = True
    error: str | None = None        # a directory that could not be walked
    facts: bool = False             # add summary.report_facts (the HTML summary)


def lint_job(job: Job) -> FileResult:
    if job.error:
        return _error(job.path, InputError("E001", "unreadable-file", job.error))
    try:
        data = read_path(job.path, job.options.max_file_size)
    except InputError as error:
        return _error(job.path, error)
    previous_data = None
    if job.previous:
        try:
            previous_data = read_path(job.previous, job.options.max_file_size)
        except InputError:
            previous_data = None
    entry = None
    if job.use_cache:
        from govlint.engine import cache

        entry = cache.key(data, previous_data, job.options, job.path, job.previous or "")
        hit = cache.load(entry, job.path)
        if hit is not None:
            if job.keep_text and hit.error is None:
                from govlint.reading import read_document

                try:
                    hit.text = read_document(data, job.path, job.options.encoding).text
                except InputError:
                    pass
            return _with_facts(job, data, hit)
    previous = (previous_data, job.previous) if previous_data is not None else None
    try:
        result = lint_bytes(data, job.path, job.options, previous=previous, facts=job.facts)
    except InputError:
        result = lint_bytes(data, job.path, job.options, facts=job.facts)
    if entry is not None:
        from govlint.engine import cache

        cache.store(entry, result)
    if not job.keep_text:
        result.text = None
    return _with_facts(job, data, result)


def _with_facts(job: Job, data: bytes, result: FileResult) -> FileResult:
    """The report's facts for the HTML summary: read while linting, or for
    a cached result from the file again; with last year's report's path."""
    if job.facts:
        from govlint.output.facts import facts_for

        if result.facts is None:
            result.facts = facts_for(data, job.path, job.options.encoding, result.diagnostics)
        if result.facts is not None:
            result.facts["previous"] = job.previous
    return result


def _quiet_worker():
    # Ctrl-C is the parent's to handle: it stops the pool and exits 130.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _worker_start():
    _quiet_worker()
    gc.freeze()         # for the worker's life (below)
    gc.set_threshold(max(gc.get_threshold()[0], COLLECT_EVERY), *gc.get_threshold()[1:])


# Linting a report makes and drops tens of thousands of containers, few of
# them in cycles; at Python's default threshold (a collection every 700 net
# allocations) the collector ran about 7 times per report and took 5 % of
# a batch run's time, each full collection walking every module, rule and
# pattern loaded at start. Collections are made rarer during a batch run,
# and what was loaded before it is set aside (gc.freeze) from them.
COLLECT_EVERY = 10_000


@contextmanager
def _fewer_collections():
    previous = gc.get_threshold()
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    gc.set_threshold(max(previous[0], COLLECT_EVERY), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if frozen:
            gc.unfreeze()


def _cached_entry(job: Job) -> str | None:
    """The cache entry holding the job's result, if there is one (a guess:
    lint_job lints whatever the entry turns out not to hold)."""
    if not job.use_cache or job.error:
        return None
    try:
        from govlint.engine import cache

        data = read_path(job.path, job.options.max_file_size)
        previous = read_path(job.previous, job.options.max_file_size) if job.previous else None
        entry = cache.key(data, previous, job.options, job.path, job.previous or "")
        return entry if os.path.exists(cache.entry_path(entry)) else None
    except Exception:
        return None


def _from_cache(job: Job, entry: str) -> FileResult:
    if not job.keep_text and not job.facts:
        from govlint.engine import cache

        hit = cache.load(entry, job.path)
        if hit is not None:
            return hit
    return lint_job(job)


def run(jobs: list[Job], processes: int, json_text: bool = False):
    """Yield one FileResult per job, in job order. json_text: the results
    are for the JSON reporter; when they are also entered in the result
    index, a worker sends each finding as the JSON text both write, so that
    it is serialised once."""
    index = _index(jobs)
    with _fewer_collections():
        yield from _run(jobs, processes, index, json_text and index is not None)


# A result crosses from a worker to the parent as plain data: a tuple of
# its fields, each finding a tuple of its fields, or the result index's
# form (engine/cache.py: its JSON text ready to be written, which the index
# entry and the JSON reporter then share). Pickled as dataclasses, the
# results cost the parent, which every result passes through, more to
# unpickle than to write as JSON. Serialising each finding alone costs more
# than one json.dumps of the file's result, so the JSON text is sent only
# when the index needs it anyway.
_FIELDS = tuple(f.name for f in dataclass_fields(Diagnostic))


def _packed(job: Job, json_text: bool = False) -> tuple:
    """lint_job(job), as sent back from a worker."""
    result = lint_job(job)
    if json_text:
        from govlint.engine.cache import _compact

        diagnostics = tuple(_compact(d) for d in result.diagnostics)
    else:
        diagnostics = tuple(tuple(getattr(d, name) for name in _FIELDS) for d in result.diagnostics)
    return (result.path, result.encoding, result.error, result.format, result.text, result.facts,
            json_text, diagnostics)


def _unpacked(packed: tuple) -> FileResult:
    path, encoding, error, kind, text, facts, json_text, diagnostics = packed
    if json_text:
        from govlint.engine.cache import _stored

        made = [_stored(item) for item in diagnostics]
    else:
        made = []
        for values in diagnostics:
            diagnostic = object.__new__(Diagnostic)
            diagnostic.__dict__.update(zip(_FIELDS, values))
            made.append(diagnostic)
    return FileResult(path, encoding, error, made, text=text, format=kind, facts=facts)


INDEX_FROM = 16      # files in a run from which the result index is used


def _index(jobs: list[Job]):
    """The result index (engine/cache.py) for a run of many files. A run of a
    few (an editor, a commit hook) finds each file's entry by its bytes
    instead (lint_job), and keeps the cache directory to one entry a file."""
    if sum(1 for job in jobs if _indexed(job)) < INDEX_FROM:
        return None
    from govlint.engine.cache import ResultIndex

    return ResultIndex()


def _indexed(job: Job) -> bool:
    """Results of a plain lint only: the text reporter's source lines and the
    HTML summary's facts need the file read anyway."""
    return job.use_cache and not job.error and not job.keep_text and not job.facts


def _probe(index, job: Job):
    if index is None or not _indexed(job):
        return None
    return index.probe(job.path, job.previous, job.options)


def _from_index(index, job: Job, probe) -> FileResult | None:
    return index.read(job.path, probe) if probe is not None and probe.present else None


def _run(jobs: list[Job], processes: int, index, json_text: bool = False):
    if processes <= 1 or len(jobs) < 2:
        for job in jobs:
            probe = _probe(index, job)
            result = _from_index(index, job, probe)
            if result is None:
                result = lint_job(job)
                if probe is not None:
                    index.add(probe, result)
            yield result
        return
    # Which results the index holds is found here first (by the entry's
    # name: a stat, no reading) and they are read as they are yielded, one
    # at a time; then a result in the cache is read here in less time than
    # sending the job to a worker and its result back takes; only the others
    # go to the pool (a rerun over unchanged files starts no worker at all).
    # A cold cache (none of the first files in it) is not searched further.
    probes = [_probe(index, job) for job in jobs]
    cached: list[str | None] = []
    searched = 0
    for job, probe in zip(jobs, probes):
        if (probe is not None and probe.present) or (searched == 64 and not any(cached)):
            cached.append(None)
            continue
        searched += 1
        cached.append(_cached_entry(job))
    rest = [job for job, key, probe in zip(jobs, cached, probes)
            if key is None and not (probe is not None and probe.present)]

    def results(next_linted):
        for number, (job, key) in enumerate(zip(jobs, cached)):
            probe = probes[number]
            probes[number] = None
            result = _from_index(index, job, probe)
            if result is None:
                if probe is not None and probe.present:     # a damaged entry: its job is not in the pool
                    result = lint_job(job)
                else:
                    result = _from_cache(job, key) if key else next_linted()
                if probe is not None:
                    index.add(probe, result)
            yield result

    if len(rest) < 2:
        yield from results(lambda: lint_job(rest.pop(0)))
        return
    from concurrent.futures import ProcessPoolExecutor  # only for parallel runs
    from functools import partial

    processes = min(processes, len(rest))
    chunk = max(1, min(32, len(rest) // (processes * 8)))
    executor = ProcessPoolExecutor(max_workers=processes, initializer=_worker_start)
    try:
        linted = executor.map(partial(_packed, json_text=json_text), rest, chunksize=chunk)
        yield from results(lambda: _unpacked(next(linted)))
    except BaseException:
        _stop(executor)
        raise
    executor.shutdown(wait=True)


def _stop(executor) -> None:
    """Stop a pool at once (Ctrl-C, an error): end the workers rather than
    wait for the work queued to them."""
    workers = list((getattr(executor, "_processes", None) or {}).values())    # shutdown() forgets them
    manager = getattr(executor, "_executor_manager_thread", None)
    if manager is not None:
        _STOPPED.add(manager)
        if threading.excepthook is not _quiet_when_stopped:
            _quiet_when_stopped.previous = threading.excepthook
            threading.excepthook = _quiet_when_stopped
    executor.shutdown(wait=False)
    for process in workers:
        try:
            process.terminate()
        except Exception:
            pass


# Python 3.11's pool thread, seeing its workers end, fails the queued work
# and raises InvalidStateError on work already cancelled (what an
# interrupted executor.map leaves), printing a traceback from that thread;
# 3.12 ignores it. Only that error, from the pools stopped above, is quiet.
_STOPPED: "weakref.WeakSet[threading.Thread]" = weakref.WeakSet()


def _quiet_when_stopped(args) -> None:
    from concurrent.futures import InvalidStateError

    if args.thread in _STOPPED and isinstance(args.exc_value, InvalidStateError):
        return
    _quiet_when_stopped.previous(args)


_quiet_when_stopped.previous = threading.excepthook


def stopped_pool_running() -> bool:
    """Whether a pool stopped above still has its thread: the interpreter's
    exit would wait for that thread (Ctrl-C then exits without waiting)."""
    return any(thread.is_alive() for thread in list(_STOPPED))


def map_ordered(function, items: list, processes: int):
    """function over items, in parallel processes when there are many; in order."""
    if processes <= 1 or len(items) < 64:
        with _fewer_collections():
            return [function(item) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    processes = min(processes, len(items))
    executor = ProcessPoolExecutor(max_workers=processes, initializer=_worker_start)
    try:
        # Chunks of at most 64 items: the pairing pre-pass reads a file in
        # about 0.3 ms, so a worker finishing its last chunk of 625 (a
        # tenth of 10,000 files / 16) kept the other core idle for 0.2 s.
        chunk = max(1, min(64, len(items) // (processes * 8)))
        done = list(executor.map(function, items, chunksize=chunk))
    except BaseException:
        _stop(executor)     # Ctrl-C in the pairing pre-pass of a large folder stops now, not when it ends
        raise
    executor.shutdown(wait=True)
    return done


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
