"""Text normalisation shared by the report model and the rules."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from govlint.patterns import compile_re

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〔": "[", "〕": "]", "【": "[", "】": "]",
                         "—": "-", "–": "-", "－": "-", "―": "-"})

# Traditional → simplified for the characters of the template's labels,
# headings and title (format-spec §8: traditional-character mirrors are
# matched after conversion). Used only for comparison, so positions in the
# user's text never change.
_TRADITIONAL = (
    "來来倉仓個个們们備备傳传價价優优內内兩两別别創创劃划劑剂動动務务勞劳勢势區区叢丛員员問问啟启單单嚴严國国園园圖图團团執执"
    "報报場场壇坛夠够夢梦奪夺審审寬宽尋寻對对導导屆届屬属嶺岭幣币幫帮庫库廢废廣广廳厅強强彈弹彙汇後后從从復复徵征應应戰战戶户"
    "掃扫掛挂採采換换損损擇择擊击擔担據据擬拟擴扩攝摄數数斷断於于時时晉晋書书會会條条業业構构槍枪標标樣样機机檔档檢检權权歡欢"
    "歸归殘残氣气決决沒没況况減减準准濟济灣湾為为無无爭争爾尔獎奖獲获現现環环產产畫画異异當当發发盡尽監监確确碼码禮礼稅税稱称"
    "積积穩稳竊窃節节範范篩筛糾纠紀纪約约紅红納纳紐纽純纯紙纸級级紛纷細细紹绍終终組组結结絕绝給给統统經经綜综維维網网緊紧線线"
    "緣缘編编縣县縮缩總总績绩織织繳缴繼继續续罰罚義义習习聞闻聯联職职聽听臺台與与興兴舉举舊旧華华萬万處处號号術术衛卫補补製制"
    "複复規规視视親亲覽览觀观訂订計计訊讯討讨訓训託托記记訟讼訪访設设許许訴诉診诊詞词詢询試试詳详認认誤误說说請请論论諮咨諸诸"
    "謀谋謂谓講讲謝谢證证識识議议護护讀读變变讓让讚赞負负財财貢贡責责費费資资質质購购趙赵車车軍军軟软較较載载輔辅輪轮輸输轉转"
    "辦办農农這这連连週周進进運运過过達达遠远適适遲迟選选遺遗還还邊边鄉乡鄰邻醫医針针錄录錯错鎮镇長长門门開开間间閱阅關关闡阐"
    "陽阳隊队隨随險险雙双雜杂離离難难電电靜静項项須须預预領领頻频題题額额類类顯显風风飛飞養养館馆驗验體体髮发鬆松鬥斗齊齐"
)
_QUOTES.update(str.maketrans(_TRADITIONAL[0::2], _TRADITIONAL[1::2]))
# The same table for re.sub: str.translate looks up every character of a
# non-ASCII text in the table (0.4 ms for a 4,000-character report), a
# character class finds the few that change (35 µs).
_SWAPS = {chr(k): v if isinstance(v, str) else chr(v) for k, v in _QUOTES.items()}
_SWAPPED = compile_re("[" + "".join(map(re.escape, _SWAPS)) + "]")


# What folds differently in most text: whitespace (dropped), the quotes,
# dashes, brackets and traditional characters of _SWAPS, and the full-width
# forms of ASCII (NFKC).
_COMMON_FOLDS = compile_re(r"[\s" + "".join(map(re.escape, _SWAPS)) + "\uff01-\uff5e]")


def _swap(match) -> str:
    return _SWAPS[match.group()]

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
    text = _SWAPPED.sub(_swap, unicodedata.normalize("NFKC", text))
    return "".join(text.split())


@lru_cache(maxsize=16384)
def _fold_short(text: str) -> str:
    return _fold(text)


class _Folds(dict):
    """Each character's fold, worked out the first time it is asked for
    (_fold_char keeps it while the table holds fewer than 65,536)."""

    def __missing__(self, ch: str) -> str:
        return _fold_char(ch)


_CHAR_FOLDS: dict[str, str] = _Folds()


_CHANGED: set[str] = set()     # the characters of _CHAR_FOLDS that fold to something else


def _fold_char(ch: str) -> str:
    folded = "" if ch.isspace() else unicodedata.normalize("NFKC", ch).translate(_QUOTES)
    folded = "".join(folded.split())
    if len(_CHAR_FOLDS) < 65536:
        _CHAR_FOLDS[ch] = folded
        if folded != ch:
            _CHANGED.add(ch)
    return folded


def fold_map(text: str, base: int = 0) -> tuple[str, list[int]]:
    """fold(text) with, for each folded character, the offset (plus base)
    of the character of text it comes from. Structure found in the folded
    text (labels, headings) maps back to exact spans of the user's text."""
    folds = _CHAR_FOLDS
    changed: list[tuple[str, str]] = []
    dropped = []
    # Set operations, not a loop over every distinct character: a text run
    # together from a whole table holds a few hundred of them, and only the
    # few that fold differently matter. Most texts are NFKC-normalized but
    # for the characters _COMMON_FOLDS finds (in C): then no other character
    # folds differently (one that did would leave the text unnormalized) and
    # only those are looked at, without building the set of every character
    # (one new string object for each Chinese character).
    common = _COMMON_FOLDS.findall(text)
    if unicodedata.is_normalized("NFKC", _COMMON_FOLDS.sub("", text) if common else text):
        chars = set(common)
    else:
        chars = set(text)
    for ch in chars.difference(folds):
        _fold_char(ch)
    for ch in chars.intersection(_CHANGED) if len(folds) < 65536 else chars:
        folded = folds.get(ch)
        if folded is None:
            folded = _fold_char(ch)
        if len(folded) > 1:
            return _fold_map_slow(text, base)
        if folded != ch:
            changed.append((ch, folded))
            if not folded:
                dropped.append(ch)
    return _folded(text, changed), _index(text, base, dropped)


