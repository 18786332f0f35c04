"""Editing the tables of a real report, one cell or line at a time, and
reading the table rules' findings: shared by the table rule tests
(tests/rules/test_table_*.py, test_implausible_value.py) and the table
reader's tests (tests/test_tables.py)."""
from __future__ import annotations

from govlint.engine.lint import Options, lint_text

TABLE_RULES = ["T"]


def table_findings(text):
    result = lint_text(text, config=Options(select=TABLE_RULES))
    assert not [d for d in result.diagnostics if d.code.startswith("E")], result.diagnostics
    return sorted((d.code, d.line, d.column) for d in result.diagnostics)


def new_findings(text, mutated):
    """Table findings the mutation adds to those of the original report."""
    before = table_findings(text)
    after = table_findings(mutated)
    for item in before:
        if item in after:
            after.remove(item)
    return after


def field_column(line: str, index: int) -> int:
    """1-based column where tab-separated field `index` starts."""
    return sum(len(f) + 1 for f in line.split("\t")[:index]) + 1


def set_field(text: str, line_no: int, index: int, value: str) -> str:
    lines = text.split("\n")
    fields = lines[line_no - 1].split("\t")
    fields[index] = value
    lines[line_no - 1] = "\t".join(fields)
    return "\n".join(lines)


def replace_line(text: str, line_no: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert old in lines[line_no - 1], lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    return "\n".join(lines)


def line(text: str, line_no: int) -> str:
    return text.split("\n")[line_no - 1]


def extraction(text):
    """Every cell the table reader reads: (table, row, column, status, value)."""
    from govlint.model.document import Document
    from govlint.output.extract import extract_document

    return [(c["table"], c["row"], c["column"], c["status"], c["value"])
            for c in extract_document(Document("t", text))["cells"]]
