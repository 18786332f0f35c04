"""T101–T104: the identities printed in and implied by tables 三 and 四.

The identities themselves are data (govlint/data/template.json); each rule
here evaluates the ones named for it. A check runs only when every cell it
needs holds a number read without guessing; the finding sits on the total
that breaks the identity and lists the cells used as related locations.
"""
from __future__ import annotations

from functools import lru_cache

from govlint.rule import Finding, Related, rule
from govlint.model.template import template


def _cells(table, keys, identity, column=None, row=None):
    """The cells an identity adds up, or None when one is not a number read
    from the text, or was split out of glued digits by this very identity
    (it then holds by construction)."""
    # (Runs some hundred times per report: the cells are read from the
    # dict directly, as Table.cell and Cell.filled read them.)
    cells, own = table.cells, identity["id"]
    found = []
    for key in keys:
        cell = cells.get((None, key, column) if column is not None else (None, row, key))
        if cell is None or cell.status not in _FILLED or cell.inferred == own:
            return None
        found.append(cell)
    return found


_FILLED = ("number", "ocr")     # Cell.filled


def _related(cells):
    return tuple(Related(c.span, f"{c.where} = {c.value}") for c in cells if c.span)


def _fmt(value) -> str:
    return format(value, "f").rstrip("0").rstrip(".") if not isinstance(value, int) else str(value)


@lru_cache(maxsize=16)
def _identities(fmt: str, numeral: str, rule_name: str) -> tuple[list, list]:
    """The identities of a table that a rule checks, in the template's
    order, and the outcome rows; the same for every report of a format."""
    t = template(fmt)
    identities = t.t3_identities if numeral == "三" else t.t4_identities
    return [i for i in identities if i["rule"] == rule_name], [r.key for r in t.t3_rows if r.flag("outcome")]


def _check(report, rule_name):
    for numeral in ("三", "四"):
        table = report.table(numeral)
        if table is None:
            continue
        t = template(table.format)
        identities, outcome_rows = _identities(table.format, numeral, rule_name)
        for identity in identities:
            yield from _evaluate(table, identity, outcome_rows, t)
            for problem in table.problems:
                if problem.kind == "no-split" and problem.identity == identity["id"]:
                    # Glued digits that no reading makes add up: the row is wrong whichever cell is which.
                    yield Finding(problem.span, problem.message + f"（{identity['words']}）",
                                  key=f"{numeral}/{identity['id']}/{problem.key}")


def _evaluate(table, identity, outcome_rows, t):
    numeral = table.numeral
    per = identity["per"]
    if per == "column":
        for column in table.columns:
            if "left" in identity:
                left = _cells(table, identity["left"], identity, column=column.key)
                right = _cells(table, identity["right"], identity, column=column.key)
                if left is None or right is None:
                    continue
                lsum, rsum = sum(c.value for c in left), sum(c.value for c in right)
                if lsum != rsum:
                    at = table.cell(identity["at"], column.key)
                    yield Finding(at.span,
                                  f"表{numeral}“{column.label}”列收支不平衡："
                                  f"{left[0].row_label}（{_fmt(left[0].value)}）＋{left[1].row_label}（{_fmt(left[1].value)}）＝{_fmt(lsum)}，"
                                  f"但{right[0].row_label}（{_fmt(right[0].value)}）＋{right[1].row_label}（{_fmt(right[1].value)}）＝{_fmt(rsum)}"
                                  f"（勾稽关系：{identity['words']}）",
                                  related=_related(left + right), key=f"{numeral}/{identity['id']}/{column.key}")
                continue
            parts_keys = outcome_rows if identity["parts"] == "outcome" else identity["parts"]
            yield from _total_equals_parts(
                table, identity, _cells(table, [identity["total"]], identity, column=column.key),
                _cells(table, parts_keys, identity, column=column.key), "（一）至（六）各项", column.key)
    elif per == "row":
        keys = {c.key for c in table.columns}
        if identity["total"] not in keys or not set(identity["parts"]) <= keys:
            return
        for row in table.rows:
            yield from _total_equals_parts(
                table, identity, _cells(table, [identity["total"]], identity, row=row),
                _cells(table, identity["parts"], identity, row=row), "各申请人类型", row)
    elif per == "group":
        for group in t.t4_groups:
            yield from _total_equals_parts(
                table, identity, _cells(table, [identity["total"]], identity, row=group.key),
                _cells(table, identity["parts"], identity, row=group.key), "结果维持、结果纠正、其他结果、尚未审结",
                group.key)


def _total_equals_parts(table, identity, total, parts, parts_words, where):
    """One total against the sum of its parts; the finding sits on the total."""
    if total is None or parts is None:
        return
    expected = sum(c.value for c in parts)
    if total[0].value != expected:
        yield Finding(total[0].span,
                      f"表{table.numeral}“{total[0].where}”为 {_fmt(total[0].value)}，但{parts_words}相加为 {_fmt(expected)}"
                      f"（{identity['words']}）",
                      related=_related(parts), key=f"{table.numeral}/{identity['id']}/{where}")

