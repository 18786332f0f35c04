"""Line-oriented formats: concise text and JSON lines."""
from __future__ import annotations

import json


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

