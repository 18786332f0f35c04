"""The readers: a report as a .docx, a PDF or a web page gives the findings
and table cells of its text copy, each finding located in the original
file; bad files are one clear line and exit code 2.

The .docx files are built here from the corpus reports (tests/formats_build.py:
Word tables with merged cells as Word writes them); PDFs are made from those
by LibreOffice where it is installed (.ci/run installs it); the web page
tests/data/cms-report.html is report 003 as a county CMS publishes it; and
tests/data/real-formats/ holds two real PDF reports made by WPS.
"""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from formats_build import build_docx, build_html
from govlint.engine.lint import Options, lint_bytes
from govlint.output.extract import extract_path
from workflow import CORPUS, ROOT, govlint

DATA = ROOT / "tests" / "data"
REAL = DATA / "real-formats"
CMS_PAGE = DATA / "cms-report.html"
REPORTS = {path.name[:3]: path for path in sorted(CORPUS.glob("*.txt"))}
ALL = Options(select=["ALL"])


def findings(result) -> list[tuple[str, str]]:
    return sorted((d.code, d.message) for d in result.diagnostics)


def lint_file(path: Path, options: Options = ALL):
    return lint_bytes(path.read_bytes(), str(path), options)


def cells(path: Path) -> list[tuple]:
    """The extracted cells without their positions: what must not depend
    on the format."""
    result = extract_path(str(path))
    assert result["error"] is None, result["error"]
    return [(c["table"], c["block"], c["row"], c["column"], c["value"], c["raw"], c["status"])
            for c in result["cells"]]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each corpus report as .docx and as a plain web page."""
    folder = tmp_path_factory.mktemp("built")
    out = {}
    for name, path in REPORTS.items():
        text = path.read_text(encoding="utf-8")
        docx_path = folder / f"{name}.docx"
        docx_path.write_bytes(build_docx(text))
        html_path = folder / f"{name}.html"
        html_path.write_text(build_html(text), encoding="utf-8")
        out[name] = {"txt": path, "docx": docx_path, "html": html_path}
    return out


# ------------------------------------------------------------------ .docx

@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("kind", ["docx", "html"])
def test_same_findings_and_cells_as_the_text_copy(built, name, kind):
    text, other = built[name]["txt"], built[name][kind]
    want, got = lint_file(text), lint_file(other)
    assert findings(got) == findings(want)
    assert got.format == kind and got.error is None
    assert cells(other) == cells(text)
    assert len(cells(text)) >= 10 or name == "004"
    # Every finding is located in the original; the text rendering keeps line:column.
    for d in got.diagnostics:
        assert d.original, d
        if kind == "docx":
            assert set(d.original) <= {"paragraph", "table", "row", "column", "page"}
        else:
            assert set(d.original) == {"line", "column"}


def test_docx_finding_locations_point_at_the_cell_and_paragraph(built):
    result = lint_file(built["000"]["docx"])
    by_code = {d.code: d for d in result.diagnostics}
    # "本年度止件数" is the third cell of the second row of the first table.
    assert by_code["T201"].original == {"table": 1, "row": 2, "column": 3}
    # The title is the fifth paragraph of the body (blank lines are empty paragraphs).
    assert by_code["P001"].original == {"paragraph": 5}
    # Lines and columns are those of the text rendering that --show-text prints.
    shown = govlint("--show-text", built["000"]["docx"]).out.split("\n")
    t201 = by_code["T201"]
    assert shown[t201.line - 1][t201.column - 1:].startswith("本年度止件数")


def test_docx_reads_merged_cells_into_their_top_left_field():
    import docx

    document = docx.Document()
    document.add_paragraph("标题")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第（一）项"        # gridSpan 4
    for column, label in enumerate(("信息内容", "本年制发件数", "本年废止件数")):
        table.cell(1, column).text = label
    table.cell(1, 3).merge(table.cell(2, 3)).text = "现行有效件数"             # vMerge over two rows
    table.cell(2, 0).text = "规章"
    table.cell(2, 1).paragraphs[0].text = "本年"                                  # two paragraphs, one label
    table.cell(2, 1).add_paragraph("新制作")
    data = io.BytesIO()
    document.save(data)
    from govlint.reading import read_document

    rendered = read_document(data.getvalue(), "t.docx")
    assert rendered.text.split("\n")[1:4] == ["第二十条第（一）项\t\t\t", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                                              "规章\t本年新制作\t\t"]
    # The empty cell (row 3, column 3) is a real cell; the field under the vMerge is filler.
    row3 = rendered.text.index("规章")
    blank = row3 + len("规章\t本年新制作\t")
    assert blank in rendered.origin.blank_cells and blank + 1 not in rendered.origin.blank_cells
    assert rendered.origin.original(blank) == {"table": 1, "row": 3, "column": 3}


def _docx_with_leftovers() -> bytes:
    """A .docx with Word's leftovers written into its XML as Word writes them."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("某某局2024年政府信息公开工作年度报告")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def raw(xml: str) -> None:
        placeholder = document.add_paragraph()._p
        placeholder.addnext(parse_xml(xml))
        placeholder.getparent().remove(placeholder)

    # A tracked insertion and deletion nobody accepted.
    raw(f'<w:p {w}><w:r><w:t>本年共收到申请</w:t></w:r><w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t>12</w:t></w:r></w:ins><w:del w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
        f'<w:delText>10</w:delText></w:r></w:del><w:r><w:t>件。</w:t></w:r></w:p>')
    # A comment on a word (python-docx writes the comment range and reference).
    paragraph = document.add_paragraph()
    commented = paragraph.add_run("依申请公开")
    document.add_comment(commented, text="请核实数字", author="审核人")
    paragraph.add_run("工作规范。")
    # The _GoBack bookmark, a managed _Toc bookmark, a PAGE field (code hidden,
    # result shown), a broken REF field whose result is Word's error text, hidden text.
    raw(f'<w:p {w}><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
        f'<w:bookmarkStart w:id="9" w:name="_Toc123"/><w:r><w:t>第</w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r><w:t>页，见</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t>错误！未找到引用源。</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r></w:p>')
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def test_word_leftovers_are_artifacts_where_they_sit(tmp_path):
    path = tmp_path / "leftovers.docx"
    path.write_bytes(_docx_with_leftovers())
    result = lint_file(path, Options(select=["A001"]))
    messages = [(d.original.get("paragraph"), d.message) for d in result.diagnostics]
    assert (2, "未处理的修订（插入“12”）：请在 Word 中接受或拒绝修订") in messages
    assert (2, "未处理的修订（删除“10”）：请在 Word 中接受或拒绝修订") in messages
    assert (3, "Word 批注残留“请核实数字”：请删除批注") in messages
    assert (4, "Word 书签残留“[bookmark: _GoBack]”：Word 的隐藏书签在转为文本时写了出来，请删除") in messages
    assert any(p == 4 and m.startswith("Word 域错误文字“错误！未找到引用源。”") for p, m in messages)
    assert len(messages) == 5
    text = govlint("--show-text", path).out
    # The field's result is shown and its code is not; hidden text and managed bookmarks are not text.
    assert "第3页，见错误！未找到引用源。" in text and "PAGE" not in text and "隐藏文字" not in text
    assert "_Toc123" not in text and "本年共收到申请12件。" in text
    # The inserted text sits where the finding is.
    insert = next(d for d in result.diagnostics if "插入" in d.message)
    assert text.split("\n")[insert.line - 1][insert.column - 1:insert.end_column - 1] == "12"