@rule("T101", "balance-mismatch", "error", needs=("tables",), zh=r"""
    表三：一、本年新收 + 二、上年结转 ≠ （七）总计 + 四、结转下年度继续办理。

    检查内容：对每个申请人栏，核对表格角上自己印着的等式：“第一项加第二项之和，等于第三项
    加第四项之和”，其中第三项是本年处理结果的合计，即“（七）总计”行。问题标在“（七）总计”
    单元格上。

    为何重要：收到或结转的每一件申请，要么本年办结，要么结转下年；两边不等，就是有申请被
    漏掉或重复计算了，这是监督者最严厉对待的数据错误。

    示例：自然人：新收 3 + 结转 0 = 3，但总计 2 + 结转下年度 0 = 2。

    修改方法：重新核算相关单元格；表格的数字在发布前必须对得上。
    """)
def balance_mismatch(report, options):
    """Table 三: 一、本年新收 + 二、上年结转 ≠ （七）总计 + 四、结转下年度继续办理.

    What it checks: for each applicant column, the identity the table
    prints in its own corner: "第一项加第二项之和，等于第三项加第四项之和",
    where 第三项 is the total of the year's results, row （七）总计. The
    finding sits on the （七）总计 cell.

    Why it matters: every application received or carried over is either
    answered this year or carried forward; when the sides differ, an
    application has been lost or counted twice, the data error supervisors
    punish most.

    Example: 自然人: 新收 3 + 结转 0 = 3, but 总计 2 + 结转下年度 0 = 2.

    How to fix: recount the cells involved; the table's numbers must add
    up before the report is published.
    """
    yield from _check(report, "balance-mismatch")


@rule("T102", "applicant-total-mismatch", "error", needs=("tables",), zh=r"""
    表三：某一行的总计 ≠ 自然人 + 法人或其他组织的五栏。

    检查内容：每一行中，总计栏等于自然人加商业企业、科研机构、社会公益组织、法律服务机构
    和其他；报告另加了“法人或其他组织”小计栏的，该小计也等于这五栏之和。

    为何重要：总计是读者引用的数字；它与各分项不一致，必有一个是错的。

    示例：“一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 4”。

    修改方法：重新核算相关单元格；表格的数字在发布前必须对得上。
    """)
def applicant_total_mismatch(report, options):
    """Table 三: a row's 总计 ≠ 自然人 + the five 法人或其他组织 columns.

    What it checks: in every row, the 总计 column equals 自然人 plus 商业企业,
    科研机构, 社会公益组织, 法律服务机构 and 其他; where a report adds a
    法人或其他组织 subtotal column, that subtotal equals the five as well.

    Why it matters: 总计 is what readers quote; when it disagrees with its
    parts, one of them is wrong.

    Example: "一、本年新收政府信息公开申请数量 | 2 | 1 | 0 | 0 | 0 | 0 | 4".

    How to fix: recount the cells involved; the table's numbers must add
    up before the report is published.
    """
    yield from _check(report, "applicant-total-mismatch")


@rule("T103", "outcome-total-mismatch", "error", needs=("tables",), zh=r"""
    表三：（七）总计 ≠ （一）至（六）各项处理结果之和。

    检查内容：对每一栏，“（七）总计”行等于“（一）予以公开”+“（二）部分公开”+“（三）不予公
    开”“（四）无法提供”“（五）不予处理”“（六）其他处理”各编号分行之和（2019年格式为一行，
    2021年格式为三个分行）。

    为何重要：每一件办理的申请恰好有一个处理结果；总计与各项结果对不上，就是有结果漏了或
    重复计算了。

    示例：“（七）总计 / 自然人”为 5，但（一）至（六）加起来是 4。

    修改方法：重新核算相关单元格；表格的数字在发布前必须对得上。
    """)
def outcome_total_mismatch(report, options):
    """Table 三: （七）总计 ≠ the sum of the results （一） to （六）.

    What it checks: for each column, row （七）总计 equals （一）予以公开 +
    （二）部分公开 + the numbered sub-rows of （三）不予公开, （四）无法提供,
    （五）不予处理 and （六）其他处理 (one row in the 2019 format, three
    sub-rows in the 2021 format).

    Why it matters: every processed application has exactly one result; a
    total that does not match its results means a result is missing or
    double-counted.

    Example: （七）总计 / 自然人 is 5, but （一）…（六） add up to 4.

    How to fix: recount the cells involved; the table's numbers must add
    up before the report is published.
    """
    yield from _check(report, "outcome-total-mismatch")


@rule("T104", "review-total-mismatch", "error", needs=("tables",), zh=r"""
    表四：某一组的总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结。

    检查内容：三组（行政复议、未经复议直接起诉、复议后起诉）中，每组的总计单元格等于四个
    结果单元格之和。

    为何重要：行政复议和行政诉讼的件数是法定公开内容；总计与各项结果对不上是明显的错误。

    示例：行政复议：1 1 0 0 | 总计 1。

    修改方法：重新核算相关单元格；表格的数字在发布前必须对得上。
    """)
def review_total_mismatch(report, options):
    """Table 四: a group's 总计 ≠ 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    What it checks: in each of the three groups (行政复议, 未经复议直接起诉,
    复议后起诉), the 总计 cell equals the four result cells.

    Why it matters: 行政复议 and 行政诉讼 counts are legal disclosures; a
    total that does not match its results is a visible error.

    Example: 行政复议: 1 1 0 0 | 总计 1.

    How to fix: recount the cells involved; the table's numbers must add
    up before the report is published.
    """
    yield from _check(report, "review-total-mismatch")
