"""SARIF 2.1.0, as GitHub code scanning accepts it."""
from __future__ import annotations

import json
import os

from .. import __version__
from ..readers.locations import describe

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return relative.replace(os.sep, "/")


def render(results, rules) -> str:
    used = sorted({d.code for r in results for d in r.diagnostics})
    known = {r.code: r for r in rules}
    descriptors, index = [], {}
    for code in used:
        rule = known.get(code)
        if rule is not None:
            name, summary, doc, level = rule.name, rule.summary, rule.doc, LEVELS[rule.severity]
        else:
            from ..engine import ENGINE_CODES

            name, doc = ENGINE_CODES.get(code, ("internal-error", ""))
            summary, level = doc.split(".")[0] + ".", "error"
        index[code] = len(descriptors)
        descriptors.append({
            "id": code, "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": doc},
            "help": {"text": doc, "markdown": doc},
            "defaultConfiguration": {"level": level},
            "properties": {"tags": [name]},
        })
    sarif_results = []
    for result in results:
        for d in result.diagnostics:
            region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line,
                      "endColumn": max(d.end_column, d.column + (1 if d.end_line == d.line else 0))}
            item = {
                "ruleId": d.code, "ruleIndex": index[d.code], "level": LEVELS.get(d.severity, "warning"),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)},
                                                    "region": region}}],
                "partialFingerprints": {"govlint/v1": d.fingerprint or d.code},
            }
            if d.original:
                # The region is in the text rendering (govlint --show-text);
                # this is where the finding is in the .docx / .pdf / web page.
                item["properties"] = {"original": d.original,
                                      "originalLocation": describe(d.original, result.format)}
            if d.related:
                item["relatedLocations"] = [
                    {"id": i, "message": {"text": r["message"]},
                     "physicalLocation": {"artifactLocation": {"uri": _uri(result.path)},
                                          "region": {"startLine": r["line"], "startColumn": r["column"],
                                                     "endLine": r["end_line"], "endColumn": r["end_column"]}}}
                    for i, r in enumerate(d.related)]
            sarif_results.append(item)
    document = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "govlint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/govlint/", "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
