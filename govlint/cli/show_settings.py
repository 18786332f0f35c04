"""`govlint --show-settings FILE`: the configuration that applies to one
file, as `govlint check` would use it, and nothing linted.

Printed as TOML (comments say where a value comes from), so it can be read
and pasted back into a govlint.toml: the configuration file found (or
none), the rules that run for this file after select / ignore /
extend-select / per-file-ignores and the command line, severity overrides,
fail-on, encoding, size limit, file globs, the rule-page base URL, the
ignore entries that apply to the file, the output format and the language.
"""
from __future__ import annotations

import json
import os


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def show_settings(settings, out=None) -> int:
    import sys

    from govlint.engine.check import Configs, UsageProblem, options_for, output_format
    from govlint.engine.config import ConfigError
    from govlint.output.rule_pages import base_url
    from govlint.reading.files import DEFAULT_GLOBS
    from govlint.i18n import lang, t
    from govlint.engine.ignores import entries_for, sidecar_for
    from govlint.engine.registry import SelectionError, load_rules
    from govlint.reading.source import MAX_FILE_SIZE

    out = out or sys.stdout
    if len(settings.paths) != 1:
        raise UsageProblem(t(f"--show-settings shows the settings of one file ({len(settings.paths)} given)",
                             f"--show-settings 只显示一个文件的设置（给出了 {len(settings.paths)} 个）"))
    path = settings.paths[0]
    if path == "-":
        path = settings.stdin_filename or "-"
    rules = load_rules().rules
    try:
        configs = Configs(settings, rules)
        config = configs.for_file(path)
        run = configs.run_config()
        options = options_for(settings, config, path)
        chosen = options.rules()
        entries = entries_for(path, config, rules)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None
    except SelectionError as exc:
        raise UsageProblem(f"--select/--ignore: {exc}") from None
    if settings.isolated:
        source = t("none (--isolated)", "无（--isolated）")
    else:
        source = config.path or t("none found: the defaults", "未找到：使用默认设置")
    side = sidecar_for(path)
    # fail-on, the folder globs and the rule-page URL belong to the run as a
    # whole: they come from --config or the current directory's configuration,
    # which need not be the file's.
    if run is config:
        whole = ""
    else:
        whole = "  # " + (t(f"for the whole run, from the current directory's {run.path}, not the file's",
                             f"对整个运行生效，取自当前目录的 {run.path}，不是这个文件的") if run.path else
                           t("for the whole run: the default, the current directory having no configuration",
                             "对整个运行生效：当前目录没有配置文件，取默认值"))
    lines = [
        t(f"# govlint settings for {path}", f"# {path} 的 govlint 设置"),
        f"config-file = {_toml(config.path or '')}" + (f"  # {source}" if source != config.path else ""),
        f"rules = {_toml([r.code for r in chosen])}  # "
        + t(f"{len(chosen)} rules run for this file", f"对这个文件运行的 {len(chosen)} 条规则"),
        f"select = {_toml(options.select or [])}",
        f"ignore = {_toml(options.ignore or [])}  # " + t("including per-file-ignores that match",
                                                          "含匹配的 per-file-ignores"),
        f"extend-select = {_toml(options.extend_select or [])}",
        f"severity = {_toml(options.severity)}",
        f"fail-on = {_toml(settings.fail_on or run.fail_on or 'warning')}{whole}",
        f"encoding = {_toml(options.encoding or 'auto')}",
        f"max-file-size = {_toml(options.max_file_size or MAX_FILE_SIZE)}",
        f"include = {_toml(list(settings.globs or run.include or DEFAULT_GLOBS))}{whole}",
        f"exclude = {_toml(list(settings.exclude) + list(run.exclude))}{whole}",
        f"docs-url = {_toml(base_url(run.docs_url) or '')}{whole}",
        f"rule-options = {_toml(options.rule_options)}",
        f"format = {_toml(output_format(settings))}",
        f"lang = {_toml(lang())}",
        f"ignore-findings = {len(entries)}  # "
        + t(f"entries for this file (configuration and {os.path.basename(side)})",
            f"适用于这个文件的忽略记录（配置文件和 {os.path.basename(side)}）"),
    ]
    for entry in entries:
        lines.append(f"#   {entry.code} {entry.fingerprint} {entry.reason}  ({entry.source})")
    out.write("\n".join(lines) + "\n")
    return 0
