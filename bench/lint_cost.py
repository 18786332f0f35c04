"""What one in-process lint of a report costs, counted in instructions.

    valgrind --tool=callgrind --toggle-collect=starmap_next \
        python bench/lint_cost.py [--reports 40 | --layout NAME] [--fresh-tables] [--ignore CODES]

The reports are the first N of the folder bench/run.py builds (the
corpus reports varied: numbers, years, tables in tabs, pipes, spaces or one
cell per line, one in ten run together, injected defects), the texts its
"per report, govlint" line times. All rules are on. Each report is linted
once to warm up (patterns compiled, memos filled, as in a long run), then
once more inside itertools.starmap, the only place this script or govlint
calls it, so that callgrind, told to count only while starmap_next runs,
counts that round and nothing else. Divide callgrind's `Collected` count
by N for the instructions per report; unlike a clock, the count does not
move with the load of a shared machine, so a change of one per cent shows.

--fresh-tables turns the table reader's memo off for the counted round,
as the benchmark's "govlint-fresh-tables" line does (reports of different
agencies rarely share a table's text).

--layout NAME lints the 20 reports of corpus/*.txt and corpus/openings/*.txt
instead, as written ("lines") or rewritten in one of the layouts of
tests/layouts.py (collapsed, spaced, cell-per-line, piped,
blank-separated): what a run-together report costs against its lined copy.
With --fresh-tables this is the count the run-together rounds of
bench/RESULTS.md compare (they took it as a count of one round less a
count of none, the same round).

--ignore leaves rules out: the count without a rule, taken from the
count with all, is what that rule adds (its own work, not the parts of
the report model it shares with others).

Without callgrind the script prints the number of diagnostics and the
wall time of the round.
"""
from __future__ import annotations

import argparse
import gc
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import variants  # noqa: E402  (the benchmark's folder)

from govlint.engine.lint import Options, lint_text  # noqa: E402
from govlint.patterns import STORE  # noqa: E402
import govlint.model.tables as tables  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--fresh-tables", action="store_true", help="the table reader's memo off")
    parser.add_argument("--ignore", default="", help="rules to leave out, as --ignore takes them")
    parser.add_argument("--layout", help="the corpus reports in this layout (lines or one of tests/layouts.py)")
    args = parser.parse_args()
    if args.layout:
        texts = _corpus(args.layout)
    else:
        # bench/run.py seeds the folder with its size; 10000 is its default.
        texts = list(itertools.islice(variants(10000), args.reports))
    options = Options(select=["ALL"], ignore=[code for code in args.ignore.split(",") if code] or None,
                      rule_timeout=None)
    count = sum(len(lint_text(text, config=options).diagnostics) for text in texts)
    STORE.flush()
    if args.fresh_tables:
        tables.READ_MEMO = 0
        tables._READ.clear()
    gc.collect()

    def one(text: str) -> int:
        return len(lint_text(text, config=options).diagnostics)

    start = time.perf_counter()
    count = sum(itertools.starmap(one, ((text,) for text in texts)))
    print(f"{count} diagnostics; round of {len(texts)} reports: {(time.perf_counter() - start) * 1000:.0f} ms")


def _corpus(layout: str) -> list[str]:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    from layouts import VARIANTS

    paths = sorted(root.glob("corpus/*.txt")) + sorted(root.glob("corpus/openings/*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return texts if layout == "lines" else [VARIANTS[layout](text) for text in texts]


if __name__ == "__main__":
    main()
