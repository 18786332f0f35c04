"""Pairing reports with last year's report of the same agency (govlint/engine/pairing.py)."""
from __future__ import annotations

import pytest

from govlint.engine.pairing import Identity, identify_path, pair, pair_paths, same_agency

from conftest import CORPUS


@pytest.mark.parametrize("first,second", [
    ("海阳市卫生健康局", "海阳市卫生健康局"),
    ("海阳市卫生健康局", "海阳市 卫生健康局"),          # spaces are folded away
    ("海阳市卫生健康局", "海阳市卫生和健康局"),          # one stray character
    ("海阳市人力资源和社会保障局", "海阳市人力资源与社会保障局"),
    # the real PDFs of one district government: its 2023 title leaves out the city
    ("洪泽区人民政府", "淮安市洪泽区人民政府"),
    ("榆阳区卫生健康局", "榆林市榆阳区卫生健康局"),
])
def test_same_agency(first, second):
    assert same_agency(first, second) and same_agency(second, first)


@pytest.mark.parametrize("first,second", [
    ("海阳市卫生健康局", "莱阳市卫生健康局"),            # 87.5: neighbouring cities
    ("海阳市人力资源和社会保障局", "莱阳市人力资源和社会保障局"),   # 92.3, but another place
    ("榆林市榆阳区卫生健康局", "榆林市横山区卫生健康局"),
    ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府"),    # one district name in two cities
    ("神木市卫生健康局", "海阳市卫生健康局"),
    ("海阳市卫生健康局", None),
    (None, None),
])
def test_different_agencies(first, second):
    assert not same_agency(first, second)


def test_pair_needs_consecutive_years_and_a_single_candidate():
    ids = [Identity("a", "海阳市卫生健康局", 2023), Identity("b", "海阳市卫生健康局", 2024),
           Identity("c", "莱阳市卫生健康局", 2023), Identity("d", "莱阳市卫生健康局", 2025),
           Identity("e", "前进区卫生健康局", 2022), Identity("f", "前进区卫生健康局", 2023),
           Identity("g", "前进区卫生健康局", 2023), Identity("h", "前进区卫生健康局", 2024),
           Identity("i", "神木市卫生健康局", None), Identity("j", None, 2024), None]
    # b ← a; d has no 2024 report; f and g both have e (one each); h has two 2023 reports: none
    assert pair(ids) == {"b": "a", "f": "e", "g": "e"}


def test_the_real_pdfs_of_one_government_pair_though_one_title_adds_the_city():
    from pathlib import Path

    real = Path(__file__).resolve().parent / "data" / "real-formats"
    first, second = str(real / "001.pdf"), str(real / "002.pdf")
    assert (identify_path(first).agency, identify_path(second).agency) == ("洪泽区人民政府", "淮安市洪泽区人民政府")
    assert pair_paths([first, second]) == {second: first}


def test_pair_paths_reads_titles(tmp_path):
    text = (CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "y.txt").write_text(text.replace("2023", "2024"), encoding="gb18030")
    (tmp_path / "z.txt").write_bytes(b"")
    paths = sorted(str(p) for p in tmp_path.iterdir())
    assert identify_path(paths[0]) == Identity(paths[0], "海阳市卫生健康局", 2023)
    assert identify_path(paths[2]) is None
    assert pair_paths(paths) == {paths[1]: paths[0]}
    assert pair_paths(paths[1:2]) == {}


def test_corpus_has_no_pairs():
    assert pair_paths(sorted(str(p) for p in CORPUS.glob("*.txt"))) == {}


def test_year_comes_from_the_body_when_the_title_lacks_it():
    from pathlib import Path

    from govlint.model.document import Document
    from govlint.engine.pairing import identify
    from govlint.model.report import parse_report

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    text = (corpus / "000_9bdf9f4d497d5703.txt").read_text(encoding="utf-8")
    identity = identify(parse_report(Document("000", text)), "000")
    assert (identity.agency, identity.year) == ("神木市卫生健康局", 2024)


