"""`govlint lsp`: a language server over stdio, for editors (pygls).

It lints the editor's buffer, never the file on disk, with the
configuration that applies to the file (the nearest govlint.toml or
pyproject.toml, as `govlint check` finds it; the defaults for a buffer that
is not a local file), and publishes the diagnostics on open, change and
save; closing the buffer clears them. Fixes are offered as code actions:
one quick fix per diagnostic, and a source action that applies every safe
fix at once (the first pass of `govlint --fix`).

Positions: govlint counts 1-based columns in code points; LSP counts
0-based characters in the negotiated position encoding. The server takes
utf-32 (code points) when the client offers it and utf-16, the protocol's
default, otherwise; lsp_character converts.

Robustness: every request gets a result or a JSON-RPC error, whatever its
params; a broken frame (wrong Content-Length, bad JSON) is skipped, a request
in it answered with an error, and the server goes on (lsp_io.py reads the
frames, since pygls's reader goes deaf after one). Edits are linted after a
pause (--debounce, or the initialization option "debounce", in
milliseconds): a burst of changes is linted once, at its latest version, and
a lint overtaken by a newer version is stopped between two rules and never
published.

Each diagnostic links its rule's page (codeDescription, docs.py). A
finding can be accepted from the editor: the code action "忽略此问题"
runs the command govlint.ignore, which writes an ignore entry (ignores.py)
into the configuration `govlint ignore` would use, and the buffers are
linted again without it. Findings accepted by ignore entries are not
published.

Only imported by the `lsp` command: pygls is an optional dependency.
"""
from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import sys
import threading
from urllib.parse import unquote

import attrs
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from govlint import __version__
from govlint.model.document import Document
from govlint.engine.lint import Diagnostic, Options, lint_document

logger = logging.getLogger("govlint.lsp")

DEBOUNCE = 0.25     # seconds of quiet after a change before the buffer is linted

UTF16 = types.PositionEncodingKind.Utf16.value   # "utf-16"
UTF32 = types.PositionEncodingKind.Utf32.value   # "utf-32"
FIX_ALL = "source.fixAll.govlint"
IGNORE_COMMAND = "govlint.ignore"
IGNORE_TITLE = "忽略此问题"
IGNORE_REASON = "在编辑器中确认忽略"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


# ---------------------------------------------------------------------------
# Positions (pure functions)

def choose_encoding(offered) -> str:
    """The position encoding to use, from the client's
    general.positionEncodings: utf-32 if offered, else utf-16 (which every
    client must support)."""
    return UTF32 if UTF32 in (offered or ()) else UTF16


def lsp_character(line: str, column: int, encoding: str) -> int:
    """govlint's 1-based column on `line` (counted in code points) → the
    0-based LSP character offset in `encoding` units ("utf-32": code
    points; "utf-16": a character outside the BMP counts 2; "utf-8":
    bytes). A column past the end of the line counts 1 unit per column."""
    points = max(column - 1, 0)
    prefix = line[:points]
    beyond = points - len(prefix)
    if encoding == UTF32:
        return points
    if encoding == UTF16:
        return len(prefix) + sum(1 for c in prefix if ord(c) > 0xFFFF) + beyond
    if encoding == "utf-8":
        return len(prefix.encode("utf-8", "surrogatepass")) + beyond
    raise ValueError(f"unknown position encoding {encoding!r}")


def lsp_position(document: Document, line: int, column: int, encoding: str) -> types.Position:
    """1-based (line, column) in code points → an LSP Position."""
    text = document.lines[line - 1] if 1 <= line <= len(document.lines) else ""
    return types.Position(line=max(line - 1, 0), character=lsp_character(text, column, encoding))


def lsp_range(document: Document, where: dict | Diagnostic, encoding: str) -> types.Range:
    """The range of a diagnostic, an edit or a related location."""
    get = where.get if isinstance(where, dict) else lambda key: getattr(where, key)
    return types.Range(start=lsp_position(document, get("line"), get("column"), encoding),
                       end=lsp_position(document, get("end_line"), get("end_column"), encoding))