def test_docx_automatic_numbering_is_shown():
    import docx

    document = docx.Document()
    for label in ("总体情况", "主动公开政府信息情况"):
        document.add_paragraph(label, style="List Number")
    data = io.BytesIO()
    document.save(data)
    from govlint.reading import read_document

    lines = read_document(data.getvalue(), "n.docx").text.split("\n")
    # Numbered through the paragraph style, as Word's heading and list styles number.
    assert lines[:2] == ["1.总体情况", "2.主动公开政府信息情况"]


# ------------------------------------------------------------------ web pages

def test_cms_page_gives_the_findings_and_cells_of_its_text_copy():
    page, text = lint_file(CMS_PAGE), lint_file(REPORTS["003"])
    assert findings(page) == findings(text)
    assert cells(CMS_PAGE) == cells(REPORTS["003"])
    assert page.encoding == "gb18030"            # from <meta … charset=gb2312>
    assert json.loads(json.dumps(page.to_json()))["format"] == "html"


def test_cms_page_locations_are_source_line_and_column():
    source = CMS_PAGE.read_bytes().decode("gb18030").split("\n")
    result = lint_file(CMS_PAGE)
    heading = next(d for d in result.diagnostics if d.code == "S006")
    line, column = heading.original["line"], heading.original["column"]
    assert source[line - 1][column - 1:].startswith("因政府信息公开工作被申请行政复议")
    run = govlint("--isolated", CMS_PAGE)
    assert f"cms-report.html:{line}:{column} (text {heading.line}:{heading.column}): S006 [info]" in run.out


