"""Terminal output: the excerpt windowed around the span by terminal
cells (a Chinese character is two), carets under the span at any width;
the progress bar on stderr when stderr is a terminal, whatever stdout is."""
from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest
from rich.cells import cell_len
from rich.console import Console

from govlint.engine.lint import Diagnostic, FileResult
from govlint.output.text import ELLIPSIS, render_rich_file, window
from workflow import CACHE_DIR, REPORT_002, ROOT

PARAGRAPH = ("2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，" * 6 + "扫一扫在手机打开当前页" +
             "，坚持以公开为常态、不公开为例外，Word 文档 and English words 混排，" * 5)


def cells_before(text: str, index: int) -> int:
    return cell_len(text[:index])


@pytest.mark.parametrize("width", [12, 20, 33, 40, 57, 80, 100, 137, 300])
@pytest.mark.parametrize("start, end", [(0, 2), (5, 6), (170, 181), (180, 181), (len(PARAGRAPH) - 3, len(PARAGRAPH)),
                                        (40, 160)])
def test_window_fits_and_points_at_the_span(width, start, end):
    excerpt, indent, marks = window(PARAGRAPH, start, end, width)
    assert cell_len(excerpt) <= max(width, cell_len(PARAGRAPH[start]) + 2)
    # the characters under the carets are the span's (or its beginning, when it is wider than the line)
    offset = 0
    chars = []
    for ch in excerpt:
        if indent <= offset < indent + marks:
            chars.append(ch)
        offset += cell_len(ch)
    under = "".join(chars).rstrip(ELLIPSIS)
    assert under and PARAGRAPH[start:end].startswith(under)
    assert cells_before(excerpt, len(excerpt)) == cell_len(excerpt)
    if cell_len(PARAGRAPH) > width:
        assert ELLIPSIS in excerpt


def test_window_short_line_is_whole():
    assert window("一、总体情况", 0, 2, 80) == ("一、总体情况", 0, 4)
    assert window("abc", 1, 1, 80) == ("abc", 1, 1)        # an empty span still gets a caret


def render(text: str, line: int, column: int, end_column: int, width: int) -> list[str]:
    diagnostic = Diagnostic("A002", "web-residue", "warning", "删除网页残留文字", line, column, line, end_column)
    result = FileResult("r.txt", "utf-8", None, [diagnostic], text=text)
    out = io.StringIO()
    render_rich_file(result, Console(file=out, width=width, color_system=None, force_terminal=False,
                                     legacy_windows=False))
    return out.getvalue().split("\n")


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_carets_stay_under_the_span_at_any_width(width):
    text = "标题\n" + PARAGRAPH + "\n"
    start = PARAGRAPH.index("扫一扫在手机打开当前页")
    head, source, carets, *_ = render(text, 2, start + 1, start + 12, width)
    assert head.startswith("r.txt:2:") and "A002" in head
    assert cell_len(source) <= width and cell_len(carets) <= width
    under = _under_carets(source, carets)
    assert "".join(under) == "扫一扫在手机打开当前页"[:len(under)] and len(under) >= min(11, (width - 12) // 2)


def small(tmp_path):
    """60 short reports (a progress bar shows from 50 files)."""
    text = REPORT_002.read_text(encoding="utf-8").split("\n")[:20]
    for number in range(60):
        (tmp_path / "reports").mkdir(exist_ok=True)
        (tmp_path / "reports" / f"{number:02d}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")


def test_progress_bar_on_a_terminal_stderr_with_stdout_redirected(tmp_path):
    small(tmp_path)
    master, slave = pty.openpty()
    env = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("GITHUB_ACTIONS", None)
    stdout = open(tmp_path / "out.json", "wb")         # redirected to a file (a pipe could fill up unread)
    process = subprocess.Popen([sys.executable, "-m", "govlint", "--format", "json", "--jobs", "1", "reports"],
                               cwd=tmp_path, stdout=stdout, stderr=slave, env=env)
    os.close(slave)
    seen = _read_terminal(master, process)
    stdout.close()
    out = (tmp_path / "out.json").read_bytes()
    os.close(master)
    assert process.returncode == 1
    assert b"linting" in seen and b"/60" in seen              # the bar, with its count, on the terminal
    assert out.startswith(b'{"version": 1') and b"\x1b[" not in out and b"linting" not in out


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    small(tmp_path)
    env = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR}
    env.pop("GITHUB_ACTIONS", None)
    run = subprocess.run([sys.executable, "-m", "govlint", "--format", "json", "reports"], cwd=tmp_path,
                         capture_output=True, env=env, timeout=120)
    assert run.returncode == 1 and run.stderr == b""
    assert ROOT.is_dir()


def on_a_terminal(*args: str, columns: int = 60) -> str:
    """govlint ARGS with standard output on a terminal COLUMNS wide."""
    master, slave = pty.openpty()
    env = {**os.environ, "GOVLINT_CACHE_DIR": CACHE_DIR, "COLUMNS": str(columns), "TERM": "xterm"}
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    process = subprocess.Popen([sys.executable, "-m", "govlint", *args], cwd=ROOT, stdout=slave,
                               stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    seen = _read_terminal(master, process)
    os.close(master)
    return seen.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("colour", ["--color", "--no-color"])
def test_a_terminal_shows_the_windowed_excerpt_with_or_without_colour(colour):
    """Report 000's line 36 is a table row read as one line; on a 60-column
    terminal the excerpt fits and its carets are under 本年度止件数, with
    colour or without (--no-color drops the colour, not the excerpt)."""
    out = on_a_terminal(colour, "--select", "T201", "corpus/000_9bdf9f4d497d5703.txt")
    assert ("\x1b[3" in out) == (colour == "--color")
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out).split("\n")
    (row,) = [i for i, line in enumerate(plain) if line.lstrip().startswith("36 |")]
    source, carets = plain[row], plain[row + 1]
    assert cell_len(source) <= 60 and set(carets.strip()) == {"^"}
    under = _under_carets(source, carets)
    assert "".join(under) == "本年度止件数"


def _read_terminal(master: int, process) -> bytes:
    """What the process writes to the terminal whose master side is
    `master`, until it closes it or exits (two minutes at most)."""
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    return seen


def _under_carets(source: str, carets: str) -> list[str]:
    """The characters of the excerpt line that stand over the carets (the
    caret cells mapped back onto the line's characters by their widths)."""
    begin = carets.index("^")
    under, offset = [], 0
    for ch in source:
        if begin <= offset < len(carets):
            under.append(ch)
        offset += cell_len(ch)
    return under