# ---------------------------------------------------------------------------
# Linting a buffer

def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")


def buffer_document(uri: str, text: str) -> Document:
    """The buffer as a Document: newlines normalised (LSP counts \\r\\n, \\r
    and \\n as one line end each, so lines and columns are unchanged)."""
    path = to_fs_path(uri) or uri
    return Document(path=path, text=text.replace("\r\n", "\n").replace("\r", "\n"))


def config_for_uri(uri: str):
    """The configuration `govlint check` would use for this file (None for
    a URI that is not a local file). Raises ConfigError for a broken file."""
    path = to_fs_path(uri)
    if path is None:
        return None
    from govlint.engine.check import Configs, Settings
    from govlint.engine.registry import load_rules

    return Configs(Settings(paths=(path,)), load_rules().rules).for_file(path)


def options_for_uri(uri: str) -> Options:
    """The options `govlint check` would use for this file: the nearest
    configuration file walking up from it; the defaults for a URI that is
    not a local file. Read afresh each time, so edits to the configuration
    apply on the next change. Raises ConfigError for a broken file."""
    path = to_fs_path(uri)
    if path is None:
        return Options()
    from govlint.engine.check import Settings, options_for

    return options_for(Settings(paths=(path,)), config_for_uri(uri), path)


class Cancelled(BaseException):
    """A lint overtaken by a newer version of its buffer. A BaseException:
    it passes through the engine's per-rule `except Exception`."""


def _guarded(rule, cancelled):
    def check(report, options):
        if cancelled():
            raise Cancelled
        return rule.check(report, options)

    return dataclasses.replace(rule, check=check)


def lint_buffer(uri: str, text: str, cancelled=None) -> tuple[Document, list[Diagnostic]]:
    """Lint a buffer; cancelled() is asked before each rule (Cancelled when
    it says so)."""
    from govlint.engine.ignores import Ignores, entries_for
    from govlint.engine.registry import load_rules

    document = buffer_document(uri, text)
    options = options_for_uri(uri)
    rules = options.rules()
    if cancelled is not None:
        rules = [_guarded(rule, cancelled) for rule in rules]
    diagnostics = lint_document(document, options, rules)
    path = to_fs_path(uri)
    if path is not None:
        entries = entries_for(path, config_for_uri(uri), load_rules().rules)
        diagnostics = Ignores().apply(diagnostics, entries)
    return document, diagnostics


def to_lsp_diagnostic(document: Document, d: Diagnostic, uri: str, encoding: str,
                      docs_base: str | None = None) -> types.Diagnostic:
    from govlint.output.rule_pages import url_for

    related = [types.DiagnosticRelatedInformation(
                   location=types.Location(uri=uri, range=lsp_range(document, r, encoding)),
                   message=r.get("message", ""))
               for r in d.related]
    link = url_for(d.code, docs_base)
    return types.Diagnostic(range=lsp_range(document, d, encoding), message=d.message,
                            severity=SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
                            code=d.code, source="govlint", related_information=related or None,
                            code_description=types.CodeDescription(href=link) if link else None,
                            data={"fingerprint": d.fingerprint} if d.fingerprint else None)


def docs_base_for(uri: str) -> str | None:
    """The rule pages' base URL for this file (its configuration's docs-url)."""
    from govlint.output.rule_pages import base_url

    try:
        config = config_for_uri(uri)
    except Exception:  # a broken configuration is reported by the lint itself
        config = None
    return base_url(config.docs_url if config is not None else None)


# ---------------------------------------------------------------------------
# The server

