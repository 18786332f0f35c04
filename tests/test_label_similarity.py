"""The similarity fallback of table labels (model/tables.py Labels._similar)
leaves out, before calling rapidfuzz, the labels that cannot reach the
cutoff; what it finds must be exactly what comparing with every label finds."""
from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from govlint.model import tables
from govlint.model.tables import SIMILAR, SIMILAR_MARGIN, _NUMBERING, _PROSE, MIN_SIMILAR


def _reference(labels, folded):
    """_similar as written before the bound: extract over every label."""
    if len(folded) < MIN_SIMILAR or _PROSE.search(folded):
        return None
    if any(len(form) >= 4 and form in folded for form in labels.exact):
        return None
    found = process.extract(folded, list(labels.exact), scorer=fuzz.ratio, limit=2, score_cutoff=SIMILAR)
    if not found or (len(found) == 2 and found[1][1] > found[0][1] - SIMILAR_MARGIN):
        return None
    form = found[0][0]
    if _NUMBERING.match(folded) and (not _NUMBERING.match(form)
                                     or _NUMBERING.match(folded).group() != _NUMBERING.match(form).group()):
        return None
    hit = labels.exact[form]
    return hit if hit[0] != "header" else None


def _misread(form, rng):
    chars = list(form)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(chars))
        action = rng.random()
        if action < 0.4:
            chars[at] = rng.choice("止公开申请政府信息处理其他行政法律的")
        elif action < 0.7 and len(chars) > 2:
            del chars[at]
        else:
            chars.insert(at, rng.choice("一二三四五六七八九十、.年度本"))
    return "".join(chars)


def test_the_bound_changes_no_match():
    rng = random.Random(17)
    sets = [*tables._t2_labels("2021"), *tables._t3_labels("2021"), tables._t4_labels("2021"),
            *tables._t3_labels("2019")]
    compared = found = 0
    for labels in sets:
        forms = [form for form in labels.exact if len(form) >= 6]
        for form in forms:
            for _ in range(6):
                text = _misread(form, rng)
                expected = _reference(labels, text)
                assert labels._similar(text) == expected, text
                compared += 1
                found += expected is not None
    assert compared > 500 and found > 50        # both outcomes were exercised
