"""S002–S007: the six sections are present, once each, in order, numbered
一、…六、, worded as the template has them, and not empty."""
from __future__ import annotations

from govlint.body import has_body
from govlint.document import Span
from govlint.headings import section_specs
from govlint.outline import content_of, old_outline
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


@rule("S002", "missing-section", "error")
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


@rule("S003", "section-order", "error")
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


@rule("S004", "duplicate-section", "error")
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


@rule("S005", "section-numbering", "warning")
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


@rule("S006", "heading-variant", "info")
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


@rule("S007", "empty-section", "error")
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
