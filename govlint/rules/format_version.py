"""P005–P007: the tables follow the format in force for the report's year,
one format only, and the format document is cited correctly."""
from __future__ import annotations

from govlint.model.outline import old_outline
from govlint.patterns import lazy
from govlint.rule import Edit, Finding, Fix, Related, rule

OFFICIAL = {("2021", "30"): "国办公开办函〔2021〕30号", ("2019", "60"): "国办公开办函〔2019〕60号"}
_CITATION = lazy(
    r"(?P<prefix>国务院办公厅|国办(?:公开办|政务公开办)?(?:函|发|办函|发明电)?|国办)\s*"
    r"[〔\[［【(（]\s*(?P<year>20\d{2})\s*[〕\]］】)）]\s*(?P<num>\d{1,3})\s*号")
_NOTICE_2019 = lazy(r"关于政府信息公开工作年度报告有关事项的通知[》>]?\s*[(（]?\s*$")
_ABOUT_FORMAT = lazy(r"格式|编制|要求|按照|根据|依据")


def _format_of(report):
    tables = report.tables
    return tables.format, tables.markers


@rule("P005", "outdated-format", "error", needs=("tables", "periods"), zh=r"""
    表格采用的格式不适用于报告的年度。

    检查内容：2021年及以后的报告使用2021年格式（国办公开办函〔2021〕30号）；2019年和2020
    年的报告使用2019年试行格式（国办公开办函〔2019〕60号）。格式按表格的标志性标签判断
    （format-spec §2），而不是看某一个单元格。

    按2008年条例的结构写的报告（主动公开 / 依申请公开 / 行政复议和行政诉讼 / 收费及减免 /
    问题和改进措施 / 其他，没有总体情况，也没有表格）只标出一次，标在其收费及减免部分。

    为何重要：两种格式统计的内容不同（表二的栏目、表三的“（六）”各行）；用了旧模板，就缺
    少规定要填的数字。

    示例：2023年的报告，表二为“本年新制作数量 | 本年新公开数量 | 对外公开总数量”，并有
    “第二十条第（九）项”一栏。

    修改方法：按该年度适用的格式重做表格；按现行格式的六个部分撰写报告。
    """)
def outdated_format(report, options):
    """The tables follow a format that does not apply to the report's year.

    What it checks: reports on 2021 and later use the 2021 format
    (国办公开办函〔2021〕30号); reports on 2019 and 2020 use the 2019 trial
    format (国办公开办函〔2019〕60号). The format is told from the tables'
    marker labels (format-spec §2), not from one cell.

    Why it matters: the two formats count different things (table 二's
    columns, table 三's （六） rows); an old template means the required
    figures are missing.

    Example: a 2023 report whose table 二 has "本年新制作数量 | 本年新公开数量 |
    对外公开总数量" and a 第二十条第（九）项 block.

    A report that follows the outline of the 2008 条例 (主动公开 / 依申请公开 /
    行政复议和行政诉讼 / 收费及减免 / 问题和改进措施 / 其他, with no 总体情况
    and no tables) is flagged once, at its part on 收费及减免.

    How to fix: rebuild the tables from the format in force for the year;
    write the report in the six parts of the current format.
    """
    outline = old_outline(report)
    if outline is not None:
        yield Finding(outline, "报告沿用 2019 年以前的结构（有“收费及减免”部分，没有总体情况和统计表）："
                               "应按现行格式的六个部分撰写并填写统计表", key="outline/2008")
    fmt, markers = _format_of(report)
    year = report.periods.year
    if fmt is None or year is None or year < 2019:
        return
    expected = "2019" if year <= 2020 else "2021"
    if fmt == expected or not markers.get(fmt):
        return
    marker, span = markers[fmt][0]
    names = {"2019": "2019 年试行格式（国办公开办函〔2019〕60号）", "2021": "2021 年格式（国办公开办函〔2021〕30号）"}
    yield Finding(span, f"{year} 年度报告的表格用了{names[fmt]}（如“{marker}”）：应使用{names[expected]}",
                  key=f"format/{fmt}")


