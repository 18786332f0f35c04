"""L001 typo."""
from __future__ import annotations

import re

from govlint.model.document import Span
from govlint.model.language import BREAK, is_han, lazy_re, lexicon, prose
from govlint.rule import Edit, Finding, Fix, Option, rule

# Punctuation that ends a clause or a list item.
DELIMITERS = "，。；、：！？,;:!?" + BREAK
_CLAUSES = lazy_re("[" + re.escape(DELIMITERS) + "]")
# What ends an enumeration (its items are separated by 、).
_LIST_ENDS = "，。；：！？,;:!?" + BREAK
_ENDS_CLASS = "[" + re.escape(_LIST_ENDS) + "]"
_LAST_END = lazy_re("(?:.*" + _ENDS_CLASS + ")?", re.S)      # up to the last end in the window
_NEXT_END = lazy_re(_ENDS_CLASS)
_DOUBLED = lazy_re(r"(..)\1")          # any two characters: "." is the cheapest test
_SENTENCE_END = lazy_re("[。！？!?\x00]")
# A year's number and 度, no 年 between (2022度), where a clause starts (a
# title, after punctuation or 在/于), then a word or text left out: not a
# measure (用电2023度, 温度达到2000度以上).
# The pattern starts with 度, a literal the engine skips to at C speed (a
# class of digits first was tested at every character); the year is read
# behind it (group 1); what stands before the year is tested on each match.
_YEAR_DU = lazy_re("度(?<=((?:19|20|１９|２０)[0-9０-９]{2})度)(?=[\x00\u4e00-\u9fff])(?!电)")
_CLAUSE_STARTS = frozenset("\x00，。；：、！？,;:!?（(在于")
# Conjunctions before the last item of a list (准确性、权威性、完整性和时效性).
_LAST_ITEM = lazy_re("(?:以及|和|及|与|或)")
# Characters a name ends with (place, agency, road): a string just before
# one is taken for part of a name, and names are not checked.
NAME_ENDS = set("市县区镇乡村省州路街道局委办院所站队厅处科室社馆园湖山河江")
# Item endings that are not the item's word (…等, …的).
_TRAILING = "等的"
KINDS = {
    "misspelling": "常见错别字",
    "look-alike": "形近字误用",
    "moved": "字序错乱",
    "doubled": "词语重复",
    "homophone": "同音字误用",
    "truncated": "漏字",
    "year": "漏字",
    "unclosed": "引号不成对",
}


class Typo:
    __slots__ = ("start", "end", "wrong", "right", "kind")

    def __init__(self, start: int, end: int, wrong: str, right: str, kind: str):
        self.start, self.end, self.wrong, self.right, self.kind = start, end, wrong, right, kind


def _literals(text: str, lexicon_):
    """Known misspellings and a core word with a character moved."""
    for pattern in (lexicon_.misspelling_pattern, lexicon_.moved_pattern):
        for match in pattern.finditer(text):
            wrong = match.group()
            entry = lexicon_.misspellings[wrong]
            yield Typo(match.start(), match.end(), wrong, entry.right, entry.kind)


def _doubled(text: str, lexicon_):
    for match in _DOUBLED.finditer(text):
        unit = match.group(1)
        if unit[0] == "一" or unit in lexicon_.reduplicated or not all(map(is_han, unit)):
            continue
        if unit in lexicon_.doubled or lexicon_.is_two(unit):
            yield Typo(match.start(), match.end(), match.group(), unit, "doubled")


def _truncated(text: str, lexicon_):
    """A genre word that lost its last character before a full stop or a
    semicolon (受理渠。 for 受理渠道。)."""
    heads = lexicon_.truncated_tails
    ends = {part[-2:] for mark in "。；" if mark in text for part in text.split(mark)[:-1]} & heads
    for tail in ends:
        for mark in "。；":
            end = text.find(tail + mark)
            while end >= 0:
                end += 2
                for size in range(7, 2, -1):
                    head = text[max(0, end - size):end]
                    word = lexicon_.truncated.get(head)
                    if word:
                        yield Typo(end - size, end, head, word, "truncated")
                        break
                end = text.find(tail + mark, end)


