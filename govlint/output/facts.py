"""What the office view shows of one report besides its findings.

`report_facts(document, diagnostics)` reads, from a report already linted:
the agency and the reporting year, who publishes it and so its deadline,
the publication date, the table format and every cell of tables 二, 三 and
四, which cells each finding is about, and a short excerpt of the text
around each finding. Everything is plain data (str, int, float, None,
lists and dicts) so that it crosses from a worker process and stays small:
an excerpt is a window around the finding, never the whole line (a crawled
page can be one line of 20,000 characters).

It is computed in the worker that linted the file, from the report the
rules read (engine.lint_bytes(facts=True), batch.Job.facts), for
`govlint --format html` only; a result from the cache is read again.
"""
from __future__ import annotations

from decimal import Decimal

EXCERPT = 60          # characters of context on each side of a finding
HIGHLIGHT = 240       # at most this much of the finding itself is shown
IDENTITY_CODES = ("T101", "T102", "T103", "T104")


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    return value


def cell_key(block, row, column) -> str:
    return f"{block or ''}|{row}|{column}"


def report_facts(document, diagnostics, previous: str | None = None, report=None) -> dict:
    """The facts of one linted report; report is its parsed Report when the
    caller has one (else it is parsed here)."""
    from govlint.model.publisher import publisher
    from govlint.model.report import parse_report

    if report is None:
        report = parse_report(document)
    title = report.title
    periods = report.periods
    year = periods.year or (title.year if title else None)
    agency = title.agency if title else None
    who = publisher(agency)
    deadline = who.deadline(year) if year else None
    published = periods.published
    tables = report.tables
    facts = {
        "title": title.text if title else None,
        "agency": agency,
        "year": year,
        "publisher": who.kind,
        "publisher_why": who.why,
        "deadline": deadline.isoformat() if deadline else None,
        "published": published.date.isoformat() if published else None,
        "published_source": published.source if published else None,
        "format": tables.format,          # told by the marker labels; None when none is written
        "read_as": next((t.format for t in tables.tables.values()), None),   # the template the grid follows
        "tables": {},
        "extra_columns": {},
        # per finding, by its fingerprint (unique in a file, and kept when a
        # baseline drops other findings): the cells it is about, per table
        # ({"三": [key, …]}), and [before, the finding's text, after]
        "cells": {},
        "excerpts": {},
        "previous": previous,
    }
    by_span: dict[tuple[int, int], list[tuple[str, str]]] = {}
    by_position: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for numeral in ("二", "三", "四"):
        table = tables.tables.get(numeral)
        if table is None:
            continue
        cells = {}
        for cell in table.all_cells():
            key = cell_key(cell.block, cell.row, cell.column)
            line = document.position(cell.span.start)[0] if cell.span is not None else None
            cells[key] = [cell.status, _number(cell.value), cell.raw, line]
            if cell.span is not None and cell.raw:       # a blank cell has its row's span, not its own
                by_span.setdefault((cell.span.start, cell.span.end), []).append((numeral, key))
                by_position.setdefault(document.position(cell.span.start), []).append((numeral, key))
        facts["tables"][numeral] = cells
        if numeral == "三":
            facts["extra_columns"][numeral] = [[c.key, c.label] for c in table.columns]
    for d in diagnostics:
        if not d.code.startswith("E"):
            facts["excerpts"][d.fingerprint] = _excerpt(document.text, d)
        involved = list(by_span.get((d.start, d.end), ()))
        if d.code in IDENTITY_CODES or d.code.startswith("X"):
            for related in d.related:
                involved.extend(by_position.get((related["line"], related["column"]), ()))
        if involved:
            grouped: dict[str, list[str]] = {}
            for numeral, key in involved:
                if key not in grouped.setdefault(numeral, []):
                    grouped[numeral].append(key)
            facts["cells"][d.fingerprint] = grouped
    return facts


def _excerpt(text: str, d) -> list[str] | None:
    """[before, the finding, after]: the finding's text with up to EXCERPT
    characters around it on its own lines."""
    start, end = max(0, min(d.start, len(text))), max(0, min(d.end, len(text)))
    if not text:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before_start = max(line_start, start - EXCERPT)
    after_end = min(line_end, end + EXCERPT)
    hit = text[start:end]
    before = ("…" if before_start > line_start else "") + text[before_start:start]
    if len(hit) > HIGHLIGHT:
        return [before, hit[:HIGHLIGHT] + "…", ""]
    after = text[end:after_end] + ("…" if after_end < line_end else "")
    return [before, hit, after]


def safe_facts(document, diagnostics, report=None, previous: str | None = None) -> dict | None:
    """report_facts, or None when reading them fails: the summary must
    never take the run down, and shows that report's findings alone."""
    try:
        return report_facts(document, diagnostics, previous, report)
    except Exception:
        return None


def facts_for(data: bytes, path: str, encoding: str | None, diagnostics, previous: str | None = None):
    """report_facts for a file's bytes (a result from the cache, which
    keeps findings only); None when it cannot be read (its error is among
    the findings)."""
    from govlint.reading import read_document
    from govlint.reading.source import InputError

    try:
        document = read_document(data, path, encoding)
    except InputError:
        return None
    except Exception:
        return None
    return safe_facts(document, diagnostics, previous=previous)
