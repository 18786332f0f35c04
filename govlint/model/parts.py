"""The parts of the report model, by name: what a rule may declare it reads.

A report's structure (the text, the metadata block, the title, the six
sections) is always read, and so are the small readings of that structure
the model keeps on the report (prose spans, ordinal lists, page numbers,
the text with wrapped lines joined). The readings that cost a pass over
the tables or the prose are parts:

    tables     the statistical tables 二, 三 and 四, read into the template
               (model/tables.py)
    periods    the reporting year, the statistical period and the
               publication date (model/periods.py)
    narrative  the counts, shares and totals the prose states for the
               reporting year, and the table cells each one is about
               (model/narrative.py); read from tables and periods

A rule names the parts it reads: `@rule(..., needs=("tables", "narrative"))`
(govlint/rule.py). Before the rules run, the engine builds the parts the
selected rules need, with the parts each is read from (model/build.py); a
rule that declares nothing gets every part. While a rule runs, reading a
part it did not declare (or one its declared parts are not read from)
raises PartNotBuilt, which names the part.

This module only names things: it imports nothing of the model, so that
govlint.rule can check a rule's declaration at import time for free.
"""

from typing import NamedTuple


class Part(NamedTuple):
    name: str
    summary: str                    # for messages: what the part is, in Chinese
    after: tuple[str, ...] = ()     # the parts it is read from


# In dependency order: each part comes after the parts it is read from.
PARTS: dict[str, Part] = {part.name: part for part in (
    Part("tables", "统计表"),
    Part("periods", "报告年度、统计期限和发布日期"),
    Part("narrative", "正文中与表格对照的数字", after=("tables", "periods")),
)}
EVERYTHING = frozenset(PARTS)


class PartNotBuilt(LookupError):
    """Code read a part of the report model that it may not read (a rule
    that did not declare it), or that could not be read (failure is then
    the error reading it raised)."""

    def __init__(self, part: str, failure: BaseException | None = None):
        self.part = part
        self.failure = failure
        if failure is not None:
            message = f"report part {part!r} could not be read: {type(failure).__name__}: {failure}"
        else:
            message = (f"report part {part!r} was not declared: a rule that reads it must say so, "
                       f"@rule(..., needs=({part!r}, ...))")
        super().__init__(message)


def check_needs(needs) -> tuple[str, ...] | None:
    """A rule's declaration as a tuple of known part names (None: it
    declared nothing). Raises ValueError naming an unknown part."""
    if needs is None:
        return None
    if isinstance(needs, str):
        needs = (needs,)
    needs = tuple(needs)
    unknown = [name for name in needs if name not in PARTS]
    if unknown:
        raise ValueError(f"unknown report part(s) {', '.join(map(repr, unknown))}: "
                         f"a rule may need {', '.join(PARTS)}")
    return needs


_CLOSURES: dict[tuple[str, ...], frozenset[str]] = {}


def closure(needs) -> frozenset[str]:
    """The parts needs names and every part they are read from (None:
    every part). Asked for each rule and file: a rule's tuple is answered
    from a memo."""
    if needs is None:
        return EVERYTHING
    if type(needs) is tuple:
        found = _CLOSURES.get(needs)
        if found is None:
            found = _CLOSURES[needs] = _closure(needs)
        return found
    return _closure(needs)


def _closure(needs) -> frozenset[str]:
    found: set[str] = set()
    stack = list(needs)
    while stack:
        name = stack.pop()
        if name not in found:
            found.add(name)
            stack.extend(PARTS[name].after)
    return frozenset(found)


def in_order(names) -> list[str]:
    """names in the order they are built (each after the parts it is read from)."""
    return [name for name in PARTS if name in names]
