"""A002 web-residue."""
from __future__ import annotations

import re

from govlint.model.document import Span
from govlint.patterns import compile_re, lazy
from govlint.rule import Edit, Finding, Fix, rule

_OPEN = r"[【\[［]"
_CLOSE = r"[】\]］]"
_ARROW = r"[>»＞→›]"
_CRUMB = r"[^\s>»＞→›|｜。，；]{1,20}"

# Page chrome that never occurs in a report's prose: flagged wherever it is,
# even glued to the end of a paragraph.
_STRONG = (
    r"扫一扫[，,]?[ \t　]{0,2}在?手机(?:上)?(?:打开|浏览|阅读|查看)(?:当前页面|当前页|本页|此页|本文)"
    r"|" + _OPEN + r"[ \t　]{0,2}(?:打印(?:本页|此页|文章|本文|正文)?|关闭(?:本页|窗口|此页)?|收藏(?:本页)?"
    r"|返回顶部|回到顶部|加入收藏|我要纠错|纠错)[ \t　]{0,2}" + _CLOSE +
    r"|(?:" + _OPEN + r"[ \t　]{0,2})?字[号体][ \t　]{0,3}[：:][ \t　]{0,3}"
    r"(?:" + _OPEN + r"?[ \t　]{0,2}大[ \t　]{0,2}" + _CLOSE + r"?[ \t　]{0,3}" + _OPEN + r"?[ \t　]{0,2}中[ \t　]{0,2}"
    + _CLOSE + r"?[ \t　]{0,3}" + _OPEN + r"?[ \t　]{0,2}小|T[ \t　]{0,2}[|｜][ \t　]{0,2}T)(?:[ \t　]{0,2}" + _CLOSE + r")?"
    # "字体大小：【 A- A A+ 】", a bare "字号：" / "【字体：" whose buttons were images
    r"|(?:" + _OPEN + r"[ \t　]{0,2})?(?<![文老题])字[ \t　]{0,2}[号体](?:大小)?[ \t　]{0,3}[：:][ \t　]{0,3}"
    r"(?:" + _OPEN + r"?[ \t　]{0,2}A-[ \t　]{0,3}A[ \t　]{0,3}A\+[ \t　]{0,2}" + _CLOSE + r"?"
    r"|(?![ \t　]*(?:宋体|仿宋|黑体|楷体|方正|小标宋|微软雅黑|Times|[0-9一二三四五六七八九十小初]+号)))"
    # a breadcrumb: "当前位置：首页 > 政务公开 > 年度报告"
    r"|(?:当前位置|您的位置|您现在的位置|您当前的位置|您当前位置|您所在的位置|所在位置)[ \t　]{0,2}[：:][ \t　]{0,2}"
    r"(?:" + _CRUMB + r"(?:[ \t　]{0,3}" + _ARROW + r"[ \t　]{0,3}" + _CRUMB + r"){0,12})?"
    r"|首页(?:[ \t　]{0,3}" + _ARROW + r"[ \t　]{0,3}" + _CRUMB + r"){1,12}"
    # the attachment and link bars under an article, standing apart from any word
    r"|(?<![\p{Han}“\"「『《])(?:附件下载|相关链接|相关附件|相关文件下载|打印本页|打印此页|关闭窗口|关闭本页)"
    r"(?![\p{Han}”\"」』》])"
    # a QR-code footer: "更多精彩内容欢迎扫描下方二维码", "扫描下方二维码"
    r"|(?:更多精彩内容|更多内容)[，,]?[ \t　]{0,2}(?:欢迎|请)?[^。\n]{0,12}?二维码(?:[^。\n]{0,12}?(?:关注|浏览|阅读|查看))?"
    r"|(?:(?:请|可)?(?:用|使用)?(?:手机|微信)?扫(?:描|一扫))?(?:下方|上方|左侧|右侧|页面下方|文末)二维码"
    r"(?:[，,]?[ \t　]{0,2}(?:即可|可)?(?:在手机上|用手机)?(?:打开|浏览|阅读|查看|关注)(?:本页|当前页|此页|本文)?)?"
)
# Chrome words that prose could also use ("关闭窗口" of a service hall,
# "分享到朋友圈", "访问量"): flagged only on a line that is chrome.
_WEAK = (
    r"打印本页|打印此页|打印文章|关闭窗口|关闭本页|收藏本页|加入收藏|设为首页|返回顶部|回到顶部|返回首页"
    r"|(?:请|可)?(?:用|使用)?(?:手机|微信)扫(?:描|一扫)(?:左侧|右侧|下方|上方)?(?:二维码|此码)"
    r"(?:[，,]?[ \t　]{0,2}(?:即可|可)?(?:在手机上|在手机|用手机)?(?:打开|浏览|阅读|查看|分享|继续阅读)"
    r"(?:本页|当前页|此页|本文|文章)?)?"
    r"|分享(?:到|至)[ \t　]{0,2}[：:]?|全真版|文字版|无障碍浏览|智能问答|长者专区"
    r"|(?:浏览次数|浏览量|访问量|访问次数|点击数|点击量|点击次数|点击率|阅读次数|阅读量|阅读数)[ \t　]{0,2}[：:]"
    r"[ \t　]{0,2}(?:" + _OPEN + r"?[ \t　]{0,2}[0-9]{1,12}[ \t　]{0,2}" + _CLOSE + r"?(?:[ \t　]{0,2}次)?)?"
)
# Only counted next to a chrome word on the same line: bare 打印 / 关闭,
# share targets, font-size buttons.
_COMPANION_WORDS = (
    r"打印|关闭|收藏|分享|复制链接|复制网址|微信朋友圈|朋友圈|新浪微博|腾讯微博|微博|微信|QQ空间|QQ好友|QQ"
    r"|人人网|豆瓣|百度|更多|TOP|top|Top|ENGLISH|English|繁體|繁体|简体"
)
_COMPANION = _COMPANION_WORDS + "|" + _OPEN + r"[大中小]" + _CLOSE
TOKEN = lazy(r"(?P<strong>" + _STRONG + r")|(?P<weak>" + _WEAK + r")|(?P<companion>" + _COMPANION + r")")
# "上一篇：<title>" / "下一篇：没有了": the rest of the line is another page's title.
NAVIGATION = lazy(
    r"^[ \t　]{0,4}" + _OPEN + r"?(?:上一篇|下一篇|上一条|下一条|上一页|下一页)(?:文章)?" + _CLOSE +
    r"?[ \t　]{0,3}(?:[：:][^\n]{0,120})?$")
