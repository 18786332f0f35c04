"""Where output goes: the bytes written for each format, whatever the locale.

Machine formats (JSON, JSON lines, SARIF, GitHub annotations, concise,
extract's JSON and CSV) are always UTF-8: a program reads them, and a GBK
console (Chinese Windows, PYTHONIOENCODING=gbk) must not turn them into
GBK or fail on a character GBK lacks. Text for people is written in the
console's encoding. Either way nothing raises: what the encoding cannot
hold is written as a backslash escape (\\u2010, \\U00020000; \\udcff for a
byte of a file name that is not UTF-8), which inside a JSON string is the
JSON escape of the same character, so JSON output always parses and reads
back the same name.
"""
from __future__ import annotations

import io
import sys
from contextlib import contextmanager

MACHINE_FORMATS = frozenset({"json", "json-lines", "sarif", "github", "concise", "csv", "junit", "gitlab",
                             "rdjson", "html"})
ERRORS = "backslashreplace"


@contextmanager
def stdout_for(machine: bool):
    """A text stream onto standard output: UTF-8 for machine formats, the
    console's encoding otherwise; never raises on a character."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:            # a stream without bytes underneath (a StringIO): write text
        yield stream
        return
    stream.flush()
    encoding = "utf-8" if machine else (getattr(stream, "encoding", None) or "utf-8")
    wrapper = io.TextIOWrapper(buffer, encoding=encoding, errors=ERRORS,
                               line_buffering=getattr(stream, "line_buffering", False))
    try:
        yield wrapper
    finally:
        try:
            wrapper.flush()
        finally:
            wrapper.detach()      # leave standard output open


def encode_file(text: str) -> bytes:
    """Output written to a file (-o): UTF-8, never raising."""
    return text.encode("utf-8", ERRORS)


def tolerant_console() -> None:
    """Let everything the CLI prints to the console degrade to escapes
    instead of raising UnicodeEncodeError (rule listings, messages)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):   # closed or detached
                pass
