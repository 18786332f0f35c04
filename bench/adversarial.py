"""An adversarial run of govlint: fuzzed input, --fix round trips, injected
faults, hostile paths and configurations, and malformed language-server
traffic. Prints, per kind, the cases tried and the failures (with the first
few failures spelled out); exit code 1 if any case failed.

    python bench/adversarial.py [--scale 1.0] [--seed 13]

--scale multiplies every count (1.0: about 6,000 fuzzed inputs and 600
fix round trips, a few minutes on two cores). The figures in README.md's
"Reliability" section come from this script. What counts as a failure:

- fuzz: an exception; a position outside the text; an E998/E999; output
  in any format that is not strict UTF-8, or JSON that does not parse;
- fix round trip: the fixed file does not decode in its own encoding, a
  second --fix finds something, a letter, digit or Chinese character other
  than the residue changed, or the BOM or newline style was not kept;
- faults: the original file changed, a temporary file left behind, a
  failed write reported as fixed, or another process's edit lost;
- hostile paths/configs: a traceback, a hang (30 s), or an exit code
  other than the one stated;
- language server: a request without a response, or the server not
  answering after a broken frame; more than 3 publications for a burst.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = ROOT / "corpus"
REPORTS = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
RESIDUES = ["[bookmark: _GoBack]", "扫一扫在手机打开当前页", "&nbsp;", "\u200b", "\ufffd"]
ODD = ["\ud800", "\udfff", "\udcff", "\x00", "\x1b", "\U00020000", "\ue000", "\ufeff", "\r", "\u3000"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32-le", "big5"]


class Tally:
    def __init__(self):
        self.rows: dict[str, list] = {}

    def case(self, kind: str, ok: bool, detail: str = "") -> None:
        row = self.rows.setdefault(kind, [0, 0, []])
        row[0] += 1
        if not ok:
            row[1] += 1
            if len(row[2]) < 3:
                row[2].append(detail[:300])

    def run(self, kind: str, function, *args) -> None:
        try:
            problem = function(*args)
        except Exception:  # noqa: BLE001 - a crash is a failure to count
            problem = traceback.format_exc(limit=3)
        self.case(kind, not problem, problem or "")

    def print(self) -> int:
        failures = 0
        width = max(len(k) for k in self.rows)
        print(f"{'case':<{width}}  {'tried':>7}  {'failed':>6}")
        for kind, (tried, failed, details) in self.rows.items():
            failures += failed
            print(f"{kind:<{width}}  {tried:>7}  {failed:>6}")
            for detail in details:
                print(f"    {detail}")
        total = sum(r[0] for r in self.rows.values())
        print(f"{'total':<{width}}  {total:>7}  {failures:>6}")
        return 1 if failures else 0


# ------------------------------------------------------------------ fuzz

def _render(results) -> str | None:
    from govlint.output import reporters
    from govlint.output.stream import ERRORS
    from govlint.engine.registry import load_rules

    for name in ("json", "json-lines", "sarif", "github", "concise", "text"):
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8", errors=ERRORS)
        make = {"json": reporters.Json, "json-lines": reporters.JsonLines, "github": reporters.Github,
                "concise": reporters.Concise, "text": reporters.Plain}.get(name)
        reporter = make(out) if make else reporters.Sarif(out, load_rules().rules)
        reporter.start()
        for result in results:
            reporter.file(result)
        reporter.finish(len(results), {})
        out.flush()
        text = raw.getvalue().decode("utf-8")
        if name in ("json", "sarif"):
            json.loads(text)
        elif name == "json-lines":
            for line in text.splitlines():
                json.loads(line)
    return None


def _positions(text: str, diagnostics) -> str | None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in diagnostics:
        if d.code in ("E998", "E999"):
            return f"{d.code} {d.message}"
        if not (1 <= d.line <= len(lines) and 1 <= d.column <= len(lines[d.line - 1]) + 1):
            return f"position {d.line}:{d.column} outside the text ({d.code})"
    return None


def fuzz_text(rng: random.Random) -> str:
    base = rng.choice(REPORTS)
    pieces = base.split("\n")
    for _ in range(rng.randint(0, 6)):
        i = rng.randrange(len(pieces))
        kind = rng.random()
        if kind < 0.3:
            pieces[i] = pieces[i][: rng.randint(0, len(pieces[i]))] + rng.choice(ODD + RESIDUES)
        elif kind < 0.5:
            del pieces[i]
        elif kind < 0.7:
            pieces.insert(i, "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 20))))
        else:
            pieces[i] = pieces[i].replace("\t", rng.choice(["|", "  ", "\t\t", " | "]))
    return "\n".join(pieces)


def case_lint_text(rng):
    import govlint
    from govlint.engine.lint import Options

    text = fuzz_text(rng)
    result = govlint.lint_text(text, config=Options(select=["ALL"]))
    return _positions(text, result.diagnostics) or _render([result])


def case_lint_bytes(rng):
    from govlint.engine.lint import Options, lint_bytes

    text = fuzz_text(rng)
    encoding = rng.choice(ENCODINGS)
    try:        # undecodable bytes as they were; anything else the codec lacks as "?"
        data = text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode(encoding, "replace")
    for _ in range(rng.randint(0, 3)):
        cut = rng.randrange(len(data) + 1)
        data = data[:cut] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 4))) + data[cut:]
    result = lint_bytes(data, "fuzz.txt", Options(select=["ALL"]))
    if result.text is None:
        codes = [d.code for d in result.diagnostics]
        if codes not in (["E002"], ["E003"], ["E004"]):
            return f"unreadable but {codes}"
        return _render([result])
    return _positions(result.text, result.diagnostics) or _render([result])


def case_odd_name(rng, folder: Path):
    import govlint

    name = bytes(rng.randrange(1, 256) for _ in range(rng.randint(1, 12))).replace(b"/", b"_")
    if name in (b".", b".."):
        name += b"_"
    raw = os.fsencode(folder) + b"/" + os.urandom(6).hex().encode() + name
    with open(raw, "wb") as handle:
        handle.write(rng.choice(REPORTS).encode("utf-8"))
    result = govlint.lint_path(os.fsdecode(raw))
    os.unlink(raw)
    problem = _render([result])
    from govlint.output.stream import ERRORS

    back = json.loads(json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8", ERRORS).decode("utf-8"))
    if os.fsencode(back["path"]) != raw:
        return "the path in JSON does not name the file"
    return problem


# ------------------------------------------------------------------ fix round trips

def case_fix_round_trip(rng, folder: Path, encoding: str):
    from click.testing import CliRunner

    from govlint.cli import main

    text = rng.choice(REPORTS)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        lines[i] = lines[i] + rng.choice(RESIDUES[:3])
    text = "\n".join(lines)
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    path = folder / f"r{rng.randrange(10**9)}.txt"
    path.write_bytes(text.encode(encoding))
    before = path.read_bytes()
    runner = CliRunner()
    first = runner.invoke(main, ["--no-cache", "--fix", str(path)])
    if first.exit_code not in (0, 1):
        return f"--fix exit {first.exit_code}: {first.output[-300:]}"
    after = path.read_bytes()
    codec = "utf-16" if encoding == "utf-16" else encoding
    try:
        fixed = after.decode(codec)
    except UnicodeDecodeError as exc:
        return f"fixed file does not decode as {encoding}: {exc}"
    original = before.decode(codec)
    # Nothing but conversion residue may go (with the whitespace of a rejoined
    # paragraph, or the separators of a residue line): every letter, digit
    # and Chinese character of the rest is as it was, in order.

    def kept(value: str) -> str:
        for residue in RESIDUES[:3]:
            value = value.replace(residue, "")
        return "".join(ch for ch in value if ch.isalnum())

    if kept(fixed) != kept(original):
        return "the fix changed text other than residue and whitespace"
    for mark in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if before.startswith(mark) != after.startswith(mark):
            return "the BOM was not kept"
    if ("\r\n" in original) != ("\r\n" in fixed):
        return "the newline style was not kept"
    second = runner.invoke(main, ["--no-cache", "--diff", str(path)])
    if second.exit_code != 0:
        return f"a second fix still finds something (diff exit {second.exit_code})"
    leftovers = [n for n in os.listdir(folder) if n.startswith(".govlint-")]
    path.unlink()
    return f"temporary files left: {leftovers}" if leftovers else None


# ------------------------------------------------------------------ faults

def case_concurrent_edit(rng, folder: Path):
    """Another process edits the file between govlint's read and its write."""
    import govlint.engine.fix as fix
    from click.testing import CliRunner

    from govlint.cli import main

    path = folder / "edited.txt"
    path.write_text(REPORTS[2], encoding="utf-8")
    addition = f"\n编辑器保存的第 {rng.randrange(10**6)} 段\n".encode("utf-8")
    real = fix.fix_source

    def meanwhile(source, lint, unsafe=False):
        outcome = real(source, lint, unsafe=unsafe)
        with open(source.path, "ab") as handle:
            handle.write(addition)
        return outcome

    fix.fix_source = meanwhile
    try:
        result = CliRunner().invoke(main, ["--no-cache", "--fix", str(path)])
    finally:
        fix.fix_source = real
    data = path.read_bytes()
    path.unlink()
    if not data.endswith(addition):
        return "the other process's edit was lost"
    if result.exit_code != 2 or "changed on disk" not in result.stderr:
        return f"not reported (exit {result.exit_code})"
    return None


