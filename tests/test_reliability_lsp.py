"""The language server under malformed traffic and bursts of edits (issue
13): every request answered with a result or a JSON-RPC error, broken
frames skipped without losing the frames after them, and edits linted once
per pause, at their latest version. Driven by a raw client over pipes
(tests/rawlsp.py) that sends bytes no client library would; framing itself
is also tested on lsp_io.Reader directly."""
from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install -e '.[test]')")

from govlint.lsp.frames import Message, Reader, request_id  # noqa: E402
from rawlsp import RawClient, frame  # noqa: E402
from workflow import REPORT_002, make_pack  # noqa: E402

URI = Path("/nonexistent/buffer.txt").as_uri()     # never read: the buffer is linted


def open_params(text: str, version: int = 1, uri: str = URI) -> dict:
    return {"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}


def change_params(text: str, version: int, uri: str = URI) -> dict:
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}


def code_action(line: int = 0, character: int = 0, uri: str = URI) -> dict:
    position = {"line": line, "character": character}
    return {"textDocument": {"uri": uri}, "range": {"start": position, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []}}


@pytest.fixture
def client():
    started = RawClient()
    yield started
    code = started.close()
    assert code == 0, b"".join(started.stderr).decode("utf-8", "replace")[-2000:]


@pytest.fixture
def ready(client):
    client.initialize()
    client.notify("textDocument/didOpen", open_params(REPORT_002.read_text(encoding="utf-8")))
    assert client.published(URI)["version"] == 1
    return client


# ---------------------------------------------------------------- requests

@pytest.mark.parametrize("params, code, words", [
    (code_action(-1, 0), -32602, "Position.line should be in range"),
    (code_action(0, -5), -32602, "Position.character should be in range"),
    ({"textDocument": {"uri": URI}}, -32602, "Invalid params for textDocument/codeAction"),
    ("not an object", -32602, "Invalid params"),
    (None, -32602, "Invalid params"),
], ids=["negative-line", "negative-character", "missing-range", "string-params", "null-params"])
def test_a_request_with_bad_params_gets_an_error(ready, params, code, words):
    reply = ready.call("textDocument/codeAction", params)
    assert reply["error"]["code"] == code and words in reply["error"]["message"]
    assert "result" not in reply
    assert ready.call("textDocument/codeAction", code_action(67, 3))["result"]     # and the server goes on


@pytest.mark.parametrize("message, code, expected_id", [
    ({"jsonrpc": "2.0", "id": 7, "method": "no/such/method", "params": {}}, -32601, 7),
    ({"jsonrpc": "1.0", "id": 8, "method": "textDocument/codeAction", "params": code_action()}, -32600, 8),
    ({"jsonrpc": "2.0", "id": 2.5, "method": "textDocument/codeAction", "params": code_action()}, -32600, 2.5),
    ({"jsonrpc": "2.0", "id": [1], "method": "textDocument/codeAction", "params": code_action()}, -32600, None),
    ({"jsonrpc": "2.0", "id": 9, "method": 42, "params": {}}, -32600, 9),
    ([{"jsonrpc": "2.0", "id": 10, "method": "shutdown"}], -32600, None),
    ("just a string", -32600, None),
], ids=["unknown-method", "wrong-version", "float-id", "list-id", "method-not-a-string", "batch", "string"])
def test_every_malformed_request_gets_an_error(ready, message, code, expected_id):
    ready.send_bytes(frame(message))
    reply = ready.wait_for(lambda m: "error" in m and m.get("id") == expected_id)
    assert reply["error"]["code"] == code
    assert ready.call("textDocument/codeAction", code_action(67, 3))["result"]


def test_a_request_after_shutdown_gets_an_error(client):
    client.initialize()
    assert client.call("shutdown")["result"] is None
    reply = client.call("textDocument/codeAction", code_action())
    assert reply["error"]["code"] == -32600 and "shutting down" in reply["error"]["message"]


