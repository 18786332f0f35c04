"""Bytes to text: read a file or stdin, detect its encoding, normalise newlines.

Detection order: BOM (UTF-8/16/32) → strict UTF-8 → strict GB18030 when the
result reads as Chinese (GB2312 and GBK are its subsets) → chardet, whose
Chinese guesses only are trusted. A caller may force an encoding.
Newlines (CRLF, CR, LF) become LF; since a line break is one position either
way, line and column numbers are unchanged, and the original style is kept
so that a fix can write it back.

A report that is good text but for a few undecodable bytes (a damaged
byte, a pasted fragment in another encoding) is still read: each such byte
becomes a surrogate escape (U+DC80–U+DCFF, "surrogateescape"), which the
garbled-text rule reports at its position and which writes back as the same
byte. Only input that is not text at all is a decode error (E004).

Only regular files are read (a FIFO or a device would block or never end),
and at most a configurable number of bytes (E005 past it).
"""

import codecs
import os
import stat
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# chardet names → the codec we read with.
_CHINESE_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030",
                      "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "big5hkscs",
                      "hz-gb-2312": "hz"}

SAMPLE_BYTES = 4 * 1024     # enough for chardet to tell GB18030 from Big5; more only costs time
MAX_FILE_SIZE = 50 * 1024 * 1024    # bytes read per input by default (--max-file-size)


class InputError(Exception):
    """A file that cannot be linted. Carries a diagnostic code and name."""

    def __init__(self, code: str, name: str, message: str):
        super().__init__(message)
        self.code = code
        self.name = name
        self.message = message


class Source(NamedTuple):
    """Decoded text of one input, with what is needed to write it back."""

    path: str
    text: str          # newlines normalised to "\n"
    encoding: str      # codec name, e.g. "utf-8", "gb18030", "utf-16-le"
    bom: bool
    newline: str       # dominant original newline: "\n", "\r\n" or "\r"
    original: str = "" # the decoded text before newline normalisation (for writing fixes back)


def _nonblocking(path, flags):
    # Opening a FIFO for reading blocks until a writer comes; with O_NONBLOCK
    # it returns at once and fstat tells what the file is.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


