"""Which year a report is about, which period it states, and when it was published.

Every statement of the reporting year is kept with its span:
- the title ("前进区卫生健康局2024年政府信息公开工作年度报告", "2023 年");
- the statistical-period sentence ("报告数据统计期限为2025年1月1日至2025年12月31日",
  "统计期限为2022年1月1日至12月31日", "自2019年1月1日起至2019年12月31日止");
- a sentence that opens with the year in the front matter or in sections 一
  to 四 ("2024年度，我局…", "2024年，区卫健局…", "2023年度未收到…申请");
- "截至/截止2024年12月31日".
Years that refer to other things are not claims: a sentence about the future
("2025年，我局将…", 下一步, 计划) or about other years ("除2021年收到…外") is
ignored, and so is history ("2019年以来") and everything in sections 五 and 六
(plans for next year, "2024年，我局将…").

The publication date comes from a web metadata block or the page's
information line (发文日期 / 发布日期 / 发表日期 / 成文日期 / 发布时间) or from a
dated signature in the last lines.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple


from govlint.model.document import Span
from govlint.patterns import MULTILINE, compile_re, lazy

_ZH_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}

_Y = r"(?P<{0}>(?:19|20)\d{{2}})\s*年"
_PERIOD = lazy(
    r"统计(?:期限|时限|时间|区间|期间|周期|时段|范围)?[^。\n]{0,12}?"
    + _Y.format("y1") + r"\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*"
    r"(?:至|到|—|–|-|~|～)\s*(?:" + _Y.format("y2") + r")?\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日")
_AS_OF = lazy(r"截[至止]\s*" + _Y.format("y") + r"\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_OPENING = lazy(r"(?:^|(?<=[。；！？\n]))[ \t\u3000]*(?:[(（][一二三四五六七八九十\d]+[)）]\s*)?"
                         + _Y.format("y") + r"(?P<du>度)?\s*(?:[，,]|期间|内|我|全|共|本|区|县|市|镇|乡|街道|未|没有|在)",
                         flags=MULTILINE)
# Where an _OPENING match can start (besides the region's start): after a
# line break or a sentence's end, before spaces and a bracket or the 19/20
# of a year. Led by a character class, it is scanned fast; _OPENING, led by
# its lookbehind, is tried at every character of a region (see _openings).
_OPENING_START = compile_re(r"[。；！？\n][ \t\u3000]*(?:[(（]|19|20)")
# Words that put a sentence in the future: plans ("下一步", "明年", "计划"),
# and "将" before a verb of intent ("我局将进一步…"; in "及时将业务范围内
# 有关事项…公开" it is the object marker). One list for the whole model: the
# claims of the reporting year here and the statements of the prose
# (model/narrative.py) both leave such sentences alone.
FUTURE_WORDS = (r"计划(?!生育)", "拟", "下一步", "今后", "明年", "下一年", "力争", "目标", "预计")
FUTURE_VERBS = ("进一步", "继续", "持续", "通过", "加大", "加强", "着力", "不断", "全面", "深入", "积极", "重点",
                "认真", "切实", "紧紧", "围绕", "以", "按照", "严格", "坚持", "推进", "推动", "提升", "完善", "做好",
                "抓好", "聚焦", "结合", "对照", "大力", "努力", "进行", "开展", "建立", "健全")
FUTURE = lazy("|".join(FUTURE_WORDS) + "|将(?:" + "|".join(FUTURE_VERBS) + ")")
_DATE = lazy(r"(?P<y>(?:19|20)\d{2})\s*(?:年|[-/.．])\s*(?P<m>\d{1,2})\s*(?:月|[-/.．])\s*(?P<d>\d{1,2})\s*日?")
_ZH_DATE = lazy(r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日")
_TITLE_YEAR = lazy(r"(?:19|20)\d{2}|二[〇零○Ｏ][〇零○Ｏ一二三四五六七八九]{2}")
_SENTENCE_STOP = lazy(r"[。！？\n]")
MAX_SIGNATURE = 60       # an agency's name and a date


class YearClaim(NamedTuple):
    year: int
    span: Span           # the year's digits
    kind: str            # title / period / opening / as-of
    text: str            # the statement, for messages


class Period(NamedTuple):
    start: tuple[int, int, int]
    end: tuple[int, int, int]
    span: Span           # the whole statement
    start_span: Span
    end_span: Span

    @property
    def calendar_year(self) -> bool:
        return self.start[1:] == (1, 1) and self.end[1:] == (12, 31) and self.start[0] == self.end[0]


class Publication(NamedTuple):
    date: date
    span: Span
    source: str          # e.g. "发文日期" or "落款"


@dataclass
class Periods:
    """The years and periods a report states, and the reporting year they
    agree on."""
    claims: list[YearClaim] = field(default_factory=list)
    periods: list[Period] = field(default_factory=list)
    published: Publication | None = None
    year: int | None = None              # the reporting year, by consensus
    basis: YearClaim | None = None       # the claim that best states it

    def title_claim(self) -> YearClaim | None:
        return next((c for c in self.claims if c.kind == "title"), None)


def _zh_number(text: str) -> int | None:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGITS.get(units, 0) if units else 0)
    if len(text) == 1:
        return _ZH_DIGITS.get(text)
    return None


def parse_date(text: str) -> tuple[date, int, int] | None:
    """The first date in text as (date, start, end) offsets within text."""
    match = _DATE.search(text)
    if match:
        try:
            return date(int(match["y"]), int(match["m"]), int(match["d"])), match.start(), match.end()
        except ValueError:
            return None
    match = _ZH_DATE.search(text)
    if match:
        year = int("".join(str(_ZH_DIGITS[c]) for c in match["y"]))
        month, day = _zh_number(match["m"]), _zh_number(match["d"])
        try:
            return date(year, month or 0, day or 0), match.start(), match.end()
        except (ValueError, TypeError):
            return None
    return None


def read_periods(report) -> Periods:
    result = Periods()
    text = report.text
    title = report.title
    if title and title.year:
        piece = text[title.span.start:title.span.end]
        found = _TITLE_YEAR.search(piece)
        if found:
            span = Span(title.span.start + found.start(), title.span.start + found.end())
            result.claims.append(YearClaim(title.year, span, "title", title.text))
    for match in _PERIOD.finditer(text):
        y1 = int(match["y1"])
        y2 = int(match["y2"]) if match["y2"] else y1
        period = Period((y1, int(match["m1"]), int(match["d1"])), (y2, int(match["m2"]), int(match["d2"])),
                        Span(match.start("y1"), match.end()), Span(match.start("y1"), match.end("d1")),
                        Span(match.start("m2") if not match["y2"] else match.start("y2"), match.end()))
        result.periods.append(period)
        # A period spanning two years is period-not-calendar-year's business;
        # its start year is the claim.
        result.claims.append(YearClaim(y1, Span(match.start("y1"), match.end("y1")), "period", match.group()))
    claimed = {c.span.start for c in result.claims}
    for start, end in _claim_regions(report):
        region = text[start:end]
        for match in _AS_OF.finditer(region):
            if (int(match["m"]), int(match["d"])) == (12, 31):
                result.claims.append(YearClaim(int(match["y"]), Span(start + match.start("y"), start + match.end("y")),
                                               "as-of", match.group()))
        for match in _openings(region):
            sentence_end = _sentence_end(region, match.end())
            if FUTURE.search(region[match.end():sentence_end][:20]):
                continue
            if start + match.start("y") in claimed:
                continue
            claimed.add(start + match.start("y"))
            result.claims.append(YearClaim(int(match["y"]), Span(start + match.start("y"), start + match.end("y")),
                                           "opening", region[match.start("y"):sentence_end][:40]))
    result.published = _publication(report)
    _consensus(result)
    return result


def _openings(region: str):
    """_OPENING.finditer(region), trying the pattern only where a match can
    start (the region's start, and after each _OPENING_START's first
    character): the same matches, in the same order. A match holds a year,
    so it is never empty, and the next one is looked for from its end, as
    finditer does."""
    match = _OPENING.match(region)
    end = 0
    if match:
        yield match
        end = match.end()
    for start in _OPENING_START.finditer(region):
        at = start.start() + 1
        if at < end:
            continue
        match = _OPENING.match(region, at)
        if match:
            yield match
            end = match.end()


def _sentence_end(text: str, offset: int) -> int:
    found = _SENTENCE_STOP.search(text, offset, offset + 400)
    return found.start() if found else min(len(text), offset + 400)


def _claim_regions(report):
    """Where the reporting year is stated: the front matter and the
    sections that report the year's work (一 to 四). Sections 五 and 六 speak
    of plans and other matters, and their years are not claims."""
    regions = [(report.front.start, report.front.end)]
    for section in report.sections:
        if section.number <= 4:
            regions.append((section.body.start, section.body.end))
    return regions


def _publication(report) -> Publication | None:
    # A page's bare "时间：" / "日期：" field (来源：XX 时间：2024-01-29) is its
    # publication time too, when no field says so by name.
    for label in ("发文日期", "发布日期", "发表日期", "成文日期", "发布时间", "时间", "日期"):
        found = report.metadata_value(label)
        if found and found.value:
            parsed = parse_date(found.value)
            if parsed:
                when, a, b = parsed
                return Publication(when, Span(found.value_span.start + a, found.value_span.start + b), label)
    document = report.document
    tail = []               # the last four lines that are not blank, from the end
    for index in range(len(document.lines) - 1, -1, -1):
        if document.lines[index].strip():
            tail.append(index)
            if len(tail) == 4:
                break
    for index in tail:
        line = document.lines[index]
        stripped = line.strip()
        if len(stripped) > 16:
            continue
        parsed = parse_date(stripped)
        if parsed and parsed[1] == 0 and parsed[2] == len(stripped):
            when, a, b = parsed
            base = document.line_starts[index] + line.index(stripped)
            return Publication(when, Span(base + a, base + b), "落款")
    return _signed_inline(report.text)


def _signed_inline(text: str) -> Publication | None:
    """A signature run into the last sentence ("…事项。XX局2024年1月29日"), as
    in text that lost its line breaks: a date that ends the text after the
    last sentence."""
    end = len(text.rstrip())
    start = max(0, end - MAX_SIGNATURE)
    stop = max(text.rfind(mark, start, end) for mark in "。！？")
    if stop < 0:
        return None
    tail = text[stop + 1:end]
    found = None
    for match in _DATE.finditer(tail):
        found = match
    if found is None or found.end() != len(tail) or len(tail) - found.start() > 16:
        return None
    parsed = parse_date(found.group())
    if parsed is None:
        return None
    base = stop + 1 + found.start()
    return Publication(parsed[0], Span(base, base + len(found.group())), "落款")


def _consensus(result: Periods) -> None:
    """The reporting year: the year most statements give; the title breaks ties."""
    if not result.claims:
        return
    votes = Counter()
    for claim in result.claims:
        votes[claim.year] += 1.5 if claim.kind == "title" else 1
    year = max(votes, key=lambda y: (votes[y], y))
    result.year = year
    order = {"title": 0, "period": 1, "as-of": 2, "opening": 3}
    result.basis = min((c for c in result.claims if c.year == year), key=lambda c: order[c.kind])
