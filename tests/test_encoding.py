"""The same report in every supported encoding and newline style gives the
same diagnostics, and the detected encoding is reported in the JSON output.

Besides the built-in rules, a small probe rule pack (installed into a temp
directory through the `govlint.rules` entry-point group) reports positions
all over the text, a digest of the decoded text, and the newline/BOM the
source was read with, so a decoding slip (a BOM left in the text, a CR
counted as a column, a mis-guessed codec) changes the diagnostics.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REPORTS = {
    "002": CORPUS / "002_b70717b772d0d9c9.txt",
    "003": CORPUS / "003_931eb61caecda62d.txt",
}
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}

# variant name → (bytes from text, encoding govlint must report, has BOM)
ENCODINGS = {
    "utf8": (lambda t: t.encode("utf-8"), "utf-8", False),
    "utf8bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8", True),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030", False),
    "gbk": (lambda t: t.encode("gbk"), "gb18030", False),
    "gb2312": (lambda t: t.encode("gb2312"), "gb18030", False),
    "utf16le": (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le", True),
    "utf16be": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be", True),
    "utf16le-nobom": (lambda t: t.encode("utf-16-le"), "utf-16-le", False),
    "utf32le": (lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), "utf-32-le", True),
    "utf32be": (lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32-be", True),
}

PROBE = '''
import hashlib

from govlint.model.document import Span
from govlint.rule import Finding, rule


@rule("Z900", "probe-positions", "info")
def positions(report, options):
    """Every 公开, the last character of every line, and every line break."""
    text = report.text
    start = text.find("公开")
    while start >= 0:
        yield Finding(Span(start, start + 2), "公开")
        start = text.find("公开", start + 2)
    for index, char in enumerate(text):
        if char == "\\n" and 0 < index < len(text) - 1:
            yield Finding(Span(index - 1, index + 2), "break " + repr(text[index - 1:index + 2]))
    if text and text[-1] != "\\n":
        yield Finding(Span(len(text) - 1, len(text)), "last " + repr(text[-1]))


@rule("Z901", "probe-digest", "info")
def digest(report, options):
    """A digest of the decoded, newline-normalised text."""
    yield Finding(Span(0, 0), "sha256:" + hashlib.sha256(report.text.encode("utf-8")).hexdigest())


@rule("Z902", "probe-source", "info")
def source(report, options):
    """The newline style and BOM the source was read with."""
    document = report.document
    yield Finding(Span(0, 0), f"newline={document.newline!r} bom={document.bom}")
'''


def install_probe(root: Path) -> Path:
    package = root / "govlint_probe_encoding"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(PROBE), encoding="utf-8")
    info = root / "govlint_probe_encoding-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govlint-probe-encoding\nVersion: 0.1\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text("[govlint.rules]\nprobe = govlint_probe_encoding\n",
                                           encoding="utf-8")
    return root


def run(args, probe: Path, stdin: bytes | None = None, cwd: Path = ROOT):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(probe), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-m", "govlint", "--format", "json", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, timeout=300)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    assert "cannot load rule pack" not in err, err
    return proc.returncode, json.loads(out)


def key(d: dict) -> tuple:
    return (d["code"], d["line"], d["column"], d["end_line"], d["end_column"], d["message"])


def comparable(entry: dict) -> list[tuple]:
    """Diagnostics that must not depend on encoding or newline style."""
    return sorted(key(d) for d in entry["diagnostics"] if d["code"] != "Z902")


def expected_positions(text: str) -> list[tuple]:
    """The probe's Z900 diagnostics, computed here independently of govlint."""
    lines = text.split("\n")
    starts, offset = [], 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1

    def position(offset: int) -> tuple[int, int]:
        line = max(i for i, s in enumerate(starts) if s <= offset)
        return line + 1, offset - starts[line] + 1

    out = []
    start = text.find("公开")
    while start >= 0:
        out.append(("Z900", *position(start), *position(start + 2), "公开"))
        start = text.find("公开", start + 2)
    for index, char in enumerate(text):
        if char == "\n" and 0 < index < len(text) - 1:
            out.append(("Z900", *position(index - 1), *position(index + 2),
                        "break " + repr(text[index - 1:index + 2])))
    if text and text[-1] != "\n":
        out.append(("Z900", *position(len(text) - 1), *position(len(text)), "last " + repr(text[-1])))
    return sorted(out)


