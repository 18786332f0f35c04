"""Whether a report has a body at all.

Some published reports are only a title (and the page's metadata and
chrome): the report itself is an image or an attached file
("附件：XX局2023年政府信息公开工作年度报告.pdf", "（点击下载）"). For such a
text, "section 二 is missing", "table 三 is missing" … are all true and all
beside the point: the one defect is that the body is missing.

missing_body(report) says so, with the evidence, once per report. It is a
precondition of the rules about the body's structure: missing-body (S008)
reports it, and the rules that would otherwise report every absent part
(missing-section S002, missing-table T001) check the same property and
stay quiet. The engine knows nothing of it; ignoring S008 silences the
finding, not the precondition.

A body is missing when the text has no section heading and no statistical
table, and what stands after the title (web chrome, page fields, the title
repeated and attachment lines left out) is no prose at all, or, next to an
attachment, an image or a download link, fewer than MAX_PROSE Chinese
characters (a sentence or two pointing to it: "…公布如下，详见附件。").
"""

from itertools import islice
from typing import NamedTuple

from govlint.model.document import Span
from govlint.patterns import compile_re, lazy

# Prose left after the title that still means "the body is elsewhere":
# "现将我局2023年政府信息公开工作年度报告公布如下，详见附件。"
MAX_PROSE = 300
# With no attachment or image in sight: nothing at all. One sentence of
# prose is a body (a thin one, which the section rules then judge).
MAX_BARE = 0
# A text with more Chinese characters than this is never a bare title
# (checked first, so long reports cost one count).
MAX_TEXT = 4000
# How much of an attachment line the finding quotes.
MAX_EVIDENCE = 120

_HAN = compile_re(r"[\u3400-\u9fff]")    # (5 ms to compile: from the pattern store)
# A file name: its extension, and up to 80 characters before it. The
# pattern tries those 80 characters from every position of a line, which
# costs milliseconds on a long line: a line is searched with it only when
# it holds an extension (_FILE_END), else with the other alternatives
# alone (the same matches, since the file name cannot match there).
_ATTACHMENT_FILE = r"[^\s|｜:：]{0,80}?\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z)(?![a-z0-9])"
_ATTACHMENT_WORDS = (
    r"附\s*件\s*[0-9０-９一二三四五六七八九十]?\s*[:：]"
    r"|(?:附件|相关附件|文件|全文|报告)(?:下载|预览)|(?:点击|请)?(?:下载|查看|浏览)(?:附件|全文|原文|文件|报告)"
    r"|点击下载|点此下载|下载地址|详见附件|见附件|附件(?:见|详见)")
_IMAGE_FILE = r"[^\s|｜:：]{0,80}?\.(?:jpe?g|png|gif|bmp|tiff?|webp)(?![a-z0-9])"
_IMAGE_MARKS = r"\[\s*(?:图片|image|img)\s*\]|【\s*图片\s*】|!\[[^\]\n]{0,80}\]\([^)\n]{0,200}\)|<img\b[^>\n]{0,300}>?"
_IMAGE_WORDS = r"(?<![\p{Han}])(?:图片|图像|扫描件|附图)[0-9０-９]{0,3}(?![\p{Han}])|点击(?:查看)?大图|(?:见|详见)(?:下)?图"
_ATTACHMENT = lazy(r"(?i)" + _ATTACHMENT_FILE + "|" + _ATTACHMENT_WORDS)
_IMAGE = lazy(r"(?i)" + _IMAGE_MARKS + "|" + _IMAGE_FILE + "|" + _IMAGE_WORDS)
# Each pattern without its file name, and the extensions that let a line hold one.
_ATTACHMENT_NO_FILE = lazy(r"(?i)" + _ATTACHMENT_WORDS)
_IMAGE_NO_FILE = lazy(r"(?i)" + _IMAGE_MARKS + "|" + _IMAGE_WORDS)
_FILE_END = lazy(r"(?i)\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z|jpe?g|png|gif|bmp|tiff?|webp)(?![a-z0-9])")
# Lines that are page furniture, not the report: counters, share bars,
# print and close buttons, navigation, page fields.
_CHROME = lazy(
    r"扫一扫|打印|关闭|收藏|分享|字号|字体|浏览次数|访问量|阅读次数|点击数|上一篇|下一篇|返回顶部|"
    r"当前位置|您的位置|首页|发布时间|发布日期|发文日期|成文日期|来源|信息来源|索引号|发布机构|发文机关|"
    r"主题分类|文号|发文字号|有效性|效力状态|关键词|生成日期|是否有效|责任部门|公开方式|公开形式|公开范围|"
    r"原文链接|原文地址|采集时间|抓取时间|标题|名称|视力保护色|无障碍|长者|智能问答|ENGLISH|"
    r"版权所有|主办单位|承办单位|主办|承办|标识码|备案|技术支持|联系我们|网站地图|政务公开|政务服务|互动交流")
