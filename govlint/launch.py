"""The `govlint` command (and `python -m govlint`): a plain lint without click.

What editors, pre-commit hooks and scripts start most is a plain lint of
one or a few reports, `govlint [check] [--format json] [--no-cache] PATH…`,
in a new process each time. For it, importing click and defining every
command's options and help was about a tenth of the whole run (measured in
instructions: bench/RESULTS.md). So such a command line is read here and
linted directly. Anything else — help, --version, --lang, another command,
an option or a value not read here, an unusual form of one (`-oFILE`, a
repeated `--format`, a value starting with '-'), shell completion, on
Windows an argument click would expand (a wildcard, ~, a variable) — goes
to the click CLI (govlint.cli), unchanged. Both paths build the same Settings and lint through the same
function (lint), so they print and exit alike; tests/test_launch.py
compares the Settings each path builds for the same command lines. A plain
lint then ends the process without the interpreter's teardown, once
everything is written and the exit handlers have run (_exit).
"""
from __future__ import annotations

import os
import sys

FORMATS = ("text", "json", "json-lines", "concise", "github", "sarif", "junit", "gitlab", "rdjson", "html")
FAIL_LEVELS = ("error", "warning", "info", "never")

# The CLI's commands other than check: a first argument naming one of them is
# that command, not a path (tests/test_launch.py checks this list).
COMMANDS = ("clean", "extract", "ignore", "lsp", "rule", "rules")

