"""Rule documentation pages (docs/rules/CODE.md) and the links to them.

Each page is generated from the rule's two texts (rule.py: the docstring
and zh=; engine codes: engine.ENGINE_CODES) by `python -m govlint.output.rule_pages`,
and tests/test_rule_docs.py fails when a page differs from what that
would write. `govlint rule CODE` names the page; SARIF (`helpUri`) and the
language server (`codeDescription`) link to it.

The link is the page's repository path, docs/rules/CODE.md, under a base
URL: `docs-url` in the configuration or GOVLINT_DOCS_URL (for a copy of
the repository on an intranet Git server, e.g.
https://git.example.gov.cn/tools/govlint/blob/main/docs/rules/); without
one, the installation's own repository: the docs/rules folder of the
checkout govlint runs from or was installed from (a file: URI), or for an
install from a Git URL (`pip install git+https://HOST/OWNER/govlint@REV`)
that repository's page at the installed commit. When none of these is
known there is no link (SARIF and LSP need an absolute URI) and
`govlint rule` prints the repository path.
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from govlint.rule import toml_value

PAGES = "docs/rules"
ENV = "GOVLINT_DOCS_URL"
ROOT = Path(__file__).resolve().parents[2]

SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
PARTS = {
    "en": ("What it checks:", "Why it matters:", "Example:", "How to fix:"),
    "zh": ("检查内容：", "为何重要：", "示例：", "修改方法："),
}


def page_path(code: str) -> str:
    """The page's path in the repository: the link's default form."""
    return f"{PAGES}/{code}.md"


# ---------------------------------------------------------------------------
# Links

def is_absolute(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme) and (bool(parsed.netloc) or parsed.scheme == "file" or bool(parsed.path))


def _direct_url() -> dict | None:
    """pip's record of where the installed govlint came from (PEP 610)."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith("govlint-") and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry or ".", name, "direct_url.json"), encoding="utf-8") as handle:
                        return json.load(handle)
                except (OSError, ValueError):
                    return None
    return None


def _from_origin(origin: dict | None) -> str | None:
    if not isinstance(origin, dict) or not isinstance(origin.get("url"), str):
        return None
    url = origin["url"]
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and url.startswith(("https://", "http://")):
        repository = re.sub(r"\.git$", "", url.rstrip("/"))
        revision = vcs.get("commit_id") or vcs.get("requested_revision") or "HEAD"
        blob = "/-/blob/" if "gitlab" in urlparse(repository).netloc else "/blob/"
        return f"{repository}{blob}{revision}/{PAGES}/"
    if url.startswith("file:") and "dir_info" in origin:
        from urllib.request import url2pathname

        folder = Path(url2pathname(urlparse(url).path)) / PAGES
        if folder.is_dir():
            return folder.as_uri() + "/"
    return None


def default_base() -> str | None:
    """The base URL govlint's own installation gives (see the module doc)."""
    checkout = ROOT / PAGES
    if checkout.is_dir() and (ROOT / "pyproject.toml").is_file():
        return checkout.as_uri() + "/"
    return _from_origin(_direct_url())


def base_url(configured: str | None = None) -> str | None:
    """The base URL: the configuration's docs-url, else GOVLINT_DOCS_URL,
    else the installation's repository; None when there is none."""
    for value in (configured, os.environ.get(ENV)):
        if value and is_absolute(value):
            return value if value.endswith("/") else value + "/"
    return default_base()


def url_for(code: str, base: str | None) -> str | None:
    return f"{base}{code}.md" if base else None


def reference(code: str, base: str | None) -> str:
    """What `govlint rule` prints: the link, or the repository path."""
    return url_for(code, base) or page_path(code)


# ---------------------------------------------------------------------------
# Pages

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_SPECIAL = re.compile(r"([\\*_\[\]<>#|&~!])")


def escape(text: str) -> str:
    """Text as Markdown shows it literally (code spans kept as code)."""
    return "".join(part if part.startswith("`") and part.endswith("`") and len(part) > 1
                   else _SPECIAL.sub(r"\\\1", part) for part in _CODE_SPAN.split(text))


def _join(lines: list[str], lang: str) -> str:
    """The lines of a paragraph as one line: in Chinese text a line break
    next to a Chinese character or mark is no space."""
    out = ""
    for line in lines:
        if not line:
            continue
        if out and (lang != "zh" or _spaced(out[-1], line[0])):
            out += " "
        out += line
    return out


def _spaced(before: str, after: str) -> bool:
    """Chinese text keeps a space between a Latin word and a Chinese one
    ("Word 域代码"), none next to Chinese punctuation or between Chinese."""
    def mark(ch: str) -> bool:
        return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2018" <= ch <= "\u201f"

    if mark(before) or mark(after):
        return False
    return before <= "\x7f" or after <= "\x7f"


