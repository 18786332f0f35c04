"""S008 missing-body: a report that is only a title, its body an image or an attachment.

The titles, page fields and metadata blocks are real (corpus reports and
corpus/openings/, named beside each); the bodies are the typical
attachment-only and image-only ones of such pages. Each gives one S008
finding and nothing from the rules about the body's parts.
"""
from __future__ import annotations

import pytest

from govlint.model.body import has_body, missing_body
from govlint.model.document import Document
from govlint.engine.lint import Options, lint_path, lint_text
from govlint.model.report import parse_report
from helpers import corpus_file, corpus_line
from layouts import VARIANTS

CODE = "S008"


def lint(text: str, *select: str):
    return lint_text(text, config=Options(select=list(select) or [CODE])).diagnostics


def codes(text: str):
    return sorted(d.code for d in lint(text, "ALL"))


# corpus 002 (前进区卫生健康局 2024): its title line.
QIANJIN = corpus_line("002", 1)
# real-openings/029 (广州市越秀区梅花村街道办事处 2023): title and page-information line.
MEIHUACUN = ("广州市越秀区人民政府梅花村街道办事处2023年政府信息公开工作年度报告\n"
             "发布日期:2024-01-12 11:44:13 文章来源:梅花村街 字体大小:【 A- A A+ 】\n")
# real-openings/027 (张掖市甘州区东街街道办事处 2023): breadcrumb, title, page fields.
DONGJIE = ("当前位置: 首页>政府信息公开>政府信息公开年报>2023年>部门公开年报\n\n"
           "东街街道2023年度政府信息公开工作年度报告\n\n"
           "发表日期:2024-01-26 15:35:23 发布机构:政务服务管理局\n"
           "索引号 620702074/2024-00047 发文字号 东街街道2023年度政府信息公开工作年度报告号\n"
           "关键词 发布机构 政务服务管理局\n公开形式 责任部门\n生成日期 2024-01-26 15:35:23 是否有效\n\n")


def test_title_and_attachment_file():
    text = QIANJIN + "\n附件：前进区卫生健康局2024年政府信息公开工作年度报告.pdf\n"
    [d] = lint(text)
    assert (d.code, d.line, d.column, d.end_column) == (CODE, 1, 1, 1 + len(QIANJIN))
    assert d.name == "missing-body" and d.severity == "error"
    assert d.message == ("正文缺失：只有标题“前进区卫生健康局2024年政府信息公开工作年度报告”，正文可能在附件"
                         "“附件：前进区卫生健康局2024年政府信息公开工作年度报告.pdf”中："
                         "请以文字发布报告全文（六个部分和三张统计表）")
    assert d.related[0]["line"] == 2


def test_no_pile_on_from_the_section_and_table_rules():
    text = QIANJIN + "\n附件：前进区卫生健康局2024年政府信息公开工作年度报告.pdf\n"
    assert codes(text) == [CODE]
    # The precondition is the report's, not the finding's: ignoring S008
    # does not bring back one S002 per section.
    assert lint(text, "S", "T", "C") != [] and {d.code for d in lint(text, "S002", "T001")} == set()


@pytest.mark.parametrize("body, kind", [
    ("（点击下载）\n", "attachment"),
    ("附件下载：2023年政府信息公开工作年度报告.docx\n", "attachment"),
    ("[图片]\n", "image"),
    ("2023年度政府信息公开工作年度报告.jpg\n", "image"),
    ("![年度报告](https://www.yuexiu.gov.cn/attachment/2024/0112/nb2023.png)\n", "image"),
    ("", "none"),
])
def test_real_page_with_only_a_title(body, kind):
    text = MEIHUACUN + body
    [d] = lint(text)
    assert (d.line, d.column) == (1, 1)
    report = parse_report(Document("report.txt", text))
    assert missing_body(report).kind == kind
    assert codes(text).count(CODE) == 1 and "S002" not in codes(text)


def test_page_with_breadcrumb_and_metadata_lines():
    text = DONGJIE + "2023年度政府信息公开工作年度报告.pdf\n"
    [d] = lint(text)
    assert (d.line, d.column) == (3, 1)
    assert "正文可能在附件“2023年度政府信息公开工作年度报告.pdf”中" in d.message


def test_metadata_block_and_chrome_only():
    # corpus 004's metadata block (lines 1-5) with a year in 名称, then only page chrome.
    block = "\n".join(corpus_line("004", n) for n in range(1, 5))
    text = block + "\n[ 名 称 ] | 榆阳区卫健局2020年政府信息公开工作年度报告 |\n扫一扫在手机打开当前页\n"
    [d] = lint(text)
    assert (d.line, d.column) == (5, 11)
    assert "没有章节、统计表或正文文字" in d.message