# Every strong or weak chrome word and every navigation line holds one of
# these words; lines without any are not looked at. A literal alternation,
# which the standard library's re scans far faster than a pattern.
_TOKEN_TRIGGERS = ("扫|打印|关闭|收藏|返回|回到|纠错|字号|字体|设为首页|分享|浏览|访问|点击|阅读"
                   "|微信|微博|QQ|位置|首页|附件|链接|全真|文字版|二维码|精彩|问答|专区")
TRIGGER = compile_re(_TOKEN_TRIGGERS.replace("|阅读", "|阅读|上一|下一"))
# Every TOKEN match holds one of these: the trigger words but the
# navigation's 上一 / 下一 (only NAVIGATION, matched at a line's start, holds
# them; a run-together table holds 上一年 in every header), the two a strong
# word may hold without one ("字 号：" — 字号 / 字体 are triggers, so only 字
# before a space counts — and "相关文件下载"), every companion. A long line
# is searched for TOKEN only in the sentences that hold one (_tokens).
_BUTTONS = [a + size + b for a in "【[［" for size in "大中小" for b in "】]］"]
_ANCHOR_WORDS = [*_TOKEN_TRIGGERS.split("|"), "字 ", "字\t", "字\u3000", "相关文件下载",
                 *_COMPANION_WORDS.split("|"), *_BUTTONS]


def _anchor_source(words) -> str:
    """The words as one alternative per first character ("微(?:信|博)").
    A sentence holding a word that holds another (微信朋友圈, 设为首页) holds
    the other, so only the shortest are kept. Every alternative opens with
    a literal, so re skips to the characters that can start one (a
    character class first made it try the pattern at every character), and
    tries a few dozen alternatives there instead of one per word."""
    words = list(dict.fromkeys(words))
    kept = [word for word in words if not any(other != word and other in word for other in words)]
    rests: dict[str, list[str]] = {}
    for word in kept:
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + (re.escape(tails[0]) if len(tails) == 1 else
                                        "(?:" + "|".join(map(re.escape, tails)) + ")")
                    for first, tails in rests.items())


