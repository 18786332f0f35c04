"""X001–X003: this year's report against last year's report of the same agency.

report.previous is last year's report (given with --previous, or paired
automatically when both are linted, govlint/engine/pairing.py); without it these
rules yield nothing. Findings sit in this year's report. No related
location can point into the other file, so messages name last year's value
and the path of last year's report.
"""
from __future__ import annotations

from govlint.patterns import lazy
from govlint.rule import Finding, Option, Related, rule
from govlint.model.text import fold

# Sections whose text is compared. Sections 二, 三 and 四 are the tables:
# their text is the official template's labels, the same in every report
# (two different agencies' reports in corpus/ score up to 100), so their
# numbers are compared instead (the identical-tables check below).
TEXT_SECTIONS = (1, 5, 6)

# Shorter sections (after normalising) are not compared: one-line sections
# such as 六 "本年度未收取信息处理费。" (12 characters) or "2025年,我局未收取
# 任何信息处理费以及其他需要报告的事项。" (26) are rightly the same every
# year. The shortest real 一 or 五 in corpus/ has 186.
MIN_LENGTH = 100

# fuzz.ratio (0–100) at or above which a section counts as recycled,
# measured on corpus/ with the text normalised as below:
# - honest pairs, every two different corpus reports, sections 一, 五, 六 of
#   at least MIN_LENGTH: at most 27.2 (shared words such as 主动公开,
#   政务公开, 进一步 and the sub-headings);
# - recycled pairs, a section with the year changed and one or two
#   sentences edited: 90–99 when a phrase of a sentence is rewritten (what
#   tests/test_cross_year.py builds); with half of one or two sentences
#   rewritten from other reports' text (50 random trials per section),
#   at least 82.4 in every section of 300 characters or more, typically
#   94–97 in a 一 of 500–1000 characters.
# 80 sits below all of those and far above the honest pairs, leaving room
# for an agency that honestly keeps its sub-headings and a few set phrases
# from one year to the next. format-spec §7 D03 suggests 0.9, but two
# half-rewritten sentences already bring a 五 of 300–400 characters to
# 82–87, and that is still a recycled section.
SIMILARITY = 80
RECYCLED_TEXT_OPTIONS = (
    Option("similarity", int, SIMILARITY, "similarity to last year's section, in percent, from which a section is "
           "reported as recycled", "与上一年同一节的相似度（百分比）达到多少即报告为照抄", minimum=1, maximum=100),
)

_DIGITS = lazy(r"\d+(?:\.\d+)?")
# years and counts written in Chinese digits: 二〇二三年, 二零二四
_CHINESE_YEAR = lazy(r"[一二三四五六七八九][〇零][〇零一二三四五六七八九]+|[〇零][〇零一二三四五六七八九]+")


def normalise(text: str) -> str:
    """Text for comparison: folded (no spaces, width unified) with digits,
    years and counts removed, since those change every year."""
    return _CHINESE_YEAR.sub("", _DIGITS.sub("", fold(text)))


def _fmt(value) -> str:
    return format(value, "f").rstrip("0").rstrip(".") if not isinstance(value, int) else str(value)


def _year(report) -> int | None:
    return report.title.year if report.title else None


def _years(report) -> tuple[str, str]:
    """How messages name this year and last year."""
    this, last = _year(report), _year(report.previous)
    return (f"{this}年" if this else "本年",
            f"{last}年" if last else (f"{this - 1}年" if this else "上年"))


def _path(report) -> str:
    return report.previous.document.path


def _usable(cell) -> bool:
    return cell is not None and cell.filled and cell.span is not None


def _year_changed(report) -> bool:
    """False when the previous report is this one again (same year in both
    titles, or the same text): identical content is then no defect."""
    this, last = _year(report), _year(report.previous)
    if this and last:
        return this != last
    return report.text != report.previous.text


@rule("X001", "carry-over-mismatch", "error", needs=("tables",), zh=r"""
    表三：二、上年结转 ≠ 上一年报告的四、结转下年度继续办理。

    检查内容：有同一机关上一年的报告时（--previous，或两份报告一起检查），本年“二、上年结
    转政府信息公开申请数量”一行的每个申请人栏，等于上一年“四、结转下年度继续办理”一行的同
    一栏（format-spec §5.3 T3-5）。只比较两份报告都有的栏，且只比较不靠猜测就能读成数字的
    单元格；2020年到2021年的格式变化不影响比较（一至四行相同）。问题标在本年的上年结转单元
    格上。

    为何重要：结转进本年的申请，正是上一年结转出去的那些；数字不同，就是两份报告中有一份
    丢了或多出了申请。

    示例：2023年报告：四、结转下年度继续办理 / 自然人 = 2；2024年报告：二、上年结转政府信息公
    开申请数量 / 自然人 = 0。

    修改方法：上年结转取上一年的结转下年度继续办理；如果上一年的数字有误，在报告中说明。
    """)
