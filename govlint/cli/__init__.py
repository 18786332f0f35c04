"""The command line: `govlint [check] PATHS…`, `govlint rules`, `govlint rule X`,
`govlint ignore`, `govlint extract`, `govlint lsp`.

Exit codes: 0 no findings at or above the failing level; 1 findings; 2 usage
errors, unreadable input, internal errors.

Every help text is given in English and Chinese (help= and zh=); the
language is chosen by i18n.py (--lang, GOVLINT_LANG, the locale).
"""
from __future__ import annotations

import sys

import click

from govlint import __version__
from govlint.i18n import ENV as LANG_ENV
from govlint.i18n import error as error_line
from govlint.i18n import install_click, invalid_env, lang, normalise, set_lang, t
from govlint.i18n import warning as warning_line
from govlint.launch import FAIL_LEVELS, FORMATS
from govlint.launch import lint as lint_settings
from govlint.launch import split_list as _split


# ---------------------------------------------------------------------------
# Help in two languages

class _Translated:
    """A command whose help and short help have a Chinese text (zh=)."""

    def __init__(self, *args, zh: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_zh = zh

    def _swap(self, method, *args):
        if not self.help_zh or lang() != "zh":
            return method(*args)
        saved = self.help, self.short_help
        self.help, self.short_help = self.help_zh, None
        try:
            return method(*args)
        finally:
            self.help, self.short_help = saved

    def format_help_text(self, ctx, formatter):
        return self._swap(super().format_help_text, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self._swap(super().get_short_help_str, limit)


class Command(_Translated, click.Command):
    pass


class Option(click.Option):
    """An option whose help has a Chinese text (zh=)."""

    def __init__(self, *args, zh: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.help_zh = zh

    def get_help_record(self, ctx):
        if not self.help_zh or lang() != "zh":
            return super().get_help_record(ctx)
        saved, self.help = self.help, self.help_zh
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = saved


def option(*decls, zh: str | None = None, **kwargs):
    return click.option(*decls, cls=Option, zh=zh, **kwargs)


def lang_option(function):
    """--lang, listed in every help (cli.main takes it out of the arguments
    first, so that it works in any position)."""
    return option("--lang", type=click.Choice(("zh", "en")), default=None, expose_value=False, is_eager=True,
                  callback=lambda ctx, param, value: set_lang(value) if value else None,
                  help=f"Language of help, summaries, rule docs and error lines (default: ${LANG_ENV}, "
                       f"else the locale).",
                  zh=f"帮助、说明、规则文档和错误提示的语言（默认取 ${LANG_ENV}，其次按系统区域设置）。")(function)


def take_lang(args: list[str]) -> list[str]:
    """Set the language from --lang X / --lang=X anywhere before `--`, and
    return the arguments without it. A bad value is a usage error."""
    out, i = [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.extend(args[i:])
            break
        value = None
        if arg == "--lang":
            if i + 1 >= len(args):
                _fail(t("--lang needs a value: zh or en", "--lang 需要一个值：zh 或 en"))
            value, i = args[i + 1], i + 2
        elif arg.startswith("--lang="):
            value, i = arg.split("=", 1)[1], i + 1
        else:
            out.append(arg)
            i += 1
            continue
        if value not in ("zh", "en"):
            _fail(t(f"--lang: {value!r} is not zh or en", f"--lang：{value!r} 不是 zh 或 en"))
        set_lang(value)
    return out


class DefaultGroup(_Translated, click.Group):
    """`govlint FILE` means `govlint check FILE`; bare `govlint` prints help."""

    def parse_args(self, ctx, args):
        if not args:
            click.echo(ctx.get_help())
            ctx.exit(2)         # nothing was linted: never a pass
        if args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def main(self, args=None, *a, **kwargs):
        install_click()
        set_lang(None)          # each run chooses afresh (tests run several in one process)
        args = take_lang(list(sys.argv[1:] if args is None else args))
        bad = invalid_env()
        if bad is not None:
            click.echo(warning_line(t(f"{LANG_ENV}={bad!r} is not zh or en; ignored",
                                      f"{LANG_ENV}={bad!r} 不是 zh 或 en，已忽略")), err=True)
        return super().main(args, *a, **kwargs)


MAIN_HELP = """Lint 政府信息公开工作年度报告 for structure, table and conversion defects.

\b
`govlint PATH…` runs `govlint check PATH…`: files, folders (recursively)
or '-' for standard input. `govlint COMMAND --help` explains a command."""

MAIN_HELP_ZH = """检查政府信息公开工作年度报告的结构、表格和转换问题。

\b
`govlint 路径…` 即 `govlint check 路径…`：可以是文件、文件夹（含子文件夹）
或 '-'（标准输入）。`govlint 子命令 --help` 查看各子命令的说明。"""


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help=MAIN_HELP, zh=MAIN_HELP_ZH)
@click.version_option(__version__, prog_name="govlint", cls=Option, help="Show the version and exit.",
                      zh="显示版本并退出。")
@lang_option
def main():
    from govlint.output.stream import tolerant_console

    tolerant_console()      # a console that cannot show a character gets an escape, not a traceback


CHECK_HELP = """Lint report files, directories (recursively) or '-' for standard input.

Reports of the same agency for consecutive years among the files linted
are compared automatically (cross-year rules X); --previous names last
year's report when it is not linted too."""

CHECK_HELP_ZH = """检查报告文件、文件夹（含子文件夹）或 '-'（标准输入）。

同一机关相邻年份的报告一起检查时会自动相互比较（跨年度规则 X）；
去年的报告不在检查范围内时，用 --previous 指定。"""


@main.command(cls=Command, help=CHECK_HELP, zh=CHECK_HELP_ZH)
@click.argument("paths", nargs=-1)
@option("--format", "output_format", type=click.Choice(FORMATS), default=None,
        help="Output format (default: text; github under GitHub Actions; html: one summary page "
             "for a folder, with -o summary.html).",
        zh="输出格式（默认 text；在 GitHub Actions 中为 github；html：一个文件夹的汇总页面，配合 -o summary.html）。")
@option("--select", multiple=True, help="Rules to run: codes, code prefixes or names (comma-separated).",
        zh="要运行的规则：代码、代码前缀或名称（逗号分隔）。")
@option("--ignore", multiple=True, help="Rules to skip: codes, code prefixes or names.",
        zh="不运行的规则：代码、代码前缀或名称。")
@option("--extend-select", multiple=True, help="Rules to add to the default selection.",
        zh="在默认规则之外再加上的规则。")
@option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
        help="Lowest severity that makes the exit code 1 (default: warning).",
        zh="使退出码为 1 的最低严重程度（默认 warning）。")
@option("--encoding", default=None, help="Read input in this encoding instead of detecting it.",
        zh="按这个编码读取输入，不自动判断。")
@option("--stdin-filename", default=None, help="Path to report for input read from '-'.",
        zh="从 '-'（标准输入）读取时报告中使用的文件路径。")
@option("--glob", "globs", multiple=True, help="File pattern for directories (default: *.txt *.docx *.pdf "
                                               "*.html *.htm).",
        zh="在文件夹中查找的文件模式（默认 *.txt *.docx *.pdf *.html *.htm）。")
@option("--exclude", multiple=True, help="Pattern of files or directories to skip.",
        zh="要跳过的文件或文件夹模式。")
@option("--color/--no-color", default=None, help="Force or disable colour (default: on a terminal).",
        zh="强制或关闭彩色输出（默认在终端上彩色）。")
@option("--previous", "previous_path", default=None, metavar="LAST_YEAR.txt",
        help="Last year's report of the same agency, for the cross-year rules (X); "
             "takes exactly one report to lint.",
        zh="同一机关去年的报告，供跨年度规则（X）比较；此时只能检查一份报告。")
@option("--config", "config_path", default=None, metavar="FILE",
        help="Use this configuration file for every input.", zh="所有输入都使用这个配置文件。")
@option("--isolated", is_flag=True, help="Ignore all configuration files.", zh="不读取任何配置文件。")
@option("--fix", is_flag=True, help="Apply safe fixes to the files (atomically).",
        zh="把安全的修复写回文件（原子写入）。")
@option("--fix-read-only", is_flag=True, help="With --fix, also rewrite read-only files (keeping their mode).",
        zh="与 --fix 一起用：只读文件也改写（保留其权限）。")
@option("--unsafe-fixes", is_flag=True,
        help="With --fix or --diff, also apply unsafe fixes; alone, mark them as fixable in the output.",
        zh="与 --fix 或 --diff 一起用：也应用需要复核的修复；单独使用时，在输出中把它们标为可修复。")
@option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.",
        zh="以统一差异格式显示修复内容，不写文件。")
@option("--statistics", is_flag=True, help="Print counts per rule instead of the findings.",
        zh="按规则统计问题数，不逐条列出。")
@option("-o", "--output", "output_file", default=None, metavar="FILE", help="Write the report to FILE.",
        zh="把结果写入文件 FILE。")
@option("--baseline", "baseline_path", default=None, metavar="FILE",
        help="Report only findings not recorded in this baseline.", zh="只报告这个基线文件中没有记录的问题。")
@option("--write-baseline", "write_baseline_path", default=None, metavar="FILE",
        help="Record today's findings as a baseline and exit 0.", zh="把现有问题记录为基线文件，退出码为 0。")
@option("-j", "--jobs", type=click.IntRange(min=1), default=None,
        help="Parallel processes for many files (default: all cores).", zh="并行进程数（默认为全部 CPU 核）。")
@option("--no-cache", is_flag=True, help="Do not read or write the result cache.", zh="不读写结果缓存。")
@option("--progress/--no-progress", default=None,
        help="Progress bar on stderr (default: long runs when stderr is a terminal).",
        zh="在标准错误输出上显示进度条（默认：文件较多且标准错误是终端时显示）。")
@option("--show-text", is_flag=True,
        help="Print the text govlint reads from each file (a .docx, .pdf or web page as rendered: "
             "the lines and columns diagnostics give) and lint nothing.",
        zh="显示 govlint 从每个文件读出的文字（.docx、PDF、网页按转换后的文字，即问题位置的行列所指），不做检查。")
@option("--show-settings", is_flag=True,
        help="Print the effective configuration for one file (configuration file, rules, ignores) and "
             "lint nothing.",
        zh="显示一个文件实际使用的配置（配置文件、规则、忽略项），不做检查。")
@option("--max-file-size", default=None, metavar="SIZE",
        help="Largest input read, e.g. 50MB (the default), 512KB; larger files are E005.",
        zh="读取的最大文件大小，如 50MB（默认）、512KB；更大的文件报 E005。")
@lang_option
def check(paths, output_format, select, ignore, extend_select, fail_on, encoding, stdin_filename,
          globs, exclude, color, previous_path, config_path, isolated, fix, fix_read_only, unsafe_fixes, diff,
          statistics, output_file, baseline_path, write_baseline_path, jobs, no_cache, progress, show_text,
          show_settings, max_file_size):
    from govlint.engine.check import EXIT_ERROR, Settings, UsageProblem

    if not paths:
        raise click.UsageError(t("no input: give report files, directories, or '-' for standard input",
                                 "没有输入：请给出报告文件、文件夹，或用 '-' 表示标准输入"))
    if encoding is not None:
        _check_encoding(encoding)
    if max_file_size is not None:
        from govlint.reading.source import parse_size

        try:
            max_file_size = parse_size(max_file_size)
        except ValueError as exc:
            _fail(f"--max-file-size: {exc}")
    if show_text:
        from govlint.cli.show_text import show_text as show

        sys.exit(show(paths, encoding, stdin_filename))
    if (fix or diff) and "-" in paths:
        raise click.UsageError(t("--fix and --diff work on files, not on standard input",
                                 "--fix 和 --diff 只能用于文件，不能用于标准输入"))
    settings = Settings(
        paths=tuple(paths), output_format=output_format, select=_split(select), ignore=_split(ignore),
        extend_select=_split(extend_select), fail_on=fail_on, encoding=encoding, stdin_filename=stdin_filename,
        globs=tuple(globs), exclude=tuple(exclude), color=color, previous=previous_path, config=config_path,
        isolated=isolated, fix=fix, fix_read_only=fix_read_only, unsafe_fixes=unsafe_fixes, diff=diff,
        statistics=statistics, max_file_size=max_file_size,
        output=output_file, baseline=baseline_path, write_baseline=write_baseline_path, jobs=jobs,
        cache=not no_cache, progress=progress)
    if show_settings:
        from govlint.cli.show_settings import show_settings as show

        try:
            sys.exit(show(settings))
        except UsageProblem as problem:
            click.echo(error_line(str(problem)), err=True)
            sys.exit(EXIT_ERROR)
    lint_settings(settings)


def _fail(message: str):
    """A one-line usage error, exit code 2."""
    click.echo(error_line(message), err=True)
    sys.exit(2)


def _check_encoding(encoding: str) -> None:
    from govlint.reading.source import text_encoding

    try:
        text_encoding(encoding)
    except ValueError as exc:       # unknown, or bytes-to-bytes like base64, rot13, zlib, uu
        _fail(f"--encoding: {exc}")


def _load_rules_or_exit():
    from govlint.engine.registry import load_rules

    ruleset = load_rules()
    for problem in ruleset.errors:
        click.echo(f"govlint: {problem}", err=True)
    if not ruleset.rules:
        click.echo(error_line(t("no rules loaded", "没有加载任何规则")), err=True)
        sys.exit(2)
    return ruleset


@main.command("rules", cls=Command, help="List every rule: code, name, default severity, default on/off, summary.",
              zh="列出全部规则：代码、名称、默认严重程度、是否默认启用、说明。")
@option("--all", "show_all", is_flag=True, help="Also list the engine's file and internal-error codes.",
        zh="同时列出检查引擎的文件错误和内部错误代码（E）。")
@option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True,
        help="text for people, json for programs (both languages' summaries, the page).",
        zh="text 供阅读，json 供程序使用（含中英文说明和文档页）。")
