"""S002–S007: the six sections are present, once each, in order, numbered
一、…六、, worded as the template has them, and not empty."""
from __future__ import annotations

from govlint.model.body import has_body
from govlint.model.document import Span
from govlint.model.headings import section_specs
from govlint.model.outline import content_of, old_outline
from govlint.rule import Edit, Finding, Fix, Related, rule


def _name(spec) -> str:
    return f"“{spec.heading}”"


def _first_occurrences(report):
    seen, firsts = set(), []
    for section in report.sections:
        if section.number not in seen:
            seen.add(section.number)
            firsts.append(section)
    return firsts


def _out_of_order(report) -> set[int]:
    """Indexes (into the first occurrences) of sections outside the longest
    run that is in template order: the fewest headings to move."""
    numbers = [s.number for s in _first_occurrences(report)]
    best: list[list[int]] = []
    for i, n in enumerate(numbers):
        chain = max((best[j] for j in range(i) if numbers[j] < n), key=len, default=[])
        best.append(chain + [i])
    keep = set(max(best, key=len, default=[]))
    return {i for i in range(len(numbers)) if i not in keep}


@rule("S002", "missing-section", "error", needs=(), zh=r"""
    缺少规定的六个章节之一。

    检查内容：报告有以下每一章的标题：一、总体情况，二、主动公开政府信息情况，三、收到和
    处理政府信息公开申请情况，四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及
    改进情况，六、其他需要报告的事项（认可的变体写法也算）。标题缺失、但该章内容出现在应在
    的位置（位于前后存在的章节之间，例如前言之后的“（一）主动公开…（五）监督保障”，表四与六
    之间的“（一）存在的主要问题”）时，问题标在这段内容上，说明缺少标题；否则标在缺失章节
    本应所在处、即下一个存在的章节标题上。

    为何重要：条例第五十条规定了年度报告的内容，全国统一格式规定了六个章节；缺少一章就是
    缺少一项法定公开内容，这是监督者首先检查的。

    示例：报告从“二、主动公开政府信息情况”直接跳到“四、政府信息公开行政复议、行政诉讼
    情况”。

    修改方法：用规范标题补上这一章；没有可报告的内容，就在标题下写“无”。

    只有标题的报告（正文是图片或附件）报一条缺少正文（S008），不再按章节逐一报告。
    """)
def missing_section(report, options):
    """One of the six required sections is absent.

    What it checks: the report has a heading for each of 一、总体情况,
    二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况,
    四、政府信息公开行政复议、行政诉讼情况, 五、存在的主要问题及改进情况 and
    六、其他需要报告的事项 (accepted variants included). When the heading
    is missing but the section's content stands where it belongs, between
    the neighbours that are present ("（一）主动公开…（五）监督保障" after the
    introduction, "（一）存在的主要问题" between table 四 and 六), the finding
    sits on that content and says the heading is missing; otherwise at the
    heading of the next section present, where the missing one belongs.

    Why it matters: 条例 第五十条 fixes the content of the annual report and
    the national format fixes its six sections; a missing section is a
    missing legal disclosure, the first thing a supervisor checks.

    Example: a report that goes from "二、主动公开政府信息情况" straight to
    "四、政府信息公开行政复议、行政诉讼情况".

    How to fix: add the section with its official heading; if there is
    nothing to report, write "无" under it.

    A report that is only a title (its body an image or an attachment) gets
    one missing-body (S008) finding instead of one per section.
    """
    if not has_body(report):
        return
    present = {s.number for s in report.sections}
    text = report.text
    found = _missing_with_content(report, present)
    if not present and not found:
        start = len(text) - len(text.lstrip())
        yield Finding(Span(start, start), "未找到任何规定章节（一、总体情况 至 六、其他需要报告的事项）：请按年度报告格式分六部分撰写")
        return
    for spec in section_specs():
        if spec.number in present:
            continue
        content = found.get(spec.number)
        if content is not None:
            excerpt = text[content.line_span.start:content.line_span.end]
            yield Finding(content.span, f"缺少第{spec.numeral}部分的标题{_name(spec)}：从“{excerpt}”起的内容"
                                        f"似为该部分，请在其前加上标题", key=spec.key)
            continue
        following = [s for s in report.sections if s.number > spec.number]
        if following:
            span = following[0].heading.span
        else:
            end = len(text.rstrip())           # at the end of the text, where it belongs
            span = Span(max(0, end - 1), end)
        yield Finding(span, f"缺少第{spec.numeral}部分{_name(spec)}：请补上该章节，没有内容时写“无”",
                      key=spec.key)


