"""Cross-year rules X001–X003 on pairs of consecutive-year reports.

corpus/003 (海阳市卫生健康局, 2023) is this agency's last year; its 2024
report is made from it by changing the year and the cells under test. The
prose of an honest 2024 report is another agency's (corpus/002), so that
only what a test changes can differ from a real pair.
"""
from __future__ import annotations

import itertools

import pytest
import regex

from govlint.model.document import Document
from govlint.engine.lint import Options, lint_document, lint_text
from govlint.model.report import parse_report

from test_cli import govlint
from table_edits import field_column, line, set_field

X = ["X"]
CARRIED_IN, CARRIED_OUT, NEW, GRANTED, PROCESSED = 42, 65, 41, 43, 64
RULES_ROW, NORMATIVE_ROW = 23, 24           # table 二, 第二十条第（一）项
NATURAL, TOTAL = 2, 8                       # tab fields of table 三's columns …
INDENTED = {PROCESSED: 1, CARRIED_OUT: 1}   # … one further right on rows that start with a tab
MADE, REPEALED, IN_FORCE = 1, 2, 3          # tab fields of table 二's columns


def findings(text, previous, *select, previous_path="last.txt"):
    result = lint_text(text, "this.txt", Options(select=list(select or X)),
                       previous=previous, previous_path=previous_path)
    assert not [d for d in result.diagnostics if d.code.startswith("E")], result.diagnostics
    return result.diagnostics


def set_cell(text, row, column, value):
    return set_field(text, row, column + INDENTED.get(row, 0), value)


def positions(diagnostics):
    return sorted((d.code, d.line, d.column) for d in diagnostics)


def section_lines(text, number):
    report = parse_report(Document("t", text))
    section = report.section(number)
    return section.heading.line, report.document.position(section.body.end)[0]


def replace_section(text, number, donor, donor_number=None):
    """text with section number's body taken from donor's section."""
    lines = text.split("\n")
    first, last = section_lines(text, number)
    d_first, d_last = section_lines(donor, donor_number or number)
    body = donor.split("\n")[d_first:d_last - 1]
    return "\n".join(lines[:first] + body + lines[last - 1:])


@pytest.fixture
def last_year(corpus_text):
    """2023: two applications from 自然人 received and carried into 2024;
    three 行政规范性文件 in force."""
    text = corpus_text("003")
    for column in (NATURAL, TOTAL):
        text = set_cell(set_cell(text, NEW, column, "2"), CARRIED_OUT, column, "2")
    text = set_field(set_field(text, NORMATIVE_ROW, MADE, "3"), NORMATIVE_ROW, IN_FORCE, "3")
    return text


def this_year(last, corpus_text, carried_in="2", in_force="4", honest=True):
    """2024 from 2023: year changed; the two carried applications answered
    (予以公开); one new 行政规范性文件; carried_in and in_force as given."""
    text = last.replace("2023", "2024")
    for column in (NATURAL, TOTAL):
        for row, value in ((NEW, "0"), (CARRIED_OUT, "0"), (CARRIED_IN, carried_in), (GRANTED, carried_in),
                           (PROCESSED, carried_in)):
            text = set_cell(text, row, column, value)
    text = set_field(set_field(text, NORMATIVE_ROW, MADE, "1"), NORMATIVE_ROW, IN_FORCE, in_force)
    if honest:
        donor = corpus_text("002")
        for number in (6, 5, 1):
            text = replace_section(text, number, donor)
    return text


def test_consistent_pair_is_quiet(last_year, corpus_text):
    current = this_year(last_year, corpus_text)
    assert findings(current, last_year) == []
    # and this year's own table rules agree that the made-up report adds up
    assert [d.code for d in findings(current, last_year, "T") if d.code in ("T101", "T102", "T103")] == []


def test_no_previous_no_findings(last_year, corpus_text):
    current = this_year(last_year, corpus_text, carried_in="5", in_force="9", honest=False)
    assert lint_text(current, config=Options(select=X)).diagnostics == []


def test_carry_over_mismatch(last_year, corpus_text):
    current = this_year(last_year, corpus_text, carried_in="3")
    found = findings(current, last_year, "X001", previous_path="2023/海阳.txt")
    row = line(current, CARRIED_IN)
    assert positions(found) == [("X001", CARRIED_IN, field_column(row, NATURAL)),
                                ("X001", CARRIED_IN, field_column(row, TOTAL))]
    first = found[0]
    assert first.severity == "error" and first.end_column == first.column + 1
    assert "2024年" in first.message and "2023年" in first.message and "2023/海阳.txt" in first.message
    assert "为 3" in first.message and "为 2" in first.message and "自然人" in first.message


def test_carry_over_compares_only_cells_read_for_certain(last_year, corpus_text):
    current = this_year(last_year, corpus_text, carried_in="3")
    blanked = set_cell(set_cell(last_year, CARRIED_OUT, NATURAL, ""), CARRIED_OUT, TOTAL, "—")
    assert findings(current, blanked, "X001") == []