def test_cms_page_reads_the_article_not_the_site():
    shown = govlint("--show-text", CMS_PAGE).out
    lines = shown.split("\n")
    assert lines[0] == "海阳市卫生健康局 2023 年政府信息公开工作 年度报告"     # the title bar, then the article
    assert lines[2] == "一、总体情况"
    for chrome in ("首页", "当前位置", "分享到", "打印本页", "扫一扫", "上一篇", "主办单位", "浏览次数", "字体",
                   "hidden", "_hmt", "float"):
        assert chrome not in shown, chrome
    # Labels split over two <p> in one cell are one label; merged cells keep their fields.
    assert "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t" in lines
    assert "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t" in lines


def test_residue_inside_the_article_is_reported_at_its_source_line(tmp_path):
    text = REPORTS["002"].read_text(encoding="utf-8")
    page = build_html(text).replace("</div></body>", "<p>【打印本页】 【关闭窗口】</p></div>"
                                                     "<div class=\"share\">分享到：微信 微博</div></body>")
    path = tmp_path / "residue.html"
    path.write_text(page, encoding="utf-8")
    result = lint_file(path, Options(select=["A002"]))
    assert [d.message for d in result.diagnostics] == ["网页残留“【打印本页】 【关闭窗口】”：请删除"]
    line = result.diagnostics[0].original["line"]
    assert "【打印本页】" in page.split("\n")[line - 1]


def test_page_laid_out_with_a_table_reads_its_content_cell(tmp_path):
    # Older CMS templates put the navigation, the title, the article and the
    # footer in the rows of one layout table; the article cell holds the
    # report's own tables. It reads as the article, not as one table row.
    title, rest = REPORTS["003"].read_text(encoding="utf-8").lstrip("\n").split("\n", 1)
    article = build_html(rest).split('<div class="article">', 1)[1].rsplit("</div></body>", 1)[0]
    page = ('<html><head><meta charset="utf-8"></head><body><table width="1000">'
            '<tr><td><table><tr><td><a>首页</a></td><td><a>政务公开</a></td></tr></table></td></tr>'
            '<tr><td>当前位置：首页 &gt; 年报</td></tr>'
            f'<tr><td class="title"><b>{title}</b></td></tr><tr><td>发布时间：2024-01-08 浏览次数：100</td></tr>'
            f'<tr><td class="content">{article}</td></tr>'
            '<tr><td>主办单位：某某局 &nbsp; 分享到：微信</td></tr></table></body></html>')
    path = tmp_path / "layout.html"
    path.write_text(page, encoding="utf-8")
    assert findings(lint_file(path)) == findings(lint_file(REPORTS["003"]))
    assert cells(path) == cells(REPORTS["003"])
    shown = govlint("--show-text", path).out
    assert shown.split("\n")[:3] == [title, "", "一、总体情况"]
    for chrome in ("首页", "当前位置", "发布时间", "主办单位", "分享到"):
        assert chrome not in shown, chrome


def test_entities_and_charset_detection_without_meta(tmp_path):
    body = ("<html><body><div><p>某局2024年政府信息公开工作年度报告</p><p>一、总体情况</p>"
            "<p>本年度&nbsp;主动公开&ldquo;信息&rdquo;&#160;120&#x6761;。</p><p>二、主动公开政府信息情况</p>"
            "</div></body></html>")
    path = tmp_path / "gbk.htm"
    path.write_bytes(body.encode("gb18030"))
    result = lint_file(path)
    assert result.encoding == "gb18030" and result.format == "html"
    shown = govlint("--show-text", path).out
    assert "本年度 主动公开“信息” 120条。" in shown


# ------------------------------------------------------------------ PDF

