"""A cache of lint results for unchanged files.

Keyed by the file's bytes, last year's report (if any), the effective
options, the govlint version and the versions of every rule pack, so any
change that could change a result misses. Stored as small JSON files in the
user's cache directory ($GOVLINT_CACHE_DIR, else $XDG_CACHE_HOME/govlint,
else ~/.cache/govlint). A corrupt or unreadable entry is a miss, never an
error.

Over them, the result index (ResultIndex, below): one data file per report
that answers for it by its stat stamp, without reading it.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields
from functools import lru_cache
from typing import NamedTuple

from govlint import __version__
from govlint.cachedir import cache_dir
from govlint.engine.lint import Diagnostic, FileResult

FORMAT = "2"        # 2: diagnostics keep their fix edits as offsets (fix_edits)


@lru_cache(maxsize=1)
def _packs() -> str:
    """Rule packs and their versions, and the engine's and built-in rules'
    source files (size and mtime), so that an edited rule misses the cache
    even before its version changes."""
    import govlint

    from govlint.engine.entrypoints import entry_points

    versions = []
    for entry in entry_points(group="govlint.rules"):
        versions.append(f"{entry.name}={entry.value}@{entry.dist}-{entry.version or '?'}")
    for package in (govlint,):
        for root, _, files in os.walk(os.path.dirname(package.__file__)):
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    try:
                        stat = os.stat(os.path.join(root, name))
                    except OSError:
                        continue
                    versions.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(sorted(versions))


_OPTIONS: dict[str, str] = {}


def _options_text(options) -> str:
    """The options as sorted JSON, computed once per distinct options (each
    job carries its own copy; asdict and dumps took a third of a cached run)."""
    seen = repr(options)
    text = _OPTIONS.get(seen)
    if text is None:
        if len(_OPTIONS) > 64:
            _OPTIONS.clear()
        text = _OPTIONS[seen] = json.dumps(asdict(options), sort_keys=True, default=str)
    return text


def key(data: bytes, previous: bytes | None, options, path: str = "", previous_path: str = "") -> str:
    """Messages may name last year's report, so its path is part of the key."""
    digest = hashlib.sha256()
    for part in (FORMAT, __version__, _packs(), _options_text(options), path, previous_path or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")   # a file name may not be UTF-8
    digest.update(hashlib.sha256(data).digest())
    digest.update(hashlib.sha256(previous).digest() if previous is not None else b"-")
    return digest.hexdigest()


def entry_path(entry: str) -> str:
    return os.path.join(cache_dir(), FORMAT, entry[:2], entry[2:] + ".json")


_path = entry_path


def load(entry: str, path: str) -> FileResult | None:
    try:
        with open(_path(entry), "rb") as handle:
            data = json.loads(handle.read())
        diagnostics = [_diagnostic(d) for d in data["diagnostics"]]
        return FileResult(path, data["encoding"], data["error"], diagnostics, format=data.get("format", "text"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


_DIAGNOSTIC_FIELDS = tuple(f.name for f in fields(Diagnostic))


def _fields(diagnostic: Diagnostic) -> dict:
    """Every field, as asdict gives them (its values are JSON data already:
    asdict's recursive copy was most of the cost of storing)."""
    return {name: getattr(diagnostic, name) for name in _DIAGNOSTIC_FIELDS}


_FIELD_SET = frozenset(_DIAGNOSTIC_FIELDS)


def _diagnostic(fields: dict) -> Diagnostic:
    """Diagnostic(**fields), without the keyword call when the entry holds
    exactly the fields (a fully cached run builds one per finding)."""
    if fields.keys() == _FIELD_SET:
        made = object.__new__(Diagnostic)
        made.__dict__.update(fields)
        return made
    return Diagnostic(**fields)


# A result holding one of these says the run failed, not what the file
# holds: a part of the model that could not be read (a missing dependency),
# a rule stopped by its time limit (a busy machine), an exception. Kept, it
# would be replayed after the cause is gone; so it is never kept.
TRANSIENT = frozenset({"E997", "E998", "E999"})


def keeps(result: FileResult) -> bool:
    """Whether the result may be kept (in the cache or the result index)."""
    return not any(d.code in TRANSIENT for d in result.diagnostics)


def store(entry: str, result: FileResult) -> None:
    if not keeps(result):
        return
    try:
        payload = {"encoding": result.encoding, "error": result.error, "format": result.format,
                   "diagnostics": [_fields(d) for d in result.diagnostics]}
        # backslashreplace: a file name or text that is not UTF-8 (surrogate
        # escapes) becomes a JSON \udcXX escape, which reads back the same.
        # dumps, not dump: only a one-shot dumps uses json's C encoder.
        text = json.dumps(payload, ensure_ascii=False)
    except (TypeError, ValueError):
        return
    from govlint.cachedir import write_whole

    write_whole(_path(entry), text.encode("utf-8", "backslashreplace"))  # one that cannot be written is only slower


# The result index: a cached rerun without reading or hashing any file.
#
# The entries above are found by hashing the file's bytes, so a hit still
# reads the file, hashes it and decodes a JSON file into diagnostics; over a
# folder of unchanged files that was most of a cached rerun. The index keeps,
# for each report, one small data file (cachedir.read_data: checksummed,
# written whole and renamed) named by a digest of what the report was linted
# with: its path and stat stamp (size, modification and change times,
# inode), last year's report and its stamp, and the options; it holds that
# context again (checked on reading) and the result, each diagnostic with its
# JSON text ready to be written. Version and rule packs (_packs) name the
# index's directory. A file changed within RACY seconds of the run is not
# entered (a second change in the same clock tick would go unseen). A
# missing or damaged entry is a miss: the file is then found, or linted, as
# without the index. One entry is read at a time, so memory does not grow
# with the number of files.

RACY = 2.0
INDEX_FORMAT = "3"    # 3: one entry per report; 2: diagnostics as tuples, their JSON text as UTF-8 bytes


def stamp(path: str) -> tuple | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _from_json(text: bytes) -> dict:
    """The fields of a stored diagnostic kept only in its JSON text (the
    ones without a default, which the class would answer for)."""
    data = json.loads(text)
    return {name: data[name] for name in _IN_JSON_ONLY}


_IN_JSON_ONLY = ("name", "message", "line", "column", "end_line", "end_column")


def _compact(diagnostic: Diagnostic) -> tuple:
    """The index form of a diagnostic: every field but those its JSON text
    holds alone (_IN_JSON_ONLY), and that text as the JSON reporter writes
    it (compact, UTF-8, what UTF-8 cannot hold as a backslash escape:
    output/stream.py). Empty lists are kept as None. A diagnostic that
    carries that text already (read back, or sent from a worker in this
    form: engine/batch.py) is not serialised again."""
    text = diagnostic.__dict__.get("_json")
    if text is None:
        text = json.dumps(diagnostic.to_json(), ensure_ascii=False, separators=(",", ":")).encode(
            "utf-8", "backslashreplace")
    return (diagnostic.code, diagnostic.severity, diagnostic.fingerprint, diagnostic.start, diagnostic.end,
            diagnostic.fix_edits or None, diagnostic.fix, diagnostic.related or None, diagnostic.original,
            text)


def _stored(item: tuple) -> Diagnostic:
    """A diagnostic from its index form: the name, message and position are
    read from its JSON text when first asked for (Diagnostic.__getattr__);
    the JSON reporter writes that text as it is."""
    code, severity, fingerprint, start, end, fix_edits, fix, related, original, text = item
    if not isinstance(text, bytes):
        raise TypeError("not a stored diagnostic")
    made = object.__new__(Diagnostic)
    made.__dict__ = {"code": code, "severity": severity, "fingerprint": fingerprint, "start": start, "end": end,
                     "fix_edits": fix_edits or [], "fix": fix, "related": related or [], "original": original,
                     "_json": text}
    return made


class ResultIndex:
    """Results of earlier runs, one data file per report, found by the
    report's stat stamp."""

    def __init__(self):
        import time

        tag = hashlib.sha256(f"{FORMAT}\0{INDEX_FORMAT}\0{__version__}\0{_packs()}".encode(
            "utf-8", "surrogatepass")).hexdigest()[:16]
        self.root = os.path.join(cache_dir(), FORMAT, "index", tag)
        self.now = time.time_ns()
        self.digests: dict[int, tuple] = {}

    def _file(self, context: tuple) -> str:
        name = hashlib.sha256(repr(context).encode("utf-8", "surrogatepass")).hexdigest()
        return os.path.join(self.root, name[:2], name[2:32] + ".marshal")

    def _options(self, options) -> str:
        """The options' digest, once per Options object of the run."""
        known = self.digests.get(id(options))
        if known is None or known[0] is not options:
            text = _options_text(options)
            known = self.digests[id(options)] = (options, hashlib.sha256(
                text.encode("utf-8", "surrogatepass")).hexdigest())
        return known[1]

    def probe(self, path: str, previous: str | None, options) -> Probe | None:
        """Where the file's result would be (whether an entry is there: one
        stat, nothing read); None when the file or last year's cannot be
        stamped."""
        own = stamp(path)
        before = stamp(previous) if previous else None
        if own is None or (previous and before is None):
            return None
        context = (path, own, previous or "", before, self._options(options))
        file = self._file(context)
        newest = max(own[1], own[2], *(before[1:3] if before else ()))
        return Probe(file, context, os.path.exists(file), self.now - newest >= RACY * 1e9)

    @staticmethod
    def read(path: str, probe: Probe) -> FileResult | None:
        """The result the probed entry holds; None when it is missing,
        damaged, for another context or malformed."""
        from govlint.cachedir import read_data

        entry = read_data(probe.file).get("entry")
        if not (isinstance(entry, tuple) and len(entry) == 5 and entry[0] == probe.context):
            return None
        try:
            encoding, error, kind, diagnostics = entry[1:]
            return FileResult(path, encoding, error, [_stored(d) for d in diagnostics], format=kind)
        except (TypeError, ValueError, AttributeError, KeyError):
            return None

    @staticmethod
    def add(probe: Probe, result: FileResult) -> None:
        """Enter a result found for the file as it was when probed (unless it
        changed within RACY seconds of the run)."""
        if not probe.may_enter or result.error is not None or not keeps(result):
            return
        try:
            entry = (probe.context, result.encoding, None, result.format,
                     tuple(_compact(d) for d in result.diagnostics))
        except (TypeError, ValueError):
            return
        from govlint.cachedir import write_data

        write_data(probe.file, {"entry": entry})


class Probe(NamedTuple):
    file: str               # the entry's data file
    context: tuple          # what the result depends on, stored with it and checked
    present: bool           # the data file exists (read to know whether it holds the result)
    may_enter: bool         # the file did not change within RACY seconds of the run
