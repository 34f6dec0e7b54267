"""Approvals by the meeting tiers, through the meetings area: committee votes, three-party
decisions and owners' votes that name the expense; the maintenance fund end to end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

COMMITTEE = ["金建国:主任", "沈丽:副主任", "陆伟:委员", "顾敏:委员", "钱志文:委员", "朱晓雪:委员", "吴海燕:委员"]


@pytest.fixture
def org(cli):
    for entry in COMMITTEE:
        name, role = entry.split(":")
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "李明", "--role", "物业代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    return cli


def request(cli, amount, purpose="监控改造", payee="施工方"):
    return cli.json("expense", "request", "--amount", amount, "--payee", payee, "--purpose", purpose)


def committee_vote(cli, subject, yes=4):
    num = cli.json("motion", "propose", "--title", f"审批 {subject}", "--only", "committee",
                   "--subject", subject)["number"]
    names = [e.split(":")[0] for e in COMMITTEE]
    args = sum((["--member", f"{n}=同意"] for n in names[:yes]), [])
    args += sum((["--member", f"{n}=反对"] for n in names[yes:5]), [])
    from tests.test_meetings import committee_meeting

    return cli.json("motion", "vote", num, "--meeting", committee_meeting(cli, names[:5]), *args)


def test_committee_tier_needs_a_passed_committee_vote(org):
    num = request(org, "12000")["number"]
    assert committee_vote(org, num, yes=3)["passed"] is False
    assert "业委会" in org.fails("expense", "approve", num)
    other = request(org, "15000", "护栏", "宏达金属")["number"]
    assert committee_vote(org, other, yes=4)["passed"] is True
    assert "业委会" in org.fails("expense", "approve", num)  # a vote on another expense does not count
    row = org.json("expense", "approve", other)
    assert row["status"] == "approved"
    shown = org.json("expense", "show", other)
    assert shown["approvals"][0]["body"] == "committee" and shown["approvals"][0]["ref"].endswith("/committee")
    assert org.json("expense", "pay", other)["status"] == "paid"
    assert org.json("ledger", "balance")["public_revenue"]["balance_fen"] == 8500000


def test_three_party_tier_from_the_meeting_agenda(org):
    num = request(org, "28000")["number"]
    request(org, "6000", "绿化", "绿意园艺")
    org.ok("meeting", "schedule", "--date", "2024-03-05")  # held today: attendance is recorded on the day
    agenda = org.json("meeting", "agenda", "M2024-001")["agenda"]
    assert [(a["type"], a["ref"]) for a in agenda] == [("expense", num)]  # waits for this body only
    # a committee vote does not stand in for the three-party meeting
    committee_vote(org, num)
    assert "三方协同会议" in org.fails("expense", "approve", num)
    org.ok("meeting", "attend", "M2024-001", "--present", "张红梅,李明,金建国")
    org.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意支出")
    # the written decision alone approves nothing: the parties' positions are the decision
    assert "--position" in org.fails("expense", "approve", num)
    y = org.json("motion", "propose", "--title", f"审批 {num}", "--only", "three_party", "--subject", num)["number"]
    assert org.json("motion", "vote", y, "--meeting", "M2024-001", "--position", "居委会=同意",
                    "--position", "业委会=同意", "--position", "物业=同意")["passed"] is True
    row = org.json("expense", "approve", num)
    assert row["status"] == "approved"
    assert org.json("expense", "show", num)["approvals"][0]["ref"] == "M2024-001#1"
    assert org.json("expense", "pay", num)["status"] == "paid"


def test_assembly_tier_needs_a_passed_owners_vote(org, tmp_path):
    lines = ["楼栋,单元,房号,面积,业主"] + [f"1,1,{i + 1},100,业主{i}" for i in range(6)]
    path = Path(tmp_path / "h.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    org.ok("household", "import", str(path))
    num = request(org, "50000", "监控系统升级")["number"]
    assert "业主大会" in org.fails("expense", "approve", num)
    y = org.json("motion", "propose", "--title", "监控系统升级", "--matter", "other", "--only", "owners",
                 "--subject", num)["number"]
    org.ok("motion", "vote", "open", y, "--from", "2024-03-20", "--to", "2024-03-31")
    os.environ["ZHILI_NOW"] = "2024-03-21T10:00:00+08:00"  # inside the window (restored by the fixture)
    res = org.json("motion", "vote", y, *sum((["--ballot", f"1-1-{i}=同意@业主{i - 1}"] for i in range(1, 6)), []))
    assert res["passing_so_far"] is True and res["final"] is False
    assert "业主大会" in org.fails("expense", "approve", num)  # a provisional tally approves nothing
    os.environ["ZHILI_NOW"] = "2024-04-01T10:00:00+08:00"
    assert org.json("motion", "vote", "close", y)["passed"] is True
    assert org.json("expense", "approve", num)["status"] == "approved"
    assert org.json("expense", "pay", num)["status"] == "paid"
    assert org.json("ledger", "balance")["public_revenue"]["balance"] == "50000.00"


def test_maintenance_fund_emergency_end_to_end(org):
    org.ok("ledger", "opening", "--fund", "维修资金", "--amount", "500000")
    num = org.json("expense", "request", "--fund", "维修资金", "--amount", "68000", "--payee", "电梯维保",
                   "--purpose", "曳引机更换", "--emergency", "lift_failure")["number"]
    committee_vote(org, num)
    row = org.json("expense", "approve", num)
    assert row["status"] == "requested"  # the confirmation is still missing
    assert "确认" in org.fails("expense", "pay", num)
    assert org.json("expense", "confirm", num, "--party", "居委会", "--by", "张红梅")["status"] == "approved"
    assert "组织实施" in org.fails("expense", "pay", num)
    assert "须先完成" in org.fails("fund", "step", num, "apply_transfer")
    org.ok("fund", "step", num, "implement")
    org.ok("fund", "step", num, "apply_transfer", "--note", "向住建局申请列支")
    assert org.json("expense", "pay", num)["status"] == "paid"
    proc = org.json("fund", "step", num, "publicize")
    assert all(s["done"] for s in proc["steps"]) and proc["next"] is None
    bal = org.json("ledger", "balance")["maintenance_fund"]
    assert bal["balance"] == "432000.00"
    org.ok("audit", "verify")


def test_maintenance_fund_ordinary_use_by_owners_vote(org, tmp_path):
    lines = ["楼栋,单元,房号,面积,业主"] + [f"1,1,{i + 1},100,业主{i}" for i in range(3)]
    path = Path(tmp_path / "h.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    org.ok("household", "import", str(path))
    org.ok("ledger", "opening", "--fund", "维修资金", "--amount", "100000")
    num = org.json("expense", "request", "--fund", "维修资金", "--amount", "3000", "--payee", "防水公司",
                   "--purpose", "屋面防水")["number"]
    committee_vote(org, num)
    assert "业主大会" in org.fails("expense", "approve", num, "--body", "committee")
    y = org.json("motion", "propose", "--title", "使用维修资金", "--matter", "fund_use", "--only", "owners",
                 "--subject", num)["number"]
    org.ok("motion", "vote", "open", y, "--from", "2024-03-20", "--to", "2024-03-31")
    os.environ["ZHILI_NOW"] = "2024-03-21T10:00:00+08:00"
    org.ok("motion", "vote", y, "--ballot", "1-1-1=同意@业主0", "--ballot", "1-1-2=同意@业主1",
           "--ballot", "1-1-3=同意@业主2")
    os.environ["ZHILI_NOW"] = "2024-04-01T10:00:00+08:00"
    assert org.json("motion", "vote", "close", y)["passed"] is True
    assert org.json("expense", "approve", num)["status"] == "approved"
    steps = org.json("fund", "procedure", num)["steps"]
    assert [s["done"] for s in steps] == [True, True, False, False, False]


def test_a_vote_cannot_be_pointed_at_another_expense_than_its_motion(org):
    """Members debate "painting, E-1"; the vote may not be recorded as approving E-2."""
    painting = request(org, "15000", "粉刷", "油漆工甲")["number"]
    other = request(org, "19000", "咨询", "关系户乙")["number"]
    num = org.json("motion", "propose", "--title", f"审批 {painting}", "--only", "committee",
                   "--subject", painting)["number"]
    names = [e.split(":")[0] for e in COMMITTEE]
    from tests.test_meetings import committee_meeting

    meeting = committee_meeting(org, names[:5])
    err = org.fails("motion", "vote", num, "--meeting", meeting, "--subject", other,
                    *sum((["--member", f"{n}=同意"] for n in names[:4]), []))
    assert painting in err and other in err
    assert "业委会" in org.fails("expense", "approve", other)
