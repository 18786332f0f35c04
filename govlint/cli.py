"""The command line: `govlint [check] PATHS…`, `govlint rules`, `govlint rule X`.

Exit codes: 0 no findings at or above the failing level; 1 findings; 2 usage
errors, unreadable input, internal errors.
"""
from __future__ import annotations

import sys

import click

from . import __version__

FORMATS = ("text", "json")
FAIL_LEVELS = ("error", "warning", "info", "never")


class DefaultGroup(click.Group):
    """`govlint FILE` means `govlint check FILE`."""

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values) -> list[str] | None:
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    return items or None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govlint")
def main():
    """Lint 政府信息公开工作年度报告 for structure, table and conversion defects."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--select", multiple=True, help="Rules to run: codes, code prefixes or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, code prefixes or names.")
@click.option("--extend-select", multiple=True, help="Rules to add to the default selection.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--encoding", default=None, help="Read input in this encoding instead of detecting it.")
@click.option("--stdin-filename", default=None, help="Path to report for input read from '-'.")
@click.option("--glob", "globs", multiple=True, help="File pattern for directories (default: *.txt).")
@click.option("--exclude", multiple=True, help="Pattern of files or directories to skip.")
@click.option("--color/--no-color", default=None, help="Force or disable colour (default: on a terminal).")
@click.option("--previous", "previous_path", default=None, metavar="LAST_YEAR.txt",
              help="Last year's report of the same agency, for the cross-year rules (X); "
                   "takes exactly one report to lint.")
def check(paths, output_format, select, ignore, extend_select, fail_on, encoding, stdin_filename,
          globs, exclude, color, previous_path):
    """Lint report files, directories (recursively) or '-' for standard input.

    Reports of the same agency for consecutive years among the files linted
    are compared automatically (cross-year rules X); --previous names last
    year's report when it is not linted too."""
    from .engine import FileResult, Options, lint_bytes, lint_path
    from .files import DEFAULT_GLOBS, expand
    from .registry import SelectionError, load_rules
    from .rule import SEVERITY_RANK

    if not paths:
        raise click.UsageError("no input: give report files, directories, or '-' for standard input")
    try:
        import codecs
        if encoding:
            codecs.lookup(encoding)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    options = Options(select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select),
                      encoding=encoding)
    ruleset = load_rules()
    for error in ruleset.errors:
        click.echo(f"govlint: {error}", err=True)
    try:
        rules = options.rules()
    except SelectionError as exc:
        raise click.BadParameter(str(exc), param_hint="--select/--ignore") from None

    targets = expand(paths, tuple(globs) or DEFAULT_GLOBS, tuple(exclude))
    previous = None
    pairs: dict[str, str] = {}
    if previous_path is not None:
        if len(targets) != 1:
            raise click.UsageError(f"--previous compares two years of one report: give exactly one report "
                                   f"to lint with it ({len(targets)} given)")
        previous = _previous(previous_path, encoding)
    else:
        from .pairing import pair_paths

        pairs = pair_paths([t.path for t in targets if not t.error and t.path != "-"], encoding)

    results: list[FileResult] = []
    for target in targets:
        if target.error:
            from .source import InputError
            from .engine import _error
            results.append(_error(target.path, InputError("E001", "unreadable-file", target.error)))
        elif target.path == "-":
            data = sys.stdin.buffer.read()
            results.append(lint_bytes(data, stdin_filename or "-", options, rules, previous=previous))
        else:
            paired = previous if previous is not None else _paired(pairs.get(target.path), encoding)
            results.append(_lint_file(target.path, options, rules, lint_path, lint_bytes, paired))

    _emit(results, output_format, color)

    if ruleset.errors or any(d.code.startswith("E") for r in results for d in r.diagnostics):
        sys.exit(2)
    if fail_on != "never":
        floor = SEVERITY_RANK[fail_on]
        if any(SEVERITY_RANK.get(d.severity, 2) >= floor for r in results for d in r.diagnostics):
            sys.exit(1)
    sys.exit(0)


def _lint_file(path, options, rules, lint_path, lint_bytes, previous=None):
    from .engine import _error
    from .source import InputError, read_path

    try:
        data = read_path(path)
    except InputError as error:
        return _error(path, error)
    return lint_bytes(data, path, options, rules, previous=previous)


def _previous(path, encoding):
    """--previous: last year's report as a Document, or exit 2 with one line."""
    from .engine import previous_document
    from .source import InputError

    try:
        return previous_document(path, encoding)
    except InputError as error:
        click.echo(f"govlint: --previous {path}: {error.code} {error.message}", err=True)
        sys.exit(2)


def _paired(path, encoding):
    """The report paired automatically with a file (pairing.py), as a
    Document; None when there is none or it can no longer be read."""
    if path is None:
        return None
    from .engine import previous_document
    from .source import InputError

    try:
        return previous_document(path, encoding)
    except InputError:
        return None


def _emit(results, output_format, color) -> None:
    if output_format == "json":
        from .output.json_format import render

        sys.stdout.write(render(results))
        return
    use_rich = color if color is not None else sys.stdout.isatty()
    if use_rich:
        from rich.console import Console

        render_rich_console = Console(force_terminal=True if color else None, highlight=False)
        from .output.text import render_rich

        render_rich(results, render_rich_console)
    else:
        from .output.text import render_plain

        sys.stdout.write(render_plain(results))


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list the engine's file and internal-error codes.")
def list_rules(show_all):
    """List every rule: code, name, default severity, default on/off, summary."""
    from .engine import ENGINE_CODES
    from .registry import load_rules

    ruleset = load_rules()
    for error in ruleset.errors:
        click.echo(f"govlint: {error}", err=True)
    for item in ruleset.rules:
        state = "on " if item.default else "off"
        click.echo(f"{item.code}  {item.name:<26} {item.severity:<8} {state}  {item.summary}")
    if show_all:
        for code, (name, doc) in ENGINE_CODES.items():
            click.echo(f"{code}  {name:<26} {'error':<8} on   {doc.split(':')[0].split('.')[0]}")


@main.command("rule")
@click.argument("key")
def show_rule(key):
    """Print one rule's documentation (by code or name)."""
    from .engine import ENGINE_CODES
    from .registry import load_rules

    item = load_rules().find(key)
    if item is None:
        for code, (name, doc) in ENGINE_CODES.items():
            if key in (code, name):
                click.echo(f"{code} {name} [error]\n\n{doc}")
                return
        raise click.BadParameter(f"no rule {key!r} (see `govlint rules`)", param_hint="KEY")
    state = "enabled by default" if item.default else "disabled by default (enable with --extend-select)"
    click.echo(f"{item.code} {item.name} [{item.severity}, {state}]\n\n{item.doc}")


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(("json", "csv")), default="json", show_default=True)
@click.option("--encoding", default=None, help="Read input in this encoding instead of detecting it.")
def extract(paths, output_format, encoding):
    """Print tables 二, 三 and 四 as data: per cell its table, official row
    and column labels, value (number or null), raw text and position."""
    from .extract import extract_path, render_csv, render_json
    from .files import expand

    results = [extract_path(t.path, encoding) for t in expand(paths)]
    sys.stdout.write(render_json(results) if output_format == "json" else render_csv(results))
    if any(r["error"] for r in results):
        for r in results:
            if r["error"]:
                click.echo(f"{r['path']}: {r['error']}", err=True)
        sys.exit(2)