def _lists(text: str, lexicon_):
    """An item of an enumeration whose last character sounds like the
    ending the other items share but is another character: 准确信、权威性、
    完整行和时效性 for 准确性 … 完整性."""
    for match in lexicon_.parallel_pattern.finditer(text):
        at = match.start()
        # Only an item of an enumeration: before 、 / 和, or after a 、 close by.
        if text[at + 1] not in "、和及与的等" and "、" not in text[max(0, at - 12):at]:
            continue
        # The clause around it (an enumeration's items are short).
        window = max(0, at - 80)
        begin = _LAST_END.match(text, window, at).end()
        end = _NEXT_END.search(text, at, at + 80)
        end = end.start() if end else min(len(text), at + 80)
        region = text[begin:end]
        if "、" not in region:
            continue
        items = region.split("、")
        last = _LAST_ITEM.split(items[-1], maxsplit=1)
        if len(last) == 2 and len(last[0]) >= 2 and len(last[1]) >= 2:
            items[-1:] = last
        words = [item.rstrip(_TRAILING) if len(item) > 3 else item for item in items]
        finals = [word[-1] for word in words if len(word) >= 3]
        final = text[at]
        shared = max(set(finals), key=finals.count)
        if len(finals) < 3 or finals.count(shared) < 2 or shared == final \
                or not lexicon_.same_sound(final, shared):
            continue
        for size in (3, 4):
            right = text[at - size + 1:at] + shared
            wrong = text[at - size + 1:at + 1]
            if len(wrong) < size or not all(map(is_han, wrong)):
                break
            if lexicon_.is_word(right, long=True) and not lexicon_.is_word(wrong, long=True):
                yield Typo(at - size + 1, at + 1, wrong, right, "homophone")
                break


def _substitutions(text: str, lexicon_):
    """A term of the genre (four characters or more) with one character
    replaced by another that sounds or looks like it, where the string is
    no word: 工作留程 for 工作流程, 行政复义 for 行政复议, 依申清公开 for
    依申请公开 (the same sound); 申请人己经 for 申请人已经 (the same shape).

    One pass of the lexicon's automaton over the prose's UTF-8 bytes (in C)
    yields the places where a replaced character stands with its
    neighbours in the term (Lexicon.substitutions); the rest of the term is
    compared there. A replaced character that makes a dictionary word with
    its neighbour in the term (其它需要报告事项 holds 其它) is a real word that
    sounds like another, not a slip, and is left alone."""
    automaton, entries = lexicon_.substitutions
    data = text.encode("utf-8", "surrogatepass").decode("latin-1")
    best: dict[int, Typo] = {}
    # A byte offset and the character offset it stands for, moved forward
    # from one finding to the next (the automaton yields them in order), so
    # that a long text is decoded once, not once per finding.
    byte, char = 0, 0
    for last, index in automaton.iter(data):
        after = last + 1
        for size, head, tail, term, at in entries[index]:
            begin = after - size - len(head)
            if begin < 0 or not data.startswith(tail, after) or not data.startswith(head, begin):
                continue
            if begin < byte:        # a longer term's variant that starts earlier
                byte, char = 0, 0
            char += len(data[byte:begin].encode("latin-1").decode("utf-8", "surrogatepass"))
            byte, start = begin, char
            end = start + len(term)
            i = start + at
            if at and lexicon_.is_two(text[i - 1:i + 1]) or i + 1 < end and lexicon_.is_two(text[i:i + 2]):
                continue
            # One finding per wrong character: the shortest term that
            # explains it, the first of those.
            typo = best.get(i)
            if typo is None or (len(term), start) < (len(typo.right), typo.start):
                kind = "homophone" if lexicon_.same_sound(text[i], term[at]) else "look-alike"
                best[i] = Typo(start, end, text[start:end], term, kind)
    yield from best.values()


def _year_without_nian(text: str, lexicon_):
    """A year followed by 度 without 年 (2022度珠晖区…工作年度报告 for
    2022年度): 度 after a year's number at the start of a clause is 年度
    cut. Not a measure (用电2023度, 温度达到2000度以上, 2023度电)."""
    if "度" not in text:
        return
    for match in _YEAR_DU.finditer(text):
        start = match.start(1)
        if start and text[start - 1] not in _CLAUSE_STARTS:
            continue
        yield Typo(start, match.end(), text[start:match.end()], match.group(1) + "年度", "year")


def _unclosed(text: str, lexicon_):
    """An opening quotation mark whose closing one is missing: another “
    opens first, or the sentence ends and none follows close by
    (“公开为常态,不公开为例外原则紧紧围绕中心工作,…。)."""
    if "“" not in text:
        return
    at = text.find("“")
    while at >= 0:
        close = text.find("”", at + 1)
        again = text.find("“", at + 1)
        stop = _SENTENCE_END.search(text, at + 1)
        stop = stop.start() if stop else len(text)
        if close < 0 or (0 <= again < close) or (stop < close and close - at > 60):
            yield Typo(at, at + 1, text[at:min(stop, at + 13)], "", "unclosed")
        at = again