def _missing_with_content(report, present: set) -> dict:
    """Sections whose heading is missing but whose content stands where
    they belong, between the neighbours that are present: number → Content."""
    found = {}
    firsts = {}
    for section in report.sections:
        firsts.setdefault(section.number, section)
    for spec in section_specs():
        if spec.number in present:
            continue
        before = [firsts[n] for n in firsts if n < spec.number]
        after = [firsts[n] for n in firsts if n > spec.number]
        start = max((s.heading.span.end for s in before), default=report.front.start)
        end = min((s.heading.span.start for s in after), default=len(report.text))
        if start < end:
            content = content_of(report, spec.number, start, end)
            if content is not None:
                found[spec.number] = content
    return found


@rule("S003", "section-order", "error", needs=(), zh=r"""
    六个章节都在，但顺序与模板不同。

    检查内容：六个章节标题按一到六的顺序出现。标出的是最少的几个标题：移动它们就能恢复正确
    顺序。

    为何重要：读者和评估人员逐章比较各份报告；全国统一格式规定了章节顺序。

    示例：“三、收到和处理政府信息公开申请情况”放在了“二、主动公开政府信息情况”之前。

    修改方法：把标出的章节移到一至六顺序中应在的位置。
    """)
def section_order(report, options):
    """The sections are present but not in the template's order.

    What it checks: the six section headings appear in the order 一 to 六.
    The headings flagged are the fewest that, moved, would restore the order.

    Why it matters: readers and evaluators compare reports section by
    section; the national format fixes the order.

    Example: "三、收到和处理政府信息公开申请情况" placed before
    "二、主动公开政府信息情况".

    How to fix: move the flagged section to its place in the order 一…六.
    """
    firsts = _first_occurrences(report)
    for index in sorted(_out_of_order(report)):
        section = firsts[index]
        later = next((s for s in firsts if s.number > section.number), None)
        where = f"，应在{_name(later.heading.spec)}之前" if later else ""
        related = (Related(later.heading.span, "按格式应排在此章节之后"),) if later else ()
        yield Finding(section.heading.span, f"章节{_name(section.heading.spec)}顺序不对{where}",
                      related=related, key=section.heading.spec.key)


@rule("S004", "duplicate-section", "error", needs=(), zh=r"""
    同一个章节标题出现了两次。

    检查内容：六个章节各自只有一个标题。

    为何重要：重复的章节通常意味着文字粘贴了两遍，或把小标题写成了章节标题，读者无法判断
    哪一份才是报告的数据。

    示例：一份报告中有两个“二、主动公开政府信息情况”标题。

    修改方法：把两部分合并到一个标题下，或把第二个改编为“（一）”这样的小标题。
    """)
def duplicate_section(report, options):
    """The same section heading appears twice.

    What it checks: each of the six sections has exactly one heading.

    Why it matters: a repeated section usually means text pasted twice or a
    sub-heading written like a section, and readers cannot tell which copy
    holds the report's data.

    Example: two headings "二、主动公开政府信息情况" in one report.

    How to fix: merge the two parts under one heading, or renumber the
    second one as a sub-heading such as "（一）".
    """
    first: dict[int, object] = {}
    for section in report.sections:
        if section.number in first:
            original = first[section.number]
            yield Finding(section.heading.span,
                          f"章节{_name(section.heading.spec)}重复出现：请与第一次出现处合并或删除一处",
                          related=(Related(original.heading.span, "第一次出现"),), key=section.heading.spec.key)
        else:
            first[section.number] = section


@rule("S005", "section-numbering", "warning", needs=(), zh=r"""
    章节编号不是“一、二、……六、”，或编号跳号、重号。

    检查内容：每个章节标题以该章的汉字数字和顿号开头（一、…六、），且数字就是该章在模板中
    的位置。阿拉伯数字（“2、”）、其他分隔符（“二．”）、缺少编号，以及跳号或重号都会被标出。

    为何重要：格式用一到六给章节编号；编号混乱一看就是拼凑起来的报告，也会妨碍按章节读取
    报告的工具。

    示例：“2、 主动公开政府信息情况”（应为“二、主动公开政府信息情况”）。

    修改方法：用该章的汉字数字加“、”编号。
    """, fix="unsafe")
