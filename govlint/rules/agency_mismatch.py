"""C005 agency-mismatch: the report is signed or published by another agency than its title names."""
from __future__ import annotations

from govlint.model.agency import compilers, hosts, internal, parse_agency, publishers, same_agency, signatures
from govlint.rule import Finding, Related, rule


@rule("C005", "agency-mismatch", "warning", needs=(), zh=r"""
    落款、网页的发布机构或前言写的机关与标题中的机关不一致。

    检查内容：把标题中的机关（“榆阳区卫健局政府信息公开工作年度报告”）与报告末尾落款的机
    关（机关名称，通常后跟日期）、网页元数据写明的发布机构（发布机构 / 发文机关 / 发文机构），
    以及前言所说的编制机关（“本报告…由怀远县公安局编制”）相比较。比较方式与读者相同：简称
    是同一机关（区卫健局 / 前进区卫生健康局，市卫生健康局 / 海阳市卫生健康局，卫健委 / 卫生
    健康局）；机关内设的办公室可以代为落款（卫生健康局办公室、…领导小组办公室）；只少写了地
    名的是同一机关（榆林市榆阳区 / 榆阳区）。代为发布其他机关报告的机构不算不一致：本级政府
    及其办公室（办公室 / 办公厅，即条例第三条所说的主管部门，会发布所属部门的报告：语料 004，
    榆林市榆阳区人民政府办公室发布榆阳区卫健局的报告），以及运行政府网站或负责政务公开工作
    的机构（政务服务管理局、政务服务和大数据管理局、大数据局、政务公开办……：real-openings/027，
    一个街道的报告，发布机构为政务服务管理局），只要它们属于报告所在地或上级，而不是另一个区。
    网页的“来源”不读：它常常是上传的科室或网站本身，并不说明由谁发布。

    为何重要：由别的机关落款、或以别的机关名义发布的报告，是照抄其他机关报告而没有改完的
    典型迹象（内容雷同，format-spec §3.3）；发布出来的文件本身就是错的。

    严重程度：警告。名称按字面比较，而机关可能已更名或合并（卫计局 → 卫健局），规则无从
    得知。

    示例：标题为“海阳市卫生健康局2023年政府信息公开工作年度报告”，结尾却是“莱阳市卫生健
    康局 / 2024年1月20日”；“怀远县公安局2020年政府信息公开工作年度报告”的前言写“…由怀远
    县交通运输局编制”。

    修改方法：以本机关的名称落款并以本机关名义发布；如果报告是由其他机关的报告改写的，请把
    其余内容也核对一遍。
    """)
def agency_mismatch(report, options):
    """The signature, the page's publisher or the preamble names another agency than the title.

    What it checks: the agency in the title ("榆阳区卫健局政府信息公开工作
    年度报告") against the agency that signs the report at its end (落款: a
    name, usually followed by a date) and the publisher the page's metadata
    names (发布机构 / 发文机关 / 发文机构), and the agency the preamble says drew
    the report up ("本报告…由怀远县公安局编制"). Names are compared as a reader would:
    short forms are the same agency (区卫健局 / 前进区卫生健康局, 市卫生健康局 /
    海阳市卫生健康局, 卫健委 / 卫生健康局), an office inside the agency signs
    for it (卫生健康局办公室, …领导小组办公室), and a name that differs only
    in a place it leaves out is the same agency (榆林市榆阳区 / 榆阳区). Bodies
    that publish other agencies' reports are not a mismatch: the government
    and its office (办公室 / 办公厅, the 主管部门 of 条例 第三条, which publishes
    its departments' reports: corpus 004, 榆林市榆阳区人民政府办公室 for
    榆阳区卫健局), and the body that runs the government's portal or its
    政务公开 work (政务服务管理局, 政务服务和大数据管理局, 大数据局, 政务公开办 …:
    real-openings/027, a 街道's report whose 发布机构 is 政务服务管理局), as long
    as they are of the report's place or a higher one, not another district's.
    The page's 来源 is not read: it is often the uploading office or the
    site, not a statement of who published the report.

    Why it matters: a report signed by another bureau, or published under
    another bureau's name, is the classic sign of a report copied from
    another agency's and not fully adapted (内容雷同, format-spec §3.3); the
    published document is wrong on its face.

    Severity: a warning. Names are matched by their form, and an agency may
    have been renamed or merged (卫计局 → 卫健局) in a way the rule cannot know.

    Example: a report titled "海阳市卫生健康局2023年政府信息公开工作年度报告"
    that ends "莱阳市卫生健康局 / 2024年1月20日"; "怀远县公安局2020年政府信息
    公开工作年度报告" whose preamble says "…由怀远县交通运输局编制".

    How to fix: sign the report with the agency's own name and publish it
    under that name; if the report was adapted from another agency's,
    check the rest of it too.
    """
    title = report.title
    if title is None or not title.agency:
        return
    expected = parse_agency(title.agency)
    if expected is None:
        return

    def fits(named) -> bool:
        other = parse_agency(named.name)
        return other is None or same_agency(expected, other) or hosts(other, expected) or internal(other)

    signed = signatures(report)
    if any(fits(named) for named in signed):
        signed = []                 # a joint signature ("中共XX街道工作委员会　XX街道办事处") holds the agency
    reported: dict[tuple, list] = {}        # one finding per name; its other places are related
    for named in [*publishers(report), *compilers(report), *signed]:
        if not fits(named):
            reported.setdefault((named.source == "落款", named.name), []).append(named)
    for places in reported.values():
        named = places[0]
        yield Finding(named.span,
                      f"{named.source}为“{named.name}”，与标题中的机关“{expected.text}”不是同一机关："
                      f"报告可能是从其他机关的报告复制而来，请核对{named.source}",
                      related=(Related(title.span, f"标题中的机关“{expected.text}”"),
                               *(Related(p.span, f"同一名称（{p.source}）") for p in places[1:])),
                      key=f"{named.source}/{named.name}")
