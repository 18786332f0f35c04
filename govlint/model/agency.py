"""Agency names: who a report is by, who published it, who signed it.

A report names its agency in the title ("榆阳区卫健局政府信息公开工作年度报告");
a web page names its publisher in the metadata (发布机构 / 发文机关 /
发文机构); the report may end with a signature (落款: the agency's name,
usually followed by a date) and may say in its preamble who drew it up
("本报告由怀远县公安局编制"). agency-mismatch (C005) compares them.

Names are compared as a reader would, not as strings:

- a name is its places (榆林市, 榆阳区, 梅花村街道 …; "区" / "市" alone is a
  generic "this district's") and its organ (卫生健康局, 人民政府办公室 …);
  a name with no organ is the place's government (a 街道's: its 办事处);
- two names are the same agency when their lowest named places agree (or
  one names none) and their organs are the same, written out or shortened
  the usual way: 卫健局 / 卫生健康局, 区政府办 / 区人民政府办公室, 发改委 /
  发展和改革委员会 (a shortening keeps the first character and the order
  of the rest); a 局 and a 委员会 of the same words are one body renamed;
  an office inside the agency (卫生健康局办公室, …领导小组办公室) is the agency;
- some bodies publish the reports of others, and their name on a report is
  no sign of copying: the government itself and its office (办公室 /
  办公厅, the 主管部门 of 条例 第三条, which publishes its departments'
  reports), and the body that runs the government's portal or its
  政务公开 work (政务服务管理局, 政务服务和大数据管理局, 大数据局, 政务公开办,
  电子政务办, 信息中心, 融媒体中心). They host a report when they name no
  place, the report's own place, or one of a higher level (a 区's office
  for a 街道's report).
"""

from functools import lru_cache
from typing import NamedTuple

from govlint.model.document import Span
from govlint.patterns import compile_re, escape, lazy
from govlint.model.periods import parse_date
from govlint.model.report import METADATA_LABELS
from govlint.model.text import fold

# Place suffixes, longest first.
_PLACE_SUFFIXES = ("特别行政区", "高新技术产业开发区", "经济技术开发区", "新技术产业开发区", "新技术开发区",
                   "高新技术开发区", "自治区", "自治州", "自治县", "自治旗", "生态旅游风景区", "风景名胜区", "风景区",
                   "高新区", "经开区", "开发区", "示范区", "新区", "管理区", "试验区", "实验区", "合作区", "旅游区",
                   "街道", "地区", "省", "市", "盟", "县", "区", "旗", "镇", "乡")
# The same kind of place written two ways.
_PLACE_FORMS = {"高新技术产业开发区": "高新区", "新技术产业开发区": "高新区", "新技术开发区": "高新区",
                "高新技术开发区": "高新区", "经济技术开发区": "经开区"}
_LEVEL = {"省": 1, "自治区": 1, "特别行政区": 1, "市": 2, "州": 2, "自治州": 2, "盟": 2, "地区": 2,
          "县": 3, "区": 3, "旗": 3, "自治县": 3, "自治旗": 3, "新区": 3, "高新区": 3, "经开区": 3, "开发区": 3,
          "示范区": 3, "管理区": 3, "试验区": 3, "实验区": 3, "合作区": 3, "旅游区": 3, "风景区": 3,
          "生态旅游风景区": 3, "风景名胜区": 3, "街道": 4, "镇": 4, "乡": 4}
# A place suffix that is part of a word, not of a place: 城市管理, 城乡建设,
# 城镇, 市场监督, 市政, 市民, 市级, 市直, 市委, 区域, 县域, 乡村振兴 …
_NOT_A_PLACE_BEFORE = {"市": "城都", "乡": "城", "镇": "城", "区": "社小园"}
_NOT_A_PLACE_AFTER = {"市": "场政民级直委属内外容辖", "区": "域级委直属内外划", "县": "域级委直属",
                      "乡": "村镇土", "镇": "级委", "省": "级委直属", "州": "级委"}
