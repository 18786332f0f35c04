"""A configuration file that is not UTF-8, or nests deeper than the TOML
parser can recurse, is a one-line error with exit code 2 (issue 13)."""
from __future__ import annotations

import pytest

from faults import cli, stderr_lines
from workflow import REPORT_002, copy


@pytest.mark.parametrize("name, content, message", [
    ("govlint.toml", b'select = ["S"]\n# \xff\xfe GBK comment \xd6\xd0\n', "not UTF-8 (byte 17); TOML files must be UTF-8"),
    ("govlint.toml", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "invalid TOML: nested too deeply"),
    ("govlint.toml", b"x = " + b"{a=" * 3000 + b"1" + b"}" * 3000 + b"\n", "invalid TOML: nested too deeply"),
    ("pyproject.toml", b"[tool.govlint]\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n", "invalid TOML: nested too deeply"),
], ids=["not-utf8", "nested-arrays", "nested-tables", "pyproject"])
def test_a_hostile_configuration_is_one_line(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    copy(REPORT_002, tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert stderr_lines(result) == [f"govlint: error: {tmp_path / name}: {message}"]


def test_a_configuration_too_large_to_be_one(tmp_path, monkeypatch):
    import govlint.engine.config

    monkeypatch.setattr(govlint.engine.config, "MAX_CONFIG_BYTES", 1024 * 1024)
    (tmp_path / "govlint.toml").write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    copy(REPORT_002, tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: error: {tmp_path / 'govlint.toml'}: larger than 1 MB: "
                                    f"not read as a configuration"]


def test_a_configuration_saved_with_a_bom_is_read(tmp_path):
    """Windows Notepad starts a UTF-8 file with a byte-order mark, which a
    TOML parser rejects ("Invalid statement at line 1"): it is skipped."""
    (tmp_path / "govlint.toml").write_bytes(b"\xef\xbb\xbf" + 'ignore = ["S005"]\n'.encode())
    copy(REPORT_002, tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 1, result.stderr
    assert "S005" not in result.stdout and "A001" in result.stdout
