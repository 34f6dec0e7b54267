"""Opening a database written before reversals: the ledger is rebuilt without its positive-amount
check, keeping every row (and imported line) as the audit chain recorded it."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import Cli, write_csv
from zhili_cli.store.migrations import money, money_names


def test_upgrade_rebuilds_the_ledger_and_keeps_the_audit_whole(tmp_path):
    cli = Cli(tmp_path / "old.db")
    with pytest.MonkeyPatch.context() as mp:  # the money migrations as they were before m004
        mp.setattr(money.migrations, "_migrations",
                   [m for m in money.migrations._migrations if m.name != money.NAMES[3]])
        mp.setattr(money_names, "NAMES", money.NAMES[:3])
        cli.ok("init", "--name", "旧库")
        cli.ok("ledger", "opening", "--amount", "500")
        cli.ok("ledger", "income", "add", "--amount", "100", "--source", "广告")
        write_csv(tmp_path / "in.csv", "日期,来源,金额,缴款人\n2024-01-05,停车费,200,甲\n2024-02-05,租金,300,乙\n")
        cli.ok("ledger", "income", "import", str(tmp_path / "in.csv"))
        conn = sqlite3.connect(cli.db)
        old = conn.execute("SELECT on_date, amount_fen FROM ledger ORDER BY on_date, id").fetchall()
        conn.close()
    cli.ok("audit", "verify")                        # migrates forward first
    assert [(r["on_date"], r["amount_fen"]) for r in cli.json("ledger", "list")] == [tuple(r) for r in old]
    assert cli.json("ledger", "balance")["public_revenue"]["balance"] == "1100.00"
    entry = next(r["entry"] for r in cli.json("ledger", "list") if r["amount_fen"] == 10000)
    cli.ok("ledger", "reverse", str(entry), "--reason", "重复登记")
    assert cli.json("ledger", "balance")["public_revenue"]["balance"] == "1000.00"
    cli.ok("ledger", "income", "import", str(tmp_path / "in.csv"))  # imported lines still known
    assert cli.json("ledger", "balance")["public_revenue"]["balance"] == "1000.00"
    cli.ok("audit", "verify")