class GovlintProtocol(LanguageServerProtocol):
    """pygls takes the client's first supported position encoding; govlint
    prefers utf-32 (its own unit) and otherwise uses utf-16, so the offer
    is narrowed to that choice before pygls negotiates (the workspace and
    the announced capability then agree with what the server converts to)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        options = params.initialization_options
        if isinstance(options, dict) and "debounce" in options:
            value = options["debounce"]
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 60000:
                self._server.debounce = value / 1000
            else:
                logger.warning("initializationOptions.debounce must be milliseconds (0 to 60000), not %r", value)
        offered = params.capabilities
        general = offered.general or types.GeneralClientCapabilities()
        chosen = choose_encoding(general.position_encodings)
        params.capabilities = attrs.evolve(offered, general=attrs.evolve(general, position_encodings=[chosen]))
        result = yield from super().lsp_initialize(params)
        self.client_capabilities = offered
        return result


class GovlintServer(LanguageServer):
    def __init__(self, debounce: float = DEBOUNCE):
        super().__init__("govlint", __version__, protocol_cls=GovlintProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        # uri → (buffer text, document, diagnostics) of the last lint
        self.results: dict[str, tuple[str, Document, list[Diagnostic]]] = {}
        self.debounce = debounce
        self.timers: dict[str, asyncio.TimerHandle] = {}
        # uri → the latest version the reader thread has seen arrive (lsp_io),
        # ahead of the loop: a lint of an older version is stale.
        self.arrived: dict[str, object] = {}
        self.arrived_lock = threading.Lock()

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return getattr(encoding, "value", encoding) or UTF16

    def log(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def buffer(self, uri: str) -> tuple[str, int | None] | None:
        """The open buffer's text and version; None if it is not open (the
        file on disk is never read)."""
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            return None
        return document.source, document.version

    def stale(self, uri: str, version) -> bool:
        """Whether a newer version of the buffer (or its closing) has arrived."""
        return self.arrived.get(uri, version) != version

    def lint(self, uri: str, cancellable: bool = False) -> tuple[str, Document, list[Diagnostic]] | None:
        """Lint the open buffer (reusing the last result for the same text);
        None, after logging it, when linting failed or (cancellable) a newer
        version arrived meanwhile."""
        buffer = self.buffer(uri)
        if buffer is None:
            return None
        text, version = buffer
        cached = self.results.get(uri)
        if cached is not None and cached[0] == text:
            return cached
        try:
            document, diagnostics = lint_buffer(uri, text, (lambda: self.stale(uri, version)) if cancellable else None)
        except Cancelled:
            return None
        except Exception as exc:  # the server outlives any failure; the last diagnostics stay
            logger.exception("linting %s failed", uri)
            self.log(f"govlint: cannot lint {uri}: {type(exc).__name__}: {exc}")
            return None
        self.results[uri] = (text, document, diagnostics)
        return self.results[uri]

    def schedule(self, uri: str, delay: float) -> None:
        """Publish the buffer's diagnostics after delay seconds of quiet: a
        newer change restarts the wait, so a burst is linted once."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.timers[uri] = asyncio.get_running_loop().call_later(delay, self.publish, uri)

    def publish(self, uri: str) -> None:
        self.timers.pop(uri, None)
        buffer = self.buffer(uri)
        if buffer is None or self.stale(uri, buffer[1]):
            return                      # a newer version is on its way and will be published
        result = self.lint(uri, cancellable=True)
        if result is None or self.stale(uri, buffer[1]) or self.buffer(uri) != buffer:
            return
        _, document, diagnostics = result
        encoding = self.encoding
        base = docs_base_for(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=buffer[1],
            diagnostics=[to_lsp_diagnostic(document, d, uri, encoding, base) for d in diagnostics]))

    def clear(self, uri: str) -> None:
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def ignore(self, *args) -> dict:
        return _ignore(self, list(args))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        from govlint.engine.fix import choose

        uri = params.text_document.uri
        result = self.lint(uri)
        if result is None:
            return None
        text, document, diagnostics = result
        encoding = self.encoding
        newline = _newline(text)
        only = params.context.only

        def wanted(kind: str) -> bool:
            return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)

        def text_edit(rng: types.Range, replacement: str) -> types.TextEdit:
            return types.TextEdit(range=rng, new_text=replacement.replace("\n", newline))

        actions = []
        local = to_fs_path(uri) is not None
        if wanted(types.CodeActionKind.QuickFix):
            start, end = params.range.start, params.range.end
            ignores = []
            for d in diagnostics:
                lsp = to_lsp_diagnostic(document, d, uri, encoding)
                first, last = lsp.range.start, lsp.range.end
                if (first.line, first.character) > (end.line, end.character) or \
                        (start.line, start.character) > (last.line, last.character):
                    continue
                if local and not d.code.startswith("E") and d.fingerprint:
                    # 忽略此问题: an ignore entry, written by the server (workspace/executeCommand)
                    ignores.append(types.CodeAction(
                        title=f"{IGNORE_TITLE} ({d.code})", kind=types.CodeActionKind.QuickFix, diagnostics=[lsp],
                        command=types.Command(title=f"{IGNORE_TITLE} ({d.code})", command=IGNORE_COMMAND,
                                              arguments=[uri, d.code, d.fingerprint, d.message])))
                if not d.fix or not d.fix.get("edits"):
                    continue
                edits = [text_edit(lsp_range(document, e, encoding), e["replacement"]) for e in d.fix["edits"]]
                actions.append(types.CodeAction(
                    title=f"{d.fix.get('description') or 'fix'} ({d.code})", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp], is_preferred=True if d.fix.get("safe") else None,
                    edit=types.WorkspaceEdit(changes={uri: edits})))
            actions.extend(ignores)             # after the fixes: fixing comes first
        if wanted(FIX_ALL):
            edits = []
            for _, fix_edits in choose(document, diagnostics, unsafe=False):
                for start_offset, end_offset, replacement in fix_edits:
                    line, column = document.position(start_offset)
                    end_line, end_column = document.position(end_offset)
                    rng = types.Range(start=lsp_position(document, line, column, encoding),
                                      end=lsp_position(document, end_line, end_column, encoding))
                    edits.append(text_edit(rng, replacement))
            if edits:
                actions.append(types.CodeAction(title="govlint: fix all safe fixes", kind=FIX_ALL,
                                                edit=types.WorkspaceEdit(changes={uri: edits})))
        return actions or None


