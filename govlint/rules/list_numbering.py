"""S009 list-numbering: ordinal lists in the prose that skip or repeat a number."""
from __future__ import annotations

from govlint.model.document import Span
from govlint.model.lists import TRIGGER, ordinal_lists
from govlint.rule import Edit, Finding, Fix, Related, rule

_ZH = "一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(value: int) -> str:
    if value < 10:
        return _ZH[value - 1]
    tens, units = divmod(value, 10)
    return ("" if tens == 1 else _ZH[tens - 1]) + "十" + (_ZH[units - 1] if units else "")


def _written(report, marker) -> str:
    return report.text[marker.span.start:marker.span.end]


def _renumbered(report, marker, value: int) -> str:
    """The marker as written with another number: "（二）" → "（三）"."""
    text = report.text
    if marker.style == "①":
        return _CIRCLED[value - 1] if value <= len(_CIRCLED) else str(value)
    numeral = text[marker.numeral.start:marker.numeral.end]
    new = _chinese(value) if numeral[0] in _ZH + "十" else str(value)
    return (text[marker.span.start:marker.numeral.start] + new + text[marker.numeral.end:marker.span.end])


@rule("S009", "list-numbering", "warning", needs=(), zh=r"""
    正文中的序号列表跳号、重号或倒序。

    检查内容：列表各项的序号按 1、2、3…… 递增，包括报告常用的各种写法：“一是…二是…三是”
    “（一）…（二）…”“1.…2.…”“1、…2、…”“（1）…”“1）…”“①…”“第一，…第二，…”。一个列表是
    同一段中同一种写法的各项，或逐段开头、前后相连的各项（“1.…¶2.…¶3.…”）；新的章节，或更
    高一级的项（“（一）”下的“1.”各项之后出现“（二）”）开始新的列表，从 1 重新开始的也是新
    列表。不算列表的：统计表中带序号的行（“1.属于国家秘密 … 8.属于行政查询事项”，2021 年
    格式“（六）其他处理”下的小项）、章节标题（一、…，由章节规则检查）、引用（如“第一项加第
    二项之和”“第二十条第（一）项”），以及“首先…其次…”这种不带序号的写法。另外还检查括号序
    号后跟顿号的“(一)、”：括号已经把序号隔开（GB/T 15834），顿号多余。

    为何重要：跳号或重号让读者去找并不存在的一项，也明显表明文字改得不仔细（删了一项，或
    粘贴了两次）。

    示例：同一段中“一是…二是…”之后又出现“二是统一安排、部署、检查工作…”；“(一)、建立工作
    机构，加强领导。”（real-openings/023；应为“(一)”）。

    修改方法：按顺序重新编号；“(一)”后不加“、”。
    """, fix="safe")
def list_numbering(report, options):
    """An ordinal list in the prose skips, repeats or reverses a number.

    What it checks: the numbered items of a list count 1, 2, 3 … in every
    style reports use: "一是…二是…三是", "（一）…（二）…", "1.…2.…",
    "1、…2、…", "（1）…", "1）…", "①…", "第一，…第二，…". A list is the
    items of one style in one paragraph, or items that each open a
    paragraph one after the other ("1.…¶2.…¶3.…"); a new section, or an
    item of a higher level ("（二）" for the "1." items under "（一）"),
    starts new lists, and a list that starts again at 1 is a new list. Not
    lists: the numbered rows of the statistical tables ("1.属于国家秘密 …
    8.属于行政查询事项", the 2021 "（六）其他处理" sub-items), section headings
    (一、…, the section rules' business), references such as "第一项加第二项
    之和" or "第二十条第（一）项", and "首先…其次…", which is not numbered.
    It also flags a bracketed number followed by a comma of enumeration,
    "(一)、": brackets already set the number off (GB/T 15834), so the 、 is
    one mark too many.

    Why it matters: a skipped or repeated number makes readers look for an
    item that is not there, and is a visible sign of a text edited
    carelessly (an item deleted, or pasted twice).

    Example: "二是统一安排、部署、检查工作…" after "一是…二是…" in one paragraph;
    "(一)、建立工作机构，加强领导。" (real-openings/023; should be "(一)").

    How to fix: renumber the list in order; write "(一)" without "、".
    """
    if not TRIGGER.search(report.text):
        return
    text = report.text
    for found in ordinal_lists(report):
        markers = found.markers
        value = markers[0].value
        for index in range(1, len(markers)):
            previous, marker = markers[index - 1], markers[index]
            want = value + 1
            if marker.value == want:
                value = want
                continue
            following = markers[index + 1] if index + 1 < len(markers) else None
            # A wrong number the list then goes on from ("1 2 2 4", "1 2 3 5 5 6"):
            # one item misnumbered, one finding; otherwise the list goes on
            # from the number written.
            typo = following is not None and following.value == want + 1
            written, before = _written(report, marker), _written(report, previous)
            expected = _renumbered(report, marker, want)
            if marker.value == previous.value:
                message = f"列表编号重复：“{before}”之后又是“{written}”：应为“{expected}”，请按顺序编号"
            elif marker.value > want and not typo:
                missing = "、".join(f"“{_renumbered(report, marker, v)}”" for v in range(want, marker.value)[:3])
                message = f"列表编号跳号：“{before}”之后是“{written}”，缺少{missing}：请按顺序编号"
            else:
                message = f"列表编号不连续：“{before}”之后是“{written}”：应为“{expected}”，请按顺序编号"
            value = want if typo else marker.value
            yield Finding(marker.span, message, related=(Related(previous.span, f"上一项“{before}”"),),
                          key=f"{found.style}/{written}")
        extras = [m for m in markers if m.extra is not None]
        if extras:
            first = extras[0]
            shown = "".join(text[m.span.start:m.extra.end] for m in extras[:3]) + ("…" if len(extras) > 3 else "")
            count = f"（共 {len(extras)} 处）" if len(extras) > 1 else ""
            yield Finding(Span(first.span.start, first.extra.end),
                          f"括号编号后多了顿号：“{text[first.span.start:first.extra.end]}”应为“{_written(report, first)}”"
                          f"{count}：括号已把编号隔开，不再加“、”",
                          fix=Fix(f"删除编号后的“、”{count}", tuple(Edit(m.extra, "") for m in extras), safe=True),
                          related=tuple(Related(Span(m.span.start, m.extra.end), "同样写法") for m in extras[1:]),
                          key=f"{found.style}/extra/{shown}")
