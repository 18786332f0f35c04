"""Line-oriented formats: concise text, JSON lines, and per-rule statistics."""
from __future__ import annotations

import json
from collections import Counter


def render_concise(results) -> str:
    return "".join(f"{r.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for r in results for d in r.diagnostics)


def render_json_lines(results) -> str:
    out = []
    for result in results:
        for d in result.diagnostics:
            out.append(json.dumps({"path": result.path, "encoding": result.encoding, **d.to_json()},
                                  ensure_ascii=False))
        if not result.diagnostics and result.error:
            out.append(json.dumps({"path": result.path, "encoding": result.encoding, "error": result.error},
                                  ensure_ascii=False))
    return "".join(line + "\n" for line in out)


def render_statistics(results) -> str:
    counts = Counter((d.code, d.name, d.severity) for r in results for d in r.diagnostics)
    files = len(results)
    with_findings = sum(1 for r in results if r.diagnostics)
    unreadable = sum(1 for r in results if r.error and any(d.code in ("E001", "E002", "E003", "E004")
                                                         for d in r.diagnostics))
    lines = [f"{n:>6}  {code}  {name:<26} {severity}" for (code, name, severity), n in
             sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    by_severity = Counter(d.severity for r in results for d in r.diagnostics)
    lines.append(f"{files} files checked, {with_findings} with findings, {unreadable} unreadable; "
                 + ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info")))
    return "".join(line + "\n" for line in lines)
