"""The rule API: what a rule module defines and what it yields.

A rule is a function decorated with @rule. Its docstring is its
documentation (What it checks / Why it matters / Example / How to fix); the
decorator gives it a stable code, a kebab-case name and a default severity::

    @rule("A002", "web-residue", "warning")
    def check(report, options):
        \"\"\"Web-page chrome pasted into the report. ...\"\"\"
        for match in PATTERN.finditer(report.text):
            yield Finding(Span(match.start(), match.end()), "删除网页残留文字")

Rules read the Report (and its Document) and yield Findings. They never
write anything and never see configuration other than their own options.

Documentation in two languages, kept together with the rule: the
docstring is the English text, `zh=` the Chinese one, each with the same
four parts (What it checks / Why it matters / Example / How to fix, and
检查内容 / 为何重要 / 示例 / 修改方法) after a one-line summary::

    @rule("A002", "web-residue", "warning", zh=\"\"\"
        报告中混入了网页上的文字。

        检查内容：……
        为何重要：……
        示例：……
        修改方法：……
        \"\"\")

`govlint rule`, `govlint rules`, SARIF and docs/rules/ show the text of the
language in use (i18n.py); a rule without `zh=` shows its English text
(tests/test_rules_meta.py requires both of every built-in rule).

What a rule reads beyond the report's structure (text, metadata, title,
sections) it declares with `needs=`, naming parts of the report model
(govlint/model/parts.py: "tables", "periods", "narrative")::

    @rule("T003", "empty-cell", "warning", needs=("tables",), zh=...)

The engine builds the parts the selected rules need, once, before they run;
while a rule runs, reading a part it did not declare raises PartNotBuilt
(a part's own inputs come with it: "narrative" gives "tables" and
"periods" too). When building a part fails, the rules that need it are
skipped and one E997 model-error says which part. A rule that declares
nothing (`needs=None`, the default for rule packs) may read every part,
and makes the engine build them all; built-in rules always declare.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

import regex

from govlint.model.document import Span
from govlint.model.parts import check_needs

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

CODE_RE = regex.compile(r"^[A-Z]{1,3}[0-9]{3}$")
NAME_RE = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class Edit(NamedTuple):
    """Replace the text in span with replacement."""

    span: Span
    replacement: str


class Fix(NamedTuple):
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


class Related(NamedTuple):
    """Another place that explains a finding (e.g. the cells of a sum)."""

    span: Span
    message: str


class Finding(NamedTuple):
    span: Span
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    severity: str | None = None   # a rule may lower/raise severity for one finding
    key: str = ""                 # content fingerprint material (table/row/column, section …)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    doc: str = field(compare=False, repr=False, default="")
    default: bool = True          # enabled unless the user selects otherwise
    options: dict = field(compare=False, default_factory=dict)
    origin: str = ""              # the module that defines it
    doc_zh: str = field(compare=False, repr=False, default="")   # the Chinese documentation (zh=)
    needs: tuple[str, ...] | None = field(compare=False, default=None)   # parts read (model/parts.py); None: all

    @property
    def summary(self) -> str:
        return summary_of(self.doc)

    @property
    def summary_zh(self) -> str:
        return summary_of(self.doc_zh)

    def documentation(self, lang: str | None = None) -> str:
        """The documentation in lang (default: the language in use); the
        English text when the rule has no Chinese one."""
        if lang is None:
            from govlint.i18n import lang as current

            lang = current()
        return self.doc_zh if lang == "zh" and self.doc_zh else self.doc

    def summary_in(self, lang: str | None = None) -> str:
        return summary_of(self.documentation(lang))


def summary_of(doc: str) -> str:
    """The first line of a documentation text."""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def rule(code: str, name: str, severity: str, *, default: bool = True,
         options: dict | None = None, zh: str | None = None,
         needs: Iterable[str] | None = None) -> Callable[[Callable], Rule]:
    """Declare a rule. The decorated function's docstring is its
    documentation in English, zh its documentation in Chinese; needs names
    the parts of the report model it reads (govlint/model/parts.py)."""
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be a family prefix and three digits, e.g. S001")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if severity not in SEVERITIES:
        raise ValueError(f"rule severity {severity!r} must be one of {SEVERITIES}")
    needs = check_needs(needs)

    def decorate(function: Callable) -> Rule:
        return Rule(code=code, name=name, severity=severity, check=function,
                    doc=inspect.cleandoc(function.__doc__ or ""), default=default,
                    options=dict(options or {}), origin=function.__module__,
                    doc_zh=inspect.cleandoc(zh or ""), needs=needs)

    return decorate
