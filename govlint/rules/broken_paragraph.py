"""A003 broken-paragraph."""
from __future__ import annotations


from govlint.model.document import Span
from govlint.model.headings import match_heading
from govlint.model.pages import page_lines, pagination
from govlint.patterns import VERBOSE, lazy
from govlint.model.report import parse_title
from govlint.rule import Edit, Finding, Fix, Option, rule
from govlint.model.text import is_cjk

# A line that starts a new unit rather than continuing a sentence: a
# numbered item, a list marker, an "一是…" enumeration or a heading.
_STARTS_UNIT = lazy(
    r"""^\s*(?:
        [(（]\s*[一二三四五六七八九十0-9０-９]{1,3}\s*[)）]
      | [一二三四五六七八九十]{1,3}\s*[、.．]
      | [0-9０-９]{1,2}\s*[、.．)）](?![0-9０-９])
      | [①-⑳•·●○◆■□▪\-—*]
      | 第[一二三四五六七八九十0-9]+[部章节条项]
      | [一二三四五六七八九十]是
    )""",
    VERBOSE,
)
# A page number alone on a line may stand between the two halves.
_PAGE_FRACTION = lazy(r"^\s*\d{1,3}\s*/\s*\d{1,3}\s*$")
# How a sentence fragment may end: mid-word, mid-clause, or on an opening mark.
_OPEN_END = "，、（“《‘〈［【("
_PROSE = lazy(r"[，。；、：,;]")
MIN_FRAGMENT = 10
BROKEN_PARAGRAPH_OPTIONS = (
    Option("min-fragment", int, MIN_FRAGMENT,
           "shortest line, in characters, taken for the first half of a broken sentence (raise it when short lines "
           "are reported)", "可作为被断开句子前半部分的最短行（字数）；短行被误报时可调大", minimum=1),
)


def _ends_open(line: str) -> bool:
    last = line[-1]
    return is_cjk(last) or last.isalnum() or last in _OPEN_END


_WIDE_GAP = lazy(r"\S[ \u3000]{2,}\S")


def _wide_gap(line: str) -> bool:
    """Columns aligned with spaces: two blanks or more between two characters.
    A line without two blanks in a row has none: that is found by substring
    searches in C first, where the pattern tests \\S at every character."""
    return (("  " in line or "\u3000\u3000" in line or " \u3000" in line or "\u3000 " in line)
            and _WIDE_GAP.search(line) is not None)


# A numbered heading of any outline ("四、政府信息公开的收费及减免情况"): a
# short line after a Chinese numeral, no sentence ending in it.
_HEADING_LIKE = lazy(r"^[ \t\u3000]*[一二三四五六七八九十]{1,2}[、.．][^。；！？，]{2,40}$")
# A numbered sub-heading, which may join two phrases with a comma
# ("（三）创新工作方法，学习先进经验", "(二)完善制度建设,提高公开实效"): a short
# line after （一） or 1., with no sentence stop or colon in it.
_SUBHEADING = lazy(r"^[ \t\u3000]*(?:[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[0-9０-９]{1,2}\s*[.．、](?![0-9０-９]))"
                   r"[^。；！？：:;!?]{2,24}$")


def _is_prose(line: str, shortest: int = MIN_FRAGMENT) -> bool:
    """A line of running text: long enough, with sentence punctuation inside,
    and not a row of cells (tabs, pipes, or columns aligned with spaces)."""
    stripped = line.strip()
    return (len(stripped) >= shortest and "\t" not in line and "|" not in line
            and not _wide_gap(stripped) and bool(_PROSE.search(stripped[:-1])))


def _continues(line: str) -> bool:
    """Could line be the second half of a sentence? Titles, signatures and
    other short lines without punctuation are not."""
    stripped = line.strip()
    if parse_title(stripped) is not None or _wide_gap(stripped):
        return False
    return len(stripped) >= 20 or bool(_PROSE.search(stripped))


