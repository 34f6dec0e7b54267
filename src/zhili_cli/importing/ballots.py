"""Ballot sheets (表决票统计表) of one motion: one line per household's vote.

Usage, for `motion ballots import MOTION FILE`:

    from zhili_cli.importing.ballots import BALLOTS, key
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(BALLOTS, headers, path, mapping)
    for line, rec in records(BALLOTS, path, headers, rows, columns, problems if dry_run else None):
        # rec: building, unit, room (str, normalised as the household register's: "8幢" → "8"),
        #      choice ("yes" | "no" | "abstain"), voter, cast_on (datetime.date or None),
        #      method ("paper" | "online" | "proxy" or None), motion (str or None: a motion
        #      number when one sheet holds several); key(rec) = one vote per room
        ...

Look the household up by key(rec) (building, unit, room); a room not in the register, or
voting twice in the file, is the caller's RowError to raise (it knows the register).
"""

from __future__ import annotations

from typing import Any

from zhili_cli.importing.cells import CellError, parse_day, parse_text
from zhili_cli.importing.households import _building, _room, _unit
from zhili_cli.importing.spec import Field, Spec

CHOICES = {
    "yes": ("同意", "赞成", "支持", "通过", "是", "√", "✓", "yes", "y", "for", "agree", "1"),
    "no": ("反对", "不同意", "不赞成", "否", "×", "✗", "x", "no", "n", "against", "0"),
    "abstain": ("弃权", "无意见", "abstain", "abstention", "-"),
}
METHODS = {
    "paper": ("纸质", "书面", "纸质票", "现场", "paper"),
    "online": ("线上", "电子", "网上", "微信", "小程序", "online", "electronic"),
    "proxy": ("委托", "代投", "委托投票", "proxy"),
}


def _lookup(table: dict[str, tuple[str, ...]], key: str, text: str) -> str:
    value = text.strip().lower()
    for name, names in table.items():
        if value == name or value in names:
            return name
    raise CellError(key, value=text)


def _choice(text: str) -> str:
    return _lookup(CHOICES, "cell_bad_choice", text)


def _method(text: str) -> str:
    return _lookup(METHODS, "cell_bad_method", text)


BALLOTS = Spec("ballots", (
    Field("building", ("楼栋", "楼号", "幢", "栋", "楼幢", "幢号"), _building, required=True, doc="8, 8幢, 8栋"),
    Field("unit", ("单元", "单元号"), _unit, default="", doc="2, 2单元"),
    Field("room", ("房号", "室", "门牌", "房间号", "室号", "门牌号"), _room, required=True, doc="1201, 1201室"),
    Field("choice", ("意见", "表决意见", "投票", "表决", "选项", "态度", "vote", "decision"), _choice, required=True,
          doc="同意/赞成/√ → yes, 反对/不同意/× → no, 弃权 → abstain"),
    Field("voter", ("投票人", "签名", "业主", "业主姓名", "姓名", "name"), parse_text),
    Field("cast_on", ("日期", "投票日期", "表决日期", "签署日期", "date", "cast_at"), parse_day, doc="a date"),
    Field("method", ("方式", "投票方式", "表决方式", "via"), _method, doc="纸质/书面, 线上/电子, 委托"),
    Field("motion", ("议题", "议案", "议案编号", "事项编号", "motion_no"), parse_text),
))


def key(rec: dict[str, Any]) -> tuple[str, str, str]:
    """One vote per room: (building, unit, room)."""
    return rec["building"], rec["unit"], rec["room"]