@lang_option
def list_rules(show_all, output_format):
    from govlint.engine.lint import ENGINE_CODES

    # print, not click.echo: click writes UTF-8 to a console it finds
    # misconfigured (ASCII); print honours the escapes tolerant_console() set.
    ruleset = _load_rules_or_exit()
    if output_format == "json":
        import json

        from govlint.output.rule_pages import page_path
        from govlint.output.stream import stdout_for

        items = [{"code": r.code, "name": r.name, "severity": r.severity, "default": r.default,
                  "summary": r.summary_in(), "summary_en": r.summary, "summary_zh": r.summary_zh or None,
                  "page": page_path(r.code) if r.origin.startswith("govlint.rules.") else None,
                  "origin": r.origin, "fix": r.fix, "needs": None if r.needs is None else list(r.needs),
                  "options": [{"name": o.name, "type": o.type.__name__, "default": o.default,
                               "doc": o.doc, "doc_zh": o.zh} for o in r.option_specs]}
                 for r in ruleset.rules]
        if show_all:
            items += [{"code": code, "name": entry.name, "severity": "error", "default": True,
                       "summary": entry.summary_in(), "summary_en": entry.summary_in("en"),
                       "summary_zh": entry.summary_in("zh"), "page": page_path(code), "origin": "govlint"}
                      for code, entry in ENGINE_CODES.items()]
        with stdout_for(machine=True) as out:
            out.write(json.dumps({"version": 1, "rules": items}, ensure_ascii=False, indent=1) + "\n")
        return
    on, off = t("on ", "开 "), t("off", "关 ")
    for item in ruleset.rules:
        print(f"{item.code}  {item.name:<26} {item.severity:<8} {on if item.default else off}  {item.summary_in()}")
    if show_all:
        for code, entry in ENGINE_CODES.items():
            print(f"{code}  {entry.name:<26} {'error':<8} {on}  {entry.summary_in()}")


