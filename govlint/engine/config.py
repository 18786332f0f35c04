"""Configuration: `[tool.govlint]` in pyproject.toml, or govlint.toml.

The nearest file walking up from the linted file wins (like ruff); a
pyproject.toml counts only if it has a [tool.govlint] table. `--config FILE`
uses that file for everything; `--isolated` ignores all configuration.
Command-line options override the file: --select replaces `select`,
--ignore and --extend-select add to the file's lists.

Keys:
  select, ignore, extend-select   lists of codes, prefixes or names
  per-file-ignores                {glob: [codes…]}, globs relative to the config file
  severity                        {code or name: "error" | "warning" | "info"}
  fail-on                         "error" | "warning" | "info" | "never"
  include, exclude                file globs for directories
  encoding                        default input encoding
  max-file-size                   largest input read ("50MB", "512KB" or bytes)
  rules                           {rule-name: {option: value}} for rules that declare options
  docs-url                        base URL of the rule pages (docs.py)
  ignore-findings                 [[ignore-findings]] entries: path, code, fingerprint, reason,
                                  by, date, message (ignores.py)
An unknown key, rule or value is a one-line error naming the file and the key.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field

from govlint.i18n import lang, t
from govlint.rule import SEVERITIES

FAIL_LEVELS = ("error", "warning", "info", "never")
KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "severity", "fail-on", "include", "exclude",
        "encoding", "max-file-size", "rules", "docs-url", "ignore-findings")


MAX_CONFIG_BYTES = 64 * 1024 * 1024


SIDECAR_SUFFIX = ".govlint-ignore.toml"    # a report's own ignore entries: REPORT.govlint-ignore.toml


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    """One configuration file's settings (or the defaults when there is none)."""
    path: str | None = None
    root: str = "."
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    encoding: str | None = None
    max_file_size: int | None = None
    rules: dict[str, dict] = field(default_factory=dict)
    docs_url: str | None = None
    ignore_findings: list = field(default_factory=list)     # ignores.Entry, in file order
    _ignore_index: "GlobIndex | None" = field(default=None, repr=False, compare=False)

    def ignores_for(self, path: str) -> list[str]:
        """The per-file-ignores codes of every glob that matches the path
        (relative to the configuration file) or the file's name."""
        if not self.per_file_ignores:
            return []
        if self._ignore_index is None:     # compiled once per configuration, not per file
            self._ignore_index = GlobIndex(self.per_file_ignores)
        relative = os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")
        name = os.path.basename(path)
        index = self._ignore_index
        matched = index.matches(relative) | index.matches(name)
        return [code for number in sorted(matched) for code in index.values[number]]

    def may_ignore_findings(self, path: str) -> bool:
        """Whether ignore entries (ignores.py) may apply to the file: this
        configuration has some, or the file has a sidecar file of them.
        Most runs have none, and then ignores.py is not even imported."""
        return bool(self.ignore_findings) or (path != "-" and os.path.isfile(path + SIDECAR_SUFFIX))


class GlobIndex:
    """fnmatch globs, compiled once and indexed by the literal text before
    the first wildcard and after the last one, so that matching a string
    looks only at the globs that can match it: a configuration with
    200,000 per-file-ignores costs a file about what one with ten does
    (for globs of the usual shapes: dir/*, *.txt, dir/*/name.txt)."""

    def __init__(self, globs: dict[str, list[str]]):
        self.values: list[list[str]] = []
        self.exact: dict[str, list[int]] = {}
        # prefix → suffix → [[number, glob, compiled match or None]]: a glob
        # is compiled the first time a string reaches it (compiling them all
        # up front costs far more than matching)
        self.buckets: dict[str, dict[str, list[list]]] = {}
        self.suffix_lengths: dict[str, list[int]] = {}
        self.inner: dict[str, list[list]] = {}      # literal text between wildcards → globs
        for number, (pattern, codes) in enumerate(globs.items()):
            self.values.append(codes)
            pattern = os.path.normcase(pattern)
            first, last = _wildcards(pattern)
            if first < 0:
                self.exact.setdefault(pattern, []).append(number)
                continue
            prefix, suffix = pattern[:first], pattern[last:]
            middle = _longest_literal(pattern, first, last)
            if middle and len(middle) >= max(len(prefix), len(suffix)):
                # dir*/name*.txt, **/name_*.txt: told apart by the text between
                # their wildcards, which a string must contain to match
                self.inner.setdefault(middle, []).append([number, pattern, None])
                continue
            self.buckets.setdefault(prefix, {}).setdefault(suffix, []).append([number, pattern, None])
        self.prefix_lengths = sorted({len(p) for p in self.buckets})
        self.suffix_lengths = {p: sorted({len(s) for s in inner}) for p, inner in self.buckets.items()}
        self.inner_lengths = sorted({len(m) for m in self.inner})

    def matches(self, text: str) -> set[int]:
        text = os.path.normcase(text)
        found = set(self.exact.get(text, ()))
        size = len(text)
        for length in self.prefix_lengths:
            if length > size:
                break
            prefix = text[:length]
            inner = self.buckets.get(prefix)
            if inner is None:
                continue
            for suffix_length in self.suffix_lengths[prefix]:
                if length + suffix_length > size:
                    break
                for candidate in inner.get(text[size - suffix_length:], ()):
                    if candidate[2] is None:
                        candidate[2] = _compile(candidate[1])
                    if candidate[2](text):
                        found.add(candidate[0])
        for length in self.inner_lengths:
            if length > size:
                break
            for part in {text[i:i + length] for i in range(size - length + 1)}:
                for candidate in self.inner.get(part, ()):
                    if candidate[2] is None:
                        candidate[2] = _compile(candidate[1])
                    if candidate[2](text):
                        found.add(candidate[0])
        return found