def _ignore(server: "GovlintServer", args) -> dict:
    """govlint.ignore [uri, code, fingerprint, message]: write the entry
    where `govlint ignore` would, then lint the open buffers again."""
    from govlint.engine.ignores import IgnoreProblem, append, target_for
    from govlint.engine.registry import load_rules

    if isinstance(args, (list, tuple)) and len(args) == 1 and isinstance(args[0], (list, tuple)):
        args = args[0]
    if not isinstance(args, (list, tuple)) or len(args) < 3 or not all(isinstance(a, str) for a in args[:3]):
        raise ValueError("govlint.ignore takes [uri, code, fingerprint, message]")
    uri, code, fingerprint = args[:3]
    message = args[3] if len(args) > 3 and isinstance(args[3], str) else None
    path = to_fs_path(uri)
    if path is None:
        raise ValueError(f"not a local file: {uri}")
    import datetime

    config = config_for_uri(uri)
    target = config.path if config is not None and config.path else target_for(path, False, None)
    entry = {"code": code, "fingerprint": fingerprint, "reason": IGNORE_REASON,
             "date": datetime.date.today().isoformat(), "message": message}
    try:
        append(target, path, [entry], load_rules().rules)
    except IgnoreProblem as problem:
        server.log(f"govlint: {problem}")
        raise ValueError(str(problem)) from None
    server.log(f"govlint: 已把 {code} 的忽略记录写入 {target}；请在其中补充原因", types.MessageType.Info)
    server.results.clear()                    # the configuration changed: every buffer again
    for open_uri in list(server.workspace.text_documents):
        server.schedule(open_uri, 0)
    return {"file": target}


