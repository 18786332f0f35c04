"""What a report's prose states, for comparing with its tables.

The prose states counts ("2024年度共收到政府信息公开申请3件", "行政处罚公开61条",
"复议2件，均获维持") and shares ("予以公开258件，占32.0%"). A statement is
read only when it clearly names one quantity of the tables and speaks of
the reporting year: a sentence about another year ("除2021年收到…1件外"),
about the future ("下一步…将…", the words of govlint.model.periods.FUTURE),
about a part of the year, or giving a cumulative or approximate figure
("累计", "十余件", "约10件") is left alone. When in doubt nothing is read.

read_narrative(report) reads the statements, the "均获维持" sentences, the
shares and the totals once per report: it is the model's part "narrative"
(report.narrative, read from the parts tables and periods), and
Narrative.table_value(quantity) gives the cells of the tables a statement
is about. The rules that compare them (C001, C002) are in
govlint/rules/narrative.py.
"""

from bisect import bisect_left, bisect_right
from decimal import Decimal
from typing import NamedTuple

from govlint.model.document import Span
from govlint.model.numbers import NUMBER, PERCENT, ZH_BIG, ZH_DIGITS, ZH_UNITS, decimals, parse_number, percent_value
from govlint.model.pages import unwrapped
from govlint.model.periods import FUTURE
from govlint.model.template import template
from govlint.patterns import compile_re, lazy

# --------------------------------------------------------------------------
# Patterns (compiled once; every repetition is bounded)

N = rf"(?P<n>{NUMBER})"
# Words between a quantity's name and its number: "申请共计 5 件", "数量为3件".
GAP = r"(?:[ \t\u3000:：]|共计|共|合计|总计|计|为|了|数量|数|达到|达){0,4}+"
# A count: 件 or 宗; not 件次 ("办理网上留言3件次" counts visits), not an
# approximate one ("3件左右", "10件以上").
EXACT = r"(?!次|左右|上下|以上|以下|之多|多|余|许)"
UNIT = r"[ \t\u3000]{0,2}(?P<unit>件|宗)" + EXACT
# Free text inside one clause up to the word 申请, without digits (a number
# ends the phrase).
MID = r"(?P<mid>[^，。；！？,;!?\n\r0-9０-９%％申]{0,24})"
APPLICATION = r"申请(?!人|书|表|材料|渠道|方式|途径|流程)"
NOUN_TAIL = r"(?>(?:公开)?(?:的)?(?:政府)?(?:事项|信息)?)"
NEGATION = r"(?<!未|没有|无)"

NEW_RE = lazy(
    NEGATION + r"(?P<verb>新收|收到|接到|受理|接收|收悉)(?:了|到|过)?" + MID
    + r"(?:依)?" + APPLICATION + NOUN_TAIL + GAP + N + UNIT)
ZERO_NEW_RE = lazy(
    r"(?P<neg>并未|均未|尚未|没有|未曾|未)(?:任何)?(?P<verb>新收|收到|接到|受理|接收|收悉)(?:到|过)?(?:任何)?"
    r"(?P<mid>[^，。；！？,;!?\n\r0-9０-９申]{0,20})(?:依)?" + APPLICATION + r"(?:公开(?:的)?(?:政府)?(?:事项|信息)|事项)?"
    r"|(?P<neg>无)(?:任何)?(?P<mid>)(?:政府信息公开申请|依申请公开(?:事项|申请))")
CARRIED_IN_RE = lazy(
    r"上一?年度?结转(?:的|来的|过来的)?(?:政府信息公开|依申请公开)?(?:申请)?(?:事项)?" + GAP + N + UNIT)
PROCESSED_RE = lazy(
    NEGATION + r"(?<!继续|结转)(?P<verb>办理完毕|办理完结|处理完毕|办结|(?<!公开|同意|不予|部分|告知|书面)答复|办理)"
    r"(?:了)?(?:全部|共计|共)?"
    r"(?:政府信息公开|依申请公开)?(?:的)?(?:申请)?(?:事项)?" + GAP + N + UNIT)
_CARRIED_OUT_FIRST = r"结转(?:至|到)?下一?年度?(?:继续)?(?:办理|处理)?(?:的)?(?:申请)?(?:事项)?" + GAP + N + UNIT
CARRIED_OUT_RE = lazy(
    _CARRIED_OUT_FIRST
    + r"|" + N.replace("?P<n>", "?P<n2>") + r"[ \t\u3000]{0,2}件(?:申请)?(?:需|须)?(?:结转|顺延|转入)(?:至|到)?下一?年")
