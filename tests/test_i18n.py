"""Chinese for the people who read it (issue 14): the language chosen by
--lang, GOVLINT_LANG or the locale; help, rule summaries and docs, error
lines and summaries in Chinese; bare `govlint`; --show-settings; `rules
--format json`."""
from __future__ import annotations

import json
import re
import unicodedata

import click
import pytest

from govlint.i18n import cells, detect, fill_cells, normalise
from workflow import REPORT_002, ROOT, copy, govlint

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("environ, expected", [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh"),           # LC_ALL wins over LANG
    ({"LC_MESSAGES": "zh_CN", "LANG": "en_US"}, "zh"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US"}, "zh"),                  # gettext's order
    ({"LANG": "zh_CN.UTF-8", "GOVLINT_LANG": "en"}, "en"),               # the override
    ({"LANG": "C", "GOVLINT_LANG": "zh"}, "zh"),
    ({"LANG": "zh_CN", "GOVLINT_LANG": "fr"}, "zh"),                     # a bad override is ignored
])
def test_language_from_the_environment(environ, expected):
    assert detect(environ) == expected


@pytest.mark.parametrize("value, expected", [("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("zh-Hans", "zh"),
                                             ("Chinese (Simplified)_China", "zh"), ("en_GB", "en"),
                                             ("C", "en"), ("POSIX", "en"), ("fr_FR", None), ("", None)])
def test_normalise(value, expected):
    assert normalise(value) == expected


def test_wrapping_counts_a_chinese_character_as_two_cells():
    text = "检查报告文件、文件夹（含子文件夹）或标准输入，" * 4 + "用 --previous 指定 LAST_YEAR.txt。"
    lines = fill_cells(text, 40, "  ", "  ").split("\n")
    assert len(lines) > 4
    assert all(cells(line) <= 40 for line in lines)
    assert "".join(line.strip() for line in lines).replace("用--previous", "用 --previous") == text.replace(" ", "") \
        or "--previous" in "".join(lines)
    assert not any(line.strip()[0] in "，。、）" for line in lines)      # no line opens with closing punctuation


# ----------------------------------------------------------------- help

def test_bare_govlint_prints_help_and_never_passes():
    run = govlint()
    assert run.code == 2                     # nothing was linted: a CI step with an empty variable fails
    assert run.out.startswith("Usage: ") and "Commands:" in run.out and "check" in run.out


def test_help_says_a_path_runs_check():
    run = govlint("--help")
    assert run.code == 0
    assert "`govlint PATH…` runs `govlint check PATH…`" in run.out
    zh = govlint("--help", "--lang", "zh")
    assert "`govlint 路径…` 即 `govlint check 路径…`" in zh.out


def commands():
    from govlint.cli import main

    return sorted(main.commands.items())


def test_every_command_and_option_has_a_chinese_help():
    from govlint.cli import main

    assert main.help_zh
    for name, command in commands():
        assert command.help_zh and CJK.search(command.help_zh), name
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert getattr(param, "help_zh", None) and CJK.search(param.help_zh), (name, param.name)


@pytest.mark.parametrize("name", [name for name, _ in commands()])
def test_each_command_help_in_chinese_fits_80_cells(name):
    run = govlint(name, "--help", "--lang", "zh")
    assert run.code == 0
    assert run.out.startswith("用法:") and "选项:" in run.out and "显示本帮助并退出。" in run.out
    assert all(cells(line) <= 80 for line in run.out.splitlines()), run.out
    english = govlint(name, "--help")
    assert english.out.startswith("Usage:") and not CJK.search(english.out.split("Options:")[1].split("[")[0] or "")
    # every option of the English help is in the Chinese one, under its own name
    flags = set(re.findall(r"(?m)^\s+(-[-\w]+)", english.out))
    assert flags and flags <= set(re.findall(r"(?m)^\s+(-[-\w]+)", run.out))


def test_lang_in_any_position_and_the_environment():
    zh = govlint(REPORT_002, "--lang", "zh", "--select", "A001")
    assert zh.out.splitlines()[-1] == "[*] 其中 1 个可用 --fix 修复。"
    env = govlint(REPORT_002, "--select", "A001", env={"GOVLINT_LANG": "zh"})
    assert env.out == zh.out
    locale = govlint(REPORT_002, "--select", "A001", env={"GOVLINT_LANG": "", "LC_ALL": "zh_CN.UTF-8"})
    assert locale.out == zh.out
    override = govlint(REPORT_002, "--select", "A001", "--lang=en", env={"GOVLINT_LANG": "zh"})
    assert override.out.splitlines()[-1] == "[*] 1 fixable with --fix."


def test_bad_language():
    run = govlint("--lang", "fr", REPORT_002)
    assert run.code == 2 and run.out == "" and run.err.strip() == "govlint: error: --lang: 'fr' is not zh or en"
    warned = govlint("rules", env={"GOVLINT_LANG": "klingon"})
    assert warned.code == 0 and "GOVLINT_LANG='klingon' is not zh or en; ignored" in warned.err


# ----------------------------------------------------------- error lines

@pytest.mark.parametrize("args, english, chinese", [
    (["--select", "X999", "corpus"], "govlint: error: --select/--ignore: unknown rule or prefix 'X999'",
     "govlint: 错误：--select/--ignore：没有规则或前缀 'X999'（见 `govlint rules`）"),
    (["--no-such-option", "corpus"], "No such option", "没有这个选项"),
    (["--format", "xml", "corpus"], "Invalid value for '--format'", "'--format' 的值无效"),
    (["check"], "no input: give report files", "没有输入：请给出报告文件、文件夹"),
    (["rule", "S999"], "no rule 'S999'", "没有规则 'S999'"),
])
def test_error_lines_in_chinese(args, english, chinese):
    en = govlint(*args)
    zh = govlint(*args, "--lang", "zh")
    assert en.code == zh.code == 2 and en.out == zh.out == ""
    assert english in en.err and chinese in zh.err, zh.err
    assert not CJK.search(en.err.replace("政府信息公开", ""))


def test_configuration_errors_in_chinese(tmp_path):
    copy(REPORT_002, tmp_path)
    (tmp_path / "govlint.toml").write_text('colour = "red"\n', encoding="utf-8")
    run = govlint(tmp_path, "--lang", "zh")
    assert run.code == 2
    assert run.err.strip() == f"govlint: 错误：{tmp_path / 'govlint.toml'}：未知的键 'colour'（可用：select, ignore, " \
                              f"extend-select, per-file-ignores, severity, fail-on, include, exclude, encoding, " \
                              f"max-file-size, rules, docs-url, ignore-findings）"


def test_summaries_in_chinese(tmp_path):
    run = govlint("--statistics", REPORT_002, "--lang", "zh")
    assert run.out.splitlines()[-2:] == ["检查 1 个文件，1 个有问题，0 个无法读取；错误 0 个，警告 3 个，提示 0 个",
                                         "[*] 其中 1 个可用 --fix 修复（另有 2 个加 --unsafe-fixes 可修复）。"]
    fixed = copy(REPORT_002, tmp_path)
    run = govlint("--fix", fixed, "--lang", "zh")
    assert run.err == "govlint: 已修复 1 个文件中的 1 个问题\n"
    assert run.out.splitlines()[-1] == "[*] 没有只用 --fix 就能修复的问题（2 个加 --unsafe-fixes 可修复）。"
    assert govlint(fixed).out.splitlines()[-1] == "[*] None fixable with --fix alone (2 with --fix --unsafe-fixes)."


# ------------------------------------------------------- rules and rule

def test_rules_summaries_follow_the_language():
    from govlint.engine.registry import load_rules

    rules = load_rules().rules
    zh = govlint("rules", "--lang", "zh").out.splitlines()
    en = govlint("rules").out.splitlines()
    assert len(zh) == len(en) == len(rules)
    for line_zh, line_en, item in zip(zh, en, rules):
        assert line_zh.startswith(f"{item.code}  {item.name}") and line_zh.endswith(item.summary_zh)
        assert line_en.endswith(item.summary)
        on = item.default
        assert (" 开 " if on else " 关 ") in line_zh and (" on " if on else " off ") in line_en


def test_rule_page_in_chinese():
    from govlint.engine.registry import load_rules

    item = load_rules().find("S001")
    run = govlint("rule", "missing-title", "--lang", "zh")
    assert run.code == 0
    assert run.out.startswith("S001 missing-title [error, 默认启用]\n\n" + item.doc_zh)
    assert "检查内容：" in run.out and "What it checks" not in run.out
    engine = govlint("rule", "E002", "--lang", "zh")
    assert engine.out.startswith("E002 empty-file [error]\n\n文件为空")


def test_rules_json():
    from govlint.engine.registry import load_rules

    run = govlint("rules", "--format", "json", "--all")
    assert run.code == 0
    data = json.loads(run.out)
    assert data["version"] == 1
    by_code = {item["code"]: item for item in data["rules"]}
    rules = load_rules().rules
    assert set(by_code) == {r.code for r in rules} | {"E001", "E002", "E003", "E004", "E005", "E010", "E011",
                                                     "E012", "E013", "E014", "E015", "E997", "E998", "E999"}
    for item in rules:
        entry = by_code[item.code]
        assert (entry["name"], entry["severity"], entry["default"]) == (item.name, item.severity, item.default)
        assert entry["summary"] == entry["summary_en"] == item.summary and entry["summary_zh"] == item.summary_zh
        assert (ROOT / entry["page"]).is_file()
    zh = json.loads(govlint("rules", "--format", "json", "--lang", "zh").out)
    assert all(item["summary"] == item["summary_zh"] for item in zh["rules"])


# ------------------------------------------------------------ settings

def test_show_settings(tmp_path):
    report = copy(REPORT_002, tmp_path / "reports")
    (tmp_path / "govlint.toml").write_text(
        'ignore = ["S006"]\nper-file-ignores = { "reports/*.txt" = ["P004"] }\nfail-on = "error"\n'
        'severity = { A001 = "error" }\n', encoding="utf-8")
    run = govlint("--show-settings", report, "--select", "A,P", cwd=tmp_path)
    assert run.code == 0
    settings = dict(line.split(" = ", 1) for line in run.out.splitlines() if " = " in line and not line.startswith("#"))
    assert settings["config-file"].startswith(json.dumps(str(tmp_path / "govlint.toml")))
    rules = json.loads(settings["rules"].split("  #")[0])
    assert rules == ["A001", "A002", "A003", "A004", "A005", "A006", "P001", "P002", "P003", "P005", "P006", "P007"]
    assert json.loads(settings["ignore"].split("  #")[0]) == ["S006", "P004"]
    assert settings["fail-on"] == '"error"' and settings["severity"] == '{ "A001" = "error" }'
    assert settings["lang"] == '"en"'
    # It lints nothing; elsewhere the file has no configuration.
    assert "A001" not in run.err and run.err == ""
    alone = govlint("--show-settings", "--isolated", report)
    assert 'config-file = ""  # none (--isolated)' in alone.out
    two = govlint("--show-settings", report, report)
    assert two.code == 2 and "one file" in two.err


def test_show_settings_tells_the_run_s_settings_from_the_file_s(tmp_path):
    """fail-on, the folder globs and docs-url belong to the run: they come
    from the current directory's configuration. --show-settings shows the
    values a run from here uses, and says so, when the file's configuration
    is another one."""
    report = copy(REPORT_002, tmp_path / "reports")
    (report.parent / "govlint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('fail-on = "error"\n', encoding="utf-8")

    def shown(cwd):
        out = govlint("--show-settings", report, cwd=cwd).out
        return [line for line in out.splitlines() if line.startswith("fail-on = ")][0]

    assert shown(report.parent) == 'fail-on = "never"'
    assert govlint(report, cwd=report.parent).code == 0
    assert shown(tmp_path) == (f'fail-on = "error"  # for the whole run, from the current directory\'s '
                               f'{tmp_path / "govlint.toml"}, not the file\'s')
    assert govlint(report, cwd=tmp_path).code == 0          # no error finding in report 002
    (tmp_path / "govlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert shown(tmp_path).startswith('fail-on = "warning"  # for the whole run')
    assert govlint(report, cwd=tmp_path).code == 1          # its S005 warnings fail this run


def test_chinese_text_is_east_asian_wide():
    """The cell count the help wrapping and excerpts rely on."""
    assert cells("政府") == 4 and cells("ab") == 2 and unicodedata.east_asian_width("…") == "A"


def test_readme_language_example_is_real():
    """The README's Chinese example, command by command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Language\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```\n(.*?)```", section, flags=re.S)
    runs = re.split(r"(?m)^\$ ", block)[1:]
    assert len(runs) == 2
    for item in runs:
        command, *expected = item.rstrip("\n").split("\n")
        args = command.split()[1:]
        run = govlint(*args, cwd=ROOT)
        assert (run.out + run.err).rstrip("\n").split("\n") == expected
