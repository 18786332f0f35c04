"""The model stage: a document's report model, built once before the rules.

build_report(document, needs) reads the report's structure (parse_report),
then each part the needs name and the parts those are read from, in order
(govlint/model/parts.py). A part whose reading raises is recorded in
report.failures, and so is every part read from it (as PartNotBuilt naming
the part that failed): nothing is retried, and the engine reports each
failure once and skips the rules that need it. Parts not asked for are not
read, so `govlint --select A` never reads a table.

guard (optional) is called as a context manager around each part, for the
engine's time limit.
"""
from __future__ import annotations

from contextlib import nullcontext

from govlint.model.document import Document
from govlint.model.parts import PARTS, PartNotBuilt, closure, in_order
from govlint.model.report import Report, parse_report


def build_report(document: Document, needs=None, guard=None) -> Report:
    """The structure of document and the parts needs asks for (None: all)."""
    report = parse_report(document)
    build_parts(report, needs, guard)
    return report


def build_parts(report: Report, needs=None, guard=None) -> None:
    """Read the parts needs asks for (None: all) into report, recording
    the failures."""
    for name in in_order(closure(needs)):
        if name in report.failures:
            continue
        failed = next((p for p in PARTS[name].after if p in report.failures), None)
        if failed is not None:
            report.failures[name] = root_failure(report, failed)
            continue
        try:
            with guard() if guard else nullcontext():
                report.part(name)
        except Exception as exc:   # a failing reader must never take the run down
            report.failures[name] = exc


def root_failure(report: Report, name: str) -> PartNotBuilt:
    """Why part name could not be read, naming the part whose own reading
    failed (name itself, or a part it is read from)."""
    error = report.failures[name]
    if isinstance(error, PartNotBuilt):
        return error
    return PartNotBuilt(name, error)


def failed_part(report: Report, needs) -> str | None:
    """Why a rule with these needs cannot run: the part (among its needs
    and the parts they are read from) whose own reading failed; None when
    it can run."""
    for name in in_order(closure(needs)):
        if name in report.failures:
            return root_failure(report, name).part
    return None