def sha(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> Path:
    return install_probe(tmp_path_factory.mktemp("probe"))


@pytest.fixture(scope="module")
def variants(tmp_path_factory, probe):
    """Write every report × newline × encoding variant, lint them in one run."""
    directory = tmp_path_factory.mktemp("variants")
    made = {}
    for report, path in REPORTS.items():
        text = path.read_text(encoding="utf-8")
        assert "\r" not in text
        for nl_name, newline in NEWLINES.items():
            for enc_name, (encode, _, _) in ENCODINGS.items():
                name = f"{report}_{nl_name}_{enc_name}.txt"
                (directory / name).write_bytes(encode(text.replace("\n", newline)))
                made[name] = (report, nl_name, enc_name)
    code, data = run([str(directory)], probe)
    results = {Path(f["path"]).name: f for f in data["files"]}
    assert set(results) == set(made)
    return made, results, code


def test_probe_pack_is_active(variants):
    _, results, _ = variants
    entry = results["002_lf_utf8.txt"]
    codes = {d["code"] for d in entry["diagnostics"]}
    assert {"Z900", "Z901", "Z902"} <= codes


def test_no_variant_fails_to_decode(variants):
    made, results, code = variants
    for name in made:
        assert results[name]["error"] is None, (name, results[name]["error"])
        assert not [d for d in results[name]["diagnostics"] if d["code"].startswith("E")], name
    assert code in (0, 1)


@pytest.mark.parametrize("enc_name", list(ENCODINGS))
def test_detected_encoding_is_reported(variants, enc_name):
    made, results, _ = variants
    expected = ENCODINGS[enc_name][1]
    for name, (_, _, variant_encoding) in made.items():
        if variant_encoding == enc_name:
            assert results[name]["encoding"] == expected, name


@pytest.mark.parametrize("report", list(REPORTS))
def test_same_diagnostics_in_every_encoding_and_newline_style(variants, report):
    made, results, _ = variants
    baseline = comparable(results[f"{report}_lf_utf8.txt"])
    assert baseline
    for name, (rep, _, _) in made.items():
        if rep == report:
            assert comparable(results[name]) == baseline, name


@pytest.mark.parametrize("report", list(REPORTS))
def test_positions_and_text_match_an_independent_computation(variants, report):
    """Not just equal to each other: equal to what the UTF-8 text says."""
    _, results, _ = variants
    text = REPORTS[report].read_text(encoding="utf-8")
    entry = results[f"{report}_cr_utf16be.txt"]
    got = sorted(key(d) for d in entry["diagnostics"] if d["code"] == "Z900")
    assert got == expected_positions(text)
    digests = [d["message"] for d in entry["diagnostics"] if d["code"] == "Z901"]
    assert digests == [sha(text)]


def test_newline_style_and_bom_are_remembered(variants):
    made, results, _ = variants
    for name, (_, nl_name, enc_name) in made.items():
        messages = [d["message"] for d in results[name]["diagnostics"] if d["code"] == "Z902"]
        assert messages == [f"newline={NEWLINES[nl_name]!r} bom={ENCODINGS[enc_name][2]}"], name


def test_encoding_override_gb18030(tmp_path, probe):
    text = REPORTS["003"].read_text(encoding="utf-8")
    (tmp_path / "report.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    code_auto, auto = run([str(tmp_path / "report.txt")], probe)
    code_forced, forced = run(["--encoding", "gb18030", str(tmp_path / "report.txt")], probe)
    assert forced["files"][0]["encoding"] == "gb18030"
    assert forced["files"][0]["error"] is None
    assert comparable(forced["files"][0]) == comparable(auto["files"][0])
    assert code_forced == code_auto
    assert [d["message"] for d in forced["files"][0]["diagnostics"] if d["code"] == "Z901"] == [sha(text)]


def test_encoding_override_beats_detection(tmp_path, probe):
    """GB18030 bytes that also happen to be valid UTF-8: detection picks
    UTF-8 (and gets other characters); --encoding gb18030 reads the text
    that was written."""
    text = "实施水平\n全省实时\n"
    data = text.encode("gb18030")
    misread = data.decode("utf-8")          # precondition: valid UTF-8 too
    assert misread != text
    path = tmp_path / "ambiguous.txt"
    path.write_bytes(data)

    _, auto = run([str(path)], probe)
    assert auto["files"][0]["encoding"] == "utf-8"
    assert [d["message"] for d in auto["files"][0]["diagnostics"] if d["code"] == "Z901"] == [sha(misread)]

    _, forced = run(["--encoding", "gb18030", str(path)], probe)
    assert forced["files"][0]["encoding"] == "gb18030"
    assert [d["message"] for d in forced["files"][0]["diagnostics"] if d["code"] == "Z901"] == [sha(text)]


def test_encoding_override_that_does_not_fit_is_a_decode_error(tmp_path, probe):
    path = tmp_path / "gb.txt"
    path.write_bytes(REPORTS["002"].read_text(encoding="utf-8").encode("gb18030"))
    code, data = run(["--encoding", "utf-8", str(path)], probe)
    assert code == 2
    entry = data["files"][0]
    assert entry["encoding"] is None
    assert entry["error"].startswith("E004 ")
    assert [d["code"] for d in entry["diagnostics"]] == ["E004"]


def test_encoding_override_strips_matching_bom(tmp_path, probe):
    text = REPORTS["002"].read_text(encoding="utf-8")
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    _, data = run(["--encoding", "utf-8", str(path)], probe)
    entry = data["files"][0]
    assert entry["encoding"] == "utf-8"
    assert [d["message"] for d in entry["diagnostics"] if d["code"] == "Z901"] == [sha(text)]
    assert sorted(key(d) for d in entry["diagnostics"] if d["code"] == "Z900") == expected_positions(text)


def test_unknown_encoding_is_a_usage_error(tmp_path, probe):
    path = tmp_path / "r.txt"
    path.write_bytes(REPORTS["002"].read_bytes())
    proc = subprocess.run([sys.executable, "-m", "govlint", "--encoding", "no-such-codec", str(path)],
                          cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8", "replace")
    assert "no-such-codec" in err and "Traceback" not in err


@pytest.mark.parametrize("lines", [1, 3, 12])
def test_short_gb2312_file_is_read_as_gb18030(tmp_path, probe, lines):
    """chardet has little to go on in a short file; GB2312 must still come out right."""
    text = "\n".join(REPORTS["002"].read_text(encoding="utf-8").split("\n")[:lines]) + "\n"
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("gb2312"))
    _, data = run([str(path)], probe)
    entry = data["files"][0]
    assert entry["encoding"] == "gb18030"
    assert [d["message"] for d in entry["diagnostics"] if d["code"] == "Z901"] == [sha(text)]


@pytest.mark.parametrize("enc_name", ["gb18030", "utf16le", "utf8bom"])
def test_stdin_is_decoded_like_a_file(tmp_path, probe, enc_name):
    text = REPORTS["002"].read_text(encoding="utf-8").replace("\n", "\r\n")
    encode, expected, _ = ENCODINGS[enc_name]
    _, data = run(["-", "--stdin-filename", "in.txt"], probe, stdin=encode(text))
    entry = data["files"][0]
    assert entry["path"] == "in.txt"
    assert entry["encoding"] == expected
    assert [d["message"] for d in entry["diagnostics"] if d["code"] == "Z901"] == [sha(text.replace("\r\n", "\n"))]


def test_big5_report_is_not_taken_for_gb18030():
    """Big5 bytes are mostly valid GB18030 as well; a traditional-character
    report in Big5 must still be read as Big5, not as GB18030 mojibake."""
    from govlint.reading.source import decode, reads_as_chinese
    from test_tables import to_traditional

    mirror = to_traditional(REPORTS["003"].read_text(encoding="utf-8"))
    data = mirror.encode("big5hkscs", errors="replace")   # a few simplified-only characters become "?"
    data.decode("gb18030")          # the trap: this succeeds
    assert not reads_as_chinese(data.decode("gb18030")[:2000])
    source = decode(data, "mirror.txt")
    assert source.encoding == "big5hkscs" and source.text == data.decode("big5hkscs")
    assert "總計" in source.text


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_gb18030_reads_as_chinese(name):
    from govlint.reading.source import reads_as_chinese

    text = REPORTS[name].read_text(encoding="utf-8")
    assert reads_as_chinese(text[:2000])
    assert not reads_as_chinese("Annual report 2024, no Chinese here. " * 50)
