"""Maintenance fund money only through the fund's procedure: a co-funded request with any
maintenance fund share is the fund's business as a whole (Civil Code art. 278 item 5, Order 165
arts. 22–24), never the chair's or a public revenue tier's."""

from __future__ import annotations

import pytest

from tests.test_decisions_approval import s  # noqa: F401  (the small compound)

UNITS = ["1-1-101", "1-1-102", "1-1-201", "2-1-101", "2-1-102", "3-1-101", "3-1-102"]


@pytest.fixture
def f(s):  # noqa: F811
    s.ok("ledger", "opening", "--amount", "100000", "--date", "2025-01-01", "--fund", "维修资金")
    return s


def owners_vote(cli, monkeypatch, subject, *, matter="fund_use", scope=(), units=UNITS, month=1):
    """An owners' vote naming `subject`, every unit of `units` agreeing, closed after its window
    (from the 25th of `month` of 2025, eleven days)."""
    args = sum((["--scope", x] for x in scope), [])
    y = cli.json("motion", "propose", "--title", f"表决 {subject}", "--matter", matter, "--only", "owners",
                 "--subject", subject, *args)["number"]
    cli.ok("motion", "vote", "open", y, "--from", f"2025-{month:02d}-25", "--to", f"2025-{month + 1:02d}-05")
    monkeypatch.setenv("ZHILI_NOW", f"2025-{month:02d}-26T10:00:00+08:00")
    owner = {u: f"业主{i}" for i, u in enumerate(UNITS)}
    cli.ok("motion", "vote", y, *sum((["--ballot", f"{u}=同意@{owner[u]}"] for u in units), []))
    monkeypatch.setenv("ZHILI_NOW", f"2025-{month + 1:02d}-06T10:00:00+08:00")
    return cli.json("motion", "vote", "close", y)


def balances(cli):
    b = cli.json("ledger", "balance")
    return b["public_revenue"]["balance_fen"], b["maintenance_fund"]["balance_fen"]


@pytest.mark.parametrize("shares", [["维修资金=4900", "物业=100"], ["维修资金=5000"]])
def test_a_maintenance_fund_share_is_not_approved_by_the_chair(f, shares):
    args = sum((["--share", x] for x in shares), [])
    row = f.json("expense", "request", "--amount", "5000", "--fund", "co_funded", *args,
                 "--payee", "甲公司", "--purpose", "修门")
    assert row["tier"] == "maintenance_fund" and row["required_body"] == "assembly"
    num = row["number"]
    assert "业主大会" in f.fails("expense", "approve", num, "--by", "甲", "--body", "chair")
    assert "业主大会" in f.fails("expense", "approve", num, "--by", "甲")
    assert "业主大会" in f.fails("expense", "pay", num)
    assert balances(f) == (10_000_000, 10_000_000)
    assert [s["step"] for s in f.json("fund", "procedure", num)["steps"]][:2] == ["propose", "owners_vote"]


def test_a_large_co_funded_request_with_a_fund_share_goes_to_the_fund_procedure_not_the_assembly_tier(f):
    row = f.json("expense", "request", "--amount", "200000", "--fund", "co_funded", "--share", "维修资金=100000",
                 "--share", "公共收益=100000", "--payee", "乙公司", "--purpose", "大修")
    assert row["tier"] == "maintenance_fund"
    assert f.json("fund", "procedure", row["number"])["next"] == "owners_vote"


def test_a_co_funded_emergency_takes_the_emergency_route(f):
    row = f.json("expense", "request", "--amount", "5000", "--fund", "co_funded", "--share", "维修资金=4900",
                 "--share", "物业=100", "--payee", "电梯公司", "--purpose", "电梯急修", "--emergency", "lift_failure")
    assert row["tier"] == "maintenance_fund" and row["required_body"] == "committee"
    assert "业委会" in f.fails("expense", "approve", row["number"], "--by", "甲", "--body", "chair")
    # a co-funded request without a fund share has no emergency route
    assert f.fails("expense", "request", "--amount", "5000", "--fund", "co_funded", "--share", "公共收益=4900",
                   "--share", "物业=100", "--payee", "电梯公司", "--purpose", "急修", "--emergency", "lift_failure")


def test_the_honest_path_the_owners_vote_then_the_fund_steps(f, monkeypatch):
    row = f.json("expense", "request", "--amount", "5000", "--fund", "co_funded", "--share", "维修资金=4900",
                 "--share", "物业=100", "--payee", "甲公司", "--purpose", "修门")
    num = row["number"]
    assert owners_vote(f, monkeypatch, num)["passed"] is True
    assert f.json("expense", "approve", num)["status"] == "approved"
    assert "组织实施" in f.fails("expense", "pay", num)
    f.ok("fund", "step", num, "implement")
    f.ok("fund", "step", num, "apply_transfer")
    assert f.json("expense", "pay", num)["status"] == "paid"
    assert balances(f) == (10_000_000, 10_000_000 - 490_000)


def test_a_fund_share_recorded_with_the_chair_tier_by_an_older_version_still_needs_the_fund_procedure(f):
    import sqlite3

    num = f.json("expense", "request", "--amount", "5000", "--fund", "co_funded", "--share", "维修资金=4900",
                 "--share", "物业=100", "--payee", "甲公司", "--purpose", "修门")["number"]
    conn = sqlite3.connect(f.db)  # as an earlier version stored it: a public revenue tier
    conn.execute("UPDATE expenses SET tier = 'chair', required_body = 'chair' WHERE number = ?", (num,))
    conn.commit()
    conn.close()
    assert "业主大会" in f.fails("expense", "approve", num, "--by", "甲")
