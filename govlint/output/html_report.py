"""`govlint --format html -o summary.html reports/`: one page for a folder.

The office view of a whole folder of reports, in one self-contained file
(inline CSS, a small inline script, charts as inline SVG; no network, no
external script or font), in Chinese:

- an overview: reports checked, reports with errors, unreadable files, the
  share of reports whose tables add up, the key failures, and the most
  common problems as a bar chart by rule;
- a list with one row per report (agency and year as read from the report,
  publisher type, publication date and deadline, counts by severity, the
  key failures as badges), sortable by a click on a column header,
  filterable, paginated, and grouped by agency when the folder holds
  several years;
- each report's own part (an anchor per report): its findings in reading
  order with the text around each and the span highlighted, and tables 二,
  三 and 四 drawn as the official grid with the values read, blank and
  unreadable cells marked and the cells of each broken identity marked;
  cross-year findings link to last year's report.

Scale: a report's part is rendered here, once, and stored in the page as
the text of an inert <script type="text/x-govlint-report"> element; the
browser keeps it as a string and builds it only when the report is opened.
So the page's live DOM is the overview and one page of the list, whatever
the number of reports, and its first paint does not wait for the parts.

Every piece of report text (titles, agencies, paths, messages, excerpts,
cell text) goes through html.escape; the parts hold no "<" that did not
come from this module, so no report text can end a script element.
"""
from __future__ import annotations

import hashlib
import html
from collections import Counter
from datetime import date

from govlint.output.reporters import Reporter

IDENTITY_CODES = ("T101", "T102", "T103", "T104")
# The key failures an office looks for first, each a badge: code prefix(es) → words.
BADGES = (
    ("tables", "表格不平", IDENTITY_CODES, "表三或表四的勾稽关系不成立（T101–T104）"),
    ("sections", "缺少章节", ("S002",), "缺少六个必备章节之一（S002）"),
    ("late", "逾期发布", ("P004",), "发布日期晚于法定期限（P004）"),
    ("format", "格式过时", ("P005",), "统计表使用了不适用于该年度的格式（P005）"),
    ("copied", "照搬上年", ("X003",), "与上年报告雷同（X003）"),
)
UNREADABLE = "unreadable"

