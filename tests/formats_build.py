"""Build a Word document (and a plain web page) from a report's text copy,
the way the report looked before it was copied out of Word.

The text copies in corpus/ hold their tables in three layouts: tab rows
(000, 003), pipe rows (001) and one cell per line with a blank line after
each row (002). Each becomes a Word table with merged cells as Word makes
them: a label followed by empty fields is one cell spanning those columns
(gridSpan), and an empty field under a one-column label whose row goes on
to the right is that label's cell continued downwards (vMerge), as the row
labels 三、本年度办理结果 and （三）不予公开 are in real tables. Reading the
table back puts each text in its top-left field and leaves the rest empty,
which is what the text copy has, so the two must give the same findings.
"""
from __future__ import annotations

import html
import io
from typing import NamedTuple


class GridCell(NamedTuple):
    row: int
    column: int
    text: str
    rowspan: int
    colspan: int
    blank: bool = False      # a visible empty cell (" " between two pipes), not merged-away filler


def _pipe_fields(line: str) -> list[tuple[str, bool]]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return [(f.strip(), f != "" and not f.strip()) for f in body.split("|")]


def blocks(text: str) -> list[tuple[str, object]]:
    """("p", line) and ("table", rows) in order; a row is a list of
    (text, visible_blank) fields."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out: list[tuple[str, object]] = []
    cell_per_line = sum(1 for l in lines if l.startswith("\t") and l.count("\t") == 1) >= 10
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(_pipe_fields(lines[i]))
                i += 1
            out.append(("table", rows))
        elif cell_per_line and line.startswith("\t"):
            rows, row = [], []
            while i < len(lines):
                current = lines[i]
                if current.startswith("\t"):
                    row.append([current[1:], False])
                elif not current.strip():
                    if row:
                        rows.append([(t, b) for t, b in row])
                        row = []
                    # The table goes on while a cell line follows the blank lines.
                    j = i
                    while j < len(lines) and not lines[j].strip():
                        j += 1
                    if j >= len(lines) or not lines[j].startswith("\t"):
                        break
                elif row and len(current.strip()) <= 6:
                    row[-1][0] += "\n" + current        # a header cell wrapped over two lines
                else:
                    break
                i += 1
            if row:
                rows.append([(t, b) for t, b in row])
            out.append(("table", rows))
        elif "\t" in line:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append([(f, False) for f in lines[i].split("\t")])
                i += 1
            out.append(("table", rows))
        else:
            out.append(("p", line))
            i += 1
    return out


def grid(rows: list[list[tuple[str, bool]]]) -> tuple[int, list[GridCell], dict]:
    """Cells with spans, and the grid positions that continue a cell
    above (vMerge continue)."""
    width = max(len(r) for r in rows)
    padded = [r + [("", False)] * (width - len(r)) for r in rows]
    owner: dict[tuple[int, int], GridCell] = {}
    cells: list[GridCell] = []
    continued: dict = {}        # (row, column) → (row, column) of the cell it continues
    for r, row in enumerate(padded):
        c = 0
        while c < width:
            if (r, c) in owner:
                c += 1
                continue
            text, blank = row[c]
            above = owner.get((r - 1, c))
            right = row[c + 1][0] if c + 1 < width else ""
            if not text and not blank and above is not None and above.colspan == 1 and above.column == c \
                    and above.text and "\n" not in above.text and right and (r, c + 1) not in owner:
                grown = above._replace(rowspan=above.rowspan + 1)
                cells[cells.index(above)] = grown
                for key, value in list(owner.items()):
                    if value == above:
                        owner[key] = grown
                owner[(r, c)] = grown
                continued[(r, c)] = (above.row, above.column)
                c += 1
                continue
            span = 1
            if text:
                while c + span < width and not padded[r][c + span][0] and not padded[r][c + span][1] \
                        and not _continues(padded, owner, r, c + span, width):
                    span += 1
            cell = GridCell(r, c, text, 1, span, blank)
            cells.append(cell)
            for k in range(span):
                owner[(r, c + k)] = cell
            c += span
    return width, cells, continued


def _continues(padded, owner, r, c, width) -> bool:
    above = owner.get((r - 1, c))
    right = padded[r][c + 1][0] if c + 1 < width else ""
    return above is not None and above.colspan == 1 and above.column == c and bool(above.text) and bool(right)


SPLIT_LABELS = {"商业企业": ("商业", "企业"), "科研机构": ("科研", "机构"), "社会公益组织": ("社会公益", "组织"),
                "法律服务机构": ("法律服务", "机构")}


def build_docx(text: str, split_labels: bool = True) -> bytes:
    """A .docx with the text's paragraphs and its tables as Word tables
    (merged cells as Word writes them; a few header labels in two
    paragraphs, as in real tables)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "p":
            document.add_paragraph(content)
            continue
        width, cells, continued = grid(content)
        table = document.add_table(rows=len(content), cols=width)
        table.style = "Table Grid"
        starts = {(c.row, c.column): c for c in cells}
        for r, tr in enumerate(table._tbl.tr_lst):
            tcs = list(tr.tc_lst)
            covered = []
            c = 0
            while c < width:
                tc = tcs[c]
                cell = starts.get((r, c))
                if (r, c) in continued:
                    tc.get_or_add_tcPr().append(OxmlElement("w:vMerge"))
                    c += 1
                    continue
                if cell is None:
                    c += 1
                    continue
                props = tc.get_or_add_tcPr()
                if cell.colspan > 1:
                    span = OxmlElement("w:gridSpan")
                    span.set(qn("w:val"), str(cell.colspan))
                    props.append(span)
                    covered.extend(tcs[c + 1:c + cell.colspan])
                if cell.rowspan > 1:
                    merge = OxmlElement("w:vMerge")
                    merge.set(qn("w:val"), "restart")
                    props.append(merge)
                target = _Cell(tc, table)
                pieces = cell.text.split("\n")
                if split_labels and len(pieces) == 1 and cell.text in SPLIT_LABELS:
                    pieces = list(SPLIT_LABELS[cell.text])
                target.text = pieces[0]
                for piece in pieces[1:]:
                    target.add_paragraph(piece)
                c += cell.colspan
            for tc in covered:
                tr.remove(tc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_html(text: str, title: str = "") -> str:
    """A plain web page of the text: lines up to a blank line as one <p>
    (lines within it separated by <br>), tables with rowspan/colspan,
    every cell's text inside <p> (two <p> for a wrapped label)."""
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"><title>%s</title></head><body>' % html.escape(title),
           '<div class="article">']
    lines: list[str] = []         # lines of the paragraph being written: <br> between them

    def paragraph():
        if lines:
            out.append("<p>" + "<br>\n".join(html.escape(line) for line in lines) + "</p>")
            lines.clear()

    for kind, content in blocks(text):
        if kind == "p":
            if content.strip():
                lines.append(content)
            else:
                paragraph()       # a blank line ends a paragraph
            continue
        paragraph()
        width, cells, continued = grid(content)
        out.append('<table border="1" cellspacing="0">')
        for r in range(len(content)):
            out.append("<tr>")
            for cell in (c for c in cells if c.row == r):
                attrs = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + \
                        (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
                pieces = cell.text.split("\n") if cell.text else []
                if len(pieces) == 1 and cell.text in SPLIT_LABELS:
                    pieces = list(SPLIT_LABELS[cell.text])
                inner = "".join(f"<p>{html.escape(p)}</p>" for p in pieces)
                out.append(f"<td{attrs}>{inner}</td>")
            out.append("</tr>")
        out.append("</table>")
    paragraph()
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"
