"""A006 garbled-text."""
from __future__ import annotations

import re
from bisect import bisect_right

from govlint.model.document import Span
from govlint.patterns import compile_re, lazy
from govlint.rule import Edit, Finding, Fix, rule

# One run per match: each alternative is a single character class repeated.
CHARACTERS = lazy(
    r"(?P<replacement>\uFFFD+)"
    r"|(?P<undecodable>[\uDC80-\uDCFF]+)"       # a byte the file's encoding cannot decode (source.py)
    r"|(?P<surrogate>[\uD800-\uDFFF]+)"         # a lone surrogate (text from an editor)
    r"|(?P<control>[\x00-\x08\x0B-\x1F\x7F\x80-\x9F]+)"
    r"|(?P<invisible>[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]+)"
    r"|(?P<private>[\uE000-\uF8FF\U000F0000-\U000FFFFD\U00100000-\U0010FFFD]+)"
)
# Characters that bytes 0x80–0xFF become when read as Latin-1 or cp1252.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Every character CHARACTERS matches is in this class: a text without any
# is not scanned by the (slower) pattern of named alternatives.
ANY_CHARACTER = compile_re("[\uFFFD\uD800-\uDFFF\x00-\x08\x0B-\x1F\x7F\x80-\x9F\u200B-\u200F\u202A-\u202E"
                           "\u2060-\u2064\u2066-\u2069\uFEFF\uE000-\uF8FF\U000F0000-\U0010FFFD]")
# Two or more of them in a row, written as one and then one or more: re
# skips to a pattern's leading character class in a tight loop, where
# "{2,}" made it try a match at every character of the text.
_MOJIBAKE_CLASS = "[\u0080-\u00FF" + re.escape(_CP1252_EXTRA) + "]"
MOJIBAKE_RUN = compile_re(_MOJIBAKE_CLASS + _MOJIBAKE_CLASS + "+")   # re scans a set faster
# Characters that Chinese text uses on its own: a run made only of these is
# punctuation, not mojibake.
_NATIVE = set("“”‘’…—–·×÷°±§¥•‰\u00A0")
_CP1252_BYTES = {ch: bytes([byte]) for byte in range(0x80, 0xA0)
                 for ch in [bytes([byte]).decode("cp1252", errors="ignore")] if ch}
_NAMES = {
    "\u200B": "零宽空格", "\u200C": "零宽不连字", "\u200D": "零宽连字", "\u200E": "从左至右标记",
    "\u200F": "从右至左标记", "\u2060": "字连接符", "\uFEFF": "字节顺序标记",
}


def _bytes(run: str) -> bytes | None:
    """The bytes a run of Latin-1 / cp1252 characters was decoded from."""
    out = bytearray()
    for ch in run:
        code = ord(ch)
        if code <= 0xFF:
            out.append(code)
        elif ch in _CP1252_BYTES:
            out += _CP1252_BYTES[ch]
        else:
            return None
    return bytes(out)


def _chinese(text: str) -> bool:
    """Text made of CJK characters and CJK / full-width punctuation, with an ideograph."""
    ideographs = 0
    for ch in text:
        code = ord(ch)
        if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F:
            ideographs += 1
        elif not (0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or ch in "“”‘’…—"):
            return False
    return ideographs >= 1


def _count_ideographs(text: str) -> int:
    return sum(1 for ch in text if 0x3400 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFAFF
               or 0x20000 <= ord(ch) <= 0x2FA1F)


def _repair(run: str) -> tuple[int, int, str, str] | None:
    """(chars trimmed at the start, at the end, the text the run should
    read, the codec it was written in), or None. A few characters at either
    end may be cut-off pieces of a character and are left out."""
    data = _bytes(run)
    if data is None:
        return None
    for codec, label, slack in (("utf-8", "UTF-8", 3), ("gb18030", "GB18030", 1)):
        for head in range(min(slack, len(data) - 2) + 1):
            for tail in range(min(slack, len(data) - head - 2) + 1):
                try:
                    decoded = data[head:len(data) - tail].decode(codec)
                except UnicodeDecodeError:
                    continue
                if _chinese(decoded):
                    return head, tail, decoded, label
    return None