def build_server(debounce: float = DEBOUNCE) -> GovlintServer:
    server = GovlintServer(debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: GovlintServer, params):
        from govlint.engine.registry import load_rules

        for error in load_rules().errors:
            ls.log(f"govlint: {error}", types.MessageType.Warning)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GovlintServer, params: types.DidOpenTextDocumentParams):
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GovlintServer, params: types.DidChangeTextDocumentParams):
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: GovlintServer, params: types.DidSaveTextDocumentParams):
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GovlintServer, params: types.DidCloseTextDocumentParams):
        ls.clear(params.text_document.uri)

    @server.command(IGNORE_COMMAND)
    def ignore_finding(ls: GovlintServer, *args):
        return ls.ignore(*args)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: GovlintServer, params: types.CodeActionParams):
        try:
            return ls.code_actions(params)
        except Exception as exc:  # an answer of "no actions", never a dead server
            logger.exception("code actions for %s failed", params.text_document.uri)
            ls.log(f"govlint: code actions failed: {type(exc).__name__}: {exc}")
            return None

    return server


# ---------------------------------------------------------------------------
# Transport: frames read by lsp_io in a thread, handled on the event loop

_BUFFER_METHODS = {types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_CHANGE, types.TEXT_DOCUMENT_DID_CLOSE}


_CLOSED = object()


def _arrival(message) -> tuple[str, object] | None:
    """(uri, version) of a message that changes a buffer, else None."""
    if not isinstance(message, dict) or message.get("method") not in _BUFFER_METHODS:
        return None
    try:
        document = message["params"]["textDocument"]
        uri = document["uri"]
    except (KeyError, TypeError):
        return None
    if not isinstance(uri, str):
        return None
    if message["method"] == types.TEXT_DOCUMENT_DID_CLOSE:
        return uri, _CLOSED
    return uri, document.get("version", _CLOSED)


def _note_arrival(server: GovlintServer, message) -> None:
    """Record, as soon as it is read, that a newer version of a buffer has
    arrived: the loop may still be linting an older one (reader thread)."""
    arrival = _arrival(message)
    if arrival is not None:
        with server.arrived_lock:
            server.arrived[arrival[0]] = arrival[1]


def _forget_arrival(server: GovlintServer, message) -> None:
    """A buffer message that was not applied (its params did not fit): the
    buffer keeps its version, which is current again unless another one has
    arrived since."""
    arrival = _arrival(message)
    if arrival is None:
        return
    uri, version = arrival
    buffer = server.buffer(uri)
    with server.arrived_lock:
        if server.arrived.get(uri) is version or server.arrived.get(uri) == version:
            if buffer is None:
                server.arrived.pop(uri, None)
            else:
                server.arrived[uri] = buffer[1]


