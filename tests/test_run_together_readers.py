"""The fast readers of run-together text find what the plain ones find.

A crawled report is one line of a few thousand characters; the readers
that look inside lines avoid trying a pattern at every character of it
(web-residue's sentence-by-sentence search, the inline-heading numbering
found with the standard library's re, fold_map's shortcut for normalized
text). Each is compared here with the plain reading it replaces, on every
corpus report in every layout and on the run-together pages of the
real openings.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from govlint.model import headings, text as fold_text
from govlint.rules import placeholder, web_residue
from layouts import VARIANTS

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("corpus/openings/*.txt"))


def _layouts():
    for path in TEXTS:
        original = path.read_text(encoding="utf-8")
        yield path.name, original
        for name, layout in VARIANTS.items():
            yield f"{path.name} {name}", layout(original)


@pytest.fixture(scope="module")
def texts():
    return dict(_layouts())


def test_web_residue_finds_every_token_of_a_long_line(texts, monkeypatch):
    # Every line through the sentence-by-sentence search, long or not.
    monkeypatch.setattr(web_residue, "MAX_LINE", 0)
    checked = 0
    for name, text in texts.items():
        for line in text.split("\n"):
            whole = [(m.lastgroup, m.start(), m.end()) for m in web_residue.TOKEN.finditer(line)]
            assert web_residue._tokens(line) == whole, name
            checked += len(whole)
    assert checked > 100


def test_web_residue_chrome_inside_a_collapsed_page():
    # A run-together page: the chrome words stand in two sentences of one line.
    line = ("各科室：现将我局2023年政府信息公开工作年度报告公布如下。【打印本页】 【关闭窗口】"
            "一、总体情况2023年，我局认真贯彻落实条例。扫一扫在手机打开当前页")
    assert [(kind, line[a:b]) for kind, a, b in web_residue._tokens(line)] == [
        ("strong", "【打印本页】"), ("strong", "【关闭窗口】"), ("strong", "扫一扫在手机打开当前页")]


# The numbering token as one regex-module pattern, the reading
# headings._numbered replaces. An arabic one only before what can start a
# wording (Markdown markers and spaces, then a form's or a year's first
# character): the cheap test of _may_be_wording, which every other fails.
_PLAIN_NUMBERING = regex.compile(
    r"""(?P<md>(?:\#{1,6}|\*\*|__)[ \t\u3000]*)?
    (?:
        第(?P<part>[一二三四五六])(?:部分|章|节)[ \t\u3000]*[、，,.．:：]?
      | (?P<zh>[一二三四五六])[ \t\u3000]*(?:[、，,.．:：]|[ \u3000](?=[^ \u3000\d]))
      | (?P<ar>[1-6１-６])[ \t\u3000]*[、.．](?![0-9０-９])[ \t\u3000]*(?=[ \t\u3000*_\#]*[HEADS])
    )[ \t\u3000]*""".replace("HEADS", "".join(sorted(headings._form_heads()))),
    regex.VERBOSE,
)


def test_inline_numbering_tokens_are_those_of_the_plain_pattern(texts):
    for name, text in texts.items():
        for start in (0, len(text) // 3):
            plain = [(m.start(), m.start() + len(m.group("md") or ""), m.end())
                     for m in _PLAIN_NUMBERING.finditer(text, start)]
            assert list(headings._numbered(text, start, len(text))) == plain, name


@pytest.mark.parametrize("sample", ["## 一、总体情况", "**二、主动公开政府信息情况", "####### 3.收到和处理",
                                    "***四、政府", "__ 第五部分 存在", "一、 二、三、"])
def test_inline_numbering_after_markdown_markers(sample):
    plain = [(m.start(), m.start() + len(m.group("md") or ""), m.end()) for m in _PLAIN_NUMBERING.finditer(sample)]
    assert list(headings._numbered(sample, 0, len(sample))) == plain


def test_unnumbered_headings_are_the_matches_of_the_plain_pattern(texts):
    # The six wordings looked for one by one find what one pattern of them
    # finds: no wording overlaps itself or another.
    wordings = [spec.canonical for spec in headings.section_specs()]
    assert not [(a, b) for a in wordings for b in wordings
                if (a != b and b in a) or any(b.startswith(a[k:]) for k in range(1, len(a)))]
    plain = regex.compile("(?P<wording>" + "|".join(map(regex.escape, wordings)) + r")(?=[ \t\u3000]*[（(][一1][)）])")
    samples = dict(texts, made="。总体情况（一）机构。主动公开政府信息情况 (1)其他需要报告的事项（一）无。其他需要报告的事项（一")
    found = 0
    for name, text in samples.items():
        for start, end in ((0, len(text)), (len(text) // 3, len(text)), (0, len(text) - 2)):
            expected = [(m.start(), m.end()) for m in plain.finditer(text, start, end)
                        if headings._after_sentence(text, m.start(), start)]
            assert [(h.text_start, h.text_end) for h in headings._unnumbered(text, start, end)] == expected, name
            found += len(expected)
    assert found > 5
    made = samples["made"]
    assert [made[h.text_start:h.text_end] for h in headings._unnumbered(made, 0, len(made))] == [
        "总体情况", "主动公开政府信息情况"]


def test_a_metadata_line_without_bars_is_one_cell_after_its_leading_spaces(texts):
    from govlint.model.report import _cells
    checked = 0
    for name, text in texts.items():
        for line in ("  \u3000" + text, *text.split("\n")):
            if "|" in line or "｜" in line:
                continue
            stripped = line.strip()
            assert _cells(line) == ([(line.index(stripped), stripped)] if stripped else []), name
            checked += 1
    assert checked > 1000


def test_a_run_together_metadata_block_is_read_from_the_line_s_first_cells(texts, monkeypatch):
    # A crawled page's pipe rows run into its report and tables: the block
    # is read from the cells before a bar past the first 600 characters,
    # and is the block the whole line's cells give.
    from govlint.model import report as report_module
    text = VARIANTS["collapsed"]((ROOT / "corpus" / "004_0d1ba4bae486ea5e.txt").read_text(encoding="utf-8"))
    assert text.count("|") > 1000
    split = []
    cells = report_module._cells
    monkeypatch.setattr(report_module, "_cells", lambda line: split.append(len(line)) or cells(line))
    first = _report(text)
    assert [f.label for f in first.metadata[:7]] == ["索引号", "主题分类", "发布机构", "发文日期", "效力状态", "文号", "名称"]
    assert split and max(split) < 1000
    monkeypatch.setattr(report_module, "MAX_ROW_HEAD", 10 ** 6)     # no head: the whole line's cells
    whole = _report(text)
    assert (first.metadata, first.metadata_span) == (whole.metadata, whole.metadata_span)
    for name, text in texts.items():
        monkeypatch.setattr(report_module, "MAX_ROW_HEAD", 600)
        head = _report(text)
        monkeypatch.setattr(report_module, "MAX_ROW_HEAD", 10 ** 6)
        assert (head.metadata, head.metadata_span) == (_report(text).metadata, _report(text).metadata_span), name


def test_fold_map_is_the_character_by_character_fold(texts):
    for name, text in texts.items():
        for piece in (text, text[:60], text[100:160]):
            assert fold_text.fold_map(piece, 7) == fold_text._fold_map_slow(piece, 7), name


def test_arabic_numbering_before_no_wording_is_left_in_the_scan(texts):
    # A run-together table's numbered rows ("3. 危及“三安全一稳定”") never
    # reach the wording test; what does reach it is what it found before.
    rows = "其他法律行政法规禁止公开00000003. 危及“三安全一稳定”00000004. 保护第三方合法权益00000005.**总体情况"
    assert [rows[at:after] for _, at, after in headings._numbered(rows, 0, len(rows))] == ["5."]
    checked = 0
    for name, text in texts.items():
        for match in _PLAIN_WITHOUT_HEADS.finditer(text):
            at, after = match.start("ar"), match.end()
            raw = text[after:after + headings.MAX_INLINE_WORDING + 20].split("\n")[0]
            passes = headings._may_be_wording(raw, "arabic", int(text[at].translate(_FULL_DIGITS)))
            assert passes == any(a == at for _, a, _ in headings._numbered(text, at, len(text))), name
            checked += 1
    assert checked > 500


_FULL_DIGITS = str.maketrans("１２３４５６", "123456")
_PLAIN_WITHOUT_HEADS = regex.compile(
    r"(?P<md>(?:\#{1,6}|\*\*|__)[ \t\u3000]*)?(?P<ar>[1-6１-６])[ \t\u3000]*[、.．](?![0-9０-９])[ \t\u3000]*")


def test_fold_chars_and_offsets_are_those_of_fold_map(texts):
    checked = 0
    for name, text in texts.items():
        for start in range(0, len(text), 23):
            piece = text[start:start + 60]
            folded, index = fold_text.fold_map(piece, start)
            assert fold_text.fold_chars(piece) == folded, name
            assert [fold_text.fold_offset(piece, i, start) for i in range(len(folded))] == index, name
            checked += 1
    for piece in ("㈠总 体\u3000情況", "２０２３年度　總體情況（一）", "\u2f00、\uf900 其他"):
        folded, index = fold_text.fold_map(piece, 3)
        assert fold_text.fold_chars(piece) == folded
        assert [fold_text.fold_offset(piece, i, 3) for i in range(len(folded))] == index
    assert checked > 1000


def test_inline_wordings_read_as_written_are_those_of_the_folded_reading(texts, monkeypatch):
    # A window that starts with a form, as written, is a heading's wording
    # without being folded; with no form read so, every window is folded.
    written = {}
    for name, text in texts.items():
        written[name] = [(at, after, headings._inline_wording(text, after, len(text), *headings._numbering(text[at:at + 2])))
                         for _, at, after in headings._numbered(text, 0, len(text))]
        written[name, "all"] = headings.inline_headings(text)
    monkeypatch.setattr(headings, "_plain_forms", lambda: {})
    found = 0
    for name, text in texts.items():
        folded = [(at, after, headings._inline_wording(text, after, len(text), *headings._numbering(text[at:at + 2])))
                  for _, at, after in headings._numbered(text, 0, len(text))]
        assert written[name] == folded, name
        assert written[name, "all"] == headings.inline_headings(text), name
        found += sum(1 for *_, wording in folded if wording)
    assert found > 300


def test_a_collapsed_report_s_exact_headings_are_not_folded(monkeypatch):
    text = VARIANTS["collapsed"](TEXTS[0].read_text(encoding="utf-8"))
    folds = []
    fold_chars = headings.fold_chars
    monkeypatch.setattr(headings, "fold_chars", lambda piece: folds.append(piece) or fold_chars(piece))
    found = headings.inline_headings(text)
    assert [h.number for h in found if h.match == "canonical"] == [1, 2, 3, 4, 5, 6]
    assert not any(piece.startswith(headings.section_specs()[h.number - 1].canonical)
                   for piece in folds for h in found)


# A sentence's years, time words and clause ends are read when a statement
# in it is checked, not when it is cut: a run-together table is one long
# "sentence" holding 申请 / 结转 / 件 but no statement.

def _report(text):
    from govlint.model.document import Document
    from govlint.model.report import parse_report
    return parse_report(Document(path="x.txt", text=text))


def test_sentence_fields_read_on_demand_are_those_of_the_whole_sentence(texts):
    from govlint.model import narrative
    from govlint.model.periods import FUTURE
    checked = 0
    for name, text in texts.items():
        report = _report(text)
        for sentence in narrative._sentences(report):
            piece, start = sentence.text, sentence.start
            years = [(start + m.start(), int(narrative._ascii(m.group("y")))) for m in narrative._YEAR.finditer(piece)]
            assert sentence.years == years and sentence.year_offsets == [o for o, _ in years], name
            other = [start + m.start() for m in narrative._OTHER_TIME.finditer(piece)]
            assert sentence.other_time == (other[0] if other else -1), name
            future = [start + m.start() for m in FUTURE.finditer(piece)]
            assert sentence.future == (future[0] if future else -1), name
            assert sentence.clauses == [start + m.start() for m in narrative._CLAUSE_END.finditer(piece)], name
            assert sentence.inclusive == bool(narrative._INCLUSIVE.search(piece)), name
            checked += 1
    assert checked > 800


def test_a_collapsed_table_sentence_is_not_scanned_for_time_words(monkeypatch):
    from govlint.model import narrative
    text = VARIANTS["collapsed"](TEXTS[0].read_text(encoding="utf-8"))
    made = []
    make = narrative._make_sentence
    monkeypatch.setattr(narrative, "_make_sentence", lambda *args: made.append(make(*args)) or made[-1])
    narrative.read_narrative(_report(text))
    longest = max(made, key=lambda sentence: len(sentence.text))
    assert len(longest.text) > 1000 and "结转" in longest.text and "件" in longest.text
    assert longest._other_time is None and longest._years is None


def test_time_words_still_reject_a_statement_in_a_run_together_line():
    from govlint.model import narrative
    base = "2023年政府信息公开工作年度报告\n一、总体情况\n"
    kept = _report(base + "本年度新收政府信息公开申请5件，均已按时答复。")
    cumulative = _report(base + "本机关累计收到政府信息公开申请5件，均已按时答复。")
    assert [(s.quantity, s.value) for s in narrative.read_narrative(kept).statements] == [("new", 5)]
    assert narrative.read_narrative(cumulative).statements == []


# Where a numbering starts, as the regex module's overlapped search finds it.
_PLAIN_NUMBERING_AT = r"\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,3}[、.]|[1-9][.、]"


def _plain_hits(finder, folded, labels):
    """streams._hits with the labels found by the regex module's overlapped
    search of their alternation, the numbering searched before every label,
    and the places a numbering starts found by an overlapped search."""
    from govlint.model import streams
    from govlint.patterns import compile_pattern, escape
    hits = []
    plain = compile_pattern("|".join(escape(form) for form in streams._forms(labels)))
    for match in plain.finditer(folded, overlapped=True):
        start, end = match.span()
        hits.append((start, end))
        numbering = streams._NUMBERING_BEFORE.search(folded, max(0, start - 5), start)
        if numbering:
            hits.append((numbering.start(), end))
    if hits:
        for match in compile_pattern(_PLAIN_NUMBERING_AT).finditer(folded, overlapped=True):
            end = labels.cut_short(folded, match.start())
            if end > match.start():
                hits.append((match.start(), end))
    return hits


def test_run_together_cells_labels_and_cover_are_those_of_the_plain_reading(texts, monkeypatch):
    # The labels of every run-together cell, with their numbering, as the
    # plain search finds them; and the cover of a collapsed table 三.
    from govlint.model import streams, tables
    monkeypatch.setattr(tables, "READ_MEMO", 0)
    monkeypatch.setattr(tables, "_READ", type(tables._READ)())     # no table read before is reused
    seen = []
    hits = streams._hits
    monkeypatch.setattr(streams, "_hits", lambda *args: seen.append(args) or hits(*args))
    for name, text in texts.items():
        if " " in name:
            tables.read_tables(_report(text))
    assert len(seen) > 50, len(seen)
    numbered = 0
    for finder, folded, labels in seen:
        found = hits(finder, folded, labels)
        assert found == _plain_hits(finder, folded, labels), folded[:40]
        numbered += sum(1 for start, _ in found if folded[start:start + 1] in "(一二三四五六七八九十123456789")
    assert numbered > 100, numbered
    cell = "(一)予以公开0000000(二)部分公开0000000"
    pieces = streams._segment(cell, [(3, 7), (0, 7), (17, 21), (14, 21)])
    assert [(kind, cell[a:b]) for kind, a, b in pieces] == [
        ("label", "(一)予以公开"), ("value", "0000000"), ("label", "(二)部分公开"), ("value", "0000000")]


def test_run_together_cells_covered_by_labels_and_values_alone_are_cut_as_the_full_cover_cuts_them(texts, monkeypatch):
    # The walk over the places pieces start answers for most run-together
    # cells (a whole table 三 or 四 of labels and digits), and answers as
    # the full cover with fragments does; a cell holding words no label
    # explains ("[bookmark:_GoBack]", a misspelt header) is left to the full cover.
    from govlint.model import streams, tables
    monkeypatch.setattr(tables, "READ_MEMO", 0)
    monkeypatch.setattr(tables, "_READ", type(tables._READ)())
    seen = []
    pieces = streams._pieces
    monkeypatch.setattr(streams, "_pieces", lambda folded, hits: seen.append((folded, hits)) or pieces(folded, hits))
    for name, text in texts.items():
        tables.read_tables(_report(text))
    monkeypatch.setattr(streams, "_pieces", pieces)
    walked = left = 0
    for folded, hits in seen:
        places = streams._places(folded, hits)
        full = streams._cover(len(folded), places)
        assert streams._segment(folded, hits) == full, folded[:40]
        if streams._exact_cover(len(folded), places, hits) is None:
            left += 1
            assert any(kind == "fragment" for kind, _, _ in full) or not hits
        else:
            walked += 1
            # what split_runs uses as it is: what _correct would make of it
            assert pieces(folded, hits) == (full, True)
            assert streams._correct(full, folded, None) == full
    assert walked >= 10 and left >= 10, (walked, left)
    cell = "(一)予以公开0000000[bookmark:_GoBack](二)部分公开0000000"
    hits = [(3, 7), (0, 7), (35, 39), (32, 39)]
    assert streams._exact_cover(len(cell), streams._places(cell, hits), hits) is None
    assert [(kind, cell[a:b]) for kind, a, b in streams._segment(cell, hits)] == [
        ("label", "(一)予以公开"), ("value", "0000000"), ("fragment", "[bookmark:_GoBack]"),
        ("label", "(二)部分公开"), ("value", "0000000")]


def test_carried_out_statements_are_searched_with_the_first_form_alone_where_the_second_cannot_stand(texts):
    # A sentence without "件…结转/顺延/转入" (a run-together table holds
    # 结转 in its headers and digits in every row) is searched with the
    # pattern's first form alone, which finds what the whole pattern finds.
    from govlint.model import narrative
    alone = 0
    for name, text in texts.items():
        report = _report(text)
        unwrapped = narrative.unwrapped(report)
        for sentence in narrative._sentences(report):
            s, e = sentence.start, sentence.end
            if narrative._CARRIED_OUT_TAIL.search(unwrapped, s, e):
                continue
            alone += 1
            whole = [(m.span(), m.group("n"), m.group("n2")) for m in narrative.CARRIED_OUT_RE.finditer(unwrapped, s, e)]
            assert all(n2 is None for _, _, n2 in whole)
            assert [(m.span(), m.group("n"), None) for m in narrative.CARRIED_OUT_FIRST_RE.finditer(unwrapped, s, e)] == whole
    assert alone > 500, alone
    report = _report("2024年度政府信息公开工作年度报告\n一、总体情况\n2024年共收到政府信息公开申请12件，"
                     "办结9件，3件需结转下年度办理。\n"
                     "2024年度结转下年度继续办理的申请共4件。\n")
    assert [(s.quantity, s.value) for s in narrative.read_narrative(report).statements
            if s.quantity == "carried_out"] == [("carried_out", 3), ("carried_out", 4)]


def test_count_patterns_are_not_tried_on_sentences_without_a_count(texts, monkeypatch):
    # Most sentences hold no number followed by a unit, and a run-together
    # table's digits are followed by labels: the statements, shares and
    # totals read with the count patterns skipped there are those read with
    # every pattern tried on every sentence.
    import re

    from govlint.model import narrative

    def read(report):
        found = narrative.read_narrative(report)
        return [list(map(repr, part)) for part in (found.statements, found.shares, found.totals, found.upheld)]

    skipped = sentences = read_items = 0
    for name, text in texts.items():
        report = _report(text)
        unwrapped = narrative.unwrapped(report)
        for sentence in narrative._sentences(report):
            sentences += 1
            skipped += narrative._COUNT.search(unwrapped, sentence.start, sentence.end) is None
        fast = read(report)
        with monkeypatch.context() as patched:
            patched.setattr(narrative, "_COUNT", re.compile(""))      # every sentence holds "a count"
            assert read(report) == fast, name
        read_items += sum(map(len, fast))
    assert skipped > sentences // 2 and read_items > 150, (skipped, sentences, read_items)


def _plain_cells(line):
    """report._cells as a split on the bars reads them, piece by piece."""
    if "|" not in line and "｜" not in line:
        stripped = line.strip()
        return [(line.index(stripped), stripped)] if stripped else []
    cells, start = [], 0
    for piece in line.replace("｜", "|").split("|"):
        if piece.strip():
            cells.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start += len(piece) + 1
    return cells


def test_metadata_cells_are_those_of_a_split_on_the_bars(texts):
    # A run-together page's pipe rows are one line of a thousand bars; its
    # cells are found by one search, as the split finds them.
    from govlint.model import report
    longest = 0
    for name, text in texts.items():
        for line in text.split("\n"):
            assert report._cells(line) == _plain_cells(line), line[:40]
            if "|" in line:
                longest = max(longest, line.count("|"))
    assert longest > 1000, longest
    row = "\u3000[ 发布机构 ] |\u2028 榆林市 \x85｜｜ 2021-01-26\t|  | 有 效 |"
    assert report._cells(row) == _plain_cells(row) == [(1, "[ 发布机构 ]"), (13, "榆林市"), (21, "2021-01-26"), (37, "有 效")]


class _Recording:
    """A pattern whose searches are recorded as (string, pos, endpos)."""

    def __init__(self, pattern, calls):
        self.pattern, self.calls = pattern, calls

    def search(self, string, pos=0, endpos=None):
        self.calls.append((string, pos, len(string) if endpos is None else endpos))
        return self.pattern.search(string, pos, len(string) if endpos is None else endpos)

    def finditer(self, string, pos=0, endpos=None):
        self.calls.append((string, pos, len(string) if endpos is None else endpos))
        return self.pattern.finditer(string, pos, len(string) if endpos is None else endpos)


def test_web_residue_leaves_a_table_sentence_holding_last_year_alone(monkeypatch):
    # 上一 / 下一 are trigger words for the navigation lines only: a run-together
    # table's "上一年" does not make its sentence searched for chrome.
    table = "收到和处理政府信息公开申请情况本年新收政府信息公开申请数量上年结转政府信息公开申请数量" + "上一年度结转000" * 20
    line = table + "。各科室：现将报告公布如下。【打印本页】【关闭窗口】"
    calls = []
    monkeypatch.setattr(web_residue, "TOKEN", _Recording(web_residue.TOKEN, calls))
    tokens = web_residue._tokens(line)
    assert [line[a:b] for _, a, b in tokens] == ["【打印本页】", "【关闭窗口】"]
    assert [line[pos:end] for _, pos, end in calls] == ["【打印本页】【关闭窗口】", "【关闭窗口】"]


def test_signature_reader_on_a_run_together_report_reads_the_tail_only(monkeypatch):
    from govlint.model import agency
    for path in TEXTS[:5]:
        lined = _report(path.read_text(encoding="utf-8"))
        collapsed = _report(VARIANTS["collapsed"](path.read_text(encoding="utf-8")))
        plain = agency._DATE_TAIL
        calls = []
        monkeypatch.setattr(agency, "_DATE_TAIL", _Recording(plain, calls))
        found = agency.signatures(collapsed)
        assert calls and all(end - pos <= 64 for _, pos, end in calls), path.name
        monkeypatch.setattr(agency, "_DATE_TAIL", plain)
        assert [n.name for n in found] == [n.name for n in agency.signatures(lined)], path.name


def test_signature_line_tests_are_those_of_the_plain_patterns(texts):
    from govlint.model import agency
    from govlint.model.periods import parse_date

    def whole_date(line):
        parsed = parse_date(line)
        return bool(parsed) and parsed[1] == 0 and parsed[2] == len(line)

    checked = 0
    for name, text in texts.items():
        for line in text.split("\n"):
            line = line.strip()
            for start in [*range(0, len(line), 50), *range(max(0, len(line) - 80), len(line))]:
                piece = line[start:].strip()
                tail, plain = agency._date_tail(piece), agency._DATE_TAIL.search(piece)
                assert (tail and tail.span()) == (plain and plain.span()), name
                assert agency._is_date(piece) == whole_date(piece), name
                checked += 1
    assert checked > 10000


def _opens_with_literals(pattern):
    """re's own test for a pattern it can skip through: every alternative
    opens with a literal character (its search then jumps to the characters
    that can start a match instead of trying the pattern at each one)."""
    parser = pytest.importorskip("re._parser")
    compiler = pytest.importorskip("re._compiler")
    return compiler._get_charset_prefix(parser.parse(pattern.pattern), 0) is not None


# The placeholder gate as it was written: a character class first.
_PLAIN_PRECISE = regex.compile(
    "[XxＸｘ×_＿]|填写|请在此|请输入|[【\\[［(（〔<＜][ \t]{0,2}(?:请|此处|在此|" + placeholder._LABELS + ")")


def test_placeholder_gate_skips_to_its_first_characters():
    assert _opens_with_literals(placeholder.PRECISE)
    assert not _opens_with_literals(re.compile(_PLAIN_PRECISE.pattern))


def test_placeholder_gate_finds_what_the_plain_pattern_finds(texts):
    checked = 0
    for name, text in texts.items():
        for line in text.split("\n"):
            for start in range(0, len(line) + 1):
                new, old = placeholder.PRECISE.search(line, start), _PLAIN_PRECISE.search(line, start)
                assert (new and new.span()) == (old and old.span()), name
                checked += bool(old)
    for line in ("（单位名称）", "【 请填写】", "( 此处", "＜在此", "［ \t具体日期", "20XX年", "____", "( \t 请", "（ 名称）"):
        new, old = placeholder.PRECISE.search(line), _PLAIN_PRECISE.search(line)
        assert (new and new.span()) == (old and old.span()), line
    assert checked > 1000


# web-residue's sentence gate as it was written: every word in full, one alternative each.
_PLAIN_ANCHOR = re.compile("|".join(map(re.escape, web_residue._ANCHOR_WORDS)))


def _anchored_sentences(pattern, line):
    """(start, end) of the sentences holding a match, each once, in order."""
    sentences = []
    for match in pattern.finditer(line):
        start = line.rfind("。", 0, match.start()) + 1
        end = line.find("。", match.end())
        sentence = (start, len(line) if end < 0 else end + 1)
        if not sentences or sentences[-1] != sentence:
            sentences.append(sentence)
    return sentences


def _within(windows, sentences):
    """Every sentence searched, and nothing else: each window ends where one
    of the sentences does and starts inside it."""
    ends = {end: start for start, end in sentences}
    return (sorted(set(end for _, end in windows)) == sorted(ends)
            and all(ends[end] <= start <= end for start, end in windows))


def test_web_residue_gate_has_one_alternative_per_first_character():
    parser = pytest.importorskip("re._parser")
    assert _opens_with_literals(web_residue.ANCHOR)
    branch = parser.parse(web_residue.ANCHOR.pattern)[0]
    assert len(branch[1][1]) <= len({word[0] for word in web_residue._ANCHOR_WORDS}) < len(web_residue._ANCHOR_WORDS)


def test_web_residue_searches_the_sentences_holding_a_chrome_word(texts, monkeypatch):
    # The sentences _tokens searches for TOKEN are those holding one of the
    # words in full, on every line and suffix in every layout.
    monkeypatch.setattr(web_residue, "MAX_LINE", -1)
    calls = []
    monkeypatch.setattr(web_residue, "TOKEN", _Recording(web_residue.TOKEN, calls))
    checked = 0
    for name, text in texts.items():
        for line in text.split("\n"):
            for start in range(0, len(line) + 1):
                piece = line[start:]
                calls.clear()
                web_residue._tokens(piece)
                assert _within([(pos, end) for _, pos, end in calls], _anchored_sentences(_PLAIN_ANCHOR, piece)), name
                checked += bool(calls)
    for piece in ("微信朋友圈。设为首页", "关注。新浪微博 腾讯微博。字\u3000号", "［小］。。复制链接QQ空间", "人人网。"):
        calls.clear()
        web_residue._tokens(piece)
        assert _within([(pos, end) for _, pos, end in calls], _anchored_sentences(_PLAIN_ANCHOR, piece)), piece
    assert checked > 1000


def test_web_residue_searches_a_sentence_from_just_before_its_first_chrome_word(monkeypatch):
    # A run-together page: the sentence holding the share bar is searched from
    # a few characters before 微信, the chrome found as by one search of the line.
    line = ("本机关通过政府网站、政务新媒体等渠道主动公开政府信息，"
            "并在政务服务大厅设置查阅点，方便群众查询，欢迎关注我们：请使用微信扫描下方二维码。一、总体情况")
    plain, calls = web_residue.TOKEN, []
    monkeypatch.setattr(web_residue, "MAX_LINE", 0)
    monkeypatch.setattr(web_residue, "TOKEN", _Recording(plain, calls))
    tokens = web_residue._tokens(line)
    assert tokens == [(m.lastgroup, m.start(), m.end()) for m in plain.finditer(line)]
    assert [line[a:b] for _, a, b in tokens] == ["请使用微信扫描下方二维码"]
    assert [line[pos:end] for _, pos, end in calls] == ["们：请使用微信扫描下方二维码。"]


_NUMBERING_NEXT = "(?=[一二三四五六 \\t\\u3000、，,.．:：])"


def test_inline_numbering_rejects_at_its_second_character(texts):
    # Right after its first character the scan asks for what some branch
    # can take next: "一个", "2023", "第十" fail there, before the branches'
    # lookbehinds. Without that lookahead the pattern finds the same tokens
    # at every position of every text and on every pair of characters.
    pattern = headings._inline_numbering()
    assert _NUMBERING_NEXT in pattern.pattern
    plain = re.compile(pattern.pattern.replace(_NUMBERING_NEXT, "", 1))
    for sample in ("一个", "2023", "第十", "三年"):
        assert pattern.match(sample) is None
    seen = set("".join(texts.values())) | set(" \t\u3000\n、，,.．:：#*_")
    for first in "第一二三四五六123456１２３４５６":
        for second in seen:
            for third in ("", "部", "总", "a", " ", "2"):
                sample = first + second + third
                assert [m.span() for m in plain.finditer(sample)] == [m.span() for m in pattern.finditer(sample)], sample
    for name, text in texts.items():
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in pattern.finditer(text)], name


def test_metadata_asks_each_cell_of_a_run_together_page_once(monkeypatch):
    # Opening 025 run together: its report and tables are one line, with no
    # label among its cells and a bar past column 600. The cells of the line's head (the cells
    # before column 600) are not asked again for the whole line, and a long
    # cell is never folded and matched.
    from govlint.model import report as report_module
    from govlint.model.document import Document

    path = ROOT / "corpus" / "openings" / "025.txt"
    text = VARIANTS["collapsed"](path.read_text(encoding="utf-8"))
    asked = []
    label = report_module._short_label
    monkeypatch.setattr(report_module, "_short_label", lambda cell: asked.append(cell) or label(cell))
    parsed = report_module.parse_report(Document(path=str(path), text=text))
    assert parsed.metadata_span is None or parsed.metadata_span.end == 0
    assert len(asked) > 30
    assert len(asked) == len(set(asked))
    assert all(len(cell) <= report_module.MAX_LABEL_CELL for cell in asked)


def _plain_title_begin(text, start, match):
    """Where a title ending with match begins, stepping back one character
    at a time (the reading _title_begin replaces)."""
    from govlint.model import report

    begin = match.start()
    while begin > start and match.end() - begin < report.MAX_TITLE:
        if report._TITLE_START.match(text, begin - 1) and not report._year_space(text, begin - 1):
            break
        begin -= 1
    return begin


def test_a_title_s_start_searched_backwards_is_the_one_stepped_back_to(texts):
    from govlint.model import report

    seen = 0
    samples = [*texts.values(), "发布时间: 2024-01-29 标题：XX区农业农村局2023 年政府信息公开工作年度报告",
               "2023 年度信息公开报告", "一" * 80 + "政府信息公开工作年度报告（2023年度）"]
    for text in samples:
        for match in report._TITLE_END.finditer(text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            for start in {0, line_start, max(0, match.start() - 20), match.start()}:
                assert report._title_begin(text, start, match) == _plain_title_begin(text, start, match)
                seen += 1
    assert seen > 100


def _plain_cut_short(labels, folded, start):
    """Labels.cut_short reading the numbering of every place whose first
    characters begin a numbered label, full labels included."""
    from govlint.model import tables
    if folded[start:start + tables.MIN_PREFIX] not in labels._heads:
        return start
    numbering = tables._NUMBERING.match(folded[start:start + 8])
    if not numbering:
        return start
    forms = labels._numbered.get(numbering.group(), ())
    for form, _ in forms:
        if folded.startswith(form, start):
            return start
    best, hits = 0, set()
    for form, hit in forms:
        shared = tables._shared_prefix(form, folded, start)
        if shared > best:
            best, hits = shared, {hit}
        elif shared == best:
            hits.add(hit)
    if best < max(tables.MIN_PREFIX, numbering.end() + 2) or len(hits) != 1:
        return start
    return start + best


def test_numbered_labels_written_in_full_are_told_without_reading_their_numbering(texts, monkeypatch):
    # In a run-together table 三 most numbered rows stand whole
    # ("(三)不予公开1.属于国家秘密…"): one startswith tells them; every place of
    # every run-together cell of the real inputs reads as the plain reading does.
    from govlint.model import streams, tables
    monkeypatch.setattr(tables, "READ_MEMO", 0)
    monkeypatch.setattr(tables, "_READ", type(tables._READ)())
    seen = []
    hits = streams._hits
    monkeypatch.setattr(streams, "_hits", lambda *args: seen.append(args) or hits(*args))
    for name, text in texts.items():
        tables.read_tables(_report(text))
    read = []
    numbering = tables._NUMBERING

    class Counted:
        def match(self, text):
            read.append(text)
            return numbering.match(text)

    compared = whole = 0
    for _, folded, labels in seen:
        for at in streams._NUMBERING_AT.finditer(folded):
            start = at.start()
            monkeypatch.setattr(tables, "_NUMBERING", Counted())
            before = len(read)
            found = labels.cut_short(folded, start)
            monkeypatch.setattr(tables, "_NUMBERING", numbering)
            assert found == _plain_cut_short(labels, folded, start), folded[start:start + 12]
            compared += 1
            if any(folded.startswith(form, start) for form in labels.exact
                   if len(form) >= tables.MIN_PREFIX and tables._NUMBERING.match(form)
                   and not form.startswith("第") and labels.exact[form][0] != "header"):
                whole += 1
                assert len(read) == before, folded[start:start + 12]
    assert compared > 200 and whole > 100, (compared, whole)
