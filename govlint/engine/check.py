"""`govlint check`: from command-line settings to output and an exit code.

Settings → configuration (per file, nearest wins) → jobs (with last year's
report where paired) → batch run (parallel, ordered) → baseline filter →
reporter, or fixes written back → exit code.
"""
from __future__ import annotations

import io
import os
import sys
from collections import Counter
from dataclasses import dataclass, field

from govlint.engine.config import Config, ConfigError, find_config, load_config
from govlint.engine.lint import FileResult, Options
from govlint.i18n import t
from govlint.rule import SEVERITY_RANK

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageProblem(Exception):
    """A one-line error for the user; exit code 2."""


@dataclass
class Settings:
    """What `govlint check` was asked to do: the command line's options."""
    paths: tuple[str, ...]
    output_format: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    fail_on: str | None = None
    encoding: str | None = None
    stdin_filename: str | None = None
    globs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    color: bool | None = None
    previous: str | None = None
    config: str | None = None
    isolated: bool = False
    fix: bool = False
    fix_read_only: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    statistics: bool = False
    output: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    jobs: int | None = None
    cache: bool = True
    progress: bool | None = None
    max_file_size: int | None = None
    err: object = field(default_factory=lambda: sys.stderr)
    out: object = field(default_factory=lambda: sys.stdout)   # cli.py passes output/stream.stdout_for


class Configs:
    """The configuration for each linted file: --config, or the nearest
    file walking up from it, or none with --isolated."""

    def __init__(self, settings: Settings, rules):
        self.settings = settings
        self.rules = rules
        self.by_path: dict[str | None, Config] = {}
        self.found: dict[str, str | None] = {}     # directory → its configuration file
        self.of_file: dict[str, Config] = {}       # each file's, asked for twice (options, ignores)
        self.fixed = None
        if settings.isolated:
            self.fixed = Config()
        elif settings.config:
            if not os.path.isfile(settings.config):
                raise UsageProblem(t(f"--config {settings.config}: no such file",
                                     f"--config {settings.config}：文件不存在"))
            self.fixed = load_config(settings.config, rules)

    def for_file(self, path: str) -> Config:
        if self.fixed is not None:
            return self.fixed
        known = self.of_file.get(path)
        if known is None:
            known = self.of_file[path] = self._look_for(path)
        return known

    def _look_for(self, path: str) -> Config:
        start = path if path != "-" else (self.settings.stdin_filename or ".")
        directory = start if os.path.isdir(start) else os.path.dirname(start) or "."
        if directory not in self.found:         # files of one folder share a lookup
            self.found[directory] = find_config(directory)
        found = self.found[directory]
        if found not in self.by_path:
            self.by_path[found] = load_config(found, self.rules) if found else Config()
        return self.by_path[found]

    def run_config(self) -> Config:
        """The configuration of the run as a whole (fail-on, globs): --config,
        or the one that applies to the current directory."""
        return self.fixed if self.fixed is not None else self.for_file(".")


def options_for(settings: Settings, config: Config, path: str | None) -> Options:
    """The options for one file (path None: without its per-file-ignores)."""
    return Options(
        select=settings.select or config.select,
        ignore=[*config.ignore, *(config.ignores_for(path) if path else ()), *(settings.ignore or [])] or None,
        extend_select=[*config.extend_select, *(settings.extend_select or [])] or None,
        severity=dict(config.severity),
        encoding=settings.encoding or config.encoding,
        rule_options=dict(config.rules),
        max_file_size=settings.max_file_size or config.max_file_size,
    )


def _require_rules(options: Options, config: Config) -> None:
    """A selection that leaves no rule to run is a usage error: it would
    pass every report. (per-file-ignores may still silence a file on
    purpose.)"""
    if not options.rules():
        source = t(f" (with {config.path})", f"（配置 {config.path}）") if config.path else ""
        raise UsageProblem(t(f"no rule selected{source}: --select/--ignore and the configuration leave nothing "
                             f"to run (see `govlint rules`)",
                             f"没有选中任何规则{source}：--select/--ignore 和配置排除了全部规则（见 `govlint rules`）"))


def output_format(settings: Settings) -> str:
    if settings.output_format:
        return settings.output_format
    if os.environ.get("GITHUB_ACTIONS") == "true" and not settings.output:
        return "github"
    return "text"


