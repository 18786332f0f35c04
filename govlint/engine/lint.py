"""Run the selected rules over one input and turn findings into diagnostics.

bytes → Source → Document → Report → Findings → Diagnostics. Every stage is
called from here; the CLI, the language server and the library API are thin
front doors onto lint_bytes / lint_text.

The report model is built in one stage before the rules: its structure,
then the parts the selected rules declare (`needs=`, govlint/model/build.py).
A part that cannot be read is one E997 model-error naming the part; the
rules that need it are skipped, the others run. While a rule runs the
report exposes only the parts it declared.

Every entry point takes an optional `previous`: last year's report of the
same agency. It is parsed the same way and attached as report.previous, for
the rules that compare two years (govlint/rules/cross_year.py); without it those
rules stay silent.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

try:        # CPython's own SHA-1: importing hashlib loads OpenSSL, about 2 % of a cold start
    from _sha1 import sha1
except ImportError:
    from hashlib import sha1

from govlint.model.document import Document, Span
from govlint.engine.guard import RuleTimeout, Watchdog
from govlint.engine.registry import load_rules, select_rules
from govlint.model.build import build_parts, failed_part, root_failure
from govlint.model.parts import PARTS, closure
from govlint.model.report import parse_report
from govlint.rule import Finding, Rule
from govlint.reading import read_document
from govlint.reading.source import InputError, read_path
from govlint.model.text import fold
from govlint.patterns import STORE as PATTERN_STORE

class EngineCode(tuple):
    """One engine code's name and documentation. Unpacks as (name, English
    text), as it always has; .zh is the Chinese text, kept beside it."""

    def __new__(cls, name: str, doc: str, zh: str):
        item = super().__new__(cls, (name, doc))
        item.zh = zh
        return item

    @property
    def name(self) -> str:
        return self[0]

    @property
    def doc(self) -> str:
        return self[1]

    def documentation(self, lang: str | None = None) -> str:
        if lang is None:
            from govlint.i18n import lang as current

            lang = current()
        return self.zh if lang == "zh" else self.doc

    def summary_in(self, lang: str | None = None) -> str:
        """The first clause: up to the first ": " / ". " (or ：/ 。)."""
        import re

        text = self.documentation(lang)
        return re.split(r"(?<=[a-z)]): |\. |[：。]", text, maxsplit=1)[0].rstrip(".")


# Diagnostics the engine itself emits. They cannot be ignored.
ENGINE_CODES = {
    "E001": EngineCode(
        "unreadable-file",
        "The file cannot be read: it does not exist, is a directory, or permission is denied.",
        "无法读取文件：文件不存在、是目录、不是普通文件（FIFO、设备、套接字），或没有读取权限。"),
    "E002": EngineCode(
        "empty-file",
        "The file is empty or holds only whitespace (or only a BOM).",
        "文件为空，或只有空白字符（或只有 BOM）。"),
    "E003": EngineCode(
        "binary-file",
        "The file holds NUL bytes and is not UTF-16 text: it is not a text report.",
        "文件含 NUL 字节，又不是 UTF-16 或 UTF-32 文本：不是文本报告。"),
    "E004": EngineCode(
        "decode-error",
        "The bytes are not text in any encoding govlint detects (BOM, UTF-8, GB18030, UTF-16 and "
        "UTF-32, the rest via chardet) or in the encoding given with --encoding. (A few "
        "undecodable bytes in otherwise good text are read anyway and reported by A006.)",
        "文件内容不是 govlint 能识别的任何编码的文本（BOM、UTF-8、GB18030、UTF-16、UTF-32，其余由 chardet "
        "判断），也不是 --encoding 指定的编码。（正常文本中个别无法解码的字节仍会读取，由 A006 报告。）"),
    "E005": EngineCode(
        "file-too-large",
        "The file (for a .docx, its parts unpacked) is larger than the size limit (50 MB by default; "
        "--max-file-size or max-file-size in the configuration) and was not read.",
        "文件（.docx 为解压后的内容）超过大小上限（默认 50 MB；用 --max-file-size 或配置中的 max-file-size 调整），"
        "未读取。"),
    "E010": EngineCode(
        "unsupported-format",
        "The file is in a format govlint does not read (.doc, .wps, .odt, .rtf, .ofd, "
        "spreadsheets, presentations): save it as .docx (or export a PDF) and lint that.",
        "govlint 不读取这种格式（.doc、.wps、.odt、.rtf、.ofd、电子表格、演示文稿）：请另存为 .docx"
        "（或导出 PDF）后再检查。"),
    "E011": EngineCode(
        "damaged-file",
        "A .docx, .pdf or web page that cannot be opened: a truncated download, a broken ZIP "
        "package, or a file whose contents are not what its name says. Save or download it again.",
        "无法打开的 .docx、PDF 或网页：下载不完整、ZIP 包损坏，或文件内容与扩展名不符（例如保存成 .pdf 的"
        "错误页面）。请重新保存或下载。"),
    "E012": EngineCode(
        "encrypted-file",
        "The PDF is protected by a password: remove the protection (or lint the .docx it was "
        "made from).",
        "PDF 设有密码保护：请去除保护（或检查生成它的 .docx）。"),
    "E013": EngineCode(
        "no-text",
        "The file holds no text to lint: a scanned PDF without a text layer (govlint does no OCR), a "
        "Word file with only pictures, or a web page that only redirects to another address or has "
        "no body text.",
        "文件中没有可检查的文字：没有文字层的扫描 PDF（govlint 不做文字识别）、只有图片的 Word 文件，"
        "或只跳转到其他地址、没有正文的网页。"),
    "E014": EngineCode(
        "missing-reader",
        "The library that reads this format (python-docx, pdfplumber or lxml) is not "
        "installed; the message gives the pip command that installs it.",
        "读取这种格式所需的库（python-docx、pdfplumber 或 lxml）没有安装；提示中给出安装它的 pip 命令。"),
    "E015": EngineCode(
        "pages-without-text",
        "Some pages of the PDF are pictures without a text layer (scanned pages): their content "
        "was not checked, since govlint does no OCR; the other pages were. Lint the .docx the "
        "report was made from, or a PDF exported from it by Word or WPS.",
        "PDF 中有几页是没有文字层的图片（扫描页）：govlint 不做文字识别，这几页的内容没有检查，其余各页照常"
        "检查。请检查报告的 .docx 原件，或由 Word/WPS 直接导出的 PDF。"),
    "E997": EngineCode(
        "model-error",
        "A part of the report model (the statistical tables, the reporting year and period, or "
        "the figures of the prose) could not be read from this file. The rules that need that "
        "part did not run, and the message names them; the other rules still ran. Please report it.",
        "无法从这个文件读取报告模型的某一部分（统计表、报告年度和统计期限，或正文中的数字）。需要这部分"
        "的规则没有运行，提示中列出了这些规则；其他规则照常运行。请报告这个问题。"),
    "E998": EngineCode(
        "rule-timeout",
        "A rule ran past its time limit on this file (10 s by default) and was stopped; the "
        "other rules still ran. The input is probably pathological for that rule: please report it.",
        "某条规则在这个文件上超过时间上限（默认 10 秒），已停止；其他规则照常运行。多半是这份文件让该规则"
        "陷入异常情况：请报告这个问题。"),
    "E999": EngineCode(
        "internal-error",
        "A rule (or the report reader) raised an exception on this file. The other rules still "
        "ran; please report the message.",
        "某条规则（或报告读取程序）在这个文件上出错。其他规则照常运行；请报告这条信息。"),
}


@dataclass
class Options:
    """Everything that decides what a lint run reports."""

    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    severity: dict[str, str] = field(default_factory=dict)   # code or name → severity
    encoding: str | None = None
    rule_options: dict[str, dict] = field(default_factory=dict)
    rule_timeout: float | None = 10.0     # seconds per rule and file (guard.py); None: no limit
    max_file_size: int | None = None      # bytes read per file; None: source.MAX_FILE_SIZE

    def rules(self) -> list[Rule]:
        # Selecting took 0.2 ms, and runs for every linted file: remembered
        # per rule set and selectors.
        loaded = load_rules().rules
        key = (id(loaded), len(loaded),
               *(tuple(part or ()) for part in (self.select, self.ignore, self.extend_select)))
        known = _SELECTED.get(key)
        if known is None or known[0] is not loaded:
            if len(_SELECTED) > 64:
                _SELECTED.clear()
            known = _SELECTED[key] = (loaded, select_rules(loaded, self.select, self.ignore, self.extend_select))
        return list(known[1])


_SELECTED: dict[tuple, tuple[list, list[Rule]]] = {}


@dataclass
class Diagnostic:
    """One located finding, as every output format reports it (1-based,
    end exclusive, columns in code points)."""

    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: dict | None = None
    related: list[dict] = field(default_factory=list)
    start: int = 0      # offsets into the normalised text (not in JSON)
    end: int = 0
    fingerprint: str = ""   # content fingerprint: rule, what the finding is about, the text involved
    original: dict | None = None   # where it is in a .docx / .pdf / .html (readers/locations.Place.to_json)
    # The fix's edits as [start, end, replacement], offsets into the
    # normalised text: what --fix and the editor's "fix all" apply. The
    # fix's lines and columns (in `fix`) are for output only.
    fix_edits: list = field(default_factory=list)

    def __getattr__(self, name: str):
        # Only for a field not yet set: a diagnostic read back from the
        # result index (engine/cache.py) holds the fields its JSON text
        # holds in that text ("_json") until one of them is asked for.
        stored = self.__dict__.get("_json")
        if stored is None or name.startswith("_"):
            raise AttributeError(name)
        from govlint.engine.cache import _IN_JSON_ONLY, _from_json

        if name not in _IN_JSON_ONLY:
            raise AttributeError(name)
        self.__dict__.update(_from_json(stored))
        return self.__dict__[name]

    def to_json(self) -> dict:
        # Built by hand: dataclasses.asdict deep-copies recursively and was
        # the largest cost of a batch run.
        data = {"code": self.code, "name": self.name, "severity": self.severity, "message": self.message,
                "line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column}
        if self.fix:
            data["fix"] = self.fix
        if self.related:
            data["related"] = self.related
        if self.fingerprint:
            data["fingerprint"] = self.fingerprint
        if self.original:
            data["original"] = self.original
        return data


@dataclass
class FileResult:
    """What linting one file gave: its diagnostics, or the error that kept
    it from being read."""
    path: str
    encoding: str | None
    error: str | None
    diagnostics: list[Diagnostic]
    text: str | None = None        # kept for source-line display; not in JSON
    format: str = "text"           # text / docx / pdf / html (readers/)
    facts: dict | None = None      # summary.report_facts, for --format html only; not in JSON

    def to_json(self) -> dict:
        data = {"path": self.path, "encoding": self.encoding, "error": self.error,
                "diagnostics": [d.to_json() for d in self.diagnostics]}
        if self.format != "text":
            data["format"] = self.format
        return data


def _diagnostic(document: Document, code: str, name: str, severity: str, finding: Finding) -> Diagnostic:
    line, column = document.position(finding.span.start)
    end_line, end_column = document.position(finding.span.end)
    fix = None
    fix_edits = []
    if finding.fix:
        fix = {"description": finding.fix.description, "safe": finding.fix.safe,
               "edits": [_edit_json(document, e.span, e.replacement) for e in finding.fix.edits]}
        fix_edits = [[e.span.start, e.span.end, e.replacement] for e in finding.fix.edits]
    related = [dict(_position_json(document, r.span), message=r.message) for r in finding.related]
    return Diagnostic(code, name, severity, finding.message, line, column, end_line, end_column,
                      fix, related, finding.span.start, finding.span.end,
                      _material(document, code, finding), fix_edits=fix_edits)


def _material(document: Document, code: str, finding: Finding) -> str:
    """What a finding is about, independent of where the text sits: the rule,
    the rule's key (table/row/column, section …) and the normalised text."""
    text = fold(document.text[finding.span.start:finding.span.end][:400])
    return f"{code}\0{finding.key}\0{text}"


