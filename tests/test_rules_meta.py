"""Every rule is documented and identified the way the plugin API promises."""
from __future__ import annotations

from govlint.registry import load_rules
from govlint.rule import CODE_RE, NAME_RE, SEVERITIES

SECTIONS = ("What it checks:", "Why it matters:", "Example:", "How to fix:")


def test_builtin_rules_are_found_through_the_entry_point_group():
    ruleset = load_rules(refresh=True)
    assert not ruleset.errors
    codes = {r.code for r in ruleset.rules}
    assert {"S001", "S002", "S003", "S004", "S005", "S006", "S007", "A003"} <= codes
    assert all(r.origin.startswith("govlint.rules.") for r in ruleset.rules if r.code[0] in "SA")


def test_codes_and_names_are_unique_and_well_formed():
    rules = load_rules().rules
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for item in rules:
        assert CODE_RE.match(item.code) and NAME_RE.match(item.name), item
        assert item.severity in SEVERITIES


def test_every_rule_documents_itself():
    for item in load_rules().rules:
        assert item.summary, f"{item.code} has no summary line"
        for section in SECTIONS:
            assert section in item.doc, f"{item.code} {item.name}: docstring lacks {section!r}"