def _reporter(name: str, out, settings: Settings, rules, to_terminal: bool, docs_url: str | None = None,
              fail_on: str = "warning"):
    from govlint.output import reporters

    if settings.statistics:
        return reporters.Statistics(out, unsafe=settings.unsafe_fixes)
    if name == "text":
        # On a terminal the source excerpts are shown with or without colour
        # (--no-color drops the colour, not the excerpt); --color forces both.
        if settings.color or to_terminal:
            from rich.console import Console

            return reporters.Rich(out, Console(file=out, force_terminal=True if settings.color else None,
                                               no_color=settings.color is False, highlight=False),
                                  unsafe=settings.unsafe_fixes)
        return reporters.Plain(out, unsafe=settings.unsafe_fixes)
    if name == "sarif":
        return reporters.Sarif(out, rules, docs_url)
    if name == "junit":
        return reporters.Junit(out, fail_on)
    if name == "rdjson":
        return reporters.Rdjson(out, docs_url)
    return reporters.BY_NAME[name](out)


def run_check(settings: Settings) -> int:
    from govlint.engine.batch import Job, default_jobs, run
    from govlint.reading.files import DEFAULT_GLOBS, expand
    from govlint.engine.registry import SelectionError, load_rules

    ruleset = load_rules()
    for error in ruleset.errors:
        print(f"govlint: {error}", file=settings.err)
    if not ruleset.rules:       # linting with no rule would pass every report
        raise UsageProblem(t("no rules loaded (the built-in rules failed to import; see above)",
                             "没有加载任何规则（内置规则导入失败，见上文）"))
    try:
        configs = Configs(settings, ruleset.rules)
        run_config = configs.run_config()
        base_options = options_for(settings, run_config, ".")
        _require_rules(base_options, run_config)   # an unknown code or an empty selection is a usage error
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None
    except SelectionError as exc:
        raise UsageProblem(t(f"--select/--ignore: {exc}", f"--select/--ignore：{exc}")) from None
    fail_on = settings.fail_on or run_config.fail_on or "warning"

    globs = settings.globs or tuple(run_config.include) or DEFAULT_GLOBS
    empty: list[str] = []
    targets = expand(settings.paths, globs, tuple(settings.exclude) + tuple(run_config.exclude), empty)
    looked_for = ", ".join(globs)
    if not targets:         # a gate that lints nothing must not pass
        raise UsageProblem(t(f"no files to lint in {', '.join(settings.paths)} (looked for {looked_for}; "
                             f"--glob changes it)",
                             f"{'、'.join(settings.paths)} 中没有可检查的文件（查找的是 {looked_for}；"
                             f"可用 --glob 修改）"))
    from govlint.i18n import warning

    for directory in empty:
        print(warning(t(f"no files to lint in {directory} (looked for {looked_for})",
                        f"{directory} 中没有可检查的文件（查找的是 {looked_for}）")), file=settings.err)
    if settings.previous is not None and len(targets) != 1:
        raise UsageProblem(t(f"--previous compares two years of one report: give exactly one report to lint "
                             f"with it ({len(targets)} given)",
                             f"--previous 比较同一报告的两个年度：只能同时检查一份报告（给出了 {len(targets)} 份）"))
    if settings.previous is not None:
        from govlint.engine.lint import previous_document
        from govlint.reading.source import InputError

        try:
            previous_document(settings.previous, settings.encoding)
        except InputError as error:
            raise UsageProblem(t(f"--previous {settings.previous}: {error.code} {error.message}",
                                 f"--previous {settings.previous}：{error.code} {error.message}")) from None
        pairs = {targets[0].path: settings.previous}
    else:
        from govlint.engine.pairing import pair_paths

        pairs = pair_paths([t.path for t in targets if not t.error and t.path != "-"], settings.encoding,
                           settings.jobs or default_jobs(), cache=settings.cache)

    name = output_format(settings)
    to_terminal = settings.output is None and sys.stdout.isatty()
    facts = name == "html" and not settings.statistics     # the office page reads each report's facts
    keep_text = (name == "text" and not settings.statistics and (settings.color or to_terminal)) or (name == "rdjson")
    jobs = []
    shared: dict[tuple, Options] = {}
    checked = {id(run_config)}
    try:
        for target in targets:
            if target.path == "-":
                continue
            config = configs.for_file(target.path)
            if id(config) not in checked:
                checked.add(id(config))
                _require_rules(options_for(settings, config, None), config)
            # One Options object for the files with the same configuration
            # and per-file ignores: the cache digests each object once.
            same = (id(config), tuple(config.ignores_for(target.path)))
            options = shared.get(same)
            if options is None:
                options = shared[same] = options_for(settings, config, target.path)
            jobs.append(Job(target.path, options, pairs.get(target.path), keep_text, settings.cache, target.error,
                            facts=facts))
        stdin_name = settings.stdin_filename or "-"
        stdin_options = options_for(settings, configs.for_file(stdin_name), stdin_name)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None

    ignores = None      # ignores.Ignores, from the first file that may have ignore entries

    def accepted(result: FileResult, options: Options) -> FileResult:
        """The result without the findings its ignore entries accept."""
        nonlocal ignores
        config = configs.for_file(result.path)
        if not config.may_ignore_findings(result.path):
            return result
        from govlint.engine.ignores import Ignores, entries_for

        if ignores is None:
            ignores = Ignores()
        try:
            entries = entries_for(result.path, config, ruleset.rules)
        except ConfigError as exc:
            raise UsageProblem(str(exc)) from None
        if entries:
            result.diagnostics = ignores.apply(result.diagnostics, entries, {r.code for r in options.rules()})
        return result

    def report_stale_ignores() -> None:
        if ignores is not None:
            from govlint.engine.ignores import report_stale

            report_stale(ignores.stale(), settings.err)

    if settings.diff:
        code = _diff(settings, jobs, accepted)
        report_stale_ignores()
        return code
    fixing = Fixing(settings, accepted) if settings.fix else None

    # -o: the output is kept as the bytes written (UTF-8, backslash escapes:
    # output/stream.encode_file) and written whole at the end; the JSON
    # reporter writes its bytes into it as they are.
    from govlint.output.stream import ERRORS

    buffer = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=ERRORS, newline="") if settings.output else None
    out = buffer if buffer is not None else settings.out
    reporter = _reporter(name, out, settings, ruleset.rules, to_terminal,
                         docs_url=run_config.docs_url, fail_on=fail_on)
    baseline = None
    if settings.baseline:
        from govlint.engine.baseline import Baseline, BaselineError

        try:
            baseline = Baseline.load(settings.baseline)
        except BaselineError as exc:
            raise UsageProblem(str(exc)) from None
    options_of = {job.path: job.options for job in jobs}
    counts: Counter = Counter()
    seen = 0
    errors = bool(ruleset.errors)
    kept_for_baseline: list[FileResult] = []
    processes = settings.jobs or default_jobs()
    progress = _progress(settings, len(jobs), name)
    reporter.start()
    try:
        if fixing is not None:
            stream = fixing.results(jobs)
        else:
            from govlint.output.reporters import Json

            stream = _with_stdin(settings, targets, run(jobs, processes, json_text=isinstance(reporter, Json)),
                                 stdin_options, facts)
        for result in stream:
            seen += 1
            if progress:
                progress.advance()
            accepted(result, options_of.get(result.path, stdin_options))
            if baseline is not None:
                baseline.filter_one(result)
            if settings.write_baseline:
                kept_for_baseline.append(FileResult(result.path, result.encoding, result.error,
                                                    list(result.diagnostics)))
            diagnostics = result.diagnostics
            if diagnostics:     # Counter.update counts in C: a cached rerun spends little else per finding
                counts.update([d.severity for d in diagnostics])
                errors = errors or any(d.code.startswith("E") for d in diagnostics)
            reporter.file(result)
    finally:
        if progress:
            progress.stop()
    reporter.finish(seen, counts)
    if fixing is not None:
        fixing.summary()
        errors = errors or fixing.errors
    if buffer is not None:
        from govlint.engine.fix import write_atomic

        try:
            buffer.flush()
            write_atomic(settings.output, buffer.buffer.getvalue())
        except OSError as exc:
            raise UsageProblem(t(f"-o {settings.output}: cannot write: {exc.strerror or exc}",
                                 f"-o {settings.output}：无法写入：{exc.strerror or exc}")) from None
    report_stale_ignores()
    if baseline is not None:
        stale = baseline.stale()
        if stale:
            print(t(f"govlint: {len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} no longer found "
                    f"(run --write-baseline to shrink {settings.baseline}):",
                    f"govlint: 基线中有 {len(stale)} 条记录已不再出现（运行 --write-baseline 以精简 "
                    f"{settings.baseline}）："), file=settings.err)
            for path, code, fingerprint in stale[:20]:
                print(f"  {path}: {code} {baseline.messages.get((path, code, fingerprint), '')}", file=settings.err)
    if settings.write_baseline:
        from govlint.engine.baseline import write

        try:
            count = write(settings.write_baseline, kept_for_baseline)
        except OSError as exc:
            raise UsageProblem(t(f"--write-baseline {settings.write_baseline}: cannot write: "
                                 f"{exc.strerror or exc}",
                                 f"--write-baseline {settings.write_baseline}：无法写入：{exc.strerror or exc}")) from None
        print(t(f"govlint: wrote {count} entries to {settings.write_baseline}",
                f"govlint: 已向 {settings.write_baseline} 写入 {count} 条记录"), file=settings.err)
        return EXIT_ERROR if errors else EXIT_OK
    if errors:
        return EXIT_ERROR
    return _exit_for(counts, fail_on)


