"""A folder of reports as an office receives them, made from corpus/.

The five whole reports, the real openings and PDF text, a real PDF, one
report as Word and as a web page, a broken table, last year's report of
one agency (so the folder holds two years of it), two files that cannot be
read, and a report whose title and text carry HTML that must show as text.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REAL = ROOT / "tests" / "data" / "real-formats"

BROKEN = "defects/003-broken.txt"        # table 三 does not add up (T101)
LAST_YEAR = "pairs/前进区卫生健康局2023年报告.txt"   # corpus 002 a year earlier: 002 is recycled (X003)
THIS_YEAR = "002_b70717b772d0d9c9.txt"
HOSTILE = "defects/hostile.txt"
PDF_TEXT = "pdf-text/001.txt"            # table 四 does not add up twice (T104)
UNREADABLE = ("bad/empty.txt", "bad/download.pdf")
INJECTED_AGENCY = '前进区<script>"卫&生</script>局'        # read as the agency: shown as text everywhere
INJECTED_TEXT = '<img src=x onerror="window.__pwned=1"><b>粗体</b>&amp;</script><!--'


def build(folder: Path, *, office_formats: bool = True) -> list[str]:
    """Fill folder; the relative paths written, sorted."""
    written = []

    def put(name: str, data: bytes | str):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        written.append(name)

    for report in sorted(CORPUS.glob("*.txt")):
        put(report.name, report.read_bytes())
    for sub in ("openings", "pdf-text"):
        for report in sorted((CORPUS / sub).glob("*.txt")):
            put(f"{sub}/{report.name}", report.read_bytes())
    put("pdf/001.pdf", (REAL / "001.pdf").read_bytes())
    text_003 = (CORPUS / "003_931eb61caecda62d.txt").read_text(encoding="utf-8")
    if office_formats:
        from formats_build import build_docx, build_html

        put("word/003.docx", build_docx(text_003))
        put("web/003.html", build_html(text_003, "海阳市卫生健康局2023年政府信息公开工作年度报告"))
    put(BROKEN, text_003.replace("二、上年结转政府信息公开申请数量\t\t0\t", "二、上年结转政府信息公开申请数量\t\t3\t", 1))
    text_002 = (CORPUS / THIS_YEAR).read_text(encoding="utf-8")
    put(LAST_YEAR, re.sub(r"20(24|25)(?=\s*年)", lambda m: str(int(m.group()) - 1), text_002))
    hostile = text_002.replace("前进区卫生健康局2024年", INJECTED_AGENCY + "2024年", 1)
    hostile = hostile.replace("[bookmark: _GoBack]", "[bookmark: _GoBack]" + INJECTED_TEXT, 1)
    put(HOSTILE, hostile)
    put(UNREADABLE[0], b"")
    put(UNREADABLE[1], b"%PDF-1.4\n<html>404 Not Found</html>\n")
    return sorted(written)


def copy_to(folder: Path, names: list[str], source: Path) -> None:
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / name, folder / name)
