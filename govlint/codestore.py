"""The code dataclasses and named tuples generate, compiled once per install.

dataclasses writes each class's __init__, __repr__, __eq__, … as Python
source and exec()s it; collections.namedtuple eval()s a lambda for each
tuple's __new__ (typing.NamedTuple goes through it). Parsing and compiling
that source was about 13 % of the instructions of a one-report cold start
(the 16 dataclasses and about 45 named tuples a lint defines), and it is
the same source every time.

So while the command lints (launch.py), compiled_once() gives those two
modules an exec and an eval that take the code compiled from the same text
out of a store: the same text compiled with the same file name
("<string>") and no inherited future flags, as exec() and eval() compile
it, so the same functions. The two modules get their builtins back when the
lint is over; nothing else is affected.

The store holds code, so it is kept where Python keeps govlint's own
bytecode, and written under the same condition: in the package's
__pycache__ directory, when Python may write bytecode (not with
PYTHONDONTWRITEBYTECODE) and the directory is writable; not in the cache
directory, whose files are data that is never run (a cache a CI restores
from elsewhere must not be able to run code). `python -m govlint.codestore`
writes it regardless, as compileall writes bytecode. It is one file per
Python build (cachedir.write_data: checksummed, written atomically);
anything wrong with it only means compiling as before, and
GOVLINT_CODE_STORE=0 turns it off.
"""

import os
import sys
import zlib
from contextlib import contextmanager

from govlint.cachedir import read_data, write_data


def store_path() -> str | None:
    """The store's file for this Python build, next to govlint's bytecode;
    None when GOVLINT_CODE_STORE=0 turns the store off."""
    if os.environ.get("GOVLINT_CODE_STORE") == "0":
        return None
    build = f"{sys.implementation.cache_tag}-{zlib.crc32(sys.version.encode()):08x}"
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__", f"generated.{build}.marshal")


class CodeStore:
    """Code objects keyed by (mode, source text)."""

    def __init__(self, path: str | None, write: bool = False):
        self.path = path
        self.write = write
        self.entries = read_data(path) if path else {}
        self.hits = self.misses = 0

    def code(self, source: str, mode: str):
        key = (mode, source)
        code = self.entries.get(key)
        if code is not None and type(code) is _CODE:
            self.hits += 1
            return code
        code = compile(source, "<string>", mode, dont_inherit=True)
        self.entries[key] = code
        self.misses += 1
        return code

    def flush(self) -> None:
        """Keep what was compiled, if Python may write bytecode (or write
        was asked for); a store that cannot be written is only slower."""
        if self.misses and self.path and (self.write or not sys.dont_write_bytecode):
            write_data(self.path, self.entries)


_CODE = type((lambda: None).__code__)


@contextmanager
def compiled_once(path: str | None = None, write: bool = False):
    """dataclasses' exec and collections.namedtuple's eval served from the
    store (store_path() unless path is given) while the with-block runs."""
    import collections
    import dataclasses

    store = CodeStore(path or store_path(), write)

    def stored_exec(source, globals=None, locals=None, /):
        if globals is None:         # exec's own defaults: its caller's namespaces
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = store.code(source, "exec")
        return exec(source, globals, locals)

    def stored_eval(source, globals=None, locals=None, /):
        if globals is None:
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = store.code(source, "eval")
        return eval(source, globals, locals)

    installed = []
    for module, name, function in ((dataclasses, "exec", stored_exec), (collections, "eval", stored_eval)):
        if name not in vars(module):        # the module uses the builtin: shadow it for the with-block
            setattr(module, name, function)
            installed.append((module, name))
    try:
        yield store
    finally:
        for module, name in installed:
            delattr(module, name)
        store.flush()


def build() -> int:
    """Write the store for what a lint defines (as compileall writes
    bytecode): the engine, the rules, and the modules a lint imports when
    it first reads a report; the number of code objects kept."""
    with compiled_once(write=True) as store:
        import govlint.engine.check  # noqa: F401
        from govlint.engine.registry import load_rules

        load_rules()
        for module in _LINT_MODULES:
            __import__(module)
        from govlint.engine.config import _toml

        _toml()             # the TOML reader, for a configuration file
    return len(store.entries)


# What a lint imports after the start (run_check, the first report read).
_LINT_MODULES = ("govlint.engine.batch", "govlint.engine.pairing", "govlint.reading.files", "govlint.model.template",
                 "govlint.model.cells", "govlint.model.tables", "govlint.output.reporters")


if __name__ == "__main__":
    print(build())
