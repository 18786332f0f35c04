"""Configuration files: `[tool.govlint]` in pyproject.toml and govlint.toml,
discovery (nearest wins), --config and --isolated, how the command line
combines with the file, every key, and one-line errors for bad files."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from workflow import REPORT_002, copy, govlint, make_pack

# corpus/002 has three findings by default: S005 at 16:1 and 62:1, A001 at 68:2 (all warnings).
DEFAULT = [("S005", 16, 1), ("S005", 62, 1), ("A001", 68, 2)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def found(run) -> dict[str, list[tuple]]:
    """File name (relative to nothing: as given) → (code, line, column) per diagnostic."""
    return {f["path"]: [(d["code"], d["line"], d["column"]) for d in f["diagnostics"]]
            for f in run.json()["files"]}


def codes_of(run, path: Path) -> list[tuple]:
    entries = found(run)
    return entries[str(path)]


def one_line_error(run, config: Path, key: str):
    assert run.code == 2, (run.out, run.err)
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith(f"govlint: error: {config}:"), lines[0]
    assert key in lines[0], (key, lines[0])


@pytest.fixture
def report(tmp_path) -> Path:
    return copy(REPORT_002, tmp_path / "reports")


# ------------------------------------------------------------ the two files

def test_pyproject_tool_govlint(tmp_path, report):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "reports"

        [tool.govlint]
        select = ["A001"]
    """)
    run = govlint("--format", "json", report)
    assert codes_of(run, report) == [("A001", 68, 2)]


def test_pyproject_without_a_govlint_table_is_passed_over(tmp_path, report):
    write(tmp_path / "govlint.toml", 'select = ["S005"]\n')
    write(report.parent / "pyproject.toml", '[project]\nname = "reports"\n\n[tool.black]\nline-length = 100\n')
    run = govlint("--format", "json", report)
    assert codes_of(run, report) == [("S005", 16, 1), ("S005", 62, 1)]


def test_govlint_toml_top_level_and_tool_table(tmp_path, report):
    config = write(tmp_path / "govlint.toml", 'ignore = ["A001"]\n')
    assert codes_of(govlint("--format", "json", report), report) == DEFAULT[:2]
    write(config, '[tool.govlint]\nignore = ["S005"]\n')
    assert codes_of(govlint("--format", "json", report), report) == DEFAULT[2:]


def test_govlint_toml_wins_over_pyproject_in_the_same_directory(tmp_path, report):
    write(tmp_path / "pyproject.toml", '[tool.govlint]\nselect = ["S005"]\n')
    write(tmp_path / "govlint.toml", 'select = ["A001"]\n')
    assert codes_of(govlint("--format", "json", report), report) == [("A001", 68, 2)]


def test_without_configuration_the_defaults_apply(report):
    assert codes_of(govlint("--format", "json", report), report) == DEFAULT


# ------------------------------------------------------------ discovery

def test_nearest_configuration_wins_per_file(tmp_path):
    top = copy(REPORT_002, tmp_path / "tree", "top.txt")
    middle = copy(REPORT_002, tmp_path / "tree" / "county", "middle.txt")
    deep = copy(REPORT_002, tmp_path / "tree" / "county" / "2024" / "bureau", "deep.txt")
    other = copy(REPORT_002, tmp_path / "tree" / "city", "other.txt")
    write(tmp_path / "tree" / "govlint.toml", 'select = ["A001"]\n')
    write(tmp_path / "tree" / "county" / "pyproject.toml", '[tool.govlint]\nselect = ["S005"]\n')
    # One run, four files, three different configurations (walking up from each file).
    run = govlint("--format", "json", tmp_path / "tree")
    assert found(run) == {
        str(other): [("A001", 68, 2)],
        str(middle): [("S005", 16, 1), ("S005", 62, 1)],
        str(deep): [("S005", 16, 1), ("S005", 62, 1)],
        str(top): [("A001", 68, 2)],
    }
    # The same from inside the tree, with relative paths.
    inside = govlint("--format", "json", "county/2024/bureau/deep.txt", "top.txt", cwd=tmp_path / "tree")
    assert found(inside) == {"county/2024/bureau/deep.txt": [("S005", 16, 1), ("S005", 62, 1)],
                             "top.txt": [("A001", 68, 2)]}


