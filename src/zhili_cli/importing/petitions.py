"""The petition register (诉求台账)."""

from __future__ import annotations

from zhili_cli.domain import vocab
from zhili_cli.importing.cells import CellError, parse_date, parse_phone, parse_text
from zhili_cli.importing.households import _building
from zhili_cli.importing.spec import Field, Spec


# Names secretaries write that the controlled vocabulary does not list.
_KIND_ALIASES = {"大事项": "major", "重大": "major", "难事项": "difficult", "疑难": "difficult",
                 "急事项": "urgent", "紧急": "urgent", "小事项": "minor", "一般": "minor",
                 "私事项": "private", "个人": "private", "隐私": "private"}
_SOURCE_ALIASES = {"来信": "mailbox", "意见箱": "mailbox", "上门": "visit", "来访登记": "visit",
                   "微信": "online", "小程序": "online", "扫码": "online", "网上": "online",
                   "入户": "door_knocking", "书记接待": "appointment", "电话": "hotline", "来电": "hotline",
                   "12345热线": "hotline", "市民热线": "hotline", "网格巡查": "grid"}
_kind_cache: dict[str, str] = {}
_source_cache: dict[str, str] = {}


def _kind(text: str) -> str:
    hit = _kind_cache.get(text)
    if hit is not None:
        return hit
    value = text.strip()
    try:
        key = _KIND_ALIASES.get(value) or vocab.kind(value.removesuffix("类"))
    except Exception:
        raise CellError("cell_bad_kind", value=text) from None
    _kind_cache[text] = key
    return key


def _source(text: str) -> str:
    hit = _source_cache.get(text)
    if hit is not None:
        return hit
    value = text.strip()
    try:
        key = _SOURCE_ALIASES.get(value) or vocab.source(value)
    except Exception:
        raise CellError("cell_bad_source", value=text) from None
    _source_cache[text] = key
    return key


_party_cache: dict[str, str] = {}


def _party(text: str) -> str:
    hit = _party_cache.get(text)
    if hit is not None:
        return hit
    try:
        key = vocab.party(text)
    except Exception:
        raise CellError("cell_bad_party", value=text) from None
    _party_cache[text] = key
    return key


_STATUS_NAMES = {"已受理": "accepted", "受理": "accepted", "待受理": "received", "已办结": "done", "办结": "done",
                 "已完成": "done", "完成": "done", "已评价": "verified", "已回访": "verified", "办理中": "in_progress",
                 "已驳回": "rejected", "不予受理": "rejected", "驳回": "rejected", "已转办": "referred",
                 "转办": "referred", "处理中": "in_progress", "进行中": "in_progress", "新建": "received",
                 "已接收": "received", "未处理": "received", "已上会": "on_agenda", "待上会": "on_agenda",
                 "已决定": "decided", "已决议": "decided"}
_status_cache: dict[str, str] = {}


def _status(text: str) -> str:
    hit = _status_cache.get(text)
    if hit is not None:
        return hit
    from zhili_cli.domain.petitions import STATES

    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    if value in STATES:
        key = value
    elif text.strip() in _STATUS_NAMES:
        key = _STATUS_NAMES[text.strip()]
    else:
        raise CellError("cell_bad_status", value=text)
    _status_cache[text] = key
    return key


def _satisfaction(text: str) -> int:
    value = text.strip().removesuffix("分").removesuffix("星")
    value = {"非常满意": "5", "满意": "4", "基本满意": "3", "一般": "3", "不满意": "2", "非常不满意": "1"}.get(value, value)
    if value not in ("1", "2", "3", "4", "5"):
        raise CellError("cell_bad_satisfaction", value=text)
    return int(value)


PETITIONS = Spec("petitions", (
    Field("received", ("受理日期", "收到日期", "日期", "接收日期", "受理时间", "登记日期", "反映日期", "received_at",
                       "date", "received_date"), parse_date, required=True,
          doc="2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, optional time 14:30; Excel date cells"),
    Field("source", ("来源", "渠道", "诉求来源", "反映渠道", "受理渠道", "channel"), _source, required=True,
          doc="信箱 走访 巡查 线上 敲门日 我与书记有约 网格员 热线, or mailbox visit patrol online door_knocking "
              "appointment grid hotline"),
    Field("title", ("标题", "事项", "诉求", "诉求内容摘要", "议题", "主题", "摘要", "subject"), parse_text, required=True),
    Field("text", ("内容", "详情", "诉求内容", "描述", "具体内容", "description", "details"), parse_text, default=""),
    Field("kind", ("类别", "类型", "分类", "事项类别", "category", "type"), _kind,
          doc="大 难 急 小 私 (大事…), or major difficult urgent minor private"),
    Field("building", ("楼栋", "楼号", "幢", "栋", "楼幢"), _building, doc="8, 8幢, 8栋, 8号楼"),
    Field("location", ("位置", "地点", "具体位置", "place"), parse_text),
    Field("reporter", ("反映人", "联系人", "报告人", "诉求人", "姓名", "contact", "name"), parse_text),
    Field("phone", ("联系电话", "电话", "手机", "手机号", "联系方式", "tel", "mobile"), parse_phone),
    Field("responsible", ("责任方", "责任单位", "承办方", "办理单位", "承办单位", "party"), _party,
          doc="居委会 业委会 物业, or residents_committee owners_committee property"),
    Field("status", ("状态", "办理状态", "进度", "state"), _status,
          doc="待受理 已受理 办理中 已办结 已评价 已驳回 已转办, or received accepted in_progress done verified "
              "rejected referred"),
    Field("closed", ("办结日期", "完成日期", "办结时间", "closed_at", "closed_date"), parse_date, doc="as received"),
    Field("feedback", ("反馈", "反馈情况", "答复", "处理结果", "办理结果", "result"), parse_text),
    Field("satisfaction", ("满意度", "评价", "满意度评价", "rating"), _satisfaction,
          doc="1–5, or 非常满意 满意 基本满意 不满意 非常不满意"),
))
