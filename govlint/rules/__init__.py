"""The built-in rules, installed as govlint.rules.

Every module in this package defines one rule or a small family of related
rules with @rule. RULES collects them all; the package is registered in the
`govlint.rules` entry-point group like any third-party rule pack. A module
that fails to import is listed in ERRORS and the others still load.
"""
from __future__ import annotations

import importlib
import os
import pkgutil

from govlint.engine.registry import rules_from

ERRORS: list[str] = []


def _names() -> list[str]:
    """The package's modules, as pkgutil.iter_modules names them; read
    here from the directory, as iter_modules would, since it imports
    inspect (with ast, dis and tokenize: 8 % of a cold start) for one
    function."""
    from importlib.machinery import all_suffixes

    suffixes = sorted(all_suffixes(), key=len, reverse=True)
    names = set()
    for folder in __path__:
        if not os.path.isdir(folder):   # not a directory (a zip file): ask pkgutil
            return sorted({module.name for module in pkgutil.iter_modules(__path__)})
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            stem = next((entry[:-len(suffix)] for suffix in suffixes if entry.endswith(suffix)), None)
            path = os.path.join(folder, entry)
            if stem is None and "." not in entry and os.path.isdir(path) and _is_package(path, suffixes):
                stem = entry
            if stem and stem != "__init__" and "." not in stem:
                names.add(stem)
    return sorted(names)


def _is_package(path: str, suffixes: list[str]) -> bool:
    try:
        return any(entry.startswith("__init__") and entry[len("__init__"):] in suffixes for entry in os.listdir(path))
    except OSError:
        return False


def _collect():
    found = []
    for name in _names():
        if name.startswith("_"):
            continue
        try:
            found.extend(rules_from(importlib.import_module(f"{__name__}.{name}")))
        except Exception as exc:  # one broken module must not take the other rules with it
            ERRORS.append(f"cannot load rule module {name!r}: {type(exc).__name__}: {exc}".replace("\n", " "))
    return found


RULES = _collect()
