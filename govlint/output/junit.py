"""JUnit XML, as CI systems read test reports (GitLab's test report,
Jenkins, Azure Pipelines): one <testsuite> per linted file, one <testcase>
per finding (`CODE name` at line:column), a <failure> for a finding at or
above the failing level (--fail-on; an <error> for a file that could not be
linted), and a passing test case for a file without findings, so that a
clean report shows as passed. Findings below the failing level are passing
test cases that keep the finding in <system-out>.
"""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from govlint.rule import SEVERITY_RANK

# XML 1.0 cannot hold these characters at all, even escaped.
_INVALID = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])


def _clean(text: str) -> str:
    text = text.translate(_INVALID)
    return "".join(ch if not "\ud800" <= ch <= "\udfff" else "\ufffd" for ch in text)


def _attr(text: str) -> str:
    return quoteattr(_clean(text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _failing(severity: str, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY_RANK.get(severity, 2) >= SEVERITY_RANK.get(fail_on, 1)


def render(results, fail_on: str = "warning") -> str:
    suites = []
    totals = [0, 0, 0]          # tests, failures, errors
    for result in results:
        cases, failures, errors = [], 0, 0
        for d in result.diagnostics:
            name = f"{d.code} {d.name} {d.line}:{d.column}"
            text = f"{result.path}:{d.line}:{d.column}: {d.code} [{d.severity}] {d.message}"
            if d.code.startswith("E"):
                errors += 1
                body = (f'<error message={_attr(d.message)} type={_attr(d.code)}>'
                        f'{escape(_clean(text))}</error>')
            elif _failing(d.severity, fail_on):
                failures += 1
                body = (f'<failure message={_attr(d.message)} type={_attr(d.severity)}>'
                        f'{escape(_clean(text))}</failure>')
            else:
                body = f"<system-out>{escape(_clean(text))}</system-out>"
            cases.append(f'    <testcase classname={_attr(result.path)} name={_attr(name)} '
                         f'file={_attr(result.path)} line="{d.line}">{body}</testcase>')
        if not cases:
            cases.append(f'    <testcase classname={_attr(result.path)} name="govlint" file={_attr(result.path)}/>')
        suites.append(f'  <testsuite name={_attr(result.path)} tests="{len(cases)}" failures="{failures}" '
                      f'errors="{errors}" skipped="0">\n' + "\n".join(cases) + "\n  </testsuite>")
        totals[0] += len(cases)
        totals[1] += failures
        totals[2] += errors
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="govlint" tests="{totals[0]}" failures="{totals[1]}" errors="{totals[2]}">\n'
            + "".join(suite + "\n" for suite in suites) + "</testsuites>\n")
