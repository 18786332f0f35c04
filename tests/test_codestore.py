"""The code dataclasses and named tuples generate, served compiled from a
store while the command starts (govlint/codestore.py)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import CORPUS, ROOT

# Classes of the kinds the engine defines, made under compiled_once(); what
# they do is printed, with the store's hits and misses.
PROBE = textwrap.dedent("""
    import dataclasses, collections, inspect, sys
    from typing import NamedTuple
    from govlint.codestore import compiled_once
    with compiled_once(sys.argv[1], write=True) as store:
        @dataclasses.dataclass(frozen=True)
        class Span:
            start: int
            end: int = 0
            kinds: tuple = ()

        @dataclasses.dataclass
        class Table:
            name: str
            cells: list = dataclasses.field(default_factory=list)
            note: "str | None" = None

        class Finding(NamedTuple):
            code: str
            line: int = 1

        Pair = collections.namedtuple("Pair", "left right", defaults=[None])
    table = Table("二")
    table.cells.append(1)
    print(store.hits, store.misses, "exec" in vars(dataclasses), "eval" in vars(collections))
    print(Span(1), Span(1) == Span(1, 0), hash(Span(1, 2)) == hash(Span(1, 2)), inspect.signature(Span))
    print(table, Table("三").cells, inspect.signature(Table))
    print(Finding("A001"), Finding._field_defaults, Pair(1), Pair(1, 2)._asdict())
    try:
        Span(1).start = 2
    except dataclasses.FrozenInstanceError as error:
        print("frozen:", error)
""")


def probe(store: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, store], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_classes_made_from_the_store_are_the_classes_made_from_source(tmp_path):
    store = str(tmp_path / "code" / "store.marshal")
    first, second = probe(store), probe(store)
    assert first[0] == "0 11 False False"                  # compiled, then the builtins given back
    assert second[0] == "11 0 False False"                 # all from the store
    assert first[1:] == second[1:]
    assert first[1] == "Span(start=1, end=0, kinds=()) True True (start: int, end: int = 0, kinds: tuple = ()) -> None"
    assert first[3] == "Finding(code='A001', line=1) {'line': 1} Pair(left=1, right=None) {'left': 1, 'right': 2}"
    assert first[4] == "frozen: cannot assign to field 'start'"


def test_a_damaged_store_only_means_compiling(tmp_path):
    store = tmp_path / "store.marshal"
    good = probe(str(store))
    data = store.read_bytes()
    for damaged in (data[: len(data) // 2], data[:-2] + b"xy", b"", b"govlint-data-1\n\x00\x00"):
        store.write_bytes(damaged)
        again = probe(str(store))
        assert again[0] == "0 11 False False" and again[1:] == good[1:]


def test_the_store_is_written_where_and_when_python_writes_bytecode(tmp_path):
    from govlint.codestore import CodeStore, store_path

    import govlint

    path = store_path()
    # Beside the bytecode of the govlint that runs: the checkout's, or the
    # installed copy's in site-packages (as CI installs it).
    assert os.path.dirname(path) == os.path.join(os.path.dirname(os.path.abspath(govlint.__file__)), "__pycache__")
    assert f".{sys.implementation.cache_tag}-" in os.path.basename(path)
    quiet = tmp_path / "quiet.marshal"
    store = CodeStore(str(quiet))
    store.code("x = 1", "exec")
    dont_write = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    try:
        store.flush()
        assert not quiet.exists()
        forced = CodeStore(str(quiet), write=True)
        forced.code("x = 1", "exec")
        forced.flush()
        assert quiet.exists() and CodeStore(str(quiet)).entries.keys() == {("exec", "x = 1")}
    finally:
        sys.dont_write_bytecode = dont_write


def test_a_plain_lint_starts_from_the_store():
    """After `python -m govlint.codestore` (as compileall), the command's
    start compiles none of its classes' generated code."""
    built = subprocess.run([sys.executable, "-m", "govlint.codestore"], capture_output=True, text=True,
                           timeout=120, cwd=ROOT)
    assert built.returncode == 0 and int(built.stdout) >= 60, built.stderr
    spy = ("import atexit, sys, runpy\n"
           "import govlint.codestore as codestore\n"
           "stores = []\n"
           "original = codestore.CodeStore.__init__\n"
           "def init(self, *args, **kwargs):\n"
           "    original(self, *args, **kwargs)\n"
           "    stores.append(self)\n"
           "codestore.CodeStore.__init__ = init\n"
           "atexit.register(lambda: sys.stderr.write(repr([(s.hits, s.misses) for s in stores])))\n"
           "runpy.run_module('govlint', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", spy, "--format", "json", "--no-cache",
                           str(CORPUS / "002_b70717b772d0d9c9.txt")], capture_output=True, text=True, timeout=120)
    (hits, misses), = eval(done.stderr.strip().splitlines()[-1])
    assert hits >= 60 and misses == 0
