"""L002 word-usage."""
from __future__ import annotations

import re

from govlint.model.document import Span
from govlint.model.language import lazy_re, prose, prose_spans
from govlint.rule import Edit, Finding, Fix, rule

_DATE = r"(?:[0-9０-９]{2,4}\s*年|[0-9０-９]{1,2}\s*月|[二〇零一]{4}年|目前|今年|本年|年底|年末|当前|去年|上年|本月|今天|现在|发稿)"
# Idioms that are adverbials before a verb (坚定不移地做好), and the verbs
# that follow them; a noun after 的 (一如既往的支持) is right and not listed.
_ADVERBIALS = ("坚定不移|一如既往|持之以恒|坚持不懈|毫不动摇|不折不扣|扎扎实实|认认真真|实实在在|积极主动|全心全意"
               "|尽心尽力|千方百计|有条不紊|循序渐进|不遗余力|卓有成效|扎实有效|稳步有序")
_VERBS = "做好|抓好|推进|推动|落实|贯彻|执行|开展|抓|做|走|加强|完成|履行|提升|提高|维护|实施|解决|做到|发挥"
# Every alternative starts with a literal character, so that the engine skips
# every other character at C speed (a group or a lookbehind first would make
# it try each alternative at each character); an empty named group at the end
# says which slip matched, and 的's context is a lookbehind after it.
PATTERN = lazy_re(
    r"截止(?=" + _DATE + r")(?P<deadline>)"
    r"|其它(?P<other>)"
    r"|的(?<=(?:" + _ADVERBIALS + r")的)(?=" + _VERBS + r")(?P<adverbial>)"
    r"|的(?<=[做干搞办抓成实展行]的)(?=(?:很|非常|十分|比较|更加|更|不够|不太)?"
    r"(?:好|到位|扎实|出色|及时|规范)[，。；、！？,;!?])(?P<complement>)"
    r"|国务院令(?=\s*[0-9０-９]+\s*号)(?P<decree>)"
    r"|自此(?=之前|以前)(?P<since>)"
)
_CLAUSE_END = lazy_re("[，。；：！？,;:!?]")
# Book titles or quotations in a row, joined by 、 (GB/T 15834—2011 4.5.3.5).
_SERIES = lazy_re(r"》、(?=《)|”、(?=“)")


def _findings(report):
    text = report.text
    stream = prose(report)
    prose_text = stream.text
    for match in PATTERN.finditer(prose_text):
        yield (match.lastgroup,) + stream.span(match.start(), match.end())
    if "》、" in text or "”、" in text:       # a search for the pair at C speed; most reports have neither
        spans = prose_spans(report)
        for match in _SERIES.finditer(text):
            comma = match.start() + 1
            if any(start <= comma < end for start, end in spans):
                yield ("series", comma, comma + 1)


def _quote(text: str, start: int, end: int, before: int = 4, after: int = 6) -> str:
    return "".join(text[max(0, start - before):min(len(text), end + after)].split())


@rule("L002", "word-usage", "warning", needs=(), zh=r"""
    公文惯例不用的写法：以“截止”代“截至”、“其它”、以“的”代“地”或“得”等。

    检查内容：下列各种失误，各附依据。

    - 时间点之前的“截止”（“截止2024年12月31日，主动公开…”）：截止指到期停止，用在时间之后
      （“12月31日截止”）或写作“截止到”；到某一时间点为止应写“截至”（《现代汉语词典》第7版，
      截止、截至条）。
    - “其它”：公文写“其他”，条例和本报告的两版格式也都如此（“其他需要报告的事项”“（六）其他
      处理”）。
    - 状语性成语与动词之间的“的”（“坚定不移的做好”“扎扎实实的推进”）：状语后用“地”
      （《现代汉语词典》，地 de：助词，表示前面的词语是状语）。“的”后是名词（“一如既往的支持”）
      是对的，不报告。
    - 动词与补语之间的“的”（“做的很好。”“落实的不够到位。”）：补语前用“得”。
    - “国务院令711号”：国务院令编号写作“第…号”（“中华人民共和国国务院令 第711号”，条例即如此
      公布）。
    - “自此之前 / 自此以前”：自此意为从此，这个说法与本意相反；应为“在此之前”。
    - 连用的书名号或引号之间的顿号（“《条例》、《规定》”“‘双随机’、‘一公开’”）：GB/T 15834—2011
      4.5.3.5，标有书名号或引号的并列成分之间通常不用顿号。
    只检查正文（不含表格、书名号内的文件名和元数据块）。

    为何重要：这些是公文校对最先改的失误；“截止2024年12月31日”还会读成“在12月31日停止”。

    示例：真实文本，语料 000：“截止2024年12月31日,主动公开各类政府信息61条”（截至）和“坚定不移
    的做好政府信息公开工作”（坚定不移地做好）；语料 003：“自此之前的年份中”（在此之前）。

    修改方法：按提示中的写法修改。修复（不安全：措辞需作者确认）会做这一改动。
    """, fix="unsafe")