@pytest.fixture(scope="module")
def real_pdfs():
    return {name: lint_file(REAL / f"{name}.pdf") for name in ("001", "002")}


def test_real_pdfs_read_every_table(real_pdfs):
    cells_001 = {(c["table"], c["row_label"], c["column_label"]): c["value"]
                 for c in extract_path(str(REAL / "001.pdf"))["cells"]}
    assert cells_001[("二", "行政许可", "本年处理决定数量")] == 550
    assert cells_001[("二", "行政处罚", "本年处理决定数量")] == 4119
    assert cells_001[("二", "行政事业性收费", "本年收费金额（单位：万元）")] == 7730.28
    assert cells_001[("三", "一、本年新收政府信息公开申请数量", "总计")] == 21
    assert cells_001[("三", "（七）总计", "自然人")] == 21
    # A row cut off at the foot of page 3 (its bottom rule is on page 4) is read.
    assert cells_001[("三", "2.没有现成信息需要另行制作", "自然人")] == 3
    row_four = [cells_001[("四", group, column)] for group in ("行政复议", "未经复议直接起诉", "复议后起诉")
                for column in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert row_four == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]      # as printed on page 4
    extracted = extract_path(str(REAL / "002.pdf"))
    assert extracted["tables"] == ["三", "二", "四"] and len(extracted["cells"]) >= 150
    values = {(c["table"], c["row_label"], c["column_label"]): c["value"] for c in extracted["cells"]}
    assert values[("三", "（一）予以公开", "总计")] == 50
    assert values[("三", "1.本机关不掌握相关政府信息", "自然人")] == 31


def test_real_pdf_findings_are_the_reports_own(real_pdfs):
    codes_001 = [(d.code, d.original["page"]) for d in real_pdfs["001"].diagnostics]
    # Table 四 of the 2023 report: 行政复议 10 + 1 + 0 + 0 with a 总计 of 0, and 复议后起诉 5 with 0.
    assert codes_001.count(("T104", 4)) == 2
    # The report keeps the 2019 single （六）其他处理 row in the 2021 table (one finding, at
    # the row, page 4), and misprints 2.其他法律行政法规禁止公开 as 2.其他法律行政止公开 (a
    # label defect, page 3).
    assert ("T201", 3) in codes_001 and ("T002", 4) in codes_001
    old_row = next(d for d in real_pdfs["001"].diagnostics if d.code == "T002")
    assert old_row.message.startswith("表三“（六）其他处理”只填了一行")
    c001 = [d for d in real_pdfs["002"].diagnostics if d.code == "C001"]
    assert [d.message for d in c001] == ["正文说收到申请 17 件，但表三“一、本年新收政府信息公开申请数量 / 总计”为 95：请核对"]
    assert c001[0].original["page"] == 1
    # No page numbers, no web or page residue, no broken paragraphs from line wrapping.
    for result in real_pdfs.values():
        assert not [d for d in result.diagnostics if d.code in ("A002", "A003", "A004", "S001", "S002", "P001")]


def test_pdf_rendering_joins_wrapped_lines_and_drops_page_numbers():
    shown = govlint("--show-text", REAL / "001.pdf").out
    assert "- 1 -" not in shown and "- 3 -" not in shown
    assert ("（二）依申请公开情况。进一步规范依申请公开流程，畅通依申请公开受理渠。2023年全区受理政府信息公开申请21件，"
            "均在法定期限答复。") in shown.split("\n")
    # A paragraph that goes on across a page break is one line.
    assert any(line.startswith("加强区政府门户网站") and "一律不准发布" in line for line in shown.split("\n"))


def test_pdf_locations_are_page_and_line(real_pdfs):
    import pdfplumber

    finding = next(d for d in real_pdfs["002"].diagnostics if d.code == "C001")
    page, line = finding.original["page"], finding.original["line"]
    with pdfplumber.open(REAL / "002.pdf") as pdf:
        lines = pdf.pages[page - 1].extract_text_lines()
    assert "17" in lines[line - 1]["text"] and "受理政府信息公开申请" in "".join(
        l["text"] for l in lines[line - 2:line + 1]).replace(" ", "")
    run = govlint("--isolated", REAL / "002.pdf")
    assert f"002.pdf:page {page}, line {line} (text {finding.line}:{finding.column}): C001 [error]" in run.out


