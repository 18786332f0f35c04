"""A005 placeholder."""
from __future__ import annotations

import re

from govlint.model.document import Span
from govlint.patterns import compile_re, lazy
from govlint.rule import Finding, rule

# XX / ＸＸ / ×× / xx standing in for a year, a name or a number. Letters
# must not continue a Latin word or a model number ("XX-1", "XXL").
_XL = r"[XxＸｘ]"
_X = (r"(?P<x>(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９_])"
      r"(?:(?:19|20|１９|２０)?" + _XL + r"{2,4}[-/.年]" + _XL + r"{1,2}[-/.月]" + _XL + r"{1,2}日?"
      r"|(?:19|20|１９|２０)?" + _XL + r"{2,4}年" + _XL + r"{1,2}月(?:" + _XL + r"{1,2}日)?"
      r"|(?:(?:19|20|１９|２０)(?=" + _XL + r"{2}(?![A-Za-zＡ-Ｚａ-ｚ])))?" + _XL + r"{2,6})"
      r"(?![A-Za-zＡ-Ｚａ-ｚ0-9０-９_]|[-－][0-9０-９])"
      r"|(?<![0-9０-９])(?:(?:19|20|１９|２０)(?=××))?×{2,6}(?:年×{1,2}月(?:×{1,2}日)?)?(?![0-9０-９]))")
# Runs of underscores used as blanks to fill in; "___Toc…" inside a
# bookmark name is not a blank.
_BLANK = (r"(?P<blank>(?<![A-Za-z_＿])_{3,}(?![A-Za-z_＿])|＿{2,}|(?<=(?:19|20))_{2}(?=年)"
          r"|(?<![A-Za-z_＿])[_＿]{2,}(?=[年月日号件条个人次项]))")
_LABELS = (r"单位名称|机关名称|机构名称|部门名称|单位全称|机关全称|行政机关名称|本单位名称|本机关名称"
           r"|报告单位名称|填报单位名称|地区名称|县区名称|乡镇名称|具体年份|具体数字|具体数据|具体日期"
           r"|具体内容|具体事项|填写内容")
_PROMPT = (
    r"(?P<prompt>[【\[［(（〔<＜][ \t]{0,2}(?:请(?:在此处?)?(?:填写|输入|填入|补充|录入)|此处填写|在此填写|填写)"
    r"[^】\]］)）〕>＞\n]{0,30}[】\]］)）〕>＞]"
    r"|[【\[［(（〔<＜][ \t]{0,2}(?:" + _LABELS + r")[ \t]{0,2}[】\]］)）〕>＞]"
    r"|此处填写|在此处?填写|请在此处?(?:输入|填写))"
)
PATTERN = lazy("|".join((_PROMPT, _X, _BLANK)))
# Every placeholder, blank and prompt above holds one of these; lines
# without any are not read. A line with one of the words must also pass
# PRECISE (the label words inside a bracket, 填写 and the like) before the
# full pattern runs. Every alternative opens with a literal character, so
# re skips to the characters that can start one (a character class first
# in the alternation made it try every alternative at every character: a
# run-together report is one long line).
TRIGGERS = ("X", "x", "Ｘ", "ｘ", "×", "_", "＿", "填写", "输入", "填入", "补充", "录入", "名称", "全称", "具体")
PRECISE = compile_re("|".join(["X", "x", "Ｘ", "ｘ", "×", "_", "＿", "填写", "请在此", "请输入"]
                              + [re.escape(bracket) + "[ \t]{0,2}(?:请|此处|在此|" + _LABELS + ")"
                                 for bracket in "【[［(（〔<＜"]))
# "请填写…" / "请输入…" at the start of a short line is a prompt too.
PROMPT_LINE = lazy(r"^[ \t　]{0,4}(?:请填写|请输入)[^\n。]{0,30}$")
ONLY_RULE = lazy(r"[\s_＿\-—=]*")
# "王××" / "李XX同志" masks a person's name on purpose: a surname before the
# run, and no unit, date or count word after it.
SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
               "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
               "万钱严覃武戴莫孔向汤")
UNIT_AFTER = set("省市县区州盟旗镇乡村街社局委办厅处科室所站院校队中心部门公司单位年月日号件条项个次人份元")


def _cjk_context(text: str, start: int, end: int) -> bool:
    """A CJK character or CJK punctuation right before or after the span
    (one space allowed in between)."""
    def cjk(ch: str) -> bool:
        code = ord(ch)
        return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F
                or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF0F or 0xFF1A <= code <= 0xFF20)
    for position in (start - 1, start - 2):
        if position >= 0 and text[position] != "\n":
            if cjk(text[position]):
                return True
            if text[position] not in " \t":
                break
    for position in (end, end + 1):
        if position < len(text) and text[position] != "\n":
            if cjk(text[position]):
                return True
            if text[position] not in " \t":
                break
    return False