def _exit_for(counts: Counter, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    floor = SEVERITY_RANK[fail_on]
    return EXIT_FINDINGS if any(n and SEVERITY_RANK[s] >= floor for s, n in counts.items()) else EXIT_OK


def _with_stdin(settings, targets, stream, options, facts: bool = False):
    """Interleave standard input ('-') with the files, in command-line order."""
    from govlint.engine.lint import _error, lint_bytes
    from govlint.reading.source import InputError, read_limited

    if not any(t.path == "-" for t in targets):
        yield from stream
        return
    stream = iter(stream)
    for target in targets:
        if target.path == "-":
            try:
                data = read_limited(sys.stdin.buffer, options.max_file_size)
            except InputError as error:
                yield _error(settings.stdin_filename or "-", error)
                continue
            previous = None
            if settings.previous:
                from govlint.engine.lint import previous_document

                previous = previous_document(settings.previous, settings.encoding)
            result = lint_bytes(data, settings.stdin_filename or "-", options, previous=previous, facts=facts)
            yield result
        else:
            yield next(stream)


class _Progress:
    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TimeRemainingColumn,
        )

        self.progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), console=Console(file=sys.stderr), transient=True)
        self.task = self.progress.add_task(t("linting", "检查中"), total=total)
        self.progress.start()

    def advance(self):
        self.progress.advance(self.task)

    def stop(self):
        self.progress.stop()


