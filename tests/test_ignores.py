"""Ignore entries: one finding accepted deliberately, with its reason
(govlint.toml / [tool.govlint] or a sidecar next to the report), written
by `govlint ignore` or the language server's "忽略此问题", keyed by the
content fingerprint, stale ones reported."""
from __future__ import annotations

import datetime
import json

import pytest

from workflow import REPORT_002, copy, govlint

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

BOOKMARK = "[bookmark: _GoBack]"


def codes(run) -> list[str]:
    return [d["code"] for d in run.diagnostics()]


@pytest.fixture
def report(tmp_path):
    return copy(REPORT_002, tmp_path / "reports")


def test_ignore_writes_an_entry_and_the_finding_is_gone(report, tmp_path):
    assert codes(govlint("--format", "json", report)) == ["S005", "S005", "A001"]
    run = govlint("ignore", "--code", "A001", "--reason", "原件如此，已核实", "--by", "张三", report)
    assert run.code == 0, run.err
    config = report.parent / "govlint.toml"                  # none existed: created next to the report
    assert run.err == f"govlint: wrote 1 ignore entry to {config}\n"
    (entry,) = tomllib.loads(config.read_text(encoding="utf-8"))["ignore-findings"]
    fingerprint = [d for d in govlint("--format", "json", "--isolated", report).diagnostics()
                   if d["code"] == "A001"][0]["fingerprint"]
    assert entry == {"path": report.name, "code": "A001", "fingerprint": fingerprint, "reason": "原件如此，已核实",
                     "by": "张三", "date": datetime.date.today().isoformat(),
                     "message": "Word 书签残留“[bookmark: _GoBack]”：Word 的隐藏书签在转为文本时写了出来，请删除"}
    after = govlint("--format", "json", report)
    assert codes(after) == ["S005", "S005"] and after.err == ""
    # the fingerprint is the content's: text added above does not bring it back
    report.write_text("\n\n" + report.read_text(encoding="utf-8"), encoding="utf-8")
    assert codes(govlint("--format", "json", report)) == ["S005", "S005"]
    # a second `ignore` adds nothing for a finding already ignored
    again = govlint("ignore", "--code", "A001", "--reason", "x", report)
    assert again.err == "govlint: warning: the 1 current finding of those codes is ignored already: nothing written\n"
    assert len(tomllib.loads(config.read_text(encoding="utf-8"))["ignore-findings"]) == 1


def test_a_folder_gets_one_line_per_file_written_and_readable_files(tmp_path):
    """A folder's reports share the configuration written next to them: one
    line says how many entries went there (not one line per report, nor
    lines for reports without such findings), and the new file has the
    mode any new file gets, not a temporary file's 0600."""
    import os

    folder = tmp_path / "reports"
    copy(REPORT_002, folder, "a.txt")
    copy(REPORT_002, folder, "b.txt")
    (folder / "clean.txt").write_text("2024年政府信息公开工作年度报告\n", encoding="utf-8")
    umask = os.umask(0o022)
    try:
        run = govlint("ignore", "--code", "A001", "--reason", "原件如此", folder)
    finally:
        os.umask(umask)
    config = folder / "govlint.toml"
    assert run.code == 0 and run.err == f"govlint: wrote 2 ignore entries to {config}\n"
    assert [e["path"] for e in tomllib.loads(config.read_text(encoding="utf-8"))["ignore-findings"]] == ["a.txt", "b.txt"]
    assert config.stat().st_mode & 0o777 == 0o644
    nothing = govlint("ignore", "--code", "S001", "--reason", "x", folder)
    assert nothing.err == "govlint: warning: no current finding of those codes: nothing written\n"


def test_stale_entries_are_reported(report):
    govlint("ignore", "--code", "conversion-artifact", "--reason", "已核实", report)
    report.write_text(report.read_text(encoding="utf-8").replace(BOOKMARK, ""), encoding="utf-8")
    run = govlint(report)
    assert run.code == 1
    lines = run.err.splitlines()
    assert lines[0] == (f"govlint: 1 ignore entry no longer matches a finding (remove it from "
                        f"{report.parent / 'govlint.toml'}):")
    assert lines[1].startswith(f"  {report.name}: A001 ") and lines[1].endswith("(已核实)")
    # an entry of a rule that did not run is not stale
    assert govlint("--select", "S", report).err == ""
    zh = govlint(report, "--lang", "zh")
    assert zh.err.startswith("govlint: 1 条忽略记录已没有对应的问题（请从 ")


def test_sidecar(report):
    run = govlint("ignore", "--sidecar", "--code", "S005", "--reason", "编号沿用原件", report)
    side = report.with_name(report.name + ".govlint-ignore.toml")
    assert run.err == f"govlint: wrote 2 ignore entries to {side}\n"
    entries = tomllib.loads(side.read_text(encoding="utf-8"))["ignore-findings"]
    assert [e["code"] for e in entries] == ["S005", "S005"] and all("path" not in e for e in entries)
    assert not (report.parent / "govlint.toml").exists()
    assert codes(govlint("--format", "json", report)) == ["A001"]
    # an editor piping the buffer names the file: its sidecar applies
    piped = govlint("--format", "json", "-", "--stdin-filename", str(report), stdin=report.read_bytes())
    assert codes(piped) == ["A001"]


