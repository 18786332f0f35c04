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

Options and fixes are declared on the rule too, so that configuration
loading can check a user's values and the rule's page can list them::

    @rule("L001", "typo", "warning", fix="unsafe", options=(
        Option("ignore", list, [], "words that are right in your reports",
               "本单位报告中正确、不应报告的词"),
    ), zh=...)

A rule receives its options as a dict (option name → value): the default,
or what `[tool.govlint.rules.NAME]` sets. `fix` says what its findings'
fixes are: "none" (it offers none), "safe" (every fix is Fix(..., safe=True)),
"unsafe" (every fix needs --unsafe-fixes) or "mixed" (some of each).
A plain dict (`options={"word": "演示"}`) still declares options, typed by
their defaults and without documentation.
"""

import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

from govlint.model.document import Span
from govlint.model.parts import check_needs
from govlint.patterns import compile_re

SEVERITIES = ("info", "warning", "error")
FIX_SAFETY = ("none", "safe", "unsafe", "mixed")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

CODE_RE = compile_re(r"^[A-Z]{1,3}[0-9]{3}$")                    # from the pattern store (patterns.py)
NAME_RE = compile_re(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


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


# How each option type is named to users: (English, Chinese).
_TYPE_WORDS = {bool: ("a boolean (true or false)", "布尔值（true 或 false）"), int: ("an integer", "整数"),
               float: ("a number", "数字"), str: ("a string", "字符串"), list: ("a list of strings", "字符串列表"),
               dict: ("a table", "表")}
# How a value a user wrote is named when it has the wrong type: TOML's words.
_VALUE_WORDS = {bool: ("a boolean", "布尔值"), int: ("an integer", "整数"), float: ("a float", "小数"),
                str: ("a string", "字符串"), list: ("an array", "数组"), dict: ("a table", "表")}


@dataclass(frozen=True)
class Option:
    """One option of a rule: what `[tool.govlint.rules.NAME]` may set.

    type is bool, int, float, str or list (a list of strings); minimum and
    maximum bound a number; check accepts a string of a given shape, which
    form names (in English and Chinese) for the documentation and errors."""

    name: str
    type: type
    default: object
    doc: str                      # one line, English
    zh: str                       # one line, Chinese
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[object], bool] | None = field(default=None, compare=False, repr=False)
    form: tuple[str, str] | None = None
    # declared in a plain dict of defaults: any name and type, a value right
    # when it has its default's type (an int for a float too)
    by_default: bool = field(default=False, compare=False, repr=False)

    def __post_init__(self):
        if self.by_default:
            return
        if not NAME_RE.match(self.name):
            raise ValueError(f"option name {self.name!r} must be kebab-case")
        if self.type not in _TYPE_WORDS:
            raise ValueError(f"option {self.name!r}: type must be one of bool, int, float, str, list")
        if self.problem(self.default) is not None:
            raise ValueError(f"option {self.name!r}: default {self.default!r} is not {self.expected('en')}")

    def type_words(self, lang: str = "en") -> str:
        if self.by_default and self.type is list:
            words = _VALUE_WORDS[list]           # any array, as the default is
        else:
            words = _TYPE_WORDS.get(self.type, (self.type.__name__, self.type.__name__))
        return words[0 if lang == "en" else 1]

    def expected(self, lang: str = "en") -> str:
        """What the option takes, in words: "an integer from 1 to 100"."""
        en = lang == "en"
        if self.form:
            return self.form[0 if en else 1]
        words = self.type_words(lang)
        low, high = self.minimum, self.maximum
        if low is not None and high is not None:
            return f"{words} from {low:g} to {high:g}" if en else f"{low:g} 到 {high:g} 之间的{words}"
        if low is not None:
            return f"{words} of at least {low:g}" if en else f"不小于 {low:g} 的{words}"
        if high is not None:
            return f"{words} of at most {high:g}" if en else f"不大于 {high:g} 的{words}"
        return words

    def problem(self, value) -> tuple[str, str] | None:
        """None when value is right for this option; else what it is
        instead, in English and Chinese ("an integer", "0")."""
        kind = type(value)
        if self.by_default:
            right = kind is self.type or (self.type is float and kind is int)
        elif self.type is float:
            right = kind in (int, float)
        elif self.type is list:
            right = kind is list and all(type(item) is str for item in value)
        else:
            right = kind is self.type
        if not right:
            if kind is list and self.type is list:
                return "an array with a value that is not a string", "含有非字符串元素的数组"
            return _VALUE_WORDS.get(kind, (f"a {kind.__name__}", kind.__name__))
        if ((self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum)
                or (self.check is not None and not self.check(value))):
            return toml_value(value), f"“{value}”" if isinstance(value, str) else f"“{toml_value(value)}”"
        return None


def declare_options(options) -> tuple[Option, ...]:
    """Options as declared: a sequence of Option, or a plain dict of
    defaults (each typed by its default, undocumented)."""
    if not options:
        return ()
    if isinstance(options, dict):
        return tuple(Option(name, type(default), default, "", "", by_default=True) for name, default in options.items())
    declared = tuple(options)
    if not all(isinstance(item, Option) for item in declared):
        raise ValueError("rule options must be Option declarations or a dict of defaults")
    names = [item.name for item in declared]
    if len(set(names)) != len(names):
        raise ValueError(f"rule options declared twice: {', '.join(names)}")
    return declared


def toml_value(value) -> str:
    """A value as it is written in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + "}"
    return repr(value)


