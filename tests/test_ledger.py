"""The ledger: income by source, opening balances, balances per fund, listing."""

from __future__ import annotations

import pytest


def test_income_sources_and_balance(cli):
    cli.ok("ledger", "opening", "--amount", "1.5万", "--date", "2024-01-01")
    for source, amount in (("商铺租金", "120,000.00"), ("地面停车费", "150000元"), ("广告", "70000"), ("其他", "0.5")):
        cli.ok("ledger", "income", "add", "--amount", amount, "--source", source, "--period", "2024")
    bal = cli.json("ledger", "balance")
    pr = bal["public_revenue"]
    assert pr["opening_fen"] == 1500000
    assert pr["income_fen"] == 34000050
    assert pr["balance"] == "355000.50"
    assert bal["maintenance_fund"]["balance_fen"] == 0
    rows = cli.json("ledger", "list")
    assert [r["source"] for r in rows] == ["opening", "shop_rent", "parking", "advertising", "other"]
    assert rows[1]["amount"] == "120000.00" and rows[1]["period"] == "2024"
    out = cli.ok("ledger", "balance").stdout
    assert "公共收益" in out and "355,000.50" in out
    assert "商铺租金" in cli.ok("ledger", "list").stdout


def test_english_source_names_and_funds(cli):
    cli.ok("ledger", "income", "add", "--amount", "100", "--source", "advertising", "--fund", "maintenance_fund",
           "--date", "2024/3/1", "--period", "2024Q1")
    row = cli.json("ledger", "list", "--fund", "维修资金")[0]
    assert (row["fund"], row["source"], row["on_date"], row["period"]) == ("maintenance_fund", "advertising",
                                                                           "2024-03-01", "2024Q1")
    assert cli.json("ledger", "list", "--fund", "public_revenue") == []


def test_refusals(cli):
    assert "来源" in cli.fails("ledger", "income", "add", "--amount", "1", "--source", "彩票")
    assert "零" in cli.fails("ledger", "income", "add", "--amount", "0", "--source", "广告")
    assert "负" in cli.fails("ledger", "income", "add", "--amount", "-5", "--source", "广告")
    assert "期间" in cli.fails("ledger", "income", "add", "--amount", "1", "--source", "广告", "--period", "2024-13")
    assert "日期" in cli.fails("ledger", "income", "add", "--amount", "1", "--source", "广告", "--date", "昨天")
    cli.ok("ledger", "opening", "--amount", "100")
    assert "期初" in cli.fails("ledger", "opening", "--amount", "100")
    assert "资金" in cli.fails("ledger", "opening", "--amount", "100", "--fund", "xx")


def test_balance_until_a_date(cli):
    cli.ok("ledger", "income", "add", "--amount", "100", "--source", "广告", "--date", "2024-01-10")
    cli.ok("ledger", "income", "add", "--amount", "200", "--source", "广告", "--date", "2024-02-10")
    assert cli.json("ledger", "balance", "--to", "2024-01-31")["public_revenue"]["balance_fen"] == 10000
    assert len(cli.json("ledger", "list", "--from", "2024-02-01")) == 1


def test_paid_expenses_are_ledger_entries(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "income", "add", "--amount", "1000", "--source", "停车费")
    num = cli.json("expense", "request", "--amount", "300", "--payee", "五金店", "--purpose", "换灯泡")["number"]
    cli.ok("expense", "approve", num, "--by", "金建国")
    cli.ok("expense", "pay", num, "--date", "2024-03-05")
    rows = cli.json("ledger", "list")
    assert rows[-1]["kind"] == "expense" and rows[-1]["expense"] == num and rows[-1]["on_date"] == "2024-03-05"
    assert rows[-1]["purpose"] == "换灯泡" and rows[-1]["tier"] == "chair"
    assert cli.json("ledger", "balance")["public_revenue"]["balance"] == "700.00"


