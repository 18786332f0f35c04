"""Fuzzing, bounded in time (a fixed number of examples, each with a
deadline, derandomized so that CI is repeatable): any code point
(lone surrogates included) through lint_text; any text in seven
encodings, with a BOM or not and random bytes inserted, through lint_bytes;
odd file names through lint_path. Nothing raises, every position is inside
the text, and every output format is valid UTF-8 (and valid JSON where it
is JSON). bench/adversarial.py runs the same with many more examples."""
from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings, strategies as st

import govlint
from govlint.engine.lint import Options, lint_bytes
from workflow import REPORT_002, read


PIECES = st.sampled_from(["一、总体情况\n", "二、主动公开政府信息情况\n", "三、收到和处理政府信息公开申请情况\n",
                          "本年新收政府信息公开申请数量\t3\t0\t0\n", "[bookmark: _GoBack]", "扫一扫在手机打开当前页",
                          "（一）", "2024年", "\t", "|", "\r\n", "\r", "\n", " ", "\u3000", "\ufeff", "\u200b"])


CHARACTERS = st.characters(blacklist_categories=())            # every code point, lone surrogates included


ODD = st.sampled_from(["\ud800", "\udfff", "\udcff", "\udc80", "\ufffd", "\x00", "\x1b", "\U00020000", "\ue000"])


TEXT = st.lists(st.one_of(PIECES, CHARACTERS, ODD), max_size=80).map("".join)


ENCODINGS = st.sampled_from(["utf-8", "gb18030", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "big5"])


FUZZ = settings(max_examples=300, deadline=3000, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)


def _render_everything(results) -> None:
    """Every output format, through the same UTF-8 stream stdout_for gives
    machine formats: the bytes decode strictly and the JSON ones parse."""
    import io

    from govlint.output import reporters
    from govlint.output.stream import ERRORS
    from govlint.engine.registry import load_rules

    for name in ("json", "json-lines", "sarif", "github", "concise", "text"):
        raw = io.BytesIO()
        out = io.TextIOWrapper(raw, encoding="utf-8", errors=ERRORS)
        reporter = {"json": reporters.Json, "json-lines": reporters.JsonLines, "github": reporters.Github,
                    "concise": reporters.Concise, "text": reporters.Plain}.get(name)
        reporter = reporter(out) if reporter else reporters.Sarif(out, load_rules().rules)
        reporter.start()
        for result in results:
            reporter.file(result)
        reporter.finish(len(results), {})
        out.flush()
        text = raw.getvalue().decode("utf-8")
        if name in ("json", "sarif"):
            json.loads(text)
        elif name == "json-lines":
            [json.loads(line) for line in text.splitlines()]


def _check_positions(text: str, diagnostics) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in diagnostics:
        assert d.code not in ("E999", "E998"), d.message
        assert 1 <= d.line <= len(lines) and 1 <= d.column <= len(lines[d.line - 1]) + 1, d


@FUZZ
@given(TEXT)
def test_fuzz_lint_text_any_code_points(text):
    result = govlint.lint_text(text, config=Options(select=["ALL"]))
    _check_positions(text, result.diagnostics)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        assert any(d.code == "A006" for d in result.diagnostics)
    _render_everything([result])


@FUZZ
@given(TEXT, ENCODINGS, st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=3)), max_size=3),
       st.booleans())
def test_fuzz_bytes_in_any_encoding_with_damage(text, encoding, damage, bom):
    base = read(REPORT_002)[:600] + text
    try:
        data = base.encode(encoding, "surrogateescape" if encoding in ("utf-8", "gb18030", "big5") else "strict")
    except UnicodeEncodeError:
        data = base.encode(encoding, "replace")
    if bom and encoding.startswith("utf"):
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
                "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}.get(encoding, b"") + data
    for where, noise in damage:
        cut = int(len(data) * where)
        data = data[:cut] + noise + data[cut:]
    result = lint_bytes(data, "t.txt", Options(select=["ALL"]))
    if result.text is None:
        assert [d.code for d in result.diagnostics] in (["E002"], ["E003"], ["E004"])
    else:
        _check_positions(result.text, result.diagnostics)
    _render_everything([result])


NAME_BYTES = st.binary(min_size=1, max_size=12).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_"))


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(NAME_BYTES)
def test_fuzz_odd_file_names(tmp_path, name):
    if name in (b".", b".."):
        name = b"_" + name
    folder = os.fsencode(tmp_path) + b"/" + os.urandom(4).hex().encode()
    os.mkdir(folder)
    raw = folder + b"/" + name
    with open(raw, "wb") as handle:
        handle.write(REPORT_002.read_bytes())
    path = os.fsdecode(raw)
    result = govlint.lint_path(path)
    assert any(d.code == "A001" for d in result.diagnostics)
    _render_everything([result])
    from govlint.output.stream import ERRORS

    document = json.loads(json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8", ERRORS).decode("utf-8"))
    assert os.fsencode(document["path"]) == raw
