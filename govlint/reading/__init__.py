"""Readers: the bytes of a report as it was written or published → the text
govlint reads, and a map back to where each character is in the original.

    .txt (and anything not named below)   source.decode, as before
    .docx                                 readers/docx.py (python-docx)
    .pdf                                  readers/pdf.py (pdfplumber)
    .html .htm .shtml .xhtml              readers/html.py (lxml)

A reader returns a Document whose text is what the rest of govlint already
reads: paragraphs as lines, tables as rows of tab-separated cells (a merged
cell's text in its top-left field, the fields it covers empty), and an
`origin` (locations.Origin) that turns a text offset into the original
location: paragraph or table/row/column in a .docx, page and line in a
.pdf, source line and column in a .html.

The format is told by the file's first bytes where they are unambiguous
(%PDF-, a ZIP package, an OLE2 compound file, RTF), else by its name. Each
reader's library is imported only when a file of its kind is read, so
linting .txt starts as fast as before.
"""
from __future__ import annotations

import os

from govlint.model.document import Document
from govlint.reading.source import InputError, decode

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
# Formats reports are also kept in, which govlint does not read: what each is
# and what to do with it (E010).
UNSUPPORTED = {
    ".doc": "Word 97-2003 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".odt": "OpenDocument 文档（.odt）",
    ".rtf": "RTF 文档（.rtf）",
    ".ofd": "OFD 版式文件（.ofd）",
    ".xls": "Excel 表格（.xls）",
    ".xlsx": "Excel 表格（.xlsx）",
    ".et": "WPS 表格（.et）",
    ".ppt": "PowerPoint 演示文稿（.ppt）",
    ".pptx": "PowerPoint 演示文稿（.pptx）",
    ".dps": "WPS 演示文稿（.dps）",
    ".wpt": "WPS 模板（.wpt）",
    ".dot": "Word 模板（.dot）",
    ".dotx": "Word 模板（.dotx）",
    ".docm": "启用宏的 Word 文档（.docm）",
}
SAVE_AS = "请在 Word 或 WPS 中另存为 .docx（或导出为 PDF）后再检查"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
# What `pip install` brings each reader (E014 names it when it is missing).
REQUIREMENTS = {"docx": "python-docx", "pdf": "pdfplumber", "html": "lxml"}
HEAD_PAGES = 2        # pages of a PDF that hold its title and section 一


def suffix(path: str) -> str:
    return os.path.splitext(path or "")[1].lower()


def format_of(data: bytes, path: str) -> str:
    """"text", "docx", "pdf" or "html"; raises InputError for a format
    govlint does not read."""
    ext = suffix(path)
    head = data[:8]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE):
        kind = UNSUPPORTED.get(ext) if ext in (".doc", ".wps", ".xls", ".et", ".ppt", ".dps", ".wpt", ".dot") \
            else "Word 97-2003 或 WPS 格式（.doc / .wps）"
        raise _unsupported(kind)
    if head.startswith(b"{\\rtf"):
        raise _unsupported(UNSUPPORTED[".rtf"])
    if head.startswith(_ZIP) and ext != ".docx":
        kind = _zip_kind(data)
        if kind == "docx":
            return "docx"
        if kind or ext in UNSUPPORTED:
            raise _unsupported(kind or UNSUPPORTED[ext])
    if ext == ".docx":
        return "docx"
    if ext == ".pdf":
        if data.strip() and b"%PDF-" not in data[:1024]:
            raise InputError("E011", "damaged-file", "不是 PDF 文件（文件开头没有 %PDF 标记，可能是下载失败时保存的网页）："
                                                      "请重新下载或重新导出")
        return "pdf"
    if ext in HTML_SUFFIXES:
        return "html"
    if ext in UNSUPPORTED:
        raise _unsupported(UNSUPPORTED[ext])
    return "text"


def _unsupported(kind: str) -> InputError:
    return InputError("E010", "unsupported-format", f"{kind}不受支持：{SAVE_AS}")


def _zip_kind(data: bytes) -> str | None:
    """What an Office-style ZIP package holds: "docx", a description of
    another format, or None when it is not one (or cannot be read)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                mimetype = package.read("mimetype").decode("ascii", "replace")
                if "opendocument.text" in mimetype:
                    return UNSUPPORTED[".odt"]
                return f"OpenDocument 文件（{mimetype.strip()}）"
            if "xl/workbook.xml" in names:
                return UNSUPPORTED[".xlsx"]
            if "ppt/presentation.xml" in names:
                return UNSUPPORTED[".pptx"]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return None
    return None


def read_document(data: bytes, path: str, encoding: str | None = None, head: bool = False,
                  limit: int | None = None) -> Document:
    """The Document of a file's bytes, whatever its format; raises
    InputError (one line, a code of its own) when it cannot be read.
    head: only the beginning is needed (the pairing pre-pass reads the
    title and section 一): a PDF's first pages are read, not all.
    limit: the size limit (--max-file-size; None: the default), which a
    .docx must keep to unpacked too."""
    kind = format_of(data, path)
    if kind == "text":
        return Document.from_source(decode(data, path, encoding))
    if not data.strip():
        raise InputError("E002", "empty-file", "文件为空（0 字节）" if not data else "文件为空")
    reader = _reader(kind)
    try:
        if head and kind == "pdf":
            return reader.read(data, path, encoding, max_pages=HEAD_PAGES)
        if kind == "docx":
            return reader.read(data, path, encoding, limit=limit)
        return reader.read(data, path, encoding)
    except InputError:
        raise
    except ImportError as exc:       # the reader imports its library when it first reads
        raise _missing(kind, exc) from None
    except RecursionError:
        raise InputError("E011", "damaged-file", f"{_NAMES[kind]}结构嵌套过深，无法读取") from None
    except Exception as exc:  # a library's own error on a malformed file: one line, never a traceback
        detail = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:160]
        raise InputError("E011", "damaged-file",
                         f"无法读取{_NAMES[kind]}，文件可能已损坏（{detail}）：请重新保存或重新下载后再检查") from None


_NAMES = {"docx": " .docx 文件", "pdf": " PDF 文件", "html": "网页文件"}


def _reader(kind: str):
    """The reader module for a format, imported on first use; E014 when the
    library it needs is not installed."""
    import importlib

    try:
        return importlib.import_module(f".{kind}", __name__)
    except ImportError as exc:
        raise _missing(kind, exc) from None


def _missing(kind: str, exc: ImportError) -> InputError:
    package = REQUIREMENTS[kind]
    return InputError("E014", "missing-reader",
                      f"读取 .{kind} 文件需要 {package}，但它没有安装（{exc.name or exc}）："
                      f"请运行 pip install '{package}'，或重新安装 govlint")


def format_of_path(path: str) -> str:
    """The format a file name says, without reading it ("text" for any
    other name): for deciding what --fix may rewrite."""
    ext = suffix(path)
    if ext == ".docx" or ext == ".pdf":
        return ext[1:]
    if ext in HTML_SUFFIXES:
        return "html"
    return "text"
