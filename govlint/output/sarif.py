"""SARIF 2.1.0, as GitHub code scanning accepts it."""
from __future__ import annotations

import json
import os

from govlint import __version__
from govlint.reading.locations import describe

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# Characters a relative URI reference may hold as they are (RFC 3986: unreserved,
# sub-delims, "@" and the "/" between segments); ":" is left out so that a
# first segment is never read as a scheme.
_URI_KEEP = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@/")


def _uri(path: str) -> str:
    """A relative URI for a path. Other ASCII characters (space, #, %, ?, :)
    are percent-encoded; so is a byte of the name that is not UTF-8
    (a surrogate escape, \udcff → %FF), so that the URI is valid and names
    the same file. Other characters stay as they are (an IRI), as the
    code-scanning view shows them."""
    if path == "-":
        return "stdin"
    relative = path
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:          # another drive (Windows)
            relative = path
    out = []
    for ch in relative.replace(os.sep, "/"):
        if ch in _URI_KEEP or (ch > "\x7f" and not "\ud800" <= ch <= "\udfff"):
            out.append(ch)
        else:
            try:
                raw = ch.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:      # a lone surrogate that is not an escaped byte
                raw = ch.encode("utf-8", "surrogatepass")
            out.append("".join(f"%{byte:02X}" for byte in raw))
    return "".join(out)


def render(results, rules, docs_url: str | None = None) -> str:
    """The SARIF log. Rule descriptions and help are in the language in
    use (i18n.py; `language` says which); helpUri links each rule's page
    (docs.py) when its URL is known."""
    from govlint.output.rule_pages import base_url, markdown, url_for
    from govlint.engine.lint import ENGINE_CODES
    from govlint.i18n import lang

    language = lang()
    base = base_url(docs_url)
    used = sorted({d.code for r in results for d in r.diagnostics})
    known = {r.code: r for r in rules}
    descriptors, index = [], {}
    for code in used:
        rule = known.get(code)
        builtin = rule is None or rule.origin.startswith("govlint.rules.")
        if rule is not None:
            name, doc, level = rule.name, rule.documentation(language), LEVELS[rule.severity]
            summary = rule.summary_in(language)
            doc_lang = language if (language == "en" or rule.doc_zh) else "en"
        else:
            entry = ENGINE_CODES.get(code)
            if entry is not None:
                name, doc, summary = entry.name, entry.documentation(language), entry.summary_in(language)
            else:
                name, doc, summary = "internal-error", "", ""
            level, doc_lang = "error", language
        index[code] = len(descriptors)
        descriptor = {
            "id": code, "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": doc},
            "help": {"text": doc, "markdown": markdown(doc, doc_lang) if doc else doc},
            "defaultConfiguration": {"level": level},
            "properties": {"tags": [name]},
        }
        link = url_for(code, base) if builtin else None
        if link:
            descriptor["helpUri"] = link
        descriptors.append(descriptor)
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
            "language": "zh-CN" if language == "zh" else "en-US",
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