def fold_chars(text: str) -> str:
    """fold_map(text)[0], character by character from the table: for a
    short text (a window of a few dozen characters) one lookup each costs
    less than fold_map's searches and offset list. fold_offset maps a
    folded position back."""
    return "".join(map(_CHAR_FOLDS.__getitem__, text))


def fold_offset(text: str, position: int, base: int = 0) -> int:
    """fold_map(text, base)[1][position]: the offset (plus base) of the
    character of text that folded character `position` comes from."""
    return base + bisect_right(list(accumulate(map(len, map(_CHAR_FOLDS.__getitem__, text)))), position)


def _folded(text: str, changed: list[tuple[str, str]]) -> str:
    """text with each changed character replaced. One str.replace per
    character that changes (a few) instead of str.translate, which looks
    up every character of the text in a dict; folds are idempotent, so no
    replacement makes a character that a later one would change."""
    for ch, folded in changed:
        text = text.replace(ch, folded)
    return text


def _index(text: str, base: int, dropped: list[str]) -> list[int]:
    """The offsets (plus base) of the characters of text not dropped."""
    if not dropped:
        return list(range(base, base + len(text)))
    index: list[int] = []
    kept = 0
    for match in _dropping(frozenset(dropped)).finditer(text):
        index.extend(range(base + kept, base + match.start()))
        kept = match.end()
    index.extend(range(base + kept, base + len(text)))
    return index


@lru_cache(maxsize=64)
def _dropping(chars: frozenset):
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]+")


def _fold_map_slow(text: str, base: int) -> tuple[str, list[int]]:
    """fold_map for text with a character that folds to several ("㈠" → "(一)")."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text, base):
        folded = _CHAR_FOLDS.get(ch)
        if folded is None:
            folded = _fold_char(ch)
        out.extend(folded)
        index.extend([i] * len(folded))
    return "".join(out), index


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


def edit_distance(a: str, b: str, budget: int) -> int | None:
    """The edit distance between a and b when it is at most budget, else
    None. Cheap bounds come first (the length difference; characters one
    string has and the other lacks, each needing an edit), so most strings
    are rejected without rapidfuzz being imported or called."""
    if abs(len(a) - len(b)) > budget:
        return None
    if len(set(a).difference(b)) > budget or len(set(b).difference(a)) > budget:
        return None
    from rapidfuzz.distance import Levenshtein

    distance = Levenshtein.distance(a, b, score_cutoff=budget)
    return distance if distance <= budget else None