@pytest.mark.slow
def test_demo_holds_a_year_of_income_and_expenses_at_each_tier(cli):
    env = {"ZHILI_NOW": "2025-06-30T18:00:00+08:00"}
    cli.ok("demo", "--force", env=env)
    rows = cli.json("ledger", "list", "--from", "2024-01-01", "--to", "2024-12-31")
    income = sum(r["amount_fen"] for r in rows if r["kind"] == "income" and r["fund"] == "public_revenue")
    assert income == 34000000  # seed 000: 34 万 in 2024
    assert {r["source"] for r in rows if r["kind"] == "income"} == {"shop_rent", "parking", "advertising"}
    expenses = cli.json("expense", "list")
    assert {e["tier"] for e in expenses if e["fund"] != "maintenance_fund"} == {"chair", "committee", "three_party",
                                                                               "assembly"}
    assert {e["tier"] for e in expenses if e["fund"] == "maintenance_fund"} == {"maintenance_fund"}
    assert all(e["status"] == "paid" for e in expenses if e["tier"] in ("chair", "committee", "three_party")
               and e["number"].startswith("E2024"))
    # the current quarter (2025Q2) keeps one chair-tier item approved and not yet paid
    assert [e["status"] for e in expenses if e["number"].startswith("E2025") and e["status"] != "paid"] == ["approved"]
    assert [e["status"] for e in expenses if e["required_body"] == "assembly"] == ["requested"]
    assert any(e["fund"] == "maintenance_fund" and e["emergency"] for e in expenses)
    bal = cli.json("ledger", "balance")["public_revenue"]
    assert bal["balance_fen"] == bal["opening_fen"] + bal["income_fen"] - bal["spent_fen"] >= 0
    project = cli.json("project", "list")[0]
    assert project["title"] == "室外集中充电棚" and project["done"] == project["total"] - 1
    cli.ok("audit", "verify")


def test_income_register_import(cli, tmp_path):
    from tests.conftest import EXAMPLES, write_csv

    src = EXAMPLES / "income.csv"
    dry = cli.json("ledger", "income", "import", str(src), "--dry-run")
    assert dry["new"] == 4 and dry["dry_run"] is True
    assert cli.json("ledger", "list") == []
    assert cli.json("ledger", "income", "import", str(src))["new"] == 4
    again = cli.json("ledger", "income", "import", str(src))
    assert (again["new"], again["unchanged"]) == (0, 4)
    rows = cli.json("ledger", "list")
    assert [r["source"] for r in rows] == ["parking", "advertising", "shop_rent", "other"]
    assert sum(r["amount_fen"] for r in rows) == 1260000 + 300000 + 1200000 + 8652
    assert rows[0]["on_date"] == "2024-01-05"
    gbk = write_csv(tmp_path / "gbk.csv", "日期,金额,类别\n2024-02-01,500,停车费\n", "gb18030")
    assert cli.json("ledger", "income", "import", str(gbk))["new"] == 1
    bad = write_csv(tmp_path / "bad.csv", "日期,金额,类别\n2024-02-01,500,停车费\n2024-02-30,-5,广告\n")
    err = cli.fails("ledger", "income", "import", str(bad))
    assert "bad.csv:3" in err
    assert len(cli.json("ledger", "list")) == 5  # all or nothing: the good line of bad.csv was not kept
    cli.ok("audit", "verify")


def test_upgrade_from_the_first_money_schema_keeps_the_audit_whole(cli):
    import sqlite3

    cli.ok("ledger", "income", "add", "--amount", "100", "--source", "广告")
    conn = sqlite3.connect(cli.db)  # as written by the version before income imports
    conn.execute("DROP TABLE ledger_imports")
    conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'money' AND name = 'm002_income_imports'")
    conn.commit()
    conn.close()
    cli.ok("audit", "verify")  # migrates forward first
    conn = sqlite3.connect(cli.db)
    assert conn.execute("SELECT COUNT(*) FROM ledger_imports").fetchone()[0] == 0
    conn.close()
    assert cli.json("ledger", "balance")["public_revenue"]["balance"] == "100.00"
