"""reviewdog's Diagnostic Format (rdjson), for `reviewdog -f=rdjson`: one
DiagnosticResult with a diagnostic per finding: message, path, range,
severity, the rule code (with a link to its page when one is known, see
docs.py) and a fix as suggestions, which reviewdog turns into suggested
changes on a pull request. reviewdog counts columns in UTF-8 bytes
(1-based), so they are converted from govlint's code points with the
line's text.
"""
from __future__ import annotations

import json

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def _byte_column(lines: list[str], line: int, column: int) -> int:
    if not 1 <= line <= len(lines):
        return column
    text = lines[line - 1]
    prefix = text[:column - 1]
    beyond = max(0, column - 1 - len(prefix))
    return len(prefix.encode("utf-8", "surrogatepass")) + beyond + 1


def _range(lines, line, column, end_line, end_column) -> dict:
    return {"start": {"line": line, "column": _byte_column(lines, line, column)},
            "end": {"line": end_line, "column": _byte_column(lines, end_line, end_column)}}


def render(results, docs_url: str | None = None) -> str:
    from govlint.output.rule_pages import base_url, url_for
    from govlint.engine.registry import load_rules

    base = base_url(docs_url)
    builtin = {r.code for r in load_rules().rules if r.origin.startswith("govlint.rules.")}
    diagnostics = []
    for result in results:
        lines = result.text.split("\n") if result.text else []
        for d in result.diagnostics:
            item = {
                "message": d.message,
                "location": {"path": result.path,
                             "range": _range(lines, d.line, d.column, d.end_line, d.end_column)},
                "severity": SEVERITY.get(d.severity, "WARNING"),
                "source": {"name": "govlint"},
                "code": {"value": d.code},
                "original_output": f"{result.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}",
            }
            link = url_for(d.code, base) if d.code in builtin or d.code.startswith("E") else None
            if link:
                item["code"]["url"] = link
            if d.fix and d.fix.get("edits"):
                item["suggestions"] = [{"range": _range(lines, e["line"], e["column"], e["end_line"], e["end_column"]),
                                        "text": e["replacement"]} for e in d.fix["edits"]]
            if d.related:
                item["related_locations"] = [
                    {"message": r["message"],
                     "location": {"path": result.path,
                                  "range": _range(lines, r["line"], r["column"], r["end_line"], r["end_column"])}}
                    for r in d.related]
            diagnostics.append(item)
    document = {"source": {"name": "govlint", "url": "https://pypi.org/project/govlint/"}, "diagnostics": diagnostics}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