def _plausible(text: str, typo: Typo, lexicon_, ignored) -> bool:
    """Leave alone a suspect string whose edge characters belong to the
    words next to it (公布署名 holds 布署), or that ends a name."""
    if typo.wrong in ignored:
        return False
    if typo.kind == "unclosed":
        return True
    before = text[typo.start - 1:typo.start] if typo.start else ""
    after = text[typo.end:typo.end + 1]
    if typo.kind != "doubled":
        # The neighbour counts as taking the edge character only when it is
        # not itself the end of a word before it (安排布署: 排 belongs to 安排,
        # so 排布 does not explain 布署) — likewise after.
        if before and lexicon_.is_two(before + typo.wrong[0]) \
                and not lexicon_.is_two(text[typo.start - 2:typo.start]):
            return False
        if after and lexicon_.is_two(typo.wrong[-1] + after) \
                and not lexicon_.is_two(text[typo.end:typo.end + 2]):
            return False
    if after in NAME_ENDS and typo.kind in ("homophone", "moved", "truncated"):
        return False
    return True


def typos(report, options) -> list[Typo]:
    stream = prose(report)
    text = stream.text
    if len(text) < 3:
        return []
    lexicon_ = lexicon()
    ignored = set(options.get("ignore", ()))
    found = {}
    for source in (_literals, _doubled, _truncated, _year_without_nian, _lists, _substitutions, _unclosed):
        for typo in source(text, lexicon_):
            key = (typo.start, typo.end)
            if key not in found and _plausible(text, typo, lexicon_, ignored):
                found[key] = typo
    return sorted(found.values(), key=lambda t: t.start)


def _message(typo: Typo) -> str:
    kind = KINDS[typo.kind]
    if typo.kind == "unclosed":
        return f"{kind}：前引号后的“{typo.wrong[1:]}…”没有后引号，请补上"
    if typo.kind == "doubled":
        return f"疑似{kind}“{typo.wrong}”：应为“{typo.right}”，请删去重复的“{typo.right}”"
    if typo.kind == "truncated":
        return f"疑似{kind}“{typo.wrong}”：应为“{typo.right}”"
    return f"疑似{kind}“{typo.wrong}”：应为“{typo.right}”"


TYPO_OPTIONS = (
    Option("ignore", list, [], "words that are right in your reports: never reported as typos",
           "本单位报告中正确的词：不作为错字报告"),
)


@rule("L001", "typo", "warning", needs=(), zh=r"""
    错字：常见误写、同音字、字序颠倒。

    检查内容：报告的正文（不含表格、书名号内的文件名、机关名称和元数据块）中，与本类报告的某个
    词只差一步、本身又不成词的字串：固定词语和成语的常见误写（再接再励 / 再接再厉，一如继往 /
    一如既往，迫不急待 / 迫不及待，布署 / 部署，己经 / 已经，约一百条，见
    govlint/data/language/misspellings.tsv）；本类报告核心词中一个字错位（政信息务 / 政务信息）；
    词语重复（年度报告报告如下）；句号或分号前丢了最后一个字的常用词（受理渠。/ 受理渠道。）；
    只有前引号没有后引号（另一个“先出现，或句子结束而附近没有后引号：“公开为常态,不公开为例外
    原则紧紧围绕…；不提供修复，后引号的位置由作者决定）；年份后缺“年”的“度”（2022度…工作年度报告 / 2022年度；用电、温度等度数不算）；并列成分中，某一项的末字与其他各
    项共同的词尾（性、化、权或率）同音而不同字（准确信、权威性、完整行和时效性：并列的“…性”
    支持准确性和完整性；读音来自 pypinyin，见数据目录的 README）；以及正文任何位置上，本类报告
    四字及以上的术语中一个字换成同音或形近的常用字、换后又不成词的字串（同音：工作留程 / 工作流程，
    行政复义 / 行政复议，依申清公开 / 依申请公开；形近：政府倍息 / 政府信息，午度报告 / 年度报告，形近字
    见数据目录的 lookalikes.txt；换上的字与术语中相邻的字组成词时不算，如“其它需要报告事项”中的其它、
    “政务公升”中的公升）。字串的首字或末字与相邻的字
    组成词（公布署名、准确信息）、字串紧接在名称词尾（…市、…局、…路）之前，或列在规则的 `ignore`
    选项中时，不报告。被换行或空格分开的词（PDF 的折行）按整词读。

    不检查：并列之外、三字及以下的词中的同音字（提升政府中的“升政府”与省政府同音：这样短的字串误报太多），
    不在 lookalikes.txt 中的形近字，以及组成另一个真实词语的同音词（权利 / 权力，制定 / 制订——两者都对，
    其中 / 期中——要看上下文），人名、地名和机构名。规则只找仅凭文字就能判断的笔误，几乎不误报；它不能
    代替校对。

    为何重要：发布的政府文件中有错字，网站检查会计为差错，也让报告显得未经核对。

    示例：真实文本，语料 002：“确保公开信息的准确信、权威性、完整行和时效性”——准确信应为准确性，
    完整行应为完整性；语料 004：“将政信息务公开工作纳入月度重点工作”——政务信息。

    修改方法：改正错字。不安全修复会把字串换成提示中的词；应用前请核对。本单位报告中正确的词可
    加入 `[tool.govlint.rules.typo] ignore = ["…"]`。
    """, fix="unsafe", options=TYPO_OPTIONS)