# Its first form alone opens with its word, so it is found without trying
# a number at every character. Every match of the second form holds
# _CARRIED_OUT_TAIL: in a sentence without it, CARRIED_OUT_RE finds what the
# first form alone finds. (A run-together table holds 结转 in its headers
# and a digit run in every row: there CARRIED_OUT_RE was the narrative's
# costliest search.)
CARRIED_OUT_FIRST_RE = lazy(_CARRIED_OUT_FIRST)
_CARRIED_OUT_TAIL = compile_re(r"件(?:申请)?(?:需|须)?(?:结转|顺延|转入)")
# A count: a number's last character (a digit or a Chinese numeral), at most
# two spaces, a unit. Every match of the patterns that read a count (N, then
# UNIT or their own units) holds one; most sentences of a report hold none
# (and a run-together table's digits are followed by labels, not units), so
# those patterns are not tried on them.
_COUNT = compile_re("[0-9０-９" + "".join(ZH_DIGITS) + "".join(ZH_UNITS) + "".join(ZH_BIG) + "][ \t\u3000]{0,2}[件条宗个起]")
# Not the second of two names joined before one count ("行政许可和行政处罚信息共5条"),
# unless the first had its own count ("行政许可信息0条、行政处罚信息110条").
NOT_JOINT = r"(?<!(?<![件条宗起个项])[及和与、或])"
_CATEGORY_WORDS = r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理"
OUTCOME_RE = lazy(
    NOT_JOINT + r"(?P<cat>" + _CATEGORY_WORDS + r")(?:的)?(?:申请)?(?:事项)?" + GAP + N + UNIT)
# Two or more results counted together: "予以公开及部分公开258件".
JOINT_OUTCOME_RE = lazy(
    r"(?P<cats>(?:" + _CATEGORY_WORDS + r")(?:[及和与、](?:" + _CATEGORY_WORDS + r")){1,5})"
    r"(?:的)?(?:申请)?(?:事项)?" + GAP + N + UNIT)
# Who applied: "其中自然人3件、商业企业2件".
APPLICANT_RE = lazy(
    r"(?P<who>法人或其他组织|法人和其他组织|自然人|公民|个人|商业企业|企业|科研机构|社会公益组织|法律服务机构)"
    r"(?:提出|提交)?(?:的)?(?:申请)?" + GAP + N + UNIT)
REVIEW_RE = lazy(
    NOT_JOINT + r"(?P<kw>行政复议|行政诉讼)(?:案件|申请|案)?" + GAP + N
    + r"[ \t\u3000]{0,2}(?P<unit>件|宗|起)" + EXACT)
ZERO_REVIEW_RE = lazy(
    r"(?P<neg>未|没有|无)(?P<mid>(?:发生|出现|收到|涉及|过|任何|一起|一件|因|由于|政府信息公开|信息公开|依申请公开|工作|方面|"
    r"而|被|的|相关){0,8}+)"
    r"(?P<items>(?:被)?(?:申请|提起)?(?:行政复议|行政诉讼)(?:[、和及与或]{1,2}(?:被)?(?:申请|提起)?(?:行政复议|行政诉讼))?)")
UPHELD_RE = lazy(r"(?:均|全部|都|皆|悉数)(?:已)?(?:获|被|予以|得到|获得)?(?:依法)?维持")
# "均已审结": no case is pending.
CONCLUDED_RE = lazy(r"(?:均|全部|都|皆|悉数)(?:已经|已)?(?:审结|结案|审理终结)")
DECISIONS_RE = lazy(
    NOT_JOINT + r"(?P<kw>行政处罚|行政许可)(?:决定|信息|案件|事项)?(?:公开|公示|作出|办理|办结)?(?:决定|信息)?"
    + GAP + N + r"[ \t\u3000]{0,2}(?P<unit>条|件|宗|起)" + EXACT)
# A share: "258件，占32.0%", "258件（占总数的32.0%）".
SHARE_RE = lazy(
    N + r"[ \t\u3000]{0,2}(?P<unit>件|条|宗|个)[ \t\u3000]{0,2}[，,（(]?[ \t\u3000]{0,2}(?:约)?占"
    r"(?:总数|总量|全部|申请总数|总件数|总申请量|比|比例|比重|[^，。；！？,;!?\n\r0-9０-９%％]{1,8}?的)?(?:的)?(?:比例|比重)?"
    r"(?:为|是|达)?[ \t\u3000]{0,2}" + PERCENT)
# A category's share without its count: "予以公开的占33.9%", "部分公开类占4.34%".
CATEGORY_SHARE_RE = lazy(
    r"(?P<cats>(?:" + _CATEGORY_WORDS + r")(?:[及和与、](?:" + _CATEGORY_WORDS + r")){0,5})"
    r"(?P<gap>[^，。；！？,;!?\n\r%％占]{0,14}?)[，,（(]?[ \t\u3000]{0,2}(?:约)?占"
    r"(?:总数|总量|全部|申请总数|总件数|比|比例|比重)?(?:的)?(?:比例|比重)?(?:为|是|达)?[ \t\u3000]{0,2}" + PERCENT)
