"""Baselines: accept today's findings, report only new ones.

An entry is keyed by the file (relative to the baseline's directory), the
rule and the diagnostic's content fingerprint (rule, table/row/column or
section, and the normalised text involved), never by line numbers, so
editing elsewhere in a file does not bring old findings back. Entries are
counted: two identical findings need two entries. Entries that no longer
occur in the files linted are stale and are reported, so the baseline can
shrink.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass

VERSION = 1


class BaselineError(ValueError):
    pass


def _key_path(path: str, root: str) -> str:
    if path == "-":
        return path
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def write(path: str, results) -> int:
    root = os.path.dirname(os.path.abspath(path))
    entries = [{"path": _key_path(r.path, root), "code": d.code, "fingerprint": d.fingerprint, "message": d.message}
               for r in results for d in r.diagnostics if not d.code.startswith("E")]
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    from govlint.engine.fix import write_atomic

    # backslashreplace: a non-UTF-8 file name (surrogate escapes) is written
    # as a JSON \udcXX escape and reads back as the same name.
    write_atomic(path, (json.dumps({"version": VERSION, "entries": entries}, ensure_ascii=False, indent=1) + "\n")
                 .encode("utf-8", "backslashreplace"))
    return len(entries)


@dataclass
class Baseline:
    root: str
    entries: Counter          # (path, code, fingerprint) → count
    messages: dict

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from None
        except ValueError as exc:
            raise BaselineError(f"{path}: not a govlint baseline (invalid JSON: {exc})") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a govlint baseline (version {VERSION} expected)")
        entries, messages = Counter(), {}
        for entry in data["entries"]:
            try:
                key = (entry["path"], entry["code"], entry["fingerprint"])
            except (KeyError, TypeError):
                raise BaselineError(f"{path}: malformed entry {entry!r}") from None
            entries[key] += 1
            messages[key] = entry.get("message", "")
        return cls(os.path.dirname(os.path.abspath(path)), entries, messages)

    def filter_one(self, result) -> None:
        """Drop this file's baselined diagnostics (in place)."""
        if not hasattr(self, "_remaining"):
            self._remaining = Counter(self.entries)
            self._linted = set()
        key_path = _key_path(result.path, self.root)
        self._linted.add(key_path)
        kept = []
        for d in result.diagnostics:
            key = (key_path, d.code, d.fingerprint)
            if self._remaining[key] > 0 and not d.code.startswith("E"):
                self._remaining[key] -= 1
            else:
                kept.append(d)
        result.diagnostics = kept

    def stale(self) -> list[tuple[str, str, str]]:
        """Entries of the files linted that no longer occur."""
        remaining = getattr(self, "_remaining", Counter())
        linted = getattr(self, "_linted", set())
        return sorted(key for key, n in remaining.items() if n > 0 and key[0] in linted for _ in range(n))