@main.command("rule", cls=Command, help="Print one rule's documentation (by code or name).",
              zh="显示一条规则的说明文档（按代码或名称）。")
@click.argument("key")
@lang_option
def show_rule(key):
    from govlint.output.rule_pages import base_url, options_lines, reference, where
    from govlint.engine.lint import ENGINE_CODES
    from govlint.engine.registry import load_rules

    item = load_rules().find(key)
    page = t("Page", "文档页")
    base = base_url(_configured_docs_url())
    if item is None:
        for code, entry in ENGINE_CODES.items():
            if key in (code, entry.name):
                print(f"{code} {entry.name} [error]\n\n{entry.documentation()}\n\n{page}: {reference(code, base)}")
                return
        raise click.BadParameter(t(f"no rule {key!r} (see `govlint rules`)",
                                   f"没有规则 {key!r}（见 `govlint rules`）"), param_hint="KEY")
    if item.default:
        state = t("enabled by default", "默认启用")
    else:
        state = t("disabled by default (enable with --extend-select)", "默认不启用（用 --extend-select 启用）")
    text = f"{item.code} {item.name} [{item.severity}, {state}]\n\n{item.documentation()}"
    text += "\n\n" + "\n".join(options_lines(item, lang()))
    if item.origin.startswith("govlint.rules."):
        code_path, tests_path = where(item.origin)
        text += (f"\n\n{page}: {reference(item.code, base)}"
                 f"\n{t('Code', '代码')}: {code_path}\n{t('Tests', '测试')}: {tests_path}")
    print(text)