# A stated total for a share's denominator: "共收到申请805件", "合计200条".
TOTAL_RE = lazy(
    r"(?:共计|共|合计|总计|总数|总量)(?P<mid>[^，。；！？,;!?\n\r0-9０-９%％]{0,16}?)(?:为|是|达|了)?[ \t\u3000]{0,2}"
    + N + r"[ \t\u3000]{0,2}(?P<unit>件|条|宗|个)" + EXACT)

_SENTENCE_END = compile_re("[。！？!?；;]")
_CLAUSE_END = lazy(r"[，,：:]")
_YEAR = lazy(r"(?<![0-9０-９])(?P<y>(?:19|20|１９|２０)[0-9０-９]{2})[ \t\u3000]{0,2}年")
# Time words that make a figure something other than this year's count.
_OTHER_TIME = lazy(
    r"累计|以来|历年|往年|近[0-9０-９一二三四五六七八九十几]{1,2}年|[两三四五六七八九十几多]年来|年份|"
    r"上半年|下半年|季度|去年|前年|明年|次年|同期|上一?年(?!度?结转)|"
    r"(?<![0-9０-９])[0-9０-９]{1,2}[ \t\u3000]{0,2}月(?![ \t\u3000]{0,2}[0-9０-９]{1,2}[ \t\u3000]{0,2}日)|月底|月末|月份")
# Sub-counts and other subjects that a count near an application verb may be about.
_NOT_APPLICATIONS = lazy(
    r"复议|诉讼|起诉|信访|投诉|举报|提案|建议|留言|咨询|热线|复核|许可|处罚|自然人|法人|企业|组织|机构|个人|公民|"
    r"结转|办结|办理|答复|处理|" + _CATEGORY_WORDS)
_SUBCOUNT = lazy(r"其中|包括|含")
_REVIEW_CONTEXT = lazy(r"信息公开|被申请|被提起|被起诉|依申请")
_REVIEW_RESULT = lazy(r"纠错|纠正|败诉|撤销|维持|确认违法|驳回|决定|审结|审理|结果")
_INCLUSIVE = lazy(r"(?:含|包括|其中)[^。；;，,]{0,6}上一?年度?结转")
_REMAINDER = lazy(r"其余|其他|其它|除|余下|剩余|剩下")

APPLICANT_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other_org")

# --------------------------------------------------------------------------
# The quantities a statement can name


class Quantity(NamedTuple):
    key: str            # finding key, e.g. "三/new/total"
    noun: str           # in messages: "收到申请"
    table: str          # 二 / 三 / 四
    rows: tuple         # table 三: row keys or a row-key prefix ("deny_"); 四: groups; 二: (block, row, column)
    label: str = ""     # for a sum of rows: how the message names it
    columns: tuple = ("total",)   # table 三: the applicant columns summed


QUANTITIES = {
    "new": Quantity("三/new/total", "收到申请", "三", ("new",)),
    "carried_in": Quantity("三/carried_in/total", "上年结转", "三", ("carried_in",)),
    "processed": Quantity("三/processed_total/total", "办结", "三", ("processed_total",)),
    "carried_out": Quantity("三/carried_out/total", "结转下年度", "三", ("carried_out",)),
    "granted": Quantity("三/granted/total", "予以公开", "三", ("granted",)),
    "partial": Quantity("三/partial/total", "部分公开", "三", ("partial",)),
    "deny": Quantity("三/deny/total", "不予公开", "三", ("deny_",), "（三）不予公开"),
    "unable": Quantity("三/unable/total", "无法提供", "三", ("unable_",), "（四）无法提供"),
    "not_processed": Quantity("三/not_processed/total", "不予处理", "三", ("np_",), "（五）不予处理"),
    "other": Quantity("三/other/total", "其他处理", "三", ("other_",), "（六）其他处理"),
    "review": Quantity("四/rev/total", "行政复议", "四", ("rev",)),
    "litigation": Quantity("四/litigation/total", "行政诉讼", "四", ("lit_direct", "lit_after_rev")),
    "penalty": Quantity("二/penalty/decisions", "行政处罚", "二", ("item6", "penalty", "decisions")),
    "licensing": Quantity("二/licensing/decisions", "行政许可", "二", ("item5", "licensing", "decisions")),
}
# Applicants named in the text, and the columns of table 三 they are.
APPLICANTS = {"自然人": ("natural",), "公民": ("natural",), "个人": ("natural",),
              "法人或其他组织": ("commercial", "research", "social", "legal", "other_org"),
              "法人和其他组织": ("commercial", "research", "social", "legal", "other_org"),
              "商业企业": ("commercial",), "企业": ("commercial",), "科研机构": ("research",),
              "社会公益组织": ("social",), "法律服务机构": ("legal",)}