def case_write_fault(rng, folder: Path):
    import govlint.engine.fix as fix
    from click.testing import CliRunner

    from govlint.cli import main

    path = folder / "fault.txt"
    path.write_text(REPORTS[2], encoding="utf-8")
    before = path.read_bytes()
    errno, message = rng.choice([(28, "No space left on device"), (27, "File too large"), (13, "Permission denied"),
                                 (5, "Input/output error")])
    where = rng.choice(["fsync", "replace", "mkstemp"])
    real = {"fsync": os.fsync, "replace": os.replace, "mkstemp": tempfile.mkstemp}[where]

    def fail(*args, **kwargs):
        raise OSError(errno, message)

    target = fix.tempfile if where == "mkstemp" else fix.os
    setattr(target, where, fail)
    try:
        result = CliRunner().invoke(main, ["--no-cache", "--fix", str(path)])
    finally:
        setattr(target, where, real)
    problems = []
    if path.read_bytes() != before:
        problems.append("the original changed")
    if [n for n in os.listdir(folder) if n.startswith(".govlint-")]:
        problems.append("a temporary file was left")
    if "fixed" in result.stderr or result.exit_code != 2:
        problems.append(f"reported as {result.exit_code}: {result.stderr.strip()}")
    path.unlink()
    return "; ".join(problems) or None


