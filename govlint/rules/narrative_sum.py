"""C004 narrative-sum: a total in the prose whose listed breakdown does not add up.

"主动公开信息52条。其中部门文件7条、文件废止0条、…年度报告1条": the parts
after 其中 / 包括 / 分别为 should add up to the total they break down. The
rule reads only breakdowns it can read without guessing; everything else
leaves it quiet:

- the parts follow the total in the same sentence, or open the next
  sentence of the same paragraph ("…52条。其中…") when that sentence states
  exactly one total in the parts' unit;
- no other number stands between the total and 其中 (percentages aside):
  "涉及3个部门，其中…" may be about the departments;
- every part is an exact count in the total's unit ("7条"); an approximate
  one ("1100余条"), one in words the rule cannot read, a nested breakdown
  ("其中…其中…") or two counts in one part make the list unreadable;
- the list is closed: not "主要有 / 如 / 重点 …", not ending in 等, not
  followed by "其余…" without a count; a breakdown by channel
  ("通过网站…条，通过公众号…条") may count one item twice and is skipped;
- the list ends where the sentence does, or where a clause says something
  else ("转接下年度办理45件", "结转…", "同比…", "累计…"); if the parts
  before such a clause (or any first parts of the list) add up to the
  total, the breakdown is right and the rest is another statement;
- parts that add up to less than half of the total, with no residual part
  ("其他…N条"), are a selection of highlights ("其中政策解读20条、图解5条"),
  not a breakdown.
"""

from decimal import Decimal
from typing import NamedTuple

from govlint.model.document import Span
from govlint.model.numbers import NUMBER, parse_number
from govlint.patterns import compile_re, lazy
from govlint.rule import Finding, Related, rule

# The words that introduce a breakdown. A literal alternation: the plain re
# module scans it fast, and most reports hold a few dozen of these at most.
TRIGGER = compile_re(r"其中|包括|分别为|分别是|具体为|具体是|具体包括")

# Units a count can carry; longer first ("人次" before "次", "万元" before "元").
_UNITS = ("人次", "万元", "条", "件", "宗", "次", "个", "项", "篇", "份", "场", "期", "起", "元")
_UNIT = "|".join(_UNITS)
# A count: a number and its unit. Not an ordinal ("第3条"), not a year
# ("2023年" has no unit here), not a rate ("3次/年" stays a count).
COUNT = lazy(r"(?<!第)(?P<n>" + NUMBER + r")[ \t\u3000]{0,90}(?P<unit>" + _UNIT + r")")
# Approximate counts: "约100条", "近百件", "1100余条", "10件左右", "超过20次".
_APPROX_BEFORE = lazy(r"(?:约|近|超过|超|逾|多达|将近|大约|不少于|不到|不足)[ \t\u3000]{0,2}$")
_APPROX_AFTER = lazy(r"^(?:余|多|来|左右|以上|以下|上下|许|之多)")
# Words after the marker that open the list ("其中主要是…", "包括但不限于").
_OPEN_AFTER = lazy(r"^[：:，,\s]*(?:主要|重点|大部分|大多数|多数|绝大部分|绝大多数|如|例如|比如|诸如|但不限于|部分(?!公开)|"
                   r"有代表性|典型|较为|比较|突出)")
# Words before the marker that make the list partial ("主要包括", "还包括").
_OPEN_BEFORE = lazy(r"(?:主要|重点|还|也|亦|等|同时|另外|此外|分别)$")
# A clause that is not a part of the breakdown but a new statement.
_NOT_A_PART = lazy(r"结转|转接|转入|转至|顺延|延期|下一?年度?|另有|另外|此外|累计|共计|合计|总计|总数|同比|"
                   r"增长|增加|减少|下降|上升|比上年|较上年|与上年|占比|占|平均|人均|均为")