def quantity_of(key: str) -> Quantity:
    """A quantity by key: one of QUANTITIES, a sum of outcome groups
    ("granted+partial": "予以公开及部分公开N件"), or one row's applicant
    columns ("new@自然人": "其中自然人N件")."""
    if key in QUANTITIES:
        return QUANTITIES[key]
    if "@" in key:
        row, who = key.split("@")
        base = QUANTITIES[row]
        return Quantity(f"三/{base.rows[0]}/{who}", f"收到{who}的申请", "三", base.rows, who, APPLICANTS[who])
    parts = [QUANTITIES[k] for k in key.split("+")]
    noun = "及".join(p.noun for p in parts)
    return Quantity(f"三/{key}/total", noun, "三", tuple(r for p in parts for r in p.rows), noun)


CATEGORY = {"予以公开": "granted", "部分公开": "partial", "不予公开": "deny", "无法提供": "unable",
            "不予处理": "not_processed", "其他处理": "other"}
OUTCOME_GROUPS = ("granted", "partial", "deny", "unable", "not_processed", "other")


class Statement(NamedTuple):
    quantity: str              # a key of QUANTITIES
    value: int
    span: Span                 # the number, or the phrase that says "none"
    wording: str               # for messages: "收到申请 3 件" / "未收到申请"
    sentence: int              # its sentence's start offset, to group statements
    inclusive: bool = False    # may count last year's carried-over applications too ("受理…", "含上年结转")
    line: int = -1             # the paragraph's first line (0-based), to group statements by paragraph


class Upheld(NamedTuple):
    """ "均获维持" (or "均已审结") and the groups of table 四 its sentence
    speaks of; columns: the result columns it says are 0."""

    span: Span
    groups: tuple
    text: str
    columns: tuple = ("corrected", "other", "pending")


class Share(NamedTuple):
    span: Span                 # the percentage
    value: Decimal
    places: int                # decimals written
    numerator: int | None
    numerator_span: Span | None
    unit: str | None
    categories: tuple          # outcome groups the share is of, when named
    sentence: int
    line: int


class Total(NamedTuple):
    """A total the prose states ("共收到申请805件"), a share's denominator."""

    sentence: int
    value: int
    unit: str
    span: Span


class Narrative:
    """What a report's prose states for the reporting year (statements,
    "均获维持" sentences, shares, totals), and the tables they are compared
    with: table_value(quantity) gives a quantity's cells, read once."""

    def __init__(self, tables, year: int | None):
        self.statements: list[Statement] = []
        self.upheld: list[Upheld] = []
        self.shares: list[Share] = []
        self.totals: list[Total] = []
        self.year = year
        self.tables = tables
        self._cells: dict[str, tuple | None] = {}

    def table_value(self, quantity_key: str):
        """(value, cells, description) of a quantity in the tables, or None
        when any cell it needs was not read as a whole number."""
        if quantity_key not in self._cells:
            self._cells[quantity_key] = _table_value(self.tables, quantity_key)
        return self._cells[quantity_key]


# --------------------------------------------------------------------------
# Reading the prose


# A clause or a sentence's lead-in longer than this is not prose one
# statement belongs to; looking further would make a long line quadratic.
WINDOW = 160


class Sentence:
    """A sentence of the prose that may hold a statement. What only the
    check of a found statement needs (its years, time words, clause ends:
    _this_year, clause) is read from the text when first asked for: most
    sentences hold no statement, and a run-together table, read as one long
    sentence holding 申请 / 结转 / 件, would otherwise be scanned for them."""

    __slots__ = ("start", "end", "line", "text", "applications", "paragraph_applications",
                 "_report", "_years", "_year_offsets", "_other_time", "_future", "_clauses",
                 "_inclusive", "_review_context")

    def __init__(self, report, start, end, line, text, paragraph_applications):
        self.start = start           # also the sentence's identity: statements of one sentence share it
        self.end = end
        self.line = line
        self.text = text
        self.applications = "申请" in text    # the sentence speaks of 申请
        self.paragraph_applications = paragraph_applications   # its paragraph (line) does
        self._report = report
        self._years = self._year_offsets = self._other_time = self._future = self._clauses = None
        self._inclusive = self._review_context = None

    @property
    def years(self) -> list:
        """(offset in the text, year) of the years named, in order."""
        if self._years is None:
            start = self.start
            self._years = [(start + m.start(), int(_ascii(m.group("y")))) for m in _YEAR.finditer(self.text)]
        return self._years

    @property
    def year_offsets(self) -> list:
        """The years' offsets, for bisect."""
        if self._year_offsets is None:
            self._year_offsets = [offset for offset, _ in self.years]
        return self._year_offsets

    @property
    def other_time(self) -> int:
        """The offset of the first _OTHER_TIME match, or -1 (only the first
        is ever compared)."""
        if self._other_time is None:
            m = _OTHER_TIME.search(self.text)
            self._other_time = self.start + m.start() if m else -1
        return self._other_time

    @property
    def future(self) -> int:
        """The offset of the first FUTURE match, or -1."""
        if self._future is None:
            m = FUTURE.search(self.text)
            self._future = self.start + m.start() if m else -1
        return self._future

    @property
    def clauses(self) -> list:
        """Offsets of clause ends, in order."""
        if self._clauses is None:
            start = self.start
            self._clauses = [start + m.start() for m in _CLAUSE_END.finditer(self.text)]
        return self._clauses

    @property
    def inclusive(self) -> bool:
        """"含上年结转": a received count may include last year's."""
        if self._inclusive is None:
            self._inclusive = bool(_INCLUSIVE.search(self.text))
        return self._inclusive

    @property
    def review_context(self) -> bool:
        """The sentence speaks of the report's own 复议 / 诉讼."""
        if self._review_context is None:
            section = self._report.section_at(self.start)
            self._review_context = bool(_REVIEW_CONTEXT.search(self.text)) or bool(section and section.number == 4)
        return self._review_context

    def clause(self, at: int) -> tuple[int, int]:
        """The clause around offset `at`, at most WINDOW to each side."""
        clauses = self.clauses
        i = bisect_right(clauses, at)
        start = clauses[i - 1] + 1 if i else self.start
        end = clauses[i] if i < len(clauses) else self.end
        return max(start, at - WINDOW), min(end, at + WINDOW)


