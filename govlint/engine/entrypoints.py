"""Entry points of one group, read from the installed distributions' metadata.

importlib.metadata does this and much more, but importing it costs more
than all of govlint's other imports together (about 40 ms), and a linter
that an editor or a pre-commit hook starts for one file cannot afford that.
This reads what the packaging standard puts on disk: the `*.dist-info`
(and legacy `*.egg-info`) directories in each directory on sys.path, and
their entry_points.txt. As with importlib.metadata, the first distribution
of a name on sys.path wins. Distributions inside zip files are not read.
"""

import importlib
import os
import sys
from typing import NamedTuple

_SUFFIXES = (".dist-info", ".egg-info")


class EntryPoint(NamedTuple):
    name: str
    value: str        # "module" or "module:attribute.path"
    group: str
    dist: str         # the distribution's name as written in its metadata directory
    version: str      # "" when the directory name does not carry one

    def load(self):
        module, _, attribute = self.value.partition(":")
        target = importlib.import_module(module.strip())
        for part in filter(None, attribute.strip().split(".")):
            target = getattr(target, part)
        return target


def _normalise(name: str) -> str:
    out, dash = [], False
    for ch in name.lower():
        if ch in "-_.":
            dash = True
            continue
        if dash and out:
            out.append("-")
        dash = False
        out.append(ch)
    return "".join(out)


def _distribution(directory: str) -> tuple[str, str]:
    """("name", "version") from "name-1.0.dist-info" / "name.egg-info"."""
    stem = directory.rsplit(".", 1)[0]
    name, _, rest = stem.partition("-")
    return name, rest.split("-", 1)[0]


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """name = value pairs of one [group] in an entry_points.txt."""
    pairs, inside = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].strip() == group
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            value = value.split("[", 1)[0].strip()      # "module:attr [extra]"
            pairs.append((name.strip(), value))
    return pairs


def entry_points(group: str, path: list[str] | None = None) -> list[EntryPoint]:
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path if path is None else path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:          # not a directory (a zip file, a missing path)
            continue
        for directory in names:
            if not directory.endswith(_SUFFIXES):
                continue
            name, version = _distribution(directory)
            key = _normalise(name)
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(entry or ".", directory, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError):
                continue
            found.extend(EntryPoint(ep_name, value, group, name, version)
                         for ep_name, value in _section(text, group))
    return found