# A part counted by channel or place may be counted twice ("通过网站…，通过公众号…").
_CHANNEL = lazy(r"^(?:通过|经由|经|依托|利用|借助|在|于)")
# A residual part makes a list complete ("其他信息22条", "其余3件").
_RESIDUAL = lazy(r"^(?:其他|其它|其余|剩余|余下|其他类)")
_NESTED = lazy(r"^(?:其中|包括|含|包含)")
# Counts written in a way this rule cannot read: "若干条", "数十件", "几次".
_UNREADABLE = lazy(r"(?:若干|数十|数百|数千|几十|几百|几|数)[ \t\u3000]{0,2}(?:" + _UNIT + r")")
_CELL_EDGE = lazy(r"[|｜\t]")
_SENTENCE_END = lazy(r"[。！？!?\n]|(?<![0-9０-９])[.．](?![0-9０-９])")
_PARENS = lazy(r"[（(][^（()）\n]{0,80}[)）]")
_ITEM_SEPARATOR = lazy(r"[，,、；;]|(?<=" + "|".join(_UNITS) + r")(?:以及|和|及|与)")
_SHARE = lazy(r"^(?:约|分别)?占(?:比|总数|总量|全部)?(?:的)?(?:为|是|达)?[ \t\u3000]{0,2}" + NUMBER + r"[ \t\u3000]?[%％]$")
# Two totals joined into one ("人大代表建议15件、政协提案20件"): 其中 may divide both.
_JOINT = lazy(r"[^，,；;。]{0,20}")
_RESPECTIVELY = lazy(r"分别为|分别是")
_DIGIT = lazy(r"[0-9０-９]")
_PERCENT = lazy(NUMBER + r"[ \t\u3000]?[%％]|百分之")
_FINAL = ("。", "！", "？", "!", "?", "；", ";", ".", "．", "”", "）", ")")
LOOK_BACK = 200       # how far back the total may stand in its sentence
LOOK_AHEAD = 600      # how long a breakdown may run


class Count(NamedTuple):
    value: int | Decimal
    unit: str
    span: Span          # the number and its unit


class Part(NamedTuple):
    count: Count
    label: str


def _blank_parens(text: str) -> str:
    """Parenthetical remarks blanked out with spaces, offsets kept:
    "部门预决算3(45个单位在3个总表中公示)条" reads as "3 … 条"."""
    return _PARENS.sub(lambda m: " " * len(m.group()), text)


def _count(text: str, match, base: int) -> Count | None:
    """The count a COUNT match stands for, or None when it is approximate."""
    if _APPROX_BEFORE.search(text, 0, match.start()) or _APPROX_AFTER.match(text[match.end():match.end() + 2]):
        return None
    value = parse_number(match.group("n"))
    if value is None:
        return None
    return Count(value, match.group("unit"), Span(base + match.start(), base + match.end()))


def _counts(text: str, base: int, unit: str | None = None):
    """(count or None if approximate, match) for each count in text."""
    for match in COUNT.finditer(text):
        if unit is not None and match.group("unit") != unit:
            continue
        yield _count(text, match, base), match


class Breakdown(NamedTuple):
    total: Count
    parts: list
    complete: bool        # a residual part ("其他…") closes the list


def _sentence_bounds(line: str, at: int) -> tuple[int, int | None]:
    """Where the sentence around `at` starts and ends in its line; end is
    None when it runs on, before or after, past what the rule reads."""
    start = None if at > LOOK_BACK else 0
    for match in _SENTENCE_END.finditer(line, max(0, at - LOOK_BACK), at):
        start = match.end()
    end_match = _SENTENCE_END.search(line, at, at + LOOK_AHEAD)
    if start is None:
        return at, None
    if end_match:
        return start, end_match.start()
    return start, (len(line) if len(line) <= at + LOOK_AHEAD else None)


def _parts(region: str, base: int) -> tuple[list[Part], bool] | None:
    """The parts listed in region (the text after the marker up to the
    sentence end), and whether the list ends with a residual part; None when
    the list is open, unreadable or ambiguous."""
    if _OPEN_AFTER.match(region):
        return None
    respectively = _RESPECTIVELY.search(region)
    if respectively and not _DIGIT.search(region, 0, respectively.start()):
        offset = respectively.end()        # "其中予以公开、部分公开分别为3件、4件"
    else:
        offset = 0
    items = []
    position = offset
    for match in _ITEM_SEPARATOR.finditer(region, offset):
        items.append((position, match.start()))
        position = match.end()
    items.append((position, len(region)))
    parts: list[Part] = []
    unit = None
    ended = False
    residual = False
    for start, end in items:
        item = region[start:end]
        stripped = item.strip(" \t\u3000：:")
        if not stripped:
            continue
        if _NESTED.match(stripped) and parts:
            return None                    # a breakdown inside the breakdown
        if _UNREADABLE.search(item):
            return None
        found = list(_counts(item, base + start, unit))
        if unit is None and found:
            unit = found[0][1].group("unit")
            found = [f for f in found if f[1].group("unit") == unit]
        if ended:
            if found:
                return None                # more counts after the list ended: ambiguous
            continue
        if not found:
            if _SHARE.match(stripped):
                continue                   # "予以公开5件，占50%": the part's share, not a new clause
            if _RESIDUAL.match(stripped):
                return None                # "其余为动态信息": a remainder without its count
            if not parts and _DIGIT.search(item) is None:
                continue                   # a label before the counts ("其中：")
            ended = True
            continue
        if len(found) > 1:
            return None
        count, match = found[0]
        if count is None:
            return None                    # approximate
        label = item[:match.start()].strip(" \t\u3000：:")
        if _NOT_A_PART.search(label):
            ended = True
            continue
        if item[match.end():].lstrip().startswith("等"):
            return None                    # "…3条等": an open list
        if _CHANNEL.match(label):
            return None
        residual = residual or bool(_RESIDUAL.match(label))
        parts.append(Part(count, label))
    if len(parts) < 2:
        return None
    return parts, residual