def _reporting_year(report) -> int | None:
    """The reporting year by consensus of the report's statements of it
    (govlint.model.periods), else the title's year."""
    year = report.periods.year
    if year is None and report.title is not None:
        year = report.title.year
    return year


# Every pattern above needs one of these words in its sentence (its verb,
# its quantity's name, 共/合计 of a total, 占 of a share). Most sentences of a
# report hold none of them and are not read at all (re scans literals fast).
_TRIGGER = compile_re(
    r"新收|收到|接到|受理|接收|收悉|申请|结转|顺延|转入|办理|办结|答复|处理完毕|" + _CATEGORY_WORDS
    + r"|复议|诉讼|维持|行政处罚|行政许可|共|合计|总计|总数|总量|占")


def _sentences(report):
    """The sentences of the prose that may hold a statement, in order: the
    paragraphs that can hold prose, in the text with wrapped lines joined
    (govlint.model.pages.unwrapped; not the metadata block, not a table
    row: pipes or inner tabs), cut at _SENTENCE_END."""
    text = unwrapped(report)
    # Where the trigger words are, found in one scan (none of them spans a
    # sentence end or a line break, so a sentence holds one if one starts
    # in it): only the lines holding one are read.
    hits = [m.start() for m in _TRIGGER.finditer(text)]
    if not hits:
        return
    count = len(hits)
    document = report.document
    skip_until = report.metadata_span.end if report.metadata_span else 0
    starts = document.line_starts
    if text is not document.text:
        # Unwrapping only turns line breaks into spaces: the lines that
        # remain start where the document's lines do, after a break kept.
        starts = [start for start in starts if not start or text[start - 1] == "\n"]
    last_line = -1
    for hit in hits:
        index = bisect_right(starts, hit) - 1
        if index == last_line:
            continue
        last_line = index
        base = starts[index]
        stop = starts[index + 1] - 1 if index + 1 < len(starts) else len(text)
        if base < skip_until:
            continue
        line = text[base:stop]
        stripped = line.strip()
        if not stripped:
            continue
        marked = "|" in stripped or "｜" in stripped or "\t" in stripped
        if marked and not _SENTENCE_END.search(line):
            continue        # a line of table cells
        line_number = document.line_of(base) - 1
        applications = "申请" in line
        begin = base
        for end_match in _SENTENCE_END.finditer(text, base, stop):
            cut = end_match.start()
            at = bisect_left(hits, begin)
            if at < count and hits[at] < cut:
                yield from _sentence_after_cells(report, line_number, begin, cut, applications, marked)
            begin = cut + 1
        if begin < stop:
            at = bisect_left(hits, begin)
            if at < count and hits[at] < stop:
                yield from _sentence_after_cells(report, line_number, begin, stop, applications, marked)


def _sentence_after_cells(report, line, start, end, applications, marked):
    """The sentence from start to end, read from after its last table mark
    when the line holds cells too (a crawled page on one line, with a nav
    bar "首页 | 政务公开" before the report): cells are never read as prose."""
    if marked:
        text = report.text
        start = max(start, max(text.rfind(mark, start, end) for mark in "|｜\t") + 1)
        if start >= end:
            return
    yield _make_sentence(report, line, start, end, applications)


def _make_sentence(report, line, start, end, paragraph_applications) -> Sentence:
    return Sentence(report, start, end, line, unwrapped(report)[start:end], paragraph_applications)


