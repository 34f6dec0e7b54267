"""The report in an 80-column terminal is fitted as the lists are: amounts, dates and reference
numbers whole, text wrapped, the least important columns left out and named."""

from __future__ import annotations

import re

from rich.cells import cell_len

from tests.test_meetings import roster

LATER = {"ZHILI_NOW": "2024-03-20T10:00:00+08:00"}


def _books(cli):
    roster(cli)
    cli.ok("ledger", "income", "add", "--amount", "23500", "--source", "商铺租金")
    e = cli.json("expense", "request", "--amount", "480", "--payee", "平湖五金店", "--purpose", "更换声控灯")["number"]
    cli.ok("expense", "approve", e, "--by", "金建国")
    cli.ok("expense", "pay", e)
    for title in ("小区东门电动车充电难，希望建集中充电棚，尽快安排", "楼上漏水", "电梯经常停运"):
        cli.ok("petition", "add", "--title", title, "--source", "热线", "--reporter", "王建华",
               "--phone", "13900000001")
    return e


def test_monthly_report_at_80_columns_keeps_numbers_whole(cli):
    e = _books(cli)
    text = cli.ok("report", "monthly", "2024-03", env=LATER | {"COLUMNS": "80"}).stdout
    assert not re.search(r"\S…", text)  # nothing cut short (the chart axis "2023-04 … 2024-03" is not a cut)
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "480.00" in text and "23,500.00" in text and e in text
    for n in ("P2024-001", "P2024-002", "P2024-003"):
        assert n in text
    # the open list keeps its state and deadline; what did not fit is named under it
    open_part = text.split("未办结事项", 1)[1].split("\n\n", 1)[0]
    header = next(line for line in open_part.splitlines() if "编号" in line)
    assert "状态" in header and "期限" in header and "电话" not in header
    assert re.search(r"未显示：[^。]*电话", open_part.replace("\n", ""))
    wide = cli.ok("report", "monthly", "2024-03", env=LATER | {"COLUMNS": "250"}).stdout
    assert "未显示" not in wide and "139****0001" in wide