def test_config_option_overrides_discovery(tmp_path):
    near = copy(REPORT_002, tmp_path / "a")
    far = copy(REPORT_002, tmp_path / "b" / "c")
    write(tmp_path / "a" / "govlint.toml", 'select = ["A001"]\n')
    write(tmp_path / "b" / "pyproject.toml", '[tool.govlint]\nselect = ["A001"]\n')
    chosen = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["S005"]\n')
    run = govlint("--format", "json", "--config", chosen, near, far)
    assert found(run) == {str(near): DEFAULT[:2], str(far): DEFAULT[:2]}
    # A pyproject.toml given with --config is read from [tool.govlint].
    project = write(tmp_path / "elsewhere" / "pyproject.toml", '[tool.govlint]\nignore = ["S"]\n')
    assert found(govlint("--format", "json", "--config", project, near)) == {str(near): DEFAULT[2:]}


def test_isolated_ignores_every_configuration(tmp_path):
    path = copy(REPORT_002, tmp_path / "a")
    write(tmp_path / "a" / "govlint.toml", 'select = ["A001"]\nfail-on = "never"\n')
    write(tmp_path / "govlint.toml", 'this is not toml\n')
    run = govlint("--format", "json", "--isolated", path, cwd=tmp_path)
    assert codes_of(run, path) == DEFAULT
    assert run.code == 1


def test_missing_config_file_is_a_usage_error(tmp_path, report):
    run = govlint("--config", tmp_path / "nowhere.toml", report)
    assert run.code == 2 and run.out == ""
    assert len(run.err.splitlines()) == 1 and "nowhere.toml" in run.err


# ------------------------------------------------------------ command line versus file

def test_cli_select_replaces_the_files_select(tmp_path, report):
    write(tmp_path / "govlint.toml", 'select = ["A001"]\n')
    run = govlint("--format", "json", "--select", "S005", report)
    assert codes_of(run, report) == DEFAULT[:2]


def test_cli_ignore_adds_to_the_files_ignore(tmp_path, report):
    write(tmp_path / "govlint.toml", 'ignore = ["A001"]\n')
    assert codes_of(govlint("--format", "json", report), report) == DEFAULT[:2]
    run = govlint("--format", "json", "--ignore", "section-numbering", report)
    assert codes_of(run, report) == []
    assert run.code == 0


def test_extend_select_from_file_and_command_line(tmp_path, report):
    write(tmp_path / "govlint.toml", 'select = ["A001"]\nextend-select = ["S005"]\n')
    assert codes_of(govlint("--format", "json", report), report) == DEFAULT


# ------------------------------------------------------------ keys

def test_per_file_ignores_globs(tmp_path):
    old = copy(REPORT_002, tmp_path / "archive" / "2019")
    special = copy(REPORT_002, tmp_path / "current", "special.txt")
    plain = copy(REPORT_002, tmp_path / "current", "plain.txt")
    write(tmp_path / "govlint.toml", """
        [per-file-ignores]
        "archive/*" = ["S005"]
        "special.txt" = ["conversion-artifact", "S"]
    """)
    # Globs are relative to the configuration file, wherever govlint runs from.
    for cwd in (tmp_path, Path("/")):
        run = govlint("--format", "json", old, special, plain, cwd=cwd)
        assert found(run) == {str(old): DEFAULT[2:], str(special): [], str(plain): DEFAULT}


