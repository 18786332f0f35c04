"""The language rules' data: what it is made from, and what a lint loads."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govlint.model.language import DATA as LANGUAGE_DATA, lexicon

DATA = Path(LANGUAGE_DATA)

ROOT = Path(__file__).resolve().parent.parent


def _build_module():
    spec = importlib.util.spec_from_file_location("build_language_data", ROOT / "tools" / "build_language_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sound_table_is_what_pypinyin_says():
    pytest.importorskip("pypinyin")
    build = _build_module()
    shipped = {}
    for line in (DATA / "sounds.txt").read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            name, chars = line.split("\t")
            shipped.update((char, name) for char in chars)
    assert len(shipped) >= 6763
    assert build.readings(sorted(shipped)) == shipped


def test_near_homophones_share_a_class():
    lx = lexicon()
    assert lx.same_sound("性", "行") and lx.same_sound("性", "信")      # xing / xin
    assert lx.same_sound("是", "四") and not lx.same_sound("性", "化")


def test_lexicon_holds_the_template_and_the_hand_words():
    words = lexicon().words
    assert {"准确性", "政务信息", "受理渠道", "行政规范性文件", "本年新收政府信息公开申请数量"} <= words
    assert all(len(w) >= 3 for w in words)


def test_misspellings_are_never_lexicon_words():
    lx = lexicon()
    assert not set(lx.misspellings) & lx.words
    assert lx.misspellings["政信息务"].right == "政务信息"
    assert lx.misspellings["再接再励"].right == "再接再厉"


def test_a_lint_imports_neither_pypinyin_nor_jieba():
    probe = ("import sys, govlint; govlint.lint_path(sys.argv[1]); "
             "print([m for m in ('pypinyin', 'jieba') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", probe, str(ROOT / "corpus" / "002_b70717b772d0d9c9.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _tables(lx):
    return (lx._sounds, lx.words, lx.terms, lx.truncated,
            {wrong: (m.right, m.kind, m.note) for wrong, m in lx.misspellings.items()},
            lx.misspelling_pattern.pattern, lx.moved_pattern.pattern, lx.parallel_pattern.pattern)


def test_kept_lexicon_tables_are_the_tables_the_files_give(tmp_path):
    from govlint.cachedir import read_data
    from govlint.model.language import KeptTables, Lexicon

    path = str(tmp_path / "language.marshal")
    fresh = _tables(Lexicon(KeptTables("")))            # no file: computed from the data files
    first = _tables(Lexicon(KeptTables(path)))          # computed, then kept
    kept = read_data(path)
    assert {"sounds", "words", "terms", "truncated", "misspellings", "misspelling trie", "moved trie",
            "parallel pattern"} <= set(kept)
    assert fresh == first == _tables(Lexicon(KeptTables(path)))     # read back from the file
    assert len(fresh[1]) > 1000 and "再接再励" in fresh[4] and fresh[4]["再接再励"][0] == "再接再厉"


def test_kept_lexicon_tables_are_computed_again_when_the_data_or_the_file_change(tmp_path):
    from govlint.cachedir import read_data, write_data
    from govlint.model.language import KeptTables, Lexicon

    path = str(tmp_path / "language.marshal")
    fresh = _tables(Lexicon(KeptTables("")))
    _tables(Lexicon(KeptTables(path)))
    kept = read_data(path)
    # Another version of the data files: every table is computed again.
    stale = {**kept, "stamp": (("lexicon.txt", 1, 1),), "words": frozenset({"只有这个词"})}
    write_data(path, stale)
    lx = Lexicon(KeptTables(path))
    assert "只有这个词" not in lx.words and _tables(lx) == fresh
    assert read_data(path)["stamp"] == kept["stamp"]
    # A damaged file reads as nothing kept.
    with open(path, "r+b") as handle:
        handle.seek(-3, 2)
        handle.write(b"xyz")
    assert _tables(Lexicon(KeptTables(path))) == fresh


def test_ahocorasick_is_imported_only_when_the_typo_rule_runs():
    probe = ("import sys, govlint; from govlint.engine.lint import Options; "
             "govlint.lint_path(sys.argv[1], Options(ignore=['L001'])); a = 'ahocorasick' in sys.modules; "
             "govlint.lint_path(sys.argv[1], Options(select=['L001'])); print(a, 'ahocorasick' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe, str(ROOT / "corpus" / "002_b70717b772d0d9c9.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False True"


def _substitution_findings(lx):
    from govlint.rules.typo import _substitutions

    text = "严格按照工作留程做好依申清公开工作，申请行政复义。其它需要报告事项。"
    return [(t.start, t.wrong, t.right) for t in _substitutions(text, lx)]


def _kept_stamp(kept):
    from govlint.model.language import Lexicon, _module_stamp

    return (kept._read()["stamp"], Lexicon.SUBSTITUTION_FORMAT, _module_stamp())


def test_kept_homophone_automaton_finds_what_a_fresh_one_does(tmp_path):
    from govlint.model.language import KeptTables, Lexicon, _read_automaton

    path = str(tmp_path / "language.marshal")
    fresh = _substitution_findings(Lexicon(KeptTables("")))
    assert fresh == [(4, "工作留程", "工作流程"), (10, "依申清公开", "依申请公开"), (20, "行政复义", "行政复议")]
    assert _substitution_findings(Lexicon(KeptTables(path))) == fresh        # built, then kept
    stamp = _kept_stamp(KeptTables(path))
    (automaton, entries), _ = _read_automaton(path + ".substitutions", stamp)
    assert len(automaton) > 20000 and len(entries) > 1000
    assert _substitution_findings(Lexicon(KeptTables(path))) == fresh        # read back
    # Another layout of the tables, or a damaged file: built again.
    class Later(Lexicon):
        SUBSTITUTION_FORMAT = Lexicon.SUBSTITUTION_FORMAT + 1
    assert _substitution_findings(Later(KeptTables(path))) == fresh
    assert _read_automaton(path + ".substitutions", stamp) is None
    assert _read_automaton(path + ".substitutions", (stamp[0], Later.SUBSTITUTION_FORMAT, stamp[2])) is not None
    with open(path + ".substitutions", "r+b") as handle:
        handle.seek(-3, 2)
        handle.write(b"xyz")
    assert _read_automaton(path + ".substitutions", (stamp[0], Later.SUBSTITUTION_FORMAT, stamp[2])) is None
    assert _substitution_findings(Lexicon(KeptTables(path))) == fresh


def test_a_kept_blob_reads_back_as_written(tmp_path):
    from govlint.cachedir import read_blob, write_blob

    path = str(tmp_path / "table")
    assert write_blob(path, ("stamp", {"a": (1, "二")}), b"\x00\x01" * 1000)
    assert read_blob(path)[:2] == (("stamp", {"a": (1, "二")}), b"\x00\x01" * 1000)
    assert write_blob(path, os, b"") is False       # marshal cannot hold it: not kept
    data = open(path, "rb").read()
    for damaged in (b"", data[:-1], data[:20], data[:-5] + b"\x07" + data[-4:], b"govlint-data-1\n" + data[15:]):
        with open(path, "wb") as handle:
            handle.write(damaged)
        assert read_blob(path) is None


def test_a_blob_found_whole_is_not_checked_again_while_its_file_is_unchanged(tmp_path, monkeypatch):
    from govlint import cachedir
    from govlint.cachedir import read_blob, read_data, write_blob
    from govlint.model.language import KeptTables, Lexicon

    path = str(tmp_path / "table")
    blob = bytes(range(256)) * 400
    assert write_blob(path, ("stamp",), blob)
    os.utime(path, ns=(10**18, 10**18))     # written long ago: the change below gives it other times
    summed = []
    crc32 = cachedir.zlib.crc32
    monkeypatch.setattr(cachedir.zlib, "crc32", lambda data, *start: summed.append(len(data)) or crc32(data, *start))
    data, read, identity = read_blob(path)
    assert (data, read) == (("stamp",), blob) and len(blob) in summed
    summed.clear()
    assert read_blob(path, identity) == (data, blob, identity) and len(blob) not in summed
    # Changed in place (by anything but govlint): its times change, and the
    # checksum finds it damaged.
    with open(path, "r+b") as handle:
        handle.seek(-1000, 2)
        handle.write(b"\x00")
    assert read_blob(path, identity) is None
    monkeypatch.undo()
    # The lexicon's tables keep the identity of the automaton's file once
    # its nodes were found whole.
    tables = str(tmp_path / "language.marshal")
    fresh = _substitution_findings(Lexicon(KeptTables(tables)))            # built and kept
    assert "substitutions checked" not in read_data(tables)
    assert _substitution_findings(Lexicon(KeptTables(tables))) == fresh    # read, checked
    checked = read_data(tables)["substitutions checked"]
    assert checked == read_blob(tables + ".substitutions")[2]
    assert _substitution_findings(Lexicon(KeptTables(tables))) == fresh    # read, not checked again
    assert read_data(tables)["substitutions checked"] == checked


def test_a_planted_automaton_file_builds_nothing_but_an_automaton_of_numbers(tmp_path):
    """The kept automaton's file is read with marshal (data only: code
    objects in it are data, never called) and its bytes go to pyahocorasick's
    constructor only for an automaton storing integers: one storing Python
    objects would take the objects' addresses from the file."""
    import ahocorasick

    from govlint.cachedir import read_blob, write_blob
    from govlint.model.language import KeptTables, Lexicon, _read_automaton

    path = str(tmp_path / "language.marshal")
    fresh = _substitution_findings(Lexicon(KeptTables("")))
    _substitution_findings(Lexicon(KeptTables(path)))
    stamp = _kept_stamp(KeptTables(path))
    kept = path + ".substitutions"
    (_, parameters, entries), blob, _ = read_blob(kept)
    assert all(type(row) is bytes for row in entries)
    kind, store, key_type, count, longest, sizes = parameters
    assert _read_automaton(kept, stamp) is not None

    def planted(data, nodes=blob):
        write_blob(kept, data, nodes)
        return _read_automaton(kept, stamp)

    assert planted((stamp, (kind, ahocorasick.STORE_ANY, key_type, count, longest, sizes), entries)) is None
    assert planted((stamp, (ahocorasick.TRIE, store, key_type, count, longest, sizes), entries)) is None
    assert planted((stamp, (kind, store, key_type, count, longest, (4,) * (len(blob) // 4)), entries)) is None
    assert planted((stamp, (kind, store, key_type, count, longest, sizes), compile("import os", "", "exec"))) is None
    assert planted(compile("import os", "", "exec")) is None
    assert planted((stamp, parameters, entries[:-1] + ((9, "", "", "行政复议", 2),))) is None    # rows are marshal data
    assert planted((stamp, (kind, store, key_type, count, longest, (16,)), entries), b"\xff" * 16) is None
    assert _substitution_findings(Lexicon(KeptTables(path))) == fresh      # built again, kept again
    assert _read_automaton(kept, stamp) is not None
