"""Pair each report with last year's report of the same agency.

When the files linted in one run (a directory, or several paths) hold two
reports of the same agency for consecutive years, the later one is linted
with the earlier one as report.previous, so that the cross-year rules
(govlint/rules/cross_year.py) can compare them. The agency and the year come from
the title (report.title.agency); the year from the title, or from the
body when the title lacks it; a report without an agency is never paired.
A name is compared from its lowest place on, so a title that adds or drops
the city (淮安市洪泽区人民政府 / 洪泽区人民政府) still pairs; two names that
both give the places above and differ there never do.

The pre-pass reads only titles: decoding and parse_report (the tables are
read lazily, so they are not read here). It changes nothing else: files keep
their order, and a file without a pair is linted exactly as before.
"""
import os
from functools import lru_cache
from typing import NamedTuple

from govlint.model.agency import parse_agency
from govlint.patterns import lazy
from govlint.model.text import fold

# Two agency names (folded: no spaces, full/half width unified) are the same
# agency when fuzz.ratio ≥ AGENCY_SIMILARITY and their leading place names
# agree. The number comes from real names:
# - one character substituted in the usual 8-character name is a different
#   agency: 海阳市卫生健康局 / 莱阳市卫生健康局 (neighbouring county-level
#   cities) score 87.5;
# - a real abbreviation of the same agency, 榆阳区卫健局 for
#   榆阳区卫生健康局 (corpus/004 writes both), scores 85.7.
# No threshold tells those two apart, and pairing two different agencies
# makes X001 report errors that are not there, while a missed pair only
# loses a check; so the threshold sits above both. At 90 a stray, missing or
# OCR-garbled character still pairs (海阳市卫生健康局 / 海阳市卫生和健康局:
# 94.1), and different agencies of one sector score far lower (神木市 /
# 海阳市卫生健康局: 75.0; 榆林市榆阳区 / 榆林市横山区卫生健康局: 81.8).
AGENCY_SIMILARITY = 90

# In long names one substituted character scores above 90
# (海阳市人力资源和社会保障局 / 莱阳市…: 92.3), and it is nearly always the
# place name that differs; so the names up to the first administrative
# level (省, 市, 县, 区 …) must be equal when both have one.
_PLACE = lazy(r"^.*?[省市县区旗盟州镇乡]")


class Identity(NamedTuple):
    """Who published a report, and for which year."""

    path: str
    agency: str | None
    year: int | None

    @property
    def agency_key(self) -> str:
        return agency_key(self.agency)

    @property
    def outer_places(self) -> str:
        return _split(self.agency)[0]


def agency_key(agency: str | None) -> str:
    """The name from its lowest place on: 淮安市洪泽区人民政府 and
    洪泽区人民政府 are one government, named with or without its city."""
    return _split(agency)[1]


@lru_cache(maxsize=4096)
def _split(agency: str | None) -> tuple[str, str]:
    """(the places above the lowest one, the name from the lowest place on),
    folded."""
    text = fold(agency or "")
    name = parse_agency(agency) if agency else None
    if name is None or len(name.places) < 2 or name.generic:
        return "", text
    outer = "".join(key + suffix for key, suffix in name.places[:-1])
    if not text.startswith(outer):
        return "", text             # a place written another way (高新技术产业开发区 / 高新区)
    return outer, text[len(outer):]


def same_agency(first: str | None, second: str | None) -> bool:
    return _same_outer(_split(first)[0], _split(second)[0]) and _same_keys(agency_key(first), agency_key(second))


def _same_outer(a: str, b: str) -> bool:
    """The places above the lowest agree, or one name leaves them out: 南京市
    鼓楼区 and 福州市鼓楼区 are two districts, 洪泽区 is 淮安市洪泽区."""
    return not a or not b or a == b


def _same_keys(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    place_a, place_b = _PLACE.match(a), _PLACE.match(b)
    if place_a and place_b and place_a.group() != place_b.group():
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= AGENCY_SIMILARITY


def identify(report, path: str) -> Identity:
    """Agency from the title; year from the title, else from the body
    (statistical period, "2024年度，我局…"), as periods.py reads it."""
    title = report.title
    year = title.year if title and title.year else report.periods.year
    return Identity(path, title.agency if title else None, year)


IDENTITY_CHARS = 6000


def identify_path(path: str, encoding: str | None = None) -> Identity | None:
    """The title's agency and year of the report at path; None when the file
    cannot be read (linting it reports why)."""
    from govlint.model.document import Document
    from govlint.reading import format_of, read_document
    from govlint.model.report import parse_report
    from govlint.reading.source import decode, read_path

    try:
        data = read_path(path)
        # Plain text is decoded as read_document decodes it, without the
        # Document of the whole text, of which only the head is read.
        if format_of(data, path) == "text":
            text = decode(data, path, encoding).text
        else:
            text = read_document(data, path, encoding, head=True).text
        # The title, the statistical period and 一、总体情况's opening sentences
        # sit at the top; reading the head keeps the pre-pass cheap.
        head = text[:IDENTITY_CHARS]
        return identify(parse_report(Document(path, head[: head.rfind("\n") + 1] or head), through=1), path)
    except Exception:  # the pre-pass never fails a run; linting the file reports its problems
        return None


def pair(identities) -> dict[str, str]:
    """path → path of the previous year's report of the same agency, for
    each report that has exactly one such report among identities."""
    known: dict[str, Identity] = {}
    for item in identities:
        if item is not None and item.agency_key and item.year:
            known.setdefault(item.path, item)
    # Reports are grouped by year and leading place name: a report is only
    # compared with last year's reports of its own place, or of none (the
    # place guard of same_agency rejects the others anyway). This keeps a
    # folder of many agencies from being compared all against all.
    places = {path: _place(item.agency_key) for path, item in known.items()}
    groups: dict[tuple, list[Identity]] = {}
    for item in known.values():
        groups.setdefault((item.year, places[item.path]), []).append(item)
    years: dict[int, list[Identity]] = {}
    for (year, _), items in groups.items():
        years.setdefault(year, []).extend(items)
    pools: dict[tuple, tuple[list[Identity], list[str]]] = {}
    pairs = {}
    for item in known.values():
        place = places[item.path]
        wanted = (item.year - 1, place)
        if wanted not in pools:
            earlier = (years.get(item.year - 1, []) if place is None
                       else groups.get(wanted, []) + groups.get((item.year - 1, None), []))
            pools[wanted] = earlier, [e.agency_key for e in earlier]
        earlier, keys = pools[wanted]
        if not earlier:
            continue
        # rapidfuzz's process.extract narrows the candidates in C; the
        # place-name guard then decides (same_agency).
        from rapidfuzz import fuzz, process

        key = item.agency_key
        hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=AGENCY_SIMILARITY, limit=None)
        candidates = []
        for _, _, index in hits:
            if _same_keys(key, keys[index]) and _same_outer(item.outer_places, earlier[index].outer_places):
                candidates.append(earlier[index])
                if len(candidates) > 1:
                    break           # two candidates: no pair, whatever the others are
        if len(candidates) == 1:
            pairs[item.path] = candidates[0].path
    return pairs