def test_a_sentence_that_points_to_the_attachment_is_not_a_body():
    text = (QIANJIN + "\n根据《中华人民共和国政府信息公开条例》规定，现将我局2024年政府信息公开工作年度报告予以公布，"
            "详见附件。\n附件：2024年政府信息公开工作年度报告.pdf\n")
    [d] = lint(text)
    assert "附件" in d.message


def test_title_the_model_does_not_read_is_still_named():
    # real-openings/013's title, with its year in brackets at the end.
    [d] = lint("洪山区人民政府信息公开工作年度报告(2023年度)\n")
    assert "只有标题“洪山区人民政府信息公开工作年度报告(2023年度)”" in d.message


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_corpus_reports_have_bodies(prefix):
    assert lint_path(str(corpus_file(prefix)), Options(select=[CODE])).diagnostics == []


def test_prose_without_headings_is_a_body():
    # real-openings/017 (宜兴市教育局 2021) opens with prose and no section headings:
    # its body is there, the sections are missing (S002 says so).
    text = ("2021年,在市委、市政府的领导下,宜兴市教育局坚持把政府信息公开工作作为推进依法行政的重要手段,"
            "认真贯彻落实《中华人民共和国政府信息公开条例》,优化完善政府信息公开工作机制,完善信息公开内容,"
            "解读回应教育热点问题,提高工作透明度,努力办好人民满意的教育。\n")
    assert lint(text) == []
    assert "S002" in codes(text)
    assert has_body(parse_report(Document("r.txt", text)))


def test_a_table_without_headings_is_a_body():
    # corpus 003's table 二, without its section heading.
    table = "\n".join(corpus_line("003", n) for n in range(21, 35))
    text = corpus_line("003", 3) + "\n" + table + "\n"
    assert "第二十条" in table
    assert lint(text) == []


def test_a_short_note_with_an_attachment_but_a_long_body_is_a_body():
    prose = "本年度我局严格落实政府信息公开各项工作要求，及时主动公开各类政府信息。" * 12
    text = QIANJIN + "\n" + prose + "\n附件：统计表.xlsx\n"
    assert lint(text) == []


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_layout_gives_the_same_finding(variant):
    text = MEIHUACUN + "[图片]\n"
    [d] = lint(VARIANTS[variant](text))
    assert d.message.endswith("正文可能是图片（“[图片]”）：请以文字发布报告全文（六个部分和三张统计表）")
    text = QIANJIN + "\n附件：前进区卫生健康局2024年政府信息公开工作年度报告.pdf\n"
    [d] = lint(VARIANTS[variant](text))
    assert "正文可能在附件“附件：前进区卫生健康局2024年政府信息公开工作年度报告.pdf”中" in d.message


def test_page_menu_and_footer_around_the_attachment():
    text = ("首页 | 政务公开 | 政务服务 | 互动交流 | 走进前进\n" + QIANJIN + "\n"
            "附件：前进区卫生健康局2024年政府信息公开工作年度报告.pdf\n"
            "主办：佳木斯市前进区人民政府办公室 承办：前进区融媒体中心 网站标识码：2308040001 黑ICP备12345678号\n")
    [d] = lint(text)
    assert "附件" in d.message and codes(text).count("S002") == 0


def test_one_sentence_is_a_body_and_the_title_twice_is_not():
    # A title and one sentence: a (thin) body; the section rules judge it.
    text = QIANJIN + "\n本局全年工作平稳。\n"
    assert lint(text) == [] and "S002" in codes(text)
    # The page's header repeats the title above the article: still only a title.
    assert [d.code for d in lint(QIANJIN + "\n" + QIANJIN + "\n发布时间：2025-01-20\n")] == [CODE]


def test_lines_without_an_extension_are_searched_without_the_file_names():
    # A line is searched with the attachment and image patterns' file-name
    # alternatives (up to 80 characters tried from every position) only
    # when it holds an extension; elsewhere the patterns without them find
    # the same signs: on every line of the corpus and on attachment lines.
    from govlint.model import body

    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_file("000").parent.glob("*.txt"))]
    texts.append("附件：XX局2023年政府信息公开工作年度报告.pdf（点击下载）\n图片1.JPG 详见附件\n"
                 "扫描件.png.bak 与 报告.docx、说明.DOC\n" + "很长的一行" * 40 + ".pdf\n<img src='a.gif'> 见下图")

    def signs(pattern, text, start, end):
        return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]

    searched_without = 0
    for text in texts:
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            chosen = body._signs(text, start, end)
            searched_without += chosen[0][1] is body._ATTACHMENT_NO_FILE
            for (_, full), (_, used) in zip((("attachment", body._ATTACHMENT), ("image", body._IMAGE)), chosen):
                assert signs(used, text, start, end) == signs(full, text, start, end)
            start = end + 1
    assert searched_without > 500