ANCHOR = compile_re(_anchor_source(_ANCHOR_WORDS))
# A TOKEN match opens at most this many characters before the first of
# these words it holds ("【  我要纠错】", "您现在的位置", "请使用手机扫描",
# "页面下方二维码"): no match starts further before a sentence's first word.
_ANCHOR_LEAD = 5
# Share targets: three or more of them in a row, with nothing but spaces
# between, are a share bar even without "分享到".
SHARE_TARGETS = frozenset(("微信朋友圈", "朋友圈", "新浪微博", "腾讯微博", "微博", "微信", "QQ空间", "QQ好友", "QQ",
                           "人人网", "豆瓣"))
SHARE_BAR = 3
# What may separate chrome words on a chrome line.
SEPARATORS = lazy(r"[\s|｜/／·•、，,：:;；\-—_【】\[\]［］()（）<>《》«»>]*")
# Page information that sits on the same line as counters ("发布时间：… 浏览次数：…").
PAGE_INFO = lazy(
    r"(?:发布时间|发布日期|发表时间|更新时间|来源|信息来源|作者|编辑|责任编辑|时间|日期)[ \t　]{0,2}[：:][ \t　]{0,2}"
    r"[^\s|｜]{0,30}(?:[ \t　][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
    r"|[0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?(?:[ \t　]{1,2}[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
MAX_LINE = 200
_BAR_GAP = " \t\u3000|｜·•/／"
_GAPS = lazy(r"\s*[|｜][\s|｜]*|\s{2,}|\n")


# The information fields a web page prints around an article (索引号 / 发布机构 /
# 发表日期 / 来源 …). The first kind may stand without a colon ("索引号
# 620702074/2024-00047"); the second, words prose uses too, only with one.
_FIELD_LABELS = ("索引号", "主题分类", "发布机构", "发文机关", "发文机构", "发文日期", "成文日期", "发布日期",
                 "发布时间", "发表日期", "发表时间", "更新时间", "效力状态", "发文字号", "公开方式", "公开形式",
                 "公开范围", "公开时限", "生效日期", "废止日期", "是否有效", "所属机构", "责任部门", "生成日期",
                 "关键词", "主题词", "体裁分类", "组配分类", "信息来源", "文号")
_COLON_LABELS = ("来源", "时间", "日期", "名称", "标题", "作者", "责任编辑", "编辑", "有效性")


def _label_alternation(labels) -> str:
    return "|".join("[ \u3000]?".join(label) for label in sorted(labels, key=len, reverse=True))


_DATETIME = r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:[ \t\u3000]{1,3}\d{1,2}:\d{2}(?::\d{2})?)?"
_BARE = _label_alternation(_FIELD_LABELS)
# A label prose never ends a word with may follow any character (a page's
# text run together: "…年度报告发表日期:…"); one prose uses too may not.
# Where a value stops when the page's text runs on without a break: at the
# next label, or where the report's own text begins.
_VALUE_STOP = _BARE + r"|根据|按照|依据|依照|现将|本报告|本年度|(?:19|20)\d{2}[ \u3000]?年[，,]"
FIELD = lazy(
    r"(?:[\[［【][ \u3000]{0,2})?"
    r"(?:(?P<bare>" + _BARE + r")|(?<![\p{Han}])(?P<colon_only>" + _label_alternation(_COLON_LABELS) + r"))"
    r"[ \u3000]{0,2}[\]］】]?(?:[ \t\u3000]{0,2}(?P<colon>[:：])|(?=[\s|｜]|$|" + _BARE + r"))[ \t\u3000]{0,3}"
    r"(?P<value>" + _DATETIME + r"|(?:(?!" + _VALUE_STOP + r")[^\s|｜。，；;,！？!?【】\[\]［］]){1,40})?")