def test_severity_override_changes_the_exit_code(tmp_path, report):
    # All of 002's findings are warnings: --fail-on error passes …
    assert govlint("--fail-on", "error", report).code == 0
    write(tmp_path / "govlint.toml", '[severity]\nA001 = "error"\nsection-numbering = "info"\n')
    run = govlint("--format", "json", "--fail-on", "error", report)
    # … until a configuration makes the bookmark an error.
    assert run.code == 1
    assert [(d["code"], d["severity"]) for d in run.diagnostics()] == [
        ("S005", "info"), ("S005", "info"), ("A001", "error")]
    text = govlint(report)
    assert f"{report}:68:2: A001 [*] [error]" in text.out and f"{report}:16:1: S005 [info]" in text.out


def test_fail_on_from_the_configuration(tmp_path, report):
    write(tmp_path / "govlint.toml", 'fail-on = "error"\n')
    assert govlint(report, cwd=tmp_path).code == 0
    assert govlint("--fail-on", "warning", report, cwd=tmp_path).code == 1     # the command line wins
    write(tmp_path / "govlint.toml", 'fail-on = "never"\n[severity]\nA001 = "error"\n')
    assert govlint(report, cwd=tmp_path).code == 0
    write(tmp_path / "govlint.toml", 'fail-on = "warning"\n')
    assert govlint(report, cwd=tmp_path).code == 1
    # --config carries fail-on from anywhere.
    lenient = write(tmp_path / "ci" / "lenient.toml", 'fail-on = "error"\n')
    assert govlint("--config", lenient, report).code == 0


def test_include_and_exclude_for_directories(tmp_path):
    root = tmp_path / "repo"
    for name in ("a.report", "b.txt", "drafts/c.report", "sub/d.report", "sub/old-e.report"):
        copy(REPORT_002, (root / name).parent, Path(name).name)
    write(root / "govlint.toml", 'include = ["*.report"]\nexclude = ["drafts", "old-*"]\n')
    run = govlint("--format", "json", ".", cwd=root)
    assert sorted(found(run)) == ["./a.report", "./sub/d.report"]
    # --glob replaces include; a file named on the command line is always linted.
    assert sorted(found(govlint("--format", "json", "--glob", "*.txt", ".", cwd=root))) == ["./b.txt"]
    assert sorted(found(govlint("--format", "json", "drafts/c.report", cwd=root))) == ["drafts/c.report"]