def _place(key: str) -> str | None:
    found = _PLACE.match(key)
    return found.group() if found else None


def pair_paths(paths, encoding: str | None = None, processes: int = 1, cache: bool = False) -> dict[str, str]:
    """Pairs among the files at paths (reads each file's head, in parallel
    processes for many files). cache: keep each file's identity in the
    cache directory, and read it back for a file that has not changed."""
    paths = list(dict.fromkeys(paths))
    if len(paths) < 2:
        return {}
    from functools import partial

    from govlint.engine.batch import map_ordered

    identify_one = partial(identify_path, encoding=encoding)
    if not cache:
        return pair(map_ordered(identify_one, paths, processes))
    known = KnownIdentities(encoding)
    found = {path: known.get(path) for path in paths}
    missing = [path for path, item in found.items() if item is None]
    for path, item in zip(missing, map_ordered(identify_one, missing, processes)):
        found[path] = item
        known.add(path, item)
    known.save()
    return known.pairs([found[path] for path in paths])


class KnownIdentities:
    """The identities found in earlier runs, by path; an entry counts only
    while the file's size, modification and change times and inode are
    those it was read with. A file changed within RACY seconds of being
    read is not kept: a change in the same clock tick would go unseen.
    One data file (cachedir.read_data) per govlint version, source state
    of the rules and engine (engine.cache) and --encoding."""

    RACY = 2.0
    LIMIT = 200_000         # entries kept: a run's own, and earlier ones up to this

    def __init__(self, encoding: str | None):
        import hashlib
        import time

        from govlint import __version__
        from govlint.cachedir import cache_dir, read_data
        from govlint.engine.cache import FORMAT, _packs

        tag = hashlib.sha256(f"{FORMAT}\0{__version__}\0{_packs()}\0{encoding or ''}".encode(
            "utf-8", "surrogatepass")).hexdigest()[:24]
        self.tag = tag
        self.file = os.path.join(cache_dir(), "identities", f"{tag}.marshal")
        self.entries = read_data(self.file)
        self.stamps: dict[str, tuple] = {}
        self.added: dict[str, tuple] = {}
        self.now = time.time_ns()

    def get(self, path: str) -> Identity | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        entry = self.entries.get(path)
        if isinstance(entry, tuple) and len(entry) == 6 and entry[:4] == stamp:
            return Identity(path, entry[4], entry[5])
        self.stamps[path] = stamp
        return None

    def add(self, path: str, item: Identity | None) -> None:
        stamp = self.stamps.get(path)
        if item is None or stamp is None or self.now - max(stamp[1], stamp[2]) < self.RACY * 1e9:
            return
        self.added[path] = (*stamp, item.agency, item.year)

    def pairs(self, identities: list) -> dict[str, str]:
        """pair(identities), kept in the cache directory under a digest of
        the identities: a rerun over the same folder of unchanged reports
        finds the same pairs without comparing any names (a tenth of a
        second for ten thousand reports)."""
        import hashlib
        import marshal

        from govlint.cachedir import read_data, write_data

        listed = [tuple(item) if item is not None else None for item in identities]
        try:
            digest = hashlib.sha256(marshal.dumps(listed)).hexdigest()[:32]
        except ValueError:
            return pair(identities)
        file = os.path.join(os.path.dirname(os.path.dirname(self.file)), "pairs", f"{self.tag}-{digest}.marshal")
        kept = read_data(file).get("pairs")
        if isinstance(kept, dict):
            return kept
        found = pair(identities)
        write_data(file, {"pairs": found})
        return found

    def save(self) -> None:
        if not self.added:
            return
        from govlint.cachedir import read_data, write_data

        entries = read_data(self.file)
        if len(entries) + len(self.added) > self.LIMIT:
            entries = {}
        entries.update(self.added)
        write_data(self.file, entries)
