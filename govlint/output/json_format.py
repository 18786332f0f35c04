"""The versioned JSON document editors and scripts consume.

Schema (version 1), documented in README.md and docs/json-schema.json:
{"version": 1, "files": [{"path", "encoding", "error", "diagnostics": [
  {"code", "name", "severity", "message", "line", "column", "end_line",
   "end_column", "fix"?, "related"?, "fingerprint"?}]}]}
Output is written by output/reporters.Json, one file per line, streamed.
Positions are 1-based, end exclusive, columns in Unicode code points.
"""
from __future__ import annotations

SCHEMA_VERSION = 1
