"""The register of people and roles: committee members, party representatives, grid workers."""

from __future__ import annotations

from zhili_cli.domain import vocab
from zhili_cli.importing.cells import CellError, parse_day, parse_phone, parse_text
from zhili_cli.importing.spec import Field, Spec

def _role(text: str) -> str:
    value = text.strip()
    try:
        return vocab.role(value)
    except Exception:
        raise CellError("cell_bad_role", value=text) from None


def _party(text: str) -> str:
    try:
        return vocab.party(text)
    except Exception:
        raise CellError("cell_bad_party", value=text) from None


def _check(rec: dict) -> None:
    if rec["party"] is None:
        rec["party"] = vocab.ROLE_PARTY.get(rec["role"])
        if rec["party"] is None:
            raise CellError("cell_member_needs_party", column="party", role=vocab.ROLE_ZH[rec["role"]])
    if rec["term_start"] and rec["term_end"] and rec["term_end"] < rec["term_start"]:
        raise CellError("term_reversed", column="term_end")


MEMBERS = Spec("members", (
    Field("name", ("姓名", "名字", "成员", "人员", "full_name"), parse_text, required=True),
    Field("role", ("角色", "职务", "身份", "岗位", "position"), _role, required=True,
          doc="主任 副主任 委员 居委会代表 物业代表 业主代表 网格员 楼道长, or chair vice_chair member "
              "residents_rep property_rep owner_rep grid_worker building_lead (and 街道代表 subdistrict_rep)"),
    Field("term_start", ("任期开始", "任期起", "开始日期", "任职日期", "起始日期", "start", "term_from"), parse_day,
          doc="a date, as for petitions"),
    Field("term_end", ("任期结束", "任期止", "结束日期", "截止日期", "到期日期", "end", "term_to"), parse_day,
          doc="a date, on or after the start"),
    Field("phone", ("电话", "联系电话", "手机", "手机号", "联系方式", "tel", "mobile"), parse_phone),
    Field("party", ("所属方", "所属单位", "单位", "所属", "organisation", "organization"), _party,
          doc="居委会 业委会 物业; may be left empty for roles that imply it"),
    Field("basis", ("任职依据", "依据", "选举依据", "委派依据", "选举文件", "文号", "basis"), parse_text,
          doc="committee members: the owners' assembly motion that elected them or the election document's "
              "number; representatives: the appointment letter or record (required for both)"),
    Field("basis_date", ("依据日期", "选举日期", "委派日期", "basis_date"), parse_day,
          doc="the basis's date (required with an election document, not after the term starts)"),
), check_row=_check)