def _configured_docs_url() -> str | None:
    """docs-url of the configuration that applies to the current directory."""
    from govlint.engine.config import ConfigError, find_config, load_config
    from govlint.engine.registry import load_rules

    found = find_config(".")
    if not found:
        return None
    try:
        return load_config(found, load_rules().rules).docs_url
    except ConfigError:
        return None


@main.command("clean", cls=Command,
              help="Remove govlint's cache: results, their index, report identities and compiled patterns "
                   "($GOVLINT_CACHE_DIR, else $XDG_CACHE_HOME/govlint, else ~/.cache/govlint).",
              zh="删除 govlint 的缓存：检查结果及其索引、报告身份和已编译的正则（$GOVLINT_CACHE_DIR，"
                 "否则 $XDG_CACHE_HOME/govlint，否则 ~/.cache/govlint）。")
@lang_option
def clean():
    from govlint.cachedir import cache_dir, clean as remove

    folder = cache_dir()
    files, size = remove(folder)
    if files:
        click.echo(t(f"removed {files} cache files ({size / 1e6:.1f} MB) from {folder}",
                     f"已从 {folder} 删除 {files} 个缓存文件（{size / 1e6:.1f} MB）"))
    else:
        click.echo(t(f"no cache to remove in {folder}", f"{folder} 中没有可删除的缓存"))


