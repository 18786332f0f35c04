"""C001–C002: what the report's sentences say against what its tables say.

The model reads the prose (govlint/model/narrative.py: report.narrative):
the counts, shares and totals a report states for its reporting year, and
the table cells each is about. These rules compare them; a statement the
reader is not sure of is not read, so when in doubt the rules stay quiet.
"""
from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

from govlint.model.narrative import OUTCOME_GROUPS, QUANTITIES, WINDOW, Share, quantity_of, usable_cell
from govlint.rule import Finding, Related, rule


def _related(cells, numeral) -> tuple:
    return tuple(Related(c.span, f"表{numeral} {c.where} = {int(c.value)}") for c in cells if c.span)


# --------------------------------------------------------------------------
# The rules


@rule("C001", "narrative-mismatch", "error", needs=("narrative",), zh=r"""
    正文中写的数字与表格不一致。

    检查内容：正文对报告年度所写的数字与它们复述的表格单元格是否一致：收到的申请数
    （“共收到政府信息公开申请3件”，“未收到政府信息公开申请”即 0）对照表三“一、本年新收”
    的总计；上年结转、办结/答复、结转下年度的件数对照二、“（七）总计”和四；予以公开 /
    部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理的件数对照各自的行；行政复议和
    行政诉讼的件数（或“未发生…行政复议”）对照表四的总计，“均获维持”对照其结果纠正、其他
    结果和尚未审结各栏；行政处罚和行政许可的件数对照表二的本年处理决定数量。数字按人们的
    写法读取（“1,234件”、全角数字、“一百二十件”、“两件”）。讲其他年份、将来、年度中一段时
    间或累计数字的句子不作比较。

    为何重要：读者引用正文，监督者复核表格；两者不一致，必有一处是错的，而数据失准正是年
    度报告评查首先指出的问题。

    示例：“2024年度共收到政府信息公开申请3件。”而表三“一、本年新收政府信息公开申请数量”
    的总计是 5。

    修改方法：按原始数据核对这个数字，改正句子或表格，使两者一致。
    """)
def narrative_mismatch(report, options):
    """A number stated in the text disagrees with the table.

    What it checks: counts the prose states for the reporting year against
    the cells they restate: applications received ("共收到政府信息公开申请3件",
    "未收到政府信息公开申请" = 0) against table 三 一、本年新收 / 总计;
    上年结转, 办结/答复 and 结转下年度 counts against rows 二, （七）总计 and
    四; 予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理 counts
    against their rows; 行政复议 and 行政诉讼 counts (or "未发生…行政复议")
    against table 四's totals, and "均获维持" against its 结果纠正, 其他结果
    and 尚未审结 columns; 行政处罚 and 行政许可 counts against table 二's
    本年处理决定数量. Numbers are read as people write them ("1,234件",
    full-width digits, "一百二十件", "两件"). Sentences about another year,
    the future, part of the year or a cumulative figure are not compared.

    Why it matters: readers quote the prose, supervisors recompute the
    tables; when they disagree one of them is wrong, and inaccurate data
    (数据失准) is the defect annual-report reviews name first.

    Example: "2024年度共收到政府信息公开申请3件。" while table 三
    一、本年新收政府信息公开申请数量 / 总计 is 5.

    How to fix: check the figure at its source and correct the sentence or
    the table so that both give the same number.
    """
    narrative = report.narrative
    for statement in narrative.statements:
        found = narrative.table_value(statement.quantity)
        if found is None:
            continue
        value, cells, description = found
        if statement.value == value:
            continue
        if statement.inclusive:
            # "受理申请4件" may count last year's carried-over applications too,
            # and so may its split by applicant ("…其中自然人3件"), column by column.
            carried = narrative.table_value("carried_in" + statement.quantity[len("new"):]
                                            if statement.quantity.startswith("new@") else "carried_in")
            if carried and carried[0] and statement.value == value + carried[0]:
                continue
        quantity = quantity_of(statement.quantity)
        yield Finding(statement.span,
                      f"正文说{statement.wording}，但{description}：请核对",
                      related=_related(cells, quantity.table), key=quantity.key)
    table = narrative.tables.tables.get("四")
    for upheld in narrative.upheld:
        if table is None:
            continue
        cells = [table.cell(group, column) for group in upheld.groups for column in upheld.columns]
        if not all(usable_cell(c) for c in cells):
            continue
        wrong = [c for c in cells if c.value]
        if not wrong:
            continue
        shown = "、".join(f"“{c.where}”为 {int(c.value)}" for c in wrong)
        yield Finding(upheld.span, f"正文说“{upheld.text}”，但表四{shown}：请核对",
                      related=_related(wrong, "四"), key="四/" + "+".join(upheld.groups) + "/upheld")