@rule("A003", "broken-paragraph", "warning", needs=(), zh=r"""
    一句话被分页或空行断成了两段。

    检查内容：正文中在句子中间结束的一行（结尾是汉字、数字或逗号，而不是“。！？”或右
    引号、右括号等），后面跟着一个或多个空行（或单独一行的页码），再接着一行续写的内容。
    标题、编号条目、“一是…”式的列举、表格行，以及标题、落款之类的短行，都不会被当作断开
    的片段。问题标在断开处，即前一段的末尾。

    为何重要：从 PDF 或 Word 转换时，分页符常常落在句子甚至词语中间（“卫” / “生健康”）；
    读者看到的是在词语中间中断的段落，搜索引擎收录的是断开的两半。

    示例：“…研究部署卫” /（空行）/ “生健康信息公开特别是重点领域信息…”

    修改方法：把两部分接成一段（`govlint --fix` 会这样做：删除中间的空行）。
    """, fix="safe", options=BROKEN_PARAGRAPH_OPTIONS)
def check(report, options):
    """A sentence is cut in two by a page break or a blank line.

    What it checks: a prose line that ends mid-sentence (on a character, a
    digit or a comma, not on 。！？ or a closing mark), followed by one or
    more blank lines (or a page number alone on a line) and then a line that
    continues it. Headings, numbered items, "一是…" enumerations, table rows
    and short lines such as titles and signatures are never treated as
    fragments. The finding sits at the cut, at the end of the first part.

    Why it matters: conversion from PDF or Word leaves page breaks inside
    sentences and even inside words ("卫" / "生健康"); readers see a
    paragraph that stops mid-word, and search engines index two broken
    halves.

    Example: "…研究部署卫" / (blank line) / "生健康信息公开特别是重点领域信息…"

    How to fix: join the two parts into one paragraph (`govlint --fix` does
    it: the blank lines between them are removed).
    """
    document = report.document
    lines = document.lines
    paginated = {p.line for p in pagination(report)}
    numbered = page_lines(report)           # the lines that are a page number
    metadata_end = report.metadata_span.end if report.metadata_span else 0
    count = len(lines)
    for index, line in enumerate(lines):
        # Most lines are followed by text: no gap, nothing to look at (the
        # gap is checked in full below; this only skips the cheap cases first).
        if index + 1 < count:
            nxt = lines[index + 1]
            if nxt.strip() and "/" not in nxt and index + 1 not in numbered:
                continue        # (a page fraction holds a "/")
        start = document.line_starts[index]
        if start < metadata_end or not _is_prose(line, options["min-fragment"]):
            continue
        fragment = line.rstrip()
        if not _ends_open(fragment) or match_heading(line) or _HEADING_LIKE.match(line) or _SUBHEADING.match(fragment):
            continue
        following, gap = index + 1, 0
        while following < count and (not lines[following].strip() or following in numbered
                                     or _PAGE_FRACTION.match(lines[following])):
            following += 1
            gap += 1
        if gap == 0 or following >= count or paginated & set(range(index + 1, following)):
            continue        # a page break of a paginated document (page-residue says so once)
        nxt = lines[following]
        body = nxt.lstrip()
        if (not body or "\t" in nxt or "|" in nxt or _STARTS_UNIT.match(nxt) or not _continues(nxt)
                or match_heading(nxt) or _HEADING_LIKE.match(nxt) or not (is_cjk(body[0]) or body[0] in "，。、；：）”》")):
            continue
        cut = Span(start + len(fragment), document.line_starts[following] + len(nxt) - len(body))
        joiner = " " if fragment[-1].isascii() and fragment[-1].isalnum() and body[0].isascii() else ""
        tail, head = fragment[-6:], body[:6]
        yield Finding(cut, f"句子被空行断开（“…{tail}”与“{head}…”）：请合并为一段",
                      fix=Fix("合并被断开的段落", (Edit(cut, joiner),), safe=True), key=tail + head)
