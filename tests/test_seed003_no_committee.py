"""Seed 003 (武汉湾郡, 安普顿小区): a compound with no owners' committee. The residents' committee
applies for the maintenance fund and reviews its emergencies (Order 165 art. 24;
`maintenance_fund.applicant_without_committee`); the tiers that name the committee go to the
body the rules name (`expenses.without_committee`).

The story: a lift fails badly → 居委会 confirms and reviews → fund steps → paid; the outer walls
leak (屋面外墙渗漏) → the same way; a non-emergency repair through an owners' vote organised by
the residents' committee → paid; public revenue spending approved by the residents' committee."""

from __future__ import annotations

import pytest

from tests.conftest import Cli
from tests.test_motions import register


def at(monkeypatch, day: str) -> None:
    monkeypatch.setenv("ZHILI_NOW", f"{day}T10:00:00+08:00")


@pytest.fixture
def wanjun(tmp_path) -> Cli:
    cli = Cli(tmp_path / "wanjun.db")
    cli.ok("init", "--name", "湾郡社区安普顿小区", "--no-committee")
    cli.ok("member", "add", "陈金花", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "周红", "--role", "居委会代表", "--basis", "任职文件2号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "李力天", "--role", "物业代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "opening", "--fund", "维修资金", "--amount", "2,000,000", "--date", "2024-01-01")
    return cli


def fund_steps_and_pay(cli: Cli, num: str) -> dict:
    cli.ok("fund", "step", num, "组织实施")
    cli.ok("fund", "step", num, "申请划转", "--note", "居委会作为申请主体向住建部门申请")
    paid = cli.json("expense", "pay", num)
    cli.ok("fund", "step", num, "公示")
    return paid


def test_lift_emergency_confirmed_and_reviewed_by_the_residents_committee(wanjun):
    row = wanjun.json("expense", "request", "--fund", "维修资金", "--emergency", "lift_failure", "--amount", "68000",
                      "--payee", "力天电梯维保有限公司", "--purpose", "安普顿5幢电梯曳引机更换")
    num = row["number"]
    assert row["required_body"] == "residents_committee" and row["tier"] == "maintenance_fund"
    proc = wanjun.json("fund", "procedure", num)
    assert proc["applicant"] == "residents_committee" and proc["reviewer"] == "residents_committee"
    # before the change this waited for an owners' committee review that cannot exist
    assert wanjun.json("expense", "confirm", num, "--party", "居委会", "--by", "周红")["status"] == "requested"
    assert "没有业主委员会" in wanjun.fails("expense", "approve", num, "--body", "业委会")
    # the confirmation and the review are two people's acts
    assert "两个人" in wanjun.fails("expense", "approve", num, "--body", "居委会", "--by", "周红")
    row = wanjun.json("expense", "approve", num, "--body", "residents_committee", "--by", "陈金花")
    assert row["status"] == "approved"
    shown = wanjun.json("expense", "show", num)
    assert shown["status"] == "approved"
    assert shown["fund_procedure"]["procedure"] == "emergency"
    assert shown["fund_procedure"]["review"]["body"] == "residents_committee"
    assert shown["fund_procedure"]["review"]["by"] == "陈金花"
    assert shown["fund_procedure"]["confirmation"]["party"] == "residents_committee"
    assert fund_steps_and_pay(wanjun, num)["status"] == "paid"
    assert wanjun.json("expense", "show", num)["status"] == "paid"
    assert all(s["done"] for s in wanjun.json("fund", "procedure", num)["steps"])
    assert wanjun.json("ledger", "balance")["maintenance_fund"]["balance"] == "1932000.00"
    wanjun.ok("audit", "verify")


def test_leaking_outer_walls_the_same_way_in_chinese_words(wanjun):
    num = wanjun.json("expense", "request", "--fund", "维修资金", "--emergency", "屋面外墙渗漏", "--amount", "120000",
                      "--payee", "楚天防水工程有限公司", "--purpose", "安普顿3幢屋面及外墙渗漏维修")["number"]
    assert wanjun.json("expense", "show", num)["emergency"] == "roof_or_wall_leak"
    wanjun.ok("expense", "confirm", num, "--party", "社区居委会", "--by", "周红")
    assert wanjun.json("expense", "approve", num, "--body", "居委会", "--by", "陈金花")["status"] == "approved"
    assert fund_steps_and_pay(wanjun, num)["status"] == "paid"
    wanjun.ok("audit", "verify")


