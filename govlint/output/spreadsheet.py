"""Tables for spreadsheets: `govlint extract --format csv|xlsx reports/`.

CSV: one tidy table for the whole folder, one row per cell of tables 二, 三
and 四 of every report: path, agency, year, format, table, block, row and
column labels, value, status, raw text and position. UTF-8 with a byte
order mark, so that Excel shows the Chinese, and one header row.

xlsx (openpyxl, `pip install 'govlint[xlsx]'`): the same long table on the
sheet 单元格 (without the position and key columns), a sheet 文件 with one row per file (agency, year, format,
tables read, error), and one sheet per table and format in the official
grid's shape: a report per row, the template's cells as columns (their
block, row and column labels in the header rows), numbers stored as
numbers. Blank cells are left empty and shaded; unreadable ones are shaded
grey; a dash, "无" or other text is kept as written.

Files are extracted in parallel processes and written as they come, in
path order, so memory does not grow with the folder.
"""
from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from contextlib import contextmanager

FIELDS = ("path", "agency", "year", "format", "table", "block", "row_label", "column_label", "value", "status",
          "raw", "line", "col", "end_line", "end_col", "block_key", "row", "column", "original")
# The workbook's long sheet keeps the columns a person reads (positions and
# keys stay in the CSV): openpyxl writes some tens of thousands of cells a
# second, and a folder of 2,000 reports has 400,000 table cells, each a row.
XLSX_FIELDS = FIELDS[:12]
HEADERS_ZH = {"path": "文件", "agency": "机关", "year": "年度", "format": "格式", "table": "表",
              "block": "栏目", "row_label": "行", "column_label": "列", "value": "数值", "status": "状态",
              "raw": "原文", "line": "行号"}
XLSX_HINT = "pip install 'govlint[xlsx]'"


class OutputError(Exception):
    """A one-line error for the user (exit code 2)."""


def _block_labels() -> dict:
    from govlint.model.template import FORMATS, template

    labels = {}
    for fmt in FORMATS:
        for block in template(fmt).blocks:
            labels[block.key] = block.header
    return labels


def rows(result: dict, block_labels: dict | None = None):
    """The tidy rows of one file's extraction (a dict of extract_path)."""
    from govlint.reading.locations import describe

    block_labels = block_labels if block_labels is not None else _block_labels()
    fmt = result.get("file_format", "text")
    for cell in result["cells"]:
        original = cell.get("original")
        yield {"path": result["path"], "agency": result.get("agency"), "year": result.get("year"),
               "format": result.get("format") or result.get("template"), "table": cell["table"],
               "block": block_labels.get(cell["block"], cell["block"]) if cell["block"] else None,
               "row_label": cell["row_label"], "column_label": cell["column_label"], "value": cell["value"],
               "status": cell["status"], "raw": cell["raw"], "line": cell["line"], "col": cell["col"],
               "end_line": cell["end_line"], "end_col": cell["end_col"], "block_key": cell["block"],
               "row": cell["row"], "column": cell["column"],
               "original": describe(original, fmt) if original else None}


