"""Rule pages (docs/rules/CODE.md): generated from the rules' two texts,
checked against them, named by `govlint rule`, linked from SARIF helpUri
(absolute URIs, as SARIF requires) with a configurable base URL."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govlint.output import rule_pages as docs
from workflow import REPORT_002, ROOT, copy, govlint

jsonschema = pytest.importorskip("jsonschema")

PAGES = ROOT / "docs" / "rules"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json"


def test_pages_match_the_rule_documentation():
    """docs/rules/ is exactly what `python -m govlint.output.rule_pages` writes: edit a
    rule's docstring or zh= and this fails until the pages are written again."""
    wanted = docs.pages()
    present = {p.name: p.read_text(encoding="utf-8") for p in PAGES.glob("*.md")}
    assert sorted(present) == sorted(wanted), "run `python -m govlint.output.rule_pages` to write docs/rules/"
    for name, text in wanted.items():
        assert present[name] == text, f"docs/rules/{name} is out of date: run `python -m govlint.output.rule_pages`"


def test_every_rule_and_engine_code_has_a_page_with_both_texts():
    from govlint.engine.lint import ENGINE_CODES
    from govlint.engine.registry import load_rules

    for item in load_rules().rules:
        page = (PAGES / f"{item.code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {item.code} {item.name}\n")
        chinese, english = page.split("## 中文\n", 1)[1].split("## English\n", 1)
        assert "**检查内容**" in chinese and "**修改方法**" in chinese
        assert "**What it checks**" in english and "**How to fix**" in english
        assert docs.escape(item.summary_zh) in chinese and docs.escape(item.summary) in english
    for code in ENGINE_CODES:
        assert (PAGES / f"{code}.md").is_file()
    index = (PAGES / "README.md").read_text(encoding="utf-8")
    assert all(f"[{r.code}]({r.code}.md)" in index for r in load_rules().rules)


def test_the_generator_writes_and_prunes(tmp_path):
    (tmp_path / "Z999.md").write_text("a rule that is gone\n", encoding="utf-8")
    changed = docs.write_pages(tmp_path)
    assert "Z999.md" in changed and not (tmp_path / "Z999.md").exists()
    assert {p.name for p in tmp_path.glob("*.md")} == set(docs.pages())
    assert docs.write_pages(tmp_path) == []              # a second run changes nothing


def test_the_generator_takes_no_option_for_a_folder(tmp_path):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "govlint.output.rule_pages", "--help"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and run.stderr.startswith("usage: python -m govlint.output.rule_pages [FOLDER]")
    assert list(tmp_path.iterdir()) == []                 # no ./--help folder of pages


def test_markdown_keeps_the_text_literal():
    assert docs.escape("<br> &nbsp; **二** [bookmark: _GoBack] `govlint --fix`") == \
        "\\<br\\> \\&nbsp; \\*\\*二\\*\\* \\[bookmark: \\_GoBack\\] `govlint --fix`"
    text = docs.markdown("摘要。\n\n检查内容：第一行\n第二行 Word\n域代码。\n\n修改方法：改。", "zh")
    assert text == "摘要。\n\n**检查内容**：第一行第二行 Word 域代码。\n\n**修改方法**：改。\n"


def test_rule_names_its_page():
    run = govlint("rule", "A001")
    assert run.out.rstrip().endswith(f"Page: {(PAGES / 'A001.md').as_uri()}\n"
                                     "Code: govlint/rules/conversion_artifact.py\n"
                                     "Tests: tests/rules/test_conversion_artifact.py")
    assert (PAGES / "A001.md").is_file()
    zh = govlint("rule", "A001", "--lang", "zh")
    assert zh.out.rstrip().endswith(f"文档页: {(PAGES / 'A001.md').as_uri()}\n"
                                    "代码: govlint/rules/conversion_artifact.py\n"
                                    "测试: tests/rules/test_conversion_artifact.py")


def test_docs_url_from_the_configuration_and_the_environment(tmp_path):
    copy(REPORT_002, tmp_path)
    (tmp_path / "govlint.toml").write_text('docs-url = "https://git.example.gov.cn/tools/govlint/blob/main/docs/rules"\n',
                                           encoding="utf-8")
    run = govlint("rule", "A001", cwd=tmp_path)
    assert "\nPage: https://git.example.gov.cn/tools/govlint/blob/main/docs/rules/A001.md\n" in run.out
    sarif = json.loads(govlint("--format", "sarif", REPORT_002.name, cwd=tmp_path).out)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["helpUri"] for r in rules} == {
        code: f"https://git.example.gov.cn/tools/govlint/blob/main/docs/rules/{code}.md" for code in ("A001", "S005")}
    (tmp_path / "govlint.toml").unlink()          # the configuration wins over the environment
    (tmp_path / "elsewhere").mkdir()
    env = govlint("rule", "S005", cwd=tmp_path / "elsewhere", env={"GOVLINT_DOCS_URL": "https://docs.example.org/govlint/"})
    assert "\nPage: https://docs.example.org/govlint/S005.md\n" in env.out
    (tmp_path / "govlint.toml").write_text('docs-url = "docs/rules/"\n', encoding="utf-8")
    bad = govlint(REPORT_002.name, cwd=tmp_path)
    assert bad.code == 2 and "'docs-url' must be an absolute URL" in bad.err


