"""Numbers as people write them in a report's prose.

"1,234件", "１２３件", "一百二十件", "两件", "零", "32.0%", "３２％",
"百分之三十二". Tables have their own cell parser (cells.py); this one
reads the numbers that sentences state, so that rules can compare them with
the tables.

NUMBER and PERCENT are regular-expression sources (bounded, no nested
repetition) for embedding in a rule's own patterns; parse_number and
parse_percent read the text they match.
"""

import unicodedata
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from govlint.patterns import lazy

ZH_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
             "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
             "九": 9, "玖": 9}
ZH_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
ZH_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

_ZH_CHARS = "".join(ZH_DIGITS) + "".join(ZH_UNITS) + "".join(ZH_BIG)
_D = "0-9０-９"

# An Arabic number: plain digits (at most 15), or groups of three after a
# thousands separator, a half- or full-width comma (a space is not one:
# "1 234" is too often two numbers); then an optional decimal part.
ARABIC = (rf"(?:[{_D}]{{1,3}}(?:[,，][{_D}]{{3}})+(?![{_D}])|[{_D}]{{1,15}}(?![{_D}]))"
          rf"(?:[.．][{_D}]{{1,6}})?")
# A Chinese numeral: at most 12 characters ("一千二百三十四万五千六百七十八").
CHINESE = rf"[{_ZH_CHARS}]{{1,12}}"
# Either, not glued to other digits.
NUMBER = rf"(?:(?<![{_D}])(?<![{_D}][.．,，]){ARABIC}|(?<![{_ZH_CHARS}]){CHINESE})"
# A percentage: "32.0%", "３２％", "32.0 %", "百分之三十二", "百分之32.5".
PERCENT = (rf"(?:(?<![{_D}])(?<![{_D}][.．])(?P<pct>{ARABIC})\s?[%％]"
           rf"|百分之(?P<pct_zh>{ARABIC}|[{''.join(ZH_DIGITS)}十百点]{{1,8}}))")

NUMBER_RE = lazy(NUMBER)
PERCENT_RE = lazy(PERCENT)


class Number(NamedTuple):
    """A number found in text: its value and where it is (offsets in the
    searched text)."""

    value: int | Decimal
    start: int
    end: int
    text: str


def parse_number(text: str) -> int | Decimal | None:
    """The value of a number written with Arabic digits (half or full
    width, thousands separators, decimals) or Chinese numerals; None when
    text is not one number.

    >>> parse_number("1,234"), parse_number("１２３"), parse_number("一百二十"), parse_number("两")
    (1234, 123, 120, 2)
    """
    if not text:
        return None
    stripped = text.strip()
    if not stripped:
        return None
    if stripped[0] in ZH_DIGITS or stripped[0] in ZH_UNITS or stripped[0] in ZH_BIG:
        return parse_chinese(stripped)
    return parse_arabic(stripped)


_ARABIC_FULL = lazy(r"^(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_DECIMALS = lazy(r"\.([0-9]+)")


def parse_arabic(text: str) -> int | Decimal | None:
    folded = unicodedata.normalize("NFKC", text).replace("，", ",").replace("．", ".").strip()
    if not _ARABIC_FULL.match(folded):
        return None
    folded = folded.replace(",", "")
    if "." in folded:
        try:
            return Decimal(folded)
        except InvalidOperation:   # pragma: no cover - the pattern rules it out
            return None
    return int(folded)


def parse_chinese(text: str) -> int | None:
    """A Chinese numeral: "十二", "一百零五", "两千", "三万五千", "二〇二四".

    Written the positional way (units 十百千 inside each 万/亿 section,
    "零" for skipped places) or digit by digit ("二〇二四"). Malformed
    text ("十十", "百二三") gives None.
    """
    if not text or any(ch not in _ZH_CHARS for ch in text):
        return None
    if not any(ch in ZH_UNITS or ch in ZH_BIG for ch in text):
        if len(text) == 1:
            return ZH_DIGITS[text]
        # Digit by digit, as years are written ("二〇二四"); without a 〇
        # two digits are a range ("三四件", three or four).
        if "两" in text or not any(ch in "〇○" for ch in text):
            return None
        return int("".join(str(ZH_DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    digit = None                     # a digit waiting for its unit
    last_unit = None                 # the last 十/百/千 of this section: units must descend
    last_big = None                  # the last 万/亿: they must descend too
    zero = False                     # "零" marks a skipped place since the last unit
    for ch in text:
        if ch in ZH_DIGITS:
            if digit is not None:
                return None          # "二三": two digits without a unit between them
            if ZH_DIGITS[ch] == 0:
                zero = True
            else:
                digit = ZH_DIGITS[ch]
            continue
        if ch in ZH_UNITS:
            unit = ZH_UNITS[ch]
            if last_unit is not None and unit >= last_unit:
                return None          # "十十", "百千"
            if digit is None:
                if unit != 10:
                    return None      # "百" or "千" needs its digit
                digit = 1            # "十二", "一百十"
            section += digit * unit
            digit, last_unit, zero = None, unit, False
            continue
        big = ZH_BIG[ch]
        if last_big is not None and big >= last_big:
            return None
        if digit is not None:
            section += digit
            digit = None
        if section == 0:
            return None              # "万" needs a number before it
        total += section * big
        section, last_unit, last_big, zero = 0, None, big, False
    if digit is not None:
        if not zero and last_unit is not None and last_unit > 10:
            digit *= last_unit // 10     # "一百五" = 150, "两千三" = 2300
        elif not zero and last_unit is None and last_big is not None and section == 0:
            digit *= last_big // 10      # "两万三" = 23000
        section += digit
    return total + section


def parse_percent(text: str) -> Decimal | None:
    """The value of "32.0%", "３２％", "百分之三十二" or "百分之三十二点五"."""
    match = PERCENT_RE.fullmatch(text.strip())
    if not match:
        return None
    return percent_value(match)


def percent_value(match) -> Decimal | None:
    """The value of a PERCENT_RE match (or of a pattern embedding PERCENT)."""
    if match.group("pct") is not None:
        value = parse_arabic(match.group("pct"))
        return Decimal(value) if value is not None else None
    words = match.group("pct_zh")
    if words is None:
        return None
    arabic = parse_arabic(words)
    if arabic is not None:
        return Decimal(arabic)
    whole, point, fraction = words.partition("点")
    if point and not fraction:
        return None
    value = 100 if whole == "百" else parse_chinese(whole) if whole else None
    if value is None:
        return None
    if fraction:
        if any(ch not in ZH_DIGITS for ch in fraction):
            return None
        return Decimal(f"{value}.{''.join(str(ZH_DIGITS[ch]) for ch in fraction)}")
    return Decimal(value)


def decimals(text: str) -> int:
    """How many decimal places a written number has ("4.34%" → 2)."""
    folded = unicodedata.normalize("NFKC", text)
    match = _DECIMALS.search(folded)
    return len(match.group(1)) if match else 0


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in text[start:end] that parses, Arabic or Chinese.

    Chinese numerals are taken only when they parse as a whole, so "一是"
    gives 1: callers decide by the words around a number whether it counts
    something.
    """
    found = []
    for match in NUMBER_RE.finditer(text, start, len(text) if end is None else end):
        value = parse_number(match.group())
        if value is not None:
            found.append(Number(value, match.start(), match.end(), match.group()))
    return found