def _ascii(digits: str) -> str:
    return digits.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _this_year(sentence: Sentence, at: int, year: int | None) -> bool:
    """Whether the statement at offset `at` speaks of the reporting year:
    no other year in its clause or governing it from earlier in the
    sentence, no cumulative, partial-year or future wording before it."""
    if year is None and sentence.years:
        return False
    c_start, c_end = sentence.clause(at)
    offsets = sentence.year_offsets
    first, last = bisect_left(offsets, c_start), bisect_left(offsets, c_end)
    if last - first > 8:
        return False         # a clause full of years is not one year's statement
    if any(sentence.years[i][1] != year for i in range(first, last)):
        return False
    before = bisect_left(offsets, at)
    if before and sentence.years[before - 1][1] != year:
        return False
    # Time words before the statement in the sentence, or in its clause.
    if 0 <= sentence.other_time < c_end:
        return False
    if 0 <= sentence.future < c_end:
        return False
    return True


def _value(text: str) -> int | None:
    value = parse_number(text)
    if value is None or value != int(value) or value < 0:
        return None
    return int(value)


def read_narrative(report) -> Narrative:
    """The statements, shares and totals of a report's prose (the model's
    part "narrative": report.narrative, read once)."""
    year = _reporting_year(report)
    result = Narrative(report.tables, year)
    text = unwrapped(report)
    for sentence in _sentences(report):
        _read_sentence(text, sentence, year, result)
    return result


_REVIEW_OR_SUIT = lazy(r"复议|诉讼")
_NOT_OUTCOME_CONTEXT = lazy(r"复议|诉讼|主动公开")
_CATEGORY = lazy(_CATEGORY_WORDS)
_DIGIT = lazy(r"[0-9０-９]")
_COUNT_FOLLOWS = lazy(r"[0-9０-９]|件")
_NOT_REVIEW = lazy(r"复议后起诉|经复议")
_PERCENT_SIGN = lazy(r"\s?[%％]")
_NOT_PROCESSED_CONTEXT = lazy(r"结转|继续|顺延|复议|诉讼|提案|建议|留言|信访|投诉|举报|咨询|热线|许可|处罚")
_NOT_DECISIONS_CONTEXT = lazy(r"清单|目录|事项库|权力|裁量|基准|标准")
_JOINT_CATEGORIES = lazy(r"((?:" + _CATEGORY_WORDS + r")(?:[及和与、](?:" + _CATEGORY_WORDS + r")){1,5})"
                                  r"(?:的)?(?:申请)?" + GAP + r"$")


