"""Reading LSP messages from a byte stream, and surviving broken frames.

pygls's reader trusts each frame's Content-Length and reads exactly that
many bytes: one frame with a wrong length eats the start of the next one,
and from then on every header is glued to a body and never recognised, so
the server hears nothing more (reported upstream; worked around here). This
reader finds frames by their header wherever it is, and checks each body:

- a body that is valid JSON is a message, as before;
- a Content-Length too long shows as a new header inside the body (JSON
  cannot hold "Content-Length: N" followed by a line break, inside a string
  or out), or as a silence with a complete JSON body: the frame ends there;
- a Content-Length too short leaves a body that does not parse: the frame
  runs on to the next header (or the end, or a silence).

Such a frame, and any bytes outside a frame, are handed on as Broken with
their bytes, so that the server can answer a request in them with an error
(its id is still readable) and go on with the next frame. Pure Python, no
pygls: lsp.py drives it from a thread.
"""
from __future__ import annotations

import json
import os
import re
from typing import NamedTuple

HEADER = re.compile(rb"Content-Length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
BLANK = re.compile(rb"\r?\n")
MAX_HEADERS = 8192          # bytes of header lines after Content-Length
MAX_GARBAGE = 1 << 20       # bytes outside any frame held while looking for a header
CHUNK = 1 << 16
IDLE = 0.5                  # seconds of silence that end a body still short of its length


class Message(NamedTuple):
    body: object            # the parsed JSON


class Broken(NamedTuple):
    data: bytes             # the bytes of the broken frame (or of what lay between frames)
    reason: str


class Reader:
    """next() → Message, Broken, or None at the end of the stream."""

    def __init__(self, fd: int, idle: float | None = IDLE):
        self.fd = fd
        self.idle = idle
        self.buffer = bytearray()
        self.eof = False
        try:                       # select() on a pipe: Unix only; elsewhere no silence is noticed
            import select

            select.select([fd], [], [], 0)
            self._select = select.select
        except (ImportError, OSError, ValueError):
            self._select = None

    def _fill(self, timeout: float | None = None) -> bool:
        """Read what is there (waiting at most timeout seconds when given);
        False on a timeout or at the end of the stream."""
        if self.eof:
            return False
        if timeout is not None and self._select is not None:
            ready, _, _ = self._select([self.fd], [], [], timeout)
            if not ready:
                return False
        data = os.read(self.fd, CHUNK)
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    def _take(self, end: int) -> bytes:
        data = bytes(self.buffer[:end])
        del self.buffer[:end]
        return data

    def next(self):
        while True:
            match = HEADER.search(self.buffer)
            if match is not None:
                break
            if len(self.buffer) > MAX_GARBAGE:     # never a header: do not hold it all
                return Broken(self._take(len(self.buffer) - 64), "bytes outside any frame")
            if self._fill(self.idle if self.buffer.strip() else None):
                continue
            if self.eof:
                rest = self._take(len(self.buffer))
                return Broken(rest, "bytes outside any frame") if rest.strip() else None
            if _parses(bytes(self.buffer)):        # a whole message sent without a header
                return Broken(self._take(len(self.buffer)), "a message without a Content-Length header")
            self._fill()
        if match.start():
            garbage = self._take(match.start())
            if garbage.strip():
                return Broken(garbage, "bytes outside any frame")
        match = HEADER.match(self.buffer)
        length = int(match.group(1))
        body_start = self._end_of_headers(match.end())
        if body_start is None:        # no blank line after the header: not a frame
            return Broken(self._take(match.end()), "header without the blank line after it")
        return self._body(body_start, length)

    def _end_of_headers(self, start: int) -> int | None:
        """The offset after the blank line that ends the headers."""
        position = start
        while True:
            newline = self.buffer.find(b"\n", position)
            if newline < 0:
                if len(self.buffer) - start > MAX_HEADERS or not self._fill():
                    return None
                continue
            line = self.buffer[position:newline + 1]
            if BLANK.fullmatch(line):
                return newline + 1
            if HEADER.match(line) or b":" not in line or newline - start > MAX_HEADERS:
                return None           # a second frame's header, or not a header at all
            position = newline + 1

    def _body(self, start: int, length: int):
        searched = start
        while len(self.buffer) - start < length:
            # A header inside the body: the length was too long.
            found = HEADER.search(self.buffer, max(start, searched - 64))
            searched = len(self.buffer)
            if found is not None:
                return self._broken(start, found.start(), length, "Content-Length longer than the message")
            if not self._fill(self.idle):
                data = bytes(self.buffer[start:])
                if self.eof or _parses(data):
                    return self._broken(start, len(self.buffer), length,
                                        "Content-Length longer than the message")
                # silent, and not a whole message yet: keep waiting
                self._fill()
                if self.eof:
                    return self._broken(start, len(self.buffer), length, "the stream ended inside a message")
        body = bytes(self.buffer[start:start + length])
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):
            # The frame runs to the next header: inside the declared body when
            # the length was too long, after it when too short (or not JSON).
            end = self._next_header(start)
            reason = "Content-Length longer than the message" if end < start + length else \
                "Content-Length shorter than the message, or not JSON"
            return self._broken(start, end, length, reason)
        self._take(start + length)
        return Message(parsed)

    def _next_header(self, position: int) -> int:
        while True:
            found = HEADER.search(self.buffer, position)
            if found is not None:
                return found.start()
            if not self._fill(self.idle):
                return len(self.buffer)

    def _broken(self, start: int, end: int, length: int, reason: str) -> Broken:
        self._take(start)
        data = self._take(end - start)
        return Broken(data, f"{reason} (Content-Length {length}, {len(data)} bytes)")


def _parses(data: bytes) -> bool:
    try:
        json.loads(data)
        return True
    except (ValueError, RecursionError):
        return False


_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')


def request_id(data: bytes):
    """The id of the request in a broken frame, if it can still be read: from
    the JSON when it parses, else from the text. None if there is none."""
    try:
        message = json.loads(data)
    except (ValueError, RecursionError):
        message = None
    if isinstance(message, dict):
        return message.get("id") if "method" in message else None
    match = _ID.search(data)
    if match is None or b'"method"' not in data:
        return None
    try:
        return json.loads(match.group(1))
    except ValueError:
        return None
