"""The household register (一户一档)."""

from __future__ import annotations

from zhili_cli.domain.keys import normalize_key
from zhili_cli.importing.cells import parse_area, parse_bool, parse_count, parse_phone, parse_text
from zhili_cli.importing.spec import Field, Spec


def _building(text: str) -> str:
    from zhili_cli.domain.buildings import key

    return key(text) or ""


def _unit(text: str) -> str:
    return normalize_key(text).removesuffix("单元").strip()


def _room(text: str) -> str:
    return normalize_key(text).removesuffix("室").removesuffix("号").strip()


def _identity(text: str) -> str:
    """A certificate or ID number, as a key: look-alike characters folded, spaces removed."""
    return normalize_key(text).replace(" ", "").upper()


HOUSEHOLDS = Spec("households", (
    Field("building", ("楼栋", "楼号", "幢", "栋", "楼幢", "幢号", "栋号", "楼", "楼栋号", "楼栋编号", "楼栋名称",
                        "所在楼栋", "楼宇", "building_no"), _building,
          required=True, doc="8, 8幢, 8栋, 8号楼"),
    Field("unit", ("单元", "单元号", "单元编号", "单元名称", "所在单元", "unit_no"), _unit, default="", doc="2, 2单元"),
    Field("room", ("房号", "室", "门牌", "房间号", "室号", "门牌号", "房屋", "房屋号", "户室号",
                    "room_no"), _room,
          required=True, doc="1201, 1201室"),
    Field("area", ("面积", "建筑面积", "专有面积", "房屋面积", "套内面积", "产权面积", "专有部分面积", "房产面积",
                    "area_m2"), parse_area,
          required=True, doc="118.32, 118.32㎡, 118.32m², 118.32平方米"),
    Field("owner", ("业主", "业主姓名", "姓名", "户主", "户主姓名", "产权人", "产权人姓名", "业主名称", "业主名",
                    "权利人", "权利人姓名", "所有权人", "房主", "owner_name", "name"), parse_text),
    Field("phone", ("电话", "联系电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "移动电话", "联系手机",
                    "业主电话", "业主手机", "tel", "mobile", "phone"), parse_phone),
    Field("identity", ("产权证号", "不动产权证号", "不动产权证书号", "房产证号", "产权证编号", "身份证号", "身份证号码",
                       "身份证", "证件号", "证件号码", "id_no"), _identity,
          doc="certificate or ID number: identifies the owner; stored privately, never printed"),
    Field("residents", ("人数", "居住人数", "常住人数", "人口", "常住人口", "常住人口数", "居住人口", "家庭人口",
                        "家庭人数", "人口数", "在住人数", "persons"), parse_count, doc="3, 3人"),
    Field("flags", ("标记", "特殊标记", "备注标记", "特殊人群", "重点人群", "人员类别", "notes"), parse_text, default="",
          doc="独居老人, 残疾人 …"),
    Field("building_lead", ("楼道长", "是否楼道长", "lead"), parse_bool, default=False, doc="是/否, 1/0, √"),
    Field("developer_unsold", ("开发商未售", "未售", "开发商", "unsold"), parse_bool, default=False,
          doc="是/否, 1/0, √"),
))
