"""Tables for spreadsheets: `govlint extract --format csv|xlsx reports/`.

The CSV is read back with the csv module and the workbook with openpyxl,
and both are compared with `govlint extract --format json` of the same
folder (tests/office_folder.py): every cell, its labels, value and status,
and the report's agency, year and format.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import office_folder as folder_
from workflow import ROOT, govlint

from govlint.output.spreadsheet import FIELDS, XLSX_FIELDS, grid_columns

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    base = tmp_path_factory.mktemp("extract")
    names = folder_.build(base / "reports")
    as_json = govlint("extract", "reports", cwd=base)
    assert as_json.code == 2 and as_json.err.count("\n") == 2, as_json.err     # the two unreadable files
    files = as_json.json()["files"]
    assert sorted(f["path"] for f in files) == sorted(f"reports/{n}" for n in names)
    for fmt in ("csv", "xlsx"):
        run = govlint("extract", "--format", fmt, "-o", f"cells.{fmt}", "reports", cwd=base)
        assert run.code == 2 and run.out == "" and run.err == as_json.err, (fmt, run.err)
    return base, files


def _keyed(files):
    return {(f["path"], c["table"], c["block"], c["row"], c["column"]): (f, c) for f in files for c in f["cells"]}


def test_csv_is_one_tidy_table_excel_reads(extracted):
    base, files = extracted
    data = (base / "cells.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")                 # UTF-8 with a BOM: Excel shows the Chinese
    with open(base / "cells.csv", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [dict(zip(header, line)) for line in reader]
    assert tuple(header) == FIELDS and header[:4] == ["path", "agency", "year", "format"]
    assert not any(r["path"] == "path" for r in rows)        # one header row
    expected = _keyed(files)
    assert len(rows) == len(expected) > 2000
    for row in rows:
        f, c = expected[(row["path"], row["table"], row["block_key"] or None, row["row"], row["column"])]
        assert row["agency"] == (f["agency"] or "") and row["year"] == str(f["year"] or "")
        assert row["format"] == (f["format"] or f["template"] or "")
        assert (row["row_label"], row["column_label"], row["status"], row["raw"]) == (
            c["row_label"], c["column_label"], c["status"], c["raw"])
        assert row["value"] == ("" if c["value"] is None else str(c["value"]))
        assert row["line"] == str(c["line"] or "")
        if c["table"] == "二":
            assert row["block"].startswith("第二十条第（")
    statuses = {r["status"] for r in rows}
    assert {"number", "blank"} <= statuses
    by_path = {r["path"] for r in rows}
    assert "reports/word/003.docx" in by_path and "reports/pdf/001.pdf" in by_path
    docx = next(r for r in rows if r["path"] == "reports/word/003.docx")
    assert docx["original"].startswith("table ")             # where the cell is in the Word file


def test_csv_to_standard_output():
    run = govlint("extract", "--format", "csv", ROOT / "corpus" / "002_b70717b772d0d9c9.txt")
    assert run.code == 0
    assert run.out.startswith("\ufeffpath,agency,year,format,table,")
    lines = run.out[1:].split("\r\n")
    assert lines[-1] == "" and len(lines) == 1 + 200 + 1
    fee = next(r for r in csv.DictReader(lines) if r["row_label"] == "行政事业性收费")
    assert (fee["agency"], fee["year"], fee["value"], fee["line"]) == ("前进区卫生健康局", "2024", "14.9", "59")


def test_xlsx_long_sheet_and_files_sheet(extracted):
    base, files = extracted
    book = openpyxl.load_workbook(base / "cells.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["单元格", "文件"]
    long = list(book["单元格"].iter_rows(values_only=True))
    assert long[0] == ("文件", "机关", "年度", "格式", "表", "栏目", "行", "列", "数值", "状态", "原文", "行号")
    index = {name: i for i, name in enumerate(XLSX_FIELDS)}
    expected = {(f["path"], c["table"], c["row_label"], c["column_label"]): (f, c) for f in files for c in f["cells"]}
    assert len(long) - 1 == len(expected) == sum(len(f["cells"]) for f in files)
    for line in long[1:]:
        line = line + (None,) * (len(XLSX_FIELDS) - len(line))      # trailing empty cells are not stored
        key = (line[index["path"]], line[index["table"]], line[index["row_label"]], line[index["column_label"]])
        f, c = expected[key]
        value = line[index["value"]]
        assert value == c["value"]
        if c["status"] == "number":
            assert isinstance(value, (int, float)) and not isinstance(value, bool)   # numbers stored as numbers
        assert line[index["year"]] == f["year"] and line[index["line"]] == c["line"]
        assert line[index["status"]] == c["status"]
    listed = list(book["文件"].iter_rows(values_only=True))
    assert [r[0] for r in listed[1:]] == [f["path"] for f in files]
    errors = {r[0]: r[6] for r in listed[1:] if len(r) > 6 and r[6]}     # (trailing empty cells are not stored)
    assert set(errors) == {f"reports/{n}" for n in folder_.UNREADABLE}
    assert errors["reports/bad/empty.txt"].startswith("E002")


def test_xlsx_grid_sheets(extracted):
    base, files = extracted
    book = openpyxl.load_workbook(base / "cells.xlsx", read_only=True)
    checked = 0
    for numeral in ("二", "三", "四"):
        for fmt in ("2019", "2021"):
            name = f"表{numeral}（{fmt}格式）"
            have = [f for f in files if f["template"] == fmt and numeral in f["tables"]]
            if not have:
                assert name not in book.sheetnames
                continue
            sheet = list(book[name].iter_rows(values_only=True))
            columns = grid_columns(numeral, fmt)
            depth = len(columns[0][1])
            for level in range(depth):       # the official labels head each cell's column
                assert list(sheet[level][4:]) == [labels[level] for _, labels in columns]
            assert sheet[depth - 1][:4] == ("文件", "机关", "年度", "格式")
            body = {line[0]: line for line in sheet[depth:]}
            assert sorted(body) == sorted(f["path"] for f in have)
            for f in have:
                line = body[f["path"]] + (None,) * (4 + len(columns) - len(body[f["path"]]))
                assert line[1:3] == (f["agency"], f["year"])
                cells = {f"{c['block'] or ''}|{c['row']}|{c['column']}": c for c in f["cells"] if c["table"] == numeral}
                for (key, _), value in zip(columns, line[4:]):
                    c = cells.get(key)
                    if c is None or c["status"] in ("blank", "unread"):
                        assert value is None
                    elif c["status"] in ("number", "ocr"):
                        assert value == c["value"] and isinstance(value, (int, float))
                        checked += 1
                    else:
                        assert value == c["raw"]
    assert checked > 2000
    # The broken report's grid row holds what the report says, as a number.
    sheet = list(book["表三（2021格式）"].iter_rows(values_only=True))
    header = [labels for _, labels in grid_columns("三", "2021")]
    row = next(line for line in sheet if line[0] == f"reports/{folder_.BROKEN}")
    column = 4 + header.index(("二、上年结转政府信息公开申请数量", "自然人"))
    assert row[column] == 3


def test_xlsx_opens_in_libreoffice(extracted, tmp_path):
    """Another spreadsheet program reads the workbook: LibreOffice turns its
    first sheet into CSV with every row."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or not list(Path(soffice).resolve().parent.glob("libsclo.so")):
        pytest.skip("LibreOffice Calc is not installed (.ci/run installs libreoffice-calc-nogui)")
    base, files = extracted
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                           str(base / "cells.xlsx")], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "cells.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["文件", "机关", "年度"] and len(rows) - 1 == sum(len(f["cells"]) for f in files)


