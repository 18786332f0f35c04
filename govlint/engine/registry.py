"""Find rules through the `govlint.rules` entry-point group and select them.

Built-in rules are registered in pyproject.toml exactly like a third-party
pack would be, and are also loaded directly: run from a source checkout
(`python -m govlint` without installing) there is no installed metadata, and
a linter that silently loads no rule passes everything. An entry point may
name a Rule, an iterable of Rules, or a module; a module contributes its
RULES list if it has one, otherwise every Rule among its attributes.
"""
from __future__ import annotations

import types
from dataclasses import dataclass, field

from govlint.engine.entrypoints import EntryPoint, entry_points
from govlint.rule import Rule

GROUP = "govlint.rules"
BUILTIN = "govlint.rules"     # the built-in pack's module


@dataclass
class RuleSet:
    """The rules loaded from every pack, and the packs that failed to load."""
    rules: list[Rule] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)   # packs that failed to load

    def find(self, key: str) -> Rule | None:
        return next((r for r in self.rules if key in (r.code, r.name)), None)


def rules_from(obj) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, types.ModuleType):
        if hasattr(obj, "RULES"):
            return rules_from(obj.RULES)
        return [value for value in vars(obj).values() if isinstance(value, Rule)]
    try:
        return [r for item in obj for r in rules_from(item)]
    except TypeError:
        return []


_CACHE: RuleSet | None = None


def load_rules(refresh: bool = False) -> RuleSet:
    global _CACHE
    if _CACHE is not None and not refresh:
        return _CACHE
    ruleset = RuleSet()
    seen: dict[str, Rule] = {}
    for entry in packs():
        try:
            pack = entry.load()
            loaded = rules_from(pack)
            ruleset.errors.extend(getattr(pack, "ERRORS", []) or [])
        except Exception as exc:  # a broken pack must not stop the others
            ruleset.errors.append(f"cannot load rule pack {entry.name!r} ({entry.value}): "
                                  f"{type(exc).__name__}: {exc}".replace("\n", " "))
            continue
        for item in loaded:
            clash = seen.get(item.code) or next((r for r in seen.values() if r.name == item.name), None)
            if clash:
                ruleset.errors.append(f"rule {item.code} {item.name} from pack {entry.name!r} "
                                      f"clashes with {clash.code} {clash.name}; skipped")
                continue
            seen[item.code] = item
            ruleset.rules.append(item)
    ruleset.rules.sort(key=lambda r: r.code)
    _CACHE = ruleset
    return ruleset


def packs() -> list[EntryPoint]:
    """The built-in pack first (whether or not its entry point is
    installed), then the others by name; the built-in module only once."""
    builtin = EntryPoint("builtin", BUILTIN, GROUP, "govlint", "")
    others = [e for e in entry_points(group=GROUP) if e.value.split(":", 1)[0].strip() != BUILTIN]
    return [builtin, *sorted(others, key=lambda e: e.name)]


class SelectionError(ValueError):
    pass


def _matches(rule: Rule, selector: str) -> bool:
    return selector == "ALL" or rule.name == selector or rule.code.startswith(selector)


def select_rules(rules: list[Rule], select: list[str] | None = None,
                 ignore: list[str] | None = None, extend_select: list[str] | None = None) -> list[Rule]:
    """Rules enabled by select/ignore. Selectors are codes, code prefixes
    (a whole family, e.g. "A") or names; "ALL" selects every rule."""
    for selector in [*(select or []), *(ignore or []), *(extend_select or [])]:
        if not any(_matches(r, selector) for r in rules):
            from govlint.i18n import t

            raise SelectionError(t(f"unknown rule or prefix {selector!r} (see `govlint rules`)",
                                   f"没有规则或前缀 {selector!r}（见 `govlint rules`）"))
    if select:
        chosen = [r for r in rules if any(_matches(r, s) for s in select)]
    else:
        chosen = [r for r in rules if r.default]
    for r in rules:
        if extend_select and r not in chosen and any(_matches(r, s) for s in extend_select):
            chosen.append(r)
    if ignore:
        chosen = [r for r in chosen if not any(_matches(r, s) for s in ignore)]
    return sorted(chosen, key=lambda r: r.code)
