"""P001–P004: the report states its year, states it consistently, covers a
calendar year, and was published on time."""
from __future__ import annotations

from datetime import date

from govlint.model.publisher import publisher
from govlint.rule import Finding, Option, Related, rule

_KIND = {"title": "标题", "period": "统计期限", "opening": "正文", "as-of": "正文"}
TOWNSHIP_DEADLINE = "01-31"     # what local rules usually ask of 乡镇 and 街道 (the 条例 sets no date)


def _month_day(value: str) -> tuple[int, int] | None:
    """(month, day) of "MM-DD", a day every year has; None otherwise."""
    if len(value) != 5 or value[2] != "-" or not (value[:2] + value[3:]).isdigit():
        return None
    try:
        day = date(2001, int(value[:2]), int(value[3:]))
    except ValueError:
        return None
    return day.month, day.day


LATE_PUBLICATION_OPTIONS = (
    Option("township-deadline", str, TOWNSHIP_DEADLINE,
           "the day by which local rules have townships (乡、镇、街道) publish, as \"MM-DD\"; \"\" not to check "
           "them (the 条例 sets no date)",
           "当地规定乡镇、街道公布年度报告的日期，写作“MM-DD”；设为空字符串则不检查（条例未规定期限）",
           check=lambda value: value == "" or _month_day(value) is not None,
           form=('a day of the year as "MM-DD" (e.g. "01-31"), or ""', "“MM-DD”形式的日期（如“01-31”）或空字符串")),
)



def _where(report, claim) -> str:
    """The statement, quoted: where it is, whatever the layout (the
    finding's related location gives the line)."""
    text = " ".join(claim.text.split())
    return f"{_KIND[claim.kind]}“{text if len(text) <= 18 else text[:18] + '…'}”"


@rule("P001", "missing-report-year", "error", needs=("periods",), zh=r"""
    标题没有写明报告所讲的年度。

    检查内容：标题（或元数据块的“名称”）写明年份：“神木市卫生健康局2024年政府信息公开工
    作年度报告”。正文写明了年度（统计期限、“2024年度，我局…”）时报警告；哪里都没有写明时
    报错误。

    为何重要：报告按机关和年度归档、检索和比较；标题没有年份，就无法和上一年的报告区分。

    示例：“神木市卫生健康局 信息公开工作年度报告”。

    修改方法：在标题的“政府信息公开工作年度报告”前写上年份。
    """)
def missing_report_year(report, options):
    """The title does not state the year the report is about.

    What it checks: the title (or the metadata block's 名称) names the
    year: "神木市卫生健康局2024年政府信息公开工作年度报告". When the body
    states the year (statistical period, "2024年度，我局…"), the finding is
    a warning; when nothing states it, an error.

    Why it matters: reports are filed, searched and compared by agency and
    year; a title without the year cannot be told from last year's.

    Example: "神木市卫生健康局 信息公开工作年度报告".

    How to fix: put the year before 政府信息公开工作年度报告 in the title.
    """
    title = report.title
    if title is None or title.year is not None:
        return
    periods = report.periods
    agency = title.agency or ""
    if periods.year:
        yield Finding(title.span, f"标题没有写明年份：正文所述为 {periods.year} 年，标题应为"
                                  f"“{agency}{periods.year}年政府信息公开工作年度报告”",
                      severity="warning", key="title-year")
    else:
        yield Finding(title.span, "标题和正文都没有写明报告年度：标题应为“机关名称＋年份＋政府信息公开工作年度报告”",
                      key="title-year")


@rule("P002", "year-mismatch", "error", needs=("periods",), zh=r"""
    报告中对报告年度的两处说法不一致。

    检查内容：标题中的年份、统计期限句中的年份、前言和“一、总体情况”中以年份开头的句子
    （“2024年度，我局…”）中的年份，以及“截至2024年12月31日”中的年份，应当是同一年。与其他
    不同的一处被标出，与之矛盾的说法作为相关位置列出。讲其他事情的年份不算：计划（“2025年，
    我局将…”）和其他年份（“除2021年收到…外”）。发布日期不在报告年度之后的，也会标出。

    为何重要：标题和数据讲的是不同年份的报告，通常是从其他年度的报告复制过来、没有全部更
    新的；监督者把它当作数据失准。

    示例：标题“海阳市卫生健康局2023年政府信息公开工作年度报告”，而正文写“报告数据统计
    期限为2022年1月1日至2022年12月31日”。

    修改方法：改正年份写错的那一处。
    """)
def year_mismatch(report, options):
    """Two statements of the reporting year disagree.

    What it checks: the year in the title, in the statistical-period
    sentence, in sentences that open with the year in the front matter and
    in 一、总体情况 ("2024年度，我局…"), and in "截至2024年12月31日" all
    give the same year. The odd one out is flagged and the statement it
    disagrees with is related. Years about other things are not claims:
    plans ("2025年，我局将…") and other years ("除2021年收到…外"). A
    publication date that does not fall after the reporting year is
    flagged too.

    Why it matters: a report whose title and data speak of different years
    was usually copied from another year's report and not fully updated;
    supervisors treat it as inaccurate data.

    Example: title "海阳市卫生健康局2023年政府信息公开工作年度报告" with
    "报告数据统计期限为2022年1月1日至2022年12月31日".

    How to fix: correct the statement that gives the wrong year.
    """
    periods = report.periods
    if periods.year is None:
        return
    basis = periods.basis
    for claim in periods.claims:
        if claim.year == periods.year:
            continue
        yield Finding(claim.span,
                      f"{_where(report, claim)}写的是 {claim.year} 年，但{_where(report, basis)}为 {periods.year} 年：请统一报告年度",
                      related=(Related(basis.span, f"报告年度 {periods.year}"),), key=f"{claim.kind}/{claim.year}")
    published = periods.published
    if published and published.date.year <= periods.year:
        yield Finding(published.span,
                      f"{published.source} {published.date.isoformat()} 不晚于报告年度 {periods.year} 年：年度报告应在下一年发布，请核对日期或年度",
                      related=(Related(basis.span, f"报告年度 {periods.year}"),), key="published-year")