# ------------------------------------------------------------------ hostile paths and configurations

def _cli(args, cwd: Path, expect: int, stdin: bytes = b""):
    try:
        run = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", *map(str, args)], cwd=cwd,
                             capture_output=True, timeout=30, input=stdin,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return f"hang: {args}"
    if b"Traceback" in run.stderr + run.stdout:
        return f"traceback: {args}: {run.stderr[-300:]!r}"
    if run.returncode != expect:
        return f"exit {run.returncode} (expected {expect}): {args}: {run.stderr[-200:]!r}"
    return None


def hostile_cases(folder: Path):
    report = folder / "r.txt"
    report.write_text(REPORTS[2], encoding="utf-8")
    fifo_dir = folder / "fifo"
    fifo_dir.mkdir()
    os.mkfifo(fifo_dir / "pipe.txt")
    (fifo_dir / "good.txt").write_text(REPORTS[2], encoding="utf-8")
    empty = folder / "empty"
    empty.mkdir()
    cases = [
        (["--fix", fifo_dir / "pipe.txt"], 2), ([fifo_dir], 1), ([fifo_dir / "pipe.txt"], 2), (["/dev/zero"], 2),
        (["/dev/null"], 2), ([empty], 2), (["--glob", "*.md", fifo_dir], 2), (["--select", "S", "--ignore", "S", report], 2),
        (["--max-file-size", "1KB", report], 2), (["--max-file-size", "x", report], 2),
    ]
    for codec in ("base64", "rot13", "zlib", "uu", "bz2", "hex", "quopri", "nonesuch", ""):
        cases.append((["--encoding", codec, report], 2))
    configs = {
        "not-utf8": b'select = ["S"]\n# \xd6\xd0\xce\xc4\n',
        "nested-arrays": b"x = " + b"[" * 3000 + b"]" * 3000 + b"\n",
        "nested-tables": b"x = " + b"{a=" * 2000 + b"1" + b"}" * 2000 + b"\n",
        "bad-encoding": b'encoding = "base64"\n',
        "bad-size": b'max-file-size = "-5"\n',
        "bad-type": b"select = 3\n",
        "ignore-all": b'ignore = ["ALL"]\n',
        "binary": bytes(range(256)),
    }
    for name, content in configs.items():
        sub = folder / f"config-{name}"
        sub.mkdir()
        (sub / "govlint.toml").write_bytes(content)
        (sub / "r.txt").write_text(REPORTS[2], encoding="utf-8")
        cases.append(([sub], 2))
    deep = folder / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    for _ in range(1200):
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    out = os.open("r.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(out, REPORTS[2].encode("utf-8"))
    os.close(out)
    os.close(fd)
    cases.append(([deep], 1))
    for fmt in ("json", "json-lines", "sarif", "github", "concise", "text"):
        cases.append((["--format", fmt, report], 1))
    return cases


def _remove_deep(top: Path) -> None:
    parent = top.parent
    while top.exists():
        inner = top / "d"
        for entry in top.iterdir():
            if entry.name != "d":
                entry.unlink()
        if inner.exists():
            lifted = parent / (top.name + ".lift")
            os.rename(inner, lifted)
            os.rmdir(top)
            os.rename(lifted, top)
        else:
            os.rmdir(top)


def case_gbk_console(fmt: str, folder: Path):
    path = folder / "gbk.txt"
    path.write_text(REPORTS[2].replace("主动公开", "主动\ufffd公开", 1), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", "--format", fmt, str(path)],
                         capture_output=True, timeout=30,
                         env={**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONPATH": str(ROOT)})
    if b"Traceback" in run.stderr or run.returncode != 1:
        return f"{fmt}: exit {run.returncode} {run.stderr[-200:]!r}"
    run.stdout.decode("gbk" if fmt == "text" else "utf-8")
    return None


# ------------------------------------------------------------------ language server

def lsp_cases(tally: Tally, rng: random.Random, count: int) -> None:
    from rawlsp import RawClient, frame

    uri = Path("/nonexistent/fuzz.txt").as_uri()
    client = RawClient()
    try:
        client.initialize()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1,
                                                                "text": REPORTS[2]}})
        client.published(uri)

        def action(line=67, character=3):
            position = {"line": line, "character": character}
            return {"textDocument": {"uri": uri}, "range": {"start": position, "end": position},
                    "context": {"diagnostics": []}}

        for n in range(count):
            kind = rng.choice(["bad-params", "wrong-length", "junk", "bad-id", "unknown-method", "not-object"])
            ident = 100000 + n
            expect_id = ident
            if kind == "bad-params":
                client.send_bytes(frame({"jsonrpc": "2.0", "id": ident, "method": "textDocument/codeAction",
                                         "params": action(rng.randint(-10, -1), rng.randint(-10, 10))}))
            elif kind == "wrong-length":
                body = json.dumps({"jsonrpc": "2.0", "id": ident, "method": "textDocument/codeAction",
                                   "params": action()}).encode()
                delta = rng.choice([-1, 1]) * rng.randint(1, 2 * len(body) // 3)
                client.send_bytes(frame(body, max(1, len(body) + delta)))
            elif kind == "junk":
                client.send_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))).replace(
                    b"Content-Length", b"x") + b"\r\n")
                expect_id = None
            elif kind == "bad-id":
                client.send_bytes(frame({"jsonrpc": "2.0", "id": rng.choice([1.5, -2.25]), "method": "x", "params": {}}))
                expect_id = None
            elif kind == "unknown-method":
                client.send_bytes(frame({"jsonrpc": "2.0", "id": ident, "method": f"no/such/{n}", "params": {}}))
            else:
                client.send_bytes(frame(rng.choice([[1, 2], "text", 3, None])))
                expect_id = None
            follow = client.request("textDocument/codeAction", action())
            try:
                if expect_id is not None:
                    reply = client.response(expect_id, timeout=10)
                    if "error" not in reply and kind != "wrong-length":
                        raise AssertionError(f"{kind}: no error in {reply}")
                reply = client.response(follow, timeout=10)
                if not reply.get("result"):
                    raise AssertionError(f"{kind}: the next request got {reply}")
                tally.case(f"lsp: {kind}", True)
            except Exception as exc:  # noqa: BLE001
                tally.case(f"lsp: {kind}", False, f"{type(exc).__name__}: {exc}")
        # A burst of 1,000 changes.
        for version in range(2, 1002):
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [{"text": REPORTS[2] + "x" * version}]})
        before = len(client.publications(uri))
        client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"]["version"] == 1001, timeout=30)
        time.sleep(1)
        published = len(client.publications(uri)) - before
        tally.case("lsp: 1,000 rapid changes (publications ≤ 3)", published <= 3, f"{published} publications")
    finally:
        code = client.close()
        tally.case("lsp: clean exit after all that", code == 0, f"exit code {code}")