def test_real_pdfs_compared_across_years():
    # The same agency's 2023 and 2024 reports, both PDFs, agree: 2023's 结转下年度
    # (all 0) is 2024's 上年结转; 行政规范性文件 5 现行有效 + 3 制发 − 0 废止 = 8.
    run = govlint("--isolated", "--format", "json", "--select", "X001,X002",
                  "--previous", REAL / "001.pdf", REAL / "002.pdf")
    assert run.code == 0 and run.diagnostics() == []
    # With last year's carry-over changed, X001 speaks, located in this year's PDF.
    from govlint.engine.lint import lint_bytes as lint
    from govlint.reading import read_document

    last_year = read_document((REAL / "001.pdf").read_bytes(), "001.pdf")
    changed = last_year.text.replace("四、结转下年度继续办理\t\t\t0\t", "四、结转下年度继续办理\t\t\t4\t")
    assert changed != last_year.text
    from govlint.model.document import Document

    result = lint((REAL / "002.pdf").read_bytes(), "002.pdf", Options(select=["X001"]),
                  previous=Document("001.pdf", changed))
    # At 二、上年结转 of table 三, on page 3 of the 2024 report.
    assert [(d.code, d.original["page"]) for d in result.diagnostics] == [("X001", 3)]


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def converted(built, tmp_path_factory):
    """The .docx files printed to PDF by LibreOffice."""
    if not SOFFICE:
        pytest.skip("LibreOffice is not installed (.ci/run installs it): PDFs cannot be made from the .docx files")
    folder = tmp_path_factory.mktemp("pdf")
    names = ["000", "001", "002", "003", "004"]
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), *(str(built[n]["docx"]) for n in names)],
                   check=True, capture_output=True, timeout=300)
    return {n: folder / f"{n}.pdf" for n in names}


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_pdf_made_from_the_docx_gives_the_text_copys_findings(converted, name):
    want, got = lint_file(REPORTS[name]), lint_file(converted[name])
    expected = findings(want)
    if name == "002":
        # Word's _GoBack bookmark is in the .docx, not in what it prints.
        expected = [f for f in expected if "bookmark" not in f[1]]
    assert findings(got) == expected
    assert cells(converted[name]) == cells(REPORTS[name])
    assert all(d.original and d.original["page"] >= 1 and d.original["line"] >= 1 for d in got.diagnostics)


def test_pdf_set_ragged_right_keeps_short_lines_apart(converted):
    # LibreOffice sets 004 left-aligned, and most of its body lines are short
    # (its tables are text with pipes, not ruled): a heading and the line
    # after it are two lines, not one wrapped paragraph.
    lines = govlint("--show-text", converted["004"]).out.split("\n")
    assert lines[lines.index("六、其他需要报告的事项") + 1] == "无"
    assert "(三)创新工作方法,学习先进经验" in lines and "二、主动公开政府信息情况" in lines


# ------------------------------------------------------------------ bad files