_CONNECTOR = "人民政府"
_SINGLE_SUFFIXES = set("省市盟县区旗镇乡")
# What a place's name never holds: the words of an organ.
_NOT_A_KEY = lazy(r"政府|人民|办公|委员|管理|服务|工作|事务|中心")
# Organ types: a 局 and a 委员会 of the same words are one body renamed.
_TYPE_FAMILIES = (("委员会", "委", "局"), ("办公室", "办公厅", "办", "办事处"), ("管理委员会", "管委会"))
_TYPES = ("管理委员会", "委员会", "管委会", "办公室", "办公厅", "办事处", "中心", "局", "委", "办", "厅", "处",
          "室", "院", "所", "站", "馆", "队", "会", "部", "社", "府")
# Units inside an agency that may sign for it.
_INTERNAL = lazy(r"(?:党政)?(?:办公室|综合办公室|综合科|办公科|政务公开办公室|政务公开办|信息公开办公室|"
                 r"信息中心|科|股|领导小组办公室|领导小组)$")
_INTERNAL_ANYWHERE = lazy(r"领导小组|工作小组|工作专班")
# Bodies that publish other agencies' reports.
_GOVERNMENT = lazy(r"^(?:人民)?政府(?:办公室|办公厅|办)?$|^(?:党政)?办公室$|^办公厅$|^行政公署(?:办公室)?$|"
                   r"^管(?:理)?委(?:员)?会(?:办公室)?$|^(?:党工委)?管委会(?:党政)?办公室$")
_PORTAL = lazy(r"政务服务|大数据|数据管理|数据资源|政务公开|电子政务|信息中心|融媒体|政务数据|网站管理|网站$|网$")
# A remark in brackets: "农业农村局（乡村振兴局）", "区卫健局(区爱卫办)".
_REMARK = lazy(r"[（(][^（()）]{0,30}[)）]")
_PREFIX = lazy(r"^(?:19|20)[0-9]{2}\s*年?度?|^中共|^中国共产党")


class AgencyName(NamedTuple):
    text: str                 # folded
    places: tuple             # (key, suffix) outermost first: ("榆林", "市"), ("榆阳", "区")
    generic: bool             # starts with a bare "区" / "市" …
    organ: str                # "卫健局", "人民政府办公室"; the government when the name has none


def _place_at(name: str, i: int) -> tuple[tuple[str, str], int] | None:
    """A named place starting at i: ((key, suffix), end). The shortest name
    that ends in a place suffix, unless another suffix follows at once
    ("广州市": not 广 + 州)."""
    for length in range(1, 9):
        if i + length >= len(name):
            break
        key = name[i:i + length]
        if _NOT_A_KEY.search(key):
            return None
        for suffix in _PLACE_SUFFIXES:
            if not name.startswith(suffix, i + length):
                continue
            end = i + length + len(suffix)
            if key[-1] in _NOT_A_PLACE_BEFORE.get(suffix, "") or \
                    name[end:end + 1] in tuple(_NOT_A_PLACE_AFTER.get(suffix, "")):
                continue
            if len(suffix) == 1 and name[end:end + 1] in _SINGLE_SUFFIXES:
                continue
            return (key, _PLACE_FORMS.get(suffix, suffix)), end
    return None


@lru_cache(maxsize=512)
def parse_agency(name: str) -> AgencyName | None:
    """The places and organ of an agency's name, or None when name is none."""
    text = _PREFIX.sub("", _REMARK.sub("", fold(name or "")))
    text = text.strip("（）()[]【】:：")
    if len(text) < 2:
        return None
    places: list = []
    generic = False
    i = 0
    if text[0] in "省市区县镇乡" and len(text) > 1 and text[1] not in _NOT_A_PLACE_AFTER.get(text[0], ""):
        generic, i = True, 1
    while i < len(text):
        if places and text.startswith(_CONNECTOR, i) and _place_at(text, i + len(_CONNECTOR)):
            i += len(_CONNECTOR)           # 越秀区人民政府梅花村街道办事处
            continue
        found = _place_at(text, i)
        if found is None:
            break
        place, i = found
        places.append(place)
    organ = text[i:]
    if organ in ("", "人民", "政府", "人民政府"):
        organ = "办事处" if places and places[-1][1] == "街道" else "人民政府"
    if not places and not generic and not organ:
        return None
    return AgencyName(text, tuple(places), generic, organ)


