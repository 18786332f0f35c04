"""The table reader against extractions written by reading each seed report.

corpus/NAME.cells.tsv lists every template cell (official row and column
label, the value written, or blank / unread, and its line), written by a
reviewer reading the report, not by running govlint.
"""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPORTS = sorted(CORPUS.glob("*.txt"))


def expected(report: Path):
    with open(report.with_suffix(".cells.tsv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    cells = {}
    for row in rows:
        value = row["value"]
        if value not in ("blank", "unread"):
            value = float(value)
        cells[(row["table"], row["row"], row["column"])] = (value, int(row["line"]))
    return cells


def extracted(report: Path):
    out = subprocess.run([sys.executable, "-m", "govlint", "extract", str(report)],
                         capture_output=True, text=True, check=True).stdout
    cells = {}
    for cell in json.loads(out)["files"][0]["cells"]:
        if cell["status"] in ("blank", "unread"):
            value = cell["status"]
        else:
            value = float(cell["value"])
        cells[(cell["table"], cell["row_label"], cell["column_label"])] = (value, cell["line"])
    return cells


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem[:3])
def test_extraction_matches_reading(report):
    want, got = expected(report), extracted(report)
    assert sorted(want) == sorted(got), (sorted(set(want) - set(got))[:5], sorted(set(got) - set(want))[:5])
    wrong = {key: (want[key], got[key]) for key in want if want[key] != got[key]}
    assert not wrong, list(wrong.items())[:10]


def test_extract_csv(tmp_path):
    out = subprocess.run([sys.executable, "-m", "govlint", "extract", "--format", "csv",
                          str(CORPUS / "002_b70717b772d0d9c9.txt")], capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(out.splitlines()))
    assert len(rows) == 200
    fee = next(r for r in rows if r["row_label"] == "行政事业性收费")
    assert (fee["value"], fee["line"], fee["col"], fee["column_label"]) == ("14.9", "59", "2", "本年收费金额（单位：万元）")
