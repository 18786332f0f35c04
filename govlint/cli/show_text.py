"""`govlint --show-text FILE…`: print the text govlint reads from each file.

For a .txt this is the decoded text (newlines made LF); for a .docx, .pdf or
web page it is the reader's rendering, the text whose lines and columns
every diagnostic gives (tables as tab-separated rows). Print it to find a
finding's text line, or to see what a reader made of a file.
"""
from __future__ import annotations

import sys


def show_text(paths, encoding: str | None, stdin_filename: str | None, out=None, err=None) -> int:
    """Write each file's text rendering; several files each under a
    "==> PATH <==" line. Returns the exit code: 2 if a file could not be
    read (one line on stderr for it), else 0."""
    from govlint.reading.files import expand
    from govlint.reading import read_document
    from govlint.reading.source import InputError, read_path

    out = out or sys.stdout
    err = err or sys.stderr
    targets = expand(paths)
    failed = False
    for index, target in enumerate(targets):
        name = stdin_filename or "-" if target.path == "-" else target.path
        try:
            if target.error:
                raise InputError("E001", "unreadable-file", target.error)
            data = sys.stdin.buffer.read() if target.path == "-" else read_path(target.path)
            text = read_document(data, name, encoding).text
        except InputError as error:
            print(f"{name}:1:1: {error.code} [error] {error.message}", file=err)
            failed = True
            continue
        if len(targets) > 1:
            out.write(f"{chr(10) if index else ''}==> {name} <==\n")
        out.write(text if text.endswith("\n") else text + "\n")
    return 2 if failed or not targets else 0
