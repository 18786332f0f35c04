"""Apply fixes: text edits offered by rules, written back atomically.

Edits are made on the original decoded text (newlines as the user has
them), so everything a fix does not touch stays byte for byte the same; the
file keeps its encoding, BOM and newline style. Overlapping edits are
resolved deterministically: fixes are taken in order of position, then
code, and one that overlaps an edit already taken waits for the next pass.
Passes repeat (re-linting in between) until nothing is left to fix, so a
second `--fix` finds nothing. A safe fix never changes a digit.

Writing back never loses someone else's text (write_fixes): the file is
replaced only if it is still what was read (size, mtime, inode and a hash
of its content, checked after the new content is on disk and just before
the rename); a symlink is followed and its target rewritten, the link kept;
a file with several hard links is left alone (a rename would split them),
and so is a read-only file unless asked; owner and mode are kept, or the
file is not written.
"""
from __future__ import annotations

import difflib
import errno
import hashlib
import os
import signal
import stat
import tempfile
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import NamedTuple

from govlint.model.document import Document
from govlint.patterns import lazy
from govlint.reading.source import Source

MAX_PASSES = 10
_DIGITS = lazy(r"[0-9０-９]")
_CRLF = lazy(r"\r\n")


@dataclass
class FixOutcome:
    path: str
    original: str                    # decoded text as on disk
    fixed: str                       # decoded text after the fixes
    applied: list[str] = field(default_factory=list)   # codes of the fixes applied, in order

    @property
    def changed(self) -> bool:
        return self.original != self.fixed


def _changes_numbers(text: str, edits) -> bool:
    return any(_DIGITS.findall(text[s:e]) != _DIGITS.findall(r) for s, e, r in edits)


def choose(document: Document, diagnostics, unsafe: bool) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The fixes to apply in one pass, without overlaps, in a stable order."""
    candidates = []
    for d in diagnostics:
        if not d.fix or not d.fix_edits or (not d.fix.get("safe") and not unsafe):
            continue
        edits = [(start, end, replacement) for start, end, replacement in d.fix_edits]
        if d.fix.get("safe") and _changes_numbers(document.text, edits):
            continue
        candidates.append((min(s for s, _, _ in edits), d.code, d.message, edits))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for _, code, _, edits in candidates:
        if any(s < te and ts < e or (s == e == ts == te) for s, e, _ in edits for ts, te in taken):
            continue
        taken.extend((s, e) for s, e, _ in edits)
        chosen.append((code, edits))
    return chosen


def apply_edits(text: str, edits) -> str:
    out, last = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def _to_original(source: Source, original: str):
    """Map offsets in the normalised text to offsets in the original text."""
    crlf = [m.start() for m in _CRLF.finditer(original)]
    # normalised offset of each CRLF's newline = original offset - (CRLFs before it)
    at = [pos - i for i, pos in enumerate(crlf)]

    def convert(offset: int) -> int:
        return offset + bisect_left(at, offset)

    return convert


def fix_source(source: Source, lint, unsafe: bool = False) -> FixOutcome:
    """Fix a decoded source. lint(text) -> diagnostics of the normalised text."""
    original = source.original or source.text
    current = original
    outcome = FixOutcome(source.path, original, original)
    for _ in range(MAX_PASSES):
        normalised = current.replace("\r\n", "\n").replace("\r", "\n")
        document = Document(source.path, normalised)
        chosen = choose(document, lint(normalised), unsafe)
        if not chosen:
            break
        convert = _to_original(source, current)
        edits = []
        for code, fix_edits in chosen:
            outcome.applied.append(code)
            for start, end, replacement in fix_edits:
                edits.append((convert(start), convert(end), replacement.replace("\n", source.newline)))
        current = apply_edits(current, edits)
    outcome.fixed = current
    return outcome


def encode(source: Source, text: str) -> bytes:
    """Text back to the file's bytes. surrogateescape: an undecodable byte
    the file was read with (source.py) is written back as the same byte.
    UnicodeEncodeError if the text cannot be written in the file's encoding."""
    boms = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
            "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}
    data = text.encode(source.encoding, "surrogateescape")
    return (boms.get(source.encoding, b"") + data) if source.bom else data


class NotFixed(Exception):
    """A file --fix leaves as it is, and why (one line)."""