def markdown(doc: str, lang: str) -> str:
    """A documentation text as Markdown: the summary as a paragraph, each
    part's label in bold, paragraphs joined into one line each."""
    paragraphs = [_join([line.strip() for line in block.splitlines()], lang)
                  for block in re.split(r"\n\s*\n", doc.strip())]
    joiner = "" if lang == "zh" else " "
    out = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        label = next((p for p in PARTS[lang] if paragraph.startswith(p)), None)
        if label:
            out.append(f"**{label.rstrip(':：')}**{'：' if lang == 'zh' else ':'}{joiner}"
                       f"{escape(paragraph[len(label):].strip())}")
        else:
            out.append(escape(paragraph))
    return "\n\n".join(out) + "\n"


def where(origin: str) -> tuple[str, str] | None:
    """A built-in rule's code and tests, as repository paths: the rule
    module govlint/rules/NAME.py and its tests tests/rules/test_NAME.py."""
    if not origin.startswith("govlint.rules."):
        return None
    module = origin.rsplit(".", 1)[1]
    return f"govlint/rules/{module}.py", f"tests/rules/test_{module}.py"


def reads(needs) -> str:
    """The line naming what a rule reads: the report's structure and the
    parts of the model it declares (rule.py `needs=`, model/parts.py)."""
    from govlint.model.parts import PARTS

    if needs is None:
        return "读取 · Reads: 报告模型的全部内容 · every part of the report model\n\n"
    zh = "、".join(["文字和结构"] + [f"{PARTS[n].summary}（`{n}`）" for n in needs])
    en = ", ".join(["text and structure"] + [f"`{n}`" for n in needs])
    return f"读取 · Reads: {zh} · {en}\n\n"


# What a rule's fixes are (rule.py FIX_SAFETY), in each language.
FIX_WORDS = {
    "none": ("none (no automatic fix: edit the text by hand)", "无（没有自动修复，请手工修改）"),
    "safe": ("safe (`govlint --fix` applies the fix)", "安全（`govlint --fix` 会直接修改）"),
    "unsafe": ("unsafe (the fix may change what the text says: it is applied only with `--fix --unsafe-fixes`; "
               "review it first)",
               "不安全（修复可能改变原意，只有加 `--fix --unsafe-fixes` 时才应用；应用前请核对）"),
    "mixed": ("mixed (`govlint --fix` applies the safe fixes, `--fix --unsafe-fixes` the others; see How to fix)",
              "部分安全（安全的修复由 `govlint --fix` 直接修改，其余的需加 `--unsafe-fixes`；见修改方法）"),
}
LABELS = {"en": ("Fix safety", "Options", "none", "option", "type", "default", "meaning", "set in"),
          "zh": ("修复安全性", "选项", "无", "选项", "类型", "默认值", "说明", "在")}


def fix_safety(fix: str, lang: str) -> str:
    return FIX_WORDS[fix][0 if lang == "en" else 1]


def reads_line(needs, lang: str) -> str:
    """What a rule reads, one line for `govlint rule`."""
    from govlint.model.parts import PARTS

    if lang == "en":
        return "Reads: " + ("every part of the report model" if needs is None
                            else ", ".join(["text and structure"] + [f"`{n}`" for n in needs]))
    return "读取：" + ("报告模型的全部内容" if needs is None
                     else "、".join(["文字和结构"] + [f"{PARTS[n].summary}（{n}）" for n in needs]))


def options_lines(item, lang: str) -> list[str]:
    """A rule's options as plain text lines, for `govlint rule`: what it
    reads, the fix safety, then each option with its type and default."""
    label, options, none, *_ = LABELS[lang]
    colon = ": " if lang == "en" else "："
    out = [reads_line(item.needs, lang), f"{label}{colon}{fix_safety(item.fix, lang)}"]
    if not item.option_specs:
        return out + [f"{options}{colon}{none}"]
    where = f"[tool.govlint.rules.{item.name}]"
    out.append(f"{options} ({where}):" if lang == "en" else f"{options}（{where}）：")
    for spec in item.option_specs:
        doc = (spec.doc if lang == "en" else spec.zh) or spec.doc
        kind = f"({spec.expected(lang)})" if lang == "en" else f"（{spec.expected(lang)}）"
        out.append(f"  {spec.name} = {toml_value(spec.default)}  {kind}{' ' if lang == 'en' else ''}{doc}".rstrip())
    return out