def _fingerprints(diagnostics: list[Diagnostic]) -> None:
    """Hash each diagnostic's material; identical ones are numbered in order."""
    seen: dict[str, int] = {}
    for d in diagnostics:
        material = d.fingerprint or f"{d.code}\0{d.message}"
        count = seen.get(material, 0)
        seen[material] = count + 1
        # surrogatepass: text from an editor may hold lone surrogates
        digest = sha1(f"{material}\0{count}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        d.fingerprint = digest


def _position_json(document: Document, span: Span) -> dict:
    line, column = document.position(span.start)
    end_line, end_column = document.position(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def _edit_json(document: Document, span: Span, replacement: str) -> dict:
    return dict(_position_json(document, span), replacement=replacement)


def _error(path: str, error: InputError, encoding: str | None = None) -> FileResult:
    diagnostic = Diagnostic(error.code, error.name, "error", error.message, 1, 1, 1, 1)
    return FileResult(path, encoding, f"{error.code} {error.message}", [diagnostic])


def locate(document: Document, diagnostics: list[Diagnostic]) -> None:
    """Give each finding of a .docx, .pdf or .html its original location."""
    origin = document.origin
    if origin is None:
        return
    for d in diagnostics:
        if not d.code.startswith("E"):
            d.original = origin.original(d.start)


def _pages_without_text(document: Document) -> Diagnostic | None:
    """E015 for a PDF some of whose pages are scanned pictures: what is on
    them was not checked, which must not pass silently."""
    origin = document.origin
    pages = getattr(origin, "pages_without_text", ())
    if not pages:
        return None
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    named = "、".join(f"{run[0]}" if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)
    diagnostic = Diagnostic("E015", "pages-without-text", "error",
                            f"PDF 第 {named} 页没有文字层（可能是扫描件或图片）：govlint 不做文字识别，这些页的内容没有检查；"
                            f"请检查报告的 .docx 原件或由 Word/WPS 直接导出的 PDF", 1, 1, 1, 1)
    diagnostic.original = {"page": pages[0]}
    return diagnostic


def file_encoding(document: Document) -> str | None:
    """The codec a file was read with: a text file's, a web page's
    charset; None for .docx and .pdf, which are not text files."""
    origin = document.origin
    return document.encoding if origin is None else origin.encoding


def lint_document(document: Document, options: Options | None = None,
                  rules: list[Rule] | None = None, previous: Document | None = None, *,
                  keep: dict | None = None) -> list[Diagnostic]:
    """Lint one document; previous is last year's report of the same agency.
    keep (optional) receives the parsed report as keep["report"]."""
    options = options or Options()
    rules = options.rules() if rules is None else rules
    try:
        report = parse_report(document)
    except Exception as exc:  # the reader must never take the run down
        return [_internal(document, "report reader", exc)]
    if keep is not None:
        keep["report"] = report
    diagnostics = []
    needs = _needs(rules)
    with Watchdog(options.rule_timeout) as watchdog:
        def guard():
            return _timed(watchdog)

        build_parts(report, needs, guard)
        if previous is not None:
            try:
                report.previous = parse_report(previous)
            except Exception as exc:  # this year's rules still run, without last year
                diagnostics.append(_internal(document, "previous report reader", exc))
            else:
                build_parts(report.previous, needs, guard)
                if report.previous.failures:     # last year's parts are all or nothing
                    diagnostics.extend(_model_errors(report.previous, options,
                                                     lambda part: "本次不与上年报告比较", "上年报告的"))
                    report.previous = None
        skipped: dict[str, list[Rule]] = {}
        for item in rules:
            # (Asked only when a part failed: on almost every file none did.)
            failed = failed_part(report, item.needs) if report.failures else None
            if failed is not None:
                skipped.setdefault(failed, []).append(item)
                continue
            diagnostics.extend(_run_rule(item, report, document, options, watchdog))
    diagnostics.extend(_model_errors(report, options, lambda part: _skipped(skipped.get(part, []))))
    PATTERN_STORE.flush()       # the patterns this file compiled first, for the next process
    diagnostics.sort(key=lambda d: (d.line, d.column, d.code, d.message))
    _fingerprints(diagnostics)
    return diagnostics


def _needs(rules: list[Rule]) -> frozenset[str] | None:
    """The parts the rules need together; None (every part) when one of
    them declares nothing."""
    found: set[str] = set()
    for item in rules:
        if item.needs is None:
            return None
        found |= closure(item.needs)
    return frozenset(found)


class _timed:
    """The time limit around reading one part (guard.Watchdog)."""

    def __init__(self, watchdog: Watchdog):
        self.watchdog = watchdog

    def __enter__(self):
        self.watchdog.start()

    def __exit__(self, *exc):
        self.watchdog.stop()


def _model_errors(report, options: Options, effect, whose: str = "") -> list[Diagnostic]:
    """One E997 for each part whose own reading failed (a part read from
    it is not reported again); effect(part) says what was left undone."""
    roots: dict[str, BaseException] = {}
    for name in report.failures:
        root = root_failure(report, name)
        roots.setdefault(root.part, root.failure)
    out = []
    for part, error in roots.items():
        what = f"{whose}{PARTS[part].summary}（{part}）"
        if isinstance(error, RuleTimeout):
            cause = f"读取{what}超过 {options.rule_timeout:g} 秒未完成，已停止"
        else:
            cause = f"读取{what}时出错（{type(error).__name__}: {error}）"
        message = f"{cause}；{effect(part)}；其他规则照常运行，请报告这个问题".replace("\n", " ")
        out.append(Diagnostic("E997", "model-error", "error", message, 1, 1, 1, 1))
    return out


def _skipped(rules: list[Rule]) -> str:
    return "依赖它的规则未运行：" + "、".join(f"{r.code} ({r.name})" for r in rules)


def _run_rule(item: Rule, report, document: Document, options: Options, watchdog: Watchdog) -> list[Diagnostic]:
    """One rule's diagnostics; a rule that fails or runs out of time yields
    one E999 / E998 diagnostic instead, and never stops the others."""
    severity = options.severity
    severity = severity and (severity.get(item.code) or severity.get(item.name)) or item.severity
    own = options.rule_options.get(item.name)
    own = {**item.options, **own} if own else dict(item.options)
    allowed = report.allowed = closure(item.needs) if item.needs is not None else None
    previous = report.previous
    if previous is not None:
        previous.allowed = allowed
    try:
        watchdog.start()
        # Converting is inside the try too: a finding that is not a
        # Finding (or has a bad span) is the rule's fault, not the run's.
        findings = item.check(report, own)
        if not findings and type(findings) is list:     # most rules on most files
            return findings
        return [_diagnostic(document, item.code, item.name, finding.severity or severity, finding)
                for finding in findings]
    except RuleTimeout:
        return [Diagnostic("E998", "rule-timeout", "error",
                           f"规则 {item.code} ({item.name}) 超过 {options.rule_timeout:g} 秒未完成，已停止；"
                           f"其他规则照常运行", 1, 1, 1, 1)]
    except Exception as exc:
        return [_internal(document, f"rule {item.code} ({item.name})", exc)]
    finally:
        watchdog.stop()
        report.allowed = None
        if report.previous is not None:
            report.previous.allowed = None


def _internal(document: Document, where: str, exc: Exception) -> Diagnostic:
    message = f"{where} 内部错误：{type(exc).__name__}: {exc}".replace("\n", " ")
    return Diagnostic("E999", "internal-error", "error", message, 1, 1, 1, 1)


def previous_document(previous, encoding: str | None = None) -> Document | None:
    """Last year's report as a Document: given as a Document, as (bytes,
    path), or as a path (str / PathLike). Raises InputError when it cannot be
    read or decoded: a previous report is asked for explicitly, so a bad one
    is the caller's error, not a finding."""
    if previous is None or isinstance(previous, Document):
        return previous
    if isinstance(previous, tuple):
        data, path = previous
    else:
        path = os.fspath(previous)
        data = read_path(path)
    return read_document(data, path, encoding)


def lint_bytes(data: bytes, path: str, options: Options | None = None,
               rules: list[Rule] | None = None, previous=None, *, facts: bool = False) -> FileResult:
    """Lint raw bytes. previous (optional): last year's report, a Document
    or (bytes, path); decoded with the same options (InputError if it
    cannot be). facts: also read the report's facts for the HTML summary
    (summary.py), from the report the rules read."""
    options = options or Options()
    try:
        document = read_document(data, path, options.encoding, limit=options.max_file_size)
    except InputError as error:
        return _error(path, error)
    previous = previous_document(previous, options.encoding)
    keep: dict | None = {} if facts else None
    diagnostics = lint_document(document, options, rules, previous, keep=keep)
    locate(document, diagnostics)
    unchecked = _pages_without_text(document)
    if unchecked is not None:
        diagnostics.insert(0, unchecked)
    error = next((f"{d.code} {d.message}" for d in diagnostics if d.code == "E999"), None)
    result = FileResult(path, file_encoding(document), error, diagnostics, text=document.text,
                        format=document.origin.format if document.origin is not None else "text")
    if facts:
        from govlint.output.facts import safe_facts

        result.facts = safe_facts(document, diagnostics, keep.get("report"))
    return result


def _text_document(text: str, path: str | None) -> Document:
    return Document(path=path or "<text>", text=text.replace("\r\n", "\n").replace("\r", "\n"))


def lint_text(text: str, path: str | None = None, config: Options | None = None, *,
              previous: str | Document | None = None, previous_path: str | None = None) -> FileResult:
    """Lint a string (already decoded). previous: last year's report as text
    (named previous_path in messages) or a Document."""
    document = _text_document(text, path)
    if isinstance(previous, str):
        previous = _text_document(previous, previous_path or "<previous>")
    diagnostics = lint_document(document, config, previous=previous)
    return FileResult(document.path, None, None, diagnostics, text=document.text)


def lint_path(path: str, config: Options | None = None, *, previous=None) -> FileResult:
    """Lint one file on disk. previous: last year's report as a path (or a
    Document); InputError if that file cannot be read or decoded."""
    try:
        data = read_path(path, config.max_file_size if config else None)
    except InputError as error:
        return _error(path, error)
    return lint_bytes(data, path, config, previous=previous)
