"""Tables as data: every cell with its official labels, value and position.

`govlint extract REPORT… [--format json|csv|xlsx]` (the spreadsheet
writers are in output/spreadsheet.py). Evaluators build datasets
from this; it also makes the table reader's accuracy testable.
"""
from __future__ import annotations

import json
from decimal import Decimal

from govlint.model.document import Document
from govlint.model.report import parse_report
from govlint.reading.source import InputError, read_path

def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    return value


def extract_document(document: Document) -> dict:

    report = parse_report(document)
    tables = report.tables
    cells = []
    for numeral in ("二", "三", "四"):
        table = tables.tables.get(numeral)
        if table is None:
            continue
        for cell in table.all_cells():
            line = col = end_line = end_col = None
            original = None
            if cell.span is not None:
                line, col = document.position(cell.span.start)
                end_line, end_col = document.position(cell.span.end)
                if document.origin is not None:
                    original = document.origin.original(cell.span.start)
            entry = {"table": numeral, "block": cell.block, "row": cell.row, "column": cell.column,
                     "row_label": cell.row_label, "column_label": cell.column_label,
                     "value": _number(cell.value), "raw": cell.raw, "status": cell.status,
                     "line": line, "col": col, "end_line": end_line, "end_col": end_col}
            if document.origin is not None:
                entry["original"] = original
            cells.append(entry)
    title = report.title
    # agency and year as read from the report (the year the report states
    # most often, the title's breaking ties); template: the format whose
    # grid the cells were read into (format is None when no marker label
    # tells it, and the year's format is used).
    return {"agency": title.agency if title else None,
            "year": report.periods.year or (title.year if title else None),
            "format": tables.format, "template": next((t.format for t in tables.tables.values()), None),
            "tables": sorted(tables.tables), "cells": cells}


def extract_path(path: str, encoding: str | None = None) -> dict:
    """Cells of a report in any format govlint reads (readers/); positions
    are against the text rendering, and `original` (for a .docx, .pdf or
    .html) says where each cell is in the file."""
    from govlint.engine.lint import file_encoding
    from govlint.reading import read_document

    try:
        document = read_document(read_path(path), path, encoding)
    except InputError as error:
        return {"path": path, "encoding": None, "error": f"{error.code} {error.message}", "agency": None,
                "year": None, "format": None, "template": None, "tables": [], "cells": []}
    result = extract_document(document)
    out = {"path": path, "encoding": file_encoding(document), "error": None, **result}
    if document.origin is not None:
        out["file_format"] = document.origin.format     # docx / pdf / html ("format" is the tables' format)
    return out


def render_json(results: list[dict]) -> str:
    return json.dumps({"version": 1, "files": results}, ensure_ascii=False, indent=2) + "\n"


def render_csv(results: list[dict]) -> str:
    """One tidy table (output/spreadsheet.py): UTF-8 text with a BOM."""
    from govlint.output.spreadsheet import render_csv as render

    return render(results)
