"""Who publishes a report, told from the agency its title names, and so by
when it is due (条例 第四十九条, format-spec §1.2).

- government: a 县级以上地方人民政府's own report, by 31 March of the next
  year. Titled after the government ("榆林市榆阳区人民政府…", in short
  "广州市越秀区政府…"), after the place alone ("上海市…年度报告",
  "2022年上海市政府信息公开工作年度报告"), or after the 管委会 of a 开发区 / 新区 / 综合实验区 (the area-wide report);
- department: a 县级以上人民政府部门 (局, 委, 办, 中心 …), by 31 January;
- township: a 乡, 镇 or 街道 (and a 街道-type 办事处): the article names no
  date for them; local rules set one;
- unknown: nothing in the name tells.
"""

from datetime import date
from typing import NamedTuple

from govlint.patterns import lazy

_TOWNSHIP = lazy(r"(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处|党委|党工委)?$|办事处$")
_AREA = r"(?:开发区|新区|园区|实验区|示范区|高新区|保税区|风景区|度假区|合作区|试验区)"
_GOVERNMENT = lazy(
    r"(?:省|自治区|市|州|盟|县|区|旗|自治州|自治县)(?:人民)?政府$"
    r"|" + _AREA + r"(?:管委会|管理委员会|工委)$")
# A place and nothing else: "上海市", "东湖高新区", "武汉市洪山区".
_PLACE = lazy(r"^[\p{Han}]{1,16}?(?:省|自治区|市|州|盟|县|区|旗|自治州|自治县|" + _AREA + r")$")
_DEPARTMENT = lazy(r"(?:局|委员会|委|办公室|办公厅|办|厅|署|中心|院|所|站|队|处|部|会|室|馆|社|行|监狱|支队|大队|分局)$")


class Publisher(NamedTuple):
    kind: str          # government / department / township / unknown
    agency: str | None

    def deadline(self, year: int) -> date | None:
        """The statutory deadline for the report on `year`; None where the
        article sets none (townships) or the kind is unknown."""
        if self.kind == "government":
            return date(year + 1, 3, 31)
        if self.kind == "department":
            return date(year + 1, 1, 31)
        return None

    @property
    def why(self) -> str:
        """Which rule applies and why, for messages."""
        name = f"“{self.agency}”" if self.agency else "本报告"
        if self.kind == "government":
            return f"{name}是县级以上地方人民政府的本级年度报告，条例第四十九条第二款规定 3 月 31 日前公布"
        if self.kind == "department":
            return f"{name}是县级以上人民政府部门，条例第四十九条第一款规定 1 月 31 日前公布"
        if self.kind == "township":
            return f"{name}是乡镇或街道，条例第四十九条未规定期限，各地一般要求 1 月 31 日前公布"
        return "无法从标题判断发布机关类型"


def publisher(agency: str | None) -> Publisher:
    if not agency:
        return Publisher("unknown", agency)
    if _TOWNSHIP.search(agency):
        return Publisher("township", agency)
    if _GOVERNMENT.search(agency) or _PLACE.match(agency):
        return Publisher("government", agency)
    if _DEPARTMENT.search(agency):
        return Publisher("department", agency)
    return Publisher("unknown", agency)
