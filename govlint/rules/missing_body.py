"""S008 missing-body: the report is only a title; its body is an image or an attachment."""
from __future__ import annotations

from govlint.model.body import missing_body
from govlint.rule import Finding, Related, rule


def _quote(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


@rule("S008", "missing-body", "error", needs=(), zh=r"""
    报告只有标题：正文是图片或附件。

    检查内容：标题（以及网页的元数据和页面框架）之后有正文：章节标题、统计表或成段的文字。
    只有附件行（“附件：XX局2023年政府信息公开工作年度报告.pdf”“（点击下载）”）、图片
    （“[图片]”、.jpg 文件）或什么都没有的文本，报这一条问题，有关正文各部分的规则（缺少章节
    S002、缺少表格 T001）不再报告：不是各章各表分别缺失，而是整个正文缺失。指向附件的一句
    短话（“…公布如下，详见附件。”）也不算正文。

    为何重要：条例第五十条和全国统一格式要求公布报告的内容（六个章节、三张表）；只以扫描图
    片或下载文件提供的报告无法检索、无法由读屏软件朗读、也无法核对，评估时按未以规定形式公
    开计。

    示例：网页上只有“海阳市卫生健康局2023年政府信息公开工作年度报告”“发布时间：2024-01-20”
    “附件：海阳市卫生健康局2023年政府信息公开工作年度报告.pdf”，别无其他。

    修改方法：在网页上发布报告全文（六个章节和三张表都以文字形式），需要的话保留附件。
    """)
def check(report, options):
    """The report is only a title: its body is an image or an attachment.

    What it checks: after the title (and the page's metadata and chrome)
    the text has a body: section headings, statistical tables or prose. A
    text with none of them, only an attachment line ("附件：XX局2023年政府
    信息公开工作年度报告.pdf", "（点击下载）"), an image ("[图片]", a .jpg) or
    nothing at all, gets this one finding, and the rules about the body's
    parts (missing-section S002, missing-table T001) say nothing more: the
    sections and tables are not each missing, the whole body is. A short
    sentence that points to the attachment ("…公布如下，详见附件。") is not
    a body either.

    Why it matters: 条例 第五十条 and the national format require the report's
    content (six sections, three tables) to be published; a report given
    only as a scanned image or a download cannot be searched, read by
    screen readers, or checked, and evaluators count it as not published in
    the required form.

    Example: a page that reads "海阳市卫生健康局2023年政府信息公开工作年度报告",
    "发布时间：2024-01-20", "附件：海阳市卫生健康局2023年政府信息公开工作年度
    报告.pdf" and nothing else.

    How to fix: publish the report's full text on the page (the six
    sections and the three tables as text), keeping the attachment if
    wanted.
    """
    found = missing_body(report)
    if found is None:
        return
    text = report.text
    title = f"只有标题“{_quote(found.title)}”" if found.title else "没有标题和正文"
    related = ()
    if found.evidence is not None:
        shown = _quote(text[found.evidence.start:found.evidence.end])
        related = (Related(found.evidence, f"“{shown}”"),)
        if found.kind == "attachment":
            detail = f"，正文可能在附件“{shown}”中"
        else:
            detail = f"，正文可能是图片（“{shown}”）"
    else:
        detail = "，没有章节、统计表或正文文字，正文可能是图片或附件"
    yield Finding(found.span, f"正文缺失：{title}{detail}：请以文字发布报告全文（六个部分和三张统计表）",
                  related=related)