def _mojibake(text: str):
    """(start, end, should_read, codec) for each run of mis-decoded Chinese.

    A run must read as Chinese with at least two ideographs; once one such
    run is found, shorter runs in the same text that read as one ideograph
    count too (a mis-decoded document is mis-decoded throughout)."""
    candidates = []
    for match in MOJIBAKE_RUN.finditer(text):
        run = match.group()
        start, end = match.span()
        # Trim native punctuation off the ends ("“" before a garbled run).
        while start < end and text[start] in _NATIVE:
            start += 1
        while end > start and text[end - 1] in _NATIVE:
            end -= 1
        run = text[start:end]
        if sum(1 for ch in run if ch not in _NATIVE) < 2:
            continue
        repaired = _repair(run)
        if repaired:
            head, tail, decoded, codec = repaired
            candidates.append((start + head, end - tail, decoded, codec))
    if not any(_count_ideographs(decoded) >= 2 for _, _, decoded, _ in candidates):
        return []
    return candidates


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _shown(run: str) -> str:
    """The run as it can be quoted: C1 controls spelled out."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in run)


def _code_points(run: str) -> str:
    points = []
    for ch in dict.fromkeys(run):
        points.append(f"U+{ord(ch):04X}")
        if len(points) == 3:
            break
    return "、".join(points) + ("等" if len(set(run)) > 3 else "")


def _glues(text: str, start: int, end: int) -> bool:
    return 0 < start and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()


@rule("A006", "garbled-text", "error", needs=(), zh=r"""
    乱码字符：U+FFFD、无法解码的字节、控制字符、零宽字符和双向控制字符、私用区字符、错码。

    检查内容：不是文字的字符：替换字符 U+FFFD（转换程序无法解码的字节）；文件中其编码无法
    解码的字节（报告仍按其余部分的编码读取，提示中说明所用编码）；孤立代理项
    （U+D800–U+DFFF，编辑器传来的损坏文字）；控制字符（除制表符和换行外的 C0 字符，C1 字
    符 U+0080–U+009F）；零宽字符和双向控制字符（U+200B–U+200F、U+202A–U+202E、
    U+2060–U+2064、U+2066–U+2069，以及不在文件最开头的 U+FEFF）；私用区字符
    （U+E000–U+F8FF、第 15–16 平面）；以及错码：用错误编码解读的 UTF-8 或 GB18030 中文变
    成的一串 Latin-1 / cp1252 字母（把“政府”显示成“æ”¿åºœ”或“Õþ¸®”），提示中会写出原
    文。连续的一串这类字符只报告一次。

    为何重要：乱码字符显示为方框、问号或什么都不显示；它们遮住文字和数字，妨碍搜索和复
    制，数字中间的不可见字符会让机器无法读取这个数字。

    示例：“本年度共收到政府信息公开申请��件”（数字丢失了），或“主动公开Õþ¸®ÐÅÏ¢61条”。

    修改方法：删除零宽字符、双向控制字符和控制字符（安全修复会删除）；U+FFFD 或私用区字
    符替换掉的内容，按原始文件重新录入；错码按提示给出的文字替换。
    """, fix="safe")
def check(report, options):
    """Garbled characters: U+FFFD, undecodable bytes, control, zero-width and bidi characters, private-use characters, mojibake.

    What it checks: characters that are not text: the replacement character
    U+FFFD (a byte the converter could not decode); a byte of the file that
    its encoding cannot decode (the report is read anyway, in the encoding
    the rest of it is in, which the message names); a lone surrogate
    (U+D800–U+DFFF, text an editor passed on broken); control characters
    (C0 other than tab and newline, C1 U+0080–U+009F); zero-width and
    bidirectional control characters (U+200B–U+200F, U+202A–U+202E,
    U+2060–U+2064, U+2066–U+2069, and U+FEFF anywhere but at the very
    start); private-use characters (U+E000–U+F8FF, planes 15–16); and
    mojibake: runs of Latin-1 / cp1252 letters that are UTF-8 or GB18030
    Chinese decoded with the wrong codec ("æ”¿åºœ" for 政府, "Õþ¸®" for
    政府), which the message spells out. A run of such characters is
    reported once.

    Why it matters: garbled characters show as boxes, question marks or
    nothing at all; they hide words and numbers, break searching and
    copying, and an invisible character inside a number makes it unreadable
    to machines.

    Example: "本年度共收到政府信息公开申请\ufffd\ufffd件" (the count is lost), or
    "主动公开Õþ¸®ÐÅÏ¢61条".

    How to fix: delete zero-width, bidi and control characters (the safe
    fix does so); retype what a U+FFFD or a private-use character replaced
    from the original document; replace mojibake with the text the message
    gives.
    """
    text = report.text
    starts, ends = [], []
    for start, end, decoded, codec in _mojibake(text):
        starts.append(start)
        ends.append(end)
        yield Finding(Span(start, end),
                      f"乱码“{_quote(_shown(text[start:end]))}”（{codec} 编码被误读）：应为“{_quote(decoded)}”，请改正")
    first = ANY_CHARACTER.search(text)
    for match in CHARACTERS.finditer(text, first.start()) if first else ():
        kind = match.lastgroup
        start, end = match.span()
        if kind == "invisible" and start == 0 and text[0] == "\uFEFF":
            start += 1
            if start == end:
                continue
        run = text[start:end]
        if kind == "control" and starts:
            # C1 characters inside a mojibake run belong to that finding.
            at = bisect_right(starts, start) - 1
            if at >= 0 and start < ends[at]:
                continue
        count = f"（{len(run)} 个）" if len(run) > 1 else ""
        fix = None
        if kind == "replacement":
            message = f"替换字符“{_quote(run, 5)}”{count}：此处原文已丢失，请对照原件改正"
        elif kind == "undecodable":
            encoding = (report.document.encoding or "utf-8").upper()
            shown = " ".join(f"0x{ord(ch) - 0xDC00:02X}" for ch in run[:8]) + ("…" if len(run) > 8 else "")
            number = f" {len(run)} 个" if len(run) > 1 else ""
            message = (f"无法按 {encoding} 解码的{number}字节 {shown}（全文按 {encoding} 读取）："
                       f"此处原文已损坏或混入了其他编码，请对照原件改正")
        elif kind == "surrogate":
            message = f"孤立的代理码位 {_code_points(run)}{count}：不是有效字符，请对照原件改正"
        elif kind == "private":
            message = f"私用区字符 {_code_points(run)}{count}：无法正常显示，请对照原件改为正确的字"
        else:
            label = "控制字符" if kind == "control" else "不可见字符"
            name = _NAMES.get(run[0], "")
            name = f"（{name}）" if name and len(set(run)) == 1 else ""
            message = f"{label} {_code_points(run)}{name}{count}：请删除"
            if not (kind == "control" and _glues(text, start, end)):
                fix = Fix(f"删除{label} {_code_points(run)}", (Edit(Span(start, end), ""),), safe=True)
        yield Finding(Span(start, end), message, fix)
