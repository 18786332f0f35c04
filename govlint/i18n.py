"""The language govlint speaks to people: Chinese (zh) or English (en).

Chosen once per process, in this order: `--lang zh|en` on the command line
(cli.py takes it out of the arguments before anything is parsed, so it
works in any position and translates --help too), the environment variable
GOVLINT_LANG, then the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the
user's UI language on Windows): Chinese when it names zh, else English.

Texts stay next to each other where they are used: `t(english, chinese)`.
Rule documentation keeps both texts with the rule (rule.py: the
docstring and `zh=`). Codes, rule names, flags and configuration keys are
never translated. Diagnostic messages are Chinese in both languages: they
quote the report's Chinese text to the person who wrote it.

click's own words (Usage, Options, "No such option", …) are translated by
install_click(), which gives click's modules a gettext that asks lang().
"""
from __future__ import annotations

import os
import re
import sys

LANGS = ("zh", "en")
ENV = "GOVLINT_LANG"

_current: str | None = None


def normalise(value: str | None) -> str | None:
    """'zh', 'zh_CN.UTF-8', 'zh-Hans', 'Chinese (Simplified)_China' → 'zh';
    'en', 'en_US', 'C', 'POSIX' → 'en'; anything else → None."""
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith(("zh", "chinese")):
        return "zh"
    if value.startswith(("en", "english")) or value in ("c", "posix") or value.startswith(("c.", "posix.")):
        return "en"
    return None


def _windows_ui() -> str | None:
    try:
        import ctypes

        ui = ctypes.windll.kernel32.GetUserDefaultUILanguage()   # type: ignore[attr-defined]
    except Exception:
        return None
    return "zh" if ui & 0x3FF == 0x04 else "en"       # LANG_CHINESE is primary language 0x04


def detect(environ=None) -> str:
    """The language from GOVLINT_LANG, else the locale; English when
    nothing says Chinese."""
    environ = os.environ if environ is None else environ
    chosen = normalise(environ.get(ENV))
    if chosen:
        return chosen
    language = (environ.get("LANGUAGE") or "").split(":")[0]
    for value in (language, environ.get("LC_ALL"), environ.get("LC_MESSAGES"), environ.get("LANG")):
        if value:
            return normalise(value) or "en"
    if sys.platform == "win32":
        return _windows_ui() or "en"
    return "en"


def invalid_env(environ=None) -> str | None:
    """GOVLINT_LANG's value when it is set to something that is no language."""
    environ = os.environ if environ is None else environ
    value = environ.get(ENV)
    return value if value and value.strip() and normalise(value) is None else None


def lang() -> str:
    global _current
    if _current is None:
        _current = detect()
    return _current


def set_lang(value: str | None) -> None:
    """Set the language ('zh' or 'en'); None: detect it again."""
    global _current
    _current = normalise(value) if value else None


def t(en: str, zh: str) -> str:
    """The text in the current language."""
    return zh if lang() == "zh" else en


def error(message: str) -> str:
    """A one-line error as govlint prints it on stderr."""
    return t(f"govlint: error: {message}", f"govlint: 错误：{message}")


def warning(message: str) -> str:
    return t(f"govlint: warning: {message}", f"govlint: 警告：{message}")


# ---------------------------------------------------------------------------
# click's own words

CLICK_ZH = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "子命令",
    "Arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Error": "错误",
    "Try {command!r} for help.": "运行 {command!r} 查看帮助。",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "No such option: {name}": "没有这个选项：{name}",
    "No such option {name!r}.": "没有这个选项 {name!r}。",
    "Error: {message}": "错误：{message}",
    "(Did you mean one of: {possibilities}?)": "（是否想用其中之一：{possibilities}？）",
    "Missing command.": "缺少子命令。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Positional arguments": "位置参数",
    "default: {default}": "默认：{default}",
    "Show the version and exit.": "显示版本并退出。",
    "No such command {name!r}.": "没有这个子命令 {name!r}。",
    "No such command '{name}'.": "没有这个子命令 '{name}'。",
    "Did you mean {possibility}?": "是否想用 {possibility}？",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing {param_type} {param_hint}.": "缺少{param_type} {param_hint}。",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Invalid value: {message}": "无效的值：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option '{name}' requires an argument.": "选项 '{name}' 需要一个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Option '{name}' does not take a value.": "选项 '{name}' 不带值。",
    "Got unexpected extra argument ({args})": "多出一个参数（{args}）",
    "Got unexpected extra arguments ({args})": "多出几个参数（{args}）",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是 {choices} 之一。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "float": "小数",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{value} is not {range}.": "{value} 不满足 {range}。",
    "default": "默认",
    "required": "必需",
    "env var: {var}": "环境变量：{var}",
    "(Deprecated)": "（已弃用）",
    "Aborted!": "已中止！",
    "{prog}, version {version}": "{prog}，版本 {version}",
}

