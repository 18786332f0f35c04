"""Benchmark govlint on a generated folder of reports, and print a table.

    python bench/run.py [--reports 10000] [--jobs N] [--keep DIR]

The folder is built by varying the real reports in corpus/: numbers in the
tables and the text, the year, the layout of the tables (tabs, pipes, one
cell per line, space-aligned) and of the whole text (one in ten run
together with no tab or line break, as crawled pages are), and injected
defects (a broken sum, a blank cell, a leftover bookmark, web residue).
Measured, on this machine:

- the whole run: reports/s and MB/s, all rules on, JSON output to a file;
- the floor: reading and decoding the same files with nothing else, and the
  ratio govlint / floor;
- a single report from a cold start (a new process), JSON output: median
  wall time of several runs;
- a fully cached rerun of the folder (nothing changed; its output must be
  the uncached run's): median of five;
- peak memory of the run (maximum resident set of any process), of the
  cached reruns, and of a run over one twentieth of the files (memory must
  not grow with their number);
- a 4 MB and a 16 MB file of concatenated reports (time linear in input
  size), and the 16 MB one on one line;
- one report in each layout (lined, collapsed, single-spaced, one cell per
  line, pipes), in-process, so a run-together report is compared with its
  lined copy in the same run;
- per report, in-process, on the same files of the folder: govlint's lint
  (all rules on; also with every table read afresh, as for reports that
  share no table) next to a peer, autocorrect-py's `lint_for(text, "text")`
  (a Rust linter of Chinese text, installed with pip when missing; skipped
  with a note when it cannot be), and the floor of reading and decoding the
  file; rounds alternate between the three, best round kept;
- a CPU reference (a fixed loop) before and after, since a shared machine's
  speed varies: compare runs made at a similar reference.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT / "tests"))
from layouts import cell_per_line, collapsed  # noqa: E402  (the layouts the tests check, tests/layouts.py)


def variants(seed: int):
    """Endless variations of the corpus reports."""
    rng = random.Random(seed)
    reports = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    while True:
        text = rng.choice(reports)
        year = rng.randint(2019, 2025)
        text = re.sub(r"20(1\d|2\d)(?=\s*年)", str(year), text)
        # Numbers vary where no identity ties them (table 二's counts); tables
        # 三 and 四 keep adding up except where a defect is injected below.
        for label in ("行政处罚", "行政许可", "行政强制"):
            text = re.sub(rf"({label}[\t |]+)0\b", lambda m: m.group(1) + str(rng.randint(0, 300)), text, count=1)
        layout = rng.random()
        if layout < 0.25:
            text = "\n".join("| " + " | ".join(l.split("\t")) + " |" if "\t" in l else l for l in text.split("\n"))
        elif layout < 0.4:
            text = "\n".join("    ".join(f for f in l.split("\t") if f) if "\t" in l else l for l in text.split("\n"))
        elif layout < 0.5:
            text = cell_per_line(text)
        collapse = layout >= 0.9         # a crawled page: no tab or line break at all (after the defects)
        defect = rng.random()
        if defect < 0.1:
            text = text.replace("法人或其他组织", "[bookmark: _GoBack]法人或其他组织", 1)
        elif defect < 0.2:
            text += "\n扫一扫在手机打开当前页\n"
        elif defect < 0.3:
            text = text.replace("\t0\t", "\t\t", 1)
        elif defect < 0.35:
            text = text.replace("二、上年结转政府信息公开申请数量\t\t0", "二、上年结转政府信息公开申请数量\t\t3", 1)
        yield collapsed(text) if collapse else text


def build(folder: Path, count: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i, text in zip(range(count), variants(count)):
        sub = folder / f"d{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        data = text.encode("gb18030" if i % 7 == 0 else "utf-8")
        (sub / f"report_{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def timed(command, **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, **kwargs)
    return time.perf_counter() - start, done


FLOOR = """
import sys, os
from govlint.reading.source import decode
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        path = os.path.join(root, name)
        with open(path, "rb") as handle:
            n += len(decode(handle.read(), path).text)
print(n)
"""


LAYOUTS = """
import sys, time
sys.path.insert(0, sys.argv[1])
from layouts import VARIANTS
from pathlib import Path
from govlint.engine.lint import Options, lint_text
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
options = Options(select=["ALL"])
for name, layout in [("lines", lambda t: t), *VARIANTS.items()]:
    variant = [layout(t) for t in texts]
    for t in variant:
        lint_text(t, config=options)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(4):
            for t in variant:
                lint_text(t, config=options)
        best = min(best, (time.perf_counter() - start) / (4 * len(variant)))
    print(f"{name}\t{best * 1000:.2f}")