def test_bad_notifications_are_ignored_and_the_buffer_still_publishes(ready):
    ready.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                            "contentChanges": [{"not": "a change"}]})
    ready.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": "three"}})
    ready.notify("textDocument/didSave", {"textDocument": {"uri": URI}})
    assert ready.published(URI)["version"] == 1            # the change never applied; version 1 holds
    ready.notify("textDocument/didChange", change_params("一、总体情况\n无\n", 4))
    assert ready.published(URI)["version"] == 4


def test_a_lone_surrogate_in_the_buffer_is_published(ready):
    text = REPORT_002.read_text(encoding="utf-8").replace("主动公开", "主动\ud800公开", 1)
    ready.notify("textDocument/didChange", change_params(text, 2))
    params = ready.published(URI)
    assert params["version"] == 2
    assert any(d["code"] == "A006" and "代理码位 U+D800" in d["message"] for d in params["diagnostics"])


# ---------------------------------------------------------------- framing

@pytest.mark.parametrize("delta", [40, -25, 100000], ids=["too-long", "too-short", "far-too-long"])
def test_a_frame_with_a_wrong_length_is_answered_and_skipped(ready, delta):
    body = json.dumps({"jsonrpc": "2.0", "id": 50, "method": "textDocument/codeAction",
                       "params": code_action(67, 3)}).encode("utf-8")
    ready.send_bytes(frame(body, len(body) + delta))
    follow = ready.request("textDocument/codeAction", code_action(67, 3))
    broken = ready.response(50)
    assert broken["error"]["code"] == -32700 and "Content-Length" in broken["error"]["message"]
    assert ready.response(follow)["result"]                        # the next frame was not lost
    for n in range(3):                                             # nor any after it
        assert ready.call("textDocument/codeAction", code_action(67, 3))["result"], n


def test_a_too_long_frame_with_nothing_after_it_is_answered(ready):
    body = json.dumps({"jsonrpc": "2.0", "id": 60, "method": "textDocument/codeAction",
                       "params": code_action(67, 3)}).encode("utf-8")
    ready.send_bytes(frame(body, len(body) + 500))
    assert ready.response(60, timeout=10)["error"]["code"] == -32700


@pytest.mark.parametrize("junk", [
    b"garbage before a frame\r\n",
    b"Content-Length: 12\r\n",                       # a header and no blank line
    b"Content-Length: abc\r\n\r\n{}",
    b"Content-Length: 5\r\n\r\n{\"a\":",            # not JSON
    b"\r\n\r\n\r\n",
    b'{"jsonrpc": "2.0", "method": "initialized"}',  # no header at all
    b"Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[]",
], ids=["text", "header-only", "bad-length", "bad-json", "blank-lines", "no-header", "array"])
def test_junk_between_frames_does_not_deafen_the_server(ready, junk):
    ready.send_bytes(junk)
    for _ in range(2):
        assert ready.call("textDocument/codeAction", code_action(67, 3))["result"]


def test_a_frame_split_into_single_bytes_and_extra_headers(ready):
    body = json.dumps({"jsonrpc": "2.0", "id": 70, "method": "textDocument/codeAction",
                       "params": code_action(67, 3)}).encode("utf-8")
    data = (b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)
            + body)
    for byte in data:
        ready.send_bytes(bytes([byte]))
    assert ready.response(70)["result"]


def _reader(data: bytes, idle: float = 0.2):
    read_end, write_end = os.pipe()
    os.write(write_end, data)
    os.close(write_end)
    reader = Reader(read_end, idle)
    items = []
    while (item := reader.next()) is not None:
        items.append(item)
    os.close(read_end)
    return items


def test_reader_resynchronises_on_the_next_header():
    good = {"jsonrpc": "2.0", "id": 1, "method": "a"}
    body = json.dumps({"jsonrpc": "2.0", "id": 2, "method": "b"}).encode()
    items = _reader(frame(body, len(body) + 30) + frame(good) + frame(body, len(body) - 5) + frame(good)
                    + b"noise\n" + frame(good))
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Broken", "Message", "Broken", "Message", "Broken", "Message"]
    assert [item.body for item in items if isinstance(item, Message)] == [good] * 3
    assert request_id(items[0].data) == 2 and request_id(items[2].data) == 2
    assert request_id(items[4].data) is None