def _compile(pattern: str):
    import re

    # Kept by the caller: re's own cache holds only 512 patterns.
    return re.compile(fnmatch.translate(pattern)).match


def _longest_literal(pattern: str, start: int, end: int) -> str:
    """The longest run of literal text in pattern[start:end] (between the
    first wildcard and the last), as fnmatch reads wildcards."""
    best, run, i = "", start, start
    while i < end:
        stop = _wildcard_end(pattern, i)
        if stop < 0:
            i += 1
            continue
        if i - run > len(best):
            best = pattern[run:i]
        run = i = stop
    return best


def _wildcard_end(pattern: str, i: int) -> int:
    """Where the wildcard at pattern[i] ends; -1 if none starts there.
    Wildcards as fnmatch reads them: *, ?, and [...] when it is closed."""
    ch, n = pattern[i], len(pattern)
    if ch in "*?":
        return i + 1
    if ch == "[":
        j = i + 1
        if j < n and pattern[j] == "!":
            j += 1
        if j < n and pattern[j] == "]":
            j += 1
        close = pattern.find("]", j)
        if close >= 0:
            return close + 1
    return -1


def _wildcards(pattern: str) -> tuple[int, int]:
    """(start of the first wildcard, end of the last one), (-1, -1) if none.
    Wildcards as fnmatch reads them: *, ?, and [...] when it is closed."""
    first = last = -1
    i, n = 0, len(pattern)
    while i < n:
        end = _wildcard_end(pattern, i)
        if end < 0:
            i += 1
            continue
        if first < 0:
            first = i
        last = end
        i = end
    return first, last


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib


