"""The same report in every layout gives the same findings and the same cells.

Each corpus report is rewritten the ways real input arrives (tests/layouts.py):
(a) every tab and line break removed, (b) one line with single spaces, (c)
one table cell per line, (d) Markdown pipe rows. Every rule's findings (rule,
message and the characters pointed at) and every table cell must be those of
the original, except the rules that read line breaks themselves
(broken-paragraph, page-residue: tests/invariance.py). Then single edits
made inside a collapsed report must be caught at the edited characters.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govlint.engine.lint import Options, lint_text
from invariance import SPACE_BOUND, cells, difference, findings
from layouts import VARIANTS, cells as row_cells, collapsed, spaced

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPORTS = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def originals():
    return {p.name[:3]: (p.read_text(encoding="utf-8"),) for p in REPORTS}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name[:3])
def test_variant_gives_the_same_findings_and_cells(report, variant):
    text = report.read_text(encoding="utf-8")
    changed = VARIANTS[variant](text)
    skip = SPACE_BOUND if variant == "spaced" else frozenset()
    missing, extra = difference(findings(text, skip), findings(changed, skip))
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"
    before, after = cells(text), cells(changed)
    assert len(before) >= 190
    wrong = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert not wrong, sorted(wrong.items(), key=str)[:5]


def test_collapsed_report_is_one_line_and_still_has_six_sections():
    text = collapsed((CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8"))
    assert "\n" not in text
    codes = {d.code for d in lint_text(text, config=Options(select=["S"])).diagnostics}
    assert not codes & {"S001", "S002", "S003", "S004"}, codes


# --------------------------------------------------------------------------
# What a layout loses is said, not guessed

def _cells_without_separators(text: str, joiner: str) -> str:
    """Table rows copied as their cells' texts joined by joiner: an empty
    cell leaves nothing behind (a web table pasted as plain text)."""
    out = []
    for line in text.split("\n"):
        row = row_cells(line)
        out.append(line if row is None else joiner.join(c for c in row if c))
    return "\n".join(out)


@pytest.mark.parametrize("joiner", [" ", ""])
def test_blank_cells_that_a_layout_drops_are_reported_as_unplaceable(joiner):
    # 001: 现行有效件数 is blank in both rows of 第二十条第(一)项: the pipes show
    # where ("| 规章 | 0 | 0 | |"). Without them, "规章 0 0" has two numbers
    # for three columns and nothing says which one is blank: the row is
    # reported as unreadable, not guessed.
    original = (CORPUS / "001_0ab517357debe96d.txt").read_text(encoding="utf-8")
    lined = lint_text(original, config=Options(select=["T"])).diagnostics
    assert [d.code for d in lined] == ["T003", "T003"]
    text = _cells_without_separators(original, joiner)
    for layout in (lambda t: t, collapsed):
        changed = layout(text)
        found = lint_text(changed, config=Options(select=["T"])).diagnostics
        # One finding for the unreadable stretch, not one per row.
        assert [(d.code, changed[d.start:d.end].replace(" ", "").replace("\n", "")) for d in found] == [
            ("T002", "00行政规范性文件00")]
        assert "“规章”到“行政规范性文件”的 2 行" in found[0].message
        assert "应有 3 个" in found[0].message and "空缺" in found[0].message


# --------------------------------------------------------------------------
# Single edits in a collapsed report are caught at the edited characters

@pytest.fixture()
def collapsed_003():
    return collapsed((CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8"))


def _at(text: str, anchor: str, offset: int) -> int:
    position = text.index(anchor)
    return position + len(anchor) + offset


def _edit(text: str, position: int, new: str) -> str:
    return text[:position] + new + text[position + 1:]


def test_a_number_changed_in_table_three(collapsed_003):
    text = collapsed_003
    row = _at(text, "一、本年新收政府信息公开申请数量", 0)
    assert text[row:row + 7] == "0000000"
    changed = _edit(text, row, "1")                       # 自然人 0 → 1
    found = lint_text(changed, config=Options(select=["T"])).diagnostics
    total = changed.index("0", changed.index("总计", changed.index("(七)")))
    assert sorted((d.code, d.start) for d in found) == sorted([
        ("T101", total),                                  # 一 + 二 ≠ （七）总计 + 四, 自然人 column, at 总计
        ("T102", row + 6),                                # row 一: 总计 0 ≠ 1 + 0 + … at its 总计 cell
    ])


def test_a_number_changed_in_table_four(collapsed_003):
    text = collapsed_003
    values = text.index("000000000000000", text.index("复议后起诉"))
    changed = _edit(text, values + 4, "1")                # 行政复议 / 总计 0 → 1
    [finding] = lint_text(changed, config=Options(select=["T"])).diagnostics
    assert (finding.code, finding.start, finding.end) == ("T104", values + 4, values + 5)
    assert "行政复议" in finding.message


def test_a_year_changed_in_the_title(collapsed_003):
    text = collapsed_003
    year = text.index("2023")
    assert year < text.index("一、总体情况")
    changed = text[:year] + "2022" + text[year + 4:]
    found = [d for d in lint_text(changed, config=Options(select=["P"])).diagnostics if d.code == "P002"]
    assert found and all(d.code == "P002" for d in found)
    assert any(changed[d.start:d.end] == "2022" and d.start == year for d in found), found


def test_a_section_heading_removed(collapsed_003):
    text = collapsed_003
    heading = "五、存在的主要问题及改进情况"
    changed = text.replace(heading, "", 1)
    found = lint_text(changed, config=Options(select=["S002"])).diagnostics
    six = changed.index("六、其他需要报告的事项")
    assert [(d.code, d.start) for d in found] == [("S002", six)]
    assert "五、存在的主要问题及改进情况" in found[0].message
