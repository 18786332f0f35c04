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

Only imported by the `lsp` command: pygls is an optional dependency.
"""
from __future__ import annotations

import logging
import sys
from urllib.parse import unquote

import attrs
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from . import __version__
from .document import Document
from .engine import Diagnostic, Options, lint_document

logger = logging.getLogger("govlint.lsp")

UTF16 = types.PositionEncodingKind.Utf16.value   # "utf-16"
UTF32 = types.PositionEncodingKind.Utf32.value   # "utf-32"
FIX_ALL = "source.fixAll.govlint"
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


def options_for_uri(uri: str) -> Options:
    """The options `govlint check` would use for this file: the nearest
    configuration file walking up from it; the defaults for a URI that is
    not a local file. Read afresh each time, so edits to the configuration
    apply on the next change. Raises ConfigError for a broken file."""
    path = to_fs_path(uri)
    if path is None:
        return Options()
    from .check import Configs, Settings, options_for
    from .registry import load_rules

    settings = Settings(paths=(path,))
    return options_for(settings, Configs(settings, load_rules().rules).for_file(path), path)


def lint_buffer(uri: str, text: str) -> tuple[Document, list[Diagnostic]]:
    document = buffer_document(uri, text)
    return document, lint_document(document, options_for_uri(uri))


def to_lsp_diagnostic(document: Document, d: Diagnostic, uri: str, encoding: str) -> types.Diagnostic:
    related = [types.DiagnosticRelatedInformation(
                   location=types.Location(uri=uri, range=lsp_range(document, r, encoding)),
                   message=r.get("message", ""))
               for r in d.related]
    return types.Diagnostic(range=lsp_range(document, d, encoding), message=d.message,
                            severity=SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
                            code=d.code, source="govlint", related_information=related or None)


# ---------------------------------------------------------------------------
# The server

class GovlintProtocol(LanguageServerProtocol):
    """pygls takes the client's first supported position encoding; govlint
    prefers utf-32 (its own unit) and otherwise uses utf-16, so the offer
    is narrowed to that choice before pygls negotiates (the workspace and
    the announced capability then agree with what the server converts to)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        offered = params.capabilities
        general = offered.general or types.GeneralClientCapabilities()
        chosen = choose_encoding(general.position_encodings)
        params.capabilities = attrs.evolve(offered, general=attrs.evolve(general, position_encodings=[chosen]))
        result = yield from super().lsp_initialize(params)
        self.client_capabilities = offered
        return result


class GovlintServer(LanguageServer):
    def __init__(self):
        super().__init__("govlint", __version__, protocol_cls=GovlintProtocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        # uri → (buffer text, document, diagnostics) of the last lint
        self.results: dict[str, tuple[str, Document, list[Diagnostic]]] = {}

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

    def lint(self, uri: str) -> tuple[str, Document, list[Diagnostic]] | None:
        """Lint the open buffer (reusing the last result for the same text);
        None, after logging it, when linting failed."""
        buffer = self.buffer(uri)
        if buffer is None:
            return None
        text = buffer[0]
        cached = self.results.get(uri)
        if cached is not None and cached[0] == text:
            return cached
        try:
            document, diagnostics = lint_buffer(uri, text)
        except Exception as exc:  # the server outlives any failure; the last diagnostics stay
            logger.exception("linting %s failed", uri)
            self.log(f"govlint: cannot lint {uri}: {type(exc).__name__}: {exc}")
            return None
        self.results[uri] = (text, document, diagnostics)
        return self.results[uri]

    def publish(self, uri: str) -> None:
        result = self.lint(uri)
        if result is None:
            return
        _, document, diagnostics = result
        encoding = self.encoding
        buffer = self.buffer(uri)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=buffer[1] if buffer else None,
            diagnostics=[to_lsp_diagnostic(document, d, uri, encoding) for d in diagnostics]))

    def clear(self, uri: str) -> None:
        self.results.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        from .fix import choose

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
        if wanted(types.CodeActionKind.QuickFix):
            start, end = params.range.start, params.range.end
            for d in diagnostics:
                if not d.fix or not d.fix.get("edits"):
                    continue
                lsp = to_lsp_diagnostic(document, d, uri, encoding)
                first, last = lsp.range.start, lsp.range.end
                if (first.line, first.character) > (end.line, end.character) or \
                        (start.line, start.character) > (last.line, last.character):
                    continue
                edits = [text_edit(lsp_range(document, e, encoding), e["replacement"]) for e in d.fix["edits"]]
                actions.append(types.CodeAction(
                    title=f"{d.fix.get('description') or 'fix'} ({d.code})", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp], is_preferred=True if d.fix.get("safe") else None,
                    edit=types.WorkspaceEdit(changes={uri: edits})))
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


def build_server() -> GovlintServer:
    server = GovlintServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: GovlintServer, params):
        from .registry import load_rules

        for error in load_rules().errors:
            ls.log(f"govlint: {error}", types.MessageType.Warning)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: GovlintServer, params: types.DidOpenTextDocumentParams):
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: GovlintServer, params: types.DidChangeTextDocumentParams):
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: GovlintServer, params: types.DidSaveTextDocumentParams):
        ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: GovlintServer, params: types.DidCloseTextDocumentParams):
        ls.clear(params.text_document.uri)

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


def serve() -> None:
    """Run the server on standard input and output until the client exits."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    # The protocol owns stdout: anything a rule pack prints goes to stderr.
    sys.stdout = sys.stderr
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="govlint lsp: %(levelname)s %(message)s")
    build_server().start_io(stdin, stdout)