@main.command("ignore", cls=Command,
              help="Accept findings of a report deliberately: write an ignore entry (with its reason) for each "
                   "current finding of the given codes, into the nearest govlint.toml (or a new one next to "
                   "the report).",
              zh="有意接受报告中的问题：为给定代码的每个现有问题写一条忽略记录（附原因），写入最近的 govlint.toml"
                 "（没有就在报告旁新建一个）。")
@click.argument("paths", nargs=-1, required=True)
@option("--code", "codes", multiple=True, required=True,
        help="Codes or names of the findings to ignore (comma-separated, repeatable).",
        zh="要忽略的问题的代码或名称（逗号分隔，可重复）。")
@option("--reason", required=True, help="Why the findings are accepted (recorded with each entry).",
        zh="接受这些问题的原因（随每条记录保存）。")
@option("--by", default=None, help="Who decided (recorded if given).", zh="决定人（给出时记录）。")
@option("--sidecar", is_flag=True,
        help="Write the entries into the report's sidecar file REPORT.govlint-ignore.toml instead.",
        zh="改为写入报告旁的附属文件 报告名.govlint-ignore.toml。")
@option("--config", "config_path", default=None, metavar="FILE",
        help="Write the entries into this configuration file.", zh="写入这个配置文件。")
@option("--encoding", default=None, help="Read input in this encoding instead of detecting it.",
        zh="按这个编码读取输入，不自动判断。")
