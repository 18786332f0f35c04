"""A004 page-residue."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict

from govlint.model.document import Span
from govlint.model.headings import match_heading
from govlint.model.pages import HINT_CHARACTERS, PAGE_NUMBER, hint_lines, pagination
from govlint.patterns import compile_re, lazy
from govlint.rule import Edit, Finding, Fix, Option, rule

# "3/8": only outside the tables, and only when it reads as page n of m.
PAGE_FRACTION = lazy(r"(?P<n>[0-9]{1,4})[ \t]{0,2}[/／][ \t]{0,2}(?P<m>[0-9]{1,4})")
DIGITS_ONLY = lazy(r"[\s0-9０-９.,，。:：%％\-－—/／]*")
SENTENCE_END = "。！？；!?;"
MIN_HEADER, MAX_HEADER, MIN_REPEATS = 4, 40, 3
PAGE_RESIDUE_OPTIONS = (
    Option("header-repeats", int, MIN_REPEATS,
           "how many times the same short line must appear before it is taken for a running header or footer",
           "同一短行出现多少次才算作页眉页脚", minimum=2),
)
MAX_PAGE_NUMBER = 40    # no line PAGE_NUMBER or PAGE_FRACTION matches is longer
PAGE_HINT = compile_re(r"[页/／Pp\-－—–―‐‑]")   # and every one holds one of these
# What PAGE_HINT holds besides the characters of a page number.
_SLASHES = "/／"


def _quote(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _delete_line(document, index: int) -> Edit:
    start = document.line_starts[index]
    end = start + len(document.lines[index])
    if end < len(document.text):
        end += 1
    return Edit(Span(start, end), "")


def _candidates(report, stripped_lines, occurrences, repeats) -> list[int]:
    """The indices, in order, of the lines that may be a page number (they
    hold a PAGE_HINT character) or a running header (their text recurs
    repeats times); no other line can be either. The lines holding a
    character of a page number come from the reading of the page numbers
    (pages.hint_lines); those holding a slash of a fraction are found
    here, jumping to the next line after each one."""
    document = report.document
    text, starts = document.text, document.line_starts
    found = set(hint_lines(report))
    for slash in _SLASHES:
        at = text.find(slash)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            found.add(index)
            if index + 1 >= len(starts):
                break
            at = text.find(slash, starts[index + 1])
    frequent = {line for line, count in occurrences.items() if count >= repeats and line}
    if frequent:
        found.update(i for i, line in enumerate(stripped_lines) if line in frequent)
    return sorted(found)


@rule("A004", "page-residue", "warning", needs=(), zh=r"""
    正文中残留的页码和页眉页脚。

    检查内容：由打印或 PDF 页面带来、转换时保留下来的行：单独一行的页码（“- 3 -”
    “— 3 —”“第 3 页 共 8 页”“第3页/共8页”“3/8”“Page 3 of 8”），以及页眉页脚：在统计
    表之外重复出现三次以上的同一短行（4–40 个字符）。页眉只标出第一次之后的各次（第一次
    可能是真正的标题）。表格部分（二、三、四的正文）、含制表符或竖线的行（表格行）、只有
    数字的行、章节标题和以句末标点结尾的行，都不会被当作页眉页脚。按顺序给各页编号的页码
    （“- 1 -” … “- 5 -”）是文字来源文件（PDF、打印的 Word 文件）的分页：它们被当作分
    页处理（表格和段落跨页接续），不报告；不合顺序的页码是残留，会报告。

    为何重要：正文中间的页面元素会把段落和表格拆开，重复标题或机关名称，说明报告转换后没
    有再读一遍。

    示例：“…进一步规范了政府信息公开”和“工作流程。”之间的一行“- 3 -”，或每页顶部重复
    的“神木市卫生健康局”。

    修改方法：删除这一行（安全修复会删除），并把被它打断的段落接上。
    """, fix="safe", options=PAGE_RESIDUE_OPTIONS)
def check(report, options):
    """Page numbers and running headers or footers left in the text.

    What it checks: lines that a printed or PDF page put there and a
    conversion kept: a page number on a line of its own ("- 3 -", "— 3 —",
    "第 3 页 共 8 页", "第3页/共8页", "3/8", "Page 3 of 8"), and a running
    header or footer: the same short line (4–40 characters) repeated three
    or more times outside the statistical tables. For a running header every
    occurrence after the first is flagged (the first may be the real title).
    Table sections (二, 三, 四 bodies), lines with tabs or pipes (table
    rows), number-only lines, section headings and lines that end a sentence
    are never taken for a running header. Page numbers that number the pages
    in order ("- 1 -" … "- 5 -") are the pagination of the document the text
    was taken from (a PDF, a printed Word file): they are read as page breaks
    (tables and paragraphs continue across them) and not reported; a page
    number out of that order is a leftover and is.

    Why it matters: page furniture in the middle of the text splits
    paragraphs and tables, repeats the title or the agency name, and shows
    the report was converted without being read again.

    Example: a line "- 3 -" between "…进一步规范了政府信息公开" and
    "工作流程。", or "神木市卫生健康局" repeated at the top of every page.

    How to fix: delete the line (the safe fix does so) and rejoin the
    paragraph it interrupted.
    """
    document = report.document
    skip_end = report.metadata_span.end if report.metadata_span else 0
    heading_lines = {section.heading.line for section in report.sections}
    # Page numbers that number the pages in order are the pagination of the
    # document the text was taken from (a PDF, a printed Word file): page
    # structure, not leftovers a reader of that document would delete.
    pages = pagination(report)
    paginated = {p.line for p in pages}
    repeated: dict[str, list[int]] = defaultdict(list)
    # A header is reported only when its line recurs header-repeats times:
    # lines that occur fewer times are never looked at as headers.
    repeats = options["header-repeats"]
    stripped_lines = list(map(str.strip, document.lines))
    occurrences = Counter(stripped_lines)
    for index in _candidates(report, stripped_lines, occurrences, repeats):
        line = document.lines[index]
        stripped = stripped_lines[index]
        if not stripped or index in paginated:
            continue
        base = document.line_starts[index]
        if base + len(line) <= skip_end:
            continue
        # Cheap tests first: most lines are neither page numbers nor headers.
        short = len(stripped) <= MAX_PAGE_NUMBER and PAGE_HINT.search(stripped)
        page = short and PAGE_NUMBER.fullmatch(stripped)
        fraction = short and not page and PAGE_FRACTION.fullmatch(stripped)
        header = (occurrences[stripped] >= repeats and MIN_HEADER <= len(stripped) <= MAX_HEADER and "\t" not in line and "|" not in line
                  and "｜" not in line and stripped[-1] not in SENTENCE_END and index + 1 not in heading_lines
                  and not DIGITS_ONLY.fullmatch(stripped))
        if not (page or fraction or header):
            continue
        start = base + line.index(stripped)
        in_table = report.in_table_section(start)
        if page or (fraction and not in_table and 1 <= int(fraction["n"]) <= int(fraction["m"]) <= 999
                    and "\t" not in line and "|" not in line):
            yield Finding(Span(start, start + len(stripped)), f"页码残留“{stripped}”：请删除",
                          Fix(f"删除页码行“{stripped}”", (_delete_line(document, index),), safe=True))
            continue
        if header and not in_table:
            repeated[stripped].append(index)
    for stripped, indexes in repeated.items():
        if len(indexes) < repeats or match_heading(stripped):
            continue
        for index in indexes[1:]:
            line = document.lines[index]
            start = document.line_starts[index] + line.index(stripped)
            yield Finding(Span(start, start + len(stripped)),
                          f"页眉页脚残留“{_quote(stripped)}”（全文重复 {len(indexes)} 次）：请删除",
                          Fix(f"删除重复的页眉页脚“{_quote(stripped)}”", (_delete_line(document, index),),
                              safe=True))