def _total(line: str, sentence_start: int, marker: int, unit: str, base: int) -> Count | None:
    """The total the breakdown at `marker` divides: the nearest count in the
    parts' unit before it in the sentence, with nothing countable between;
    or, when the marker opens its sentence, the one count in that unit of
    the sentence before."""
    before = line[sentence_start:marker]
    if TRIGGER.search(before):
        return None                        # the nearest count may be a part of an earlier breakdown
    if before.strip(" \t\u3000，,：:"):
        text = _blank_parens(before)
        candidates = [c for c in _counts(text, base + sentence_start)]
        if not candidates:
            return None
        count, match = candidates[-1]
        if count is None or match.group("unit") != unit:
            return None
        between = _PERCENT.sub("", text[match.end():])
        if _DIGIT.search(between):
            return None
        if len(candidates) > 1 and _JOINT.fullmatch(text, candidates[-2][1].end(), match.start()):
            return None                    # "建议15件、提案20件，其中…": of both, or of the last?
        return count
    # The marker opens the sentence: the previous sentence of the paragraph.
    if sentence_start == 0:
        return None
    previous_start, _ = _sentence_bounds(line, sentence_start - 1)
    text = _blank_parens(line[previous_start:sentence_start - 1])
    candidates = [c for c in _counts(text, base + previous_start, unit)]
    if len(candidates) != 1:
        return None                        # none, or several totals: which one is divided?
    count, match = candidates[0]
    between = _PERCENT.sub("", text[match.end():])
    if count is None or _DIGIT.search(between):
        return None
    return count


def breakdowns(report):
    """Every breakdown of a total the prose states, read as C004 reads it."""
    document = report.document
    text = report.text
    skip_until = report.metadata_span.end if report.metadata_span else 0
    hits = [m.start() for m in TRIGGER.finditer(text)]
    if not hits:
        return
    seen_lines, seen_totals = set(), set()
    for hit in hits:
        index = document.line_of(hit) - 1
        if index in seen_lines:
            continue
        seen_lines.add(index)
        base = document.line_starts[index]
        line = document.lines[index]
        if base + len(line) <= skip_until:
            continue
        following = document.lines[index + 1] if index + 1 < len(document.lines) else ""
        # A line that stops without a sentence's end and goes on with more
        # prose is wrapped (PDF text): its last sentence is not all there.
        wrapped = not line.rstrip().endswith(_FINAL) and bool(following.strip())
        for marker in TRIGGER.finditer(line):
            if base + marker.start() < skip_until:
                continue
            found = _breakdown(line, marker, base, wrapped)
            if found is not None and found.total.span not in seen_totals:
                seen_totals.add(found.total.span)     # "其中…分别为…": one breakdown
                yield found


def _breakdown(line: str, marker, base: int, wrapped: bool) -> Breakdown | None:
    start, end = _sentence_bounds(line, marker.start())
    if end is None or (wrapped and end == len(line)):
        return None
    if _OPEN_BEFORE.search(line, max(0, marker.start() - 4), marker.start()):
        return None
    if end == len(line) and line.rstrip().endswith(("，", ",", "、", "；", ";")):
        return None                        # the paragraph stops mid-list: a cut or a broken line
    following = TRIGGER.search(line, marker.end(), end)
    if following and not _RESPECTIVELY.match(line, following.start()):
        end = following.start()           # the next breakdown is read on its own
    region = _blank_parens(line[marker.end():end])
    read = _parts(region, base + marker.end())
    if read is None:
        return None
    parts, residual = read
    unit = parts[0].count.unit
    total = _total(line, start, marker.start(), unit, base)
    if total is None or _CELL_EDGE.search(line, total.span.start - base, end):
        return None                        # table cells, not a sentence
    return Breakdown(total, parts, residual)


def _format(value) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


