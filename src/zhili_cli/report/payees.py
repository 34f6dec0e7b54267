"""Payees on public documents: an organisation by its full name (a resident must be able to
check who was paid), a natural person as 张* (Personal Information Protection Law: minimum
necessary). An organisation is told by the words its name ends in or contains."""

from __future__ import annotations

import re

from zhili_cli.domain.keys import clean_text
from zhili_cli.domain.privacy import mask_name

# Words that make a name an organisation's wherever they stand (公司/中心/委员会 and the trades a compound pays).
WORDS = (
    "公司", "集团", "企业", "商行", "商店", "超市", "中心", "委员会", "协会", "学会", "合作社", "事务所", "工作室",
    "园艺", "绿化", "环保", "消防", "印务", "印刷", "制品", "科技", "工程", "维保", "维修", "物业", "服务", "安防",
    "装饰", "建筑", "电器", "家政", "保洁", "五金", "家具", "材料", "设备", "电梯", "贸易", "实业", "银行",
    "园林", "电子", "通信", "广告", "传媒", "文化", "餐饮", "水电", "防水", "门业", "玻璃", "灯饰", "照明", "保安",
    "劳务", "租赁", "汽修", "快递", "药房", "诊所",
)
# One-character endings (店/厂/部 …) count only after a name of two characters or more: 张行 is a person.
ENDINGS = ("店", "厂", "部", "社", "局", "所", "处", "站", "院", "校", "馆", "队", "行", "坊", "铺", "场")
_ORG_LATIN = re.compile(r"\b(co|ltd|inc|llc|gmbh|company|corp)\b\.?", re.I)


def is_organisation(name: str) -> bool:
    text = clean_text(name).strip() if name else ""
    if "个体户" in text:  # a sole trader is a natural person
        return False
    if any(word in text for word in WORDS) or _ORG_LATIN.search(text):
        return True
    if len(text) >= 3 and text.endswith(ENDINGS):
        return True
    return len(text) > 4 and not text.isascii()  # Chinese personal names have two to four characters


def public(name: str | None) -> str | None:
    """The payee as a public document shows it."""
    if not name:
        return name
    if is_organisation(name):
        return name
    text = clean_text(name).strip()
    if "个体户" in text:
        text = re.sub(r"[（(]?个体户[）)]?", "", text).strip()
        return f"{mask_name(text)}（个体户）"
    return mask_name(text)