_KINDS = ((stat.S_ISFIFO, "命名管道"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
          (stat.S_ISSOCK, "套接字"))


def read_path(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most limit (default MAX_FILE_SIZE)
    bytes; InputError for anything else."""
    limit = MAX_FILE_SIZE if limit is None else limit
    try:
        with open(path, "rb", opener=_nonblocking) as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                kind = next((name for test, name in _KINDS if test(mode)), "特殊文件")
                raise InputError("E001", "unreadable-file", f"不是普通文件（{kind}）：只检查普通文件和标准输入（-）")
            return read_limited(handle, limit)
    except IsADirectoryError:
        raise InputError("E001", "unreadable-file", "是目录，不是文件") from None
    except FileNotFoundError:
        raise InputError("E001", "unreadable-file", "文件不存在") from None
    except PermissionError:
        raise InputError("E001", "unreadable-file", "没有读取权限") from None
    except OSError as exc:
        raise InputError("E001", "unreadable-file", f"无法读取：{exc.strerror or exc}") from None


def read_limited(stream, limit: int | None = None) -> bytes:
    """At most limit bytes of a binary stream (a file, stdin); E005 past it."""
    limit = MAX_FILE_SIZE if limit is None else limit
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError("E005", "file-too-large",
                         f"文件超过 {format_size(limit)} 的上限，未检查：可用 --max-file-size 调高")
    return data


_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2, "MIB": 1024 ** 2,
          "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


def parse_size(value) -> int:
    """"50MB", "512k", "1G" or a number of bytes → bytes (units of 1024);
    ValueError unless it is a positive size."""
    if isinstance(value, bool):
        raise ValueError("not a size")
    if isinstance(value, int):
        number, unit = value, ""
    else:
        text = str(value).strip().upper().replace(" ", "")
        digits = text.rstrip("BKMGI")
        number, unit = (int(digits) if digits.isdigit() else -1), text[len(digits):]
    if number <= 0 or unit not in _UNITS:
        raise ValueError(f"{value!r} is not a size (e.g. 50MB, 512KB, 1GB or a number of bytes)")
    return number * _UNITS[unit]


def format_size(size: int) -> str:
    for unit, factor in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} 字节"


def text_encoding(name: str) -> str:
    """The codec's canonical name; ValueError for an unknown name or a
    codec that does not turn bytes into text (base64, rot13, zlib, uu …)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError):
        raise ValueError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding (it turns bytes into bytes)")
    return info.name


def decode(data: bytes, path: str, encoding: str | None = None) -> Source:
    """Decode bytes to a Source, or raise InputError."""
    if encoding is not None:
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
        name = text_encoding(encoding)
    except ValueError:
        raise InputError("E004", "decode-error", f"“{encoding}”不是可用的文本编码") from None
    bom = False
    for mark, codec, family in _BOMS:
        if data.startswith(mark) and (name == codec or name == family or name.startswith(codec)):
            data, bom = data[len(mark):], True
            break
    try:
        return data.decode(name), name, bom
    except UnicodeDecodeError as exc:
        text = _lenient(data, name)
        if text is not None:
            return text, name, bom
        raise InputError("E004", "decode-error",
                         f"无法按 {name} 解码（第 {exc.start} 字节）") from None
    except Exception as exc:  # a codec that fails otherwise (e.g. a Python-level codec raising ValueError)
        raise InputError("E004", "decode-error", f"无法按 {name} 解码：{type(exc).__name__}") from None


def undecodable_allowed(size: int) -> int:
    """How many undecodable bytes a text of size bytes may hold and still be
    read as text (a damaged report, not another encoding or binary data)."""
    return max(16, size // 1000)


def _lenient(data: bytes, codec: str) -> str | None:
    """data in codec with each undecodable byte as a surrogate escape, if
    there are few of them; else None."""
    try:
        text = data.decode(codec, "surrogateescape")
    except (UnicodeError, LookupError):   # codecs that cannot escape (UTF-16 with ASCII bytes; idna, punycode)
        return None
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff") if not text.isascii() else 0
    return text if bad <= undecodable_allowed(len(data)) else None


def _detect(data: bytes) -> tuple[str, str, bool]:
    for mark, codec, _ in _BOMS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(codec), codec, True
            except UnicodeDecodeError as exc:
                text = _lenient(data[len(mark):], codec)
                if text is not None:
                    return text, codec, True
                raise InputError("E004", "decode-error",
                                 f"带 {codec} BOM，但无法按 {codec} 解码（第 {exc.start} 字节）") from None
    if not data:
        raise InputError("E002", "empty-file", "文件为空")
    if b"\x00" in data:
        text = _bomless_wide(data)
        if text is None:
            if _looks_like_utf32(data):
                raise InputError("E004", "decode-error",
                                 "看似不带 BOM 的 UTF-32 文本，但无法解码；可用 --encoding utf-32-le（或 utf-32-be）指定")
            raise InputError("E003", "binary-file", "二进制文件（含 NUL 字节），不是文本报告")
        return text
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    # The usual legacy encoding of these reports. Big5 bytes are mostly valid
    # GB18030 too, so the text must also read as Chinese; chardet (slow) only
    # decides the rest.
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and reads_as_chinese(text[:PLAUSIBLE_CHARS]):
        return text, "gb18030", False
    import chardet  # imported only when neither UTF-8 nor GB18030 fits

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
    # Good text but for a few bytes: read it in the encoding it fits best.
    # GB18030 must also read as Chinese (it decodes most byte pairs).
    for name in ("utf-8", "gb18030"):
        text = _lenient(data, name)
        if text is not None and (name == "utf-8" or reads_as_chinese(text[:PLAUSIBLE_CHARS])):
            return text, name, False
    raise InputError("E004", "decode-error",
                     "无法识别编码（不是 UTF-8、GB18030、UTF-16 或 UTF-32）；可用 --encoding 指定")


# The five hundred commonest characters of written Chinese. In a correctly decoded
# report they make up well over a third of the Han characters (80 % in the
# corpus); in Big5 or other bytes misread as GB18030, under a tenth.
_COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后"
    "多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还"
    "因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结"
    "解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级"
    "少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领"
    "七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每"
    "目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影"
    "算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准"
    "精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听"
    "该铁价严申息请告")
PLAUSIBLE_CHARS = 2000     # characters of a decoded text looked at
MIN_HAN = 30               # fewer Han characters than this: too little to judge


def reads_as_chinese(sample: str) -> bool:
    """Whether decoded text reads as Chinese: enough Han characters, and a
    third of them among the commonest."""
    han = [ch for ch in sample if "\u4e00" <= ch <= "\u9fff"]
    if len(han) < MIN_HAN:
        return False
    return sum(ch in _COMMON_HANZI for ch in han) * 3 >= len(han)


def _looks_like_utf32(data: bytes) -> bool:
    """UTF-32 of BMP text: one of the outer bytes of every 4-byte unit is NUL."""
    return len(data) % 4 == 0 and (not any(data[3::4]) or not any(data[0::4]))


def _bomless_wide(data: bytes) -> tuple[str, str, bool] | None:
    """UTF-16 and UTF-32 without BOM have NUL bytes in fixed positions
    (ASCII, and for UTF-32 every character); binary has them anywhere.
    UTF-32 is tried first: as UTF-16 its text would hold NULs."""
    for codec, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) % unit:
            continue
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
