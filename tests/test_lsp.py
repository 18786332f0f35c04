"""The language server (`govlint lsp`, govlint/lsp/__init__.py).

The position conversion and the encoding choice are tested as pure
functions; the rest drives the real server end to end, `python -m govlint
lsp` as a subprocess over stdio, with pytest-lsp. Every wait has a timeout
and the server is killed if it has not exited after the test, so a broken
server fails the test instead of hanging the run.
"""
from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (pip install -e '.[test]')")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp drives the server (pip install -e '.[test]')")

from click.testing import CliRunner  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from govlint.cli import main  # noqa: E402
from govlint.model.document import Document  # noqa: E402
from govlint.lsp import choose_encoding, lsp_character, lsp_position  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "tests" / "data" / "workflow" / "002_b70717b772d0d9c9.txt"   # 002, language slips corrected
TIMEOUT = 30          # seconds for any one answer from the server
RARE = "\U00020000"   # 𠀀 CJK Extension B: one code point, two UTF-16 units


# ---------------------------------------------------------------------------
# Pure functions

@pytest.mark.parametrize("line, column, utf16, utf32", [
    ("abc", 1, 0, 0),
    ("abc", 3, 2, 2),
    ("abc", 4, 3, 3),                     # end of line (exclusive end)
    ("二、主动公开", 3, 2, 2),              # BMP CJK: one unit either way
    (f"{RARE}扫一扫", 1, 0, 0),
    (f"{RARE}扫一扫", 2, 2, 1),            # after 𠀀: 2 UTF-16 units, 1 code point
    (f"{RARE}扫一扫", 3, 3, 2),
    (f"\t{RARE}{RARE}x", 5, 6, 4),
    ("", 1, 0, 0),
    ("ab", 5, 4, 4),                      # past the end: one unit per column
])
def test_lsp_character(line, column, utf16, utf32):
    assert lsp_character(line, column, "utf-16") == utf16
    assert lsp_character(line, column, "utf-32") == utf32


def test_lsp_character_utf8_and_unknown():
    assert lsp_character(f"a{RARE}b", 3, "utf-8") == 5
    with pytest.raises(ValueError):
        lsp_character("a", 1, "utf-7")


def test_lsp_position_is_zero_based():
    document = Document("x.txt", f"一\n\t{RARE}[x]\n")
    assert lsp_position(document, 2, 3, "utf-16") == types.Position(line=1, character=3)
    assert lsp_position(document, 2, 3, "utf-32") == types.Position(line=1, character=2)
    assert lsp_position(document, 3, 1, "utf-16") == types.Position(line=2, character=0)


@pytest.mark.parametrize("offered, chosen", [
    (None, "utf-16"), ([], "utf-16"), (["utf-16"], "utf-16"), (["utf-8"], "utf-16"),
    (["utf-8", "utf-16"], "utf-16"), (["utf-16", "utf-32"], "utf-32"), (["utf-8", "utf-16", "utf-32"], "utf-32"),
    ([types.PositionEncodingKind.Utf32], "utf-32"),
])
def test_choose_encoding(offered, chosen):
    assert choose_encoding(offered) == chosen


# ---------------------------------------------------------------------------
# The command

def test_lsp_without_pygls_is_a_one_line_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)   # import pygls → ImportError
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "govlint: error: the language server needs pygls: install govlint[lsp]"]


def test_other_commands_do_not_import_pygls():
    code = ("import sys; from click.testing import CliRunner; from govlint.cli import main; "
            "CliRunner().invoke(main, ['rules']); CliRunner().invoke(main, [sys.argv[1]]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'govlint.lsp')))")
    out = subprocess.run([sys.executable, "-c", code, str(REPORT)], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------------------
# End to end over stdio

def report_text(bookmark: bool = True) -> str:
    """Report 002 with 𠀀 put before the Word bookmark of line 68 (A001,
    68:2 in the file, 68:3 here); without the bookmark when fixed."""
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    assert lines[67].startswith("\t[bookmark: _GoBack]")
    lines[67] = lines[67].replace("[bookmark: _GoBack]", f"{RARE}[bookmark: _GoBack]" if bookmark else RARE, 1)
    return "\n".join(lines)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "govlint", "lsp"]))