def test_reader_handles_a_header_split_from_its_body_in_time():
    good = frame({"jsonrpc": "2.0", "id": 3, "method": "c"})
    read_end, write_end = os.pipe()
    reader = Reader(read_end, idle=5)

    def writer():
        for part in (good[:10], good[10:30], good[30:]):
            os.write(write_end, part)
            time.sleep(0.05)
        os.close(write_end)

    threading.Thread(target=writer).start()
    assert reader.next() == Message({"jsonrpc": "2.0", "id": 3, "method": "c"})
    assert reader.next() is None
    os.close(read_end)


def test_request_id_from_a_truncated_body():
    assert request_id(b'{"jsonrpc": "2.0", "id": "abc", "method": "x", "params": {"a"') == "abc"
    assert request_id(b'{"jsonrpc": "2.0", "method": "x"}') is None              # a notification
    assert request_id(b"not json at all") is None


# ---------------------------------------------------------------- debounce

def test_a_burst_of_changes_is_linted_once_at_its_latest_version(ready):
    text = REPORT_002.read_text(encoding="utf-8")
    started = time.monotonic()
    for version in range(2, 1002):
        ready.notify("textDocument/didChange", change_params(text + "x" * version, version))
    last = ready.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["version"] == 1001)
    time.sleep(0.6)                                 # anything still coming would come now
    versions = [p["version"] for p in ready.publications(URI)]
    assert versions[0] == 1 and versions[-1] == 1001
    assert len(versions) <= 3, versions             # the open, maybe one mid-burst pause, the last
    assert versions == sorted(versions)
    assert time.monotonic() - started < 15
    assert any(d["code"] == "A001" for d in last["params"]["diagnostics"])


def test_the_pause_is_configurable():
    slow = RawClient("--debounce", "1500")
    try:
        slow.initialize()
        slow.notify("textDocument/didOpen", open_params("一、总体情况\n"))
        slow.published(URI)
        sent = time.monotonic()
        slow.notify("textDocument/didChange", change_params("一、总体情况\n无\n", 2))
        slow.published(URI, timeout=10)
        assert time.monotonic() - sent >= 1.4
    finally:
        assert slow.close() == 0
    fast = RawClient()
    try:
        fast.initialize(options={"debounce": 0})
        fast.notify("textDocument/didOpen", open_params("一、总体情况\n"))
        fast.published(URI)
        sent = time.monotonic()
        fast.notify("textDocument/didChange", change_params("一、总体情况\n无\n", 2))
        fast.published(URI)
        assert time.monotonic() - sent < 1.0
    finally:
        assert fast.close() == 0


SLOW_PACK = '''
import time
from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("Z950", "slow-rule", "info")
def slow(report, options):
    """Takes a second (a rule on a huge report)."""
    time.sleep(1.0)
    yield Finding(Span(0, 1), "slow " + " ".join(report.text.split()))


@rule("Z951", "after-slow", "info")
def after(report, options):
    """Runs after Z950."""
    yield Finding(Span(0, 1), "after")
'''


def test_a_lint_overtaken_by_a_newer_version_is_stopped_and_never_published(tmp_path):
    pack = make_pack(tmp_path / "site", "govlint_pack_slow", SLOW_PACK)
    client = RawClient("--debounce", "50", env={"PYTHONPATH": os.pathsep.join(
        [str(pack), os.environ.get("PYTHONPATH", "")])})
    try:
        client.initialize()
        client.notify("textDocument/didOpen", open_params("一、总体情况\n第一版\n"))
        time.sleep(0.3)                             # version 1 is being linted (inside the slow rule) …
        client.notify("textDocument/didChange", change_params("一、总体情况\n第二版\n", 2))
        params = client.published(URI, timeout=20)  # … and is dropped: the first publication is version 2
        assert params["version"] == 2
        assert any(d["message"] == "slow 一、总体情况 第二版" for d in params["diagnostics"])
        time.sleep(0.3)
        assert [p["version"] for p in client.publications(URI)] == [2]
    finally:
        assert client.close() == 0
