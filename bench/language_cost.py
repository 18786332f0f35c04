"""The language rules' (L001–L005) share of a lint, counted in instructions.

    valgrind --tool=callgrind --toggle-collect=starmap_next \
        python bench/language_cost.py [--ignore L] [--default]

Run it twice, without and with `--ignore L`; the share is
(all − without L) / all, from the two runs' `summary:` lines (callgrind's
instruction count, which a shared, loaded machine does not disturb as it
does a clock).

What is counted: one in-process lint (`lint_text`, all rules, or the
default ones with --default) of each report in corpus/*.txt and
corpus/openings/*.txt, and nothing else: the round runs inside
itertools.starmap, the only place this script or govlint calls it, so
callgrind counts only while starmap_next runs. Before it, the process
lints corpus/pdf-text/*.txt (imports, first use of the rules) and, when
the language rules are on, loads every part of their lexicon and compiles
their patterns, as a process that has linted a few reports has: the count
is what each report costs, not a first use. The rule time-out is off (its
timer would interrupt a run slowed fifty times by callgrind).

Without callgrind the script prints the number of diagnostics and the
wall time of the round.
"""
from __future__ import annotations

import argparse
import gc
import itertools
import time
from pathlib import Path

from govlint.engine.lint import Options, lint_text
from govlint.model import language
from govlint.patterns import STORE
from govlint.rules import digit_spacing, mixed_punctuation, stray_space, typo, word_usage

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _read(paths):
    return [(str(p), p.read_text(encoding="utf-8")) for p in paths]


def _load_language_rules() -> None:
    lexicon = language.lexicon()
    for name in ("words", "terms", "alike", "_two", "_suffixed", "truncated", "truncated_tails", "misspellings",
                 "misspelling_pattern", "moved_pattern", "doubled", "_sounds", "parallel_pattern", "substitutions"):
        getattr(lexicon, name)
    for module in (language, typo, word_usage, stray_space, mixed_punctuation, digit_spacing):
        for value in list(vars(module).values()):
            if isinstance(value, language._Lazy):
                value.search("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ignore", default="", help="rules to leave out (L: the language rules)")
    parser.add_argument("--default", action="store_true", help="the default rules instead of all")
    args = parser.parse_args()
    ignore = [code for code in args.ignore.split(",") if code]
    options = Options(select=None if args.default else ["ALL"], ignore=ignore or None, rule_timeout=None)
    warm = _read(sorted((CORPUS / "pdf-text").glob("*.txt")))
    reports = _read(sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "openings").glob("*.txt")))
    count = sum(len(lint_text(text, path, options).diagnostics) for path, text in warm)
    if "L" not in ignore:
        _load_language_rules()
    STORE.flush()
    gc.collect()

    def one(path: str, text: str) -> int:
        return len(lint_text(text, path, options).diagnostics)

    start = time.perf_counter()
    count += sum(itertools.starmap(one, reports))
    print(f"{count} diagnostics; round of {len(reports)} reports: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