def test_a_non_emergency_fund_use_through_an_owners_vote(wanjun, tmp_path, monkeypatch):
    rooms = register(wanjun, tmp_path, ["90"] * 6)
    num = wanjun.json("expense", "request", "--fund", "维修资金", "--amount", "45000", "--payee", "楚天防水工程有限公司",
                      "--purpose", "安普顿6幢外墙翻新")["number"]
    assert wanjun.json("expense", "show", num)["required_body"] == "assembly"
    assert "无权审批" in wanjun.fails("expense", "approve", num, "--body", "居委会", "--by", "陈金花")
    y = wanjun.json("motion", "propose", "--title", "使用维修资金翻新6幢外墙（居委会组织）", "--matter", "fund_use",
                    "--only", "owners", "--subject", num)["number"]
    wanjun.ok("motion", "vote", "open", y, "--from", "2024-03-20", "--to", "2024-03-31")
    at(monkeypatch, "2024-03-21")
    wanjun.ok("motion", "vote", y, *sum((["--ballot", f"{r}=同意@业主{i}"] for i, r in enumerate(rooms[:5])), []))
    assert "尚未结束" in wanjun.fails("expense", "approve", num)      # a provisional tally approves nothing
    at(monkeypatch, "2024-04-01")
    assert wanjun.json("motion", "vote", "close", y)["passed"] is True
    assert wanjun.json("expense", "approve", num)["status"] == "approved"
    shown = wanjun.json("expense", "show", num)
    assert shown["fund_procedure"] == {"procedure": "owners_vote", "vote": shown["fund_procedure"]["vote"]}
    assert shown["fund_procedure"]["vote"]["ref"].startswith(y)
    assert fund_steps_and_pay(wanjun, num)["status"] == "paid"
    wanjun.ok("audit", "verify")


def test_public_revenue_tiers_naming_the_committee_go_to_the_residents_committee(wanjun):
    wanjun.ok("ledger", "income", "add", "--amount", "30000", "--source", "停车费", "--date", "2024-02-01")
    small = wanjun.json("expense", "request", "--amount", "3000", "--payee", "五金店", "--purpose", "楼道灯")
    mid = wanjun.json("expense", "request", "--amount", "12000", "--payee", "园林公司", "--purpose", "补种绿化")
    big = wanjun.json("expense", "request", "--amount", "30000", "--payee", "安防公司", "--purpose", "监控")
    assert (small["required_body"], mid["required_body"], big["required_body"]) == \
        ("residents_committee", "residents_committee", "three_party")
    assert "无权审批" in wanjun.fails("expense", "approve", small["number"], "--body", "业委会主任")
    assert "没有业主委员会" in wanjun.fails("expense", "approve", mid["number"], "--body", "业委会")
    assert wanjun.json("expense", "approve", small["number"], "--by", "陈金花")["status"] == "approved"
    assert wanjun.json("expense", "approve", mid["number"], "--body", "居委会", "--by", "陈金花")["status"] == "approved"
    assert "三方" in wanjun.fails("expense", "approve", big["number"], "--body", "居委会", "--by", "陈金花")
    assert wanjun.json("expense", "pay", small["number"])["status"] == "paid"


def test_with_a_committee_the_residents_committee_does_not_stand_in(cli):
    cli.ok("ledger", "income", "add", "--amount", "30000", "--source", "停车费", "--date", "2024-02-01")
    num = cli.json("expense", "request", "--amount", "12000", "--payee", "园林公司", "--purpose", "补种绿化")["number"]
    assert "有业主委员会" in cli.fails("expense", "approve", num, "--body", "居委会", "--by", "陈金花")


def test_an_amended_emergency_is_confirmed_and_reviewed_again(wanjun):
    num = wanjun.json("expense", "request", "--fund", "维修资金", "--emergency", "电梯故障严重", "--amount", "50000",
                      "--payee", "力天电梯", "--purpose", "曳引机")["number"]
    wanjun.ok("expense", "confirm", num, "--party", "居委会", "--by", "周红")
    assert wanjun.json("expense", "approve", num, "--body", "居委会", "--by", "陈金花")["status"] == "approved"
    row = wanjun.json("expense", "amend", num, "--amount", "58000", "--reason", "追加钢丝绳")
    assert row["status"] == "requested" and row["voided_approvals"] == 2
    assert wanjun.json("expense", "approve", num, "--body", "居委会", "--by", "陈金花")["status"] == "requested"  # confirm again
    assert "两个人" in wanjun.fails("expense", "confirm", num, "--party", "居委会", "--by", "陈金花")
    assert wanjun.json("expense", "confirm", num, "--party", "居委会", "--by", "周红")["status"] == "approved"
    assert fund_steps_and_pay(wanjun, num)["status"] == "paid"
    shown = wanjun.json("expense", "show", num)
    assert [a["voided_reason"] for a in shown["approvals"]] == ["追加钢丝绳", "追加钢丝绳", None, None]
    wanjun.ok("audit", "verify")
