"""The petition register (诉求台账)."""

from __future__ import annotations

from zhili_cli.domain import vocab
from zhili_cli.importing.cells import CellError, parse_date, parse_text
from zhili_cli.importing.spec import Field, Spec


def _kind(text: str) -> str:
    try:
        return vocab.kind(text)
    except Exception:
        raise CellError("cell_bad_kind", value=text) from None


def _source(text: str) -> str:
    try:
        return vocab.source(text)
    except Exception:
        raise CellError("cell_bad_source", value=text) from None


def _party(text: str) -> str:
    try:
        return vocab.party(text)
    except Exception:
        raise CellError("cell_bad_party", value=text) from None


def _status(text: str) -> str:
    from zhili_cli.domain.petitions import STATES

    names = {"已受理": "accepted", "受理": "accepted", "待受理": "received", "已办结": "done", "办结": "done",
             "已完成": "done", "完成": "done", "已评价": "verified", "已回访": "verified", "办理中": "in_progress",
             "已驳回": "rejected", "不予受理": "rejected", "已转办": "referred", "转办": "referred"}
    value = text.strip().lower()
    if value in STATES:
        return value
    if text.strip() in names:
        return names[text.strip()]
    raise CellError("cell_bad_status", value=text)


def _satisfaction(text: str) -> int:
    value = text.strip()
    if value not in ("1", "2", "3", "4", "5"):
        raise CellError("cell_bad_satisfaction", value=text)
    return int(value)


PETITIONS = Spec("petitions", (
    Field("received", ("受理日期", "收到日期", "日期", "接收日期", "received_at", "date"), parse_date, required=True),
    Field("source", ("来源", "渠道", "诉求来源"), _source, required=True),
    Field("title", ("标题", "事项", "诉求", "诉求内容摘要", "议题"), parse_text, required=True),
    Field("text", ("内容", "详情", "诉求内容", "描述"), parse_text, default=""),
    Field("kind", ("类别", "类型", "分类"), _kind),
    Field("building", ("楼栋", "楼号", "幢"), parse_text),
    Field("location", ("位置", "地点"), parse_text),
    Field("reporter", ("反映人", "联系人", "报告人"), parse_text),
    Field("phone", ("联系电话", "电话", "手机"), parse_text),
    Field("responsible", ("责任方", "责任单位", "承办方"), _party),
    Field("status", ("状态", "办理状态"), _status),
    Field("closed", ("办结日期", "完成日期", "closed_at"), parse_date),
    Field("feedback", ("反馈", "反馈情况", "答复"), parse_text),
    Field("satisfaction", ("满意度", "评价"), _satisfaction),
))