def _split_type(organ: str) -> tuple[str, str]:
    for suffix in _TYPES:
        if organ.endswith(suffix) and len(organ) > len(suffix):
            return organ[:-len(suffix)], suffix
    return organ, ""


def _family(kind: str) -> int | str:
    for index, family in enumerate(_TYPE_FAMILIES):
        if kind in family:
            return index
    return kind


def _shortens(short: str, long: str) -> bool:
    """short is long written shorter: same first character, the rest in order."""
    if not short or not long or short[0] != long[0]:
        return False
    at = 0
    for ch in short:
        at = long.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _core(text: str) -> str:
    return text.replace("人民政府", "政府")


def same_organ(a: str, b: str) -> bool:
    if a == b:
        return True
    core_a, type_a = _split_type(a)
    core_b, type_b = _split_type(b)
    if _family(type_a) == _family(type_b):
        short, long = sorted((_core(core_a), _core(core_b)), key=len)
        if short == long or (len(short) >= 2 and _shortens(short, long)):
            return True
    # An office inside the agency signs for it: 卫生健康局办公室 for 卫健局.
    for inner, outer in ((a, b), (b, a)):
        unit = _INTERNAL.search(inner)
        if unit and unit.start() > 0 and same_organ(inner[:unit.start()], outer):
            return True
    return False


def _lowest(name: AgencyName):
    return name.places[-1] if name.places else None


def same_place(a: AgencyName, b: AgencyName) -> bool:
    """The lowest named places agree (or one name has none): 榆林市榆阳区 and
    榆阳区; 武汉东湖新技术开发区 and 东湖高新区."""
    low_a, low_b = _lowest(a), _lowest(b)
    if low_a is None or low_b is None or low_a == low_b:
        return True
    (key_a, suffix_a), (key_b, suffix_b) = low_a, low_b
    if suffix_a != suffix_b:
        return False
    short, long = sorted((key_a, key_b), key=len)
    # The city's name run into the place's ("武汉东湖"), or a shortened name.
    return len(short) >= 2 and (long.endswith(short) or (_shortens(short, long) and len(long) - len(short) <= 1))


def same_agency(a: AgencyName, b: AgencyName) -> bool:
    return same_place(a, b) and same_organ(a.organ, b.organ)


def hosts(host: AgencyName, agency: AgencyName) -> bool:
    """Whether host is a body that publishes agency's report (its
    government, the government's office, the portal operator)."""
    if not (_GOVERNMENT.search(host.organ) or _PORTAL.search(host.organ)):
        return False
    low_host, low_agency = _lowest(host), _lowest(agency)
    if low_host is None or low_agency is None or low_host in agency.places:
        return True
    # A higher level's office hosts a lower one's report (区 for 街道), unless
    # the report names its own place of that level, and it is another one.
    level = _LEVEL.get(low_host[1], 0)
    if any(_LEVEL.get(suffix, 0) == level for _, suffix in agency.places):
        return False
    return level < _LEVEL.get(low_agency[1], 0)


def internal(name: AgencyName) -> bool:
    """A working group of the agency ("政府信息公开工作领导小组办公室")."""
    return bool(_INTERNAL_ANYWHERE.search(name.organ))


# --------------------------------------------------------------------------
# Where a report names an agency besides its title

PUBLISHER_LABELS = ("发布机构", "发文机关", "发文机构", "发布单位")
# Longest first, then in character order: the same pattern text in every
# process (a set's order changes with the hash seed, and the pattern store
# keeps each distinct text).
_STOP = "|".join(sorted(set(METADATA_LABELS) | {"发表日期", "生成日期", "关键词", "是否有效", "公开形式", "责任部门",
                                                  "发布单位"}, key=lambda label: (-len(label), label)))