def carry_over_mismatch(report, options):
    """Table 三: 二、上年结转 ≠ last year's 四、结转下年度继续办理.

    What it checks: with last year's report of the same agency (--previous,
    or both reports linted together), each applicant column of this year's
    row 二、上年结转政府信息公开申请数量 equals the same column of last
    year's row 四、结转下年度继续办理 (format-spec §5.3 T3-5). Only columns
    both reports have and cells read as numbers without guessing are
    compared; the 2020 → 2021 format change does not matter (rows 一 to 四
    are the same). The finding sits on this year's 上年结转 cell.

    Why it matters: the applications carried into this year are exactly
    those carried out of last year; when the numbers differ, one of the two
    reports has lost or invented applications.

    Example: 2023 report: 四、结转下年度继续办理 / 自然人 = 2; 2024 report:
    二、上年结转政府信息公开申请数量 / 自然人 = 0.

    How to fix: take 上年结转 from last year's 结转下年度继续办理; if last
    year's number was wrong, say so in the report.
    """
    previous = report.previous
    if previous is None:
        return
    table, before = report.table("三"), previous.table("三")
    if table is None or before is None:
        return
    this_year, last_year = _years(report)
    theirs = {c.key for c in before.columns}
    for column in table.columns:
        if column.key not in theirs:
            continue
        cell, old = table.cell("carried_in", column.key), before.cell("carried_out", column.key)
        if not _usable(cell) or not _usable(old) or cell.value == old.value:
            continue
        yield Finding(cell.span,
                      f"{this_year}“上年结转”（{column.label}）为 {_fmt(cell.value)}，"
                      f"但{last_year}报告（{_path(report)}）“结转下年度继续办理”为 {_fmt(old.value)}："
                      f"两者应相等，请核对",
                      key=f"三/carried_in/{column.key}")


@rule("X002", "valid-count-mismatch", "warning", needs=("tables",), zh=r"""
    表二：现行有效件数 ≠ 上一年的现行有效件数 + 本年制发件数 − 本年废止件数。

    检查内容：在2021年格式中，有同一机关上一年、同为2021年格式的报告时，对规章和行政规范性
    文件分别核对：现行有效件数 = 上一年的现行有效件数 + 本年制发件数 − 本年废止件数
    （format-spec §4.3 T2-3）。问题标在本年的现行有效件数单元格上，本年制发件数和本年废止件数
    作为相关位置列出。

    为何重要：现行有效的文件只会因制发和废止而变化；不符合这个关系的件数，通常是录入错误或
    沿用了上一年的数字。修订和重新编号也可能合理地打破这个等式，所以只报警告。

    示例：2023年：行政规范性文件现行有效件数 3；2024年：本年制发 1，本年废止 0，现行有效件数
    3（应为 4）。

    修改方法：重新清点现行有效的文件；差异是修订或清理造成的，在报告中说明。
    """)
def valid_count_mismatch(report, options):
    """Table 二: 现行有效件数 ≠ last year's + 本年制发件数 − 本年废止件数.

    What it checks: in the 2021 format, with last year's report of the same
    agency also in the 2021 format, for 规章 and for 行政规范性文件:
    现行有效件数 = last year's 现行有效件数 + this year's 本年制发件数 −
    本年废止件数 (format-spec §4.3 T2-3). The finding sits on this year's
    现行有效件数 cell, with 本年制发件数 and 本年废止件数 as related
    locations.

    Why it matters: the documents in force change only by those made and
    those repealed; a count that does not follow is usually a typing error
    or last year's number left in place. Revisions and renumbering can break
    the equality honestly, hence a warning.

    Example: 2023: 行政规范性文件 现行有效件数 3; 2024: 本年制发 1, 本年废止 0,
    现行有效件数 3 (expected 4).

    How to fix: recount the documents in force; when revisions or a
    clean-up explain the difference, say so in the report.
    """
    previous = report.previous
    if previous is None:
        return
    table, before = report.table("二"), previous.table("二")
    if table is None or before is None or table.format != "2021" or before.format != "2021":
        return
    this_year, last_year = _years(report)
    for row in ("rules", "normative"):
        current = table.cell(row, "in_force", "item1")
        made, repealed = table.cell(row, "made", "item1"), table.cell(row, "repealed", "item1")
        old = before.cell(row, "in_force", "item1")
        if not all(_usable(c) for c in (current, made, repealed, old)):
            continue
        expected = old.value + made.value - repealed.value
        if current.value == expected:
            continue
        yield Finding(current.span,
                      f"{current.row_label}“现行有效件数”为 {_fmt(current.value)}，但{last_year}报告"
                      f"（{_path(report)}）的 {_fmt(old.value)} ＋ 本年制发 {_fmt(made.value)} － "
                      f"本年废止 {_fmt(repealed.value)} ＝ {_fmt(expected)}：请核对，如有修订或清理请在正文说明",
                      related=(Related(made.span, f"{made.where} = {_fmt(made.value)}"),
                               Related(repealed.span, f"{repealed.where} = {_fmt(repealed.value)}")),
                      key=f"二/item1/{row}/in_force")


