"""Votes taken at a meeting are among its decided items, in the minutes and in the monthly
report; a cancelled meeting and a meeting nobody was recorded at are not counted as held."""

from __future__ import annotations

from tests.test_meetings import committee_meeting, roster, three_party_meeting

NAMES_PRESENT = ["金建国", "沈丽", "陆伟", "顾敏", "钱志文"]


def _month(cli, monkeypatch) -> str:
    monkeypatch.setenv("ZHILI_NOW", "2024-03-20T10:00:00+08:00")
    return cli.ok("report", "monthly", "2024-03", "--format", "md").stdout


def test_a_committee_vote_taken_at_a_meeting_is_in_its_minutes_and_the_month(cli, monkeypatch):
    roster(cli)
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    e = cli.json("expense", "request", "--amount", "4800", "--payee", "宏达金属", "--purpose", "护栏")["number"]
    y = cli.json("motion", "propose", "--title", "护栏支出", "--only", "committee", "--subject", e)["number"]
    m = committee_meeting(cli, NAMES_PRESENT)
    cli.ok("motion", "vote", y, "--meeting", m, *sum((["--member", f"{n}=同意"] for n in NAMES_PRESENT[:4]), []),
           "--member", f"{NAMES_PRESENT[4]}=反对")
    minutes = cli.ok("report", "minutes", m, "--format", "md").stdout
    decided = minutes.split("议定事项", 1)[1]
    assert "*无*" not in decided
    row = next(line for line in decided.splitlines() if y in line)
    assert "护栏支出" in row and e in row and "业委会通过" in row and "同意 4，反对 1，弃权 0" in row and "| 是 |" in row
    # a cancelled meeting and one never held (no attendance) the same month
    cancelled = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-06")["number"]
    cli.ok("meeting", "cancel", cancelled, "--reason", "重复安排")
    empty = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-07")["number"]
    month = _month(cli, monkeypatch)
    assert "本期召开会议 1 次，议定事项 1 项" in month
    meetings = month.split("本期召开会议", 1)[1].split("##", 1)[0]
    assert m in meetings and cancelled not in meetings and empty not in meetings
    row = next(line for line in meetings.splitlines() if m in line)
    assert row.rstrip(" |").endswith("| 1 | 1")  # decided 1, approved 1


def test_three_party_positions_are_in_the_minutes(cli, monkeypatch):
    roster(cli)
    y = cli.json("motion", "propose", "--title", "增设充电棚", "--only", "three_party")["number"]
    m = three_party_meeting(cli)
    cli.ok("motion", "vote", y, "--meeting", m, "--position", "业委会=同意", "--position", "物业=同意",
           "--position", "居委会=反对")
    decided = cli.ok("report", "minutes", m, "--format", "md").stdout.split("议定事项", 1)[1]
    row = next(line for line in decided.splitlines() if y in line)
    assert "增设充电棚" in row and "三方协同会议未通过" in row and "居委会不同意" in row and "| 否 |" in row
    assert "本期召开会议 1 次，议定事项 1 项" in _month(cli, monkeypatch)