_PUBLISHER_FIELD = lazy(
    r"(?P<label>发布机构|发文机关|发文机构|发布单位)[ \t\u3000]*[\]］】)）]?[ \t\u3000]*[:：|｜]?\s{0,6}"
    r"(?P<value>(?:(?!" + _STOP + r")[\p{Han}（）()]){2,40})")
_NAME_END = "局委办厅处室院所站馆队会部社府镇乡心道"
_COMPILED_BY = lazy(r"(?:本(?:年度)?报告|本年报)[^。\n]{0,60}?由(?P<name>[\p{Han}（）()]{2,40}?)"
                    r"(?:根据[^。]{0,100}?(?:要求|规定))?(?:统一|负责|牵头|组织|汇总|综合)?(?:编制|编写|制作|起草|撰写)")
_SIGNATURE = lazy(r"^[\p{Han}（）()]{2,40}$")
_DATE_TAIL = lazy(r"[ \t\u3000]*(?:(?:19|20)[0-9]{2}|[〇零○一二三四五六七八九]{4})[ \t\u3000]*[年\-/.．][^\n]{0,16}$")
_PAGE_NUMBER = lazy(r"^[-—–\s]*[0-9]{1,3}[-—–\s]*$|^第\s*[0-9]{1,3}\s*页")
_PROSE = lazy(r"[，。；：！？、,;:!?]")
_CHROME_WORDS = ("扫一扫", "打印", "关闭", "分享", "收藏", "浏览次数", "访问量", "返回顶部", "上一篇", "下一篇", "附件")
_SPACES = " \t\u3000"
# The most characters other than spaces a _DATE_TAIL match holds (the year,
# its separator and up to 16 more): a match that starts further back than
# a window holding more such characters cannot exist.
_DATE_TAIL_SOLID = 4 + 1 + 16
_DATE_TAIL_WINDOW = 64
SIGNATURE_LINES = 6


class Named(NamedTuple):
    source: str          # "发布机构", "发文机关", "落款" …
    name: str            # as written
    span: Span


def publishers(report) -> list[Named]:
    """The metadata fields that name the publisher, as the report model read
    them, and those the front matter holds in a form it does not read
    ("关键词 发布机构 政务服务管理局", "发表日期:… 发布机构:政务服务管理局")."""
    found = [Named(f.label, f.value, f.value_span) for f in report.metadata
             if f.label in PUBLISHER_LABELS and _names_an_agency(f.value)]
    taken = {n.span.start for n in found}
    front = report.front
    end = max(front.end, report.metadata_span.end if report.metadata_span else 0)
    for match in _PUBLISHER_FIELD.finditer(report.text, 0, end):
        if match.start("value") in taken or not _names_an_agency(match.group("value")):
            continue
        found.append(Named(match.group("label"), match.group("value"), Span(match.start("value"), match.end("value"))))
        taken.add(match.start("value"))
    return found


def compilers(report) -> list[Named]:
    """The agency the front matter says drew up the report: "本报告…由怀远县
    公安局编制" (real-openings/021), "本年度报告由宜兴市教育局编制"."""
    found = []
    front = report.front
    for match in _COMPILED_BY.finditer(report.text, front.start, front.end):
        name = match.group("name")
        if name.startswith(("本", "我", "该", "各", "相关", "有关")) or not _names_an_agency(name):
            continue
        found.append(Named("编制机关", name, Span(match.start("name"), match.end("name"))))
    return found


def _names_an_agency(value: str) -> bool:
    """A publisher field's value that is an agency's name, not "本网",
    "管理员" or an empty field's neighbour."""
    value = _REMARK.sub("", fold(value))
    return len(value) >= 2 and value[-1] in _NAME_END


def _looks_like_name(text: str) -> bool:
    return bool(_SIGNATURE.match(text)) and text[-1] in _NAME_END