def _send_error(server: GovlintServer, msg_id, code: int, message: str) -> None:
    """A JSON-RPC error response, written directly (pygls's own response
    types leave out a null id)."""
    body = json.dumps({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}).encode("utf-8")
    server.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def _handle(server: GovlintServer, item) -> None:
    """One frame from the reader: handled by pygls, or answered with an error."""
    from pygls.exceptions import JsonRpcException

    from govlint.lsp.frames import Broken, request_id

    if isinstance(item, Broken):
        msg_id = request_id(item.data)
        logger.warning("skipped a broken frame: %s", item.reason)
        # A request in it gets its error; so does a frame whose kind is unknown (id null).
        if msg_id is not None or b'"method"' not in item.data or b'"id"' in item.data:
            _send_error(server, msg_id, -32700, f"Parse error: {item.reason}")
        return
    message = item.body
    if not isinstance(message, dict):
        _send_error(server, None, -32600, "Invalid Request: a message must be a JSON object")
        return
    raw_id = message.get("id")
    valid_id = isinstance(raw_id, (int, str)) and not isinstance(raw_id, bool)
    echo_id = raw_id if valid_id or (isinstance(raw_id, float) and raw_id == raw_id) else None
    is_request = "id" in message and "method" in message
    if message.get("jsonrpc") != "2.0" or "method" in message and not isinstance(message["method"], str) \
            or is_request and not valid_id:
        if is_request or "method" not in message:
            _send_error(server, echo_id, -32600, "Invalid Request: not a JSON-RPC 2.0 request "
                                                 "(jsonrpc \"2.0\", a method name, an integer or string id)")
        _forget_arrival(server, message)
        return
    if is_request and getattr(server.protocol, "_shutdown", False) and message["method"] != types.EXIT:
        # pygls drops these without a word; LSP asks for an error
        _send_error(server, raw_id, -32600, "Invalid Request: the server is shutting down")
        return
    try:
        structured = server.protocol.structure_message(message)
    except Exception as exc:       # params that do not fit the method (a negative position …)
        code = exc.code if isinstance(exc, JsonRpcException) else -32602
        if is_request:
            _send_error(server, raw_id, code, f"Invalid params for {message['method']}: {_cause(exc)}")
        else:
            logger.warning("ignored %s: invalid params: %s", message.get("method"), _cause(exc))
            _forget_arrival(server, message)
        return
    try:
        server.protocol.handle_message(structured)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # pygls answers failures of handlers itself; this is anything else
        logger.exception("cannot handle %s", message.get("method"))
        if is_request:
            _send_error(server, msg_id, -32603, f"Internal error: {type(exc).__name__}: {exc}")


def _cause(exc: BaseException) -> str:
    """The first line of what went wrong, from cattrs's nested errors."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    leaves = getattr(exc, "exceptions", None)
    while leaves:
        exc = leaves[0]
        leaves = getattr(exc, "exceptions", None)
    return (str(exc) or type(exc).__name__).splitlines()[0][:200]


class _QuietDeserialize(logging.Filter):
    """pygls logs a full traceback for params that do not fit; _handle logs
    one line and answers the request."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Unable to deserialize message")


async def _run(server: GovlintServer, fd: int) -> None:
    from govlint.lsp.frames import Reader

    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    reader = Reader(fd)

    def read() -> None:
        while True:
            try:
                item = reader.next()
            except Exception:  # an I/O error: the stream is over
                logger.exception("reading the client's messages failed")
                item = None
            if item is not None and not hasattr(item, "reason"):
                _note_arrival(server, item.body)
            loop.call_soon_threadsafe(queue.put_nowait, item)
            if item is None:
                return

    threading.Thread(target=read, name="govlint-lsp-reader", daemon=True).start()
    while not server._stop_event.is_set():
        item = await queue.get()
        if item is None:
            return
        _handle(server, item)


def serve(debounce: float = DEBOUNCE) -> int:
    """Run the server on standard input and output until the client exits;
    the exit code (0 after shutdown, 1 otherwise, as LSP asks)."""
    from pygls.io_ import StdoutWriter

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # The protocol owns stdout: anything a rule pack prints goes to stderr.
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="govlint lsp: %(levelname)s %(message)s")
    logging.getLogger("pygls.protocol.json_rpc").addFilter(_QuietDeserialize())
    server = build_server(debounce)
    server._stop_event = threading.Event()       # pygls's shutdown() sets it
    server.protocol.set_writer(StdoutWriter(stdout))
    code = 0
    try:
        asyncio.run(_run(server, stdin.fileno()))
    except SystemExit as exc:                    # the exit notification
        code = exc.code if isinstance(exc.code, int) else 0
    except (KeyboardInterrupt, BrokenPipeError):
        code = 1
    finally:
        server.shutdown()
    return code