"""


PER_REPORT = """
import os, sys, time
from govlint.engine.lint import Options, lint_text
from govlint.reading.source import decode
paths = sorted(os.path.join(root, name) for root, _, names in os.walk(sys.argv[1]) for name in names)
paths = paths[:int(sys.argv[2])]
try:
    import autocorrect_py
except ImportError:
    autocorrect_py = None
def read():
    texts = []
    for path in paths:
        with open(path, "rb") as handle:
            texts.append(decode(handle.read(), path).text)
    return texts
texts = read()
options = Options(select=["ALL"])
def govlint():
    for text in texts:
        lint_text(text, config=options)
def peer():
    for text in texts:
        autocorrect_py.lint_for(text, "text")
import govlint.model.tables as tables
def govlint_fresh():
    # The folder's reports are variations of a few, so most of their tables'
    # text repeats and the table reader's memo answers for it; reports of
    # different agencies rarely share a table. Measured both ways.
    memo, tables.READ_MEMO = tables.READ_MEMO, 0
    tables._READ.clear()
    try:
        govlint()
    finally:
        tables.READ_MEMO = memo
runs = {"govlint": govlint, "govlint-fresh-tables": govlint_fresh, "floor": read}
if autocorrect_py is not None:
    runs["autocorrect-py"] = peer
for run in runs.values():
    run()                        # warm: patterns compiled, memos filled, as in a long run
best = dict.fromkeys(runs, float("inf"))
for _ in range(5):
    for name, run in runs.items():
        start = time.perf_counter()
        run()
        best[name] = min(best[name], (time.perf_counter() - start) / len(texts))
for name, seconds in best.items():
    print(f"{name}\t{seconds * 1000:.2f}")
"""


def peer_available() -> str:
    """'' when autocorrect-py imports (installing it with pip if needed),
    else why it is not measured."""
    check = [sys.executable, "-c", "import autocorrect_py"]
    if subprocess.run(check, capture_output=True).returncode == 0:
        return ""
    install = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "autocorrect-py"], capture_output=True)
    if install.returncode == 0 and subprocess.run(check, capture_output=True).returncode == 0:
        return ""
    return "autocorrect-py could not be installed (pip install autocorrect-py)"


MEASURED = """
import resource, subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    start = time.perf_counter()
    done = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