PUBLISHER = {"government": "县级以上人民政府", "department": "政府部门", "township": "乡镇、街道",
             "unknown": "未识别"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
FORMAT_NAME = {"2019": "2019 年试行格式", "2021": "2021 年格式"}
FILE_FORMAT = {"text": "文本", "docx": "Word (.docx)", "pdf": "PDF", "html": "网页"}

# Short Chinese names of the built-in rules, for the chart and the findings.
RULE_TITLES = {
    "A001": "转换残留", "A002": "网页残留", "A003": "段落被断开", "A004": "页码或页眉残留",
    "A005": "模板占位符未填写", "A006": "乱码字符",
    "C001": "正文数字与表格不符", "C002": "百分比不符", "C003": "总体情况缺少要点",
    "C004": "正文合计与分项不符", "C005": "机关名称前后不一", "C006": "缺少考核评议追责结果",
    "L001": "错别字", "L002": "用词不规范", "L003": "多余空格", "L004": "中文中用了半角标点",
    "L005": "汉字与数字间有空格",
    "P001": "标题缺少年份", "P002": "年份前后不一", "P003": "统计期限不是整年", "P004": "逾期发布",
    "P005": "表格格式过时", "P006": "新旧格式混用", "P007": "格式文件引用有误",
    "S001": "缺少标题", "S002": "缺少章节", "S003": "章节顺序错误", "S004": "章节重复",
    "S005": "章节编号不规范", "S006": "章节标题不规范", "S007": "章节内容为空", "S008": "缺少正文",
    "S009": "序号不连续",
    "T001": "缺少统计表", "T002": "表格结构不符", "T003": "单元格空白", "T004": "单元格不是数字",
    "T101": "表三收支不平衡", "T102": "表三总计与各类申请人不符", "T103": "表三办理结果合计不符",
    "T104": "表四总计不符", "T201": "表格标签不规范", "T202": "数值不合理",
    "X001": "上年结转与上年报告不符", "X002": "现行有效件数与上年不接续", "X003": "照搬上年内容",
    "E001": "文件无法读取", "E002": "空文件", "E003": "二进制文件", "E004": "无法解码",
    "E005": "文件过大", "E010": "不支持的格式", "E011": "文件损坏", "E012": "文件加密", "E013": "没有文字",
    "E014": "缺少读取组件", "E015": "部分页面没有文字", "E997": "报告内容无法读取", "E998": "规则超时", "E999": "内部错误",
}

TABLE_ID = {"二": "2", "三": "3", "四": "4"}     # ASCII anchors: a URL fragment keeps them as written
CHART_BARS = 12
PAGE_SIZE = 100

_e = html.escape


def report_id(path: str) -> str:
    """A report's anchor: stable for a path, whatever else is in the folder."""
    return "r" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def unreadable(code: str) -> bool:
    return code.startswith("E0")


def rule_title(code: str, name: str = "") -> str:
    return RULE_TITLES.get(code) or name or code


def _fmt_number(value) -> str:
    if isinstance(value, float):
        return format(value, "f").rstrip("0").rstrip(".")
    return str(value)


class Entry:
    """What the summary keeps of one report: its row and its rendered part."""

    __slots__ = ("path", "rid", "error", "counts", "codes", "rule_names", "badges", "agency", "year",
                 "publisher", "published", "deadline", "late", "title", "previous", "part", "tables_read",
                 "file_format")

    def __init__(self, result):
        facts = result.facts or {}
        self.path = result.path
        self.rid = report_id(result.path)
        self.file_format = getattr(result, "format", "text")
        diagnostics = result.diagnostics
        self.counts = Counter(d.severity for d in diagnostics)
        self.codes = Counter(d.code for d in diagnostics)
        self.rule_names = {d.code: d.name for d in diagnostics}
        unread = next((d for d in diagnostics if unreadable(d.code)), None)
        self.error = f"{unread.code} {unread.message}" if unread else None
        self.badges = [key for key, _, codes, _ in BADGES if any(self.codes[c] for c in codes)]
        if unread:
            self.badges.append(UNREADABLE)
        self.agency = facts.get("agency")
        self.year = facts.get("year")
        self.title = facts.get("title")
        self.publisher = facts.get("publisher") if facts else None
        self.published = facts.get("published")
        self.deadline = facts.get("deadline")
        self.late = bool(self.published and self.deadline and self.published > self.deadline)
        self.previous = facts.get("previous")
        self.tables_read = sorted(n for n in (facts.get("tables") or {}) if n in ("三", "四"))
        self.part = _part(self, result, facts)

    @property
    def with_errors(self) -> bool:
        return not self.error and self.counts["error"] > 0

    @property
    def adds_up(self) -> bool | None:
        """True when table 三 or 四 was read and no identity is broken; None
        when neither table was read (nothing to add up)."""
        if self.error or not self.tables_read:
            return None
        return not any(self.codes[c] for c in IDENTITY_CODES)


class HtmlSummary(Reporter):
    """Collects each report's row and part as results stream in; writes
    the page at the end (the overview, first in the file, needs them all)."""

    def __init__(self, out, title: str = "政府信息公开工作年度报告检查汇总"):
        super().__init__(out)
        self.title = title
        self.entries: list[Entry] = []

    def file(self, result):
        self.entries.append(Entry(result))

    def finish(self, results_seen, counts):
        self.out.write(render_page(self.entries, self.title))


# --------------------------------------------------------------------------
# One report's part

def _part(entry: Entry, result, facts: dict) -> str:
    rid = entry.rid
    out = [f'<article class="report" id="{rid}">']
    out.append(f'<p class="back"><a href="#reports">↑ 返回报告列表</a></p><h2>{_e(_heading(entry))}</h2>')
    out.append('<dl class="facts">')
    out.append(f'<dt>文件</dt><dd><code>{_e(entry.path)}</code>'
               f'{"（" + _e(FILE_FORMAT.get(entry.file_format, entry.file_format)) + "）" if entry.file_format != "text" else ""}</dd>')
    if entry.title:
        out.append(f'<dt>标题</dt><dd>{_e(entry.title)}</dd>')
    if facts:
        kind = facts.get("publisher") or "unknown"
        out.append(f'<dt>发布机关类型</dt><dd>{_e(PUBLISHER.get(kind, kind))}'
                   f'<span class="why">：{_e(facts.get("publisher_why") or "")}</span></dd>')
        published = facts.get("published")
        source = facts.get("published_source")
        out.append(f'<dt>发布日期</dt><dd class="{"late" if entry.late else ""}">'
                   f'{_e(published) if published else "未写明"}'
                   f'{"（" + _e(source) + "）" if published and source else ""}</dd>')
        out.append(f'<dt>法定期限</dt><dd>{_e(entry.deadline) if entry.deadline else "无法定期限或无法判断"}</dd>')
        fmt = facts.get("format")
        read_as = facts.get("read_as")
        if read_as:
            shown = FORMAT_NAME.get(fmt, "") if fmt else f"未见格式标志，按{FORMAT_NAME.get(read_as, read_as)}读取"
            out.append(f'<dt>表格格式</dt><dd>{_e(shown)}</dd>')
        previous = facts.get("previous")
        if previous:
            out.append(f'<dt>上年报告</dt><dd>{_prev_link(previous)}</dd>')
    out.append('<next-year/>')     # filled in (or dropped) when the whole folder is known
    out.append('</dl>')
    if entry.badges:
        out.append(f'<p class="badges">{_badges(entry.badges)}</p>')
    out.append(_findings(entry, result, facts))
    if facts.get("tables") is not None:
        out.append(_tables(entry, result, facts))
    out.append('</article>')
    return "".join(out)


def _heading(entry: Entry) -> str:
    if entry.agency or entry.year:
        return f"{entry.agency or '（未识别机关）'} {str(entry.year) + '年' if entry.year else '（年份未识别）'}"
    return entry.path


def _prev_link(path: str) -> str:
    return f'<a class="prev" href="#{report_id(path)}" data-path="{_e(path)}">{_e(path)}</a>'


def _badges(keys) -> str:
    words = {key: (label, why) for key, label, _, why in BADGES}
    words[UNREADABLE] = ("无法读取", "文件无法读取或解码（E0xx）")
    return "".join(f'<span class="badge b-{key}" title="{_e(words[key][1])}">{_e(words[key][0])}</span>'
                   for key in keys)


def _location(d, fmt: str) -> str:
    text = f"第 {d.line} 行第 {d.column} 列"
    if d.original and fmt != "text":
        return f"{where_in_original(d.original, fmt)}（文本{text}）"
    return text


def where_in_original(original: dict, fmt: str) -> str:
    """A place in the .docx, PDF or web page, in Chinese: "第 3 页第 12 行",
    "第 8 段", "第 2 个表格第 5 行第 3 列", "源代码第 120 行第 7 列"."""
    from govlint.reading.locations import describe

    return describe(original, fmt, "zh")


def _findings(entry: Entry, result, facts: dict) -> str:
    rid = entry.rid
    diagnostics = result.diagnostics
    if not diagnostics:
        return '<p class="clean">未发现问题。</p>'
    excerpts = facts.get("excerpts") or {}
    involved = facts.get("cells") or {}
    out = [f'<h3>问题（{len(diagnostics)} 处，按在文中的顺序）</h3><ol class="findings">']
    for index, d in enumerate(diagnostics):
        out.append(f'<li id="{rid}-f{index + 1}" class="sev-{_e(d.severity)}">'
                   f'<span class="sev">{_e(SEVERITY.get(d.severity, d.severity))}</span> '
                   f'<span class="code" title="{_e(d.name)}">{_e(d.code)} {_e(rule_title(d.code, d.name))}</span> '
                   f'<span class="loc">{_e(_location(d, entry.file_format))}</span>'
                   f'<div class="msg">{_e(d.message)}</div>')
        excerpt = excerpts.get(d.fingerprint)
        if excerpt:
            before, hit, after = excerpt
            out.append(f'<pre class="src"><span class="ln">{d.line}</span>{_e(before)}'
                       f'<mark>{_e(hit) if hit else "‸"}</mark>{_e(after)}</pre>')
        if d.related:
            out.append('<ul class="related">')
            for related in d.related[:12]:
                out.append(f'<li>第 {related.get("line")} 行第 {related.get("column")} 列：'
                           f'{_e(str(related.get("message", "")))}</li>')
            if len(d.related) > 12:
                out.append(f'<li>……另有 {len(d.related) - 12} 处</li>')
            out.append('</ul>')
        cells = involved.get(d.fingerprint)
        if cells:
            out.append('<div class="see">'
                       + "".join(f'<a href="#{rid}-t{TABLE_ID[numeral]}">在表{_e(numeral)}中查看</a>' for numeral in cells)
                       + '</div>')
        if d.code.startswith("X") and entry.previous:
            out.append(f'<div class="see">上年报告：{_prev_link(entry.previous)}</div>')
        out.append('</li>')
    out.append('</ol>')
    return "".join(out)


# --------------------------------------------------------------------------
# The three tables as the official grid

class _Marks:
    """Which findings are about which cells of one table."""

    def __init__(self, numeral: str, facts: dict, diagnostics):
        self.by_cell: dict[str, list[int]] = {}
        self.bad: set[str] = set()
        involved = facts.get("cells") or {}
        for index, d in enumerate(diagnostics):       # finding numbers as the list shows them
            for key in involved.get(d.fingerprint, {}).get(numeral, ()):
                self.by_cell.setdefault(key, []).append(index)
                if d.code in IDENTITY_CODES:
                    self.bad.add(key)


STATUS_WORDS = {"blank": "空白", "dash": "横线", "none": "“无”", "text": "非数字", "unread": "无法读取",
                "ocr": "按识别纠正读取"}


def _cell(rid: str, numeral: str, key: str, cells: dict, marks: _Marks, diagnostics, colspan: int = 1) -> str:
    """One cell of a grid: a number read plainly is just its value (the
    common case, kept small: a folder has hundreds of thousands of cells);
    anything else says what it is in its class and title."""
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    found = cells.get(key)
    hits = marks.by_cell.get(key)
    if found is not None and found[0] == "number" and not hits:
        return f'<td{span}>{_fmt_number(found[1])}</td>'
    classes = []
    if found is None:
        classes.append("c-missing")
        content, title = "", "未读到此单元格"
    else:
        status, value, raw, line = found
        if status != "number":
            classes.append(f"c-{status}")
        if status in ("number", "ocr"):
            content = _e(_fmt_number(value))
        elif status == "blank":
            content = "空"
        elif status == "unread":
            content = "?"
        else:
            content = _e(raw)
        title = STATUS_WORDS.get(status, "") + (f"，原文“{raw}”" if raw and status != "number" else "")
        if line:
            title += ("，" if title else "") + f"第 {line} 行"
    if hits:
        classes.append("c-bad" if key in marks.bad else "c-hit")
        notes = "；".join(diagnostics[i].message for i in hits if i < len(diagnostics))
        title = (title + "。" if title else "") + notes
        content += "".join(f'<a class="fn" href="#{rid}-f{i + 1}">{i + 1}</a>' for i in hits)
    return f'<td class="{" ".join(classes)}"{span} title="{_e(title)}">{content}</td>'


def _tables(entry: Entry, result, facts: dict) -> str:
    from govlint.model.template import template

    rid = entry.rid
    read_as = facts.get("read_as") or "2021"
    t = template(read_as)
    tables = facts.get("tables") or {}
    out = [f'<h3>统计表（{_e(FORMAT_NAME.get(read_as, read_as))}）</h3>',
           '<p class="legend"><span class="c-blank">空</span> 空白　<span class="c-unread">?</span> 无法读取　'
           '<span class="c-missing">　</span> 未读到　<span class="c-bad">数</span> 勾稽关系不成立所涉单元格　'
           '<span class="c-hit">数</span> 其他问题所涉单元格</p>']
    for numeral, draw in (("二", _grid_t2), ("三", _grid_t3), ("四", _grid_t4)):
        if numeral not in tables:
            out.append(f'<p class="notable" id="{rid}-t{TABLE_ID[numeral]}">未读到表{numeral}。</p>')
            continue
        marks = _Marks(numeral, facts, result.diagnostics)
        out.append(f'<div class="gridwrap"><table class="grid g{TABLE_ID[numeral]}" id="{rid}-t{TABLE_ID[numeral]}">'
                   f'<caption>表{numeral}</caption>')
        out.append(draw(rid, t, tables[numeral], marks, result.diagnostics, facts))
        out.append('</table></div>')
    return "".join(out)


def _grid_t2(rid, t, cells, marks, diagnostics, facts) -> str:
    width = max(len(b.columns) for b in t.blocks)
    out = []
    for block in t.blocks:
        out.append(f'<tr><th class="blk" colspan="{width + 1}">{_e(block.header)}</th></tr>')
        heads = "".join(f'<th{_span(width, len(block.columns), i)}>{_e(c.label)}</th>'
                        for i, c in enumerate(block.columns))
        out.append(f'<tr><th>{_e(t.t2_headers[0])}</th>{heads}</tr>')
        for row in block.rows:
            tds = "".join(_cell(rid, "二", f"{block.key}|{row.key}|{c.key}", cells, marks, diagnostics,
                                _width(width, len(block.columns), i))
                          for i, c in enumerate(block.columns))
            out.append(f'<tr><th class="rl">{_e(row.label)}</th>{tds}</tr>')
    return "".join(out)


def _width(width: int, count: int, i: int) -> int:
    """The last column of a narrower block spans the rest of the grid."""
    return width - count + 1 if i == count - 1 else 1


def _span(width: int, count: int, i: int) -> str:
    n = _width(width, count, i)
    return f' colspan="{n}"' if n > 1 else ""


def _t3_columns(t, facts):
    read = {key for key, _ in (facts.get("extra_columns") or {}).get("三", [])}
    return [c for c in t.t3_columns if not c.flag("optional") or c.key in read]


def _grid_t3(rid, t, cells, marks, diagnostics, facts) -> str:
    columns = _t3_columns(t, facts)
    org = [c for c in columns if c.flag("group")]
    out = [f'<tr><th class="corner" colspan="3" rowspan="3">{_e(t.t3_headers[0])}</th>'
           f'<th colspan="{len(columns)}">{_e(t.t3_headers[1])}</th></tr><tr>']
    placed_group = False
    for c in columns:
        if c.flag("group"):
            if not placed_group:
                out.append(f'<th colspan="{len(org)}">{_e(c.flag("group"))}</th>')
                placed_group = True
        else:
            out.append(f'<th rowspan="2">{_e(c.label)}</th>')
    out.append('</tr><tr>' + "".join(f'<th>{_e(c.label)}</th>' for c in org) + '</tr>')
    rows = list(t.t3_rows)
    outcome = [r for r in rows if r.flag("outcome")]
    prefixes = Counter(r.key.split("_")[0] + "_" for r in outcome if "_" in r.key)
    group_words = {g[:3]: g for g in t.t3_groups}      # "（三）" → "（三）不予公开"
    numbers = {"deny_": "（三）", "unable_": "（四）", "np_": "（五）", "other_": "（六）"}
    result_rows = outcome + [r for r in rows if r.key == "processed_total"]
    seen_prefix = set()
    for row in rows:
        tds = "".join(_cell(rid, "三", f"|{row.key}|{c.key}", cells, marks, diagnostics) for c in columns)
        head = ""
        if row in result_rows:
            if row is result_rows[0]:
                head += f'<th class="v" rowspan="{len(result_rows)}">{_e(t.t3_groups[0])}</th>'
            prefix = row.key.split("_")[0] + "_" if "_" in row.key else ""
            if row.flag("outcome") and prefixes.get(prefix, 0) > 1 and prefix in numbers:
                if prefix not in seen_prefix:
                    seen_prefix.add(prefix)
                    label = group_words.get(numbers[prefix], numbers[prefix])
                    head += f'<th class="grp" rowspan="{prefixes[prefix]}">{_e(label)}</th>'
                head += f'<th class="rl">{_e(row.label)}</th>'
            else:
                head += f'<th class="rl" colspan="2">{_e(row.label)}</th>'
        else:
            head = f'<th class="rl" colspan="3">{_e(row.label)}</th>'
        out.append(f'<tr>{head}{tds}</tr>')
    return "".join(out)


def _grid_t4(rid, t, cells, marks, diagnostics, facts) -> str:
    groups = list(t.t4_groups)
    columns = list(t.t4_columns)
    n = len(columns)
    top: list[list] = []            # [label, columns spanned]: a group, or the parent of several
    for g in groups:
        label = g.flag("parent") or g.label
        if g.flag("parent") and top and top[-1][0] == label:
            top[-1][1] += n
        else:
            top.append([label, n])
    first = "".join(f'<th colspan="{span}">{_e(label)}</th>' for label, span in top)
    second = []
    for g in groups:
        if g.flag("parent"):
            second.append(f'<th colspan="{n}">{_e(g.label)}</th>')
        else:
            second.extend(f'<th rowspan="2">{_e(c.label)}</th>' for c in columns)
    third = "".join(f'<th>{_e(c.label)}</th>' for g in groups if g.flag("parent") for c in columns)
    values = "".join(_cell(rid, "四", f"|{g.key}|{c.key}", cells, marks, diagnostics) for g in groups for c in columns)
    return f'<tr>{first}</tr><tr>{"".join(second)}</tr><tr>{third}</tr><tr>{values}</tr>'


# --------------------------------------------------------------------------
# The page

def render_page(entries: list[Entry], title: str) -> str:
    from govlint import __version__

    paths = {e.path: e for e in entries}
    following: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.previous in paths:
            following.setdefault(entry.previous, []).append(entry)
    years = {e.year for e in entries if e.year}
    agencies = Counter(e.agency for e in entries if e.agency)
    grouped = len(years) > 1 and any(n > 1 for n in agencies.values())
    out = [_HEAD.replace("{title}", _e(title)).replace("{css}", _CSS)]
    out.append(f'<header><h1>{_e(title)}</h1><p class="meta">govlint {_e(__version__)} · '
               f'{date.today().isoformat()} · {len(entries)} 个文件</p></header>')
    out.append(_overview(entries))
    out.append(_list(entries, grouped))
    out.append('<section id="detail" aria-live="polite"><p class="hint">点击列表中的文件名查看该报告的问题和统计表。</p>'
               '</section>')
    for entry in entries:
        part = entry.part
        if entry.previous and entry.previous not in paths:       # last year's report was not linted with it
            part = part.replace(_prev_link(entry.previous), f'<code>{_e(entry.previous)}</code>（不在本次检查的文件中）')
        nxt = following.get(entry.path)
        part = part.replace("<next-year/>", "<dt>次年报告</dt><dd>" + "、".join(
            _prev_link(e.path) for e in nxt) + "</dd>" if nxt else "")
        lowered = part.lower()
        if "</script" in lowered or "<!--" in lowered:       # cannot come from escaped text; never emit it
            raise ValueError(f"{entry.path}: unescaped text in the summary")
        out.append(f'<script type="text/x-govlint-report" id="d-{entry.rid}">{part}</script>')
    out.append(f'<script>{_JS.replace("{page}", str(PAGE_SIZE))}</script></body></html>\n')
    return "".join(out)


def _overview(entries: list[Entry]) -> str:
    total = len(entries)
    unread = sum(1 for e in entries if e.error)
    with_errors = sum(1 for e in entries if e.with_errors)
    checked = [e.adds_up for e in entries if e.adds_up is not None]
    adding = sum(1 for x in checked if x)
    share = f"{adding / len(checked):.0%}" if checked else "—"
    out = ['<section id="overview"><h2>概况</h2><div class="cards">',
           _card("检查的文件", f"{total}", "份", ""),
           _card("有错误的报告", f"{with_errors}", "份", f"占 {with_errors / total:.0%}" if total else ""),
           _card("无法读取的文件", f"{unread}", "个", "损坏、加密、扫描件或格式不支持"),
           _card("表格勾稽相符", share, "", f"{adding} / {len(checked)} 份读到表三或表四的报告"),
           '</div>']
    badge_counts = Counter(b for e in entries for b in e.badges)
    out.append('<p class="keyfail">主要问题：' + "".join(
        f'<button type="button" class="badge b-{key}" data-badge="{key}" title="{_e(why)}">{_e(label)} '
        f'<b>{badge_counts[key]}</b></button>'
        for key, label, _, why in BADGES) + '<span class="hint">（点击筛选）</span></p>')
    out.append(_chart(entries))
    out.append('</section>')
    return "".join(out)


def _card(label: str, value: str, unit: str, note: str) -> str:
    return (f'<div class="card"><div class="label">{_e(label)}</div><div class="value">{_e(value)}'
            f'<small>{_e(unit)}</small></div><div class="note">{_e(note)}</div></div>')


def _chart(entries: list[Entry]) -> str:
    """The most common problems: reports affected per rule, as an SVG bar chart."""
    reports: Counter = Counter()
    findings: Counter = Counter()
    names: dict[str, str] = {}
    for entry in entries:
        for code, n in entry.codes.items():
            reports[code] += 1
            findings[code] += n
            names.setdefault(code, entry.rule_names.get(code, ""))
    top = sorted(reports, key=lambda c: (-reports[c], -findings[c], c))[:CHART_BARS]
    if not top:
        return '<p class="clean">所有报告均未发现问题。</p>'
    label_w, bar_w, row_h = 250, 420, 26
    most = max(reports[c] for c in top)
    height = row_h * len(top) + 24
    out = [f'<h3>最常见的问题（按规则，涉及的报告数）</h3><svg class="chart" role="img" '
           f'viewBox="0 0 {label_w + bar_w + 150} {height}" width="{label_w + bar_w + 150}" height="{height}" '
           f'aria-label="最常见的问题">']
    for i, code in enumerate(top):
        y = i * row_h + 4
        w = max(2, round(bar_w * reports[code] / most))
        severity = "error" if code[0] == "E" else ""
        out.append(f'<g class="bar {severity}" data-code="{_e(code)}" tabindex="0">'
                   f'<title>{_e(code)} {_e(names[code])}：{reports[code]} 份报告，共 {findings[code]} 处</title>'
                   f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(code)} {_e(rule_title(code, names[code]))}</text>'
                   f'<rect x="{label_w}" y="{y}" width="{w}" height="{row_h - 8}" rx="2"/>'
                   f'<text class="n" x="{label_w + w + 6}" y="{y + 16}">{reports[code]} 份（{findings[code]} 处）</text></g>')
    out.append(f'<line x1="{label_w}" x2="{label_w}" y1="0" y2="{height - 20}" class="axis"/></svg>')
    return "".join(out)