def section_numbering(report, options):
    """A section is numbered other than 一、 二、 … 六、, or numbers skip or repeat.

    What it checks: each section heading starts with its Chinese numeral
    and the enumeration comma (一、…六、), and the numeral is the section's
    place in the template. Arabic numerals ("2、"), other separators
    ("二．"), missing numbers and skipped or repeated numbers are flagged.

    Why it matters: the format numbers its sections 一 to 六; mixed
    numbering is a visible sign of a report assembled from pieces, and it
    breaks the tools that read reports by section.

    Example: "2、 主动公开政府信息情况" (should be "二、主动公开政府信息情况").

    How to fix: number the section with its Chinese numeral and "、".
    """
    misplaced = {id(_first_occurrences(report)[i]) for i in _out_of_order(report)}
    # Numbered after the pre-2019 outline: outdated-format says so once;
    # renumbering each heading would hide that.
    old = old_outline(report) is not None
    seen = set()
    for section in report.sections:
        heading = section.heading
        spec = heading.spec
        duplicate = section.number in seen
        seen.add(section.number)
        want = f"{spec.numeral}、"
        if heading.numbering is None:
            yield Finding(Span(heading.span.start, heading.span.start + 1),
                          f"章节标题缺少编号：应为“{want}{spec.canonical}”", key=spec.key,
                          fix=Fix(f"加上编号“{want}”", (Edit(Span(heading.span.start, heading.span.start), want),),
                                  safe=False))
            continue
        token = heading.numbering
        span = heading.numbering_span
        replace = Fix(f"改为“{want}”", (Edit(Span(span.start, heading.text_span.start), want),), safe=False)
        if heading.numbering_kind != "chinese" or not token.endswith("、"):
            yield Finding(span, f"章节编号“{token}”应为“{want}”", fix=replace, key=spec.key)
        elif heading.numbering_value != spec.number and not duplicate and id(section) not in misplaced and not old:
            yield Finding(span, f"章节编号“{token}”与章节不符：{_name(spec)}是第{spec.numeral}部分，应编为“{want}”",
                          fix=replace, key=spec.key)


@rule("S006", "heading-variant", "info", needs=(), zh=r"""
    章节标题能识别，但写法与模板不同。

    检查内容：每个章节标题使用2019年和2021年格式的规范写法（format-spec §3.1）。实际报告中
    常见的认可变体（例如“因政府信息公开工作被申请行政复议、提起行政诉讼情况”）报为提示；只
    有通过错字（文字识别错误、笔误）才能识别的标题报为警告。

    为何重要：统一的标题让读者和评估人员在每份报告中都能找到同样的内容；错字标题是明显的
    错误。

    示例：“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”（规范写法为“四、政府信
    息公开行政复议、行政诉讼情况”）。

    修改方法：使用规范的标题写法。
    """, fix="unsafe")
def heading_variant(report, options):
    """A section heading is recognised but not worded as the template has it.

    What it checks: each section heading uses the canonical wording of the
    2019 and 2021 formats (format-spec §3.1). Accepted variants seen in
    real reports (e.g. "因政府信息公开工作被申请行政复议、提起行政诉讼情况")
    are reported as info; a heading recognised only through a misread
    character (OCR noise, typos) is a warning.

    Why it matters: uniform headings let readers and evaluators find the
    same content in every report; a misread heading is a visible error.

    Example: "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    (canonical: "四、政府信息公开行政复议、行政诉讼情况").

    How to fix: use the canonical heading wording.
    """
    for section in report.sections:
        heading = section.heading
        if heading.match == "canonical":
            continue
        written = report.text[heading.text_span.start:heading.text_span.end]
        canonical = heading.spec.canonical
        fix = Fix(f"改为“{canonical}”", (Edit(heading.text_span, canonical),), safe=False)
        if heading.match == "fuzzy":
            yield Finding(heading.text_span, f"章节标题“{written}”疑有错字：应为“{canonical}”",
                          fix=fix, severity="warning", key=heading.spec.key)
        else:
            yield Finding(heading.text_span, f"章节标题“{written}”不是规范写法：格式为“{canonical}”",
                          fix=fix, key=heading.spec.key)


@rule("S007", "empty-section", "error", needs=(), zh=r"""
    章节标题下、下一个标题之前没有内容。

    检查内容：每个章节标题之后、下一个标题之前有文字。“无”也算内容。

    为何重要：空章节会被看作遗漏；即使没有可报告的内容，格式也要求明确写出来。

    示例：报告的最后一行是“六、其他需要报告的事项”。

    修改方法：写上该章的内容；没有可报告的内容，写“无”。
    """)
def empty_section(report, options):
    """A section heading has no content before the next heading.

    What it checks: some text follows each section heading before the next
    one. "无" counts as content.

    Why it matters: an empty section reads as an omission; the format asks
    for an explicit statement even when there is nothing to report.

    Example: "六、其他需要报告的事项" as the last line of the report.

    How to fix: write the section's content, or "无" when there is nothing
    to report.
    """
    for section in report.sections:
        body = report.text[section.body.start:section.body.end]
        if not body.strip(" \t\n\r\u3000|｜-"):
            yield Finding(section.heading.span,
                          f"章节{_name(section.heading.spec)}没有内容：请填写，没有需要报告的内容时写“无”",
                          key=section.heading.spec.key)