def _progress(settings: Settings, total: int, name: str):
    """A progress bar for long runs, on stderr when stderr is a terminal
    (whatever stdout is: a pipe, a file, machine-readable output); never
    when stderr is not a terminal."""
    wanted = settings.progress
    if wanted is None:
        wanted = total >= 50 and sys.stderr.isatty()
    return _Progress(total) if wanted else None


class Fixing:
    """--fix: each file's fixes written back (atomically, only over the very
    file that was read: fix.write_fixes), then what remains linted and
    passed on like any other result, so --format, -o, baselines and the exit
    code work as without --fix. A file that is not written is one line on
    stderr and exit code 2; only files actually written count as fixed."""

    def __init__(self, settings: Settings, accepted):
        self.settings = settings
        self.accepted = accepted
        self.changed = 0
        self.fixed = 0
        self.errors = False

    def results(self, jobs):
        for job in jobs:
            yield self.fix(job)

    def fix(self, job) -> FileResult:
        from govlint.engine.fix import NotFixed, encode, write_fixes
        from govlint.engine.lint import _error, lint_bytes
        from govlint.reading.source import InputError

        settings = self.settings
        try:
            original, source = _read_for_fixing(settings, job)
        except InputError as error:
            return _error(job.path, error)
        if source is None:                     # a .docx, .pdf or web page: linted, not rewritten
            return lint_bytes(original.data, job.path, job.options)
        outcome, previous = _fixes(settings, job, source, self.accepted)
        data = original.data
        if outcome.changed:
            try:
                if encode(source, outcome.original) != data:
                    raise NotFixed(t(f"it cannot be written back byte for byte in {source.encoding}",
                                     f"无法按 {source.encoding} 逐字节写回"))
                try:
                    fixed = encode(source, outcome.fixed)
                except UnicodeEncodeError as exc:
                    raise NotFixed(t(f"the fixed text has {exc.object[exc.start]!r}, which {source.encoding} "
                                     f"cannot hold",
                                     f"修复后的文字含有 {exc.object[exc.start]!r}，{source.encoding} 无法表示")) from None
                write_fixes(original, fixed, read_only=settings.fix_read_only)
            except NotFixed as reason:
                print(t(f"govlint: {job.path}: not fixed: {reason}", f"govlint: {job.path}：未修复：{reason}"),
                      file=settings.err)
                self.errors = True
            except OSError as exc:
                print(t(f"govlint: {job.path}: cannot write the fixes: {exc.strerror or exc}",
                        f"govlint: {job.path}：无法写入修复：{exc.strerror or exc}"), file=settings.err)
                self.errors = True
            else:
                data = fixed
                self.changed += 1
                self.fixed += len(outcome.applied)
        return lint_bytes(data, job.path, job.options, previous=previous)

    def summary(self) -> None:
        if self.changed or not self.errors:       # a failure is reported alone, never as "fixed"
            print(t(f"govlint: fixed {self.fixed} problem{'s' if self.fixed != 1 else ''} in {self.changed} "
                    f"file{'s' if self.changed != 1 else ''}",
                    f"govlint: 已修复 {self.changed} 个文件中的 {self.fixed} 个问题"), file=self.settings.err)