def _fmt_pct(value, places: int, minimum: int = 1) -> str:
    """A percentage to the places written (at least `minimum`), e.g. 32.0."""
    return format(Decimal(value).quantize(Decimal(1).scaleb(-max(minimum, places))), "f")


def _within(stated: Decimal, computed: Decimal, places: int) -> bool:
    """Stated agrees with computed to 0.1 point; a whole percentage may be
    rounded or cut to the unit."""
    difference = abs(stated - computed)
    if places == 0:
        return difference < 1
    return difference <= Decimal("0.1") + Decimal("0.0001")


@rule("C002", "percentage-mismatch", "warning", needs=("narrative",), zh=r"""
    写出的百分比与报告自己的数字算不出来。

    检查内容：紧跟在件数后面的比例（“予以公开258件，占32.0%”）按总数重新计算：总数取同
    一句中前面写出的总数（“共收到申请805件”“合计200条”），申请处理结果的比例在句中没有总
    数时取表三的“（七）总计”和“一、本年新收”。只有在没有任何一个总数能在 0.1 个百分点以
    内算出这个比例时才报告（写成整数的百分比允许相差不到 1）。涵盖全部处理结果类别的各项
    比例（没有提到的类别在表三中为 0）加起来必须是 100%。没有件数的比率（“主动及时公开率
    100%”）不检查。

    为何重要：与自身数字矛盾的百分比，说明数字是抄来或改过而没有重新计算的，读者无法判
    断哪个数字才对。

    示例：“共收到申请805件，其中予以公开258件，占33.9%”：258 ÷ 805 = 32.0%。

    修改方法：按件数重新计算百分比，或改正计算所依据的件数。
    """)