# A date with its time standing alone ("• 2022-01-24 09:05"): page information
# next to a field.
# Every field holds one of its labels: a scan for them alone (the standard
# library's re, fast on literals) says where FIELD can start, at most a
# bracket and two spaces before its label.
FIELD_HINT = compile_re(_BARE + "|" + _label_alternation(_COLON_LABELS))
_FIELD_LEAD = 3
STAMP = lazy(r"(?<![\p{Han}\d])(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[ \t\u3000]{1,3}\d{1,2}:\d{2}(?::\d{2})?")
_FIELD_GAP = lazy(r"[\s|｜•·●▪\-—]*")
# Fields that only a crawler's header carries: such a block is the record
# of where the text came from, not part of the page.
_CRAWLER_LABELS = ("原文链接", "原文地址", "来源链接", "网址", "链接", "采集时间", "抓取时间")


def _page_information(report):
    """The web page's information fields: its leading table (索引号 / 发布机构 /
    发文日期 …, unless it is a crawler's header) and runs of fields in the
    front matter ("发表日期:… 发布机构:…", "• 2022-01-24 09:05 • 来源: …")."""
    text = report.text
    block = [f for f in report.metadata if report.metadata_span and f.label_span.end <= report.metadata_span.end]
    if block and not any(f.label in _CRAWLER_LABELS for f in block):
        start = min(f.label_span.start for f in block)
        end = max(max(f.value_span.end, f.label_span.end) for f in block)
        first = min(block, key=lambda f: f.label_span.start)
        # The finding points at the first label: the block's pipes, rule rows
        # and line breaks differ from one copy of a page to the next.
        span = first.label_span
        named = _named([f.label for f in block])
        if any(f.label in ("名称", "标题") for f in block):
            # the title stands only in the block: deleting it would lose the title
            yield Finding(span, f"网页信息栏（{named}）：不属于报告，请删除，标题单独写在正文前")
        else:
            yield Finding(span, f"网页信息栏（{named}）：不属于报告，请删除",
                          Fix(f"删除网页信息栏（{named}）", (Edit(_lines_around(text, start, end), ""),), safe=False))
    title = report.title.span if report.title and not report.title.from_metadata else None
    for start, end, labels in _field_runs(text, report.front.start, report.front.end, title):
        named = _named(labels)
        yield Finding(Span(start, end), f"网页信息栏（{named}）：不属于报告，请删除",
                      Fix(f"删除网页信息栏（{named}）", (Edit(_lines_around(text, start, end), ""),), safe=False))


def _named(labels) -> str:
    """"索引号、主题分类、发布机构等 7 项" for a message."""
    labels = list(dict.fromkeys(labels))
    return "、".join(labels) if len(labels) <= 3 else "、".join(labels[:3]) + f"等 {len(labels)} 项"


def _lines_around(text: str, start: int, end: int) -> Span:
    """The span to delete for a run of fields: whole lines (with the line
    break) when nothing but bullets and spaces stands beside it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip(" \t\u3000•·●▪") or text[end:line_end].strip(" \t\u3000|｜"):
        return Span(start, end)
    return Span(line_start, min(line_end + 1, len(text)))


def _field_runs(text: str, start: int, end: int, title):
    """(start, end, labels) of each run of page fields between start and end: fields
    and time stamps that only spaces, line breaks, bars and bullets keep
    apart. A run counts when it holds a field and one more field or time
    stamp: a single "发布日期：2024-01-12" under the title is left alone."""
    items = []          # (start, end, label, is a field): a time stamp standing alone is labelled 时间
    position = start
    while True:
        hint = FIELD_HINT.search(text, position, end)
        if not hint:
            break
        match = next(filter(None, (FIELD.match(text, at, end) for at in
                                   range(max(position, hint.start() - _FIELD_LEAD), hint.start() + 1))), None)
        if not match:
            position = hint.start() + 1
            continue
        position = match.end()
        if title and match.start() < title.end and match.end() > title.start:
            continue
        if match.group("colon_only") and not match.group("colon"):
            continue
        value = match.group("value")
        if value and not match.group("colon") and FIELD.match(value):
            position = match.start("value")     # the next label, not this one's value
            value = None
        item_end = match.end("value") if value else position
        while item_end > match.start() and text[item_end - 1] in " \t\u3000":
            item_end -= 1
        label = "".join((match.group("bare") or match.group("colon_only")).split())
        items.append((match.start(), item_end, label, True))
    for match in STAMP.finditer(text, start, end):
        if not any(a <= match.start() < b for a, b, _, _ in items):
            items.append((match.start(), match.end(), "时间", False))
    items.sort()
    runs: list[list] = []
    for item_start, item_end, label, is_field in items:
        if runs and _FIELD_GAP.fullmatch(text, runs[-1][1], item_start):
            runs[-1][1] = item_end
            runs[-1][2].append(label)
            runs[-1][3] = runs[-1][3] or is_field
        else:
            runs.append([item_start, item_end, [label], is_field])
    for run_start, run_end, labels, has_field in runs:
        if len(labels) >= 2 and has_field:
            yield run_start, run_end, labels


def _quote(text: str, limit: int = 40) -> str:
    text = _GAPS.sub(" ", text)             # a run of spaces and bars as one space
    return text if len(text) <= limit else text[:limit] + "…"


def _is_separator(piece: str) -> bool:
    return SEPARATORS.fullmatch(piece) is not None


def _merge(line: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join tokens that only separators keep apart ("【打印】 【关闭】")."""
    runs: list[list[int]] = []
    for start, end in tokens:
        if runs and _is_separator(line[runs[-1][1]:start]):
            runs[-1][1] = end
        else:
            runs.append([start, end])
    return [(start, end) for start, end in runs]