if done.returncode not in (0, 1):
    sys.exit(f"govlint failed ({done.returncode}): {sys.argv[2:]} " + done.stderr.decode()[:500])
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measured(command, out: Path) -> tuple[float, float]:
    """(seconds, peak resident KB of the largest process) of one govlint
    run, its output written to out; through a small parent process of its
    own, so that each run's peak is its own."""
    done = subprocess.run([sys.executable, "-c", MEASURED, str(out), *command], capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr.strip() or done.stdout)
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def cpu_reference() -> float:
    """Seconds for a fixed pure-Python loop: shared and virtual machines
    change speed from minute to minute, and this says how fast this one was
    around the run, so that runs can be compared."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sum(i * i for i in range(3_000_000))
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="build the folder here and keep it")
    parser.add_argument("--per-report", type=int, default=500, metavar="N",
                        help="reports of the folder timed in-process next to the peer (default 500)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="govlint-bench-"))
    folder = base / "reports"
    if folder.exists():
        shutil.rmtree(folder)
    size = build(folder, args.reports)
    # The installed command, as users run it (the README installs it next to
    # this interpreter); else the module.
    script = Path(sys.executable).parent / "govlint"
    govlint = [str(script)] if script.exists() else [sys.executable, "-m", "govlint"]
    # As pip install does: bytecode compiled, so a cold start reads it; and
    # the generated code of govlint's dataclasses and named tuples, which the
    # first run writes next to the bytecode unless PYTHONDONTWRITEBYTECODE
    # is set (govlint/codestore.py).
    import govlint as package
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(package.__file__).parent)],
                   capture_output=True)
    subprocess.run([sys.executable, "-m", "govlint.codestore"], capture_output=True)
    # Its own cache directory (results, report identities, compiled patterns).
    os.environ["GOVLINT_CACHE_DIR"] = str(base / "cache")
    rows = []
    reference_before = cpu_reference()
    try:
        floor_time, _ = timed([sys.executable, "-c", FLOOR, str(folder)], check=True)
        whole = [*govlint, "--format", "json", "--jobs", str(args.jobs)]
        first_cold, _ = timed([*govlint, "--format", "json", "--no-cache", str(next(folder.rglob("*.txt")))])
        run_time, peak_kb = measured([*whole, "--no-cache", str(folder)], base / "out.json")
        part = sorted(p for p in folder.iterdir() if p.is_dir())[0]
        part_files = sum(1 for _ in part.rglob("*.txt"))
        _, part_peak_kb = measured([*whole, "--no-cache", str(part)], base / "out-part.json")
        measured([*whole, str(folder)], base / "out-filling.json")          # fills the cache
        reruns, rerun_peaks = [], []
        for _ in range(5):              # a noisy machine: the median of several
            seconds, peak = measured([*whole, str(folder)], base / "out-cached.json")
            rerun_peaks.append(peak)
            if (base / "out-cached.json").read_bytes() != (base / "out.json").read_bytes():
                sys.exit("the cached rerun's output differs from the uncached run's")
            reruns.append(seconds)
        cached_time = statistics.median(reruns)
        one = next(folder.rglob("*.txt"))
        cold = []
        for _ in range(7):
            seconds, _ = timed([*govlint, "--format", "json", "--no-cache", str(one)])
            cold.append(seconds)
        reports = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
        sizes = []
        for megabytes in (4, 16):
            big = base / f"big-{megabytes}.txt"
            with open(big, "w", encoding="utf-8") as handle:
                written, index = 0, 0
                while written < megabytes * 1024 * 1024:
                    chunk = reports[index % len(reports)] + "\n"
                    handle.write(chunk)
                    written += len(chunk.encode("utf-8"))
                    index += 1
            seconds, peak = measured([*govlint, "--format", "json", "--no-cache", str(big)], base / "out-big.json")
            sizes.append((f"{megabytes} MB file", seconds, written, peak))
        one_line = base / "big-one-line.txt"
        one_line.write_text(collapsed(big.read_text(encoding="utf-8")), encoding="utf-8")
        seconds, peak = measured([*govlint, "--format", "json", "--no-cache", str(one_line)], base / "out-big.json")
        sizes.append((f"{megabytes} MB on one line", seconds, written, peak))
        _, layouts = timed([sys.executable, "-c", LAYOUTS, str(ROOT / "tests"), str(CORPUS)], check=True)
        per_layout = [line.split("\t") for line in layouts.stdout.decode().split("\n") if line]
        peer_note = peer_available()
        _, per_report = timed([sys.executable, "-c", PER_REPORT, str(folder), str(args.per_report)], check=True)
        per_report = [line.split("\t") for line in per_report.stdout.decode().split("\n") if line]
        reference_after = cpu_reference()
        rows = [
            ("cpu reference", f"{reference_before:.3f} s",
             f"before the run, {reference_after:.3f} s after (a fixed loop; lower is a faster machine)"),
            ("reports", f"{args.reports}", f"{size / 1e6:.1f} MB, {size / args.reports / 1e3:.1f} KB each"),
            ("jobs", f"{args.jobs}", f"{os.cpu_count()} cores"),
            ("whole run", f"{run_time:.2f} s", f"{args.reports / run_time:.0f} reports/s, {size / 1e6 / run_time:.2f} MB/s"),
            ("floor (read+decode)", f"{floor_time:.2f} s", f"govlint/floor = {run_time / floor_time:.1f}x"),
            ("cached rerun", f"{cached_time:.2f} s",
             f"{args.reports / cached_time:.0f} reports/s, median of {len(reruns)} (fastest {min(reruns):.2f} s), "
             f"nothing changed (same output as the whole run)"),
            ("single report, cold", f"{statistics.median(cold) * 1000:.0f} ms", f"median of {len(cold)}, JSON output"),
            ("first cold start", f"{first_cold * 1000:.0f} ms", "empty cache directory: patterns compiled"),
            ("peak memory", f"{peak_kb / 1024:.0f} MB", f"largest process, {args.reports} files"),
            ("peak memory, fewer", f"{part_peak_kb / 1024:.0f} MB", f"largest process, {part_files} files"),
            ("peak memory, cached", f"{max(rerun_peaks) / 1024:.0f} MB", f"largest process, the cached reruns of {args.reports} files"),
            *((name, f"{seconds:.2f} s", f"{written / 1e6 / seconds:.2f} MB/s, peak {peak / 1024:.0f} MB")
              for name, seconds, written, peak in sizes),
            *((f"one report, {name}", f"{ms} ms", "in-process lint, all rules, best of 5 (corpus/ in this layout)")
              for name, ms in per_layout),
            *((f"per report, {name}", f"{ms} ms", {
                "govlint": f"in-process lint_text, all rules, {min(args.per_report, args.reports)} reports of the folder",
                "govlint-fresh-tables": "the same, every table read afresh (no table memo: reports that share no table)",
                "autocorrect-py": "autocorrect_py.lint_for(text, \"text\"), the same texts",
                "floor": "reading and decoding the same files"}[name]) for name, ms in per_report),
            *((("per report, autocorrect-py", "-", peer_note),) if peer_note else ()),
        ]
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  notes")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
