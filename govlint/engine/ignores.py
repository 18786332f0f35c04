"""Ignore entries: one finding accepted deliberately, with its reason.

Report text cannot carry `# noqa` comments, so a finding is accepted by an
entry that names it by file, code and content fingerprint (engine.py: the
rule, what the finding is about and the normalised text, never the line),
with the reason and, if given, who decided and when:

    [[ignore-findings]]                       # govlint.toml; [[tool.govlint.ignore-findings]] in pyproject.toml
    path = "reports/2024.txt"                 # relative to the configuration file
    code = "A001"
    fingerprint = "3f1c0a9e5b7d2c44"
    reason = "原件如此，已核实"
    by = "张三"                                # optional
    date = "2025-03-01"                       # optional
    message = "Word 书签残留…"                  # optional: what was accepted, for the reader

or in a sidecar file next to the report, REPORT.govlint-ignore.toml, the
same entries without `path`. `govlint ignore --code A001 --reason … FILE`
writes them; the language server's "忽略此问题" action writes one.

Baselines accept a whole existing folder at once; ignore entries are
reviewed decisions, one finding each. An entry that no longer matches a
finding of a linted file (for a rule that ran) is stale and is listed on
stderr, as stale baseline entries are. Engine codes (E…) cannot be ignored.
"""
from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass

from govlint.engine.config import SIDECAR_SUFFIX
from govlint.i18n import t
from govlint.patterns import compile_re

KEY = "ignore-findings"
FIELDS = ("path", "code", "fingerprint", "reason", "by", "date", "message")
_FINGERPRINT = compile_re(r"^[0-9a-f]{16}$")


class IgnoreProblem(ValueError):
    """A one-line error of `govlint ignore`."""


@dataclass(frozen=True)
class Entry:
    code: str
    fingerprint: str
    reason: str
    path: str | None = None         # relative to the configuration file's folder; None in a sidecar
    by: str | None = None
    date: str | None = None
    message: str | None = None
    source: str = ""                # the file that holds it

    def key(self) -> tuple[str, str]:
        return self.code, self.fingerprint


def _key_path(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")


def entries_from(source: str, value, rules, sidecar: bool) -> list[Entry]:
    """Validated entries of a configuration (or sidecar) file; ConfigError
    naming the file and the entry otherwise."""
    from govlint.engine.config import ConfigError

    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(t(f"{source}: '{KEY}' must be a list of tables ([[{KEY}]])",
                            f"{source}：'{KEY}' 必须是表的数组（[[{KEY}]]）"))
    codes = {r.code for r in rules}
    names = {r.name: r.code for r in rules}
    entries = []
    for number, item in enumerate(value, 1):
        where = f"{source}: {KEY}[{number}]"
        unknown = [k for k in item if k not in FIELDS]
        if unknown:
            raise ConfigError(t(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(FIELDS)})",
                                f"{where}：未知的键 '{unknown[0]}'（可用：{', '.join(FIELDS)}）"))
        needed = ("code", "fingerprint", "reason") if sidecar else ("path", "code", "fingerprint", "reason")
        for name in needed:
            if not isinstance(item.get(name), str) or not item[name].strip():
                raise ConfigError(t(f"{where}: '{name}' is required (a non-empty string)",
                                    f"{where}：必须有 '{name}'（非空字符串）"))
        code = names.get(item["code"], item["code"])
        if code not in codes:
            raise ConfigError(t(f"{where}: unknown rule '{item['code']}'", f"{where}：没有规则 '{item['code']}'"))
        if not _FINGERPRINT.match(item["fingerprint"]):
            raise ConfigError(t(f"{where}: 'fingerprint' must be 16 hex digits (as in --format json)",
                                f"{where}：'fingerprint' 必须是 16 位十六进制数（见 --format json）"))
        for name in ("by", "date", "message"):
            if name in item and not isinstance(item[name], (str, datetime.date)):
                raise ConfigError(t(f"{where}: '{name}' must be a string", f"{where}：'{name}' 必须是字符串"))
        entries.append(Entry(code, item["fingerprint"], item["reason"].strip(),
                             None if sidecar else item["path"].replace("\\", "/"),
                             item.get("by"), str(item["date"]) if "date" in item else None,
                             item.get("message"), source))
    return entries


def sidecar_for(path: str) -> str:
    return path + SIDECAR_SUFFIX


