"""The petition register (诉求台账)."""

from __future__ import annotations

from typing import Callable

from zhili_cli.domain import vocab
from zhili_cli.importing.cells import CellError, parse_date, parse_phone, parse_text
from zhili_cli.importing.households import _building
from zhili_cli.importing.spec import Field, Spec


def _vocab_cell(category: str, error: str) -> Callable[[str], str]:
    """A cell parser: the code `text` names in the vocabulary's `category` (every name secretaries
    write is there, domain/vocab_terms.py), else CellError(`error`). A register repeats a few
    words thousands of times, so each text is looked up once."""
    cache: dict[str, str] = {}

    def parse(text: str) -> str:
        key = cache.get(text)
        if key is None:
            key = vocab.find(category, text)
            if key is None:
                raise CellError(error, value=text)
            cache[text] = key
        return key

    return parse


_kind = _vocab_cell("kind", "cell_bad_kind")
_source = _vocab_cell("source", "cell_bad_source")
_party = _vocab_cell("party", "cell_bad_party")
_status = _vocab_cell("petition_status", "cell_bad_status")


def _satisfaction(text: str) -> int:
    value = vocab.find("satisfaction", text)
    if value is None:
        raise CellError("cell_bad_satisfaction", value=text)
    return int(value)


PETITIONS = Spec("petitions", (
    Field("received", ("受理日期", "收到日期", "日期", "接收日期", "受理时间", "登记日期", "反映日期", "收到",
                       "登记时间", "反映时间", "来电时间", "收到时间", "接收时间", "received_at",
                       "date", "received_date"), parse_date, required=True,
          doc="2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, optional time 14:30; Excel date cells"),
    Field("source", ("来源", "渠道", "诉求来源", "反映渠道", "受理渠道", "来源渠道", "反映途径", "channel"), _source, required=True,
          doc="信箱 走访 巡查 线上 敲门日 我与书记有约 网格员 热线, or mailbox visit patrol online door_knocking "
              "appointment grid hotline"),
    Field("title", ("标题", "事项", "诉求", "诉求内容摘要", "议题", "主题", "摘要", "诉求标题", "事项名称",
                    "问题", "反映问题", "subject"), parse_text, required=True),
    Field("text", ("内容", "详情", "诉求内容", "描述", "具体内容", "问题描述", "诉求描述", "详细内容", "情况说明",
                   "description", "details"), parse_text, default=""),
    Field("kind", ("类别", "类型", "分类", "事项类别", "诉求类别", "诉求类型", "问题类型", "问题分类", "category", "type"), _kind,
          doc="大 难 急 小 私 (大事…), or major difficult urgent minor private"),
    Field("building", ("楼栋", "楼号", "幢", "栋", "楼幢", "楼栋号", "幢号", "栋号", "所在楼栋", "楼栋编号"), _building,
          doc="8, 8幢, 8栋, 8号楼, 八幢; 南门 as written", memo=True),
    Field("location", ("位置", "地点", "具体位置", "place"), parse_text),
    Field("reporter", ("反映人", "联系人", "报告人", "诉求人", "姓名", "反映人姓名", "诉求人姓名", "来电人", "contact", "name"), parse_text),
    Field("phone", ("联系电话", "电话", "手机", "手机号", "联系方式", "手机号码", "反映人电话", "联系人电话", "来电号码",
                    "电话号码", "tel", "mobile"), parse_phone),
    Field("responsible", ("责任方", "责任单位", "承办方", "办理单位", "承办单位", "责任主体", "处置单位", "party"), _party,
          doc="居委会 业委会 物业, or residents_committee owners_committee property"),
    Field("status", ("状态", "办理状态", "进度", "处理状态", "当前状态", "state"), _status,
          doc="待受理 已受理 办理中 已办结 已评价 已驳回 已转办, or received accepted in_progress done verified "
              "rejected referred"),
    Field("closed", ("办结日期", "完成日期", "办结时间", "完成时间", "结案日期", "closed_at", "closed_date"), parse_date, doc="as received"),
    Field("feedback", ("反馈", "反馈情况", "答复", "处理结果", "办理结果", "答复内容", "回复", "处理情况", "result"), parse_text),
    Field("satisfaction", ("满意度", "评价", "满意度评价", "回访满意度", "回访评价", "rating"), _satisfaction,
          doc="1–5, or 非常满意 满意 基本满意 不满意 非常不满意", memo=True),
))