def _table(path: str) -> dict | None:
    tomllib = _toml()
    with open(path, "rb") as handle:
        raw = handle.read(MAX_CONFIG_BYTES + 1)
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(t(f"{path}: larger than {MAX_CONFIG_BYTES // (1024 * 1024)} MB: not read as a configuration",
                            f"{path}：超过 {MAX_CONFIG_BYTES // (1024 * 1024)} MB，不作为配置读取"))
    try:
        text = raw.decode("utf-8-sig")       # Windows Notepad starts a UTF-8 file with a BOM
    except UnicodeDecodeError as exc:
        raise ConfigError(t(f"{path}: not UTF-8 (byte {exc.start}); TOML files must be UTF-8",
                            f"{path}：不是 UTF-8（第 {exc.start} 字节）；TOML 文件必须是 UTF-8")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(t(f"{path}: invalid TOML: {exc}", f"{path}：TOML 格式错误：{exc}")) from None
    except RecursionError:      # the parser recurses once per level of nested arrays or tables
        raise ConfigError(t(f"{path}: invalid TOML: nested too deeply", f"{path}：TOML 格式错误：嵌套过深")) from None
    if os.path.basename(path) == "pyproject.toml":
        return data.get("tool", {}).get("govlint")
    return data.get("tool", {}).get("govlint", data) if "tool" in data else data


def find_config(start: str) -> str | None:
    """The nearest govlint.toml or pyproject.toml with [tool.govlint], walking up."""
    directory = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in ("govlint.toml", "pyproject.toml"):
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                try:
                    if name == "govlint.toml" or _table(candidate) is not None:
                        return candidate
                except (ConfigError, OSError):
                    return candidate  # report the broken file when it is loaded
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _strings(path, key, value) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(t(f"{path}: '{key}' must be a list of strings", f"{path}：'{key}' 必须是字符串列表"))
    return value


def load_config(path: str, rules) -> Config:
    """Read and validate one configuration file."""
    from govlint.engine.registry import SelectionError, select_rules

    try:
        table = _table(path)
    except OSError as exc:
        raise ConfigError(t(f"{path}: cannot read: {exc.strerror}", f"{path}：无法读取：{exc.strerror}")) from None
    if table is None:
        table = {}
    config = Config(path=path, root=os.path.dirname(os.path.abspath(path)))
    for key, value in table.items():
        if key not in KEYS:
            raise ConfigError(t(f"{path}: unknown key '{key}' (known: {', '.join(KEYS)})",
                                f"{path}：未知的键 '{key}'（可用：{', '.join(KEYS)}）"))
        if key in ("select", "ignore", "extend-select", "include", "exclude"):
            setattr(config, key.replace("-", "_"), _strings(path, key, value))
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(t(f"{path}: 'per-file-ignores' must be a table of glob = [codes]",
                                    f"{path}：'per-file-ignores' 必须是“文件模式 = [代码]”的表"))
            config.per_file_ignores = {g: _strings(path, f"per-file-ignores.{g}", v) for g, v in value.items()}
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(t(f"{path}: 'severity' must be a table of rule = level",
                                    f"{path}：'severity' 必须是“规则 = 级别”的表"))
            for name, level in value.items():
                if level not in SEVERITIES:
                    raise ConfigError(t(f"{path}: 'severity.{name}' must be one of {', '.join(SEVERITIES)}",
                                        f"{path}：'severity.{name}' 必须是 {', '.join(SEVERITIES)} 之一"))
                if not any(name in (r.code, r.name) for r in rules):
                    raise ConfigError(t(f"{path}: 'severity.{name}': unknown rule", f"{path}：'severity.{name}'：没有这条规则"))
            config.severity = dict(value)
        elif key == "fail-on":
            if value not in FAIL_LEVELS:
                raise ConfigError(t(f"{path}: 'fail-on' must be one of {', '.join(FAIL_LEVELS)}",
                                    f"{path}：'fail-on' 必须是 {', '.join(FAIL_LEVELS)} 之一"))
            config.fail_on = value
        elif key == "encoding":
            from govlint.reading.source import text_encoding

            try:
                text_encoding(value)
            except ValueError as exc:
                raise ConfigError(f"{path}: 'encoding': {exc}" if lang() == "en" else f"{path}：'encoding'：{exc}") from None
            config.encoding = value
        elif key == "max-file-size":
            from govlint.reading.source import parse_size

            try:
                config.max_file_size = parse_size(value)
            except ValueError as exc:
                raise ConfigError(t(f"{path}: 'max-file-size': {exc}", f"{path}：'max-file-size'：{exc}")) from None
        elif key == "rules":
            config.rules = _rule_options(path, value, rules)
        elif key == "docs-url":
            from govlint.output.rule_pages import is_absolute

            if not isinstance(value, str) or not is_absolute(value):
                raise ConfigError(t(f"{path}: 'docs-url' must be an absolute URL (https://… or file:…)",
                                    f"{path}：'docs-url' 必须是完整网址（https://… 或 file:…）"))
            config.docs_url = value
        elif key == "ignore-findings":
            from govlint.engine.ignores import entries_from

            config.ignore_findings = entries_from(path, value, rules, sidecar=False)
    # Each distinct per-file-ignores code once, named with the first glob that has it.
    per_file: dict[str, str] = {}
    for glob, codes in config.per_file_ignores.items():
        for code in codes:
            per_file.setdefault(code, glob)
    selectors = [("select", config.select), ("ignore", config.ignore), ("extend-select", config.extend_select),
                 *((f"per-file-ignores.{glob}", [code]) for code, glob in per_file.items())]
    for key, values in selectors:
        try:
            select_rules(list(rules), values)
        except SelectionError as exc:
            raise ConfigError(f"{path}: '{key}': {exc}" if lang() == "en" else f"{path}：'{key}'：{exc}") from None
    return config


def _rule_options(path, value, rules) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(t(f"{path}: 'rules' must be a table of rule-name = {{option = value}}",
                            f"{path}：'rules' 必须是“规则名 = {{选项 = 值}}”的表"))
    out = {}
    for name, options in value.items():
        rule = next((r for r in rules if name in (r.code, r.name)), None)
        if rule is None:
            raise ConfigError(t(f"{path}: 'rules.{name}': unknown rule", f"{path}：'rules.{name}'：没有这条规则"))
        if not isinstance(options, dict):
            raise ConfigError(t(f"{path}: 'rules.{name}' must be a table of options", f"{path}：'rules.{name}' 必须是选项表"))
        for option, setting in options.items():
            spec = rule.option(option)
            if spec is None:
                known = ", ".join(item.name for item in rule.option_specs) or "none"
                raise ConfigError(t(f"{path}: 'rules.{name}.{option}': unknown option (rule {rule.name} has: {known})",
                                    f"{path}：'rules.{name}.{option}'：未知选项（规则 {rule.name} 的选项：{known}）"))
            problem = spec.problem(setting)
            if problem is not None:
                raise ConfigError(t(f"{path}: 'rules.{name}.{option}' must be {spec.expected('en')}, not {problem[0]} "
                                    f"(rule {rule.code} {rule.name}, option {option})",
                                    f"{path}：'rules.{name}.{option}' 必须是{spec.expected('zh')}，不能是{problem[1]}"
                                    f"（规则 {rule.code} {rule.name} 的选项 {option}）"))
        out[rule.name] = dict(options)
    return out