def _masked_name(text: str, start: int, end: int) -> bool:
    """A surname right before the run and no unit or count word after it."""
    return (start > 0 and text[start - 1] in SURNAMES
            and (end >= len(text) or text[end] not in UNIT_AFTER))


def _trigger_lines(document, start: int) -> list[int]:
    """The indexes of the lines holding one of TRIGGERS at or after start,
    in order. Found with str.find, one word at a time: a pattern of the
    words (a character class first) tested each character of the text
    against that class, 800 K instructions per report where the words are
    found in a tenth of that."""
    text, line_of = document.text, document.line_of
    lines = set()
    for word in TRIGGERS:
        at = text.find(word, start)
        while at >= 0:
            lines.add(line_of(at) - 1)
            at = text.find(word, at + 1)
    return sorted(lines)


@rule("A005", "placeholder", "error", needs=(), zh=r"""
    模板中的占位符没有填写（20XX年、XX局、____、【请填写…】）。

    检查内容：起草人从模板中照抄、忘记替换的占位内容：中文里的 XX / ＸＸ / ×× / xx
    （“20XX年”“XX局”“××县”“共XX件”）；作为空白的一串下划线（“____年”“＿＿件”）；方括号或
    圆括号里的提示语和字段名（“【请填写…】”“（单位名称）”“（机关名称）”“【单位名称】”）；
    “此处填写”“请输入”。真实词语中的字母 X 不是占位符（X光、X射线、英文单词、“XX-1”之类
    的型号）：占位符必须紧挨着中文。有意隐去的姓名（“申请人王××”）也不是占位符。文号
    （“国办公开办函【2021】30号”“〔2021〕”）和只有一条下划线的分隔行不是占位符。

    为何重要：写着“20XX年”或“XX局”的报告没有说明是哪一年、哪个机关；读者无法知道真实
    的数字或名称是什么，报告也显得未经编辑。

    示例：“XX局2023年共主动公开政府信息XX条，其中____条为政策文件。”

    修改方法：把占位符换成真实的名称、年份或数字（没有的写 0）；删除“【请填写】”之类的
    提示语。
    """)
def check(report, options):
    """Template placeholders that were never filled in (20XX年, XX局, ____, 【请填写…】).

    What it checks: stand-ins a drafter copies from a template and forgets
    to replace: XX / ＸＸ / ×× / xx in Chinese text ("20XX年", "XX局",
    "××县", "共XX件"); runs of underscores used as blanks ("____年",
    "＿＿件"); bracketed prompts and field names ("【请填写…】",
    "（单位名称）", "（机关名称）", "【单位名称】"); "此处填写", "请输入".
    The letter X in real words is not a placeholder (X光, X射线, English
    words, model numbers such as "XX-1"): a placeholder needs Chinese text
    right next to it. A name masked on purpose ("申请人王××") is not a
    placeholder either. Document numbers ("国办公开办函【2021】30号",
    "〔2021〕") and lines that are only a rule of underscores are not
    placeholders.

    Why it matters: a published report with "20XX年" or "XX局" does not say
    which year or agency it is about; the reader cannot tell what the real
    figure or name was, and the report looks unedited.

    Example: "XX局2023年共主动公开政府信息XX条，其中____条为政策文件。"

    How to fix: replace the placeholder with the real name, year or number
    (0 if there is none); delete prompts such as "【请填写】".
    """
    text = report.text
    document = report.document
    skip_end = report.metadata_span.end if report.metadata_span else 0
    for index in _trigger_lines(document, skip_end):
        line = document.lines[index]
        base = document.line_starts[index]
        if not line or base + len(line) <= skip_end or not PRECISE.search(line) or ONLY_RULE.fullmatch(line):
            continue
        prompt = PROMPT_LINE.match(line)
        if prompt:
            found = line.strip()
            start = base + line.index(found)
            yield Finding(Span(start, start + len(found)), f"模板提示语“{found}”未删除：请填入实际内容")
            continue
        for match in PATTERN.finditer(line):
            start, end = base + match.start(), base + match.end()
            found = match.group()
            if match.lastgroup == "x":
                dated = any(ch in "年月日" for ch in found)
                if not dated and not _cjk_context(text, start, end):
                    continue
                if _masked_name(text, start, end):
                    continue
                message = f"模板占位符“{found}”未替换：请填入实际内容"
            elif match.lastgroup == "blank":
                message = f"空白填写处“{found}”未填写：请填入实际内容"
            else:
                message = f"模板占位符“{found}”未替换：请填入实际内容"
            yield Finding(Span(start, end), message)