class Original(NamedTuple):
    """A file as read for fixing: its bytes and what identifies that version."""

    path: str
    data: bytes
    size: int
    mtime_ns: int
    inode: int
    device: int
    digest: bytes

    @classmethod
    def read(cls, path: str, limit: int | None = None) -> "Original":
        """InputError as source.read_path."""
        from govlint.reading.source import read_path

        data = read_path(path, limit)
        try:
            # Taken after reading: a change in between shows in the content hash.
            st = os.stat(path)
        except OSError:
            st = os.stat_result((0,) * 10)
        return cls(path, data, st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, hashlib.sha256(data).digest())

    def unchanged(self, path: str) -> bool:
        """Whether the file at path is still this version."""
        try:
            st = os.stat(path)
            if (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) != (self.size, self.mtime_ns, self.inode,
                                                                         self.device):
                return False
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return digest.digest() == self.digest
        except OSError:
            return False


def write_fixes(original: Original, data: bytes, *, read_only: bool = False) -> None:
    """Replace the file original was read from with data, atomically,
    keeping its owner and mode; NotFixed if that would lose something,
    OSError if writing fails (the file is then untouched)."""
    target = os.path.realpath(original.path)       # through symlinks: the link stays a link
    st = os.stat(target)
    if st.st_nlink > 1:
        raise NotFixed(f"it has {st.st_nlink} hard links and replacing it would split them (--diff shows the fixes)")
    if _on_read_only_file_system(target):        # no flag can help: said as the failed write it would be
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))
    if not read_only and (not st.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise NotFixed("it is read-only (--fix-read-only rewrites it, keeping its mode)")

    def check(temporary: str) -> None:
        _keep_owner(temporary, st)
        if not original.unchanged(target):
            raise NotFixed("it changed on disk while it was being fixed; nothing written (run --fix again)")

    write_atomic(target, data, before_replace=check, mode=stat.S_IMODE(st.st_mode))


def _on_read_only_file_system(path: str) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):       # no statvfs (Windows): the write itself fails
        return False


def _keep_owner(temporary: str, st: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) == (st.st_uid, st.st_gid):
        return
    try:
        os.chown(temporary, st.st_uid if mine.st_uid != st.st_uid else -1,
                 st.st_gid if mine.st_gid != st.st_gid else -1)
    except PermissionError:
        raise NotFixed(f"its owner ({st.st_uid}:{st.st_gid}) cannot be kept by this user") from None
    os.chmod(temporary, stat.S_IMODE(st.st_mode))   # chown clears set-user/group-ID bits


def write_atomic(path: str, data: bytes, *, before_replace=None, mode: int | None = None) -> None:
    """Write through a temporary file in the same directory and rename it
    over the original: a reader sees the old file or the new one, never a
    partial one, and an interruption leaves no temporary file behind.
    Ctrl-C is held back while the file is written (a KeyboardInterrupt
    between creating the temporary file and renaming it would leave it
    behind); it takes effect as soon as the rename is done.

    A symbolic link is written through: its target is replaced and the link
    stays a link. A path that is not a regular file (/dev/null, /dev/stdout,
    a named pipe a reader waits on) is written to as it is: a rename would
    put a regular file in its place (as root, even over /dev/null)."""
    path, in_place = write_target(path)
    if in_place:
        with open(path, "wb") as out:
            out.write(data)
        return
    directory = os.path.dirname(path)
    held = _hold_interrupts()
    try:
        handle, temporary = tempfile.mkstemp(prefix=".govlint-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            try:
                os.chmod(temporary, mode_for(path) if mode is None else mode)
            except OSError:
                pass
            if before_replace is not None:
                before_replace(temporary)     # may refuse: the temporary file is removed below
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    finally:
        _release_interrupts(held)


def write_target(path: str) -> tuple[str, bool]:
    """The file a write to path goes to, through symbolic links (the link
    stays a link), and whether it must be written in place rather than
    replaced by a renamed temporary file: when it exists and is not a
    regular file (/dev/null, /dev/stdout, a named pipe)."""
    path = os.path.realpath(path)
    try:
        return path, not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return path, False


def mode_for(path: str) -> int:
    """The mode to write `path` with: its own when it exists, else what a
    new file gets under the umask (a temporary file is created 0600, which
    would leave a new configuration, baseline or report unreadable to
    everyone else)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _hold_interrupts():
    """Block SIGINT/SIGTERM for the calling (main) thread; the signals stay
    pending. Returns the previous mask, or None where this is not possible."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _release_interrupts(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def unified_diff(path: str, before: str, after: str) -> str:
    a = before.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    b = after.replace("\r\n", "\n").replace("\r", "\n").splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}"):
        out.append(line)
        if not line.endswith("\n"):   # a last line without a newline, marked as diff(1) does
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