def load_sidecar(path: str, rules) -> list[Entry]:
    """The entries of a report's sidecar file; [] when it has none."""
    from govlint.engine.config import ConfigError, _toml

    side = sidecar_for(path)
    if path == "-" or not os.path.isfile(side):
        return []
    try:
        with open(side, "rb") as handle:
            data = _toml().loads(handle.read().decode("utf-8-sig"))
    except OSError as exc:
        raise ConfigError(t(f"{side}: cannot read: {exc.strerror}", f"{side}：无法读取：{exc.strerror}")) from None
    except UnicodeDecodeError:
        raise ConfigError(t(f"{side}: not UTF-8", f"{side}：不是 UTF-8")) from None
    except Exception as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(t(f"{side}: invalid TOML: {exc}", f"{side}：TOML 格式错误：{exc}")) from None
    unknown = [k for k in data if k != KEY]
    if unknown:
        raise ConfigError(t(f"{side}: unknown key '{unknown[0]}' (a sidecar holds only [[{KEY}]])",
                            f"{side}：未知的键 '{unknown[0]}'（附属文件只能有 [[{KEY}]]）"))
    return entries_from(side, data.get(KEY, []), rules, sidecar=True)


def entries_for(path: str, config, rules) -> list[Entry]:
    """The entries that apply to one linted file: its configuration's
    entries for its path, and its sidecar's."""
    own = []
    if config.ignore_findings and path != "-":
        key = _key_path(path, config.root)
        own = [e for e in config.ignore_findings if e.path == key]
    return own + load_sidecar(path, rules)


class Ignores:
    """Filter each file's diagnostics through its entries; remember which
    entries matched, to list the stale ones at the end."""

    def __init__(self):
        self.checked: list[Entry] = []
        self.used: set[Entry] = set()

    def apply(self, diagnostics: list, entries: list[Entry], ran: set[str] | None = None) -> list:
        """The diagnostics without the ignored ones; ran: the codes of the
        rules that ran (an entry of a rule that did not run is not stale)."""
        if not entries:
            return diagnostics
        by_key = {e.key(): e for e in entries}
        kept = []
        for d in diagnostics:
            entry = by_key.get((d.code, d.fingerprint))
            if entry is not None and not d.code.startswith("E"):
                self.used.add(entry)
            else:
                kept.append(d)
        self.checked.extend(e for e in entries if ran is None or e.code in ran)
        return kept

    def stale(self) -> list[Entry]:
        seen, out = set(), []
        for entry in self.checked:
            if entry not in self.used and entry not in seen:
                seen.add(entry)
                out.append(entry)
        return out


def report_stale(stale: list[Entry], err) -> None:
    if not stale:
        return
    files = sorted({e.source for e in stale})
    entries = "entry no longer matches" if len(stale) == 1 else "entries no longer match"
    print(t(f"govlint: {len(stale)} ignore {entries} a finding "
            f"(remove {'it' if len(stale) == 1 else 'them'} from {', '.join(files)}):",
            f"govlint: {len(stale)} 条忽略记录已没有对应的问题（请从 {'、'.join(files)} 中删除）："), file=err)
    for entry in stale[:20]:
        where = entry.path or os.path.basename(entry.source[:-len(SIDECAR_SUFFIX)])
        print(f"  {where}: {entry.code} {entry.fingerprint} {entry.message or ''} ({entry.reason})".rstrip(),
              file=err)


# ---------------------------------------------------------------------------
# Writing entries

def _string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def render(entries: list[dict], header: str) -> str:
    out = []
    for entry in entries:
        out.append(f"\n[[{header}]]\n")
        for name in FIELDS:
            if entry.get(name) is not None:
                out.append(f"{name} = {_string(str(entry[name]))}\n")
    return "".join(out)


def target_for(report: str, sidecar: bool, config_path: str | None) -> str:
    """Where `govlint ignore` writes: --config, the sidecar, the nearest
    configuration file, or a new govlint.toml next to the report."""
    from govlint.engine.config import find_config

    if config_path:
        return config_path
    if sidecar:
        return sidecar_for(report)
    found = find_config(os.path.dirname(os.path.abspath(report)))
    return found or os.path.join(os.path.dirname(os.path.abspath(report)), "govlint.toml")


