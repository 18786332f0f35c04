"""`--fix` never loses text and never claims a fix it did not write (issue
13): a failed write (read-only folder, full disk, file too large) is
reported alone; a file changed by someone else meanwhile is left alone; a
symlink is written through, a hard link is not split, owner and mode are
kept, a read-only file needs --fix-read-only, and an undecodable byte is
written back as it was. Faults are real where possible (a full tmpfs in a
user namespace, RLIMIT_FSIZE) and injected otherwise."""
from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from faults import BOOKMARK, FIXED_002, cli, stderr_lines
from test_decoding import _damaged
from workflow import REPORT_002, REPORT_004, ROOT, copy, govlint as run_govlint, read


def test_fix_into_a_folder_that_refuses_writes_reports_only_the_failure(tmp_path, monkeypatch):
    """A read-only folder (the temporary file cannot be created): simulated,
    since root may write anywhere."""
    import tempfile

    path = copy(REPORT_002, tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = cli("--fix", path)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: {path}: cannot write the fixes: Permission denied"]
    assert "fixed" not in result.stderr
    assert path.read_bytes() == REPORT_002.read_bytes()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_fix_in_a_real_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    path = copy(REPORT_002, folder)
    folder.chmod(0o555)
    try:
        run = run_govlint("--fix", path)
    finally:
        folder.chmod(0o755)
    assert run.code == 2 and "cannot write the fixes" in run.err and "fixed" not in run.err
    assert path.read_bytes() == REPORT_002.read_bytes()


def test_fix_when_the_disk_is_full(tmp_path, monkeypatch):
    path = copy(REPORT_002, tmp_path)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    result = cli("--fix", path)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: {path}: cannot write the fixes: No space left on device"]
    assert path.read_bytes() == REPORT_002.read_bytes()
    assert os.listdir(tmp_path) == [path.name]


def test_fix_on_a_real_full_tmpfs(tmp_path):
    """A 8 KB tmpfs holding the 6 KB report: no room for the fixed copy.
    Mounted in a user namespace; skipped where there is none."""
    if not shutil.which("unshare"):
        pytest.skip("no unshare(1)")
    mount = tmp_path / "small"
    mount.mkdir()
    script = (f'mount -t tmpfs -o size=8k tmpfs "{mount}" && cp "{REPORT_002}" "{mount}/r.txt" && '
              f'"{sys.executable}" -m govlint --no-cache --fix "{mount}/r.txt"; code=$?; '
              f'cmp -s "{REPORT_002}" "{mount}/r.txt" && echo intact; ls -a "{mount}"; exit $code')
    run = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    if "mount" in run.stderr and ("ermission" in run.stderr or "not permitted" in run.stderr) or \
            "unshare" in run.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "No space left on device" in run.stderr and "fixed" not in run.stderr
    lines = run.stdout.splitlines()
    assert "intact" in lines
    # the file's findings are still reported, as not fixed
    assert any(line.startswith(f"{mount}/r.txt:68:2: A001") for line in lines[:lines.index("intact")])
    assert sorted(lines[lines.index("intact") + 1:]) == [".", "..", "r.txt"]       # no temporary file left


def test_fix_on_a_read_only_file_system(tmp_path):
    """A report on a file system mounted read-only (mode 0644, so not a
    read-only file): the failure is the file system's, which no flag helps
    with; --fix-read-only is not offered. A tmpfs remounted read-only in a
    user namespace; skipped where there is none."""
    if not shutil.which("unshare"):
        pytest.skip("no unshare(1)")
    mount = tmp_path / "ro"
    mount.mkdir()
    runs = []
    for flag in ("", "--fix-read-only"):
        script = (f'mount -t tmpfs -o size=64k tmpfs "{mount}" && cp "{REPORT_002}" "{mount}/r.txt" && '
                  f'chmod 644 "{mount}/r.txt" && mount -o remount,ro "{mount}" && '
                  f'"{sys.executable}" -m govlint --no-cache --fix {flag} "{mount}/r.txt"; code=$?; '
                  f'cmp -s "{REPORT_002}" "{mount}/r.txt" && echo intact; exit $code')
        run = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        if "mount" in run.stderr and ("ermission" in run.stderr or "not permitted" in run.stderr) or \
                "unshare" in run.stderr:
            pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip()}")
        runs.append(run)
    for run in runs:
        assert run.returncode == 2, run.stdout + run.stderr
        assert run.stderr.strip().splitlines() == [f"govlint: {mount}/r.txt: cannot write the fixes: "
                                                   "Read-only file system"]
        assert "intact" in run.stdout.splitlines()