COLUMNS = (("file", "文件", "text"), ("agency", "机关", "text"), ("year", "年度", "num"),
           ("kind", "发布机关类型", "text"), ("published", "发布日期", "text"), ("deadline", "法定期限", "text"),
           ("error", "错误", "num"), ("warning", "警告", "num"), ("info", "提示", "num"),
           ("badges", "主要问题", "num"))


def _list(entries: list[Entry], grouped: bool) -> str:
    years = sorted({e.year for e in entries if e.year})
    kinds = sorted({e.publisher for e in entries if e.publisher}, key=list(PUBLISHER).index)
    codes = sorted({c for e in entries for c in e.codes})
    names = {}
    for e in entries:
        names.update(e.rule_names)
    out = ['<section id="reports"><h2>报告列表</h2><div class="controls">',
           '<label>搜索 <input type="search" id="q" placeholder="机关、文件名、标题"></label>',
           '<label>年度 <select id="f-year"><option value="">全部</option>'
           + "".join(f'<option value="{y}">{y}</option>' for y in years) + '</select></label>',
           '<label>类型 <select id="f-kind"><option value="">全部</option>'
           + "".join(f'<option value="{_e(k)}">{_e(PUBLISHER.get(k, k))}</option>' for k in kinds)
           + '</select></label>',
           '<label>问题 <select id="f-badge"><option value="">全部</option><option value="any-error">有错误</option>'
           + "".join(f'<option value="{key}">{_e(label)}</option>' for key, label, _, _ in BADGES)
           + f'<option value="{UNREADABLE}">无法读取</option></select></label>',
           '<label>规则 <select id="f-code"><option value="">全部</option>'
           + "".join(f'<option value="{_e(c)}">{_e(c)} {_e(rule_title(c, names.get(c, "")))}</option>' for c in codes)
           + '</select></label>',
           f'<label><input type="checkbox" id="f-group"{" checked" if grouped else ""}> 按机关分组</label>',
           '<button type="button" id="f-reset">清除筛选</button></div>',
           '<table id="list"><thead><tr>']
    for key, label, kind in COLUMNS:
        out.append(f'<th data-key="{key}" data-type="{kind}" aria-sort="none" tabindex="0" title="点击排序">'
                   f'{_e(label)}</th>')
    out.append('</tr></thead><tbody>')
    for entry in sorted(entries, key=lambda e: (e.agency or "\uffff", e.year or 0, e.path)) if grouped else entries:
        out.append(_row(entry))
    out.append('</tbody></table><div class="pager"><button type="button" id="prev">上一页</button>'
               '<span id="pageinfo"></span><button type="button" id="next">下一页</button>'
               '<label>每页 <select id="size"><option>50</option><option selected>100</option><option>500</option>'
               '<option value="0">全部</option></select></label></div></section>')
    return "".join(out)