def test_valid_count_mismatch(last_year, corpus_text):
    current = this_year(last_year, corpus_text, in_force="3")   # 3 + 1 − 0 = 4
    found = findings(current, last_year, "X002")
    assert positions(found) == [("X002", NORMATIVE_ROW, field_column(line(current, NORMATIVE_ROW), IN_FORCE))]
    assert found[0].severity == "warning"
    assert "＝ 4" in found[0].message and "为 3" in found[0].message and "last.txt" in found[0].message
    assert sorted(r["line"] for r in found[0].related) == [NORMATIVE_ROW, NORMATIVE_ROW]


def test_valid_count_only_between_2021_formats(last_year, corpus_text):
    current = this_year(last_year, corpus_text, in_force="3")
    old_format = corpus_text("004")       # a 2019-format report as last year
    assert findings(current, old_format, "X002") == []


def test_recycled_text_and_tables(last_year, corpus_text):
    """2024 is 2023 with the year changed and a sentence edited in 一 and 五."""
    current = this_year(last_year, corpus_text, honest=False)
    current = current.replace("提高政府工作的透明度", "增强政府工作的公开性", 1)
    current = current.replace("坚持政策发布、解疑释惑和回应社会关切", "做好政策解读和舆情回应工作", 1)
    current = set_field(set_field(current, CARRIED_IN, NATURAL, "2"), CARRIED_IN, TOTAL, "2")
    found = findings(current, last_year, "X003")
    headings = [section_lines(current, n)[0] for n in (1, 5, 6)]
    assert positions(found) == [("X003", n, 1) for n in headings]
    assert all("相似度" in d.message and "2023年" in d.message for d in found)

    tables = this_year(last_year, corpus_text)          # honest prose …
    copied = last_year.replace("2023", "2024")          # … and last year's tables
    lines = copied.split("\n")
    first, last = 21, 72
    tables = "\n".join(tables.split("\n")[:first - 1] + lines[first - 1:last] + tables.split("\n")[last:])
    found = findings(tables, last_year, "X003")
    assert positions(found) == [("X003", 21, 1)]          # table 二's first cell
    assert "完全相同" in found[0].message


def test_identical_zero_tables_are_not_recycled(corpus_text):
    """No applications and nothing else to count, two years running."""
    zero = set_field(corpus_text("003"), 30, 1, "0")    # 行政处罚 110 → 0
    current = this_year(zero, corpus_text, carried_in="0", in_force="0")
    current = set_field(current, NORMATIVE_ROW, MADE, "0")
    last = set_field(set_field(zero, NORMATIVE_ROW, MADE, "0"), NORMATIVE_ROW, IN_FORCE, "0")
    assert findings(current, last) == []


def test_same_report_twice_is_not_recycled(last_year):
    assert findings(last_year, last_year, "X003") == []


# --------------------------------------------------------------------------
# The threshold: honest pairs stay under it, recycled pairs exceed it.

NAMES = ("000", "001", "002", "003", "004")
SENTENCE = regex.compile(r"[^。；！？\n]{21,}[。；！？]")


def recycle(text, edits):
    """The same report a year later: years moved on, and `edits` sentences
    of sections 一 and 五 (the first and the last long ones) partly rewritten."""
    text = regex.sub(r"20(\d\d)", lambda m: f"20{int(m.group(1)) + 1:02d}", text)
    report = parse_report(Document("t", text))
    spans = []
    for number in (1, 5):
        section = report.section(number)
        sentences = list(SENTENCE.finditer(text, section.body.start, section.body.end))
        spans += [sentences[0].span(), sentences[-1].span()][:edits]
    for start, end in sorted(spans, reverse=True):
        middle = start + (end - start) // 2
        text = text[:middle] + "进一步加强统筹协调" + text[middle + 9:]
    return text


@pytest.mark.parametrize("previous,current", list(itertools.permutations(NAMES, 2)),
                         ids=lambda n: n)
def test_honest_pairs_are_quiet(corpus_text, previous, current):
    assert findings(corpus_text(current), corpus_text(previous), "X003") == []


@pytest.mark.parametrize("edits", [1, 2])
@pytest.mark.parametrize("name", NAMES)
def test_recycled_pairs_are_reported(corpus_text, name, edits):
    text = corpus_text(name)
    found = findings(recycle(text, edits), text, "X003")
    headings = {section_lines(text, n)[0] for n in (1, 5)}
    assert headings <= {d.line for d in found}, [d.message for d in found]



@pytest.mark.parametrize("name, similarity, expected", [
    # corpus 000 a year later with two sentences of 一 and 五 rewritten: 98% and 97% alike
    ("000", None, [7, 89]),
    ("000", 95, [7, 89]),
    ("000", 99, []),
    # corpus 003: 一 98%, 五 92%, 六 100%
    ("003", None, [5, 74, 80]),
    ("003", 95, [5, 80]),
    ("003", 100, [80]),
])
def test_similarity_option(corpus_text, name, similarity, expected):
    text = corpus_text(name)
    options = {"recycled-text": {"similarity": similarity}} if similarity else {}
    result = lint_text(recycle(text, 2), "this.txt", Options(select=["X003"], rule_options=options),
                       previous=text, previous_path="last.txt")
    sections = [d.line for d in result.diagnostics if "相似度" in d.message]
    assert sections == expected
    assert len(result.diagnostics) == len(sections) + 1         # and the tables, copied whatever the option


