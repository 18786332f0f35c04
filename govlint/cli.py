"""The command line: `govlint [check] PATHS…`, `govlint rules`, `govlint rule X`.

Exit codes: 0 no findings at or above the failing level; 1 findings; 2 usage
errors, unreadable input, internal errors.
"""
from __future__ import annotations

import sys

import click

from . import __version__

FORMATS = ("text", "json", "json-lines", "concise", "github", "sarif", "html")
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
    from .output.stream import tolerant_console

    tolerant_console()      # a console that cannot show a character gets an escape, not a traceback


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text; github under GitHub Actions; html: one summary page "
                   "for a folder, with -o summary.html).")
@click.option("--select", multiple=True, help="Rules to run: codes, code prefixes or names (comma-separated).")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, code prefixes or names.")
@click.option("--extend-select", multiple=True, help="Rules to add to the default selection.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--encoding", default=None, help="Read input in this encoding instead of detecting it.")
@click.option("--stdin-filename", default=None, help="Path to report for input read from '-'.")
@click.option("--glob", "globs", multiple=True, help="File pattern for directories (default: *.txt).")
@click.option("--exclude", multiple=True, help="Pattern of files or directories to skip.")
@click.option("--color/--no-color", default=None, help="Force or disable colour (default: on a terminal).")
@click.option("--previous", "previous_path", default=None, metavar="LAST_YEAR.txt",
              help="Last year's report of the same agency, for the cross-year rules (X); "
                   "takes exactly one report to lint.")
@click.option("--config", "config_path", default=None, metavar="FILE",
              help="Use this configuration file for every input.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically).")
@click.option("--fix-read-only", is_flag=True, help="With --fix, also rewrite read-only files (keeping their mode).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of the findings.")
@click.option("-o", "--output", "output_file", default=None, metavar="FILE", help="Write the report to FILE.")
@click.option("--baseline", "baseline_path", default=None, metavar="FILE",
              help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", "write_baseline_path", default=None, metavar="FILE",
              help="Record today's findings as a baseline and exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Parallel processes for many files (default: all cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result cache.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: long runs on a terminal).")
@click.option("--show-text", is_flag=True,
              help="Print the text govlint reads from each file (a .docx, .pdf or web page as rendered: "
                   "the lines and columns diagnostics give) and lint nothing.")
@click.option("--max-file-size", default=None, metavar="SIZE",
              help="Largest input read, e.g. 50MB (the default), 512KB; larger files are E005.")
def check(paths, output_format, select, ignore, extend_select, fail_on, encoding, stdin_filename,
          globs, exclude, color, previous_path, config_path, isolated, fix, fix_read_only, unsafe_fixes, diff,
          statistics, output_file, baseline_path, write_baseline_path, jobs, no_cache, progress, show_text,
          max_file_size):
    """Lint report files, directories (recursively) or '-' for standard input.

    Reports of the same agency for consecutive years among the files linted
    are compared automatically (cross-year rules X); --previous names last
    year's report when it is not linted too."""
    from .check import EXIT_ERROR, EXIT_INTERRUPTED, Settings, UsageProblem, run_check

    if not paths:
        raise click.UsageError("no input: give report files, directories, or '-' for standard input")
    if encoding is not None:
        _check_encoding(encoding)
    if max_file_size is not None:
        from .source import parse_size

        try:
            max_file_size = parse_size(max_file_size)
        except ValueError as exc:
            _fail(f"--max-file-size: {exc}")
    if show_text:
        from .show import show_text as show

        sys.exit(show(paths, encoding, stdin_filename))
    if (fix or diff) and "-" in paths:
        raise click.UsageError("--fix and --diff work on files, not on standard input")
    settings = Settings(
        paths=tuple(paths), output_format=output_format, select=_split(select), ignore=_split(ignore),
        extend_select=_split(extend_select), fail_on=fail_on, encoding=encoding, stdin_filename=stdin_filename,
        globs=tuple(globs), exclude=tuple(exclude), color=color, previous=previous_path, config=config_path,
        isolated=isolated, fix=fix, fix_read_only=fix_read_only, unsafe_fixes=unsafe_fixes, diff=diff,
        statistics=statistics, max_file_size=max_file_size,
        output=output_file, baseline=baseline_path, write_baseline=write_baseline_path, jobs=jobs,
        cache=not no_cache, progress=progress)
    from .check import output_format
    from .output.stream import MACHINE_FORMATS, stdout_for

    machine = output_format(settings) in MACHINE_FORMATS and not (statistics or fix or diff)
    try:
        with stdout_for(machine) as settings.out:
            code = run_check(settings)
    except UsageProblem as problem:
        click.echo(f"govlint: error: {problem}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("govlint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code)