def check(report, options):
    """Wording that 公文 practice rejects: 截止 for 截至, 其它, 的 for 地 or 得, and others.

    What it checks: each slip with the rule it follows.

    - "截止" directly before a date or a point in time ("截止2024年12月31日，主动
      公开…"): 截止 means to stop at a deadline and stands after the time
      ("12月31日截止") or as "截止到"; up to a point in time is 截至
      (《现代汉语词典》第7版, 截止 and 截至).
    - "其它": 公文 write 其他, and so do the 条例 and both formats of this
      report ("其他需要报告的事项", "（六）其他处理").
    - "的" between an adverbial idiom and its verb ("坚定不移的做好", "扎扎实实的
      推进"): an adverbial takes 地 (《现代汉语词典》, 地 de: 助词，表示前面
      的词语是状语). A noun after 的 ("一如既往的支持") is right and not
      reported.
    - "的" between a verb and its complement ("做的很好。", "落实的不够到位。"):
      a complement takes 得.
    - "国务院令711号": a State Council decree is numbered 第…号 ("中华人民共和国
      国务院令 第711号", as the 条例 was promulgated).
    - "自此之前 / 自此以前": 自此 means 从此 (from then on), so the phrase says
      the opposite of what is meant; 在此之前.
    - a 顿号 between book titles or quotations in a row ("《条例》、《规定》",
      "“双随机”、“一公开”"): GB/T 15834—2011 4.5.3.5, 标有书名号或引号的并列
      成分之间通常不用顿号.
    Only the report's prose is checked (not tables, book titles or the
    metadata block).

    Why it matters: these are the slips a 公文 proofreader corrects first;
    "截止2024年12月31日" also reads as "stopped on 31 December".

    Example: real text, corpus 000: "截止2024年12月31日,主动公开各类政府信息61条"
    (截至) and "坚定不移的做好政府信息公开工作" (坚定不移地做好); corpus 003:
    "自此之前的年份中" (在此之前).

    How to fix: use the wording in the message. The fix (unsafe: wording
    is the author's to confirm) makes that change.
    """
    text = report.text
    for kind, start, end in _findings(report):
        found = text[start:end]
        context = _quote(text, start, end)
        if kind == "deadline":
            # The quote ends with the clause: "截止目前", not "截止目前，其它事项".
            quote = _CLAUSE_END.split(_quote(text, start, end, 0, 11), 1)[0]
            message = f"“{quote}”：表示截到某一时间为止应写“截至”（“截止”指到期停止，用在时间之后，或写作“截止到”）"
            fix = Fix("改为“截至”", (Edit(Span(start, end), "截至"),), safe=False)
        elif kind == "other":
            message = "“其它”：公文统一写作“其他”"
            fix = Fix("改为“其他”", (Edit(Span(start, end), "其他"),), safe=False)
        elif kind == "adverbial":
            message = f"“{context}”：状语后应用“地”，不用“的”"
            fix = Fix("改为“地”", (Edit(Span(start, end), "地"),), safe=False)
        elif kind == "complement":
            message = f"“{context}”：补语前应用“得”，不用“的”"
            fix = Fix("改为“得”", (Edit(Span(start, end), "得"),), safe=False)
        elif kind == "decree":
            number = re.match(r"\s*[0-9０-９]+", text[end:]).group().strip()
            message = f"“国务院令{number}号”：令号应写作“国务院令第{number}号”"
            fix = Fix("加“第”", (Edit(Span(end, end), "第"),), safe=False)
        elif kind == "since":
            message = "“自此之前”：“自此”意为从此，与“之前”矛盾，应为“在此之前”" if text[end:end + 2] == "之前" \
                else "“自此以前”：“自此”意为从此，与“以前”矛盾，应为“在此以前”"
            fix = Fix("改为“在此”", (Edit(Span(start, end), "在此"),), safe=False)
        else:
            pair = "书名号" if text[start - 1] == "》" else "引号"
            message = f"“{text[start - 1:end + 1]}”：并列的{pair}之间通常不用顿号（GB/T 15834—2011），请删去“、”"
            fix = Fix("删去顿号", (Edit(Span(start, end), ""),), safe=False)
        yield Finding(Span(start, end), message, fix, key=f"{kind}:{found}")
