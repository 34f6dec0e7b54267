"""`expense import`: a register of past payments lands in the books as paid, each with the tier
the rules require for its amount and its approval recorded only as the register states it."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import EXAMPLES, write_csv
from tests.test_import_errors import snapshot

HEADER = "支出日期,支出金额,事项,收款单位,科目,发票号,审批人,资金来源\n"


def _rows(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        out = conn.execute(sql, params).fetchall()
    conn.close()
    return out


@pytest.fixture(autouse=True)
def funds(cli):
    """Books that hold money before the register's first payment (a fund is never negative)."""
    cli.ok("ledger", "opening", "--amount", "100000", "--fund", "公共收益", "--date", "2023-12-31")
    cli.ok("ledger", "opening", "--amount", "100000", "--fund", "维修资金", "--date", "2023-12-31")
    return cli


def test_example_register_is_paid_with_computed_tiers_and_register_approvals(cli):
    cli.ok("ledger", "income", "import", EXAMPLES / "income.csv", "-q")
    before = cli.json("ledger", "balance", "--json")["public_revenue"]["balance_fen"]
    out = cli.json("expense", "import", EXAMPLES / "expenses.csv")
    assert (out["rows"], out["new"], out["unchanged"]) == (4, 4, 0)
    rows = _rows(cli.db, "SELECT number, fund, amount_fen, tier, required_body, status, paid_at FROM expenses "
                         "ORDER BY id")
    assert rows == [
        ("E2024-001", "public_revenue", 80000, "chair", "chair", "paid", "2024-01-08T00:00:00+08:00"),
        ("E2024-002", "public_revenue", 450000, "chair", "chair", "paid", "2024-01-20T00:00:00+08:00"),
        # the maintenance fund is spent on an owners' vote whatever the amount (art. 278)
        ("E2024-003", "maintenance_fund", 2600000, "maintenance_fund", "assembly", "paid", "2024-02-02T00:00:00+08:00"),
        ("E2024-004", "public_revenue", 1500000, "committee", "committee", "paid", "2024-02-18T00:00:00+08:00"),
    ]
    approvals = _rows(cli.db, "SELECT body, ref, approver FROM expense_approvals ORDER BY id")
    assert approvals[0] == ("register", "FP-0108", "金建国") and {a[0] for a in approvals} == {"register"}
    balance = cli.json("ledger", "balance", "--json")
    assert balance["public_revenue"]["balance_fen"] == before - 80000 - 450000 - 1500000
    assert balance["maintenance_fund"]["spent_fen"] == 2600000
    shown = cli.json("expense", "show", "E2024-003", "--json")
    assert shown["status"] == "paid" and shown["approvals"][0]["body"] == "register"
    cli.ok("audit", "verify")


def test_second_import_adds_nothing(cli):
    cli.ok("expense", "import", EXAMPLES / "expenses.csv", "-q")
    again = cli.json("expense", "import", EXAMPLES / "expenses.csv")
    assert (again["new"], again["unchanged"]) == (0, 4)
    assert _rows(cli.db, "SELECT COUNT(*) FROM expenses") == [(4,)]
    assert _rows(cli.db, "SELECT COUNT(*) FROM ledger WHERE kind = 'expense'") == [(4,)]


@pytest.mark.parametrize("amount, tier", [("5000", "chair"), ("5000.01", "committee"), ("20000", "committee"),
                                          ("20000.01", "three_party"), ("39999.99", "three_party"),
                                          ("40000", "assembly"), ("4万", "assembly")])
def test_tier_boundaries_from_the_rules(cli, tmp_path, amount, tier):
    path = write_csv(tmp_path / "e.csv", HEADER + f"2024-03-01,{amount},围墙修缮,某公司,维修,FP-1,张三,公共收益\n")
    cli.ok("expense", "import", path, "-q")
    assert _rows(cli.db, "SELECT tier, required_body FROM expenses") == [(tier, tier)]


def test_fund_column_or_option(cli, tmp_path):
    path = write_csv(tmp_path / "e.csv", "日期,金额,用途,收款方\n2024-03-01,1200,电梯年检,检测站\n")
    cli.ok("expense", "import", path, "--fund", "维修资金", "-q")
    assert _rows(cli.db, "SELECT fund, required_body FROM expenses") == [("maintenance_fund", "assembly")]