# click ≥ 8.2 also has plural messages through ngettext
CLICK_ZH_PLURAL = {
    "Got unexpected extra argument ({args})": "多出参数（{args}）",
    "Option {name!r} requires {nargs} values.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option '{name}' requires {nargs} values.": "选项 '{name}' 需要 {nargs} 个值。",
}


def _gettext(message: str) -> str:
    if lang() == "zh":
        return CLICK_ZH.get(message, message)
    return message


def _ngettext(singular: str, plural: str, n: int) -> str:
    if lang() == "zh":
        return CLICK_ZH_PLURAL.get(singular) or CLICK_ZH.get(singular if n == 1 else plural) or \
            (singular if n == 1 else plural)
    return singular if n == 1 else plural


# ---------------------------------------------------------------------------
# Wrapping Chinese help text: click measures characters and breaks at
# spaces; Chinese has no spaces and each character takes two cells.

# (A pattern source: re compiles it when help is first wrapped, not at import.)
_WIDE_RUN = (r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
             r"\uffe0-\uffe6\U00020000-\U0003fffd]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3"
             r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]+")
_NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)")


def cells(text: str) -> int:
    """Terminal cells: East Asian wide and full-width characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else (0 if unicodedata.combining(ch) else 1)
               for ch in text)


def _join(lines: list[str]) -> str:
    text = " ".join(line.strip() for line in lines)
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)


def fill_cells(text: str, width: int, first: str = "", rest: str = "") -> str:
    """Greedy line filling by terminal cells, breaking between Chinese
    characters or at spaces, never before closing punctuation."""
    lines: list[str] = []
    tokens: list[str] = []          # the current line's tokens after its indent
    indent = first

    def width_of(items) -> int:
        return cells(indent) + sum(cells(item) for item in items)

    space = False
    for token in re.findall(_WIDE_RUN, text):
        if token.isspace():
            space = True
            continue
        piece = [" "] if space and tokens else []
        if tokens and width_of(tokens + piece + [token]) > width:
            carried = []
            if token[0] in _NO_LINE_START:       # a closing mark takes the character before it along
                while tokens and (len(carried) < 1 or carried[0][0] in _NO_LINE_START) and len(tokens) > 1:
                    carried.insert(0, tokens.pop())
            lines.append((indent + "".join(tokens)).rstrip())
            indent, tokens, piece = rest, [t for t in carried if t != " "], []
        tokens.extend(piece + [token])
        space = False
    lines.append((indent + "".join(tokens)).rstrip())
    return "\n".join(lines)


def _wrap_text(text, width=78, initial_indent="", subsequent_indent="", preserve_paragraphs=False):
    if lang() != "zh":
        return _click_wrap(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    text = text.expandtabs()
    if not preserve_paragraphs:
        return fill_cells(_join(text.splitlines()), width, initial_indent, subsequent_indent)
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    out = []
    for block in blocks:
        if not block:
            continue
        indent = " " * (len(block[0]) - len(block[0].lstrip()))
        if block[0].strip() == "\b":
            out.append("\n".join(subsequent_indent + indent + line.strip() for line in block[1:]))
        else:
            out.append(fill_cells(_join(block), width, initial_indent + indent, subsequent_indent + indent))
    return "\n\n".join(out)


_click_wrap = None
_INSTALLED = False


def install_click() -> None:
    """Let click's modules translate their words (once; harmless in English)."""
    global _INSTALLED
    if _INSTALLED:
        return
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext
    global _click_wrap
    import click.formatting

    _click_wrap = click.formatting.wrap_text
    click.formatting.wrap_text = _wrap_text
    _INSTALLED = True
