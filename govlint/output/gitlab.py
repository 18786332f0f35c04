"""GitLab Code Quality (a Code Climate issue list), for a CI job's
`artifacts: reports: codequality`: a JSON array, one issue per finding,
with its path (relative to the repository root: run govlint there),
the line range, a severity GitLab knows and a fingerprint that is unique
in the report and stable across commits (the finding's content
fingerprint with its path and code), so that merge requests show new and
fixed findings rather than every finding again.
"""
from __future__ import annotations

import hashlib
import json
import os

SEVERITY = {"error": "critical", "warning": "major", "info": "info"}
# Code Climate categories: the families about the numbers are risks, the rest style.
CATEGORY = {"S": "Style", "A": "Style", "P": "Bug Risk", "T": "Bug Risk", "C": "Bug Risk", "X": "Bug Risk",
            "E": "Bug Risk"}


def _path(path: str) -> str:
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:
            pass
    return path.replace(os.sep, "/")


def render(results) -> str:
    issues = []
    for result in results:
        path = _path(result.path)
        for d in result.diagnostics:
            material = f"{path}\0{d.code}\0{d.fingerprint or d.message}"
            issues.append({
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.name}: {d.message}",
                "categories": [CATEGORY.get(d.code[:1], "Style")],
                "severity": SEVERITY.get(d.severity, "major"),
                "fingerprint": hashlib.md5(material.encode("utf-8", "surrogatepass")).hexdigest(),
                "location": {"path": path, "lines": {"begin": d.line, "end": max(d.end_line, d.line)}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
