"""One reporter per output format; each takes results one file at a time,
so output streams and memory does not grow with the number of files."""
from __future__ import annotations

import json
from collections import Counter

FORMATS = ("text", "json", "json-lines", "concise", "github", "sarif", "html")


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
    def file(self, result):
        from .text import render_plain

        self.out.write(render_plain([result]))


class Rich(Reporter):
    def __init__(self, out, console):
        super().__init__(out)
        self.console = console

    def file(self, result):
        from .text import render_rich_file

        render_rich_file(result, self.console)

    def finish(self, results_seen, counts):
        from .text import render_summary

        render_summary(counts, results_seen, self.console)


class Json(Reporter):
    def start(self):
        from .json_format import SCHEMA_VERSION

        self.out.write(f'{{"version": {SCHEMA_VERSION}, "files": [')
        self.first = True

    def file(self, result):
        # One file per line, compact: the C encoder is many times faster
        # than indented output, and the document is for programs.
        text = json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":"))
        self.out.write(("\n" if self.first else ",\n") + text)
        self.first = False

    def finish(self, results_seen, counts):
        self.out.write("\n]}\n" if not self.first else "]}\n")


class JsonLines(Reporter):
    def file(self, result):
        from .lines import render_json_lines

        self.out.write(render_json_lines([result]))


class Concise(Reporter):
    def file(self, result):
        from .lines import render_concise

        self.out.write(render_concise([result]))


class Github(Reporter):
    def file(self, result):
        from .github import render

        self.out.write(render([result]))


class Sarif(Reporter):
    """SARIF needs the rules used by all results: collect, then write."""

    def __init__(self, out, rules):
        super().__init__(out)
        self.rules = rules
        self.results = []

    def file(self, result):
        result.text = None
        self.results.append(result)

    def finish(self, results_seen, counts):
        from .sarif import render

        self.out.write(render(self.results, self.rules))


def Html(out):
    """The office view of a folder: one self-contained page (html_report.py)."""
    from .html_report import HtmlSummary

    return HtmlSummary(out)


class Statistics(Reporter):
    def __init__(self, out):
        super().__init__(out)
        self.rows = Counter()
        self.files = self.with_findings = self.unreadable = 0
        self.severities = Counter()

    def file(self, result):
        self.files += 1
        self.with_findings += bool(result.diagnostics)
        self.unreadable += any(d.code in ("E001", "E002", "E003", "E004", "E010", "E011", "E012", "E013", "E014")
                               for d in result.diagnostics)
        for d in result.diagnostics:
            self.rows[(d.code, d.name)] += 1
            self.severities[d.severity] += 1

    def finish(self, results_seen, counts):
        for (code, name), n in sorted(self.rows.items(), key=lambda item: (-item[1], item[0])):
            self.out.write(f"{n:>7}  {code}  {name}\n")
        self.out.write(f"{self.files} files checked, {self.with_findings} with findings, "
                       f"{self.unreadable} unreadable; "
                       + ", ".join(f"{self.severities[s]} {s}" for s in ("error", "warning", "info")) + "\n")