def test_default_encoding(tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(REPORT_002.read_text(encoding="utf-8").encode("gb18030"))
    reference = govlint("--format", "json", REPORT_002).json()["files"][0]["diagnostics"]
    write(tmp_path / "govlint.toml", 'encoding = "gb18030"\n')
    entry = govlint("--format", "json", path).json()["files"][0]
    assert entry["encoding"] == "gb18030" and entry["diagnostics"] == reference
    # The configured encoding is used instead of detection: as UTF-8 the file does not decode …
    write(tmp_path / "govlint.toml", 'encoding = "utf-8"\n')
    run = govlint("--format", "json", path)
    assert run.code == 2
    assert [d["code"] for d in run.diagnostics()] == ["E004"]
    # … and --encoding overrides the file.
    run = govlint("--format", "json", "--encoding", "gb18030", path)
    assert run.json()["files"][0]["diagnostics"] == reference


# ------------------------------------------------------------ rule options (a pack)

OPTIONS_PACK = '''
from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("Z301", "marker-word", "warning", options={"word": "演示", "ratio": 0.5, "quoted": False})
def marker(report, options):
    """Flags a configurable word.

    Options: word (str), ratio (float), quoted (bool).
    """
    word = options["word"]
    start = report.text.find(word)
    while start >= 0:
        message = f"发现“{word}”" if options["quoted"] else f"发现{word}"
        yield Finding(Span(start, start + len(word)), f"{message} ratio={options['ratio']}")
        start = report.text.find(word, start + len(word))
'''


@pytest.fixture(scope="module")
def options_pack(tmp_path_factory) -> Path:
    return make_pack(tmp_path_factory.mktemp("site"), "govlint_pack_options", OPTIONS_PACK)


def test_rule_options_reach_the_rule(tmp_path, report, options_pack):
    count = REPORT_002.read_text(encoding="utf-8").count("主动公开")
    assert count >= 2
    default = govlint("--format", "json", "--select", "Z301", report, pythonpath=options_pack)
    assert default.diagnostics() == [] and default.code == 0
    write(tmp_path / "govlint.toml", """
        select = ["Z301"]
        [rules.marker-word]
        word = "主动公开"
        ratio = 2
        quoted = true
    """)
    run = govlint("--format", "json", report, pythonpath=options_pack)
    messages = [d["message"] for d in run.diagnostics()]
    assert messages == ["发现“主动公开” ratio=2"] * count
    # By code too.
    write(tmp_path / "govlint.toml", 'select = ["Z301"]\n[rules.Z301]\nword = "主动公开"\n')
    run = govlint("--format", "json", report, pythonpath=options_pack)
    assert [d["message"] for d in run.diagnostics()] == ["发现主动公开 ratio=0.5"] * count


@pytest.mark.parametrize("table, key, says", [
    ('[rules.marker-word]\nword = 3\n', "'rules.marker-word.word'", "must be a string, not an integer (rule Z301 marker-word"),
    ('[rules.marker-word]\nratio = "high"\n', "'rules.marker-word.ratio'", "must be a number, not a string"),
    ('[rules.marker-word]\nquoted = 1\n', "'rules.marker-word.quoted'", "must be a boolean (true or false), not an integer"),
    ('[rules.marker-word]\ncolour = "red"\n', "'rules.marker-word.colour'", "unknown option"),
    ('[rules]\nmarker-word = 1\n', "'rules.marker-word'", "table"),
], ids=["str", "float", "bool", "unknown-option", "not-a-table"])
def test_rule_option_errors(tmp_path, report, options_pack, table, key, says):
    config = write(tmp_path / "govlint.toml", table)
    run = govlint(report, pythonpath=options_pack)
    one_line_error(run, config, key)
    assert says in run.err



@pytest.mark.parametrize("table, key, says", [
    ('[rules.late-publication]\ntownship-deadline = "02-30"\n', "'rules.late-publication.township-deadline'",
     'must be a day of the year as "MM-DD" (e.g. "01-31"), or "", not "02-30" (rule P004 late-publication'),
    ('[rules.P004]\ntownship-deadline = 131\n', "'rules.P004.township-deadline'", "not an integer"),
    ('[rules.recycled-text]\nsimilarity = 150\n', "'rules.recycled-text.similarity'",
     "must be an integer from 1 to 100, not 150"),
    ('[rules.recycled-text]\nsimilarity = 0.8\n', "'rules.recycled-text.similarity'", "must be an integer from 1 to 100, not a float"),
    ('[rules.typo]\nignore = ["准确信", 3]\n', "'rules.typo.ignore'", "not an array with a value that is not a string"),
    ('[rules.typo]\nignore = "准确信"\n', "'rules.typo.ignore'", "must be a list of strings, not a string"),
    ('[rules.broken-paragraph]\nmin-fragment = 0\n', "'rules.broken-paragraph.min-fragment'", "of at least 1, not 0"),
    ('[rules.page-residue]\nheader-repeats = true\n', "'rules.page-residue.header-repeats'", "not a boolean"),
    ('[rules.page-residue]\nrepeats = 3\n', "'rules.page-residue.repeats'", "unknown option (rule page-residue has: header-repeats)"),
    ('[rules.missing-title]\nstrict = true\n', "'rules.missing-title.strict'", "unknown option (rule missing-title has: none)"),
], ids=["deadline-not-a-day", "deadline-not-a-string", "similarity-too-high", "similarity-float", "ignore-not-strings",
        "ignore-not-a-list", "min-fragment-zero", "header-repeats-bool", "unknown-option", "rule-without-options"])
def test_builtin_rule_option_errors(tmp_path, report, table, key, says):
    """A wrong value for a built-in rule's declared option: one line naming
    the option, what it takes and what was given; exit 2, nothing linted."""
    config = write(tmp_path / "govlint.toml", table)
    run = govlint(report)
    one_line_error(run, config, key)
    assert says in run.err, run.err


def test_builtin_rule_option_errors_in_chinese(tmp_path, report):
    config = write(tmp_path / "govlint.toml", '[rules.late-publication]\ntownship-deadline = "1月31日"\n')
    run = govlint(report, "--lang", "zh")
    assert run.code == 2 and run.out == "" and len(run.err.splitlines()) == 1, run.err
    assert run.err.startswith(f"govlint: 错误：{config}：'rules.late-publication.township-deadline' 必须是"), run.err
    assert "必须是“MM-DD”形式的日期（如“01-31”）或空字符串，不能是“1月31日”（规则 P004 late-publication 的选项 township-deadline）" \
        in run.err, run.err



def test_options_declared_as_a_plain_dict_keep_their_meaning():
    """A pack's rule may declare its options as a dict of defaults, with any
    names and types: a value is right when it has its default's type."""
    from govlint.rule import rule

    @rule("Z302", "dict-options", "info", options={"max_items": 3, "weights": [1, 2], "limit": 0.5, "names": {}})
    def legacy(report, options):
        return ()

    assert legacy.options == {"max_items": 3, "weights": [1, 2], "limit": 0.5, "names": {}}
    assert [legacy.option(name).problem(value) for name, value in
            (("max_items", 40), ("weights", [0.5]), ("limit", 1), ("names", {"a": 1}))] == [None] * 4
    assert legacy.option("max_items").problem("4") == ("a string", "字符串")
    assert legacy.option("limit").problem(True) == ("a boolean", "布尔值")
    assert legacy.option("weights").expected() == "an array"


# ------------------------------------------------------------ bad files

BAD = [
    ('colour = "auto"\n', "'colour'", "unknown key"),
    ('select = ["X999"]\n', "'select'", "X999"),
    ('ignore = ["Q"]\n', "'ignore'", "'Q'"),
    ('extend-select = ["no-such-rule"]\n', "'extend-select'", "no-such-rule"),
    ('[per-file-ignores]\n"*.txt" = ["Z999"]\n', "'per-file-ignores.*.txt'", "Z999"),
    ('select = "S"x\n', "invalid TOML", "column 13"),
    ('select = [1]\n', "'select'", "list of strings"),
    ('[severity]\nS005 = "fatal"\n', "'severity.S005'", "error"),
    ('[severity]\nS999 = "error"\n', "'severity.S999'", "unknown rule"),
    ('severity = "error"\n', "'severity'", "table"),
    ('fail-on = "sometimes"\n', "'fail-on'", "never"),
    ('encoding = "klingon"\n', "'encoding'", "klingon"),
    ('[rules.no-such-rule]\nx = 1\n', "'rules.no-such-rule'", "unknown rule"),
    ('[rules.broken-paragraph]\nlength = 3\n', "'rules.broken-paragraph.length'", "unknown option"),
]


@pytest.mark.parametrize("body, key, says", BAD, ids=[
    "unknown-key", "select-rule", "ignore-prefix", "extend-select", "per-file-ignores", "toml", "select-type",
    "severity-level", "severity-rule", "severity-type", "fail-on", "encoding", "rules-rule", "rules-option"])
@pytest.mark.parametrize("kind", ["govlint.toml", "pyproject.toml"])
def test_bad_configuration_is_one_line_naming_file_and_key(tmp_path, report, body, key, says, kind):
    if kind == "pyproject.toml":        # the same keys under [tool.govlint]
        body = "[tool.govlint]\n" + "".join("[tool.govlint." + line[1:] if line.startswith("[") else line
                                            for line in body.splitlines(keepends=True))
    config = write(tmp_path / kind, body)
    run = govlint(report)
    one_line_error(run, config, key)
    assert says in run.err
    # The same file given with --config, and found from the current directory.
    assert govlint("--config", config, REPORT_002).err == run.err
    other = copy(REPORT_002, tmp_path / "elsewhere")
    assert govlint(other, cwd=tmp_path).err == run.err
    # --isolated never reads it.
    assert govlint("--isolated", report).code == 1
