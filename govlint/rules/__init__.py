"""The built-in rules, installed as govlint.rules.

Every module in this package defines one rule or a small family of related
rules with @rule. RULES collects them all; the package is registered in the
`govlint.rules` entry-point group like any third-party rule pack. A module
that fails to import is listed in ERRORS and the others still load.
"""
from __future__ import annotations

import importlib
import pkgutil

from govlint.engine.registry import rules_from

ERRORS: list[str] = []


def _collect():
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        try:
            found.extend(rules_from(importlib.import_module(f"{__name__}.{module.name}")))
        except Exception as exc:  # one broken module must not take the other rules with it
            ERRORS.append(f"cannot load rule module {module.name!r}: {type(exc).__name__}: {exc}".replace("\n", " "))
    return found


RULES = _collect()