_PROSE_PUNCT = compile_re(r"[，。；！？,;!?]")


class MissingBody(NamedTuple):
    span: Span                 # where the finding sits: the title, else the first text
    title: str | None          # the title as written, when there is one
    kind: str                  # "attachment", "image" or "none"
    evidence: Span | None      # the attachment line, the image, the download link
    prose: int                 # Chinese characters of prose after the title


def _title_span(report) -> Span | None:
    if report.title is not None:
        return report.title.span
    # A title the report model did not read: the first short line of the
    # front matter that names a report.
    text = report.text
    start = report.metadata_span.end if report.metadata_span else 0
    for line_start in _line_starts(text, start, report.front.end):
        end = text.find("\n", line_start)
        end = len(text) if end < 0 else end
        line = text[line_start:end].strip()
        if line and "报告" in line and len(line) <= 80 and not _PROSE_PUNCT.search(line):
            first = line_start + text[line_start:end].index(line)
            return Span(first, first + len(line))
    return None


def _is_title(line: str) -> bool:
    """The title again (a page shows it in its header and above the text)."""
    stripped = line.strip()
    return "报告" in stripped and len(stripped) <= 80 and not _PROSE_PUNCT.search(stripped)


def _line_starts(text: str, start: int, end: int):
    position = start
    while position < end:
        yield position
        newline = text.find("\n", position, end)
        if newline < 0:
            return
        position = newline + 1


def _read(report) -> MissingBody | None:
    if report.sections:
        return None
    text = report.text
    if next(islice(_HAN.finditer(text), MAX_TEXT, None), None) is not None:
        return None                # more than MAX_TEXT Chinese characters: counted no further
    title = _title_span(report)
    skip = [title] if title else []
    if report.metadata_span:
        skip.append(report.metadata_span)
    skip.extend(f.value_span for f in report.metadata)
    skip.extend(f.label_span for f in report.metadata)
    evidence, kind = None, "none"
    prose = 0
    for line_start in _line_starts(text, 0, len(text)):
        end = text.find("\n", line_start)
        end = len(text) if end < 0 else end
        pieces = [(line_start, end)]
        for span in skip:           # the title and the metadata, cut out of the line
            pieces = [p for a, b in pieces for p in ((a, min(b, span.start)), (max(a, span.end), b)) if p[0] < p[1]]
        line = "".join(text[a:b] for a, b in pieces)
        if not line.strip():
            continue
        signs = [(sort, m) for a, b in pieces
                 for sort, pattern in _signs(text, a, b) for m in pattern.finditer(text, a, b)]
        if signs and evidence is None:
            kind = "attachment" if any(sort == "attachment" for sort, _ in signs) else "image"
            first = min(m.start() for _, m in signs)
            last = max(m.end() for _, m in signs if m.start() < first + MAX_EVIDENCE)
            evidence = Span(*_strip(text, first, last))
        if signs or (_CHROME.search(line) and "。" not in line) or _is_title(line):
            continue
        prose += len(_HAN.findall(line))
    if prose > (MAX_PROSE if evidence else MAX_BARE):
        return None
    # (A table without headings is a body too; it needs no check here: the
    # table reader reads tables only in sections 二, 三 and 四, so a text
    # without sections has none, and its cells count as prose above.)
    if title is None:
        start = len(text) - len(text.lstrip())
        line_end = text.find("\n", start)
        return MissingBody(Span(start, len(text) if line_end < 0 else line_end), None, kind, evidence, prose)
    return MissingBody(title, text[title.start:title.end], kind, evidence, prose)


def _signs(text: str, start: int, end: int) -> tuple:
    """The patterns to search text[start:end] with for an attachment and an
    image: without their file names when no extension stands there."""
    if _FILE_END.search(text, start, end):
        return ("attachment", _ATTACHMENT), ("image", _IMAGE)
    return ("attachment", _ATTACHMENT_NO_FILE), ("image", _IMAGE_NO_FILE)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000":
        end -= 1
    return start, end


def missing_body(report) -> MissingBody | None:
    """Why the report's body is missing, or None when it has one. Read once
    per report and kept on it."""
    cached = report._missing_body
    if cached is False:
        cached = _read(report)
        report._missing_body = cached
    return cached


def has_body(report) -> bool:
    """The precondition of the rules about the body's parts."""
    return missing_body(report) is None