# ------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = lambda count: max(1, int(count * args.scale))  # noqa: E731
    tally = Tally()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="govlint-adversarial-"))
    try:
        for _ in range(n(3000)):
            tally.run("fuzz: lint_text (any code point, lone surrogates)", case_lint_text, rng)
        for _ in range(n(2700)):
            tally.run("fuzz: lint_bytes (6 encodings, BOMs, random bytes)", case_lint_bytes, rng)
        names = work / "names"
        names.mkdir()
        for _ in range(n(300)):
            tally.run("fuzz: odd file names (any bytes)", case_odd_name, rng, names)
        fixes = work / "fix"
        fixes.mkdir()
        for encoding in ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32-le"):
            for _ in range(n(120)):
                tally.run(f"--fix round trip: {encoding}", case_fix_round_trip, rng, fixes, encoding)
        faults = work / "faults"
        faults.mkdir()
        for _ in range(n(100)):
            tally.run("fault: file edited during --fix", case_concurrent_edit, rng, faults)
        for _ in range(n(100)):
            tally.run("fault: write fails (ENOSPC, EFBIG, EACCES, EIO)", case_write_fault, rng, faults)
        hostile = work / "hostile"
        hostile.mkdir()
        for case_args, expect in hostile_cases(hostile):
            tally.run("hostile paths and configurations", _cli, case_args, hostile, expect)
        for fmt in ("json", "json-lines", "sarif", "github", "concise", "text"):
            tally.run("GBK console, every format", case_gbk_console, fmt, hostile)
        _remove_deep(hostile / "deep")
        try:
            import pygls  # noqa: F401 (only whether it is installed)

            lsp_cases(tally, rng, n(200))
        except ImportError:
            print("(pygls not installed: language-server cases skipped)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    code = tally.print()
    print(f"({time.monotonic() - started:.0f} s, seed {args.seed}, scale {args.scale})")
    return code


if __name__ == "__main__":
    sys.exit(main())