def _line_findings(line: str) -> list[tuple[int, int, bool]]:
    """(start, end, whole_line) for the residue on one line."""
    stripped = line.strip()
    if not stripped:
        return []
    lead = len(line) - len(line.lstrip())
    if NAVIGATION.match(line):
        return [(lead, lead + len(stripped), True)]
    tokens = _tokens(line)
    if not tokens:
        return []
    spans = [(start, end) for _, start, end in tokens]
    if len(line) <= MAX_LINE and any(kind != "companion" for kind, _, _ in tokens):
        gaps = [line[a:b] for a, b in zip([0] + [e for _, e in spans], [s for s, _ in spans] + [len(line)])]
        if all(_is_separator(gap) for gap in gaps):
            return [(lead, lead + len(stripped), True)]
        # A page-information line: chrome, dates, 来源 / 发布时间 fields.
        if all(_is_separator(PAGE_INFO.sub("", gap)) for gap in gaps):
            return [(start, end, False) for start, end in _merge(line, spans)]
    return [(start, end, False) for start, end, kinds in _clusters(line, tokens) if _is_chrome(line, kinds)]


def _tokens(line: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each TOKEN match in line. A long line (a
    run-together page is one line) is searched sentence by sentence, only
    in the sentences that hold an ANCHOR word, from _ANCHOR_LEAD characters
    before the first, and after a match from as far before the next: no
    match holds a "。" (its lookarounds see the text around the sentence,
    the "。" included), and none starts further before the first word it
    holds, so the matches are those of one search through the line, found
    without trying the pattern at each of its characters."""
    if len(line) <= MAX_LINE:
        return [(m.lastgroup, m.start(), m.end()) for m in TOKEN.finditer(line)]
    tokens = []
    anchor = ANCHOR.search(line)
    while anchor:
        start = max(line.rfind("。", 0, anchor.start()) + 1, anchor.start() - _ANCHOR_LEAD)
        end = line.find("。", anchor.end())
        searched = len(line) if end < 0 else end + 1
        while anchor:
            match = TOKEN.search(line, start, searched)
            if not match:
                break
            tokens.append((match.lastgroup, match.start(), match.end()))
            # the next match holds a word after this one: from just before it
            anchor = ANCHOR.search(line, match.end(), searched)
            start = anchor and max(match.end(), anchor.start() - _ANCHOR_LEAD)
        anchor = ANCHOR.search(line, searched)      # the next sentence's first word
    return tokens


def _clusters(line: str, tokens):
    """Runs of chrome words that only spaces, bars or brackets keep apart
    ("微信 微博 QQ空间 字号：大 中 小"), wherever they stand in the line."""
    runs: list[list] = []
    for kind, start, end in tokens:
        if runs and _joins(line, runs[-1][1], start):
            runs[-1][1] = end
            runs[-1][2].append((kind, line[start:end]))
        else:
            runs.append([start, end, [(kind, line[start:end])]])
    return runs


def _joins(line: str, end: int, start: int) -> bool:
    gap = line[end:start]
    if gap.strip(_BAR_GAP):
        return False
    # Side by side with no gap: a bracketed button, or a label and its buttons ("分享到：微信").
    return bool(gap) or line[end - 1:end] in "】]］：:" or line[start:start + 1] in "【[［"


def _is_chrome(line: str, kinds) -> bool:
    """A run is chrome when it holds a word prose never uses, or two chrome
    words side by side, or a row of share buttons."""
    if any(kind == "strong" for kind, _ in kinds):
        return True
    if len(kinds) >= 2 and any(kind == "weak" for kind, _ in kinds):
        return True
    return sum(1 for kind, word in kinds if kind == "companion" and word in SHARE_TARGETS) >= SHARE_BAR


def _inline_fix(text: str, start: int, end: int) -> Fix:
    """Delete the residue and the spaces after it (or before it, at the end
    of a line), so the text around it closes up as it was."""
    after = end
    while after < len(text) and text[after] in " \t\u3000":
        after += 1
    before = start
    if after == end or after == len(text) or text[after] == "\n":
        while before > 0 and text[before - 1] in " \t\u3000":
            before -= 1
    return Fix(f"删除网页残留“{_quote(text[start:end])}”", (Edit(Span(before, after), ""),), safe=True)


@rule("A002", "web-residue", "warning", needs=(), zh=r"""
    报告中混入了网页上的栏目文字（打印、关闭、字号、分享、二维码等）。

    检查内容：属于复制来源网页、而不属于报告的文字：“扫一扫在手机打开当前页”“打印本页”
    “关闭窗口”“【打印】”“【关闭】”“字号：大 中 小”“【字体：大 中 小】”，“分享到：”及一
    排分享按钮，“上一篇：…”/“下一篇：…”导航行，“返回顶部”，“浏览次数：123”之类的计数，
    “收藏本页”“用手机扫描二维码”，面包屑导航（“当前位置：首页 > 政务公开 > 年度报告”），
    字号和阅读工具（“字体大小：【 A- A A+ 】”、单独的“字号：”、“全真版 文字版”），附
    件和链接栏（“附件下载”“相关链接”），二维码页脚（“更多精彩内容欢迎扫描下方二维码”），
    网站工具栏（“无障碍浏览 | 长者专区”）。无论出现在哪里都会找出，包括长行中间（爬取的网
    页往往只有一行）：一串只由空格、竖线或括号隔开的网页栏目词（“微信 微博 QQ空间 字号：
    大 中 小”），只要含有正文从不使用的词、含有两个栏目词或三个分享按钮，就算网页残留。正
    文也可能用到的词（分享到、收藏、关闭窗口、访问量、上一篇、微信、微博）单独出现时不报：
    “通过微信公众号、微博等渠道发布”不会被标出。网页的信息栏也是残留：开头的元数据表（索
    引号 / 发布机构 / 发文日期 …），以及标题和正文之间成串的网页字段（“发表日期:… 发布机构:…
    索引号 …”“• 2022-01-24 09:05 • 来源: …”），有无冒号都算；标题下单独一项“发布日期：…”
    不报。爬虫加的头部（含原文链接、采集时间或“正文”分隔线）记录的是文本来源，不报。

    为何重要：报告是正式文件；正文里的网页栏目文字说明它是从浏览器里复制来、没有检查过
    的，还会留在归档和转载的副本里。

    示例：从某县网站复制的报告最后一行，在“六、其他需要报告的事项 / 无”之后的“扫一扫在
    手机打开当前页”。

    修改方法：删除残留文字。整行都是残留时，安全修复删除这一行；否则只删除残留文字及其后
    的空格。网页信息栏的修复不安全（govlint 从中读取发布日期），须用 --unsafe-fixes；标题只
    写在信息栏“名称”里时不提供修复，请先把标题单独写在正文前。
    """, fix="mixed")
def check(report, options):
    """Web-page chrome (print, close, font size, share, QR-code lines) pasted with the report.

    What it checks: text that belongs to the web page a report was copied
    from, not to the report: "扫一扫在手机打开当前页", "打印本页",
    "关闭窗口", "【打印】", "【关闭】", "字号：大 中 小",
    "【字体：大 中 小】", "分享到：" rows of share buttons, "上一篇：…" /
    "下一篇：…" navigation lines, "返回顶部", counters such as
    "浏览次数：123", "收藏本页", "用手机扫描二维码", breadcrumbs
    ("当前位置：首页 > 政务公开 > 年度报告"), font-size and reading widgets
    ("字体大小：【 A- A A+ 】", a bare "字号：", "全真版 文字版"), attachment
    and link bars ("附件下载", "相关链接"), QR-code footers
    ("更多精彩内容欢迎扫描下方二维码"), site toolbars ("无障碍浏览 | 长者专区").
    Chrome is found wherever it stands, also in the middle of a long line
    (a crawled page is one line): a run of chrome words that only spaces,
    bars or brackets separate ("微信 微博 QQ空间 字号：大 中 小") is residue
    when it holds a word prose never uses, two chrome words, or three share
    buttons. Words that prose can use too (分享到, 收藏, 关闭窗口, 访问量,
    上一篇, 微信, 微博) are not flagged alone: "通过微信公众号、微博等渠道发布"
    stays quiet. The page's information fields are residue too: its leading
    table (索引号 / 发布机构 / 发文日期 …) and a run of two or more page
    fields between the title and the text ("发表日期:… 发布机构:… 索引号 …",
    "• 2022-01-24 09:05 • 来源: …"), with colons or without; a single
    "发布日期：…" under the title is left alone. A crawler's header (with
    原文链接, 采集时间 or a "正文" rule) records where the text came from and
    is not reported.

    Why it matters: the report is a formal document; page chrome in its
    text shows it was pasted from a browser unchecked, and ends up in
    archived and re-published copies.

    Example: the last line of a report copied from a county website,
    "扫一扫在手机打开当前页", after "六、其他需要报告的事项 / 无".

    How to fix: delete the residue. The safe fix deletes the line when the
    whole line is residue, else just the residue and the spaces after it.
    Deleting page information is an unsafe fix (govlint reads the
    publication date from it); when the title stands only in the page's
    名称 field there is no fix: give the title a line of its own first.
    """
    yield from _page_information(report)
    document = report.document
    text = report.text
    skip_end = report.metadata_span.end if report.metadata_span else 0
    title = report.title.span if report.title and not report.title.from_metadata else None
    block = None        # whole lines of chrome in a row: one finding, one fix
    for index in sorted({document.line_of(m.start()) - 1 for m in TRIGGER.finditer(text, skip_end)}):
        line = document.lines[index]
        base = document.line_starts[index]
        if base + len(line) <= skip_end:
            continue
        head = max(0, skip_end - base)
        if head:
            line = " " * head + line[head:]        # the metadata block ends inside this line
        for start, end, whole in _line_findings(line):
            start, end = base + start, base + end
            if title and start < title.end and end > title.start:
                if start >= title.start:
                    continue                         # words of the title itself
                end = title.start                    # a breadcrumb run into the title
                while end > start and text[end - 1] in " \t\u3000":
                    end -= 1
            if whole and not head:
                start, end = _trimmed(text, start, end)
                if block and not text[block[1]:start].strip():
                    block = (block[0], end, block[2], index)
                    continue
                if block:
                    yield _whole_lines(document, *block)
                block = (start, end, index, index)
                continue
            while end > start and text[end - 1] in " \t\u3000":
                end -= 1
            residue = text[start:end]
            yield Finding(Span(start, end), f"网页残留“{_quote(residue)}”：请删除", _inline_fix(text, start, end))
    if block:
        yield _whole_lines(document, *block)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A whole line of chrome without the bars and spaces around it."""
    while start < end and text[start] in _BAR_GAP:
        start += 1
    while end > start and text[end - 1] in _BAR_GAP:
        end -= 1
    return start, end


def _whole_lines(document, start: int, end: int, first: int, last: int) -> Finding:
    """Lines first..last (0-based) that are all chrome: the finding on their
    text, the fix deleting the lines."""
    text = document.text
    residue = text[start:end]
    cut_start = document.line_starts[first]
    cut_end = document.line_starts[last] + len(document.lines[last])
    cut_end += 1 if cut_end < len(text) else 0
    return Finding(Span(start, end), f"网页残留“{_quote(residue)}”：请删除",
                   Fix(f"删除网页残留行“{_quote(residue)}”", (Edit(Span(cut_start, cut_end), ""),), safe=True))
