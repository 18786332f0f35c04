"""Bytes to text: read a file or stdin, detect its encoding, normalise newlines.

Detection order: BOM (UTF-8/16/32) → strict UTF-8 → chardet, where GB2312 and
GBK are read as GB18030 (their superset). A caller may force an encoding.
Newlines (CRLF, CR, LF) become LF; since a line break is one position either
way, line and column numbers are unchanged, and the original style is kept
so that a fix can write it back.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# chardet names → the codec we read with.
_CHINESE_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030",
                      "big5": "big5hkscs", "hz-gb-2312": "hz"}

SAMPLE_BYTES = 4 * 1024     # enough for chardet to tell GB18030 from Big5; more only costs time


class InputError(Exception):
    """A file that cannot be linted. Carries a diagnostic code and name."""

    def __init__(self, code: str, name: str, message: str):
        super().__init__(message)
        self.code = code
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Source:
    """Decoded text of one input, with what is needed to write it back."""

    path: str
    text: str          # newlines normalised to "\n"
    encoding: str      # codec name, e.g. "utf-8", "gb18030", "utf-16-le"
    bom: bool
    newline: str       # dominant original newline: "\n", "\r\n" or "\r"
    original: str = "" # the decoded text before newline normalisation (for writing fixes back)


def read_path(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise InputError("E001", "unreadable-file", "是目录，不是文件") from None
    except FileNotFoundError:
        raise InputError("E001", "unreadable-file", "文件不存在") from None
    except PermissionError:
        raise InputError("E001", "unreadable-file", "没有读取权限") from None
    except OSError as exc:
        raise InputError("E001", "unreadable-file", f"无法读取：{exc.strerror or exc}") from None


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode bytes to a Source, or raise InputError."""
    if encoding:
        text, name, bom = _decode_forced(data, encoding)
    else:
        text, name, bom = _detect(data)
    if not text.strip():
        raise InputError("E002", "empty-file", "文件为空")
    normalised, newline = normalise_newlines(text)
    return Source(path=path, text=normalised, encoding=name, bom=bom, newline=newline, original=text)


def normalise_newlines(text: str) -> tuple[str, str]:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if not cr and not crlf:
        return text, "\n"
    counts = {"\r\n": crlf, "\r": cr, "\n": lf}
    newline = max(counts, key=lambda k: counts[k])
    return text.replace("\r\n", "\n").replace("\r", "\n"), newline


def _decode_forced(data: bytes, encoding: str) -> tuple[str, str, bool]:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError("E004", "decode-error", f"未知编码“{encoding}”") from None
    bom = False
    for mark, codec, family in _BOMS:
        if data.startswith(mark) and (name == codec or name == family or name.startswith(codec)):
            data, bom = data[len(mark):], True
            break
    try:
        return data.decode(name), name, bom
    except UnicodeDecodeError as exc:
        raise InputError("E004", "decode-error",
                         f"无法按 {name} 解码（第 {exc.start} 字节）") from None


def _detect(data: bytes) -> tuple[str, str, bool]:
    for mark, codec, _ in _BOMS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(codec), codec, True
            except UnicodeDecodeError as exc:
                raise InputError("E004", "decode-error",
                                 f"带 {codec} BOM，但无法按 {codec} 解码（第 {exc.start} 字节）") from None
    if not data:
        raise InputError("E002", "empty-file", "文件为空")
    if b"\x00" in data:
        text = _bomless_utf16(data)
        if text is None:
            raise InputError("E003", "binary-file", "二进制文件（含 NUL 字节），不是文本报告")
        return text
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    import chardet  # imported only when UTF-8 fails

    guess = (chardet.detect(data[:SAMPLE_BYTES]).get("encoding") or "").lower()
    # Only Chinese guesses count: chardet's low-confidence single-byte guesses
    # (cp1252, koi8-u, cp737 …) decode any bytes at all, so undecodable input
    # would become mojibake instead of E004.
    candidates = [_CHINESE_SUPERSETS[guess]] if guess in _CHINESE_SUPERSETS else []
    candidates.append("gb18030")  # the usual legacy encoding of these reports
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            return data.decode(name), codecs.lookup(name).name, False
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError("E004", "decode-error",
                     "无法识别编码（不是 UTF-8、GB18030 或 UTF-16）；可用 --encoding 指定")


def _bomless_utf16(data: bytes) -> tuple[str, str, bool] | None:
    """UTF-16 without BOM has NUL bytes in ASCII positions; binary has them anywhere."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        if printable >= 0.98 * len(text):
            return text, codec, False
    return None
