"""Regular expressions compiled when first used, and compiled once per machine.

The regex module compiles patterns in Python: compiling every pattern of
the engine and the rules at import took 60 to 100 ms, the largest part of
a cold start. Patterns are declared at module level with lazy() instead of
regex.compile(), and compiled the first time they are used; a run that
never reaches a pattern (its rule's cheap pre-filter found nothing to look
at) never pays for it.

Even so, the patterns one report reaches took about 40 % of a cold start
(`govlint --format json report.txt`). So what the compiler produced is kept
on disk, as Python keeps bytecode in __pycache__: a compiled regex pattern
carries its compiled program (it is what the regex module pickles), and
rebuilding a pattern from it takes a twentieth of compiling it. The store
is one small file in the cache directory (cachedir.py), named after the
regex module's and Python's versions and keyed by each pattern's text and
flags, written (atomically: a temporary file renamed) after a file is
linted and at exit when new patterns were compiled, and read once per
process. The standard library's re patterns are kept there too
(compile_re). It is never
required: anything wrong with it (missing, unreadable, cut short, a wrong
checksum, another version's programs) only means compiling as before, and
GOVLINT_PATTERN_STORE=0 turns it off.
"""
from __future__ import annotations

import atexit
import copyreg
import marshal
import os
import re
import sys
import threading

import regex

from govlint.cachedir import cache_dir, read_data, write_data

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A stand-in for regex.compile(source, flags) that compiles on first use.

    The class's match methods compile the pattern and then put the compiled
    pattern's own methods on the instance, where they shadow the class's:
    every later call is a plain attribute lookup and a call into the regex
    module. (No __getattr__: defining one slows every attribute access.)"""

    def __init__(self, source: str, flags: int = 0):
        self.pattern = source
        self.flags = flags
        self.compiled = None

    def compile(self):
        if self.compiled is None:
            compiled = compile_pattern(self.pattern, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
            self.compiled = compiled
        return self.compiled

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def _deferred(name: str):
    def method(self, *args, **kwargs):
        return getattr(self.compile(), name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"Compile the pattern, then {name}() as regex does."
    return method


for _name in _METHODS:
    setattr(LazyPattern, _name, _deferred(_name))


def lazy(source: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(source, flags)


def compile_pattern(source: str, flags: int = 0):
    """regex.compile(source, flags), from the store when it has the pattern."""
    return STORE.compile(source, flags)


class PatternStore:
    """Compiled regex programs on disk, keyed by (source, flags).

    The file (cachedir.write_data: marshal, checksummed) holds
    {(source, flags): the arguments regex's pickling rebuilds a pattern
    from}. It is read on the first compile of a process; a pattern that is
    not in it is compiled, then added to the file (merged with what other
    processes added meanwhile, written to a temporary file and renamed) by
flush()."""

    def __init__(self, path: str | None = None):
        self.path = path            # found on the first compile (store_path) unless given
        self.entries: dict | None = None
        self.constructor = None
        self.lock = threading.Lock()
        self.hits = self.misses = 0
        self.dirty = False

    def _get(self, key):
        with self.lock:
            if self.entries is None:
                if self.path is None:
                    self.path = store_path()
                self.entries = self._read()
            return self.entries.get(key)

    def _restored(self, key, make, source: str):
        """The stored program for key, rebuilt by make() (known once the
        store is read); None when the store lacks it or holds another
        version's or a damaged one."""
        data = self._get(key)
        constructor = make() if data is not None else None
        if constructor is None:
            return None
        try:
            compiled = constructor(*data)
        except Exception:       # another version's program, a damaged file: compile it
            return None
        if compiled.pattern != source:
            return None
        self.hits += 1
        return compiled

    def compile(self, source: str, flags: int = 0):
        key = (source, int(flags))     # a RegexFlag is not data marshal keeps
        compiled = self._restored(key, lambda: self.constructor, source)
        if compiled is not None:
            return compiled
        compiled = regex.compile(source, flags)
        self.misses += 1
        self._add(key, compiled)
        return compiled

    def compile_re(self, source: str, flags: int = 0):
        """re.compile(source, flags), from the store when it has the
        pattern. The standard library's re also compiles in Python (a
        character class spanning the CJK block alone took 5 ms); its
        program is kept as re._compiler makes it, for this exact Python."""
        import _sre

        key = ("re", _re_version(), source, int(flags))
        compiled = self._restored(key, lambda: _sre.compile, source)
        if compiled is not None:
            return compiled
        compiled = re.compile(source, flags)
        self.misses += 1
        if self.path and isinstance(source, str) and not flags & re.LOCALE:
            try:
                data = _re_program(source, int(flags))
                marshal.dumps(data)
                if _sre.compile(*data).pattern != source:
                    return compiled
            except Exception:       # a Python whose re works differently: nothing to keep
                return compiled
            with self.lock:
                self.entries[key] = data
                self.dirty = True
        return compiled

    def _read(self) -> dict:
        entries = read_data(self.path) if self.path else {}
        if entries:
            self.constructor = _constructor()
        return entries

    def _add(self, key, compiled) -> None:
        if not self.path or (key[1] & regex.LOCALE):    # a locale's pattern depends on more than its text
            return
        try:
            constructor, data = copyreg.dispatch_table[type(compiled)](compiled)
            data = tuple(data)
            marshal.dumps(data)
        except Exception:           # a regex version that pickles differently: nothing to keep
            return
        if constructor is not _constructor():
            return                  # rebuilt some other way: nothing this store can use
        with self.lock:
            self.entries[key] = data
            self.constructor = constructor
            self.dirty = True

    def flush(self) -> None:
        """Write the patterns compiled since the last flush (merged with
        what other processes wrote meanwhile). Called after each linted
        file and at exit, so that a run writes the file a few times, not
        once per pattern."""
        if not self.dirty:
            return
        with self.lock:
            self.dirty = False
            on_disk = read_data(self.path)
            on_disk.update(self.entries)
            write_data(self.path, on_disk)     # a store that cannot be written is only slower


def _re_version() -> str:
    import _sre

    return f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"


def _re_program(source: str, flags: int) -> tuple:
    """The arguments re._compiler.compile gives _sre.compile for source
    (CPython 3.11 and later; elsewhere this raises and nothing is kept)."""
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (source, int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def compile_re(source: str, flags: int = 0):
    """re.compile(source, flags), from the store when it has the pattern."""
    return STORE.compile_re(source, flags)


def _constructor():
    """The function regex's pickling rebuilds a pattern with (checked
    against what the pickling says when a pattern is stored)."""
    return getattr(getattr(regex, "_regex", None), "compile", None)


def store_path() -> str | None:
    """The store's file for this regex and Python; None when
    GOVLINT_PATTERN_STORE=0 turns the store off."""
    if os.environ.get("GOVLINT_PATTERN_STORE") == "0":
        return None
    tag = f"{regex.__version__}-{sys.implementation.cache_tag}-{sys.maxsize.bit_length() + 1}{sys.byteorder[0]}"
    return os.path.join(cache_dir(), "patterns", f"regex-{tag}.marshal")


STORE = PatternStore()
atexit.register(STORE.flush)
