"""`govlint clean` removes what govlint wrote in its cache directory, and
nothing else there."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import CORPUS


def _govlint(*args, cache):
    env = {**os.environ, "GOVLINT_CACHE_DIR": str(cache), "GOVLINT_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_clean_removes_results_identities_and_patterns_but_not_other_files(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "notes.txt").write_text("not govlint's", encoding="utf-8")
    (cache / "photos").mkdir()
    (cache / "photos" / "a.jpg").write_bytes(b"\xff\xd8")
    folder = tmp_path / "reports"
    folder.mkdir()
    for number, report in enumerate(sorted(CORPUS.glob("*.txt"))[:2]):
        (folder / f"r{number}.txt").write_bytes(report.read_bytes())
    first = _govlint("--format", "json", str(folder), cache=cache)
    assert first.returncode == 1, first.stderr
    written = sorted(p.name for p in cache.iterdir())
    assert "patterns" in written and any(name.isdigit() for name in written)

    done = _govlint("clean", cache=cache)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert done.stdout.startswith(f"已从 {cache} 删除 ") and "个缓存文件" in done.stdout
    assert sorted(p.name for p in cache.iterdir()) == ["notes.txt", "photos"]
    assert (cache / "photos" / "a.jpg").read_bytes() == b"\xff\xd8"

    again = _govlint("clean", cache=cache)
    assert again.returncode == 0 and again.stdout.strip() == f"{cache} 中没有可删除的缓存"
    # the next run fills it again, with the same findings
    assert _govlint("--format", "json", str(folder), cache=cache).stdout == first.stdout


def test_clean_of_a_missing_cache_directory_says_so(tmp_path):
    done = _govlint("clean", "--lang", "en", cache=tmp_path / "never")
    assert done.returncode == 0 and done.stdout.strip() == f"no cache to remove in {tmp_path / 'never'}"
    assert not (tmp_path / "never").exists()


def test_a_cache_directory_removed_during_a_run_is_made_again(tmp_path):
    """Writers remember the directories they made (a mkdir per entry was a
    measurable part of a cold run); one removed meanwhile (govlint clean
    from another shell) is made again, and the entry is written."""
    import shutil

    from govlint.cachedir import read_data, write_data

    entry = tmp_path / "cache" / "2" / "index" / "ab" / "entry.marshal"
    assert write_data(str(entry), {"entry": 1})
    shutil.rmtree(tmp_path / "cache")
    assert write_data(str(entry), {"entry": 2})
    assert read_data(str(entry)) == {"entry": 2}
    assert [p.name for p in entry.parent.iterdir()] == ["entry.marshal"]     # no temporary file left
