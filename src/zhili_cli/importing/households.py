"""The household register (一户一档)."""

from __future__ import annotations

from zhili_cli.importing.cells import parse_area, parse_bool, parse_count, parse_text
from zhili_cli.importing.spec import Field, Spec


def _building(text: str) -> str:
    return text.removesuffix("幢").removesuffix("栋").removesuffix("号楼").strip()


def _unit(text: str) -> str:
    return text.removesuffix("单元").strip()


def _room(text: str) -> str:
    return text.removesuffix("室").removesuffix("号").strip()


HOUSEHOLDS = Spec("households", (
    Field("building", ("楼栋", "楼号", "幢", "栋", "楼幢"), _building, required=True),
    Field("unit", ("单元",), _unit, default=""),
    Field("room", ("房号", "室", "门牌", "房间号"), _room, required=True),
    Field("area", ("面积", "建筑面积", "专有面积", "建筑面积(㎡)", "面积(㎡)", "area_m2"), parse_area, required=True),
    Field("owner", ("业主", "业主姓名", "姓名", "户主"), parse_text),
    Field("phone", ("电话", "联系电话", "手机", "手机号"), parse_text),
    Field("residents", ("人数", "居住人数", "常住人数"), parse_count),
    Field("flags", ("标记", "特殊标记", "备注标记"), parse_text, default=""),
    Field("building_lead", ("楼道长",), parse_bool, default=False),
    Field("developer_unsold", ("开发商未售", "未售"), parse_bool, default=False),
))
