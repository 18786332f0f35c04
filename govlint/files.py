"""Expand the command line's paths into the files to lint, in a stable order."""
from __future__ import annotations

import fnmatch
import os
from typing import NamedTuple

# Every format a reader reads (govlint/readers/); config `include` or --glob change it.
DEFAULT_GLOBS = ("*.txt", "*.docx", "*.pdf", "*.html", "*.htm")


class Target(NamedTuple):
    path: str
    error: str | None = None     # set when a directory could not be walked


def expand(paths, globs=DEFAULT_GLOBS, exclude=()) -> list[Target]:
    """Files named on the command line are always linted; directories are
    walked recursively (symlinked directories are not followed, so loops
    cannot occur) for files matching globs and not matching exclude."""
    targets: list[Target] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found: list[Target] = []

            def failed(error, found=found):
                found.append(Target(error.filename or path, f"无法读取目录：{error.strerror}"))

            for root, dirs, files in os.walk(path, onerror=failed):
                dirs[:] = sorted(d for d in dirs if not _excluded(os.path.join(root, d), d, exclude))
                for name in files:
                    full = os.path.join(root, name)
                    if any(fnmatch.fnmatch(name, g) for g in globs) and not _excluded(full, name, exclude):
                        found.append(Target(full))
            targets.extend(sorted(found, key=lambda t: t.path))
        else:
            targets.append(Target(path))
    return targets


def _excluded(full: str, name: str, exclude) -> bool:
    return any(fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(full, pattern) for pattern in exclude)
