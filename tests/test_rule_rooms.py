"""One room per rule: its code in govlint/rules/NAME.py, its documentation in
the rule's docstring and zh= text (with its declared fix safety and
options), its tests in tests/rules/test_NAME.py, and the rule page and
`govlint rule CODE` naming those paths. A rule added without its tests, its
documentation or its page fails here, saying what is missing."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from govlint.engine.lint import Options, lint_text
from govlint.engine.registry import load_rules
from govlint.output import rule_pages
from govlint.rule import FIX_SAFETY
from test_cli import inprocess

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "govlint" / "rules"
TESTS = ROOT / "tests" / "rules"
CORPUS = ROOT / "corpus"

PARTS_EN = ("What it checks:", "Why it matters:", "Example:", "How to fix:")
PARTS_ZH = ("检查内容：", "为何重要：", "示例：", "修改方法：")
# How a rule test reads real text: a corpus report, a real opening, the text of a real PDF.
REAL_TEXT = re.compile(r"\b(corpus_text|corpus_file|corpus_line|opening|pdf_text)\(|\bCORPUS\b")


def builtin():
    return [r for r in load_rules().rules if r.origin.startswith("govlint.rules.")]


def module_of(item) -> str:
    return item.origin.rsplit(".", 1)[1]


def rule_modules() -> set[str]:
    return {p.stem for p in RULES.glob("*.py") if p.stem != "__init__"}


def test_every_rule_module_has_its_test_room_and_every_room_its_module():
    rooms = {p.stem.removeprefix("test_") for p in TESTS.glob("test_*.py")}
    missing = sorted(rule_modules() - rooms)
    assert not missing, "no tests for " + ", ".join(f"govlint/rules/{m}.py (write tests/rules/test_{m}.py)"
                                                    for m in missing)
    strays = sorted(rooms - rule_modules())
    assert not strays, "tests/rules/ holds tests of no rule module: " + ", ".join(f"test_{s}.py" for s in strays)


def test_every_rule_module_defines_rules():
    """govlint/rules/ holds rules only: what rules share is read in govlint/model/."""
    defining = {module_of(r) for r in builtin()}
    assert rule_modules() - defining == set(), "modules of govlint/rules/ that define no rule"


@pytest.mark.parametrize("code", [r.code for r in builtin()])
def test_the_room_of_each_rule(code):
    item = load_rules().find(code)
    module = module_of(item)
    code_path, tests_path = rule_pages.where(item.origin)
    assert (code_path, tests_path) == (f"govlint/rules/{module}.py", f"tests/rules/test_{module}.py")
    assert (ROOT / code_path).is_file()

    # its tests: in its room, naming it, on real text
    tests = (ROOT / tests_path).read_text(encoding="utf-8")
    assert code in tests, f"{tests_path} never selects {code} {item.name}"
    assert REAL_TEXT.search(tests), f"{tests_path} reads no real report text (corpus/, corpus/openings/, corpus/pdf-text/)"

    # its documentation: both texts with their four parts
    for part in PARTS_EN:
        assert item.doc.count(part) == 1, f"{code}: the docstring lacks {part!r}"
    for part in PARTS_ZH:
        assert item.doc_zh.count(part) == 1, f"{code}: zh= lacks {part!r}"

    # its fix safety and options, declared and documented in both languages
    assert item.fix in FIX_SAFETY
    for option in item.option_specs:
        assert option.doc and option.zh, f"{code}: option {option.name} needs its English and Chinese line"
        assert "\n" not in option.doc + option.zh
        assert option.problem(option.default) is None
        assert item.options[option.name] == option.default

    # its page names the paths and shows the fix safety and the options
    page = (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")
    assert (f"代码 · Code: [{code_path}](../../{code_path}) · 测试 · Tests: [{tests_path}](../../{tests_path})\n"
            in page), f"docs/rules/{code}.md: run `python -m govlint.output.rule_pages`"
    assert f"**Fix safety**: {rule_pages.escape(rule_pages.fix_safety(item.fix, 'en'))}." in page
    assert f"**修复安全性**：{rule_pages.escape(rule_pages.fix_safety(item.fix, 'zh'))}。" in page
    for option in item.option_specs:
        assert page.count(f"| `{option.name}` |") == 2, f"docs/rules/{code}.md does not list option {option.name}"
    if not item.option_specs:
        assert "**Options**: none." in page and "**选项**：无。" in page


def test_govlint_rule_names_the_room_of_every_rule():
    for item in builtin():
        code_path, tests_path = rule_pages.where(item.origin)
        run = inprocess("rule", item.code)
        assert run.code == 0, run.err
        lines = run.out.rstrip("\n").split("\n")
        assert lines[-2:] == [f"Code: {code_path}", f"Tests: {tests_path}"], (item.code, lines[-3:])
        assert f"Fix safety: {rule_pages.fix_safety(item.fix, 'en')}" in run.out
        assert rule_pages.reads_line(item.needs, "en") + "\n" in run.out
        for option in item.option_specs:
            assert f"  {option.name} = " in run.out, (item.code, option.name)


def test_govlint_rules_lists_fix_safety_and_options():
    import json

    listed = {item["code"]: item for item in json.loads(inprocess("rules", "--format", "json").out)["rules"]}
    for item in builtin():
        entry = listed[item.code]
        assert entry["fix"] == item.fix
        assert entry["needs"] == list(item.needs)          # every built-in rule declares what it reads
        assert entry["options"] == [{"name": o.name, "type": o.type.__name__, "default": o.default, "doc": o.doc,
                                     "doc_zh": o.zh} for o in item.option_specs]
    assert [o["name"] for o in listed["P004"]["options"]] == ["township-deadline"]
    assert listed["L001"]["fix"] == "unsafe" and listed["A003"]["fix"] == "safe"
    assert listed["T003"]["needs"] == ["tables"] and listed["S009"]["needs"] == []


def _real_texts():
    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "openings").glob("*.txt")) + \
        sorted((CORPUS / "pdf-text").glob("*.txt"))
    return [pytest.param(p, id=str(p.relative_to(CORPUS))) for p in paths]


@pytest.mark.parametrize("path", _real_texts())
def test_fixes_are_what_the_rule_declares(path):
    """On every real text, each finding's fix is what its rule declares:
    none offers none, safe only safe fixes, unsafe only unsafe ones."""
    rules = {r.code: r for r in load_rules().rules}
    result = lint_text(path.read_text(encoding="utf-8"), str(path), Options(select=["ALL"]))
    for finding in result.diagnostics:
        declared = rules[finding.code].fix
        if declared == "none":
            assert finding.fix is None, (finding.code, finding.line, finding.fix)
        elif declared in ("safe", "unsafe") and finding.fix is not None:
            assert finding.fix["safe"] is (declared == "safe"), (finding.code, finding.line, finding.fix)