def test_fix_past_the_file_size_limit_of_the_process(tmp_path):
    """RLIMIT_FSIZE below the report's size: writing the fixed copy fails
    with EFBIG (File too large); the original stays."""
    path = copy(REPORT_002, tmp_path)
    limit = len(REPORT_002.read_bytes()) // 2

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", "--fix", str(path)], capture_output=True,
                         text=True, timeout=60, preexec_fn=small_files, cwd=ROOT)
    assert run.returncode == 2, run.stderr
    assert run.stderr.strip().splitlines() == [f"govlint: {path}: cannot write the fixes: File too large"]
    assert path.read_bytes() == REPORT_002.read_bytes() and os.listdir(tmp_path) == [path.name]


def test_one_failure_among_several_files(tmp_path, monkeypatch):
    """Only the files actually written count as fixed."""
    import govlint.engine.fix as fix

    first, second = copy(REPORT_002, tmp_path, "a.txt"), copy(REPORT_004, tmp_path, "b.txt")
    real = fix.write_atomic

    def write_atomic(path, data, **kwargs):
        if path.endswith("a.txt"):
            raise OSError(28, "No space left on device")
        return real(path, data, **kwargs)

    monkeypatch.setattr(fix, "write_atomic", write_atomic)
    result = cli("--fix", first, second)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: {first}: cannot write the fixes: No space left on device",
                                    "govlint: fixed 1 problem in 1 file"]


def _append_while_fixing(monkeypatch, change):
    """Run change(path) after govlint has read and fixed the text in memory
    and before it writes: an editor saving, or an append, at that moment."""
    import govlint.engine.fix as fix

    real = fix.fix_source

    def fix_source(source, lint, unsafe=False):
        outcome = real(source, lint, unsafe=unsafe)
        change(Path(source.path))
        return outcome

    monkeypatch.setattr(fix, "fix_source", fix_source)


@pytest.mark.parametrize("how", ["append", "same-size-same-mtime", "touch", "replaced"])
def test_fix_never_overwrites_a_change_made_meanwhile(tmp_path, monkeypatch, how):
    path = copy(REPORT_002, tmp_path)
    original = path.read_bytes()

    def change(p: Path):
        st = p.stat()
        if how == "append":
            with open(p, "ab") as handle:
                handle.write("\n编辑器刚保存的一段话\n".encode("utf-8"))
        elif how == "same-size-same-mtime":      # only the content hash can tell
            data = p.read_bytes().replace("一、".encode(), "壹、".encode(), 1)
            assert len(data) == st.st_size
            p.write_bytes(data)
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
        elif how == "touch":
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        else:                                    # an editor's own atomic save: a new inode
            fresh = p.with_suffix(".new")
            fresh.write_bytes(p.read_bytes() + "\n新增\n".encode("utf-8"))
            os.utime(fresh, ns=(st.st_atime_ns, st.st_mtime_ns))
            os.replace(fresh, p)

    _append_while_fixing(monkeypatch, change)
    expected = {"append": original + "\n编辑器刚保存的一段话\n".encode("utf-8"),
                "same-size-same-mtime": original.replace("一、".encode(), "壹、".encode(), 1),
                "touch": original, "replaced": original + "\n新增\n".encode("utf-8")}[how]
    result = cli("--fix", path)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: {path}: not fixed: it changed on disk while it was being fixed; "
                                    f"nothing written (run --fix again)"]
    assert path.read_bytes() == expected
    assert os.listdir(tmp_path) == [path.name]
    monkeypatch.undo()
    again = cli("--fix", path)                   # and the next run fixes it
    assert again.exit_code in (0, 1) and BOOKMARK not in read(path)


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(tmp_path):
    real = copy(REPORT_002, tmp_path / "archive", "2024.txt")
    link = tmp_path / "reports" / "current.txt"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "archive" / "2024.txt")
    result = cli("--fix", link)
    assert result.exit_code == 1 and "fixed 1 problem in 1 file" in result.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "archive" / "2024.txt")
    assert read(real) == FIXED_002
    assert sorted(os.listdir(tmp_path / "archive")) == ["2024.txt"]
    assert sorted(os.listdir(tmp_path / "reports")) == ["current.txt"]


