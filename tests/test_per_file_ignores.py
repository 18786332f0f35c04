"""per-file-ignores compiled once and indexed (issue 13): a configuration
with 200,000 globs costs each file about what one with ten does, and the
index matches exactly as fnmatch does."""
from __future__ import annotations

import time
from pathlib import Path

from workflow import REPORT_002, copy, govlint as run_govlint


GLOBS = ["*.txt", "a/*", "a/b.txt", "[ab]/*.txt", "*/x?.txt", "a/[!c]*", "*b*", "a[/b", "[]]x", "a/*/c.txt",
         "*", "?", "2019/*.txt", "*2019*", "b.txt", "[!a]*", "a/b/c.txt", "**/c.txt", "a*", "*.TXT",
         "**/x12_*.txt", "*/20[12]3/*报告*.txt", "*a*b*c*", "*[*]*", "x*[ab]yz*q", "d*/abc/*/*.txt"]


PATHS = ["a/b.txt", "b.txt", "a/c/c.txt", "x1.txt", "a[/b", "]x", "2019/r.txt", "c", "a/bb", "z/x9.txt", "A/B.TXT",
         "q/x12_a.txt", "x12_.txt", "y/2023/某报告1.txt", "y/2013/报告.txt", "aXbYc", "a*b", "xQyzq", "xayzq",
         "dd/abc/e/f.txt", "d/abc/f.txt"]


def test_the_glob_index_matches_like_fnmatch():
    import fnmatch

    from govlint.engine.config import GlobIndex

    index = GlobIndex({glob: [str(n)] for n, glob in enumerate(GLOBS)})
    for path in PATHS:
        expected = {n for n, glob in enumerate(GLOBS) if fnmatch.fnmatch(path, glob)}
        assert index.matches(path) == expected, path


def _config(count: int):
    from govlint.engine.config import Config

    globs = {f"archive/dir{n}/*.txt": ["P005"] for n in range(count)}
    globs.update({f"*/report{n}.txt": ["S006"] for n in range(count)})
    globs["drafts/*"] = ["A001"]
    return Config(root="/r", per_file_ignores=globs)


def test_per_file_ignores_cost_per_file_does_not_grow_with_the_config(monkeypatch):
    """200,000 globs: compiled once, and a file is matched against the few
    that can match it; a file costs about what it does with 20 globs."""
    import govlint.engine.config as config_module

    compiled = []
    real = config_module._compile
    monkeypatch.setattr(config_module, "_compile", lambda pattern: compiled.append(pattern) or real(pattern))
    paths = [f"/r/archive/dir{n}/r.txt" for n in range(0, 100000, 997)] + \
            [f"/r/x/report{n}.txt" for n in range(0, 100000, 991)] + ["/r/drafts/a.txt", "/r/other/z.txt"]
    timings = {}
    for count in (10, 100000):
        config = _config(count)
        config.ignores_for(paths[0])               # builds the index
        compiled.clear()
        started = time.perf_counter()
        found = [config.ignores_for(path) for path in paths]
        timings[count] = (time.perf_counter() - started) / len(paths)
        assert len(compiled) <= 2 * len(paths)       # only globs that can match were compiled
        assert found[-2:] == [["A001"], []]
        if count == 100000:
            assert all(codes == ["P005"] for codes in found[:101]) and all(codes == ["S006"]
                                                                          for codes in found[101:-2])
    assert timings[100000] < max(20 * timings[10], 0.002), timings


def test_a_config_with_many_per_file_ignores_end_to_end(tmp_path):
    lines = ["[per-file-ignores]"] + [f'"dir{n}/*.txt" = ["P005"]' for n in range(30000)] + ['"r.txt" = ["A001"]']
    (tmp_path / "govlint.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n in range(20):
        copy(REPORT_002, tmp_path, f"r{n:02d}.txt")
    copy(REPORT_002, tmp_path, "r.txt")
    started = time.monotonic()
    run = run_govlint("--no-cache", "--jobs", "1", "--format", "json", tmp_path, timeout=60)
    assert time.monotonic() - started < 30
    by_name = {Path(f["path"]).name: [d["code"] for d in f["diagnostics"]] for f in run.json()["files"]}
    assert "A001" not in by_name["r.txt"] and "A001" in by_name["r00.txt"]


def test_globs_told_apart_between_their_wildcards_are_indexed_too(monkeypatch):
    """`**/name*.txt` and `*/2023/*.txt`: nothing before the first wildcard
    and only ".txt" after the last, so the text between them tells the
    globs apart; 100,000 of them cost a file what 10 do, and only those
    whose text is in the path are compiled (each used to be compiled and
    tried on every file: a minute for the first, 0.4 s for each next one)."""
    import govlint.engine.config as config_module
    from govlint.engine.config import Config

    compiled = []
    real = config_module._compile
    monkeypatch.setattr(config_module, "_compile", lambda pattern: compiled.append(pattern) or real(pattern))
    paths = [f"/r/any/where/draft{n}_v2.txt" for n in range(0, 100000, 997)] + ["/r/x/2023/a.txt", "/r/z.txt"]
    timings = {}
    for count in (10, 100000):
        globs = {f"**/draft{n}_*.txt": ["P005"] for n in range(count)}
        globs["*/2023/*.txt"] = ["A001"]
        config = Config(root="/r", per_file_ignores=globs)
        config.ignores_for(paths[-1])              # builds the index
        compiled.clear()
        started = time.perf_counter()
        found = [config.ignores_for(path) for path in paths]
        timings[count] = (time.perf_counter() - started) / len(paths)
        assert len(compiled) <= 2 * len(paths)
        assert found[-2:] == [["A001"], []]
        if count == 100000:
            assert all(codes == ["P005"] for codes in found[:-2])
    assert timings[100000] < max(20 * timings[10], 0.002), timings