def check(report, options):
    """A wrong character: a known misspelling, a homophone, a character out of place.

    What it checks: the report's prose (not its tables, quoted document
    titles 《…》, the agency's name or the metadata block) for strings one
    step from a word of this genre that are not words themselves:
    known misspellings of fixed words and idioms (再接再励 / 再接再厉,
    一如继往 / 一如既往, 迫不急待 / 迫不及待, 布署 / 部署, 己经 / 已经, about a
    hundred, in govlint/data/language/misspellings.tsv); a core word of
    the genre with one character moved (政信息务 / 政务信息); a word written
    twice (年度报告报告如下); a genre word that lost its last character
    before a full stop or semicolon (受理渠。 / 受理渠道。); an opening quotation
    mark without its closing one (another “ opens first, or the sentence
    ends and none follows close by: “公开为常态,不公开为例外原则紧紧围绕…;
    no fix, the place of ” is the writer's); a year followed by 度 without 年
    (2022度…工作年度报告 / 2022年度; not a measure such as 用电2023度 or a
    temperature); in an enumeration, an
    item whose last character sounds like the ending the other items share
    (性, 化, 权 or 率) but is another character (准确信、权威性、完整行和时效性: the parallel
    …性 words support 准确性 and 完整性; sound from pypinyin, see the data's
    README); and, anywhere in the prose, a term of the genre of four
    characters or more with one character replaced by a common character
    that sounds or looks like it, where the string is no word (the same
    sound: 工作留程 / 工作流程, 行政复义 / 行政复议, 依申清公开 / 依申请公开; the
    same shape, from the data's lookalikes.txt: 政府倍息 / 政府信息, 午度报告 /
    年度报告; not where the replaced character makes a word with its
    neighbour in the term, as 其它 in 其它需要报告事项 or 公升 in 政务公升). A suspect string is left alone when its first or last
    character forms a word with the character next to it (公布署名, 准确信息),
    when it stands just before a name ending (…市, …局, …路), and when it is
    listed in the rule's `ignore` option. A word split by a line break or a
    space (a PDF's wrapped lines) is read whole.

    Not checked: outside enumerations, homophones in words of three
    characters or fewer (提升政府 holds 升政府, which sounds like 省政府:
    strings that short give too many false alarms); look-alike characters
    not in lookalikes.txt; homophones that form other real
    words (权利 / 权力, 制定 / 制订 — both right, 其中 / 期中 — read in
    context); names of people, places and organisations. The rule finds
    the slips that can be told from the text alone, with almost no false
    alarms; it does not replace a proofreader.

    Why it matters: a wrong character in a published government document
    is an error that website inspections count, and it makes the report
    look unchecked.

    Example: real text, corpus 002: "确保公开信息的准确信、权威性、完整行和
    时效性" — 准确信 should be 准确性 and 完整行 should be 完整性; corpus 004:
    "将政信息务公开工作纳入月度重点工作" — 政务信息.

    How to fix: correct the characters. The unsafe fix replaces the
    string with the word named in the message; check it before applying.
    Add words that are right in your reports to
    `[tool.govlint.rules.typo] ignore = ["…"]`.
    """
    stream = prose(report)
    for typo in typos(report, options):
        start, end = stream.span(typo.start, typo.end)
        fix = Fix(f"改为“{typo.right}”", (Edit(Span(start, end), typo.right),), safe=False) if typo.right else None
        yield Finding(Span(start, end), _message(typo), fix, key=typo.wrong)