def _read_for_fixing(settings: Settings, job):
    """The file as read (fix.Original) and its decoded text; None for the
    text of a .docx, .pdf or web page, which --fix and --diff do not rewrite
    (said on stderr)."""
    from govlint.engine.fix import Original
    from govlint.reading import format_of
    from govlint.reading.source import decode

    original = Original.read(job.path, job.options.max_file_size)
    kind = format_of(original.data, job.path)
    if kind != "text":
        print(t(f"govlint: {job.path}: --fix and --diff rewrite only .txt files; this {kind} file was "
                f"not changed (correct it in the program that made it)",
                f"govlint: {job.path}：--fix 和 --diff 只改写 .txt 文件；这个 {kind} 文件没有修改"
                f"（请在生成它的程序中修改）"), file=settings.err)
        return original, None
    return original, decode(original.data, job.path, job.options.encoding)


def _fixes(settings: Settings, job, source, accepted):
    """The fixes of one decoded file, applied in memory until none is left
    (fix.fix_source), and last year's report it was linted with."""
    from govlint.engine.fix import fix_source
    from govlint.engine.lint import lint_document, previous_document
    from govlint.model.document import Document

    previous = previous_document(job.previous, job.options.encoding) if job.previous else None
    rules = job.options.rules()

    def lint(text):
        found = lint_document(Document(job.path, text, source.encoding), job.options, rules, previous)
        # an ignored finding is not fixed either
        return accepted(FileResult(job.path, source.encoding, None, found), job.options).diagnostics

    return fix_source(source, lint, unsafe=settings.unsafe_fixes), previous


def _diff(settings: Settings, jobs, accepted) -> int:
    """--diff: print the fixes as a unified diff and write nothing."""
    from govlint.engine.fix import unified_diff
    from govlint.reading.source import InputError

    errors = False
    changed = 0
    fixed_total = 0
    for job in jobs:
        try:
            _, source = _read_for_fixing(settings, job)
        except InputError as error:
            print(f"{job.path}:1:1: {error.code} [error] {error.message}", file=settings.out)
            errors = True
            continue
        if source is None:
            continue
        outcome, _ = _fixes(settings, job, source, accepted)
        if outcome.changed:
            changed += 1
            fixed_total += len(outcome.applied)
            settings.out.write(unified_diff(job.path, outcome.original, outcome.fixed))
    print(t(f"govlint: {fixed_total} fix{'es' if fixed_total != 1 else ''} would change {changed} "
            f"file{'s' if changed != 1 else ''}",
            f"govlint: {fixed_total} 处修复将改动 {changed} 个文件"), file=settings.err)
    return EXIT_ERROR if errors else (EXIT_FINDINGS if changed else EXIT_OK)