async def client(lsp_client: LanguageClient):
    yield
    try:
        await asyncio.wait_for(lsp_client.shutdown_session(), TIMEOUT)
    except Exception:  # noqa: BLE001 - the kill below still ends it
        pass
    finally:
        server = getattr(lsp_client, "_server", None)
        if server is not None and server.returncode is None:
            server.kill()


def capabilities(encodings) -> types.ClientCapabilities:
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings is not None else None
    return types.ClientCapabilities(general=general)


async def initialize(client: LanguageClient, caps: types.ClientCapabilities, root: Path = ROOT):
    params = types.InitializeParams(capabilities=caps, root_uri=root.as_uri())
    return await asyncio.wait_for(client.initialize_session(params), TIMEOUT)


async def published(client: LanguageClient, uri: str, send) -> types.PublishDiagnosticsParams:
    """Send a notification and wait for the diagnostics published for uri."""
    while True:
        future = client.protocol.wait_for_notification_async(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if send is not None:
            send()
            send = None
        params = await asyncio.wait_for(future, TIMEOUT)
        if params.uri == uri:
            return params


def open_document(client: LanguageClient, uri: str, text: str):
    return lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))


def by_code(diagnostics, code):
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, diagnostics
    return found[0]


@pytest.mark.asyncio
@pytest.mark.parametrize("caps, encoding, start, end", [
    (capabilities(None), "utf-16", 3, 22),                     # no offer: the LSP default
    (capabilities(["utf-16"]), "utf-16", 3, 22),               # 𠀀 counts 2
    (capabilities(["utf-16", "utf-32"]), "utf-32", 2, 21),     # 𠀀 counts 1
    (client_capabilities("neovim@v0.11.0"), "utf-32", 2, 21),  # offers utf-8 first: still utf-32
], ids=["default", "utf-16", "utf-32", "neovim"])
async def test_diagnostic_range_in_the_negotiated_encoding(client: LanguageClient, caps, encoding, start, end):
    result = await initialize(client, caps)
    assert result.capabilities.position_encoding == encoding
    uri = REPORT.with_name("buffer.txt").as_uri()    # never written: the buffer is linted
    params = await published(client, uri, open_document(client, uri, report_text()))
    assert params.version == 1
    bookmark = by_code(params.diagnostics, "A001")
    assert bookmark.range == types.Range(start=types.Position(line=67, character=start),
                                         end=types.Position(line=67, character=end))
    assert bookmark.severity == types.DiagnosticSeverity.Warning
    assert bookmark.source == "govlint"
    assert "[bookmark: _GoBack]" in bookmark.message
    numbering = [d for d in params.diagnostics if d.code == "S005"]
    assert [d.range.start for d in numbering] == [types.Position(line=15, character=0),
                                                  types.Position(line=61, character=0)]


@pytest.mark.asyncio
async def test_change_save_and_close_republish(client: LanguageClient):
    await initialize(client, capabilities(["utf-16"]))
    uri = REPORT.with_name("buffer.txt").as_uri()
    params = await published(client, uri, open_document(client, uri, report_text()))
    assert {d.code for d in params.diagnostics} == {"S005", "A001"}

    def change(text, version):
        return lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    params = await published(client, uri, change(report_text(bookmark=False), 2))
    assert params.version == 2
    assert {d.code for d in params.diagnostics} == {"S005"}      # the fixed bookmark is gone

    params = await published(client, uri, change(report_text(), 3))
    assert {d.code for d in params.diagnostics} == {"S005", "A001"}

    params = await published(client, uri, lambda: client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
    assert {d.code for d in params.diagnostics} == {"S005", "A001"}

    params = await published(client, uri, lambda: client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
    assert list(params.diagnostics) == []


async def code_actions(client, uri, line, character, only=None):
    position = types.Position(line=line, character=character)
    return await asyncio.wait_for(client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=types.Range(start=position, end=position),
        context=types.CodeActionContext(diagnostics=[], only=only))), TIMEOUT) or []