def _read_sentence(text, sentence: Sentence, year, result: Narrative) -> None:
    s, e = sentence.start, sentence.end
    found = result.statements
    first = len(found)           # this sentence's statements are found[first:]

    def add(quantity, match, group="n", *, inclusive=False):
        value = _value(match.group(group))
        if value is None:
            return
        span = Span(match.start(group), match.end(group))
        found.append(Statement(quantity, value, span, f"{quantity_of(quantity).noun} {value} 件", sentence.start,
                               inclusive, sentence.line))

    def clause_text(at):
        a, b = sentence.clause(at)
        return text[a:b]

    def clause_before(at):
        a, _ = sentence.clause(at)
        return text[a:at]

    # Applications received. (Each pattern below runs only on a sentence
    # holding the words its matches need, and a count if it reads one.)
    piece = sentence.text
    counted = _COUNT.search(text, s, e) is not None
    if "申请" in piece:
        for m in (NEW_RE.finditer(text, s, e) if counted else ()):
            if _NOT_APPLICATIONS.search(m.group("mid")) or _SUBCOUNT.search(clause_before(m.start())):
                continue
            if _REVIEW_OR_SUIT.search(clause_text(m.start())):
                continue
            if _this_year(sentence, m.start(), year):
                add("new", m, inclusive=m.group("verb") == "受理" or sentence.inclusive)
        for m in ZERO_NEW_RE.finditer(text, s, e):
            if _NOT_APPLICATIONS.search(m.group("mid") or "") or _REVIEW_OR_SUIT.search(clause_text(m.start())):
                continue
            lead = clause_before(m.start())
            if _SUBCOUNT.search(lead) or _REMAINDER.search(lead):
                continue
            if _this_year(sentence, m.start(), year):
                found.append(Statement("new", 0, Span(m.start(), m.end()), "未收到申请", sentence.start,
                                           line=sentence.line))
    # Carried over from last year.
    if counted and "结转" in piece:
        for m in CARRIED_IN_RE.finditer(text, s, e):
            if _this_year(sentence, m.start(), year):
                add("carried_in", m)
    # Processed: only in a sentence about applications.
    if counted and sentence.applications:
        for m in PROCESSED_RE.finditer(text, s, e):
            if _NOT_PROCESSED_CONTEXT.search(clause_text(m.start())) or _SUBCOUNT.search(clause_before(m.start())):
                continue
            if _this_year(sentence, m.start(), year):
                add("processed", m)
    if counted and ("结转" in piece or "顺延" in piece or "转入" in piece):
        carried_out = CARRIED_OUT_RE if _CARRIED_OUT_TAIL.search(text, s, e) else CARRIED_OUT_FIRST_RE
        for m in carried_out.finditer(text, s, e):
            if _REVIEW_OR_SUIT.search(clause_text(m.start())):
                continue
            if _this_year(sentence, m.start(), year):
                add("carried_out", m, "n" if m.group("n") is not None else "n2")
    # Results of the year's applications, in a paragraph about applications.
    if counted and sentence.paragraph_applications and any(category in piece for category in CATEGORY):
        for m in OUTCOME_RE.finditer(text, s, e):
            if _NOT_OUTCOME_CONTEXT.search(clause_text(m.start())):
                continue
            if _this_year(sentence, m.start(), year):
                add(CATEGORY[m.group("cat")], m)
        for m in JOINT_OUTCOME_RE.finditer(text, s, e):
            if _NOT_OUTCOME_CONTEXT.search(clause_text(m.start())) or not _this_year(sentence, m.start(), year):
                continue
            groups = dict.fromkeys(CATEGORY[c] for c in _CATEGORY.findall(m.group("cats")))
            if len(groups) > 1:
                add("+".join(groups), m)
    # Who applied, right after the count received ("收到申请5件，其中自然人3件、企业2件").
    # After "受理申请N件" the split may count last year's carried-over
    # applications too, as the count does: it is marked so.
    received = [st for st in found[first:] if st.quantity == "new" and st.value]
    if received and any(who in piece for who in APPLICANTS):
        for m in APPLICANT_RE.finditer(text, received[0].span.end, e):
            if _this_year(sentence, m.start(), year):
                add(f"new@{m.group('who')}", m, inclusive=received[0].inclusive)
    # 行政复议 / 行政诉讼 about the report's own disclosure work.
    if ("复议" in piece or "诉讼" in piece or "维持" in piece or "审结" in piece) and sentence.review_context:
        _read_reviews(text, sentence, year, result, add, clause_text, clause_before, counted)
    # 行政处罚 / 行政许可 decisions (table 二).
    if counted and ("行政处罚" in piece or "行政许可" in piece):
        for m in DECISIONS_RE.finditer(text, s, e):
            if _NOT_DECISIONS_CONTEXT.search(clause_text(m.start())) or not _this_year(sentence, m.start(), year):
                continue
            value = _value(m.group("n"))
            if value is None:
                continue
            quantity = "penalty" if m.group("kw") == "行政处罚" else "licensing"
            found.append(Statement(quantity, value, Span(m.start("n"), m.end("n")),
                                   f"{m.group('kw')} {value} {m.group('unit')}", sentence.start, line=sentence.line))
    # Shares and stated totals (C002).
    if counted and ("共" in piece or "合计" in piece or "总计" in piece or "总数" in piece or "总量" in piece):
        for m in TOTAL_RE.finditer(text, s, e):
            value = _value(m.group("n"))
            if value is not None and _this_year(sentence, m.start(), year):
                result.totals.append(Total(sentence.start, value, m.group("unit"), Span(m.start("n"), m.end("n"))))
    if "占" not in piece:
        return
    outcome_at = {st.span: st.quantity for st in found[first:]
                  if st.quantity in OUTCOME_GROUPS} if sentence.paragraph_applications else {}
    seen = set()
    for m in (SHARE_RE.finditer(text, s, e) if counted else ()):
        pct = percent_value(m)
        value = _value(m.group("n"))
        if pct is None or value is None or not _this_year(sentence, m.start(), year):
            continue
        numerator = Span(m.start("n"), m.end("n"))
        categories = (outcome_at[numerator],) if numerator in outcome_at else ()
        if not categories and sentence.paragraph_applications:
            joint = _JOINT_CATEGORIES.search(text, max(s, numerator.start - 24), numerator.start)
            if joint:
                categories = tuple(CATEGORY[c] for c in _CATEGORY.findall(joint.group(1)))
        span = _percent_span(m)
        seen.add(span)
        result.shares.append(Share(span, pct, decimals(m.group("pct") or m.group("pct_zh")), value, numerator,
                                   m.group("unit"), categories, sentence.start, sentence.line))
    for m in CATEGORY_SHARE_RE.finditer(text, s, e):
        if _DIGIT.search(m.group("gap")):
            continue           # a counted share: SHARE_RE has it
        pct = percent_value(m)
        span = _percent_span(m)
        if pct is None or span in seen or not _this_year(sentence, m.start(), year):
            continue
        cats = tuple(CATEGORY[c] for c in _CATEGORY.findall(m.group("cats")))
        result.shares.append(Share(span, pct, decimals(m.group("pct") or m.group("pct_zh")), None, None, None,
                                   cats, sentence.start, sentence.line))