def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(REAL / "001.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    """Page 1 of a real report as a picture: a PDF with no text layer."""
    import pypdfium2

    page = pypdfium2.PdfDocument(str(REAL / "001.pdf"))[0]
    image = page.render(scale=1).to_pil()
    out = io.BytesIO()
    image.save(out, format="PDF")
    return out.getvalue()


def _partly_scanned_pdf() -> bytes:
    """Pages 1-2 of a real report as printed, pages 3-5 as pictures (its
    tables scanned after they were stamped)."""
    import pypdf
    import pypdfium2

    document = pypdfium2.PdfDocument(str(REAL / "001.pdf"))
    images = [document[i].render(scale=1).to_pil().convert("RGB") for i in range(2, 5)]
    scans = io.BytesIO()
    images[0].save(scans, format="PDF", save_all=True, append_images=images[1:])
    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(str(REAL / "001.pdf")).pages[:2]:
        writer.add_page(page)
    for page in pypdf.PdfReader(io.BytesIO(scans.getvalue())).pages:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_scanned_pages_in_a_pdf_with_text_are_named(tmp_path):
    pytest.importorskip("pypdf")
    path = tmp_path / "partly-scanned.pdf"
    path.write_bytes(_partly_scanned_pdf())
    run = govlint("--isolated", "--no-cache", path)
    # The pages that were read are linted; that three were not is said first, and the run fails.
    assert run.code == 2
    first, *rest = run.out.splitlines()
    assert first == (f"{path}:page 3 (text 1:1): E015 [error] PDF 第 3–5 页没有文字层（可能是扫描件或图片）："
                     "govlint 不做文字识别，这些页的内容没有检查；请检查报告的 .docx 原件或由 Word/WPS 直接导出的 PDF")
    assert any(": L001 [warning] 疑似漏字“受理渠”" in line for line in rest)
    assert not any("E015" in line for line in rest)
    # A PDF whose every page has text says nothing of the kind.
    assert "E015" not in govlint("--isolated", "--no-cache", REAL / "001.pdf").out


def _odt() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


BAD_FILES = {
    "truncated.docx": ("E011", lambda: build_docx(REPORTS["000"].read_text(encoding="utf-8"))[:5000],
                       ".docx 文件已损坏（ZIP 包不完整，可能没有下载或保存完整）：请用 Word 或 WPS 重新保存，或重新下载"),
    "encrypted.pdf": ("E012", _encrypted_pdf, "PDF 有密码保护，无法读取文字：请去除密码后另存一份 PDF，或检查生成它的 .docx"),
    "scanned.pdf": ("E013", _scanned_pdf, "PDF 没有文字层（可能是扫描件或图片）：govlint 不做文字识别，"
                                          "请检查报告的 .docx 原件或由 Word/WPS 直接导出的 PDF"),
    "redirect.html": ("E013", lambda: b'<html><head><meta http-equiv="refresh" content="0; url=/art/2024/1/8/art_1.html">'
                                      b'</head><body><p>\xe6\xad\xa3\xe5\x9c\xa8\xe8\xb7\xb3\xe8\xbd\xac</p></body></html>',
                      "网页只是跳转页（跳转到 /art/2024/1/8/art_1.html），没有报告正文：请打开跳转后的网页，另存后再检查"),
    "empty.pdf": ("E002", lambda: b"", "文件为空（0 字节）"),
    "not-a.pdf": ("E011", lambda: "<html><body>404 页面不存在</body></html>".encode("utf-8"),
                  "不是 PDF 文件（文件开头没有 %PDF 标记，可能是下载失败时保存的网页）：请重新下载或重新导出"),
    "old.doc": ("E010", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
                "Word 97-2003 文档（.doc）不受支持：请在 Word 或 WPS 中另存为 .docx（或导出为 PDF）后再检查"),
    "old.wps": ("E010", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
                "WPS 文字文档（.wps）不受支持：请在 Word 或 WPS 中另存为 .docx（或导出为 PDF）后再检查"),
    "report.odt": ("E010", _odt, "OpenDocument 文档（.odt）不受支持：请在 Word 或 WPS 中另存为 .docx（或导出为 PDF）后再检查"),
    "doc-named.txt": ("E010", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
                      "Word 97-2003 或 WPS 格式（.doc / .wps）不受支持：请在 Word 或 WPS 中另存为 .docx（或导出为 PDF）后再检查"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_line_and_exit_2(tmp_path, name):
    code, make, message = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    run = govlint("--isolated", "--no-cache", path)
    assert run.code == 2
    assert run.out == f"{path}:1:1: {code} [error] {message}\n"
    extracted = govlint("extract", path)
    assert extracted.code == 2 and extracted.err.count("\n") == 1 and code in extracted.err


def test_missing_library_is_reported_with_the_install_command(tmp_path, built):
    # A run where python-docx cannot be imported (a broken install).
    blocker = tmp_path / "blocker"
    (blocker / "docx").mkdir(parents=True)
    (blocker / "docx" / "__init__.py").write_text("raise ImportError('no docx here', name='docx')\n")
    run = govlint("--isolated", "--no-cache", built["000"]["docx"], pythonpath=blocker)
    assert run.code == 2
    assert "E014 [error] 读取 .docx 文件需要 python-docx，但它没有安装（docx）：请运行 pip install 'python-docx'" in run.out


# ------------------------------------------------------------------ integration

def test_mixed_folder_is_linted_whole(tmp_path, built):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPORTS["000"], folder / "a.txt")
    shutil.copy(built["002"]["docx"], folder / "b.docx")
    shutil.copy(built["003"]["html"], folder / "c.htm")
    shutil.copy(REAL / "001.pdf", folder / "d.pdf")
    shutil.copy(CMS_PAGE, folder / "e.html")
    (folder / "notes.md").write_text("# not a report\n")
    run = govlint("--isolated", "--format", "json", folder)
    assert run.code == 1
    files = run.json()["files"]
    assert [Path(f["path"]).name for f in files] == ["a.txt", "b.docx", "c.htm", "d.pdf", "e.html"]
    assert [f.get("format", "text") for f in files] == ["text", "docx", "html", "pdf", "html"]
    assert all(f["diagnostics"] and f["error"] is None for f in files)
    # include in the configuration narrows it again.
    (folder / "govlint.toml").write_text('include = ["*.docx"]\n')
    narrowed = govlint("--format", "json", ".", cwd=folder)
    assert [Path(f["path"]).name for f in narrowed.json()["files"]] == ["b.docx"]


def test_json_sarif_and_github_carry_both_locations(built):
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "docs" / "json-schema.json").read_text(encoding="utf-8"))
    run = govlint("--isolated", "--format", "json", built["000"]["docx"], REAL / "002.pdf", CMS_PAGE)
    document = run.json()
    Draft202012Validator(schema).validate(document)
    t201 = next(d for d in document["files"][0]["diagnostics"] if d["code"] == "T201")
    assert (t201["line"], t201["column"], t201["original"]) == (36, 13, {"table": 1, "row": 2, "column": 3})
    sarif = govlint("--isolated", "--format", "sarif", built["000"]["docx"]).json()
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "T201")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 36
    assert result["properties"] == {"original": {"table": 1, "row": 2, "column": 3},
                                    "originalLocation": "table 1, row 2, column 3"}
    github = govlint("--isolated", "--format", "github", built["000"]["docx"]).out
    assert "line=36,col=13" in github and "title=T201 label-mismatch (table 1%2C row 2%2C column 3)" in github


def test_fix_leaves_other_formats_unchanged(tmp_path, built):
    path = tmp_path / "report.docx"
    shutil.copy(built["000"]["docx"], path)
    before = path.read_bytes()
    run = govlint("--isolated", "--fix", path)
    assert path.read_bytes() == before
    assert "--fix and --diff rewrite only .txt files; this docx file was not changed" in run.err
    assert run.code == 1 and "T201 [warning]" in run.out
    diff = govlint("--isolated", "--diff", path)
    assert diff.out == "" and "was not changed" in diff.err and path.read_bytes() == before


def test_show_text_of_several_files_and_of_a_bad_one(tmp_path, built):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04broken")
    run = govlint("--show-text", built["001"]["docx"], bad)
    assert run.code == 2
    assert run.out.startswith(f"==> {built['001']['docx']} <==\n根据《中华人民共和国政府信息公开条例》")
    assert run.err.startswith(f"{bad}:1:1: E011 [error]") and run.err.count("\n") == 1
    text = govlint("--show-text", REPORTS["002"])
    assert text.out == REPORTS["002"].read_text(encoding="utf-8")


def test_txt_cold_start_imports_no_reader_library():
    code = ("import sys; from govlint.engine.lint import lint_path; lint_path(sys.argv[1]); "
            "print(sorted(m for m in ('docx', 'lxml', 'pdfplumber', 'pdfminer', 'pypdfium2', 'PIL', 'zipfile', "
            "'govlint.reading.docx', 'govlint.reading.pdf', 'govlint.reading.html') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(REPORTS["002"])], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_title_bar_nearest_the_article_is_the_title(tmp_path):
    page = ("<html><body><ul class='side'><li><a>某某局2022年政府信息公开工作年度报告</a></li></ul>"
            "<div class='crumb'>首页 &gt; 年报</div><h2 class='title'>某某局2023年政府信息公开工作年度报告</h2>"
            "<div class='info'>【打印】【关闭】</div><div id='zoom'><p>一、总体情况</p><p>本年度我局主动公开信息。</p>"
            "<p>二、主动公开政府信息情况</p><p>见下表。</p></div></body></html>")
    path = tmp_path / "t.html"
    path.write_text(page, encoding="utf-8")
    assert govlint("--show-text", path).out.split("\n")[:3] == ["某某局2023年政府信息公开工作年度报告", "", "一、总体情况"]