def test_xlsx_needs_openpyxl(tmp_path):
    code = ("import sys; sys.modules['openpyxl'] = None; sys.argv = ['govlint', 'extract', '--format', 'xlsx', "
            f"'-o', {str(tmp_path / 'x.xlsx')!r}, {str(ROOT / 'corpus' / '002_b70717b772d0d9c9.txt')!r}]; "
            "from govlint.cli import main; main()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "govlint: error: --format xlsx needs openpyxl: pip install 'govlint[xlsx]'"
    assert not (tmp_path / "x.xlsx").exists()


def test_extract_output_file_is_whole_or_absent(tmp_path):
    """-o writes through a temporary file: an unwritable place leaves nothing."""
    run = govlint("extract", "--format", "csv", "-o", tmp_path / "missing" / "x.csv", ROOT / "corpus")
    assert run.code == 2 and run.err.startswith("govlint: error: -o ") and run.err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_extract_output_into_a_named_pipe_and_through_a_symbolic_link(tmp_path):
    """-o naming a named pipe is written into it (a rename would put a
    regular file there, as root even over /dev/null); -o naming a symbolic
    link replaces its target and leaves the link."""
    import os
    import stat
    import threading

    report = ROOT / "corpus" / "002_b70717b772d0d9c9.txt"
    pipe = tmp_path / "cells.csv"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    run = govlint("extract", "--format", "csv", "-o", pipe, report)
    reader.join(10)
    assert run.code == 0 and stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and received[0].count(b"\r\n") == 1 + 200
    assert set(tmp_path.iterdir()) == {pipe}           # no temporary file left beside it
    target = tmp_path / "kept" / "cells.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    run = govlint("extract", "--format", "csv", "-o", link, report)
    assert run.code == 0 and link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().count(b"\r\n") == 1 + 200


def test_a_folder_without_reports_is_an_error_not_an_empty_table(tmp_path):
    """An empty table would read as "these reports have no tables"; as when
    linting, a folder with nothing to read is an error, and one empty
    folder among others is a warning."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.md").write_text("不是报告", encoding="utf-8")
    for fmt in ("json", "csv", "xlsx"):
        run = govlint("extract", "--format", fmt, "-o", tmp_path / f"x.{fmt}", tmp_path / "empty", tmp_path / "notes")
        assert run.code == 2 and run.out == "", (fmt, run.out)
        assert run.err.startswith("govlint: error: no files to extract from in ") and run.err.count("\n") == 1
        assert not (tmp_path / f"x.{fmt}").exists()
    (tmp_path / "reports").mkdir()
    shutil.copy(ROOT / "corpus" / "002_b70717b772d0d9c9.txt", tmp_path / "reports")
    run = govlint("extract", "--format", "csv", tmp_path / "reports", tmp_path / "empty")
    assert run.code == 0 and run.out.count("\r\n") == 1 + 200
    assert run.err == f"govlint: warning: no files to extract from in {tmp_path / 'empty'} " \
                      "(looked for *.txt, *.docx, *.pdf, *.html, *.htm)\n"


def test_xlsx_to_a_reader_that_stops_early(tmp_path):
    """`govlint extract --format xlsx reports/ | head -c 100`: no traceback
    from the half-written workbook, and the whole workbook when read to the end."""
    command = [sys.executable, "-m", "govlint", "extract", "--format", "xlsx", str(ROOT / "corpus")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdout.read(100).startswith(b"PK")
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err, err[:500]
    whole = subprocess.run(command, capture_output=True, timeout=120)
    assert whole.returncode == 0 and whole.stderr == b""
    (tmp_path / "whole.xlsx").write_bytes(whole.stdout)
    book = openpyxl.load_workbook(tmp_path / "whole.xlsx", read_only=True)
    assert book.sheetnames[:2] == ["单元格", "文件"] and sum(1 for _ in book["单元格"].iter_rows()) > 1000