def test_fix_refuses_a_file_with_hard_links(tmp_path):
    first = copy(REPORT_002, tmp_path, "a.txt")
    second = tmp_path / "b.txt"
    os.link(first, second)
    inode = first.stat().st_ino
    result = cli("--fix", first)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: {first}: not fixed: it has 2 hard links and replacing it would "
                                    f"split them (--diff shows the fixes)"]
    assert first.stat().st_ino == second.stat().st_ino == inode and first.stat().st_nlink == 2
    assert first.read_bytes() == REPORT_002.read_bytes()
    # --diff writes nothing, so it still shows what would change.
    assert BOOKMARK in cli("--diff", first).stdout


def test_fix_keeps_mode_and_owner(tmp_path):
    path = copy(REPORT_002, tmp_path)
    path.chmod(0o640)
    owner = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        owner = (12345, 23456)
        os.chown(path, *owner)
    result = cli("--fix", path)
    assert result.exit_code == 1
    st = path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    if owner:
        assert (st.st_uid, st.st_gid) == owner
    assert read(path) == FIXED_002


def test_fix_refuses_when_the_owner_cannot_be_kept(tmp_path, monkeypatch):
    path = copy(REPORT_002, tmp_path)
    st = path.stat()
    real_stat = os.stat

    def other_owner(p, *args, **kwargs):         # the file belongs to someone else …
        result = real_stat(p, *args, **kwargs)
        if os.fspath(p) == str(path):
            values = list(result)
            values[4], values[5] = st.st_uid + 1, st.st_gid + 1
            return os.stat_result(values)
        return result

    def chown(*args):                             # … and this user may not give files away
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "stat", other_owner)
    monkeypatch.setattr(os, "chown", chown)
    result = cli("--fix", path)
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith(f"govlint: {path}: not fixed: its owner (") and "cannot be kept" in line
    assert path.read_bytes() == REPORT_002.read_bytes() and os.listdir(tmp_path) == [path.name]


def test_fix_leaves_a_read_only_file_unless_asked(tmp_path):
    path = copy(REPORT_002, tmp_path)
    path.chmod(0o444)
    result = cli("--fix", path)
    assert result.exit_code == 2
    assert stderr_lines(result) == [f"govlint: {path}: not fixed: it is read-only (--fix-read-only rewrites it, "
                                    f"keeping its mode)"]
    assert path.read_bytes() == REPORT_002.read_bytes()
    result = cli("--fix", "--fix-read-only", path)
    assert result.exit_code == 1 and "fixed 1 problem in 1 file" in result.stderr
    assert read(path) == FIXED_002 and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_fix_keeps_the_undecodable_byte(tmp_path):
    path = tmp_path / "r.txt"
    damaged = _damaged(read(REPORT_002), "utf-8", 5, 5)
    path.write_bytes(damaged)
    result = cli("--fix", path)
    assert result.exit_code == 1 and "fixed 1 problem in 1 file" in result.stderr
    assert path.read_bytes() == damaged.replace(BOOKMARK.encode(), b"")


def test_new_files_get_the_umask_mode_not_a_temporary_files(tmp_path):
    """-o and --write-baseline create their file through a temporary file
    (0600): the result must be readable as any new file is, or a colleague
    cannot open the report or the baseline in a shared folder."""
    report = copy(REPORT_002, tmp_path)
    umask = os.umask(0o022)
    try:
        run_govlint("-o", tmp_path / "out.txt", report)
        run_govlint("--write-baseline", tmp_path / "baseline.json", report)
    finally:
        os.umask(umask)
    assert "A001" in read(tmp_path / "out.txt")
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "baseline.json").stat().st_mode) == 0o644


def test_output_to_a_named_pipe_is_written_into_it_not_replaced(tmp_path):
    """`-o` naming something that is not a regular file (a named pipe, as a
    shell's >(…) gives; /dev/null; /dev/stdout) is written to in place: a
    rename over it would leave a regular file there, and as root that is
    how /dev/null itself gets replaced."""
    import threading

    report = copy(REPORT_002, tmp_path)
    pipe = tmp_path / "findings"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    run_govlint("-o", pipe, report)
    reader.join(10)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and b"A001" in received[0]
    assert set(tmp_path.iterdir()) == {pipe, report}       # no temporary file left beside it


def test_output_through_a_symbolic_link_replaces_its_target_and_keeps_the_link(tmp_path):
    report = copy(REPORT_002, tmp_path)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "findings.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "findings.txt"
    link.symlink_to(target)
    run_govlint("-o", link, report)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "A001" in read(target)
