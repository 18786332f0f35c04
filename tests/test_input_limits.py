"""Only regular files and standard input are read, and at most a
configurable number of bytes of each (issue 13): a FIFO or a device named
on the command line is one line of E001, a file past the limit one line of
E005, and a bad limit one line of usage error."""
from __future__ import annotations

import os

import pytest

from faults import cli, stderr_lines
from workflow import CACHE_DIR, REPORT_002, copy, govlint as run_govlint, read


@pytest.mark.parametrize("name, kind", [("fifo", "命名管道"), ("/dev/zero", "字符设备"), ("/dev/null", "字符设备")])
def test_special_files_named_on_the_command_line(tmp_path, name, kind):
    path = name
    if name == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
    run = run_govlint("--no-cache", path, timeout=30)
    assert run.code == 2
    assert run.out == f"{path}:1:1: E001 [error] 不是普通文件（{kind}）：只检查普通文件和标准输入（-）\n"


def test_the_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:                 # sparse: 60 MB on paper, nothing on disk
        handle.write(read(REPORT_002).encode("utf-8"))
        handle.truncate(60 * 1024 * 1024)
    run = run_govlint("--no-cache", big, timeout=30)
    assert run.code == 2
    assert run.out == f"{big}:1:1: E005 [error] 文件超过 50 MB 的上限，未检查：可用 --max-file-size 调高\n"
    small = copy(REPORT_002, tmp_path, "small.txt")
    run = run_govlint("--no-cache", "--max-file-size", "4KB", small)
    assert run.code == 2 and run.out.startswith(f"{small}:1:1: E005 [error] 文件超过 4 KB 的上限")
    (tmp_path / "govlint.toml").write_text('max-file-size = "5KB"\n', encoding="utf-8")
    run = run_govlint("--no-cache", small)
    assert run.code == 2 and "E005" in run.out and "5 KB" in run.out
    run = run_govlint("--no-cache", "--max-file-size", "1MB", small)      # the command line wins
    assert run.code == 1 and "E005" not in run.out
    run = run_govlint("--no-cache", "-", stdin=REPORT_002.read_bytes(), env={"GOVLINT_CACHE_DIR": CACHE_DIR},
                      cwd=tmp_path)
    assert run.code == 2 and run.out.startswith("-:1:1: E005")


@pytest.mark.parametrize("value", ["0", "-1", "lots", "5 parsecs"])
def test_a_bad_size_limit_is_one_line(tmp_path, value):
    result = cli("--max-file-size", value, REPORT_002)
    assert result.exit_code == 2 and len(stderr_lines(result)) == 1
    assert stderr_lines(result)[0].startswith("govlint: error: --max-file-size: ")
    (tmp_path / "govlint.toml").write_text(f'max-file-size = "{value}"\n', encoding="utf-8")
    copy(REPORT_002, tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 2 and stderr_lines(result)[0].startswith(
        f"govlint: error: {tmp_path / 'govlint.toml'}: 'max-file-size': ")


def test_read_stops_at_the_limit():
    from govlint.reading.source import InputError, read_limited

    class Endless:
        asked = 0

        def read(self, size):
            self.asked = size
            return b"\0" * size

    stream = Endless()
    with pytest.raises(InputError) as error:
        read_limited(stream, 1024)
    assert stream.asked == 1025 and error.value.code == "E005"


def test_the_size_limit_holds_for_a_docx_unpacked(tmp_path):
    """A .docx is a ZIP package whose XML python-docx unpacks and parses:
    the limit holds for its parts unpacked, so a small file of highly
    compressed XML cannot take gigabytes and minutes (a 600 KB package of
    200 MB of paragraphs did, before)."""
    import zipfile

    from formats_build import build_docx

    path = tmp_path / "r.docx"
    path.write_bytes(build_docx(read(REPORT_002)))
    with zipfile.ZipFile(path) as package:
        unpacked = sum(info.file_size for info in package.infolist())
    packed = path.stat().st_size
    assert packed < unpacked
    limit = (packed + unpacked) // 2              # more than the file, less than its parts
    run = run_govlint("--no-cache", "--max-file-size", limit, path, timeout=30)
    assert run.code == 2
    assert run.out == (f"{path}:1:1: E005 [error] .docx 解压后有 {unpacked / 1024 ** 2:.1f} MB，"
                       f"超过 {limit} 字节 的上限，未检查：可用 --max-file-size 调高\n")
    run = run_govlint("--no-cache", "--max-file-size", unpacked, path, timeout=30)
    assert run.code == 1 and "E005" not in run.out and "A001" in run.out    # the same file, read
    bomb = tmp_path / "bomb.docx"
    paragraph = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                head, _, tail = data.decode("utf-8").partition("<w:body>")
                data = (head + "<w:body>" + paragraph * 1500 + tail).encode("utf-8")    # 63 MB
            out.writestr(info.filename, data)
    assert bomb.stat().st_size < 1024 * 1024
    run = run_govlint("--no-cache", bomb, timeout=30)
    assert run.code == 2 and run.out.startswith(f"{bomb}:1:1: E005 [error] .docx 解压后有 ")
    assert "超过 50 MB 的上限" in run.out