@pytest.mark.parametrize("origin, expected", [
    ({"url": "https://github.com/acme/govlint.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}},
     "https://github.com/acme/govlint/blob/abc123/docs/rules/"),
    ({"url": "https://gitlab.example.gov.cn/tools/govlint", "vcs_info": {"vcs": "git", "commit_id": "f00"}},
     "https://gitlab.example.gov.cn/tools/govlint/-/blob/f00/docs/rules/"),
    ({"url": ROOT.as_uri(), "dir_info": {"editable": True}}, PAGES.as_uri() + "/"),
    ({"url": "file:///nowhere/govlint", "dir_info": {}}, None),
    ({"url": "https://files.example.org/govlint-0.1.0.tar.gz", "archive_info": {}}, None),
    (None, None),
])
def test_default_link_from_where_govlint_was_installed(origin, expected):
    """pip records where govlint came from (direct_url.json): the pages of
    that repository, at that commit; a local checkout's folder."""
    assert docs._from_origin(origin) == expected


def test_no_link_without_a_known_repository(monkeypatch):
    monkeypatch.setattr(docs, "ROOT", Path("/nowhere"))
    monkeypatch.setattr(docs, "_direct_url", lambda: None)
    monkeypatch.delenv(docs.ENV, raising=False)
    assert docs.base_url() is None
    assert docs.reference("A001", None) == "docs/rules/A001.md"          # the repository path form


def _uri_format(checker):
    from urllib.parse import urlparse

    @checker.checks("uri")
    def is_uri(value):
        return not isinstance(value, str) or bool(urlparse(value).scheme)

    return checker


def test_sarif_help_uri_and_chinese_help():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=_uri_format(jsonschema.FormatChecker()))
    english = json.loads(govlint("--format", "sarif", REPORT_002).out)
    validator.validate(english)
    run = english["runs"][0]
    assert run["language"] == "en-US"
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"] == (PAGES / f"{rule['id']}.md").as_uri()
        assert rule["help"]["markdown"].startswith(docs.escape(rule["shortDescription"]["text"]))
    chinese = json.loads(govlint("--format", "sarif", REPORT_002, "--lang", "zh").out)
    validator.validate(chinese)
    run = chinese["runs"][0]
    assert run["language"] == "zh-CN"
    from govlint.engine.registry import load_rules

    for rule in run["tool"]["driver"]["rules"]:
        item = load_rules().find(rule["id"])
        assert rule["shortDescription"]["text"] == item.summary_zh
        assert rule["fullDescription"]["text"] == rule["help"]["text"] == item.doc_zh
        assert "**检查内容**" in rule["help"]["markdown"]
    # the results (messages) are the same in both
    assert [r["message"] for r in run["results"]] == [r["message"] for r in english["runs"][0]["results"]]
    # A relative helpUri would not be a valid SARIF log (the check above is real):
    broken = json.loads(json.dumps(english))
    broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = "docs/rules/A001.md"
    assert not validator.is_valid(broken)


def test_the_rules_documentation_is_cleaned_as_inspect_cleans_docstrings():
    """rule.cleandoc stands in for inspect.cleandoc (whose import a lint
    avoids): the same text for every rule's docstring and zh=, and for
    texts shaped otherwise (tabs, blank lines, no indentation)."""
    import inspect

    from govlint.engine.registry import load_rules
    from govlint.rule import cleandoc

    texts = ["", "\n", "one line", "  lead\n    more\n      deeper\n\n    last\n  ", "\tTabbed\n\t\tx\n\ty\n",
             "first\n\n\n   a\n  b\n", "\n\n  only later\n  lines\n\n", "x\n \n   y", "全角\u3000空格\n    第二行"]
    for item in load_rules().rules:
        texts += [item.check.__doc__ or "", getattr(item, "doc_zh", "")]
        assert item.doc == inspect.cleandoc(item.check.__doc__ or "")
    for text in texts:
        assert cleandoc(text) == inspect.cleandoc(text), repr(text)
