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

Rebuilding a stored program needs only the regex module's C extension
(regex._regex), not its Python layer: importing `regex` runs its pattern
compiler's module (regex._regex_core), about a tenth of a cold start. So
the extension is loaded by itself (_engine()), and `regex` is imported
only when a pattern has to be compiled; the flags and escape() the
engine's modules need are defined here, with regex's values. Once
`regex` is imported, it uses the same extension module.
"""
from __future__ import annotations

import atexit
import copyreg
import marshal
import os
import re
import sys
import threading

from govlint.cachedir import cache_dir, read_data, write_data

# regex's flags (tests/test_patterns.py checks the values), for patterns
# declared without importing regex.
LOCALE = 0x4
MULTILINE = 0x8
VERBOSE = 0x40

_METACHARS = frozenset("()[]{}?*+|^$\\.-#&~")


def escape(text: str) -> str:
    """regex.escape(text): text as a literal in a pattern (the same
    characters escaped, so that a pattern built with it has the same text,
    and the same key in the store, as one built with regex.escape)."""
    return "".join("\\" + c if c in _METACHARS or c.isspace() else c for c in text)


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
        compiled = _regex_module().compile(source, flags)
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
        if not self.path or (key[1] & LOCALE):    # a locale's pattern depends on more than its text
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
    return getattr(_engine(), "compile", None)


_ENGINE = None
_ENGINE_LOCK = threading.Lock()


def _engine():
    """regex's C extension module: the one `regex` uses when it is
    imported, else loaded by itself (and handed to `regex` if it is
    imported later)."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = sys.modules.get("regex._regex") or _load_engine() or _regex_module()._regex
    return _ENGINE


_EXTENSION: list = []


def _extension_path() -> str | None:
    """The file of regex's C extension in the package `import regex` would
    import (found by the same finders, without importing it); None when it
    is not a plain file in a directory (then `regex` is imported)."""
    if not _EXTENSION:
        _EXTENSION.append(_find_extension())
    return _EXTENSION[0]


def _find_extension() -> str | None:
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    try:
        spec = find_spec("regex")
    except Exception:
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for suffix in EXTENSION_SUFFIXES:
            path = os.path.join(folder, "_regex" + suffix)
            if os.path.isfile(path):
                return path
    return None


def _load_engine():
    path = _extension_path()
    if path is None or "regex" in sys.modules:
        return None
    try:
        from importlib.util import module_from_spec, spec_from_file_location

        spec = spec_from_file_location("regex._regex", path)
        module = module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception:           # anything unusual: import regex as usual
        return None
    # Loading a single-phase extension puts it in sys.modules; leave that
    # to the import system when regex is imported, so that it also sets the
    # package's attribute.
    if sys.modules.get("regex._regex") is module:
        del sys.modules["regex._regex"]
    sys.meta_path.insert(0, _Handover(module))
    return module


class _Handover:
    """Gives `regex`, when it is imported, the extension module already
    loaded (loading it again would make other types of pattern), through
    the import system, which registers it as regex._regex as usual."""

    def __init__(self, module):
        self.module = module

    def find_spec(self, name, path=None, target=None):
        if name != "regex._regex":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        from importlib.util import spec_from_loader

        return spec_from_loader(name, self, origin=getattr(self.module, "__file__", None))

    def create_module(self, spec):
        return self.module

    def exec_module(self, module):
        pass


def _regex_module():
    """The regex module, imported (for compiling a pattern the store lacks)."""
    import regex

    return regex


def store_path() -> str | None:
    """The store's file for this regex and Python; None when
    GOVLINT_PATTERN_STORE=0 turns the store off."""
    if os.environ.get("GOVLINT_PATTERN_STORE") == "0":
        return None
    return os.path.join(cache_dir(), "patterns", f"regex-{_engine_tag()}.marshal")


def _engine_tag() -> str:
    """Names the regex build whose programs the store holds: its
    extension's file (size and time: a new build is a new file), or its
    version when the file is not found; and this Python."""
    path = _extension_path()
    try:
        stat = os.stat(path)
        build = f"{stat.st_size:x}{stat.st_mtime_ns:x}"
    except (OSError, TypeError):
        build = _regex_module().__version__
    return f"{build}-{sys.implementation.cache_tag}-{sys.maxsize.bit_length() + 1}{sys.byteorder[0]}"


STORE = PatternStore()
atexit.register(STORE.flush)
