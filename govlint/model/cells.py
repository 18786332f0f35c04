"""Read one table cell's text as people write it.

Blank and dash are not zero: the status keeps the difference so that rules
can say what they saw.

status     meaning                                   value
number     a number (units and separators allowed)   int or Decimal
ocr        digits with OCR look-alikes (O→0, l→1)    the intended number
blank      nothing, or only spaces                   None
dash       — / - / / / ／ and the like               None
none       "无"                                      None
text       anything else                             None
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from govlint.patterns import lazy

_NUMBER = lazy(r"^(?P<sign>[+\-−])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<unit>万元|元|件|条|个|项|次|人次|人|宗|%)?$")
_OCR = lazy(r"^[0-9OoIl|]+$")
_OCR_MAP = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
MAX_DIGITS = 18   # no count or amount in these tables is longer; beyond it the text is not a number
DASHES = {"—", "-", "–", "―", "--", "——", "/", "／", "\\", "-—", "－", "一"}


@dataclass(frozen=True)
class CellValue:
    """What one table cell's text reads as: its status and value."""
    status: str
    value: int | Decimal | None
    unit: str | None = None
    note: str = ""          # what was read, for messages

    @property
    def filled(self) -> bool:
        return self.status in ("number", "ocr")


@lru_cache(maxsize=8192)
def parse_cell(raw: str) -> CellValue:
    """Read one cell (remembered: tables repeat the same few cell texts)."""
    return _parse_cell(raw)


def _parse_cell(raw: str) -> CellValue:
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    text = text.replace("，", ",").replace("−", "-")
    if not text:
        return CellValue("blank", None)
    if text in DASHES:
        return CellValue("dash", None, note=raw.strip())
    if text == "无":
        return CellValue("none", None, note=raw.strip())
    if len(text) > MAX_DIGITS:
        return CellValue("text", None, note=raw.strip()[:20] + "…")
    match = _NUMBER.match(text)
    if match:
        digits = match.group("digits").replace(",", "")
        sign = "-" if match.group("sign") in ("-", "−") else ""
        if match.group("frac"):
            try:
                value = Decimal(sign + digits + match.group("frac"))
            except InvalidOperation:
                return CellValue("text", None, note=raw.strip())
        else:
            value = int(sign + digits)
        return CellValue("number", value, unit=match.group("unit"))
    if _OCR.match(text) and any(ch.isdigit() for ch in text) or text in ("O", "o"):
        return CellValue("ocr", int(text.translate(_OCR_MAP)), note=raw.strip())
    return CellValue("text", None, note=raw.strip())


def looks_like_value(raw: str) -> bool:
    """True for anything a data cell may hold, filled or not."""
    return parse_cell(raw).status != "text"