@rule("C004", "narrative-sum", "warning", needs=(), zh=r"""
    正文中写明的总数与所列分项之和不符。

    检查内容：一句话先写总数，再在“其中”“包括”“分别为”之后列出分项（“主动公开信息52条。
    其中部门文件7条、文件废止0条、…、年度报告1条”）：单位与总数相同的各分项之和应等于总数。
    只读作为完整分解列出的分项：不读开放式列举（“主要有”“如”“重点”“…等”、没有数字的
    “其余…”），不读按渠道的分解（“通过网站…，通过公众号…”，同一条信息可能计了两次），不
    读约数（“1100余条”），也不读总数有歧义的句子（“其中…”之前有两个总数）。分项后面接着
    写了别的事（“…其他处理76件，转接下年度办理45件”）时，只计之前的分项；前几项之和已等于
    总数时，其余的视为另一件事。分项合计不到总数一半、又没有“其他…N条”这样的剩余项时，视
    为举例，不视为分解。

    为何重要：分项之和不等于总数，说明其中有一个数字是错的，读者无从判断是哪一个；评估时
    首先核对这类加总（数据失准，format-spec D02）。

    严重程度：警告而不是错误。算术是确定的，但文字无法证明所列各类互不重叠、没有遗漏；作者
    可能有意列出相互交叉的信息类别。

    示例：“2023年全区共办结政府信息依申请公开733件，其中予以公开238件，部分公开33件，不予
    公开38件，无法提供323件，不予处理25件，其他处理76件”加起来正好（238+33+38+323+25+76 =
    733）；若写成“予以公开228件”，分项之和为 723，规则在“733件”处报告。

    修改方法：改正错误的总数或分项；如果有意只列一部分，请写明（“主要包括…”“…等”）。
    """)
def narrative_sum(report, options):
    """A total stated in the text whose listed breakdown does not add up.

    What it checks: a sentence that states a total and then lists its parts
    after 其中, 包括 or 分别为 ("主动公开信息52条。其中部门文件7条、文件废止0条、…、
    年度报告1条"): the parts, all in the total's unit, must add up to the
    total. Only lists presented as the complete breakdown are read: not an
    open list ("主要有", "如", "重点", "…等", "其余…" without a count), not a
    breakdown by channel ("通过网站…，通过公众号…", which may count one item
    twice), not approximate counts ("1100余条"), not a total that is
    ambiguous (two totals in the sentence before "其中…"). When the list runs
    on into another statement ("…其他处理76件，转接下年度办理45件"), the
    parts before it count; when the first parts already add up to the total,
    the rest is taken for another statement. Parts that cover less than half
    of the total with no residual part ("其他…N条") are read as highlights,
    not as a breakdown.

    Why it matters: a breakdown that does not add up means one of the
    numbers is wrong, and readers cannot tell which; evaluators check these
    sums first (数据失准, format-spec D02).

    Severity: a warning, not an error. The arithmetic is certain, but the
    text cannot prove that its categories are disjoint and exhaustive; an
    author may list overlapping kinds of information on purpose.

    Example: "2023年全区共办结政府信息依申请公开733件，其中予以公开238件，
    部分公开33件，不予公开38件，无法提供323件，不予处理25件，其他处理76件"
    adds up (238+33+38+323+25+76 = 733); with "予以公开228件" the parts give
    723 and the rule reports it at "733件".

    How to fix: correct the total or the part that is wrong; if the list is
    deliberately partial, say so ("主要包括…", "…等").
    """
    for breakdown in breakdowns(report):
        total = breakdown.total
        values = [p.count.value for p in breakdown.parts]
        running, prefixes = 0, []
        for value in values:
            running += value
            prefixes.append(running)
        if total.value in prefixes[1:]:
            continue                       # the breakdown, then another statement
        whole = prefixes[-1]
        if whole < total.value and not breakdown.complete and whole * 2 < total.value:
            continue                       # highlights, not a breakdown
        unit = total.unit
        stated = report.text[total.span.start:total.span.end]
        terms = "+".join(_format(v) for v in values)
        relation = "少" if whole < total.value else "多"
        related = tuple(Related(p.count.span, f"分项“{p.label}{report.text[p.count.span.start:p.count.span.end]}”")
                        for p in breakdown.parts)
        yield Finding(total.span,
                      f"总数“{stated}”与所列分项不符：分项相加为{_format(whole)}{unit}（{terms}），"
                      f"比总数{relation}{_format(abs(total.value - whole))}{unit}：请核对总数和各分项",
                      related=related, key=f"{_format(total.value)}{unit}")
