"""One reporter per output format; each takes results one file at a time,
so output streams and memory does not grow with the number of files."""
from __future__ import annotations

import json
import re
from collections import Counter

FORMATS = ("text", "json", "json-lines", "concise", "github", "sarif", "junit", "gitlab", "rdjson", "html")


class Reporter:
    def __init__(self, out):
        self.out = out

    def start(self):
        pass

    def file(self, result):
        raise NotImplementedError

    def finish(self, results_seen: int, counts: Counter):
        pass


class Plain(Reporter):
    """Lines only, and at the end the count of fixable findings if any."""

    def __init__(self, out, unsafe: bool = False):
        super().__init__(out)
        from govlint.output.text import Fixable

        self.unsafe = unsafe
        self.fixable = Fixable(unsafe)

    def file(self, result):
        from govlint.output.text import render_plain

        self.fixable.add(result)
        self.out.write(render_plain([result], unsafe=self.unsafe))

    def finish(self, results_seen, counts):
        line = self.fixable.line()
        if line:
            self.out.write(line + "\n")


class Rich(Reporter):
    def __init__(self, out, console, unsafe: bool = False):
        super().__init__(out)
        from govlint.output.text import Fixable

        self.console = console
        self.unsafe = unsafe
        self.fixable = Fixable(unsafe)

    def file(self, result):
        from govlint.output.text import render_rich_file

        self.fixable.add(result)
        render_rich_file(result, self.console, unsafe=self.unsafe)

    def finish(self, results_seen, counts):
        from govlint.output.text import render_summary

        render_summary(counts, results_seen, self.console, self.fixable)


class Json(Reporter):
    def start(self):
        from govlint.output.json_format import SCHEMA_VERSION

        self.raw = _utf8_bytes(self.out)
        self._write(f'{{"version": {SCHEMA_VERSION}, "files": [')
        self.first = True

    def _write(self, text) -> None:
        """Text, or UTF-8 bytes as output/stream.py encodes text."""
        if self.raw is not None:
            self.raw.write(text if isinstance(text, bytes) else text.encode("utf-8", ERRORS))
        else:
            self.out.write(text.decode("utf-8") if isinstance(text, bytes) else text)

    def file(self, result):
        # One file per line, compact: the C encoder is many times faster
        # than indented output, and the document is for programs.
        diagnostics = result.diagnostics
        if diagnostics and "_json" in diagnostics[0].__dict__:
            text = _composed(result)
        else:
            text = json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":"))
        self._write(b"\n" if self.first else b",\n")
        self._write(text)
        self.first = False

    def finish(self, results_seen, counts):
        self._write("\n]}\n" if not self.first else "]}\n")
        if self.raw is not None:
            self.raw.flush()


ERRORS = "backslashreplace"     # output/stream.ERRORS


def _utf8_bytes(out):
    """The byte stream under out when out writes text to it exactly as
    UTF-8 with backslash escapes (output/stream.py): diagnostics read back
    from the result index carry their JSON text as those bytes already."""
    import codecs

    buffer = getattr(out, "buffer", None)
    try:
        same = codecs.lookup(out.encoding).name == "utf-8" and out.errors == ERRORS
    except (AttributeError, LookupError, TypeError):
        return None
    if buffer is None or not same:
        return None
    out.flush()
    return buffer


def _composed(result) -> bytes:
    """json.dumps(result.to_json()) in the compact form, as UTF-8 bytes with
    backslash escapes, from the JSON text that diagnostics read back from the
    result index carry (engine/cache.py): a compact object is its members'
    texts joined."""
    parts = [d.__dict__.get("_json") or _dumps(d.to_json()).encode("utf-8", ERRORS) for d in result.diagnostics]
    kind = f',"format":{_dumps(result.format)}' if result.format != "text" else ""
    path = result.path
    # What json.dumps(ensure_ascii=False) does to a string without a quote,
    # backslash or control character: quotes it.
    path = f'"{path}"' if _PLAIN.fullmatch(path) else _dumps(path)
    encoding = _NAMES.get(result.encoding) or _dumps(result.encoding)
    error = "null" if result.error is None else _dumps(result.error)
    head = f'{{"path":{path},"encoding":{encoding},"error":{error},"diagnostics":['
    return head.encode("utf-8", ERRORS) + b",".join(parts) + f"]{kind}}}".encode("utf-8", ERRORS)


_NAMES = {name: f'"{name}"' for name in ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "utf-16")}
_NAMES[None] = "null"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')