def _read_reviews(text, sentence, year, result, add, clause_text, clause_before, counted) -> None:
    s, e = sentence.start, sentence.end
    found = result.statements
    for m in (REVIEW_RE.finditer(text, s, e) if counted else ()):
        if _SUBCOUNT.search(clause_before(m.start())):
            continue
        if _this_year(sentence, m.start(), year):
            add("review" if m.group("kw") == "行政复议" else "litigation", m)
    for m in ZERO_REVIEW_RE.finditer(text, s, e):
        rest = text[m.end():sentence.clause(m.start())[1]]
        if _REVIEW_RESULT.search(m.group("mid")) or _REVIEW_RESULT.search(rest):
            continue
        if _COUNT_FOLLOWS.search(rest):
            continue
        if _REVIEW_OR_SUIT.search(m.group("mid")) or _REMAINDER.search(clause_before(m.start())):
            continue
        if not _this_year(sentence, m.start(), year):
            continue
        items = m.group("items")
        span = Span(m.start(), m.end())
        if "复议" in items:
            found.append(Statement("review", 0, span, m.group(), sentence.start, line=sentence.line))
        if "诉讼" in items:
            found.append(Statement("litigation", 0, span, m.group(), sentence.start, line=sentence.line))
    for pattern, columns in ((UPHELD_RE, ("corrected", "other", "pending")), (CONCLUDED_RE, ("pending",))):
        for m in pattern.finditer(text, s, e):
            if _REMAINDER.search(clause_before(m.start())):
                continue
            before = text[max(s, m.start() - WINDOW):m.start()]
            groups = []
            if "复议" in _NOT_REVIEW.sub("", before):
                groups.append("rev")
            if "诉讼" in before or "起诉" in before:
                groups.extend(["lit_direct", "lit_after_rev"])
            if groups and _this_year(sentence, m.start(), year):
                result.upheld.append(Upheld(Span(m.start(), m.end()), tuple(groups), m.group(), columns))


def _percent_span(match) -> Span:
    if match.group("pct") is not None:
        start = match.start("pct")
        end = match.end("pct")
        rest = match.string[end:end + 3]
        extra = _PERCENT_SIGN.match(rest)
        return Span(start, end + (extra.end() if extra else 0))
    start = match.start("pct_zh") - len("百分之")
    return Span(start, match.end("pct_zh"))


# --------------------------------------------------------------------------
# Reading the tables


def usable_cell(cell) -> bool:
    return cell is not None and cell.filled and cell.value == int(cell.value)


def _t3_rows(table, quantity: Quantity) -> list[str]:
    keys = [r.key for r in template(table.format).t3_rows]
    wanted = []
    for item in quantity.rows:
        if item.endswith("_"):
            wanted.extend(k for k in keys if k.startswith(item) and k != "other_org")
        else:
            wanted.append(item)
    return wanted


def _table_value(tables, quantity_key: str):
    quantity = quantity_of(quantity_key)
    table = tables.tables.get(quantity.table)
    if table is None:
        return None
    if quantity.table == "二":
        block, row, column = quantity.rows
        cell = table.cell(row, column, block)
        if not usable_cell(cell):
            return None
        return int(cell.value), [cell], f"表二“{cell.where}”为 {int(cell.value)}"
    if quantity.table == "四":
        cells = [table.cell(group, "total") for group in quantity.rows]
        if not all(usable_cell(c) for c in cells):
            return None
        value = sum(int(c.value) for c in cells)
        if len(cells) == 1:
            return value, cells, f"表四“{cells[0].where}”为 {value}"
        names = "”与“".join(c.row_label for c in cells)
        return value, cells, f"表四“{names}”的总计相加为 {value}"
    rows = _t3_rows(table, quantity)
    cells, value = [], 0
    for row in rows:
        if quantity.columns != ("total",):
            parts = [table.cell(row, c) for c in quantity.columns]
            if not all(usable_cell(p) for p in parts):
                return None
            cells.extend(parts)
            value += sum(int(p.value) for p in parts)
            continue
        total = table.cell(row, "total")
        if usable_cell(total):
            cells.append(total)
            value += int(total.value)
            continue
        parts = [table.cell(row, c) for c in APPLICANT_COLUMNS]
        if not all(usable_cell(p) for p in parts):
            return None
        cells.extend(parts)
        value += sum(int(p.value) for p in parts)
    if not cells:
        return None
    if quantity.columns != ("total",):
        columns = "各列相加" if len(quantity.columns) > 1 else "一列"
        return value, cells, f"表三“{cells[0].row_label}”的“{quantity.label}”{columns}为 {value}"
    if len(rows) == 1 and len(cells) == 1:
        return value, cells, f"表三“{cells[0].where}”为 {value}"
    if len(rows) == 1:
        return value, cells, f"表三“{cells[0].row_label}”各申请人类型相加为 {value}"
    return value, cells, f"表三“{quantity.label}”各项总计相加为 {value}"