def _fail(message: str):
    """A one-line usage error, exit code 2."""
    click.echo(f"govlint: error: {message}", err=True)
    sys.exit(2)


def _check_encoding(encoding: str) -> None:
    from .source import text_encoding

    try:
        text_encoding(encoding)
    except ValueError as exc:       # unknown, or bytes-to-bytes like base64, rot13, zlib, uu
        _fail(f"--encoding: {exc}")


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list the engine's file and internal-error codes.")
def list_rules(show_all):
    """List every rule: code, name, default severity, default on/off, summary."""
    from .engine import ENGINE_CODES
    from .registry import load_rules

    # print, not click.echo: click writes UTF-8 to a console it finds
    # misconfigured (ASCII); print honours the escapes tolerant_console() set.
    ruleset = load_rules()
    for error in ruleset.errors:
        click.echo(f"govlint: {error}", err=True)
    if not ruleset.rules:
        click.echo("govlint: error: no rules loaded", err=True)
        sys.exit(2)
    for item in ruleset.rules:
        state = "on " if item.default else "off"
        print(f"{item.code}  {item.name:<26} {item.severity:<8} {state}  {item.summary}")
    if show_all:
        for code, (name, doc) in ENGINE_CODES.items():
            print(f"{code}  {name:<26} {'error':<8} on   {doc.split(':')[0].split('.')[0]}")


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
                print(f"{code} {name} [error]\n\n{doc}")
                return
        raise click.BadParameter(f"no rule {key!r} (see `govlint rules`)", param_hint="KEY")
    state = "enabled by default" if item.default else "disabled by default (enable with --extend-select)"
    print(f"{item.code} {item.name} [{item.severity}, {state}]\n\n{item.doc}")


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(("json", "csv", "xlsx")), default="json",
              show_default=True, help="csv: one tidy table for all files (UTF-8 with BOM, for Excel); "
                                      "xlsx: that table plus one sheet per table in its official grid.")
@click.option("--encoding", default=None, help="Read input in this encoding instead of detecting it.")
@click.option("-o", "--output", "output_file", default=None, metavar="FILE", help="Write to FILE.")
def extract(paths, output_format, encoding, output_file):
    """Print tables 二, 三 and 四 as data: per cell its table, official row
    and column labels, value (number or null), raw text and position.
    Directories are walked as for linting."""
    if encoding is not None:
        _check_encoding(encoding)
    from .output.spreadsheet import run_extract

    sys.exit(run_extract(paths, output_format, encoding, output_file))


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input/output (the default and only transport).")
@click.option("--debounce", type=click.IntRange(0, 60000), default=250, show_default=True, metavar="MS",
              help="Milliseconds of quiet after an edit before the buffer is linted.")
def lsp(stdio, debounce):
    """Run the language server for editors (LSP over stdio)."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401  (optional: pip install 'govlint[lsp]')
    except ImportError:
        click.echo("govlint: error: the language server needs pygls: install govlint[lsp]", err=True)
        sys.exit(2)
    from .lsp import serve

    sys.exit(serve(debounce / 1000))