class JsonLines(Reporter):
    def file(self, result):
        from govlint.output.lines import render_json_lines

        self.out.write(render_json_lines([result]))


class Concise(Reporter):
    def file(self, result):
        from govlint.output.lines import render_concise

        self.out.write(render_concise([result]))


class Github(Reporter):
    def file(self, result):
        from govlint.output.github import render

        self.out.write(render([result]))


class Sarif(Reporter):
    """SARIF needs the rules used by all results: collect, then write."""

    def __init__(self, out, rules, docs_url: str | None = None):
        super().__init__(out)
        self.rules = rules
        self.docs_url = docs_url
        self.results = []

    def file(self, result):
        result.text = None
        self.results.append(result)

    def finish(self, results_seen, counts):
        from govlint.output.sarif import render

        self.out.write(render(self.results, self.rules, self.docs_url))


class Collected(Reporter):
    """A format written as one document at the end (junit, gitlab, rdjson)."""

    module = ""

    def __init__(self, out):
        super().__init__(out)
        self.results = []

    def file(self, result):
        self.results.append(result)

    def finish(self, results_seen, counts):
        import importlib

        self.out.write(importlib.import_module(f"{__package__}.{self.module}").render(self.results))


class Junit(Collected):
    module = "junit"

    def __init__(self, out, fail_on: str = "warning"):
        super().__init__(out)
        self.fail_on = fail_on

    def finish(self, results_seen, counts):
        from govlint.output.junit import render

        self.out.write(render(self.results, self.fail_on))


class Gitlab(Collected):
    module = "gitlab"


class Rdjson(Collected):
    module = "rdjson"

    def __init__(self, out, docs_url: str | None = None):
        super().__init__(out)
        self.docs_url = docs_url

    def finish(self, results_seen, counts):
        from govlint.output.rdjson import render

        self.out.write(render(self.results, self.docs_url))


def Html(out):
    """The office view of a folder: one self-contained page (html_report.py)."""
    from govlint.output.html_report import HtmlSummary

    return HtmlSummary(out)


class Statistics(Reporter):
    def __init__(self, out, unsafe: bool = False):
        super().__init__(out)
        from govlint.output.text import Fixable

        self.rows = Counter()
        self.fixable_rows = Counter()
        self.unsafe = unsafe
        self.fixable = Fixable(unsafe)
        self.files = self.with_findings = self.unreadable = 0
        self.severities = Counter()

    def file(self, result):
        self.files += 1
        self.with_findings += bool(result.diagnostics)
        self.unreadable += any(d.code in ("E001", "E002", "E003", "E004", "E010", "E011", "E012", "E013", "E014")
                               for d in result.diagnostics)
        from govlint.output.text import is_fixable

        fmt = getattr(result, "format", "text")
        self.fixable.add(result)
        for d in result.diagnostics:
            self.rows[(d.code, d.name)] += 1
            self.fixable_rows[(d.code, d.name)] += is_fixable(d, fmt, self.unsafe)
            self.severities[d.severity] += 1

    def finish(self, results_seen, counts):
        """count  CODE  [*] name: [*] when --fix fixes every finding of the
        rule, [-] when it fixes some of them."""
        from govlint.i18n import t

        for (code, name), n in sorted(self.rows.items(), key=lambda item: (-item[1], item[0])):
            fixable = self.fixable_rows[(code, name)]
            mark = "[*]" if fixable == n else ("[-]" if fixable else "   ")
            self.out.write(f"{n:>7}  {code}  {mark} {name}\n")
        zh = {"error": "错误", "warning": "警告", "info": "提示"}
        self.out.write(t(f"{self.files} file{'' if self.files == 1 else 's'} checked, {self.with_findings} with findings, "
                         f"{self.unreadable} unreadable; "
                         + ", ".join(f"{self.severities[s]} {s}" for s in ("error", "warning", "info")),
                         f"检查 {self.files} 个文件，{self.with_findings} 个有问题，{self.unreadable} 个无法读取；"
                         + "，".join(f"{zh[s]} {self.severities[s]} 个" for s in ("error", "warning", "info")))
                       + "\n")
        line = self.fixable.line()
        if line:
            self.out.write(line + "\n")


# The machine formats by name (text and statistics are built in check._reporter).
BY_NAME = {"json": Json, "json-lines": JsonLines, "concise": Concise, "github": Github,
           "junit": Junit, "gitlab": Gitlab, "rdjson": Rdjson, "html": Html}
