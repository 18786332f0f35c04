"""Benchmark the office view: the HTML summary and the spreadsheet extraction
of a large folder, and the summary opened in headless Chromium.

    python bench/office.py [--reports 2000] [--keep DIR] [--screenshot FILE]
    python bench/office.py --page-only 10000     # the page alone, from corpus results

--page-only N skips linting: the page is rendered from the five corpus
reports' results, repeated under N paths with varied years and agencies,
to see how the browser copes with a very large folder.

The folder is built as bench/run.py builds it (varied corpus/ reports).
Measured:

- `govlint --format html -o summary.html` (no cache): time and file size;
  `govlint --format json` of the same folder for comparison;
- `govlint extract --format csv` and `--format xlsx`: time and size;
- the page in Chromium (tests/browser.py), three fresh loads: time to first
  contentful paint, DOMContentLoaded and load (the page's own Navigation
  and Paint Timing), DOM nodes and JS heap afterwards; then a click on a
  column header (sort all reports, to the next frame) and opening a
  report (its part built, to the next frame).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
from browser import Browser  # noqa: E402
from run import build, cpu_reference  # noqa: E402

NEXT_FRAME = "new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))"


def timed(command, **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, **kwargs)
    return time.perf_counter() - start, done


def in_browser(page_file: Path, screenshot: Path | None) -> dict:
    loads = []
    with Browser(timeout=300) as browser:
        for _ in range(3):
            page = browser.open(page_file.as_uri())
            deadline = time.monotonic() + 60
            fcp = None
            while fcp is None and time.monotonic() < deadline:
                fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
                time.sleep(0.05)
            nav = page.evaluate("(n => [n.domContentLoadedEventEnd, n.loadEventEnd])"
                                "(performance.getEntriesByType('navigation')[0])")
            loads.append((fcp, *nav))
            last = page
            if len(loads) < 3:
                page.close()
        page = last
        page.call("Performance.enable")
        metrics = {m["name"]: m["value"] for m in page.call("Performance.getMetrics")["metrics"]}
        sort_ms = page.evaluate(f"(async () => {{ const t = performance.now(); "
                                f"document.querySelector('#list th[data-key=error]').click(); await {NEXT_FRAME}; "
                                f"return performance.now() - t }})()")
        open_ms = page.evaluate(f"(async () => {{ const t = performance.now(); "
                                f"location.hash = '#' + document.querySelector('#list tr.rep').dataset.id; "
                                f"await {NEXT_FRAME}; return performance.now() - t }})()")
        if screenshot:
            page.evaluate("scrollTo(0, 0)")
            page.screenshot(str(screenshot))
    return {"fcp": statistics.median(x[0] for x in loads), "dcl": statistics.median(x[1] for x in loads),
            "load": statistics.median(x[2] for x in loads), "nodes": metrics.get("Nodes"),
            "heap": metrics.get("JSHeapUsedSize"), "sort": sort_ms, "open": open_ms}


def page_only(count: int, base: Path, screenshot: Path | None) -> list[tuple[str, str, str]]:
    from govlint.engine.lint import lint_bytes
    from govlint.output.html_report import Entry, render_page

    results = [lint_bytes(p.read_bytes(), str(p), facts=True) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    agencies = [(r.facts or {}).get("agency") or "某机关" for r in results]
    start = time.perf_counter()
    entries = []
    for i in range(count):
        result = results[i % len(results)]
        result.path = f"reports/d{i // 500:03d}/report_{i:05d}.txt"
        if result.facts:
            result.facts["year"] = 2019 + i % 7
            result.facts["agency"] = f"{agencies[i % len(results)]}{i % 300}"
        entries.append(Entry(result))
    page = base / "summary.html"
    page.write_text(render_page(entries, "汇总"), encoding="utf-8")
    render_time = time.perf_counter() - start
    measured = in_browser(page, screenshot)
    size = page.stat().st_size
    return [("reports", f"{count}", "corpus results under varied paths, years and agencies (no linting)"),
            ("render the page", f"{render_time:.1f} s", "in-process, from the results"),
            ("summary.html", f"{size / 1e6:.1f} MB", f"{size / count / 1e3:.1f} KB a report"),
            ("first contentful paint", f"{measured['fcp']:.0f} ms", "median of 3 fresh loads in headless Chromium"),
            ("DOMContentLoaded", f"{measured['dcl']:.0f} ms", "the whole file parsed"),
            ("load", f"{measured['load']:.0f} ms", "and the script has run (list paginated)"),
            ("DOM nodes", f"{measured['nodes']:.0f}", f"JS heap {measured['heap'] / 1e6:.1f} MB"),
            ("sort by a column", f"{measured['sort']:.0f} ms", f"all {count} rows, click to the next frame"),
            ("open a report", f"{measured['open']:.0f} ms", "its part built and shown, to the next frame")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--page-only", type=int, metavar="N", help="render N reports' page without linting")
    parser.add_argument("--keep", type=Path, help="build the folder and the outputs here and keep them")
    parser.add_argument("--screenshot", type=Path, help="save the first screen of the summary here")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="govlint-office-"))
    if args.page_only:
        base.mkdir(parents=True, exist_ok=True)
        try:
            _print(page_only(args.page_only, base, args.screenshot))
        finally:
            if not args.keep:
                shutil.rmtree(base, ignore_errors=True)
        return
    folder = base / "reports"
    if folder.exists():
        shutil.rmtree(folder)
    size = build(folder, args.reports)
    script = Path(sys.executable).parent / "govlint"
    govlint = [str(script)] if script.exists() else [sys.executable, "-m", "govlint"]
    rows = []
    before = cpu_reference()
    try:
        json_time, _ = timed([*govlint, "--no-cache", "--format", "json", "-o", str(base / "out.json"), str(folder)])
        html_time, done = timed([*govlint, "--no-cache", "--format", "html", "-o", str(base / "summary.html"),
                                 str(folder)])
        if done.returncode not in (0, 1):
            sys.exit(f"govlint failed: {done.stderr.decode()[:500]}")
        csv_time, _ = timed([*govlint, "extract", "--format", "csv", "-o", str(base / "cells.csv"), str(folder)])
        xlsx_time, _ = timed([*govlint, "extract", "--format", "xlsx", "-o", str(base / "cells.xlsx"), str(folder)])
        page = in_browser(base / "summary.html", args.screenshot)
        after = cpu_reference()
        n = args.reports
        html_size = (base / "summary.html").stat().st_size
        rows = [
            ("cpu reference", f"{before:.3f} s", f"before, {after:.3f} s after (bench/run.py's loop)"),
            ("reports", f"{n}", f"{size / 1e6:.1f} MB of text"),
            ("lint, JSON", f"{json_time:.1f} s", f"{n / json_time:.0f} reports/s (for comparison)"),
            ("lint, HTML summary", f"{html_time:.1f} s", f"{n / html_time:.0f} reports/s"),
            ("summary.html", f"{html_size / 1e6:.1f} MB", f"{html_size / n / 1e3:.1f} KB a report"),
            ("first contentful paint", f"{page['fcp']:.0f} ms", "median of 3 fresh loads in headless Chromium"),
            ("DOMContentLoaded", f"{page['dcl']:.0f} ms", "the whole file parsed"),
            ("load", f"{page['load']:.0f} ms", "and the script has run (list paginated)"),
            ("DOM nodes", f"{page['nodes']:.0f}", f"JS heap {page['heap'] / 1e6:.1f} MB"),
            ("sort by a column", f"{page['sort']:.0f} ms", f"all {n} rows, click to the next frame"),
            ("open a report", f"{page['open']:.0f} ms", "its part built and shown, to the next frame"),
            ("extract, CSV", f"{csv_time:.1f} s", f"{(base / 'cells.csv').stat().st_size / 1e6:.1f} MB"),
            ("extract, xlsx", f"{xlsx_time:.1f} s", f"{(base / 'cells.xlsx').stat().st_size / 1e6:.1f} MB"),
        ]
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    _print(rows)


def _print(rows) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  notes")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>10}  {note}")


if __name__ == "__main__":
    main()
