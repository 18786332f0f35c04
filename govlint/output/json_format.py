"""The versioned JSON document editors and scripts consume.

Schema (version 1), documented in README.md and docs/json-schema.json:
{"version": 1, "files": [{"path", "encoding", "error", "diagnostics": [
  {"code", "name", "severity", "message", "line", "column", "end_line",
   "end_column", "fix"?, "related"?}]}]}
Positions are 1-based, end exclusive, columns in Unicode code points.
"""
from __future__ import annotations

import json

SCHEMA_VERSION = 1


def render(results) -> str:
    return json.dumps({"version": SCHEMA_VERSION, "files": [r.to_json() for r in results]},
                      ensure_ascii=False, indent=2) + "\n"