@dataclass(frozen=True)
class Rule:
    """One rule: its code, name, default severity and check, with its
    documentation in both languages and its options."""
    code: str
    name: str
    severity: str
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    doc: str = field(compare=False, repr=False, default="")
    default: bool = True          # enabled unless the user selects otherwise
    options: dict = field(compare=False, default_factory=dict)   # option name → default value
    origin: str = ""              # the module that defines it
    doc_zh: str = field(compare=False, repr=False, default="")   # the Chinese documentation (zh=)
    needs: tuple[str, ...] | None = field(compare=False, default=None)   # parts read (model/parts.py); None: all
    option_specs: tuple = field(compare=False, repr=False, default=())   # the Option declarations
    fix: str = field(compare=False, default="none")      # none | safe | unsafe | mixed (FIX_SAFETY)

    def option(self, name: str) -> Option | None:
        return next((item for item in self.option_specs if item.name == name), None)

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


def cleandoc(doc: str) -> str:
    """inspect.cleandoc(doc): the indentation the second line on shares
    removed, and the blank lines around. Here so that defining the rules
    does not import inspect (and ast, dis, tokenize with it), about a
    tenth of a cold start; tests/test_rule_docs.py checks it agrees with
    inspect.cleandoc on every rule's texts."""
    lines = doc.expandtabs().split("\n")
    margin = sys.maxsize
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            margin = min(margin, len(line) - content)
    lines[0] = lines[0].lstrip()
    if margin < sys.maxsize:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def summary_of(doc: str) -> str:
    """The first line of a documentation text."""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def rule(code: str, name: str, severity: str, *, default: bool = True,
         options: "dict | tuple[Option, ...] | None" = None, zh: str | None = None,
         fix: str = "none", needs: Iterable[str] | None = None) -> Callable[[Callable], Rule]:
    """Declare a rule. The decorated function's docstring is its
    documentation in English, zh its documentation in Chinese; options its
    Option declarations, fix the safety of the fixes it offers; needs names
    the parts of the report model it reads (govlint/model/parts.py)."""
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be a family prefix and three digits, e.g. S001")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if severity not in SEVERITIES:
        raise ValueError(f"rule severity {severity!r} must be one of {SEVERITIES}")
    needs = check_needs(needs)
    if fix not in FIX_SAFETY:
        raise ValueError(f"rule fix {fix!r} must be one of {FIX_SAFETY}")
    specs = declare_options(options)

    def decorate(function: Callable) -> Rule:
        return Rule(code=code, name=name, severity=severity, check=function,
                    doc=cleandoc(function.__doc__ or ""), default=default,
                    options={item.name: item.default for item in specs}, origin=function.__module__,
                    doc_zh=cleandoc(zh or ""), option_specs=specs, fix=fix, needs=needs)

    return decorate
