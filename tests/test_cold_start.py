"""What a cold start (`govlint --format json REPORT` in a new process)
imports and defines stays cheap.

typing.NamedTuple checks each field's annotation, and an annotation kept
as a string (`from __future__ import annotations`) is compiled as Python
source to do so: about 0.14 M instructions a field, 1.5 % of a cold start
over the model's records. So the modules whose NamedTuples a lint
defines evaluate their annotations (no future import)."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import CORPUS

# Records that keep string annotations (none now: batch.py's and
# pairing.py's were the last, 3 % of a cold start).
KEEP_STRINGS: set[str] = set()

PROBE = """
import sys, typing, govlint
govlint.lint_path(sys.argv[1])
for name, module in sorted(sys.modules.items()):
    if name.startswith("govlint"):
        for value in list(vars(module).values()):
            if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields") \\
                    and value.__module__ == name:
                kinds = value.__dict__.get("__annotations__", {}).values()
                print(name, value.__name__, any(isinstance(a, (str, typing.ForwardRef)) for a in kinds))
"""


def test_the_named_tuples_a_lint_defines_have_evaluated_annotations():
    done = subprocess.run([sys.executable, "-c", PROBE, str(CORPUS / "002_b70717b772d0d9c9.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    records = [line.split() for line in done.stdout.splitlines()]
    assert len(records) >= 30 and {"Finding", "LabelUse", "Heading", "Statement"} <= {name for _, name, _ in records}
    strings = sorted(f"{module}.{name}" for module, name, string in records
                     if string == "True" and module not in KEEP_STRINGS)
    assert strings == []


def test_a_lint_does_not_load_openssl():
    # The fingerprints' SHA-1 is CPython's own (_sha1): hashlib's import
    # initialises OpenSSL, about 2 % of a cold start.
    probe = ("import sys, govlint; result = govlint.lint_path(sys.argv[1]); "
             "print(len(result.diagnostics), [m for m in ('hashlib', '_hashlib') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", probe, str(CORPUS / "002_b70717b772d0d9c9.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count, loaded = done.stdout.split(" ", 1)
    assert int(count) > 0 and loaded.strip() == "[]"



# Imported only when the command line is not a plain lint (govlint/launch.py):
# click with what it alone pulls in (uuid and platform for its UUID type,
# gettext for its messages), about a tenth of a cold start. regex's Python
# layer (its pattern compiler), only when a pattern is not in the pattern
# store (govlint/patterns.py), another tenth. And inspect's code (with ast,
# dis and tokenize) only when something uses it: dataclasses imports it
# for classes without a docstring, pkgutil.iter_modules for one function.
LAZY = ("click", "uuid", "platform", "gettext", "regex", "regex._regex_core", "ast", "dis", "tokenize")


def test_a_plain_lint_imports_neither_click_nor_regexs_compiler(tmp_path):
    # The command ends the process itself (launch._exit): the probe lists
    # the modules from an exit handler, which runs after the lint.
    probe = ("import atexit, sys, runpy\n"
             f"atexit.register(lambda: sys.stderr.write(repr(sorted(m for m in {LAZY!r} if m in sys.modules))))\n"
             "runpy.run_module('govlint', run_name='__main__')\n")
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", probe, "--format", "json", "--no-cache",
                            str(CORPUS / "002_b70717b772d0d9c9.txt")], capture_output=True, text=True, timeout=120,
                           env=env) for _ in range(2)]
    assert all('"code":"A001"' in run.stdout.replace(" ", "") for run in runs)
    assert runs[0].stdout == runs[1].stdout
    # The first run compiled its patterns (an empty cache directory), the
    # second finds them in the store.
    assert [run.returncode for run in runs] == [1, 1]
    assert runs[0].stderr.strip().splitlines()[-1] == "['regex', 'regex._regex_core']"
    # (the first run compiled its patterns with regex, which does not use inspect either)
    assert runs[1].stderr.strip().splitlines()[-1] == "[]"


def test_a_plain_lint_starts_with_the_collector_paused_and_runs_with_it_on():
    # Starting (the engine's import, the rules) makes long-lived objects and
    # almost no garbage: they are made with the collector paused, then
    # frozen out of later collections; the lint itself runs with it on.
    probe = ("import atexit, gc, sys, runpy\n"
             "import govlint.engine.batch as batch\n"
             "seen = []\n"
             "original = batch.lint_job\n"
             "def spy(*args, **kwargs):\n"
             "    seen.append((gc.isenabled(), gc.get_freeze_count()))\n"
             "    return original(*args, **kwargs)\n"
             "batch.lint_job = spy\n"
             "atexit.register(lambda: sys.stderr.write(repr(seen)))\n"
             "runpy.run_module('govlint', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", probe, "--format", "json", "--no-cache",
                           str(CORPUS / "002_b70717b772d0d9c9.txt")], capture_output=True, text=True, timeout=120)
    (enabled, frozen), = eval(done.stderr.strip().splitlines()[-1])
    assert enabled and frozen > 10_000


def test_inspect_not_run_yet_is_inspect_once_used():
    """The command leaves inspect's code to its first use; used, it is the
    whole module, the same object dataclasses imported."""
    probe = ("import sys\n"
             "from govlint import launch\n"
             "launch._inspect_when_used()\n"
             "import dataclasses, inspect\n"
             "before = type(inspect).__name__, 'ast' in sys.modules\n"
             "@dataclasses.dataclass\n"
             "class Bare:\n    x: int = 1\n"
             "from inspect import getsource, signature\n"
             "print(before, Bare.__doc__, signature(lambda a, b=2: 0), inspect.__author__[0][:7], "
             "type(inspect).__name__, dataclasses.inspect is inspect is sys.modules['inspect'], "
             "getsource(launch.split_list).split('(')[0])\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("('_NotRunYet', False) Bare(x: int = 1) (a, b=2) Ka-Ping module True "
                                   "def split_list")


def test_the_rule_modules_are_those_pkgutil_finds():
    import pkgutil

    import govlint.rules

    assert govlint.rules._names() == sorted(m.name for m in pkgutil.iter_modules(govlint.rules.__path__))
