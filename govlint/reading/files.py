"""Expand the command line's paths into the files to lint, in a stable order."""

import fnmatch
import os
from typing import NamedTuple

# Every format a reader reads (govlint/reading/); config `include` or --glob change it.
DEFAULT_GLOBS = ("*.txt", "*.docx", "*.pdf", "*.html", "*.htm")


class Target(NamedTuple):
    path: str
    error: str | None = None     # set when a directory could not be walked


def expand(paths, globs=DEFAULT_GLOBS, exclude=(), empty: list | None = None) -> list[Target]:
    """Files named on the command line are always linted; directories are
    walked recursively (symlinked directories are not followed, so loops
    cannot occur) for files matching globs and not matching exclude. Only
    regular files are taken from a directory (and symlinks to them, or
    dangling ones, which linting reports): a FIFO would block the run and a
    device never end. Directories that yield nothing are added to empty."""
    targets: list[Target] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found: list[Target] = []
            _walk(path, globs, exclude, found)
            if empty is not None and not found:
                empty.append(path)
            targets.extend(sorted(found, key=lambda t: t.path))
        else:
            targets.append(Target(path))
    return targets


def _walk(top: str, globs, exclude, found: list[Target]) -> None:
    """Depth-first with an explicit stack: a folder thousands of levels deep
    is walked like any other (os.walk recursed, up to Python 3.11)."""
    stack = [top]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as error:
            found.append(Target(directory, f"无法读取目录：{error.strerror}"))
            continue
        for entry in entries:
            full = os.path.join(directory, entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not _excluded(full, entry.name, exclude):
                        stack.append(full)
                    continue
                if not any(fnmatch.fnmatch(entry.name, g) for g in globs) or _excluded(full, entry.name, exclude):
                    continue
                if entry.is_file() or (entry.is_symlink() and not entry.is_dir()):
                    found.append(Target(full))
            except OSError:       # vanished or unreadable while walking: the reader says why
                found.append(Target(full))


def _excluded(full: str, name: str, exclude) -> bool:
    return any(fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(full, pattern) for pattern in exclude)