def test_written_into_an_existing_pyproject(report, tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "reports"\n\n[tool.govlint]\nignore = ["S006"]\n', encoding="utf-8")
    govlint("ignore", "--code", "A001", "--reason", "已核实", report)
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    assert data["project"] == {"name": "reports"} and data["tool"]["govlint"]["ignore"] == ["S006"]
    (entry,) = data["tool"]["govlint"]["ignore-findings"]
    assert entry["path"] == f"reports/{report.name}"
    assert codes(govlint("--format", "json", report)) == ["S005", "S005"]


def test_fix_leaves_an_ignored_finding_alone(report):
    govlint("ignore", "--code", "A001", "--reason", "书签保留", report)
    run = govlint("--fix", report)
    assert BOOKMARK in report.read_text(encoding="utf-8")
    assert "fixed 0 problems" in run.err


@pytest.mark.parametrize("entry, message", [
    ('path = "r.txt"\ncode = "A001"\nfingerprint = "0123456789abcdef"\n', "'reason' is required"),
    ('path = "r.txt"\ncode = "A001"\nfingerprint = "xyz"\nreason = "r"\n', "'fingerprint' must be 16 hex digits"),
    ('path = "r.txt"\ncode = "Q001"\nfingerprint = "0123456789abcdef"\nreason = "r"\n', "unknown rule 'Q001'"),
    ('path = "r.txt"\ncode = "A001"\nfingerprint = "0123456789abcdef"\nreason = "r"\nwho = "x"\n',
     "unknown key 'who'"),
])
def test_bad_entries_are_one_line_errors(report, entry, message):
    config = report.parent / "govlint.toml"
    config.write_text(f"[[ignore-findings]]\n{entry}", encoding="utf-8")
    run = govlint(report)
    assert run.code == 2 and run.out == ""
    assert run.err.strip() == f"govlint: error: {config}: ignore-findings[1]: " + run.err.split("[1]: ", 1)[1].strip()
    assert message in run.err


def test_engine_codes_and_unknown_codes_cannot_be_ignored(report):
    run = govlint("ignore", "--code", "E001", "--reason", "x", report)
    assert run.code == 2 and "engine codes cannot be ignored" in run.err
    run = govlint("ignore", "--code", "Q", "--reason", "x", report)
    assert run.code == 2 and "unknown rule or prefix 'Q'" in run.err
    run = govlint("ignore", "--code", "A001", "--reason", "  ", report)
    assert run.code == 2 and "--reason must say why" in run.err
    assert govlint("ignore", "--code", "A001", report).code == 2           # --reason is required


def test_show_settings_lists_the_entries(report):
    govlint("ignore", "--code", "A001", "--reason", "已核实", report)
    out = govlint("--show-settings", report).out
    assert "ignore-findings = 1" in out and "A001" in out and "已核实" in out


# ------------------------------------------------------- language server

def test_language_server_offers_and_writes_the_ignore(tmp_path):
    from rawlsp import RawClient

    report = copy(REPORT_002, tmp_path / "reports")
    uri = report.as_uri()
    client = RawClient(cwd=tmp_path)
    try:
        client.initialize(tmp_path)
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                                "text": report.read_text(encoding="utf-8")}})
        published = client.published(uri)
        (bookmark,) = [d for d in published["diagnostics"] if d["code"] == "A001"]
        reply = client.call("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": bookmark["range"],
                                                        "context": {"diagnostics": [bookmark]}})
        titles = [a["title"] for a in reply["result"]]
        assert "忽略此问题 (A001)" in titles
        (action,) = [a for a in reply["result"] if a["title"] == "忽略此问题 (A001)"]
        assert action["kind"] == "quickfix" and action["command"]["command"] == "govlint.ignore"
        done = client.call("workspace/executeCommand", {"command": action["command"]["command"],
                                                        "arguments": action["command"]["arguments"]})
        assert "error" not in done, done
        config = report.parent / "govlint.toml"
        assert done["result"] == {"file": str(config)}
        again = client.published(uri)
        assert [d["code"] for d in again["diagnostics"]] == ["S005", "S005"]
        (entry,) = tomllib.loads(config.read_text(encoding="utf-8"))["ignore-findings"]
        assert entry["code"] == "A001" and entry["reason"] == "在编辑器中确认忽略" and entry["path"] == report.name
        # the command line agrees
        assert codes(govlint("--format", "json", report)) == ["S005", "S005"]
        bad = client.call("workspace/executeCommand", {"command": "govlint.ignore", "arguments": [1, 2]})
        assert "error" in bad
    finally:
        assert client.close() == 0


def test_json_is_unchanged_by_ignores_elsewhere(report, tmp_path):
    other = copy(REPORT_002, tmp_path / "other")
    govlint("ignore", "--code", "A001", "--reason", "已核实", report)
    assert codes(govlint("--format", "json", other)) == ["S005", "S005", "A001"]
    assert json.loads(govlint("--format", "json", report).out)["version"] == 1


def test_ignore_into_a_configuration_saved_with_a_bom_keeps_it(report):
    config = report.parent / "govlint.toml"
    config.write_bytes(b"\xef\xbb\xbf" + 'ignore = ["P001"]\n'.encode())
    run = govlint("ignore", "--code", "A001", "--reason", "已核实", report)
    assert run.code == 0, run.err
    written = config.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf" + b'ignore = ["P001"]\n') and b"A001" in written
    assert codes(govlint("--format", "json", report)) == ["S005", "S005"]