# --------------------------------------------------------------------------
# Command line: --previous, automatic pairing, and the corpus.

def test_cli_previous(tmp_path, last_year, corpus_text):
    last = tmp_path / "2023.txt"
    last.write_text(last_year, encoding="utf-8")
    this = tmp_path / "2024.txt"
    current = this_year(last_year, corpus_text, carried_in="3")
    this.write_text(current, encoding="gb18030")        # each file's encoding is detected
    run = govlint("--select", "X", "--previous", last, this)
    assert run.code == 1, run.err
    row = line(current, CARRIED_IN)
    assert [l.split(" ")[0] for l in run.out.splitlines() if "X001" in l] == [
        f"{this}:{CARRIED_IN}:{field_column(row, NATURAL)}:", f"{this}:{CARRIED_IN}:{field_column(row, TOTAL)}:"]
    assert str(last) in run.out
    assert govlint("--select", "X", this).code == 0        # alone: nothing to compare


def test_cli_previous_needs_exactly_one_report(tmp_path, last_year):
    last = tmp_path / "2023.txt"
    last.write_text(last_year, encoding="utf-8")
    run = govlint("--previous", last, last, last)
    assert run.code == 2 and "exactly one" in run.err and run.out == ""
    (tmp_path / "2024.txt").write_text(last_year, encoding="utf-8")
    run = govlint("--previous", last, tmp_path)                 # a folder of two reports
    assert run.code == 2 and "2 given" in run.err


def test_cli_previous_unreadable(tmp_path, last_year):
    this = tmp_path / "2024.txt"
    this.write_text(last_year, encoding="utf-8")
    for bad in (tmp_path / "missing.txt", tmp_path):
        run = govlint("--previous", bad, this)
        assert run.code == 2 and run.out == ""
        assert len(run.err.strip().splitlines()) == 1 and "E001" in run.err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = govlint("--previous", empty, this)
    assert run.code == 2 and "E002" in run.err


def test_directory_pairs_consecutive_years(tmp_path, last_year, corpus_text):
    (tmp_path / "a_2024.txt").write_text(this_year(last_year, corpus_text, carried_in="3"), encoding="utf-8")
    (tmp_path / "b_2023.txt").write_text(last_year, encoding="utf-8")
    run = govlint("--select", "X", tmp_path)
    assert run.code == 1
    paths = [l.split(":")[0] for l in run.out.splitlines() if ": X" in l]
    assert paths == [str(tmp_path / "a_2024.txt")] * 2
    assert str(tmp_path / "b_2023.txt") in run.out.splitlines()[0]    # the message names last year's file
    # the same files named one by one pair the same way, in the order given
    again = govlint("--select", "X", tmp_path / "b_2023.txt", tmp_path / "a_2024.txt")
    assert again.out == run.out


def test_directory_pairing_leaves_other_results_alone(tmp_path, last_year, corpus_text):
    (tmp_path / "a_2024.txt").write_text(this_year(last_year, corpus_text, carried_in="3"), encoding="utf-8")
    (tmp_path / "b_2023.txt").write_text(last_year, encoding="utf-8")
    (tmp_path / "c.txt").write_text(corpus_text("002"), encoding="utf-8")
    together = govlint("--format", "json", tmp_path).json()["files"]
    assert [f["path"] for f in together] == sorted(f["path"] for f in together)
    for result in together:
        alone = govlint("--format", "json", result["path"]).json()["files"][0]
        if result["path"].endswith("a_2024.txt"):
            assert [d for d in result["diagnostics"] if not d["code"].startswith("X")] == alone["diagnostics"]
        else:
            assert result == alone


def test_different_agencies_are_not_paired(tmp_path, last_year, corpus_text):
    other = last_year.replace("海阳市卫生健康局", "莱阳市卫生健康局")
    (tmp_path / "a_2024.txt").write_text(this_year(last_year, corpus_text, carried_in="3"), encoding="utf-8")
    (tmp_path / "b_2023.txt").write_text(other, encoding="utf-8")
    run = govlint("--select", "X", tmp_path)
    assert run.code == 0 and run.out == ""


def test_corpus_is_quiet_for_cross_year_rules():
    from test_cli import CORPUS

    run = govlint("--select", "X", CORPUS)
    assert run.code == 0 and run.out == ""


def test_previous_report_reader_failure_is_contained(last_year, monkeypatch):
    import govlint.engine.lint as engine

    calls = []
    real = engine.parse_report

    def flaky(document):
        calls.append(document.path)
        if document.path == "last":
            raise RuntimeError("boom")
        return real(document)

    monkeypatch.setattr(engine, "parse_report", flaky)
    found = lint_document(Document("this", last_year), Options(select=X), previous=Document("last", last_year))
    assert [d.code for d in found] == ["E999"] and "previous" in found[0].message