def _row(e: Entry) -> str:
    kind = e.publisher or ""
    badges = _badges(e.badges)
    codes = " ".join(sorted(e.codes))
    cells = [
        f'<td class="file"><a href="#{e.rid}">{_e(e.path)}</a>'
        + (f'<div class="err">{_e(e.error)}</div>' if e.error else "") + '</td>',
        f'<td>{_e(e.agency or "")}</td>',
        f'<td>{e.year or ""}</td>',
        f'<td data-v="{_e(kind)}">{_e(PUBLISHER.get(kind, "")) if kind else ""}</td>',
        f'<td class="{"late" if e.late else ""}">{_e(e.published or "")}</td>',
        f'<td>{_e(e.deadline or "")}</td>',
        f'<td class="n sev-error">{e.counts["error"] or ""}</td>',
        f'<td class="n sev-warning">{e.counts["warning"] or ""}</td>',
        f'<td class="n sev-info">{e.counts["info"] or ""}</td>',
        f'<td data-v="{len(e.badges)}">{badges}</td>',
    ]
    return (f'<tr class="rep" data-id="{e.rid}" data-agency="{_e(e.agency or "")}" data-year="{e.year or ""}" '
            f'data-kind="{_e(kind)}" data-badges=" {" ".join(e.badges)} " data-codes=" {_e(codes)} " '
            f'data-errors="{e.counts["error"]}" data-title="{_e(e.title or "")}">{"".join(cells)}</tr>')


