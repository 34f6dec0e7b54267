"""The maintenance fund (住宅专项维修资金): owners' vote or the emergency path; the applicant."""

from __future__ import annotations

import sqlite3

from tests.conftest import Cli


def fund_request(cli, *extra, amount="80000"):
    return cli.json("expense", "request", "--fund", "维修资金", "--amount", amount, "--payee", "电梯公司",
                    "--purpose", "3幢电梯大修", *extra)


def test_ordinary_use_needs_the_owners_vote_whatever_the_amount(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    row = fund_request(cli, amount="3000")
    assert row["tier"] == "maintenance_fund" and row["required_body"] == "assembly"  # never a public revenue tier
    num = row["number"]
    assert "无权审批" in cli.fails("expense", "approve", num, "--by", "金建国", "--body", "chair")
    assert "业主大会" in cli.fails("expense", "approve", num)
    proc = cli.json("fund", "procedure", num)
    assert [s["step"] for s in proc["steps"]] == ["propose", "owners_vote", "implement", "apply_transfer", "publicize"]
    assert proc["steps"][0]["done"] and proc["next"] == "owners_vote"
    assert proc["applicant"] == "owners_committee"
    assert "须先完成" in cli.fails("fund", "step", num, "implement")
    assert "自动" in cli.fails("fund", "step", num, "owners_vote")
    assert "无效的步骤" in cli.fails("fund", "step", num, "dance")
    conn = sqlite3.connect(cli.db)
    from zhili_cli.services.decisions import waiting_for

    assert [w["ref"] for w in waiting_for(conn, "assembly")] == [num]
    assert [w["ref"] for w in waiting_for(conn, "owners")] == [num]
    conn.close()


def test_without_owners_committee_the_residents_committee_applies(tmp_path):
    cli = Cli(tmp_path / "z.db")
    cli.ok("init", "--name", "安普顿", "--no-committee")
    num = fund_request(cli)["number"]
    assert cli.json("fund", "procedure", num)["applicant"] == "residents_committee"
    assert "社区居委会" in cli.ok("fund", "procedure", num).stdout


def test_emergency_path(cli):
    row = fund_request(cli, "--emergency", "lift_failure")
    num = row["number"]
    assert row["required_body"] == "committee" and row["emergency"] == "lift_failure"
    proc = cli.json("fund", "procedure", num)
    assert [s["step"] for s in proc["steps"]] == ["propose", "committee_review", "confirm", "implement",
                                                  "apply_transfer", "publicize"]
    assert "无效的确认单位" in cli.fails("expense", "confirm", num, "--party", "物业")
    # the sub-district speaks only through a representative on the roster, in office that day
    err = cli.fails("expense", "confirm", num, "--party", "街道")
    assert "还没有登记代表" in err and "zhili member add" in err and "街道代表" in err
    cli.ok("member", "add", "王建华", "--role", "街道代表", "--term-start", "2024-01-01", "--term-end", "2024-02-29",
           "--basis", "街道办委派函2024-1号")
    assert "不是 街道 的在任代表" in cli.fails("expense", "confirm", num, "--party", "街道", "--by", "王建华")
    cli.ok("member", "add", "周敏", "--role", "街道代表", "--term-start", "2024-03-01", "--basis", "街道办委派函2024-5号")
    assert "周敏" in cli.fails("expense", "confirm", num, "--party", "街道", "--by", "随便谁")
    assert cli.fails("expense", "confirm", num, "--party", "居委会", "--by", "周敏")  # not the residents' committee's
    assert cli.json("expense", "confirm", num, "--party", "街道", "--by", "周敏")["status"] == "requested"
    err = cli.fails("expense", "pay", num)
    assert "尚未获" in err
    assert "业委会" in cli.fails("expense", "approve", num)  # the committee review is still missing
    shown = cli.json("expense", "show", num)
    assert shown["approvals"][0]["body"] == "confirm" and shown["approvals"][0]["ref"] == "subdistrict"
    assert shown["approvals"][0]["approver"] == "周敏" and shown["fund_procedure"]["confirmation"]["by"] == "周敏"
    assert [s["step"] for s in shown["fund_steps"]] == ["propose", "confirm"]


def test_emergency_refusals(cli):
    err = cli.fails("expense", "request", "--amount", "100", "--payee", "x", "--purpose", "y",
                    "--emergency", "lift_failure")
    assert "维修资金" in err
    err = cli.fails("expense", "request", "--fund", "maintenance_fund", "--amount", "100", "--payee", "x",
                    "--purpose", "y", "--emergency", "bored")
    assert "电梯故障严重" in err
    num = fund_request(cli)["number"]
    assert "不是维修资金应急" in cli.fails("expense", "confirm", num, "--party", "街道")
    pr = cli.json("expense", "request", "--amount", "100", "--payee", "x", "--purpose", "y")["number"]
    assert "不动用维修资金" in cli.fails("fund", "procedure", pr)
