"""Text normalisation shared by the report model and the rules."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〔": "[", "〕": "]", "【": "[", "】": "]",
                         "—": "-", "–": "-", "－": "-", "―": "-"})

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
NUMERALS = "一二三四五六七八九十"

# Sentence punctuation: a line that contains some is prose, not a heading or a cell.
SENTENCE_PUNCT = "，。；、：！？,;:!?"
SENTENCE_END = "。！？!?…"


def fold(text: str) -> str:
    """Fold for comparison: NFKC (full/half width), unified quotes and
    dashes, and no whitespace at all."""
    if len(text) <= 64:
        return _fold_short(text)     # table cells and labels repeat: remember them
    return _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return "".join(text.split())


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


def chinese_numeral(text: str) -> int | None:
    """Value of a small Chinese numeral (一 … 九十九), else None."""
    if not text or any(ch not in NUMERALS for ch in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        if len(tens) > 1 or len(units) > 1 or tens == "十" or units == "十":
            return None
        value = (CHINESE_DIGITS[tens] if tens else 1) * 10
        return value + (CHINESE_DIGITS[units] if units else 0)
    if len(text) == 1:
        return CHINESE_DIGITS[text]
    return None


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF
            or 0x20000 <= code <= 0x2FA1F or 0xF900 <= code <= 0xFAFF)