def test_bad_cells_name_their_line_and_change_nothing(cli, tmp_path):
    cli.ok("expense", "import", EXAMPLES / "expenses.csv", "-q")
    before = snapshot(cli.db)
    lines = (EXAMPLES / "expenses.csv").read_text(encoding="utf-8").splitlines()
    cofunded = write_csv(tmp_path / "c.csv", "\n".join([*lines, "2024-03-04,9000,单元门更换,门业公司,维修,FP-9,张三,共建"]) + "\n")
    err = cli.fails("expense", "import", cofunded, "-q")
    assert err.startswith(f"{cofunded}:6: 资金来源: 共建支出须登记各方份额")
    badfund = write_csv(tmp_path / "f.csv", HEADER + "2024-03-04,9000,单元门更换,门业公司,维修,FP-9,张三,小金库\n")
    assert cli.fails("expense", "import", badfund, "-q") == f"{badfund}:2: 资金来源: 无效的资金来源 小金库（公共收益/维修资金）"
    badamount = write_csv(tmp_path / "a.csv", HEADER + "2024-03-04,九千,单元门更换,门业公司,维修,FP-9,张三,公共收益\n")
    assert cli.fails("expense", "import", badamount, "-q").startswith(f"{badamount}:2: 支出金额: ")
    assert snapshot(cli.db) == before


def test_dry_run_lists_every_problem_and_writes_nothing(cli, tmp_path):
    before = snapshot(cli.db)
    path = write_csv(tmp_path / "e.csv", HEADER + "2024-03-04,9000,单元门更换,门业公司,维修,FP-9,张三,共建\n"
                     "2024-13-01,100,灯泡,五金店,维修,FP-10,张三,公共收益\n2024-03-02,100,灯泡,五金店,维修,FP-11,张三,\n")
    result = cli("expense", "import", path, "--dry-run")
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stderr.strip().splitlines()[:2]] == ["资金来源", "支出日期"]
    assert snapshot(cli.db) == before


def test_public_disclosure_shows_the_register_approval_without_names(cli):
    cli.ok("ledger", "income", "import", EXAMPLES / "income.csv", "-q")
    cli.ok("expense", "import", EXAMPLES / "expenses.csv", "-q")
    text = cli.ok("report", "quarterly", "2024Q1", "--format", "md").stdout
    # the payee, a company, in full (a resident can check who was paid); the approver's name never
    assert "| 2024-01-08 | E2024-001 | 更换3幢楼道灯 | 明亮电器 | 800.00 | 台账记载 | 2024-01-08 |" in text
    assert "金建国" not in text


def test_english(cli, tmp_path):
    path = write_csv(tmp_path / "e.csv", HEADER + "2024-03-04,9000,单元门更换,门业公司,维修,FP-9,张三,小金库\n")
    err = cli.fails("--lang", "en", "expense", "import", path, "-q")
    assert err == f"{path}:2: 资金来源: invalid fund 小金库 (public revenue/maintenance fund)"


def test_a_register_line_that_would_overdraw_its_fund_is_refused_by_line(cli, tmp_path):
    """The books already hold 100 000 yuan; a 150 000 payment on 2024-03-01 would leave them negative,
    and so would a smaller one dated before a payment that already took most of it."""
    path = write_csv(tmp_path / "e.csv", HEADER + "2024-03-01,150000,外墙翻新,某工程队,维修,V1,张三,公共收益\n")
    before = snapshot(cli.db)
    err = cli.fails("expense", "import", path)
    assert err.startswith(f"{path}:2: 支出金额: ") and "不能为负" in err
    assert snapshot(cli.db) == before
    cli.ok("expense", "import", write_csv(tmp_path / "a.csv", HEADER + "2024-03-01,90000,外墙,某队,维修,V2,张三,公共收益\n"), "-q")
    earlier = write_csv(tmp_path / "b.csv", HEADER + "2024-02-01,20000,绿化,某园林,绿化,V3,张三,公共收益\n")
    err = cli.fails("expense", "import", earlier)  # 20 000 on 02-01 leaves 80 000 for the 90 000 of 03-01
    assert err.startswith(f"{earlier}:2: 支出金额: ") and "2024-03-01" in err


def test_a_register_is_history_only_it_cannot_record_a_payment_after_the_live_books_begin(cli, tmp_path):
    """Once an expense has been requested in zhili, a payment goes through request, approval and pay:
    an imported line dated that day or later (paid, with no approval zhili saw) is refused."""
    cli.ok("expense", "request", "--amount", "300", "--purpose", "门禁维修", "--payee", "某公司")
    late = write_csv(tmp_path / "late.csv", HEADER + "2024-03-05,900,外墙翻新,亲戚工程队,维修,V001,金建国,公共收益\n")
    before = snapshot(cli.db)
    err = cli.fails("expense", "import", late)
    assert err.startswith(f"{late}:2: 支出日期: ") and "2024-03-05" in err and "expense pay" in err
    assert snapshot(cli.db) == before
    old = write_csv(tmp_path / "old.csv", HEADER + "2024-03-04,900,外墙翻新,某工程队,维修,V002,金建国,公共收益\n")
    assert cli.json("expense", "import", old)["new"] == 1
