"""A raw LSP client for `govlint lsp`: bytes on the server's stdin, frames
read from its stdout by a thread. It can send what no well-behaved client
library would: broken headers, wrong Content-Length, invalid JSON, bad
params. Every wait has a timeout, and close() kills the server if it does
not exit, so a deaf or hung server fails a test instead of hanging it."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def frame(message, length: int | None = None) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


class RawClient:
    def __init__(self, *args: str, env: dict | None = None, cwd: Path = ROOT):
        self.process = subprocess.Popen([sys.executable, "-m", "govlint", "lsp", *args], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        env={**os.environ, **(env or {})})
        self.messages: queue.Queue = queue.Queue()
        self.received: list[dict] = []
        self.stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self.stderr.extend(self.process.stderr), daemon=True).start()
        self.next_id = 0

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            self.received.append(message)
            self.messages.put(message)

    # sending ------------------------------------------------------------
    def send_bytes(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def request(self, method: str, params=None, *, id=None) -> int:
        if id is None:
            self.next_id += 1
            id = self.next_id
        self.send_bytes(frame({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
        return id

    def notify(self, method: str, params=None) -> None:
        self.send_bytes(frame({"jsonrpc": "2.0", "method": method, "params": params}))

    # receiving ----------------------------------------------------------
    def wait_for(self, predicate, timeout: float = 20) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no matching message within {timeout} s; got {self.received[-5:]}")
            try:
                message = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if message is None:
                raise EOFError(f"the server closed its output; stderr: {b''.join(self.stderr)[-2000:]!r}")
            if predicate(message):
                return message

    def response(self, id, timeout: float = 20) -> dict:
        return self.wait_for(lambda m: m.get("id") == id and "method" not in m, timeout)

    def call(self, method: str, params=None, timeout: float = 20) -> dict:
        return self.response(self.request(method, params), timeout)

    def initialize(self, root: Path = ROOT, options=None) -> dict:
        reply = self.call("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {},
                                         "initializationOptions": options})
        self.notify("initialized", {})
        return reply

    def published(self, uri: str, timeout: float = 20) -> dict:
        message = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri, timeout)
        return message["params"]

    def publications(self, uri: str) -> list[dict]:
        return [m["params"] for m in self.received
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]

    def close(self) -> int | None:
        try:
            if self.process.poll() is None:
                try:
                    self.call("shutdown", None, timeout=10)
                    self.notify("exit")
                except (TimeoutError, EOFError, BrokenPipeError, OSError):
                    pass
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return None
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
