"""Lazily compiled patterns (govlint.patterns) and what a cold start compiles."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import regex

from govlint.patterns import lazy


def test_a_lazy_pattern_compiles_on_first_use_and_then_behaves_like_regex():
    pattern = lazy(r"(?<!未|没有)收到(?P<n>\d+)件", regex.IGNORECASE)
    assert pattern.compiled is None                     # nothing compiled yet
    text = "共收到3件，未收到4件，收到12件"
    assert [m.group("n") for m in pattern.finditer(text)] == ["3", "12"]
    compiled = pattern.compiled
    assert compiled is not None and compiled.flags & regex.IGNORECASE
    assert pattern.search(text).start() == 1
    assert pattern.sub("#", text) == "共#，未收到4件，#"
    assert pattern.split(text, maxsplit=1) == ["共", "3", "，未收到4件，收到12件"]
    assert pattern.fullmatch("收到5件") and not pattern.match(text)
    assert pattern.findall(text) == ["3", "12"]
    assert pattern.compiled is compiled                 # compiled once


def test_loading_every_rule_compiles_no_pattern():
    """Importing the engine and all the built-in rules must not compile the
    rules' patterns (60-100 ms of a cold start when it did): they compile
    when a report first reaches them. Only the two tiny patterns that check
    rule codes and names at registration may compile."""
    probe = textwrap.dedent("""
        import regex
        compiled = []
        original = regex.compile
        def spy(pattern, flags=0, **kwargs):
            compiled.append(pattern)
            return original(pattern, flags, **kwargs)
        regex.compile = spy
        import govlint.engine.check
        from govlint.engine.registry import load_rules
        assert len(load_rules().rules) >= 36
        print(len(compiled))
    """)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= 2


def test_the_pattern_store_gives_back_the_same_patterns_and_survives_damage(tmp_path):
    """Compiled programs kept on disk come back as patterns that match as
    freshly compiled ones do; a damaged, cut-short or foreign file is
    ignored (the patterns are compiled again), never an error."""
    from govlint.patterns import PatternStore

    path = str(tmp_path / "patterns" / "store.marshal")
    sources = [(r"(?<!未|没有)收到(?P<n>[0-9０-９]+)件", 0), (r"\bpage\s+\d+\b", regex.IGNORECASE),
               (r"[\u4e00-\u9fff]{2,}(?:局|委员会)", 0)]
    text = "共收到３件，未收到4件。PAGE 12 榆林市卫生健康委员会"
    first = PatternStore(path)
    fresh = [first.compile(s, f) for s, f in sources]
    assert first.misses == 3 and first.hits == 0
    first.flush()
    second = PatternStore(path)
    stored = [second.compile(s, f) for s, f in sources]
    assert second.hits == 3 and second.misses == 0
    for a, b in zip(fresh, stored):
        assert (a.pattern, a.flags, a.groupindex) == (b.pattern, b.flags, b.groupindex)
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
    assert stored[0].search(text).group("n") == "３"
    data = open(path, "rb").read()
    for damaged in (data[: len(data) // 2], data[:-3] + b"xyz", b"", b"\x00" * 64, b"not a store"):
        with open(path, "wb") as handle:
            handle.write(damaged)
        third = PatternStore(path)
        again = [third.compile(s, f) for s, f in sources]
        assert third.misses == 3 and third.hits == 0
        assert [p.pattern for p in again] == [s for s, _ in sources]
    third.flush()                       # a damaged file is replaced by a good one
    assert PatternStore(path).compile(*sources[0]) is not None
    unwritable = PatternStore(str(tmp_path / "a-file" / "store"))
    (tmp_path / "a-file").write_text("in the way")
    assert unwritable.compile(*sources[1]).search("page 3")
    unwritable.flush()                  # cannot be written: only slower


def test_the_pattern_store_can_be_turned_off(monkeypatch):
    from govlint.patterns import store_path

    monkeypatch.setenv("GOVLINT_PATTERN_STORE", "0")
    assert store_path() is None


def test_standard_library_patterns_come_back_from_the_store_with_the_same_program(tmp_path):
    """re patterns kept in the store rebuild to patterns equal to freshly
    compiled ones (re compares the compiled program too), for this Python."""
    import re

    from govlint.patterns import PatternStore

    path = str(tmp_path / "store")
    sources = [(r"[\u3400-\u9fff]", 0), (r"(?P<year>\d{4})年(?:度)?", re.IGNORECASE), (r"^\s*第[一二三]条$", re.M)]
    first = PatternStore(path)
    fresh = [first.compile_re(s, f) for s, f in sources]
    first.flush()
    second = PatternStore(path)
    stored = [second.compile_re(s, f) for s, f in sources]
    assert second.hits == 3
    assert stored == fresh == [re.compile(s, f) for s, f in sources]
    assert stored[1].search("2024年度").group("year") == "2024"
    assert [m.start() for m in stored[2].finditer("x\n 第二条\n第三条")] == [2, 7]


def test_every_pattern_has_the_same_text_in_every_process(tmp_path):
    """A pattern built from a set in its iteration order gets another text
    under another hash seed: it is compiled again in every process (a cold
    start pays for it) and the store keeps one more copy each time. After
    one process has linted the corpus in every layout, another with another
    seed finds every pattern it reaches in the store."""
    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, "tests")
        from pathlib import Path
        from layouts import VARIANTS
        from govlint.engine.lint import Options, lint_text
        from govlint.patterns import STORE
        texts = [p.read_text(encoding="utf-8") for p in sorted(Path("corpus").glob("*.txt"))]
        texts += [p.read_text(encoding="utf-8") for p in sorted(Path("corpus/openings").glob("*.txt"))]
        for layout in [lambda t: t, *VARIANTS.values()]:
            for text in texts:
                lint_text(layout(text), config=Options(select=["ALL"]))
        print(STORE.hits, STORE.misses)
    """)
    from conftest import ROOT

    counts = []
    for seed in ("1", "2"):
        env = {**os.environ, "GOVLINT_CACHE_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                              timeout=600)
        assert done.returncode == 0, done.stderr
        counts.append(tuple(map(int, done.stdout.split())))
    (_, first_misses), (hits, misses) = counts
    assert first_misses > 50 and hits >= first_misses
    assert misses == 0


def test_the_flags_and_escape_are_regexs():
    """Patterns declared with govlint.patterns' flags and escape() have the
    text and flags they had with regex's, so the same keys in the store."""
    from govlint import patterns

    assert (patterns.LOCALE, patterns.MULTILINE, patterns.VERBOSE) == (regex.LOCALE, regex.MULTILINE, regex.VERBOSE)
    every = "".join(chr(code) for code in range(0x30000) if not 0xD800 <= code < 0xE000)
    assert patterns.escape(every) == regex.escape(every)
    assert patterns.escape("本年新增（件）[1] a.b") == regex.escape("本年新增（件）[1] a.b")


def test_stored_programs_need_only_regexs_extension_and_regex_can_still_be_imported(tmp_path):
    """A process that finds its patterns in the store loads regex's C
    extension alone (importing regex runs its pattern compiler's module, a
    tenth of a cold start); importing regex afterwards gives a working
    module on that same extension, and a pattern the store lacks compiles."""
    script = textwrap.dedent("""
        import sys
        from govlint.patterns import PatternStore
        store = PatternStore(sys.argv[1])
        sources = [(r"(?<!未|没有)收到(?P<n>[0-9０-９]+)件", 0), (r"^\\s*（[一二三]）(.+)$", 8), (r"a  b # comment", 64)]
        patterns = [store.compile(s, f) for s, f in sources]
        store.flush()
        text = "共收到３件，未收到4件\\n （二）公开情况\\nab"
        print(store.hits, store.misses, "regex" in sys.modules, "regex._regex_core" in sys.modules,
              [[m.span() for m in p.finditer(text)] for p in patterns], patterns[0].sub(r"[\\g<n>]", text)[:8])
        import regex
        print(regex._regex is sys.modules["regex._regex"], regex.compile(r"\\d+").sub(r"<\\g<0>>", "a12b"),
              type(patterns[0]) is regex.Pattern, regex.compile(r"(?P<n>\\d)件").search("3件").group("n"))
    """)
    store = str(tmp_path / "store")
    runs = [subprocess.run([sys.executable, "-c", script, store], capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    first, second = (run.stdout.splitlines() for run in runs)
    assert first[0].startswith("0 3 True") and second[0].startswith("3 0 False False")
    assert first[0].split(" ", 4)[4] == second[0].split(" ", 4)[4]         # the same matches and replacement
    assert "共[３]，未收到" in second[0]
    assert second[1] == "True a<12>b True 3"