def _table_data(report) -> dict:
    data = {}
    for numeral in ("二", "三", "四"):
        table = report.table(numeral)
        if table is not None:
            data.update({(numeral, c.block, c.row, c.column): c.value for c in table.all_cells() if c.filled})
    return data


@rule("X003", "recycled-text", "warning", needs=("tables",), zh=r"""
    某一章或全部表格数据与上一年相同。

    检查内容：有同一机关上一年的报告时，一、五、六各章中去掉数字和年份后至少有 100 个字的，
    与上一年的同一章比较；相似度（rapidfuzz ratio）达到 80% 以上的，报在本年该章标题上。表
    二、表三、表四中每个已填单元格的数字都与上一年相同、且并非全是 0 时，问题标在第一张表的
    第一个单元格上。两份报告标题中的年份相同（同一份报告出现两次）时不报告。

    为何重要：2021年格式的明确责任条款把内容雷同列为问题（format-spec §7 D03）：改了年份、
    照抄上一年的报告，没有报告本年的工作；连续两年数字完全相同，几乎都是沿用了上一年的表格。
    两年都没有收到申请，全零的表格理应相同，这种情况不报告。

    示例：2024年的“五、存在的主要问题及改进情况”逐字重复了2023年的问题和措施。

    修改方法：根据本年的工作、问题和措施撰写这一章；用本年的数字填写表格。
    """, options=RECYCLED_TEXT_OPTIONS)
def recycled_text(report, options):
    """A section, or all the table data, is last year's again.

    What it checks: with last year's report of the same agency, each of
    sections 一, 五 and 六 whose text (digits and years removed) has at least
    100 characters is compared with the same section last year; a similarity
    (rapidfuzz ratio) of 80% or more is reported on this year's heading. And
    when every filled cell of tables 二, 三 and 四 holds the same number as
    last year, and not all of them are 0, the finding sits on the first
    table's first cell. Nothing is reported when both titles give the same
    year (the same report twice).

    Why it matters: the 2021 format's 明确责任 clause names 内容雷同 as a
    defect (format-spec §7 D03): a report copied from last year with the
    year changed does not report this year's work, and identical numbers
    two years running are almost always last year's table left in place.
    Two years with no applications at all rightly give identical zero
    tables, so those are not reported.

    Example: 五、存在的主要问题及改进情况 in 2024 repeats 2023's problems
    and measures word for word.

    How to fix: write the section from this year's work, problems and
    measures; fill the tables with this year's numbers.
    """
    previous = report.previous
    if previous is None or not _year_changed(report):
        return
    _, last_year = _years(report)
    for number in TEXT_SECTIONS:
        section, before = report.section(number), previous.section(number)
        if section is None or before is None:
            continue
        text = normalise(report.text[section.body.start:section.body.end])
        old = normalise(previous.text[before.body.start:before.body.end])
        if len(text) < MIN_LENGTH or len(old) < MIN_LENGTH:
            continue
        from rapidfuzz import fuzz  # imported only when there is last year to compare

        score = fuzz.ratio(text, old, score_cutoff=options["similarity"])
        if score:
            yield Finding(section.heading.span,
                          f"本节与{last_year}报告（{_path(report)}）同一节几乎相同（相似度 {score:.0f}%）："
                          f"请按本年实际情况重写",
                          key=f"section/{number}")
    data = _table_data(report)
    if data and data == _table_data(previous) and any(value != 0 for value in data.values()):
        first = next(report.table(n) for n in ("二", "三", "四") if report.table(n) is not None)
        yield Finding(first.anchor,
                      f"表二、三、四的数据与{last_year}报告（{_path(report)}）完全相同：请填写本年数据",
                      key="tables")
