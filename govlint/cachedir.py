"""Where govlint keeps what it can compute again: lint results and their
index (engine/cache.py), report identities and pairs for pairing
(engine/pairing.py), compiled patterns (patterns.py) and the lexicon's
derived tables (model/language.py).
$GOVLINT_CACHE_DIR, else $XDG_CACHE_HOME/govlint, else ~/.cache/govlint;
`govlint clean` removes what govlint wrote there (clean()).

Identities, patterns and the lexicon's tables are kept as one data file
each (read_data, write_data): a marshal dump (data only: reading it runs
no code) behind a header and a checksum, written to a temporary file and
renamed, so that a reader sees a whole file or none; a missing, cut-short
or damaged file reads as empty. A table marshal cannot hold (the typo
rule's automaton) is kept in a file of its own the same way, as marshal
data followed by the bytes the data describe (read_blob, write_blob): a
file planted in the directory runs no code either."""
from __future__ import annotations

import gc
import marshal
import os
import threading
import zlib

MAGIC = b"govlint-data-1\n"


def cache_dir() -> str:
    if os.environ.get("GOVLINT_CACHE_DIR"):
        return os.environ["GOVLINT_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "govlint")


def read_data(path: str) -> dict:
    """The dict kept at path; {} when the file is missing, unreadable, cut
    short or damaged (its checksum is checked before marshal reads it)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return {}
    head = len(MAGIC) + 4
    if not data.startswith(MAGIC) or len(data) < head:
        return {}
    payload = data[head:]
    if zlib.crc32(payload) != int.from_bytes(data[len(MAGIC):head], "little"):
        return {}
    # Reading builds many small tuples, lists and dicts at once, each of
    # which would count towards the next garbage collection (a third of a
    # cached run's time went to collections triggered by such reads).
    collecting = gc.isenabled()
    gc.disable()
    try:
        entries = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    finally:
        if collecting:
            gc.enable()
    return entries if isinstance(entries, dict) else {}


BLOB = b"govlint-blob-1\n"


def read_blob(path: str, checked: tuple | None = None):
    """(data, blob, identity) kept at path by write_blob, or None
    (missing, cut short, damaged). data is what marshal read (data only:
    reading it runs no code); blob is the rest of the file as one bytes
    object, read straight into it (a large table costs its own size in
    memory, and no copy of it is made); identity is the file's device,
    inode, size, and modification and change times.

    The data's checksum is always compared; the blob's unless identity is
    checked, the identity of a file whose blob was found whole before: a
    file not written, replaced or changed since (each changes one of its
    times) is not read a second time for the checksum, which for the typo
    rule's automaton (2.7 MB) was 3 % of a cold one-report lint."""
    head = len(BLOB) + 12
    try:
        with open(path, "rb", buffering=0) as handle:
            start = handle.read(head)
            if len(start) < head or not start.startswith(BLOB):
                return None
            size = int.from_bytes(start[head - 4:], "little")
            header = handle.read(size)
            blob = handle.read()
            status = os.fstat(handle.fileno())
    except OSError:
        return None
    identity = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    at = len(BLOB)
    if len(header) != size \
            or zlib.crc32(header, zlib.crc32(start[head - 4:])) != int.from_bytes(start[at:at + 4], "little") \
            or identity != checked and zlib.crc32(blob) != int.from_bytes(start[at + 4:at + 8], "little"):
        return None
    collecting = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(header), blob, identity
    except (ValueError, EOFError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()


def write_blob(path: str, data, blob: bytes) -> bool:
    """Keep data (what marshal holds) and blob (bytes, read back as they
    are) at path, atomically, each with a checksum; False when it cannot
    be written, which only means computing them again next time."""
    try:
        header = marshal.dumps(data)
    except ValueError:
        return False
    size = len(header).to_bytes(4, "little")
    checksums = zlib.crc32(header, zlib.crc32(size)).to_bytes(4, "little") + zlib.crc32(blob).to_bytes(4, "little")
    return write_whole(path, BLOB + checksums + size + header + blob)


def write_data(path: str, entries: dict) -> bool:
    """Keep entries at path (atomically); False when it cannot be written,
    which only means computing them again next time."""
    try:
        payload = marshal.dumps(entries)
    except ValueError:
        return False
    return write_whole(path, MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)


def write_whole(path: str, data: bytes) -> bool:
    """Write data to a temporary file beside path and rename it over path,
    so that a reader sees a whole file or none; False when it cannot be
    written. The directory is made on the first write into it in this
    process (a cold run writes an entry for every report: a mkdir per entry
    that finds the directory there was a tenth of a millisecond each on an
    overlay file system), and again if it has been removed since."""
    directory = os.path.dirname(path)
    temporary = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        if directory not in _MADE:
            os.makedirs(directory, exist_ok=True)
            _MADE.add(directory)
        try:
            handle = open(temporary, "wb")
        except FileNotFoundError:         # removed since (govlint clean in another shell)
            _MADE.discard(directory)
            os.makedirs(directory, exist_ok=True)
            _MADE.add(directory)
            handle = open(temporary, "wb")
        try:
            with handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
    except OSError:
        return False
    return True


_MADE: set[str] = set()     # directories known to exist (made or found by write_whole)


# What govlint writes in the cache directory: result entries and their index
# under the cache format's number (engine/cache.py FORMAT), and these.
_OWN = ("identities", "pairs", "patterns", "lexicon")


def _own(name: str) -> bool:
    return name in _OWN or name.isdigit()


def clean(folder: str | None = None) -> tuple[int, int]:
    """Remove what govlint wrote in the cache directory (nothing else: the
    directory may be one the user named, holding other files); (files,
    bytes) removed. A file that cannot be removed is left, and counted not."""
    import shutil

    folder = folder or cache_dir()
    files = size = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0, 0
    for name in names:
        path = os.path.join(folder, name)
        if not _own(name) or not os.path.isdir(path) or os.path.islink(path):
            continue
        for root, _, found in os.walk(path):
            for item in found:
                try:
                    size += os.lstat(os.path.join(root, item)).st_size
                    files += 1
                except OSError:
                    pass
        shutil.rmtree(path, ignore_errors=True)
    return files, size