@rule("P003", "period-not-calendar-year", "error", needs=("periods",), zh=r"""
    写明的统计期限不是某一年的1月1日至12月31日。

    检查内容：每个统计期限句（“本报告中所列数据统计期限为2022年1月1日至12月31日”）都恰好
    涵盖一个完整的自然年度。

    为何重要：年度报告讲的是上一自然年度（条例第四十九条）；期限不同，报告中的数字就无法与
    其他报告和上一年的报告比较。

    示例：“报告数据统计期限为2022年1月1日至2022年11月30日”。

    修改方法：把期限写成报告年度的1月1日至12月31日，并使表格数据覆盖这一期限。
    """)
def period_not_calendar_year(report, options):
    """The stated statistical period is not 1 January to 31 December of one year.

    What it checks: every statistical-period sentence ("本报告中所列数据统计期限
    为2022年1月1日至12月31日") covers exactly one calendar year.

    Why it matters: the annual report covers the previous calendar year
    (条例 第四十九条); a different period makes its numbers incomparable
    with every other report and with last year's.

    Example: "报告数据统计期限为2022年1月1日至2022年11月30日".

    How to fix: state the period as 1 January to 31 December of the
    reporting year, and make the tables cover it.
    """
    for period in report.periods.periods:
        if period.calendar_year:
            continue
        (y1, m1, d1), (y2, m2, d2) = period.start, period.end
        yield Finding(period.span,
                      f"统计期限“{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日”不是一个完整的自然年：应为{y1}年1月1日至12月31日",
                      key=f"period/{y1}")


@rule("P004", "late-publication", "error", needs=("periods",), zh=r"""
    报告在法定期限之后才发布。

    检查内容：发布日期（网页的发文日期 / 发布日期 / 发表日期 / 成文日期、爬虫记录的发布时间、网页上的
    “时间”，或文末带日期的落款）按条例第四十九条、按发布主体（govlint/model/publisher.py，从标题
    中的机关判断）检查：县级以上地方人民政府自己的报告（以政府、单独的地名或开发区 / 新区
    管委会为标题）为次年3月31日，其工作部门为次年1月31日。乡镇、街道条例没有规定日期，1月
    31日之后发布的报警告，并在提示中说明（当地规定的日期不同时，用 township-deadline 选项
    设定）。标题看不出发布主体时，只有晚于两个期限中较晚者（3月31日）的日期才以警告标出。

    为何重要：“不按时发布”是格式责任条款列出的第一项问题；逾期的报告会被公开通报。

    示例：榆阳区卫健局2020年的报告，发文日期为2021-02-05。

    修改方法：在期限前发布；如果显示的日期不是发布日期，改正它。
    """, options=LATE_PUBLICATION_OPTIONS)
def late_publication(report, options):
    """The report was published after the statutory deadline.

    What it checks: the publication date (a web page's 发文日期 / 发布日期 /
    发表日期 / 成文日期, a crawler's 发布时间, the page's 时间, or a dated signature at
    the end) against 条例 第四十九条, by who publishes (govlint/model/publisher.py,
    told from the title's agency): 31 March of the following year for a
    县级以上地方人民政府's own report (titled after the government, after
    the place alone, or after a 开发区 / 新区 管委会), 31 January for its
    departments. A township (乡、镇、街道), for which the article sets no
    date, gets a warning worded so when it published after 31 January
    (where local rules set another day, the township-deadline option says so).
    When the title does not tell who publishes, only a date after 31 March,
    later than either deadline, is flagged, as a warning.

    Why it matters: "不按时发布" is the first defect the format's
    responsibility clause names; late reports are publicly criticised.

    Example: a 2020 report of 榆阳区卫健局 with 发文日期 2021-02-05.

    How to fix: publish by the deadline; if the date shown is not the
    publication date, correct it.
    """
    periods = report.periods
    published, year = periods.published, periods.year
    if published is None or year is None or published.date.year <= year:
        return
    who = publisher(report.title.agency if report.title else None)
    when = published.date.isoformat()
    deadline = who.deadline(year)
    if deadline is not None:
        if published.date > deadline:
            yield Finding(published.span, f"{published.source} {when} 晚于法定期限 {deadline.isoformat()}"
                                          f"（{who.why}）：应按时发布", key="late")
        return
    if who.kind == "township":
        setting = options["township-deadline"]
        if not setting:
            return
        month, day = _month_day(setting)
        usual = date(year + 1, month, day)
        why = who.why if setting == TOWNSHIP_DEADLINE else (
            f"“{who.agency}”是乡镇或街道，条例第四十九条未规定期限，按当地规定（township-deadline）{month} 月 {day} 日前公布")
        if published.date > usual:
            advice = "请核对当地规定的期限" if setting == TOWNSHIP_DEADLINE else "应按时发布"
            yield Finding(published.span, f"{published.source} {when} 晚于 {usual.isoformat()}（{why}）：{advice}",
                          severity="warning", key="late")
        return
    latest = date(year + 1, 3, 31)
    if published.date > latest:
        yield Finding(published.span, f"{published.source} {when} 晚于 {latest.isoformat()}，已超过条例第四十九条规定的"
                                      f"各类期限（{who.why}）：请核对", severity="warning", key="late")