def options_markdown(item, lang: str) -> str:
    """The fix safety and the options table of a rule page, generated from
    the rule's declarations."""
    label, options, none, option, kind, default, meaning, _ = LABELS[lang]
    colon = ":" if lang == "en" else "："
    space = " " if lang == "en" else ""
    out = f"**{label}**{colon}{space}{escape(fix_safety(item.fix, lang))}{'.' if lang == 'en' else '。'}\n\n"
    if not item.option_specs:
        return out + f"**{options}**{colon}{space}{none}{'.' if lang == 'en' else '。'}\n"
    where = f"`[tool.govlint.rules.{item.name}]`"
    out += (f"**{options}** (set in {where}):\n\n" if lang == "en" else f"**{options}**（在 {where} 中设置）：\n\n")
    out += f"| {option} | {kind} | {default} | {meaning} |\n|---|---|---|---|\n"
    for spec in item.option_specs:
        doc = (spec.doc if lang == "en" else spec.zh) or spec.doc
        out += (f"| `{spec.name}` | {escape(spec.expected(lang))} | `{toml_value(spec.default)}` | "
                f"{escape(doc)} |\n")
    return out


def render_page(code: str, name: str, severity: str, default: bool, doc_en: str, doc_zh: str,
                engine: bool = False, origin: str = "", rule=None) -> str:
    if engine:
        state_zh, state_en = "由检查引擎给出，不能忽略", "emitted by the engine, cannot be ignored"
    else:
        state_zh = "默认启用" if default else "默认不启用（用 --extend-select 启用）"
        state_en = "enabled by default" if default else "disabled by default (enable with --extend-select)"
    return (f"# {code} {name}\n\n"
            f"<!-- Generated by `python -m govlint.output.rule_pages` from the rule's documentation; edit that, not this page. -->\n\n"
            f"{SEVERITY_ZH.get(severity, severity)}（{severity}），{state_zh} · {severity}, {state_en}\n\n"
            + (f"代码 · Code: [{paths[0]}](../../{paths[0]}) · 测试 · Tests: [{paths[1]}](../../{paths[1]})\n\n"
               if (paths := where(origin)) else "")
            + ("" if engine else reads(rule.needs if rule is not None else None))
            + f"## 中文\n\n{markdown(doc_zh, 'zh')}\n"
            + (f"{options_markdown(rule, 'zh')}\n" if rule is not None else "")
            + f"## English\n\n{markdown(doc_en, 'en')}"
            + (f"\n{options_markdown(rule, 'en')}" if rule is not None else ""))


def builtin_rules():
    from govlint.engine.registry import load_rules

    return [r for r in load_rules().rules if r.origin.startswith("govlint.rules.")]


def pages() -> dict[str, str]:
    """Every page this version generates: file name → content."""
    from govlint.engine.lint import ENGINE_CODES
    from govlint.rule import summary_of

    out = {}
    rows = []
    for item in builtin_rules():
        out[f"{item.code}.md"] = render_page(item.code, item.name, item.severity, item.default, item.doc,
                                             item.doc_zh, origin=item.origin, rule=item)
        rows.append((item.code, item.name, item.severity, summary_of(item.doc_zh), summary_of(item.doc)))
    for code, entry in ENGINE_CODES.items():
        out[f"{code}.md"] = render_page(code, entry.name, "error", True, entry.doc, entry.zh, engine=True)
        rows.append((code, entry.name, "error", entry.summary_in("zh"), entry.summary_in("en")))
    index = ["# 规则一览 · Rules", "",
             "<!-- Generated by `python -m govlint.output.rule_pages`; edit the rules' documentation, not these pages. -->", "",
             "每条规则一页，中英文说明都来自规则本身（`govlint/rules/` 中各规则的英文 docstring 和 `zh=`）。"
             "One page per rule, both texts taken from the rule itself.", "",
             "| code | name | severity | 说明 | summary |", "|---|---|---|---|---|"]
    for code, name, severity, zh, en in rows:
        index.append(f"| [{code}]({code}.md) | {name} | {severity} | {escape(zh)} | {escape(en)} |")
    out["README.md"] = "\n".join(index) + "\n"
    return out


def write_pages(folder: Path) -> list[str]:
    """Write the pages into folder, removing pages of rules that are gone;
    the names of the files changed."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    changed = []
    for name, text in wanted.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(name)
    for path in folder.glob("*.md"):
        if path.name not in wanted:
            path.unlink()
            changed.append(path.name)
    return changed


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        # An option is not a folder: `--help` must not write pages into ./--help.
        sys.exit(f"usage: python -m govlint.output.rule_pages [FOLDER]  (default: {ROOT / PAGES})")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / PAGES
    for name in write_pages(target):
        print(f"wrote {target / name}")
