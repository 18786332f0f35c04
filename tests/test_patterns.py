"""Lazily compiled patterns (govlint.patterns) and what a cold start compiles."""
from __future__ import annotations

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