def percentage_mismatch(report, options):
    """A stated percentage that the report's own numbers do not give.

    What it checks: a share written right after its count ("予以公开258件，
    占32.0%") is recomputed against its total: a total stated earlier in the
    same sentence ("共收到申请805件", "合计200条"), or, for the results of
    applications when the sentence states no total, table 三's （七）总计
    and 一、本年新收. It is reported only
    when no such total gives the percentage within 0.1 point (a whole
    percentage may be off by less than one). Shares of application results
    that cover every result category (those not named are 0 in table 三)
    must add up to 100%. A rate without its count ("主动及时公开率100%") is
    not checked.

    Why it matters: a percentage that its own numbers contradict shows the
    figures were copied or changed without recomputing, and readers cannot
    tell which number is right.

    Example: "共收到申请805件，其中予以公开258件，占33.9%": 258 ÷ 805 = 32.0%.

    How to fix: recompute the percentage from the counts, or correct the
    count it was computed from.
    """
    narrative = report.narrative
    text = report.text
    # Totals the prose states, per sentence, in order: a share's denominator
    # is one stated before its count, in the same sentence, not far before.
    totals: dict[int, list] = {}
    for total in narrative.totals:
        totals.setdefault(total.sentence, []).append((total.span.start, total.value, total.unit, total.span))
    for statement in narrative.statements:
        if statement.quantity in ("new", "processed") and statement.value > 0:
            totals.setdefault(statement.sentence, []).append(
                (statement.span.start, statement.value, "件", statement.span))
    for items in totals.values():
        items.sort(key=lambda item: item[0])
    flagged = set()
    for share in narrative.shares:
        if share.numerator is None:
            continue
        candidates = []      # (denominator, span or None, cells)
        items = totals.get(share.sentence, [])
        low = bisect_left(items, (share.numerator_span.start - WINDOW,))
        high = bisect_left(items, (share.numerator_span.start,))
        used = set()
        for start, value, unit, span in items[max(low, high - 8):high]:
            if unit == share.unit and value >= share.numerator and start not in used:
                used.add(start)
                candidates.append((value, span, []))
        if not candidates and share.categories and share.unit == "件":
            for key in ("processed", "new"):
                found = narrative.table_value(key)
                if found and found[0] > 0 and found[0] >= share.numerator:
                    candidates.append((found[0], None, found[1]))
        if not candidates:
            continue
        if any(_within(share.value, Decimal(share.numerator) * 100 / d, share.places) for d, *_ in candidates):
            continue
        stated_totals = [c for c in candidates if c[1] is not None]
        denominator, span, cells = max(stated_totals, key=lambda c: c[1].start) if stated_totals else candidates[0]
        computed = Decimal(share.numerator) * 100 / denominator
        related = [Related(share.numerator_span, f"分子：正文 {share.numerator}")]
        if span is not None:
            related.append(Related(span, f"分母：正文 {denominator}"))
        related.extend(_related(cells, "三"))
        what = "+".join(share.categories) if share.categories else str(share.numerator)
        flagged.add(share.line)
        yield Finding(share.span,
                      f"正文写“{text[share.span.start:share.span.end]}”，但 {share.numerator} ÷ {denominator} = "
                      f"{_fmt_pct(computed, share.places)}%：请重新计算百分比或核对件数",
                      related=tuple(related), key=f"share/{what}/{denominator}")
    yield from _shares_add_up(report, narrative, text, flagged)


def _shares_add_up(report, narrative, text, flagged):
    """Shares of the result categories, in one paragraph, that cover every
    category must add up to 100% (a paragraph with a share already reported
    is left alone: one wrong share is one finding)."""
    zero_by_line: dict[int, set] = {}
    for statement in narrative.statements:
        if statement.value == 0 and statement.quantity in OUTCOME_GROUPS:
            zero_by_line.setdefault(statement.line, set()).add(statement.quantity)
    by_line: dict[int, list[Share]] = {}
    for share in narrative.shares:
        if share.categories and share.line not in flagged:
            by_line.setdefault(share.line, []).append(share)
    for line, shares in by_line.items():
        if len(shares) < 2:
            continue
        covered: set = set()
        disjoint = True
        for share in shares:
            if covered & set(share.categories):
                disjoint = False
            covered |= set(share.categories)
        if not disjoint:
            continue
        # Categories stated as 0 in the paragraph, or 0 in the table, need no share.
        zero = set(zero_by_line.get(line, ()))
        for group in OUTCOME_GROUPS:
            if group in covered or group in zero:
                continue
            found = narrative.table_value(group)
            if found is not None and found[0] == 0:
                zero.add(group)
        if covered | zero != set(OUTCOME_GROUPS):
            continue
        total = sum(share.value for share in shares)
        tolerance = max(Decimal("0.1"), sum(Decimal(5) / Decimal(10) ** (share.places + 1) for share in shares))
        if abs(total - 100) <= tolerance + Decimal("0.0001"):
            continue
        parts = " + ".join(text[s.span.start:s.span.end] for s in shares)
        yield Finding(shares[0].span,
                      f"各办理结果的占比 {parts} 相加为 {_fmt_pct(total, max(s.places for s in shares), 0)}%，不是 100%：请核对各项百分比",
                      related=tuple(Related(s.span, "+".join(QUANTITIES[c].noun for c in s.categories))
                                    for s in shares[1:]),
                      key="share/outcomes/sum")