@pytest.mark.asyncio
@pytest.mark.parametrize("encodings, start, end", [(["utf-16"], 3, 22), (["utf-32"], 2, 21)])
async def test_code_actions(client: LanguageClient, encodings, start, end):
    await initialize(client, capabilities(encodings))
    uri = REPORT.with_name("buffer.txt").as_uri()
    await published(client, uri, open_document(client, uri, report_text()))
    bookmark = types.Range(start=types.Position(line=67, character=start),
                           end=types.Position(line=67, character=end))

    actions = await code_actions(client, uri, 67, start + 1)
    # "忽略此问题" actions carry a command; lsprotocol's client side reads any
    # action with a "command" key as a bare Command (tests/test_ignores.py
    # drives them with the raw client).
    assert [a.title for a in actions if a.title.startswith("忽略此问题")] == ["忽略此问题 (A001)"]
    actions = [a for a in actions if not a.title.startswith("忽略此问题")]
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert len(quick) == 1
    assert quick[0].is_preferred is True                          # A001's fix is safe
    assert [d.code for d in quick[0].diagnostics] == ["A001"]
    assert {k: list(v) for k, v in quick[0].edit.changes.items()} == {uri: [types.TextEdit(range=bookmark, new_text="")]}

    fix_all = [a for a in actions if a.kind == "source.fixAll.govlint"]
    assert len(fix_all) == 1 and fix_all[0].title == "govlint: fix all safe fixes"
    assert {k: list(v) for k, v in fix_all[0].edit.changes.items()} == {  # S005's fixes are unsafe
        uri: [types.TextEdit(range=bookmark, new_text="")]}

    numbering = await code_actions(client, uri, 15, 0, only=[types.CodeActionKind.QuickFix])
    numbering = [a for a in numbering if not a.title.startswith("忽略此问题")]
    assert len(numbering) == 1 and numbering[0].is_preferred is None       # unsafe: offered, not preferred
    assert numbering[0].edit.changes[uri][0].new_text == "二、"

    only_source = await code_actions(client, uri, 15, 0, only=[types.CodeActionKind.Source])
    assert [a.kind for a in only_source] == ["source.fixAll.govlint"]
    assert await code_actions(client, uri, 30, 0, only=[types.CodeActionKind.QuickFix]) == []
    # Each diagnostic links its rule's page.
    params = await published(client, uri, lambda: client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
    links = {d.code: d.code_description.href for d in params.diagnostics}
    assert links["A001"] == (ROOT / "docs" / "rules" / "A001.md").as_uri()
    assert all(href.endswith(f"/{code}.md") for code, href in links.items())


@pytest.mark.asyncio
async def test_a_failure_is_logged_and_the_server_lives_on(client: LanguageClient, tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "govlint.toml").write_text("select = 3\n", encoding="utf-8")
    await initialize(client, capabilities(["utf-16"]), tmp_path)
    broken = (tmp_path / "broken" / "report.txt").as_uri()
    future = client.protocol.wait_for_notification_async(types.WINDOW_LOG_MESSAGE)
    open_document(client, broken, report_text())()
    message = await asyncio.wait_for(future, TIMEOUT)
    assert message.type == types.MessageType.Error
    assert "cannot lint" in message.message and "govlint.toml" in message.message
    assert await code_actions(client, broken, 67, 3) == []        # answered, nothing to offer

    fine = (tmp_path / "report.txt").as_uri()
    params = await published(client, fine, open_document(client, fine, report_text()))
    assert {d.code for d in params.diagnostics} == {"S005", "A001"}
    assert broken not in client.diagnostics                       # nothing was published for it


@pytest.mark.asyncio
async def test_configuration_of_the_file_applies(client: LanguageClient, tmp_path):
    (tmp_path / "govlint.toml").write_text('ignore = ["S005"]\n', encoding="utf-8")
    await initialize(client, capabilities(["utf-16"]), tmp_path)
    uri = (tmp_path / "report.txt").as_uri()
    params = await published(client, uri, open_document(client, uri, report_text()))
    assert {d.code for d in params.diagnostics} == {"A001"}
    assert not (tmp_path / "report.txt").exists()                 # the file on disk is never touched
    untitled = "untitled:Untitled-1"                              # not a local file: the defaults
    params = await published(client, untitled, open_document(client, untitled, report_text()))
    assert {d.code for d in params.diagnostics} == {"S005", "A001"}