def write_csv(results, handle) -> None:
    """results: extract_path dicts, in order; handle: a text stream."""
    writer = csv.DictWriter(handle, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\r\n")
    handle.write("\ufeff")
    writer.writeheader()
    labels = _block_labels()
    for result in results:
        writer.writerows(rows(result, labels))


def render_csv(results) -> str:
    out = io.StringIO()
    write_csv(results, out)
    return out.getvalue()


# --------------------------------------------------------------------------
# xlsx

def grid_columns(numeral: str, fmt: str) -> list[tuple[str, tuple[str, ...]]]:
    """The official cells of one table in reading order: (cell key
    "block|row|column", header labels)."""
    from govlint.model.template import template

    t = template(fmt)
    out = []
    if numeral == "二":
        for block in t.blocks:
            for row in block.rows:
                for column in block.columns:
                    out.append((f"{block.key}|{row.key}|{column.key}", (block.header, row.label, column.label)))
    elif numeral == "三":
        for row in t.t3_rows:
            for column in t.t3_columns:
                if not column.flag("optional"):
                    label = f"{column.flag('group')}·{column.label}" if column.flag("group") else column.label
                    out.append((f"|{row.key}|{column.key}", (row.label, label)))
    else:
        for group in t.t4_groups:
            label = f"{group.flag('parent')}·{group.label}" if group.flag("parent") else group.label
            for column in t.t4_columns:
                out.append((f"|{group.key}|{column.key}", (label, column.label)))
    return out


FORMAT_WORDS = {"2019": "2019格式", "2021": "2021格式"}
LEAD = ("文件", "机关", "年度", "格式")


class _Workbook:
    def __init__(self):
        try:
            from openpyxl import Workbook
            from openpyxl.styles import Font, PatternFill
        except ImportError:
            raise OutputError(f"--format xlsx needs openpyxl: {XLSX_HINT}") from None
        self.book = Workbook(write_only=True)
        self.bold = Font(bold=True)
        self.fills = {"blank": PatternFill("solid", fgColor="FFF3CD"), "unread": PatternFill("solid", fgColor="D9D9D9"),
                      "text": PatternFill("solid", fgColor="D9D9D9"), "dash": PatternFill("solid", fgColor="FFF3CD"),
                      "none": PatternFill("solid", fgColor="FFF3CD")}
        self.long = self.book.create_sheet("单元格")
        self.long.freeze_panes = "A2"
        self._header(self.long, [[HEADERS_ZH.get(f, f) for f in XLSX_FIELDS]])
        self.files = self.book.create_sheet("文件")
        self.files.freeze_panes = "A2"
        self._header(self.files, [["文件", "机关", "年度", "格式", "读到的表", "单元格数", "错误"]])
        self.grids: dict[tuple[str, str], tuple[object, list]] = {}
        self.labels = _block_labels()

    def _header(self, sheet, lines):
        from openpyxl.cell import WriteOnlyCell

        for line in lines:
            cells = []
            for value in line:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = self.bold
                cells.append(cell)
            sheet.append(cells)

    def _grid(self, numeral: str, fmt: str):
        from openpyxl.utils import get_column_letter

        key = (numeral, fmt)
        if key not in self.grids:
            sheet = self.book.create_sheet(f"表{numeral}（{FORMAT_WORDS.get(fmt, fmt)}）")
            columns = grid_columns(numeral, fmt)
            depth = len(columns[0][1])
            sheet.freeze_panes = f"{get_column_letter(len(LEAD) + 1)}{depth + 1}"    # before any row is written
            self._header(sheet, [[*(LEAD if level == depth - 1 else ("",) * len(LEAD)),
                                  *(labels[level] for _, labels in columns)] for level in range(depth)])
            self.grids[key] = (sheet, columns)
        return self.grids[key]

    def add(self, result: dict) -> None:
        from openpyxl.cell import WriteOnlyCell

        fmt = result.get("format") or result.get("template")
        self.files.append([result["path"], result.get("agency"), result.get("year"), fmt,
                           "、".join(result.get("tables") or []), len(result["cells"]), result.get("error")])
        for row in rows(result, self.labels):
            self.long.append([row[f] for f in XLSX_FIELDS])
        template = result.get("template")
        if not template:
            return
        by_table: dict[str, dict] = {}
        for cell in result["cells"]:
            by_table.setdefault(cell["table"], {})[f"{cell['block'] or ''}|{cell['row']}|{cell['column']}"] = cell
        for numeral in ("二", "三", "四"):
            if numeral not in (result.get("tables") or ()):
                continue
            cells = by_table.get(numeral, {})       # a table found whose cells could not be read: an empty row
            sheet, columns = self._grid(numeral, template)
            line = [result["path"], result.get("agency"), result.get("year"), fmt]
            for key, _ in columns:
                cell = cells.get(key)
                if cell is None:
                    line.append(None)
                    continue
                status = cell["status"]
                if status in ("number", "ocr"):
                    line.append(cell["value"])
                    continue
                out = WriteOnlyCell(sheet, value=cell["raw"] if status in ("dash", "none", "text") else None)
                out.fill = self.fills.get(status, self.fills["unread"])
                line.append(out)
            sheet.append(line)

    def save(self, target) -> None:
        self.book.save(target)


def write_xlsx(results, target) -> None:
    """results: extract_path dicts, in order; target: a path or a binary stream."""
    book = _Workbook()
    for result in results:
        book.add(result)
    book.save(target)


# --------------------------------------------------------------------------
# `govlint extract`

def iter_extract(targets: list[str], encoding: str | None, jobs: int | None = None):
    """extract_path over the files (run_extract walks directories as
    linting does), in order; in parallel processes when there are many."""
    from functools import partial

    from govlint.engine.batch import _quiet_worker, default_jobs
    from govlint.output.extract import extract_path

    work = partial(extract_path, encoding=encoding)
    processes = min(jobs or default_jobs(), len(targets))
    if processes <= 1 or len(targets) < 16:
        for path in targets:
            yield work(path)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=processes, initializer=_quiet_worker) as executor:
        yield from executor.map(work, targets, chunksize=max(1, min(16, len(targets) // (processes * 8))))


@contextmanager
def _output(path: str | None, binary: bool):
    """A stream onto FILE, written through a temporary file renamed over it
    at the end (never a partial file; an existing file keeps its mode, a new
    one gets the usual umask mode; through a symbolic link to its target;
    into a file that is not a regular one as it is), or onto standard
    output as UTF-8 bytes."""
    if path is None:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:              # a text-only stream (tests, an embedding program)
            if binary:
                raise OutputError("standard output takes no binary workbook here: give -o FILE.xlsx")
            yield sys.stdout
            return
        if binary:
            yield buffer
            buffer.flush()
            return
        stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    from govlint.engine.fix import mode_for, write_target

    target, in_place = write_target(path)
    how = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        if in_place:            # /dev/null, a named pipe: a rename would put a file in its place
            out = open(target, "wb" if binary else "w", **how)
        else:
            handle, temporary = tempfile.mkstemp(prefix=".govlint-", suffix=".tmp", dir=os.path.dirname(target))
    except OSError as exc:
        raise OutputError(f"-o {path}: cannot write: {exc.strerror or exc}") from None
    if in_place:
        with out:
            yield out
        return
    try:
        with os.fdopen(handle, "wb" if binary else "w", **how) as out:
            yield out
        os.chmod(temporary, mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def run_extract(paths, output_format: str, encoding: str | None, output: str | None, err=None) -> int:
    """Write the extraction; the exit code (2 when a file could not be read)."""
    from govlint.i18n import error, t, warning
    from govlint.output.extract import render_json
    from govlint.reading.files import DEFAULT_GLOBS, expand

    err = err or sys.stderr
    empty: list[str] = []
    targets = [target.path for target in expand(paths, empty=empty)]
    looked_for = ", ".join(DEFAULT_GLOBS)
    if not targets:         # an empty table must not look like a folder without tables
        print(error(t(f"no files to extract from in {', '.join(paths)} (looked for {looked_for})",
                      f"{'、'.join(paths)} 中没有可提取的文件（查找的是 {looked_for}）")), file=err)
        return 2
    for directory in empty:
        print(warning(t(f"no files to extract from in {directory} (looked for {looked_for})",
                        f"{directory} 中没有可提取的文件（查找的是 {looked_for}）")), file=err)
    failed: list[dict] = []

    def noting(results):
        for result in results:
            if result["error"]:
                failed.append(result)
            yield result

    results = noting(iter_extract(targets, encoding))
    try:
        if output_format == "xlsx" and output is None and sys.stdout.isatty():
            raise OutputError("--format xlsx writes a binary workbook: give -o FILE.xlsx")
        if output_format == "xlsx":
            book = _Workbook()
            for result in results:
                book.add(result)
            if output is None:
                # Built whole first: a reader that stops early (`| head`) then
                # breaks our write, not openpyxl's half-written sheets.
                data = io.BytesIO()
                book.save(data)
                with _output(None, binary=True) as out:
                    out.write(data.getvalue())
            else:
                with _output(output, binary=True) as out:
                    book.save(out)
        elif output_format == "csv":
            with _output(output, binary=False) as out:
                write_csv(results, out)
        else:
            text = render_json(list(results))
            with _output(output, binary=False) as out:
                out.write(text)
    except OutputError as problem:
        print(f"govlint: error: {problem}", file=err)
        return 2
    except BrokenPipeError:         # `govlint extract … | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    except OSError as exc:
        print(f"govlint: error: {output or 'standard output'}: cannot write: {exc.strerror or exc}", file=err)
        return 2
    for result in failed:
        print(f"{result['path']}: {result['error']}", file=err)
    return 2 if failed else 0