def signatures(report) -> list[Named]:
    """The agency names of the signature (落款) at the end of the report: a
    dated line ("XX局 2024年1月29日"), or the short lines right above a date
    line, after the last sentence. Page numbers and page chrome after it
    are passed over; a name with no date is not taken for a signature (a
    text cut off mid-sentence can end in "…大数据局")."""
    document = report.document
    names: list[Named] = []
    dated = False
    lines = [i for i, line in enumerate(document.lines) if line.strip()][-SIGNATURE_LINES:]
    for index in reversed(lines):
        line = document.lines[index]
        stripped = line.strip()
        base = document.line_starts[index] + line.index(stripped)
        if _PAGE_NUMBER.match(stripped) or (not names and not dated and _has_chrome(stripped)):
            continue
        tail = _date_tail(stripped)
        if _is_date(stripped) or (tail and tail.start() == 0):
            if names or dated:
                break                       # a second date: not one signature
            dated = True
            continue
        if tail and not (names or dated):
            body, dated = stripped[:tail.start()], True
        else:
            body = stripped
        parts = _parts(body) if dated else []
        if not parts or _PROSE.search(body):
            break
        names.extend(Named("落款", part, Span(base + offset, base + offset + len(part))) for offset, part in parts)
    if not names:
        names = _inline_signature(report.text)
    return sorted(names, key=lambda n: n.span.start)


def _has_chrome(line: str) -> bool:
    """Whether the line holds a word of the page's chrome (打印, 关闭 …)."""
    return _chrome().search(line) is not None


@lru_cache(maxsize=1)
def _chrome():
    # A literal alternation, which the standard library's re skips through
    # in C: on a run-together report the line is the whole text.
    return compile_re("|".join(map(escape, _CHROME_WORDS)))


def _date_tail(line: str):
    """_DATE_TAIL.search(line), searched only in the line's last characters
    when they hold more than a match can that is not spaces: the match ends
    the line, so one starting before them would hold them all. A run-together
    report is one line of thousands of characters, and the pattern, opening
    with optional spaces, is tried at each of them."""
    start = len(line) - _DATE_TAIL_WINDOW
    if start > 0:
        window = line[start:]
        if len(window) - sum(map(window.count, _SPACES)) > _DATE_TAIL_SOLID:
            return _DATE_TAIL.search(line, start)
    return _DATE_TAIL.search(line)


def _is_date(line: str) -> bool:
    """Whether the line is a date and nothing else. A date holds at most 13
    characters that are not spaces ("二〇二四年十二月三十一日"; the digits of
    "2024 年 1 月 29 日"), so a longer line (a run-together report is one)
    is not searched for one. str.split drops every character the patterns'
    \\s matches, and a few more, so the count is never above the true one."""
    if len(line) > _DATE_TAIL_WINDOW and len("".join(line.split())) > 13:
        return False
    parsed = parse_date(line)
    return bool(parsed) and parsed[1] == 0 and parsed[2] == len(line)


def _parts(body: str) -> list[tuple[int, str]]:
    """The names on a signature line ("中共XX街道工作委员会　XX街道办事处"),
    with their offsets; none when a piece is not a name."""
    parts, position = [], 0
    for piece in body.split():
        at = body.index(piece, position)
        position = at + len(piece)
        if not _looks_like_name(piece):
            return []
        parts.append((at, piece))
    return parts


def _inline_signature(text: str) -> list[Named]:
    """A signature run into the last sentence ("…事项。XX局2024年1月29日")."""
    end = len(text.rstrip())
    start = max(0, end - 60)
    stop = max(text.rfind(mark, start, end) for mark in "。！？")
    if stop < 0:
        return []
    tail = text[stop + 1:end]
    dated = _DATE_TAIL.search(tail)
    if not dated:
        return []
    return [Named("落款", part, Span(stop + 1 + offset, stop + 1 + offset + len(part)))
            for offset, part in _parts(tail[:dated.start()])]
