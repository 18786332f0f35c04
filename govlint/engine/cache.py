"""A cache of lint results for unchanged files.

Keyed by the file's bytes, last year's report (if any), the effective
options, the govlint version and the versions of every rule pack, so any
change that could change a result misses. Stored as small JSON files in the
user's cache directory ($GOVLINT_CACHE_DIR, else $XDG_CACHE_HOME/govlint,
else ~/.cache/govlint). A corrupt or unreadable entry is a miss, never an
error.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, fields
from functools import lru_cache

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


def store(entry: str, result: FileResult) -> None:
    target = _path(entry)
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        payload = {"encoding": result.encoding, "error": result.error, "format": result.format,
                   "diagnostics": [_fields(d) for d in result.diagnostics]}
        temporary = f"{target}.{os.getpid()}.tmp"
        # backslashreplace: a file name or text that is not UTF-8 (surrogate
        # escapes) becomes a JSON \udcXX escape, which reads back the same.
        # dumps, not dump: only a one-shot dumps uses json's C encoder.
        text = json.dumps(payload, ensure_ascii=False)
        with open(temporary, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written is only slower