def test_library_api_forwards_previous(tmp_path):
    import govlint
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    this_year = (corpus / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")
    last_year = this_year.replace("2023 年", "2022 年").replace("2023年", "2022年")
    # the 2023 report's text copied from 2022: recycled
    result = govlint.lint_text(this_year, "003.txt", previous=last_year)
    assert "X003" in {d.code for d in result.diagnostics}
    assert "X003" not in {d.code for d in govlint.lint_text(this_year, "003.txt").diagnostics}


def test_pairing_by_place_groups_finds_what_comparing_all_pairs_finds():
    """pair() compares a report only with last year's reports of its own
    place (or of none); on a folder of many agencies that must give exactly
    the pairs a comparison of every report with every other gives."""
    import random

    from rapidfuzz import fuzz

    from govlint.engine.pairing import AGENCY_SIMILARITY

    rng = random.Random(7)
    places = ["神木市", "海阳市", "莱阳市", "榆阳区", "榆林市榆阳区", "横山区", "北京市朝阳区", ""]
    offices = ["卫生健康局", "卫健局", "卫生和健康局", "人力资源和社会保障局", "教育局", "财政局", "民政局"]
    identities = [Identity(f"/r/{i}.txt", rng.choice(places) + rng.choice(offices) if rng.random() > 0.05 else None,
                           rng.randint(2019, 2025)) for i in range(1500)]
    identities += [Identity(f"/s/{i}.txt", rng.choice(places) + f"第{i % 40}事务中心", 2019 + i % 7) for i in range(300)]

    expected = {}
    for item in identities:
        if not item.agency_key or not item.year:
            continue
        found = [e for e in identities if e.year == item.year - 1 and e.agency_key
                 and fuzz.ratio(item.agency_key, e.agency_key) >= AGENCY_SIMILARITY
                 and same_agency(item.agency, e.agency)]
        if len(found) == 1:
            expected[item.path] = found[0].path
    assert expected      # the folder does hold pairs
    assert pair(identities) == expected


def test_identities_are_kept_between_runs_and_read_again_when_a_file_changes(tmp_path, monkeypatch):
    """With the cache on, a rerun reads no unchanged file's head (its
    identity comes from the cache directory); a changed file is read again,
    and a damaged cache file only means reading every file again."""
    import os

    from govlint.engine import pairing

    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    text = (CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "x.txt").write_text(text, encoding="utf-8")
    (folder / "y.txt").write_text(text.replace("2023", "2024"), encoding="utf-8")
    paths = sorted(str(p) for p in folder.iterdir())
    for path in paths:                  # written long enough ago to be kept (KnownIdentities.RACY)
        os.utime(path, ns=(1_700_000_000 * 10 ** 9, 1_700_000_000 * 10 ** 9))
    monkeypatch.setattr(pairing.KnownIdentities, "RACY", 0.0)
    read = []
    original = pairing.identify_path

    def counting(path, encoding=None):
        read.append(path)
        return original(path, encoding)

    monkeypatch.setattr(pairing, "identify_path", counting)
    assert pair_paths(paths, cache=True) == {paths[1]: paths[0]}
    assert read == paths
    read.clear()
    assert pair_paths(paths, cache=True) == {paths[1]: paths[0]}
    assert read == []                   # both identities from the cache
    (folder / "y.txt").write_text(text.replace("2023", "2025"), encoding="utf-8")
    assert pair_paths(paths, cache=True) == {}      # 2025 after 2023: no pair
    assert read == [paths[1]]
    read.clear()
    store = next((tmp_path / "cache" / "identities").iterdir())
    store.write_bytes(store.read_bytes()[:-7])
    assert pair_paths(paths, cache=True) == {}
    assert sorted(read) == paths        # a damaged cache file: every head read again
    read.clear()
    assert pair_paths(paths) == {} and read == paths    # without the cache: read every time


def test_the_pre_pass_reads_the_identity_a_whole_report_gives_in_every_layout(tmp_path):
    """The pre-pass reads only the head, through section 一 (and skips the
    search for headings inside lines once sections 一 and 二 have lines of
    their own): the agency and year it finds are those of the whole
    report's parse, for the corpus and the openings in every layout."""
    from layouts import VARIANTS

    from govlint.engine.pairing import identify
    from govlint.model.document import Document
    from govlint.model.report import parse_report

    reports = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "openings").glob("*.txt"))
    checked = 0
    for report in reports:
        text = report.read_text(encoding="utf-8")
        for name, layout in [("lines", lambda t: t), *VARIANTS.items()]:
            path = tmp_path / f"{report.stem}-{name}.txt"
            path.write_text(layout(text), encoding="utf-8")
            whole = identify(parse_report(Document(str(path), layout(text))), str(path))
            assert identify_path(str(path)) == whole, (report.name, name)
            checked += whole.agency is not None and whole.year is not None
    assert checked > 60
