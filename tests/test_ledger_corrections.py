"""Ledger corrections by reversal (冲销), and public revenue shared by the rules' ratio."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def test_income_add_and_list_print_the_entry_to_reverse(cli):
    row = cli.json("ledger", "income", "add", "--amount", "300", "--source", "广告", "--date", "2024-02-01")
    assert row["id"] == 1 and row["entry"] == "L1"
    listed = cli.json("ledger", "list")
    assert listed[0]["id"] == 1 and listed[0]["entry"] == "L1"
    assert "L2" in cli.ok("ledger", "income", "add", "--amount", "1", "--source", "广告").stdout


def test_reversal_keeps_the_original_and_is_dated_when_recorded(cli):
    cli.ok("ledger", "opening", "--amount", "1000", "--date", "2024-01-01")
    entry = cli.json("ledger", "income", "add", "--amount", "300", "--source", "广告", "--date", "2024-02-01")
    assert cli.json("ledger", "balance")["public_revenue"]["balance"] == "1300.00"
    rev = cli.json("ledger", "reverse", entry["entry"], "--reason", "重复登记")
    assert rev["reverses"] == "L2" and rev["on_date"] == "2024-03-05" and rev["amount"] == "-300.00"
    assert rev["kind"] == "income" and rev["source"] == "advertising"
    bal = cli.json("ledger", "balance")["public_revenue"]
    assert (bal["opening_fen"], bal["income_fen"], bal["balance_fen"]) == (100000, 0, 100000)
    # as of before the reversal the income is still there: the original stays
    assert cli.json("ledger", "balance", "--to", "2024-02-29")["public_revenue"]["balance_fen"] == 130000
    rows = cli.json("ledger", "list")
    assert [r["amount_fen"] for r in rows] == [100000, 30000, -30000]
    assert rows[1]["reversed_by"] == rev["entry"] and rows[2]["reverses"] == "L2"
    assert rows[2]["reversal_reason"] == "重复登记" and rows[2]["recorded_by"] == "secretary"
    text = cli.ok("ledger", "list").stdout
    assert "冲销 L2" in text and "重复登记" in text
    cli.ok("audit", "verify")
    conn = sqlite3.connect(cli.db)
    actions = conn.execute("SELECT command, table_name FROM audit_log WHERE command = 'ledger reverse'").fetchall()
    conn.close()
    assert {t for _, t in actions} == {"ledger", "ledger_reversals"}


def test_reversal_refusals(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "income", "add", "--amount", "1000", "--source", "广告", "--date", "2024-01-05")
    cli.ok("ledger", "income", "add", "--amount", "100", "--source", "广告", "--date", "2024-01-06")
    assert "理由" in cli.fails("ledger", "reverse", "L2", "--reason", " ")
    assert "没有台账记录" in cli.fails("ledger", "reverse", "L99", "--reason", "x")
    assert "没有台账记录" in cli.fails("ledger", "reverse", "E2024-001", "--reason", "x")
    cli.ok("ledger", "reverse", "2", "--reason", "录错")
    assert "已被 L3 冲销" in cli.fails("ledger", "reverse", "L2", "--reason", "again")
    assert "本身是对 L2 的冲销" in cli.fails("ledger", "reverse", "L3", "--reason", "undo")
    num = cli.json("expense", "request", "--amount", "900", "--payee", "甲", "--purpose", "修门")["number"]
    cli.ok("expense", "approve", num, "--by", "金建国")
    cli.ok("expense", "pay", num)
    paid = cli.json("ledger", "list")[-1]
    assert "付款记录" in cli.fails("ledger", "reverse", paid["entry"], "--reason", "付错")
    # taking back the 1 000 would leave the fund at -900 from today on
    assert "不能为负" in cli.fails("ledger", "reverse", "L1", "--reason", "退回")
    cli.ok("audit", "verify")


def test_opening_balance_reversed_can_be_recorded_again(cli):
    cli.ok("ledger", "opening", "--amount", "500", "--date", "2024-01-01")
    assert "期初" in cli.fails("ledger", "opening", "--amount", "5000")
    cli.ok("ledger", "reverse", "L1", "--reason", "期初金额录错")
    cli.ok("ledger", "opening", "--amount", "5000", "--date", "2024-01-01")
    bal = cli.json("ledger", "balance")["public_revenue"]
    assert (bal["opening_fen"], bal["balance_fen"]) == (500000, 500000)


def _share_rules(ratio_line: str) -> None:
    path = Path("zhili.yaml")
    text = path.read_text("utf-8")
    assert "  owner_share: {}" in text
    path.write_text(text.replace("  owner_share: {}", ratio_line, 1), "utf-8")


def test_shared_revenue_records_gross_ratio_and_owners_share(cli):
    assert "public_revenue.owner_share.parking" in cli.fails(
        "ledger", "income", "add", "--gross", "10000", "--source", "停车费")
    _share_rules('  owner_share: {parking: "7/10", advertising: "1/2"}')
    cli.adopt_rules()
    row = cli.json("ledger", "income", "add", "--gross", "10000", "--source", "地面停车费", "--date", "2024-02-01")
    assert (row["gross_fen"], row["share_ratio"], row["amount_fen"]) == (1000000, "7/10", 700000)
    row = cli.json("ledger", "income", "add", "--gross", "0.03", "--source", "广告")  # 1.5 fen → 2 fen
    assert row["amount_fen"] == 2
    assert "分成不符" in cli.fails("ledger", "income", "add", "--gross", "100", "--amount", "60",
                                  "--source", "停车费")
    cli.ok("ledger", "income", "add", "--gross", "100", "--amount", "70", "--source", "停车费")
    assert "公共收益" in cli.fails("ledger", "income", "add", "--gross", "100", "--source", "停车费",
                                 "--fund", "维修资金")
    assert "--amount" in cli.fails("ledger", "income", "add", "--source", "停车费")
    listed = cli.json("ledger", "list")
    assert (listed[0]["gross"], listed[0]["share_ratio"], listed[0]["amount"]) == ("10000.00", "7/10", "7000.00")
    assert listed[-1]["gross_fen"] is None or listed[-1]["gross_fen"] == 10000
    assert cli.json("ledger", "balance")["public_revenue"]["income_fen"] == 700000 + 2 + 7000
    assert "7/10" in cli.ok("ledger", "list").stdout
    cli.ok("audit", "verify")


def test_share_ratio_must_be_a_fraction(cli):
    _share_rules("  owner_share: {parking: 0.7}")
    err = cli.fails("ledger", "balance")
    assert "owner_share" in err


def test_an_income_register_line_dated_in_the_future_is_refused_with_its_line(cli, tmp_path):
    from tests.conftest import write_csv

    path = write_csv(tmp_path / "收入.csv", "日期,来源,金额\n2024-03-01,停车费,200\n2024-03-09,广告,300\n")
    err = cli.fails("ledger", "income", "import", str(path))
    assert "收入.csv:3" in err and "2024-03-09" in err and "之后" in err
    assert cli.json("ledger", "list") == []


def test_ledger_balance_carries_openings_reversals_cofunded_shares_and_both_funds(cli, monkeypatch):
    from tests.test_expense_approvals import COMMITTEE, committee_vote

    for entry in COMMITTEE:
        name, role = entry.split(":")
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    _share_rules('  owner_share: {parking: "7/10"}')
    cli.adopt_rules()
    cli.ok("ledger", "opening", "--amount", "50000", "--date", "2024-01-01")
    cli.ok("ledger", "opening", "--fund", "维修资金", "--amount", "200000", "--date", "2024-01-01")
    cli.ok("ledger", "income", "add", "--gross", "10000", "--source", "停车费", "--date", "2024-01-10")  # 7 000
    wrong = cli.json("ledger", "income", "add", "--amount", "900", "--source", "广告", "--date", "2024-01-20")
    num = cli.json("expense", "request", "--fund", "共建", "--amount", "10000", "--payee", "充电桩公司",
                   "--purpose", "充电棚", "--share", "公共收益=6000", "--share", "街道=4000")["number"]
    assert committee_vote(cli, num)["passed"] is True
    cli.ok("expense", "approve", num)
    cli.ok("expense", "pay", num, "--date", "2024-03-05")
    cli.ok("ledger", "reverse", wrong["entry"], "--reason", "广告费重复登记")
    bal = cli.json("ledger", "balance")
    pr, mf, co = bal["public_revenue"], bal["maintenance_fund"], bal["co_funded"]
    assert (pr["opening_fen"], pr["income_fen"], pr["spent_fen"], pr["balance_fen"]) == \
        (5000000, 700000, 600000, 5100000)
    assert (mf["opening_fen"], mf["balance_fen"]) == (20000000, 20000000)
    assert (co["income_fen"], co["spent_fen"], co["balance_fen"]) == (400000, 400000, 0)
    before = cli.json("ledger", "balance", "--to", "2024-02-29")["public_revenue"]
    assert before["income_fen"] == 700000 + 90000  # the reversal is dated when it was recorded
    for fund in bal.values():
        rows = cli.json("ledger", "list", "--fund", fund["fund"])
        signed = sum(-r["amount_fen"] if r["kind"] == "expense" else r["amount_fen"] for r in rows)
        assert signed == fund["balance_fen"]
    cli.ok("audit", "verify")