@lang_option
def ignore_command(paths, codes, reason, by, sidecar, config_path, encoding):
    from govlint.engine.ignores import IgnoreProblem, ignore_findings

    if encoding is not None:
        _check_encoding(encoding)
    if not reason.strip():
        _fail(t("--reason must say why", "--reason 不能为空：请写明原因"))
    try:
        written = ignore_findings(list(paths), _split(codes) or [], reason.strip(), by=by, sidecar=sidecar,
                                  config_path=config_path, encoding=encoding)
    except IgnoreProblem as problem:
        _fail(str(problem))
    per_target: dict[str, int] = {}         # a folder's files usually share one configuration
    for target, count, _ in written:
        if count:
            per_target[target] = per_target.get(target, 0) + count
    for target, count in per_target.items():
        click.echo(t(f"govlint: wrote {count} ignore entr{'y' if count == 1 else 'ies'} to {target}",
                     f"govlint: 已向 {target} 写入 {count} 条忽略记录"), err=True)
    if not per_target:
        already = sum(n for _, _, n in written)
        if already:
            click.echo(warning_line(t(f"the {already} current finding{'s' if already > 1 else ''} of those codes "
                                      f"{'are' if already > 1 else 'is'} ignored already: nothing written",
                                      f"这些代码的 {already} 个现有问题都已忽略：未写入任何记录")), err=True)
        else:
            click.echo(warning_line(t("no current finding of those codes: nothing written",
                                      "没有这些代码的现有问题：未写入任何记录")), err=True)


@main.command("extract", cls=Command,
              help="Print tables 二, 三 and 四 as data: per cell its table, official row and column labels, "
                   "value (number or null), raw text and position. Directories are walked as for linting.",
              zh="把表二、表三、表四输出为数据：每个单元格的表、规范的行列标签、数值（数字或 null）、原文和位置。"
                 "文件夹的遍历方式与检查时相同。")
@click.argument("paths", nargs=-1, required=True)
@option("--format", "output_format", type=click.Choice(("json", "csv", "xlsx")), default="json",
        show_default=True,
        help="csv: one tidy table for all files (UTF-8 with BOM, for Excel); "
             "xlsx: that table plus one sheet per table in its official grid.",
        zh="csv：所有文件合成一张整齐的表（带 BOM 的 UTF-8，供 Excel 打开）；"
           "xlsx：这张表，另加每张统计表按规范格式各占一个工作表。")
@option("--encoding", default=None, help="Read input in this encoding instead of detecting it.",
        zh="按这个编码读取输入，不自动判断。")
@option("-o", "--output", "output_file", default=None, metavar="FILE", help="Write to FILE.",
        zh="写入文件 FILE。")
@lang_option
def extract(paths, output_format, encoding, output_file):
    if encoding is not None:
        _check_encoding(encoding)
    from govlint.output.spreadsheet import run_extract

    sys.exit(run_extract(paths, output_format, encoding, output_file))


@main.command("lsp", cls=Command, help="Run the language server for editors (LSP over stdio).",
              zh="为编辑器运行语言服务器（通过标准输入输出的 LSP）。")
@option("--stdio", is_flag=True, help="Talk over standard input/output (the default and only transport).",
        zh="通过标准输入输出通信（默认，也是唯一方式）。")
@option("--debounce", type=click.IntRange(0, 60000), default=250, show_default=True, metavar="MS",
        help="Milliseconds of quiet after an edit before the buffer is linted.",
        zh="编辑停止多少毫秒后再检查缓冲区。")
@lang_option
def lsp(stdio, debounce):
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401  (optional: pip install 'govlint[lsp]')
    except ImportError:
        click.echo(error_line(t("the language server needs pygls: install govlint[lsp]",
                                "语言服务器需要 pygls：请安装 govlint[lsp]")), err=True)
        sys.exit(2)
    from govlint.lsp import serve

    sys.exit(serve(debounce / 1000))


__all__ = ["main", "normalise"]