# Options read here: the Settings field each sets, and the values allowed
# (None: any value; a tuple: one of these, as click.Choice checks).
_VALUES = {
    "--format": ("output_format", FORMATS),
    "--fail-on": ("fail_on", FAIL_LEVELS),
    "--config": ("config", None),
    "-o": ("output", None),
    "--output": ("output", None),
}
_LISTS = {"--select": "select", "--ignore": "ignore", "--extend-select": "extend_select"}
_FLAGS = {
    "--no-cache": ("cache", False),
    "--isolated": ("isolated", True),
    "--statistics": ("statistics", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
    "--progress": ("progress", True),
    "--no-progress": ("progress", False),
}


# What click expands in an argument on Windows, where the shell does not:
# an argument without any of these is left as it is.
_EXPANDED = "~$%*?["


def split_list(values) -> list[str] | None:
    """Repeated, comma-separated option values as one list (None when empty)."""
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    return items or None


def plain_lint(args: list[str], environ=None, windows: bool | None = None) -> dict | None:
    """The Settings fields of a plain lint's command line, or None when
    the command line is anything else (then click reads it)."""
    environ = os.environ if environ is None else environ
    if any(name.startswith("_") and name.endswith("_COMPLETE") and value for name, value in environ.items()):
        return None
    if (os.name == "nt" if windows is None else windows) and any(c in arg for arg in args for c in _EXPANDED):
        return None         # click expands it on Windows (~, variables, wildcards)
    from govlint.i18n import invalid_env

    if invalid_env(environ) is not None:        # click's path prints the warning
        return None
    if args and args[0] == "check":
        args = args[1:]
    elif args and args[0] in COMMANDS:
        return None
    fields: dict = {}
    lists: dict[str, list[str]] = {}
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name in _FLAGS and not equals:
            field, setting = _FLAGS[name]
            if field in fields:
                return None
            fields[field] = setting
            continue
        if name not in _VALUES and name not in _LISTS:
            return None
        if not equals or name == "-o":
            if equals or i >= len(args):
                return None
            value = args[i]
            i += 1
        if value.startswith("-") or not value:
            return None
        if name in _LISTS:
            lists.setdefault(_LISTS[name], []).append(value)
            continue
        field, allowed = _VALUES[name]
        if field in fields or (allowed is not None and value not in allowed):
            return None
        fields[field] = value
    if not paths:
        return None
    for field, values in lists.items():
        fields[field] = split_list(values)
    fields["paths"] = tuple(paths)
    return fields


def main() -> None:
    """The console script: a plain lint here, everything else by click."""
    fields = plain_lint(sys.argv[1:])
    if fields is None:
        from govlint.cli import main as cli

        cli()
        return
    try:
        _plain(fields)
    except SystemExit as done:
        _exit(done.code)


def _plain(fields: dict) -> None:
    """Lint as fields say; exits (SystemExit) with the run's code."""
    try:
        from govlint.i18n import set_lang
        from govlint.output.stream import tolerant_console

        set_lang(None)
        tolerant_console()
        _inspect_when_used()
        from govlint.codestore import compiled_once

        with compiled_once():
            _start()
            from govlint.engine.check import Settings

            lint(Settings(**fields))
    except OSError as exc:
        import errno

        if exc.errno != errno.EPIPE:
            raise
        _quiet_broken_pipe()
        sys.exit(1)
    except (EOFError, KeyboardInterrupt):
        # As click ends a command interrupted outside lint()'s own handling.
        from govlint.i18n import install_click

        install_click()
        from click.core import _echo_aborted, echo

        echo(file=sys.stderr)
        _echo_aborted()
        sys.exit(1)


def _inspect_when_used() -> None:
    """Run inspect's module when something first uses it, not when
    dataclasses imports it: dataclasses uses it only for a class without a
    docstring, and a lint defines none, while importing inspect (with ast,
    dis and tokenize) was 8 % of a one-report run's instructions. As the standard
    library's LazyLoader does, the module object in sys.modules is inspect's
    own, and its code runs in it on the first access to an attribute it
    lacks; LazyLoader itself cannot serve here, as it also runs it when an
    import statement reads the module's __spec__."""
    if "inspect" in sys.modules:
        return
    import importlib.util

    spec = importlib.util.find_spec("inspect")
    if spec is None or not hasattr(spec.loader, "exec_module"):
        return
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _NotRunYet
    sys.modules["inspect"] = module


class _NotRunYet(type(sys)):
    """A module whose code runs when an attribute it lacks is asked for."""

    def __getattr__(self, name):
        if name == "__path__":          # not a package: asked by `from module import name`
            raise AttributeError(name)
        self.__class__ = type(sys)
        self.__spec__.loader.exec_module(self)
        return getattr(self, name)


def _start() -> None:
    """Import the engine and load the rules (run_check's first step) with
    the garbage collector paused, then freeze what they made.

    Starting makes tens of thousands of objects that live as long as the
    process (modules, classes, functions, the rules) and almost no garbage;
    the collector went over them again and again while they were made and
    at every full collection after: 7 % of a one-report run's instructions. Frozen,
    they are left out of every later collection (which still runs as
    usual for what the lint makes, in this process and in the worker
    processes it forks)."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        import govlint.engine.check  # noqa: F401  (what lint() runs)
        from govlint.engine.registry import load_rules

        load_rules()
    finally:
        if collecting:
            gc.enable()
    gc.freeze()


def _quiet_broken_pipe() -> None:
    """As click does when the reader of the output went away: flushing
    the standard streams at exit must not raise again."""
    try:
        from click.utils import _PacifyFlushWrapper
    except ImportError:         # a click that names it otherwise: Python only warns at exit
        return
    sys.stdout = _PacifyFlushWrapper(sys.stdout)
    sys.stderr = _PacifyFlushWrapper(sys.stderr)


def _echo_error(message: str) -> None:
    import click

    click.echo(message, err=True)


def lint(settings) -> None:
    """Lint as `govlint check` does once its options are read; exits with
    the run's code."""
    from govlint.engine.check import EXIT_ERROR, EXIT_INTERRUPTED, UsageProblem, output_format, run_check
    from govlint.i18n import error as error_line
    from govlint.i18n import t
    from govlint.output.stream import MACHINE_FORMATS, stdout_for

    machine = output_format(settings) in MACHINE_FORMATS and not (settings.statistics or settings.diff)
    try:
        with stdout_for(machine) as settings.out:
            code = run_check(settings)
    except UsageProblem as problem:
        _echo_error(error_line(str(problem)))
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        _echo_error(t("govlint: interrupted", "govlint: 已中断"))
        from govlint.engine.batch import stopped_pool_running

        if stopped_pool_running():
            # The workers are ended and nothing is half written (output and
            # fixes go through temporary files); do not wait at exit for the
            # stopped pool's thread to wind down.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code)


def _exit(code) -> None:
    """End the process with code once a plain lint has written everything,
    without the interpreter's teardown (main(); the click CLI, which also
    lints through lint(), and whatever runs it in-process, exit as usual).

    At exit the interpreter frees what the run made, object by object (the
    modules, the rules, the lexicon's tables, the typo rule's automaton),
    and then the system takes the memory back anyway: 12 M instructions,
    3 % of a one-report run. When run_check returns, everything it writes
    is written: the reporter's output flushed (stdout_for), an -o file
    and each cache entry written to a temporary file and renamed. So the
    exit handlers run here as the interpreter would run them (one writes
    the pattern store), the standard streams are flushed, and os._exit
    ends the process. When anything else may be pending, the usual exit:
    another thread alive, a worker pool's modules imported (the
    interpreter's exit winds its threads and processes down), a standard
    stream that cannot be flushed (the interpreter then reports it as it
    always has). So main() ends the process whatever calls it: code that
    wants to run after it registers an exit handler (atexit)."""
    threading = sys.modules.get("threading")
    if type(code) is not int or (threading is not None and threading.active_count() > 1) \
            or "concurrent.futures" in sys.modules or "multiprocessing" in sys.modules or not _flushed():
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    if not _flushed():
        sys.exit(code)
    os._exit(code)


def _flushed() -> bool:
    """Flush standard output and error; False when one cannot be."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
