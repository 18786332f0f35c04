"""Every rule is documented and identified the way the plugin API promises."""
from __future__ import annotations

from govlint.engine.registry import load_rules
from govlint.rule import CODE_RE, NAME_RE, SEVERITIES

SECTIONS = ("What it checks:", "Why it matters:", "Example:", "How to fix:")
SECTIONS_ZH = ("检查内容：", "为何重要：", "示例：", "修改方法：")
HOW_TO_ADD = ("add the Chinese text next to the English docstring: @rule(CODE, NAME, SEVERITY, zh=r\"\"\" "
              "summary / 检查内容：… / 为何重要：… / 示例：… / 修改方法：… \"\"\") (README: Writing a rule "
              "pack), then run `python -m govlint.output.rule_pages` to write its page")


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


def test_every_rule_has_both_texts():
    """One place holds both texts of a rule's documentation: its English
    docstring and its Chinese zh=, with the same four parts. A rule added
    without a Chinese text fails here, saying how to add it."""
    missing = [f"{r.code} {r.name}" for r in load_rules().rules if not r.doc_zh.strip()]
    assert not missing, f"no Chinese documentation for {', '.join(missing)}: {HOW_TO_ADD}"
    for item in load_rules().rules:
        assert item.summary_zh and not item.summary_zh.startswith(SECTIONS_ZH), item.code
        for section in SECTIONS_ZH:
            assert item.doc_zh.count(section) == 1, f"{item.code} {item.name}: zh= lacks {section!r}: {HOW_TO_ADD}"
        assert item.documentation("zh") == item.doc_zh and item.documentation("en") == item.doc
        # both texts show the same example and fix: the Chinese text quotes the English one's Chinese words
        example_en = item.doc.split("Example:", 1)[1].split("How to fix:", 1)[0]
        example_zh = item.doc_zh.split("示例：", 1)[1].split("修改方法：", 1)[0]
        quoted = [w for w in __import__("re").findall(r"[\u4e00-\u9fff]{4,}", example_en)]
        assert all(w in example_zh.replace("\n", "").replace(" ", "") for w in quoted[:3]), (item.code, quoted)


def test_a_rule_without_chinese_text_fails_the_check_clearly():
    """What a rule author from another branch sees: the check names the rule."""
    from govlint.rule import rule

    @rule("Z901", "demo-only-english", "warning")
    def demo(report, options):
        """English only.

        What it checks: x. Why it matters: y. Example: z. How to fix: w.
        """
        return ()

    assert demo.doc_zh == "" and demo.documentation("zh") == demo.doc      # shown in English meanwhile
    missing = [f"{r.code} {r.name}" for r in [*load_rules().rules, demo] if not r.doc_zh.strip()]
    assert missing == ["Z901 demo-only-english"]


def test_every_engine_code_has_both_texts():
    from govlint.engine.lint import ENGINE_CODES

    for code, entry in ENGINE_CODES.items():
        name, doc = entry                              # unpacks as it always has
        assert name == entry.name and doc == entry.doc
        assert entry.zh and entry.zh != entry.doc and entry.summary_in("zh") and entry.summary_in("en"), code
        assert all("\u4e00" <= ch <= "\u9fff" for ch in entry.summary_in("zh")[:2]) or entry.zh[0].isascii(), code


# The public interface: codes, names, default severities and defaults never
# change silently (a code never changes meaning once released).
PUBLIC = [
    ("A001", "conversion-artifact", "warning", True),
    ("A002", "web-residue", "warning", True),
    ("A003", "broken-paragraph", "warning", True),
    ("A004", "page-residue", "warning", True),
    ("A005", "placeholder", "error", True),
    ("A006", "garbled-text", "error", True),
    ("C001", "narrative-mismatch", "error", True),
    ("C002", "percentage-mismatch", "warning", True),
    ("C003", "missing-overview-topic", "info", True),
    ("C004", "narrative-sum", "warning", True),
    ("C005", "agency-mismatch", "warning", True),
    ("C006", "missing-accountability-results", "warning", True),
    ("L001", "typo", "warning", True),
    ("L002", "word-usage", "warning", True),
    ("L003", "stray-space", "warning", True),
    ("L004", "mixed-punctuation", "info", True),
    ("L005", "digit-spacing", "info", False),
    ("P001", "missing-report-year", "error", True),
    ("P002", "year-mismatch", "error", True),
    ("P003", "period-not-calendar-year", "error", True),
    ("P004", "late-publication", "error", True),
    ("P005", "outdated-format", "error", True),
    ("P006", "mixed-format", "error", True),
    ("P007", "format-citation", "warning", True),
    ("S001", "missing-title", "error", True),
    ("S002", "missing-section", "error", True),
    ("S003", "section-order", "error", True),
    ("S004", "duplicate-section", "error", True),
    ("S005", "section-numbering", "warning", True),
    ("S006", "heading-variant", "info", True),
    ("S007", "empty-section", "error", True),
    ("S008", "missing-body", "error", True),
    ("S009", "list-numbering", "warning", True),
    ("T001", "missing-table", "error", True),
    ("T002", "table-shape", "error", True),
    ("T003", "empty-cell", "warning", True),
    ("T004", "non-numeric-cell", "error", True),
    ("T101", "balance-mismatch", "error", True),
    ("T102", "applicant-total-mismatch", "error", True),
    ("T103", "outcome-total-mismatch", "error", True),
    ("T104", "review-total-mismatch", "error", True),
    ("T201", "label-mismatch", "warning", True),
    ("T202", "implausible-value", "warning", True),
    ("X001", "carry-over-mismatch", "error", True),
    ("X002", "valid-count-mismatch", "warning", True),
    ("X003", "recycled-text", "warning", True),
]


def test_public_codes_names_and_severities():
    builtin = [(r.code, r.name, r.severity, r.default) for r in load_rules().rules
               if r.origin.startswith("govlint.rules.")]
    assert builtin == PUBLIC