_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govlint">
<title>{title}</title>
<style>{css}</style></head><body>
"""

_CSS = """
:root{--err:#b3261e;--warn:#a15c00;--info:#1f5fa8;--line:#d0d4da;--bg:#f6f7f9;--ink:#1d2330}
*{box-sizing:border-box}
body{margin:0;padding:0 24px 48px;font:14px/1.55 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:#fff}
header{border-bottom:3px solid #a61b1b;margin:0 -24px 16px;padding:14px 24px;background:var(--bg)}
h1{font-size:22px;margin:0}h2{font-size:18px;margin:24px 0 10px}h3{font-size:15px;margin:18px 0 8px}
.meta,.hint,.why,.note,.legend{color:#5b6472}.hint{font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 16px;min-width:170px;background:#fff}
.card .label{color:#5b6472}.card .value{font-size:28px;font-weight:600}.card small{font-size:14px;margin-left:2px}
.card .note{font-size:12px}
.badge{display:inline-block;border-radius:10px;padding:0 8px;margin:1px 3px 1px 0;font-size:12px;line-height:20px;border:1px solid transparent;white-space:nowrap;background:#eef0f3;color:var(--ink);font-family:inherit}
button.badge{cursor:pointer}button.badge.on{outline:2px solid var(--ink)}
.b-tables{background:#fde7e6;color:var(--err);border-color:#f3b8b4}
.b-sections{background:#fff1dc;color:#8a4b00;border-color:#f2cd95}
.b-late{background:#f3e5f7;color:#6d2b85;border-color:#ddb8ea}
.b-format{background:#e3eefc;color:var(--info);border-color:#b5cdf0}
.b-copied{background:#e6f4ea;color:#1e6b35;border-color:#b6dcc1}
.b-unreadable{background:#3b3f47;color:#fff}
svg.chart text{font-size:13px;fill:var(--ink)}svg.chart text.n{fill:#5b6472;font-size:12px}
svg.chart rect{fill:#c0504d}svg.chart .bar{cursor:pointer}svg.chart .bar:hover rect{fill:#8f2f2c}
svg.chart .error rect{fill:#555}svg.chart .axis{stroke:#888}
.controls{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin:6px 0 10px}
.controls input[type=search]{width:16em}
table#list{border-collapse:collapse;width:100%;table-layout:fixed}
#list th,#list td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
#list thead th{position:sticky;top:0;background:var(--bg);cursor:pointer;user-select:none;white-space:nowrap;border-bottom:2px solid #9aa3ae}
#list thead th[aria-sort=ascending]::after{content:" ▲"}#list thead th[aria-sort=descending]::after{content:" ▼"}
#list th:nth-child(1){width:22%}#list th:nth-child(2){width:16%}#list th:nth-child(3){width:5%}
#list th:nth-child(4){width:9%}#list th:nth-child(5),#list th:nth-child(6){width:8%}
#list th:nth-child(7),#list th:nth-child(8),#list th:nth-child(9){width:4.5%}
#list td.n{text-align:right;font-variant-numeric:tabular-nums}
#list tbody tr.rep:nth-child(n+101){display:none}#list.ready tbody tr.rep{display:table-row}
#list tr.grp th{background:#eef2f7;text-align:left;font-weight:600;cursor:default}
#list tr.open{background:#fff8e1}
.file a{word-break:break-all}.err{color:var(--err);font-size:12px}
td.sev-error{color:var(--err);font-weight:600}td.sev-warning{color:var(--warn)}td.sev-info{color:var(--info)}
.late{color:var(--err);font-weight:600}
.pager{margin:8px 0;display:flex;gap:10px;align-items:center}
#detail{margin-top:24px;border-top:3px solid #a61b1b}
article.report h2{margin-top:4px}.back{margin:10px 0 0;font-size:12px}
dl.facts{display:grid;grid-template-columns:8em 1fr;gap:2px 10px;margin:0 0 8px}dl.facts dt{color:#5b6472}dl.facts dd{margin:0}
ol.findings{padding-left:2.2em}ol.findings>li{margin:0 0 12px}
.sev{font-size:12px;border-radius:3px;padding:0 5px;color:#fff}
.sev-error .sev{background:var(--err)}.sev-warning .sev{background:var(--warn)}.sev-info .sev{background:var(--info)}
.code{font-weight:600}.loc{color:#5b6472;font-size:12px;margin-left:6px}
pre.src{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:6px 8px;margin:4px 0;white-space:pre-wrap;word-break:break-all;font:13px/1.5 "Noto Sans Mono CJK SC","Noto Sans CJK SC",monospace}
pre.src .ln{color:#8a929e;margin-right:10px;user-select:none}
mark{background:#ffd54f;border-bottom:2px solid #e65100;padding:0 1px}
ul.related{margin:2px 0;font-size:12px;color:#5b6472}.see{font-size:12px}
.gridwrap{overflow-x:auto;margin:6px 0 14px}
table.grid{border-collapse:collapse;font-size:12px}
table.grid caption{text-align:left;font-weight:600;padding:4px 0}
table.grid th,table.grid td{border:1px solid #9aa3ae;padding:3px 6px}
table.grid th{background:var(--bg);font-weight:normal;text-align:center}
table.grid th.rl,table.grid th.blk{text-align:left}table.grid th.corner{font-size:11px;color:#5b6472;max-width:16em}
table.grid th.v{writing-mode:vertical-rl;letter-spacing:2px}
table.grid td{text-align:right;min-width:2.6em;font-variant-numeric:tabular-nums}
.c-blank{background:#fff3cd;color:#8a6d00;text-align:center}
.c-unread,.c-text{background:#e4e6ea;color:#3b3f47;text-align:center}
.c-dash,.c-none{background:#fff3cd;color:#8a6d00;text-align:center}
.c-missing{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eceef1 4px,#eceef1 8px);min-width:2.6em;display:inline-block}
td.c-missing{display:table-cell}
.c-ocr{color:var(--info)}
.c-bad{outline:2px solid var(--err);outline-offset:-2px;background:#fde7e6;color:var(--err);font-weight:600}
.c-hit{outline:2px dashed var(--warn);outline-offset:-2px}
.legend span{display:inline-block;min-width:2em;padding:0 4px;text-align:center;border:1px solid #9aa3ae}
a.fn{font-size:10px;vertical-align:super;margin-left:2px;color:inherit}
.clean{color:#1e6b35}.notable{color:#5b6472}
@media print{#list tbody tr.rep{display:table-row!important}.controls,.pager{display:none}}
"""

_JS = r"""
(function(){
var list=document.getElementById('list'),body=list.tBodies[0];
var rows=Array.prototype.slice.call(body.querySelectorAll('tr.rep'));
var order=rows.slice(),heads=list.tHead.rows[0].cells;
var st={key:-1,dir:1,page:0,size:{page},badge:'',code:''};
var $=function(id){return document.getElementById(id)};
var ncol=heads.length;
function val(r,i){var c=r.cells[i];var v=c.getAttribute('data-v');return v===null?c.textContent.trim():v}
function cmp(a,b,i,num){var x=val(a,i),y=val(b,i);
 if(x===''&&y!=='')return 1;if(y===''&&x!=='')return -1;
 if(num){var d=(parseFloat(x)||0)-(parseFloat(y)||0);return d*st.dir}
 return x.localeCompare(y,'zh-CN')*st.dir}
function matches(r){
 var q=$('q').value.trim().toLowerCase();
 if(q&&(r.cells[0].textContent+' '+r.getAttribute('data-agency')+' '+r.getAttribute('data-title')).toLowerCase().indexOf(q)<0)return false;
 var y=$('f-year').value;if(y&&r.getAttribute('data-year')!==y)return false;
 var k=$('f-kind').value;if(k&&r.getAttribute('data-kind')!==k)return false;
 var b=$('f-badge').value;
 if(b==='any-error'){if(r.getAttribute('data-errors')==='0')return false}
 else if(b&&r.getAttribute('data-badges').indexOf(' '+b+' ')<0)return false;
 var c=$('f-code').value;if(c&&r.getAttribute('data-codes').indexOf(' '+c+' ')<0)return false;
 return true}
function render(){
 var shown=order.filter(matches),grouped=$('f-group').checked;
 if(st.key>=0){var i=st.key,num=heads[i].getAttribute('data-type')==='num';
  shown.sort(function(a,b){return cmp(a,b,i,num)||order.indexOf(a)-order.indexOf(b)})}
 if(grouped){var g={},keys=[];shown.forEach(function(r){var a=r.getAttribute('data-agency')||'\uffff';
   if(!g[a]){g[a]=[];keys.push(a)}g[a].push(r)});
  if(st.key<0)keys.sort(function(a,b){return a.localeCompare(b,'zh-CN')});
  shown=[];keys.forEach(function(a){shown=shown.concat(g[a])})}
 var size=st.size||shown.length||1,pages=Math.max(1,Math.ceil(shown.length/size));
 if(st.page>=pages)st.page=pages-1;
 var from=st.page*size,part=shown.slice(from,from+size),frag=document.createDocumentFragment(),last=null;
 part.forEach(function(r){if(grouped){var a=r.getAttribute('data-agency');if(a!==last){last=a;
   var all=shown.filter(function(x){return x.getAttribute('data-agency')===a});
   var ys=all.map(function(x){return x.getAttribute('data-year')}).filter(Boolean).sort();
   var tr=document.createElement('tr'),th=document.createElement('th');tr.className='grp';th.colSpan=ncol;
   th.textContent=(a||'（未识别机关）')+' · '+all.length+' 份报告'+(ys.length?' · '+ys[0]+(ys[ys.length-1]!==ys[0]?'–'+ys[ys.length-1]:'')+' 年':'');
   tr.appendChild(th);frag.appendChild(tr)}}frag.appendChild(r)});
 body.replaceChildren(frag);list.classList.add('ready');
 $('pageinfo').textContent=shown.length?('第 '+(from+1)+'–'+(from+part.length)+' 份，共 '+shown.length+' 份'+(shown.length<rows.length?'（筛选自 '+rows.length+' 份）':'')+'，第 '+(st.page+1)+'/'+pages+' 页'):'没有符合条件的报告';
 $('prev').disabled=st.page<=0;$('next').disabled=st.page>=pages-1}
function sortBy(i){if(st.key===i)st.dir=-st.dir;else{st.key=i;st.dir=heads[i].getAttribute('data-type')==='num'&&i>5?-1:1}
 for(var j=0;j<ncol;j++)heads[j].setAttribute('aria-sort',j===i?(st.dir>0?'ascending':'descending'):'none');
 st.page=0;render()}
Array.prototype.forEach.call(heads,function(h,i){h.addEventListener('click',function(){sortBy(i)});
 h.addEventListener('keydown',function(ev){if(ev.key==='Enter')sortBy(i)})});
['q','f-year','f-kind','f-badge','f-code','f-group'].forEach(function(id){$(id).addEventListener(id==='q'?'input':'change',function(){st.page=0;syncBadges();render()})});
$('size').addEventListener('change',function(){st.size=parseInt(this.value,10);st.page=0;render()});
$('prev').addEventListener('click',function(){st.page--;render()});
$('next').addEventListener('click',function(){st.page++;render()});
$('f-reset').addEventListener('click',function(){$('q').value='';['f-year','f-kind','f-badge','f-code'].forEach(function(id){$(id).value=''});st.page=0;syncBadges();render()});
function syncBadges(){var b=$('f-badge').value;document.querySelectorAll('button[data-badge]').forEach(function(x){x.classList.toggle('on',x.getAttribute('data-badge')===b)})}
document.querySelectorAll('button[data-badge]').forEach(function(x){x.addEventListener('click',function(){
 var b=x.getAttribute('data-badge');$('f-badge').value=$('f-badge').value===b?'':b;st.page=0;syncBadges();render();$('reports').scrollIntoView()})});
document.querySelectorAll('svg.chart .bar').forEach(function(x){x.addEventListener('click',function(){
 $('f-code').value=x.getAttribute('data-code');st.page=0;render();$('reports').scrollIntoView()})});
var detail=$('detail'),current=null;
function open(hash){var id=hash.replace(/^#/,''),rid=id.split('-')[0];
 if(!/^r[0-9a-f]{12}$/.test(rid))return;var src=$('d-'+rid);if(!src)return;
 if(current!==rid){detail.innerHTML=src.textContent;current=rid;
  rows.forEach(function(r){r.classList.toggle('open',r.getAttribute('data-id')===rid)})}
 var target=$(id)||$(rid);if(target)target.scrollIntoView()}
window.addEventListener('hashchange',function(){open(location.hash)});
render();
if(location.hash)open(location.hash);else if(rows.length===1)open('#'+rows[0].getAttribute('data-id'));
})();
"""
