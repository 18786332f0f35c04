"""The built-in rules, installed as govlint.rules.

Every module in this package defines one rule or a small family of related
rules with @rule. RULES collects them all; the package is registered in the
`govlint.rules` entry-point group like any third-party rule pack.
"""
from __future__ import annotations

import importlib
import pkgutil

from govlint.registry import rules_from


def _collect():
    found = []
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            found.extend(rules_from(importlib.import_module(f"{__name__}.{module.name}")))
    return found


RULES = _collect()
