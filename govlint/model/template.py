"""The official template (data/template.json) as objects, per format.

Each format ("2019" trial format, "2021" revision) sees the elements marked
for it, or marked for neither (both). Labels are compared folded (width,
spaces and quotes unified, see text.fold).
"""

import json
import pkgutil
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from govlint.model.text import fold

FORMATS = ("2019", "2021")


@dataclass(frozen=True)
class Label:
    """One label of the official tables' template: its key, its official
    wording and that wording folded for matching."""
    key: str
    label: str
    folded: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def flag(self, name: str):
        return self.extra.get(name)


class Block(NamedTuple):
    key: str
    header: str
    columns: tuple[Label, ...]
    rows: tuple[Label, ...]


class Template(NamedTuple):
    format: str
    name: str
    document: str
    years: tuple
    markers: tuple[str, ...]
    blocks: tuple[Block, ...]                 # table 二
    t2_headers: tuple[str, ...]
    t2_checks: tuple[dict, ...]
    t3_headers: tuple[str, ...]
    t3_groups: tuple[str, ...]
    t3_columns: tuple[Label, ...]
    t3_rows: tuple[Label, ...]
    t3_identities: tuple[dict, ...]
    t4_headers: tuple[str, ...]
    t4_groups: tuple[Label, ...]
    t4_columns: tuple[Label, ...]
    t4_identities: tuple[dict, ...]

    def applies_to(self, year: int) -> bool:
        first, last = self.years
        return year >= first and (last is None or year <= last)


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(pkgutil.get_data("govlint", "data/template.json").decode("utf-8"))


def _for(items, fmt):
    for item in items:
        if isinstance(item, dict) and fmt not in item.get("formats", FORMATS):
            continue
        yield item


def _labels(items, fmt) -> tuple[Label, ...]:
    return tuple(Label(i["key"], i["label"], fold(i["label"]),
                       {k: v for k, v in i.items() if k not in ("key", "label", "formats")})
                 for i in _for(items, fmt))


@lru_cache(maxsize=2)
def template(fmt: str) -> Template:
    data = _data()
    meta = data["formats"][fmt]
    t2, t3, t4 = data["tables"]["二"], data["tables"]["三"], data["tables"]["四"]
    blocks = tuple(Block(b["key"], b["header"], _labels(b["columns"], fmt), _labels(b["rows"], fmt))
                   for b in _for(t2["blocks"], fmt))
    groups = tuple(g if isinstance(g, str) else g["label"] for g in _for(t3["groups"], fmt))
    return Template(
        format=fmt, name=meta["name"], document=meta["document"], years=tuple(meta["years"]),
        markers=tuple(meta["markers"]), blocks=blocks, t2_headers=tuple(t2["headers"]),
        t2_checks=tuple(_for(t2.get("checks", []), fmt)),
        t3_headers=tuple(t3["headers"]), t3_groups=groups, t3_columns=_labels(t3["columns"], fmt),
        t3_rows=_labels(t3["rows"], fmt), t3_identities=tuple(_for(t3["identities"], fmt)),
        t4_headers=tuple(t4["headers"]), t4_groups=_labels(t4["groups"], fmt),
        t4_columns=_labels(t4["columns"], fmt), t4_identities=tuple(_for(t4["identities"], fmt)),
    )


def format_for_year(year: int) -> str:
    return "2019" if year < 2021 else "2021"
