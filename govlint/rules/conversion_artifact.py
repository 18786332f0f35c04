"""A001 conversion-artifact."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from govlint.model.document import Span
from govlint.patterns import compile_pattern, lazy
from govlint.rule import Edit, Finding, Fix, rule

# Word bookmarks as written by converters: "[bookmark: _GoBack]".
_BOOKMARK = r"(?P<bookmark>\[bookmark:[ \t]{0,3}[^\]\n]{0,200}\])"

# Field switches: \* MERGEFORMAT, \# "0.00", \@ "yyyy年M月d日", \o "1-3", \h, \z, \u …
_SWITCHES = (r"(?:[ \t]{1,3}\\(?:\*[ \t]{0,3}[A-Za-z]{1,20}|[#@][ \t]{0,3}(?:\"[^\"\n]{0,60}\"|[0#.,]{1,20})"
             r"|[a-z](?:[ \t]{1,3}\"[^\"\n]{0,120}\")?)){0,12}")
_FIELD_WORDS = (r"PAGE|NUMPAGES|SECTIONPAGES|NUMWORDS|NUMCHARS|DATE|TIME|CREATEDATE|SAVEDATE|PRINTDATE|"
                r"TOC|HYPERLINK|PAGEREF|REF|NOTEREF|STYLEREF|MERGEFIELD|MERGEFORMAT|SEQ|FILENAME|AUTHOR|"
                r"TITLE|SECTION|INCLUDEPICTURE|INCLUDETEXT|FORMTEXT|FORMCHECKBOX|FORMDROPDOWN|EQ|SYMBOL|"
                r"LISTNUM|AUTONUM|AUTONUMLGL|QUOTE|ADVANCE|SET|IF|FILLIN|ASK|DOCPROPERTY|USERNAME")
_FIELD = (
    r"(?P<field>"
    # { PAGE } / { PAGE \* MERGEFORMAT } / { HYPERLINK "…" }: any known field word inside braces.
    r"\{[ \t]{0,3}(?:" + _FIELD_WORDS + r")(?![A-Za-z])[^{}\n]{0,200}\}"
    # A field word and its arguments, then its switches (which may be none,
    # so writing them once after the alternatives matches the same text).
    r"|(?:HYPERLINK[ \t]{1,3}(?:\\[lmnot][ \t]{0,3})?\"[^\"\n]{0,500}\""
    r"|(?:PAGEREF|NOTEREF|REF)[ \t]{1,3}_[A-Za-z]{2,12}[0-9]{1,20}"
    r"|MERGEFIELD[ \t]{1,3}(?:\"[^\"\n]{0,100}\"|[^\s\\\"]{1,60})"
    r"|SEQ[ \t]{1,3}[^\s\\\"]{1,20}(?=[ \t]{1,3}\\)"
    r"|TOC(?=[ \t]{1,3}\\[a-z])"
    r"|(?:PAGE|NUMPAGES|SECTIONPAGES|NUMWORDS|DATE|TIME)(?=[ \t]{1,3}\\[*#@])"
    r"|(?:NUMPAGES|SECTIONPAGES)(?![A-Za-z]))" + _SWITCHES +
    r"|\\\*[ \t]{0,3}MERGEFORMAT(?![A-Za-z])"
    r")"
)
# Texts Word puts in place of a broken cross-reference, TOC or bookmark.
_WORD_ERROR = (
    r"(?P<error>错误[！!][ \t]{0,2}(?:未定义书签|未找到引用源|书签自引用无效|超链接引用无效|未找到目录项"
    r"|文档中没有指定样式的文字|未指定书签名)[。.]?"
    r"|Error![ \t]{1,2}(?:Bookmark not defined|Reference source not found|No table of contents entries found"
    r"|Hyperlink reference not valid|No text of specified style in document|Bookmark self-reference|"
    r"No bookmark name given)\.?)"
)
_HTML_TAGS = (r"a|abbr|b|big|blockquote|body|br|caption|center|col|colgroup|dd|del|div|dl|dt|em|font|form|"
              r"h[1-6]|head|hr|html|i|iframe|img|input|ins|label|li|link|meta|nobr|o:p|ol|p|pre|s|script|"
              r"small|span|strike|strong|style|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|u|ul|wbr|"
              r"section|article|header|footer|nav|st1:[a-z]{1,20}|v:[a-z]{1,20}|w:[a-z]{1,20}")
_HTML = (
    r"(?P<tag></?(?i:" + _HTML_TAGS + r")(?![A-Za-z0-9:-])(?:[ \t/][^<>\n]{0,500})?>"
    # Comments, Word's conditional comments included; a comment body never
    # holds "<", which keeps the scan from each "<!--" short.
    r"|<!--[^<\n]{0,2000}?-->|<!\[endif\]-{0,2}>)"
)
_ENTITY = r"(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|nbsp(?![A-Za-z0-9;])))"

# Markdown left by a conversion: heading markers ("## 一、总体情况") where a
# line or a sentence starts, and bold markers around a short phrase.
_MARKDOWN = (r"(?P<mdhead>(?:(?<=^)|(?<=\n)|(?<=[。！？；]))[ \t]{0,3}#{1,6}[ \t]+(?=[^\s#])"
             r"|#{1,6}[ \t]*(?=[一二三四五六][、.．]))"
             r"|(?P<mdbold>\*\*(?=[^*\n]{1,80}\*\*)[^*\n]{1,80}\*\*)")
# Each part of the pattern, and the strings one of which every match of
# that part holds (a field code: its brace, a switch's backslash or one of
# these words).
_PARTS = ((_BOOKMARK, ("[bookmark",)), (_WORD_ERROR, ("错误", "Error!")), (_HTML, ("<",)), (_ENTITY, ("&",)),
          (_FIELD, ("{", "\\", "HYPERLINK", "REF", "MERGEFIELD", "PAGES")), (_MARKDOWN, ("#", "**")))
PATTERN = lazy("|".join(part for part, _ in _PARTS))


@lru_cache(maxsize=64)
def _pattern(present: tuple[bool, ...]):
    """PATTERN without the parts whose strings the text does not hold
    (present: for each part, whether it holds one). Those parts match
    nowhere in it, so the alternation of the others finds the same
    matches, and scans faster: a bookmark alone, the one kind most texts
    that hold any call for, the regex module finds from its literal start,
    where the whole alternation was tried at every character."""
    if all(present):
        return PATTERN
    return compile_pattern("|".join(part for (part, _), here in zip(_PARTS, present) if here))


_TAG_NAME = lazy(r"</?[A-Za-z0-9:]+")

_KINDS = {
    "bookmark": "Word 书签残留",
    "field": "Word 域代码残留",
    "error": "Word 域错误文字",
    "tag": "HTML 标签残留",
    "entity": "HTML 实体残留",
    "mdhead": "Markdown 标题标记残留",
    "mdbold": "Markdown 粗体标记残留",
}


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _known_entity(name: str) -> bool:
    from html.entities import html5  # imported only when a text holds an entity

    return name in html5


def _entity_value(entity: str) -> str | None:
    """The text an entity stands for (a no-break space reads as a plain
    space), or None if it is not a real entity."""
    if entity.startswith("&#"):
        try:
            code = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
        except ValueError:
            return None
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        value = chr(code) if code else ""
    elif entity == "&nbsp":
        value = "\xa0"
    elif _known_entity(entity[1:]):
        import html

        value = html.unescape(entity)
    else:
        return None
    # No-break and other narrow or wide spaces read as a plain space; the
    # ideographic space U+3000 stays what it is.
    value = "".join(" " if unicodedata.category(ch) == "Zs" and ch != "\u3000" else ch for ch in value)
    if any(not ch.isprintable() and ch != "\u3000" for ch in value):
        return ""
    return value


def _looks_like_tag(found: str) -> bool:
    """A tag with attributes must have name=value pairs ("<b and c>" is prose)."""
    if found.startswith("<!"):
        return True
    name_end = _TAG_NAME.match(found).end()
    rest = found[name_end:-1].strip(" \t/")
    return not rest or "=" in rest


def _glues_digits(text: str, start: int, end: int) -> bool:
    """Deleting text[start:end] would join two digits into one number."""
    return 0 < start and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()


@rule("A001", "conversion-artifact", "warning", needs=(), zh=r"""
    Word 或网页转换留下的痕迹：书签、域代码、错误提示、标签、实体。

    检查内容：Word 或网页转成文字时留下、本不该让读者看到的内容：Word 书签，如
    “[bookmark: _GoBack]”；Word 域代码（HYPERLINK "…"、PAGE \* MERGEFORMAT、
    NUMPAGES、TOC \o "1-3" \h \z \u、MERGEFIELD、REF _Ref… \h、{ PAGE }）；Word
    在引用失效时显示的文字（“错误！未定义书签。”“错误!未找到引用源。”“Error! Bookmark
    not defined.”“Error! Reference source not found.”）；HTML 标签（<br>、<br />、
    </p>、<span …>、<td>、<!-- … -->）和 HTML 实体（&nbsp; &amp; &lt; &#160;
    &#x3000; …）；Markdown 的标题和加粗标记（“## 一、总体情况”“**二、主动公开政府信息
    情况**”）。Markdown 式的竖线表格和网页元数据块中的方括号标签（“[索引号]”）不算
    转换痕迹。

    为何重要：发布的报告会原样显示这些残留，显得未经编辑；它们还会把表格单元格拆散、
    遮住真正的文字（显示为“错误！未找到引用源。”的交叉引用已经丢失了引用对象）。

    示例：表三表头单元格“[bookmark: _GoBack]法人或其他组织”。

    修改方法：删除残留内容（安全修复会直接删除）；把 HTML 实体换成它代表的字符
    （&nbsp; 换成空格，&amp; 换成 &；代表数字的实体改动的是数字，这种修复不安全）。Word
    错误提示替换了交叉引用的，把引用内容写出来。在 Word 中：发布前接受或拒绝所有修订（审阅 → 接受/拒绝），并删除批注。
    """, fix="mixed")
def check(report, options):
    """Word or HTML conversion leftovers: bookmarks, field codes, error texts, tags, entities.

    What it checks: text that a Word or HTML-to-text conversion left behind
    and that no reader was meant to see: Word bookmarks such as
    "[bookmark: _GoBack]"; Word field codes (HYPERLINK "…",
    PAGE \\* MERGEFORMAT, NUMPAGES, TOC \\o "1-3" \\h \\z \\u, MERGEFIELD,
    REF _Ref… \\h, { PAGE }); the texts Word shows for a broken reference
    ("错误！未定义书签。", "错误!未找到引用源。", "Error! Bookmark not
    defined.", "Error! Reference source not found."); HTML tags (<br>,
    <br />, </p>, <span …>, <td>, <!-- … -->) and HTML entities (&nbsp;
    &amp; &lt; &#160; &#x3000; …); Markdown heading and bold markers
    ("## 一、总体情况", "**二、主动公开政府信息情况**"). Markdown-style pipe
    tables and the bracketed labels of a web page's metadata block
    ("[索引号]") are not artifacts.

    Why it matters: the published report shows these leftovers verbatim;
    they make it look unedited, break table cells apart and hide the real
    text (a cross-reference that reads "错误！未找到引用源。" has lost its
    target).

    Example: the table-三 header cell "[bookmark: _GoBack]法人或其他组织".

    How to fix: delete the artifact (the safe fix does so); replace an HTML
    entity with the character it stands for (&nbsp; becomes a space, &amp;
    becomes &; an entity that stands for a digit changes a number, so that
    fix is unsafe). Where a Word error text replaced a cross-reference, write the
    reference out. In Word: accept or reject all changes (审阅 → 接受/拒绝)
    and delete the comments before publishing.
    """
    text = report.text
    origin = report.document.origin
    if origin is not None:          # leftovers a reader found outside the text (.docx revisions, comments)
        for start, end, message in origin.artifacts:
            yield Finding(Span(start, end), message)
    # A text holding none of the parts' strings is not scanned. Plain `in`
    # tests: faster than any pattern over the whole text.
    present = tuple(any(trigger in text for trigger in triggers) for _, triggers in _PARTS)
    if not any(present):
        return
    for match in _pattern(present).finditer(text):
        kind = match.lastgroup
        found = match.group()
        start, end = match.span()
        if kind == "entity":
            value = _entity_value(found)
            if value is None:
                continue
            shown = {" ": "空格", "\u3000": "全角空格"}.get(value, f"“{value}”")
            if value == "":
                message = f"{_KINDS[kind]}“{found}”：请删除"
                fix = Fix(f"删除“{found}”", (Edit(Span(start, end), ""),), safe=True)
            else:
                message = f"{_KINDS[kind]}“{found}”：请替换为{shown}"
                fix = Fix(f"将“{found}”替换为{shown}", (Edit(Span(start, end), value),),
                          safe=not any(ch.isdigit() for ch in value))
            yield Finding(Span(start, end), message, fix)
            continue
        if kind == "mdbold":
            yield Finding(Span(start, end), f"{_KINDS[kind]}“{_quote(found)}”：请删除星号",
                          Fix("删除粗体标记“**”", (Edit(Span(start, start + 2), ""), Edit(Span(end - 2, end), "")),
                              safe=True))
            continue
        if kind == "tag" and not _looks_like_tag(found):
            continue
        if kind == "tag" and found.startswith("<!"):
            message = f"HTML 注释残留“{_quote(found)}”：请删除"
        elif kind == "error":
            message = f"{_KINDS[kind]}“{found}”：请删除，或改为所引用的实际内容"
        elif kind == "bookmark":
            message = f"{_KINDS[kind]}“{_quote(found)}”：Word 的隐藏书签在转为文本时写了出来，请删除"
        else:
            message = f"{_KINDS[kind]}“{_quote(found)}”：请删除"
        fix = Fix(f"删除“{_quote(found)}”", (Edit(Span(start, end), ""),), safe=True)
        if kind == "tag" and _glues_digits(text, start, end):
            fix = None   # "1<br>2" must not become "12"
        yield Finding(Span(start, end), message, fix)