@rule("P006", "mixed-format", "error", needs=("tables",), zh=r"""
    表格混用了2019年格式和2021年格式的标签。

    检查内容：表二、表三中的标志性标签属于同一种格式。问题标在标签较少的那种格式的第一个
    标签上，并把另一种格式的一个标签列为相关位置。

    为何重要：由两种模板拼成的表格，按哪一种都读不通；一些规定的数字缺失，另一些已经过时。

    示例：表二中既有“本年制发件数”（2021年格式），又有“上一年项目数量”（2019年格式）。

    修改方法：按报告年度适用的一种格式重做表格。
    """)
def mixed_format(report, options):
    """The tables mix labels of the 2019 and the 2021 formats.

    What it checks: the marker labels found in tables 二 and 三 belong to
    one format. The finding sits on the first marker of the format with
    fewer markers, and relates one of the other.

    Why it matters: a table assembled from two templates cannot be read
    against either; some required figures are missing and others are
    obsolete.

    Example: a table 二 with "本年制发件数" (2021) and "上一年项目数量" (2019).

    How to fix: rebuild the tables from the one format in force for the
    report's year.
    """
    fmt, markers = _format_of(report)
    if not (markers.get("2019") and markers.get("2021")):
        return
    minority = "2019" if fmt == "2021" else "2021"
    marker, span = markers[minority][0]
    other, other_span = markers[fmt][0]
    yield Finding(span, f"表格混用了两种格式：“{marker}”属于 {minority} 年格式，而“{other}”属于 {fmt} 年格式：请按一种格式重做",
                  related=(Related(other_span, f"{fmt} 年格式的标签"),), key="mixed")


@rule("P007", "format-citation", "warning", needs=("periods",), zh=r"""
    引用格式文件时文号或发文机关写错了。

    检查内容：格式通知应准确引用为国办公开办函〔2021〕30号（2021年格式）或国办公开办函
    〔2019〕60号（2019年试行格式）；〔〕【】[] 几种括号都认可。会标出：发文机关代字不同
    （“国办发〔2021〕30号”）；用2021年的文号引用2019年通知的标题；2021年及以后的报告把已被
    取代的2019年通知作为依据。

    为何重要：引用错误说明报告没有对照它声称遵循的通知检查过。

    示例：“按照国办发〔2021〕30号文件要求编制”。

    修改方法：引用国办公开办函〔2021〕30号（2019–2020年度为〔2019〕60号）。
    """, fix="unsafe")
def format_citation(report, options):
    """The format document is cited with a wrong number or issuer.

    What it checks: citations of the format notices read exactly
    国办公开办函〔2021〕30号 (2021 format) or 国办公开办函〔2019〕60号 (2019
    trial format); the bracket styles 〔〕【】[] are accepted. Flagged: another
    issuer prefix ("国办发〔2021〕30号"), the 2019 notice's title cited with
    the 2021 number, and the superseded 2019 notice cited as the basis of a
    report on 2021 or later.

    Why it matters: a wrong citation shows the report was not checked
    against the notice it claims to follow.

    Example: "按照国办发〔2021〕30号文件要求编制".

    How to fix: cite 国办公开办函〔2021〕30号 (or 〔2019〕60号 for 2019–2020).
    """
    text = report.text
    year = report.periods.year
    for match in _CITATION.finditer(text):
        key = (match["year"], match["num"])
        official = OFFICIAL.get(key)
        prefix = match["prefix"]
        if official and prefix not in ("国办公开办函", "国务院办公厅"):
            yield Finding(_span(match), f"文件编号“{match.group()}”有误：应为“{official}”",
                          fix=Fix(f"改为“{official}”", (Edit(_span(match), official),), safe=False), key=official)
            continue
        before = text[max(0, match.start() - 40):match.start()]
        if key == ("2021", "30") and _NOTICE_2019.search(before):
            yield Finding(_span(match), "引用的是 2019 年通知《关于政府信息公开工作年度报告有关事项的通知》，"
                                        "文号却是 2021 年的“30号”：2021 年格式的文件是国办公开办函〔2021〕30号"
                                        "《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》",
                          key="notice-2019-with-30")
        elif key == ("2019", "60") and year and year >= 2021 and _ABOUT_FORMAT.search(before[-20:]):
            yield Finding(_span(match), f"{year} 年度报告应依据国办公开办函〔2021〕30号修订后的格式，"
                                        "而不是已被替代的〔2019〕60号试行格式", key="superseded")


def _span(match):
    from govlint.model.document import Span

    return Span(match.start(), match.end())