def append(target: str, report: str, found: list[dict], rules) -> int:
    """Append entries for `report` to `target` (created if missing), after
    checking that the result still reads as a valid configuration."""
    from govlint.engine.config import ConfigError, _toml
    from govlint.engine.fix import write_atomic

    try:
        with open(target, "rb") as handle:
            before = handle.read().decode("utf-8")
    except FileNotFoundError:
        before = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise IgnoreProblem(t(f"{target}: cannot read: {exc}", f"{target}：无法读取：{exc}")) from None
    is_sidecar = target.endswith(SIDECAR_SUFFIX)
    try:
        data = _toml().loads(before.removeprefix("\ufeff")) if before else {}   # a BOM stays as written
    except Exception as exc:
        raise IgnoreProblem(t(f"{target}: invalid TOML: {exc}", f"{target}：TOML 格式错误：{exc}")) from None
    if os.path.basename(target) == "pyproject.toml" or "tool" in data:
        header = f"tool.govlint.{KEY}"
    else:
        header = KEY
    root = os.path.dirname(os.path.abspath(target))
    entries = [dict(entry, path=None if is_sidecar else _key_path(report, root)) for entry in found]
    after = before + ("" if not before or before.endswith("\n") else "\n") + render(entries, header)
    try:
        if is_sidecar:
            entries_from(target, _toml().loads(after.removeprefix("\ufeff")).get(KEY, []), rules, sidecar=True)
        else:
            _check_config(target, after, rules)
    except (ConfigError, Exception) as exc:
        raise IgnoreProblem(t(f"{target}: the entries cannot be added: {exc}",
                              f"{target}：无法添加忽略记录：{exc}")) from None
    try:
        write_atomic(target, after.encode("utf-8"))
    except OSError as exc:
        raise IgnoreProblem(t(f"{target}: cannot write: {exc.strerror or exc}",
                              f"{target}：无法写入：{exc.strerror or exc}")) from None
    return len(entries)


def _check_config(target: str, text: str, rules) -> None:
    """The configuration with the new entries must still load."""
    import tempfile

    from govlint.engine.config import load_config

    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, os.path.basename(target))
        with open(copy, "w", encoding="utf-8") as handle:
            handle.write(text)
        load_config(copy, rules)


def ignore_findings(paths: list[str], codes: list[str], reason: str, *, by: str | None = None,
                    sidecar: bool = False, config_path: str | None = None,
                    encoding: str | None = None) -> list[tuple[str, int, int]]:
    """`govlint ignore`: write an entry for each current finding of the
    given codes (not already ignored) of each file; for each file
    (target, entries written, findings of those codes already ignored)."""
    from govlint.engine.check import Configs, Settings, options_for
    from govlint.engine.config import ConfigError
    from govlint.engine.lint import lint_path
    from govlint.reading.files import expand
    from govlint.engine.registry import SelectionError, _matches, load_rules

    rules = load_rules().rules
    wanted = []
    for code in codes:
        if code.startswith("E"):
            raise IgnoreProblem(t(f"--code {code}: engine codes cannot be ignored",
                                  f"--code {code}：引擎代码（E）不能忽略"))
        chosen = [r for r in rules if _matches(r, code)] if code != "ALL" else []
        if not chosen:
            raise IgnoreProblem(t(f"--code: unknown rule or prefix {code!r} (see `govlint rules`)",
                                  f"--code：没有规则或前缀 {code!r}（见 `govlint rules`）"))
        wanted.extend(r.code for r in chosen)
    settings = Settings(paths=tuple(paths), encoding=encoding, config=config_path)
    try:
        configs = Configs(settings, rules)
    except Exception as exc:
        raise IgnoreProblem(str(exc)) from None
    today = datetime.date.today().isoformat()
    written = []
    targets = [target for target in expand(paths) if target.path != "-"]
    if not targets:
        raise IgnoreProblem(t("no files to ignore findings of", "没有可处理的文件"))
    for target in targets:
        try:
            config = configs.for_file(target.path)
            options = options_for(settings, config, target.path)
            options.select, options.ignore, options.extend_select = list(dict.fromkeys(wanted)), None, None
            result = lint_path(target.path, options)
            existing = {e.key() for e in entries_for(target.path, config, rules)}
        except (ConfigError, SelectionError) as exc:
            raise IgnoreProblem(str(exc)) from None
        if result.error and not result.diagnostics[0].code.startswith("E999"):
            raise IgnoreProblem(f"{target.path}: {result.error}")
        found = [{"code": d.code, "fingerprint": d.fingerprint, "reason": reason, "by": by, "date": today,
                  "message": d.message}
                 for d in result.diagnostics
                 if d.code in wanted and (d.code, d.fingerprint) not in existing]
        destination = target_for(target.path, sidecar, config_path)
        already = sum(1 for d in result.diagnostics if d.code in wanted and (d.code, d.fingerprint) in existing)
        if not found:
            written.append((destination, 0, already))
            continue
        written.append((destination, append(destination, target.path, found, rules), already))
        configs = Configs(settings, rules)       # the next file may share the configuration just written
    return written
