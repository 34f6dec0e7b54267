"""Expenses: request, approval by the right body and person, payment within the balance."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture
def books(cli):
    """A compound with a chair, a vice-chair and 10 000 yuan of public revenue."""
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "沈丽", "--role", "副主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "opening", "--amount", "8000", "--date", "2024-01-01")
    cli.ok("ledger", "income", "add", "--amount", "2000", "--source", "商铺租金", "--period", "2024-02")
    return cli


def request(cli, amount, payee="绿化公司", purpose="修剪树木", *extra):
    return cli.json("expense", "request", "--amount", amount, "--payee", payee, "--purpose", purpose, *extra)


def test_request_computes_tier(books):
    row = request(books, "5000")
    assert row["number"] == "E2024-001" and row["tier"] == "chair" and row["status"] == "requested"
    assert row["amount_fen"] == 500000 and row["amount"] == "5000.00"
    assert request(books, "5000.01", "甲")["tier"] == "committee"
    assert request(books, "20000.01", "乙")["tier"] == "three_party"
    assert request(books, "4万", "丙")["tier"] == "assembly"


def test_only_the_chair_gives_the_chair_approval(books):
    num = request(books, "3000")["number"]
    err = books.fails("expense", "approve", num)  # the actor is "secretary"
    assert "不是在任的业委会主任" in err and "金建国" in err
    err = books.fails("expense", "approve", num, "--by", "沈丽")
    assert "沈丽" in err
    assert books.json("expense", "approve", num, "--by", "金建国")["status"] == "approved"
    show = books.json("expense", "show", num)
    assert show["approvals"][0]["body"] == "chair" and show["approvals"][0]["approver"] == "金建国"
    # --as names the actor too
    num2 = request(books, "100", "另一家")["number"]
    assert books.json("--as", "金建国", "expense", "approve", num2)["status"] == "approved"


def test_no_chair_recorded(cli):
    num = request(cli, "100")["number"]
    err = cli.fails("expense", "approve", num)
    assert "没有在任的业委会主任" in err and "member add" in err and "--role 主任 --term-start" in err


def test_chair_term_over_says_how_to_record_the_new_committee(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2019-03-01", "--term-end", "2024-02-29", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = request(cli, "100")["number"]
    err = cli.fails("expense", "approve", num, "--by", "金建国")
    assert "任期已满" in err and "member add" in err


def test_wrong_kind_refused(books):
    num = request(books, "12000")["number"]
    err = books.fails("expense", "approve", num, "--by", "金建国", "--body", "chair")
    assert num in err and "无权审批" in err
    err = books.fails("expense", "approve", num)
    assert "业委会" in err and num in err  # no committee vote names it
    assert "三方协同会议" in books.fails("expense", "approve", num, "--body", "nonsense")


def test_nothing_paid_without_approval(books):
    num = request(books, "3000")["number"]
    err = books.fails("expense", "pay", num)
    assert "尚未获" in err and num in err
    high = request(books, "30000", "施工队")["number"]
    assert "三方协同会议" in books.fails("expense", "pay", high)
    assert books.json("expense", "show", num)["status"] == "requested"
    assert books.json("ledger", "balance")["public_revenue"]["balance_fen"] == 1000000


def test_nothing_paid_beyond_balance(books):
    a = request(books, "4000", "甲")["number"]
    b = request(books, "4000", "乙")["number"]
    c = request(books, "4000", "丙")["number"]
    for num in (a, b, c):
        books.ok("expense", "approve", num, "--by", "金建国")
    assert books.json("expense", "pay", a)["status"] == "paid"
    assert books.json("expense", "pay", b)["status"] == "paid"
    err = books.fails("expense", "pay", c)
    assert "余额 2,000.00 元" in err and "4,000.00" in err
    assert books.json("expense", "show", c)["status"] == "approved"
    bal = books.json("ledger", "balance")["public_revenue"]
    assert (bal["opening_fen"], bal["income_fen"], bal["spent_fen"], bal["balance_fen"]) == (800000, 200000, 800000, 200000)
    books.ok("ledger", "income", "add", "--amount", "2000", "--source", "parking")
    assert books.json("expense", "pay", c)["status"] == "paid"
    assert books.json("ledger", "balance")["public_revenue"]["balance_fen"] == 0
    assert "已支付" in books.fails("expense", "pay", c)  # paid once only


def test_three_requests_of_4800_to_one_payee_need_the_committee(books):
    first = request(books, "4800")
    assert first["tier"] == "chair"
    second = request(books, "4800", "绿化公司", "修剪二")
    assert second["tier"] == "committee" and second["split_of"] == [first["number"]]
    third = request(books, "4800", " 绿化公司 ", "修剪三")
    assert third["tier"] == "committee" and third["split_of"] == [first["number"], second["number"]]
    assert third["split_total_fen"] == 1440000
    assert "无权审批" in books.fails("expense", "approve", third["number"], "--by", "金建国", "--body", "chair")
    check = books.json("expense", "check", "4800", "--payee", "绿化公司")
    assert check["tier"] == "committee" and len(check["earlier"]) == 3
    out = books.ok("expense", "check", "4800", "--payee", "绿化公司").stdout
    assert first["number"] in out and "30 天" in out
    # another payee is not summed; a rejected request no longer counts
    assert request(books, "4800", "保洁公司")["tier"] == "chair"


def test_split_window_is_thirty_days(books):
    first = request(books, "4800")["number"]
    later = {"ZHILI_NOW": "2024-04-05T10:00:00+08:00"}  # 31 days later
    result = books("expense", "check", "4800", "--payee", "绿化公司", "--json", env=later)
    assert result.exit_code == 0 and '"tier": "chair"' in result.stdout
    within = {"ZHILI_NOW": "2024-04-04T10:00:00+08:00"}
    result = books("expense", "check", "4800", "--payee", "绿化公司", "--json", env=within)
    assert '"tier": "committee"' in result.stdout and first in result.stdout


def test_rejected_and_cancelled_are_not_summed(books):
    a = request(books, "4800")["number"]
    books.fails("expense", "reject", a, "--reason", " ")
    assert books.json("expense", "reject", a, "--reason", "报价过高")["status"] == "rejected"
    assert request(books, "4800")["tier"] == "chair"
    b = request(books, "100", "x")["number"]
    assert books.json("expense", "cancel", b)["status"] == "cancelled"
    assert "已撤销" in books.fails("expense", "approve", b, "--by", "金建国")
    assert "已否决" in books.fails("expense", "cancel", a)


def test_numbers_accepted_loosely_and_listed(books):
    request(books, "100")
    assert books.json("expense", "show", "e2024-1")["number"] == "E2024-001"
    assert books.json("expense", "show", "1")["number"] == "E2024-001"
    assert "没有支出" in books.fails("expense", "show", "E2024-099")
    rows = books.json("expense", "list")
    assert [r["number"] for r in rows] == ["E2024-001"]
    assert books.json("expense", "list", "--status", "paid") == []
    books.fails("expense", "list", "--status", "bogus", code=2)
    out = books.ok("expense", "list").stdout
    assert "E2024-001" in out


def test_request_refusals(books):
    assert "用途" in books.fails("expense", "request", "--amount", "1", "--payee", "x", "--purpose", " ")
    assert "负" in books.fails("expense", "request", "--amount", "-1", "--payee", "x", "--purpose", "y")
    assert "无效的资金" in books.fails("expense", "request", "--amount", "1", "--payee", "x", "--purpose", "y",
                                    "--fund", "私房钱")
    assert "没有项目" in books.fails("expense", "request", "--amount", "1", "--payee", "x", "--purpose", "y",
                                  "--project", "XM2024-009")
    assert "没有议案" in books.fails("expense", "request", "--amount", "1", "--payee", "x", "--purpose", "y",
                                  "--motion", "Y2024-009")
    assert "没有诉求" in books.fails("expense", "request", "--amount", "1", "--payee", "x", "--purpose", "y",
                                  "--petition", "P2024-009")
    p = books.json("petition", "add", "--title", "护栏腐烂", "--source", "信箱")["number"]
    row = request(books, "100", "x", "y", "--petition", p.lower())
    assert row["petition"] == p


def test_waiting_expenses_reach_the_bodies_agenda(books):
    from zhili_cli.services.decisions import waiting_for

    request(books, "100", "x")
    c = request(books, "12000", "y", "换监控")["number"]
    t3 = request(books, "30000", "z", "改造")["number"]
    conn = sqlite3.connect(books.db)
    assert [w["ref"] for w in waiting_for(conn, "committee")] == [c]
    assert [w["ref"] for w in waiting_for(conn, "three_party")] == [t3]
    item = waiting_for(conn, "three_party")[0]
    assert item["type"] == "expense" and item["title"] == "改造" and item["amount_fen"] == 3000000
    assert waiting_for(conn, "assembly") == []
    conn.close()


def test_co_funded_shares(books):
    err = books.fails("expense", "request", "--amount", "5000", "--payee", "x", "--purpose", "充电棚",
                      "--fund", "共建", "--share", "公共收益=3000", "--share", "物业=1000")
    assert "4,000.00" in err
    row = request(books, "5000", "x", "充电棚", "--fund", "共建", "--share", "公共收益=3000", "--share", "物业=2000")
    assert row["shares"] == {"public_revenue": 300000, "物业": 200000}
    books.ok("expense", "approve", row["number"], "--by", "金建国")
    books.ok("expense", "pay", row["number"])
    bal = books.json("ledger", "balance")
    assert bal["public_revenue"]["spent_fen"] == 300000
    assert bal["co_funded"]["income_fen"] == 200000 and bal["co_funded"]["balance_fen"] == 0


def test_english_messages(books):
    num = request(books, "12000")["number"]
    err = books.fails("--lang", "en", "expense", "approve", num, "--by", "金建国", "--body", "chair")
    assert "cannot approve" in err
    err = books.fails("--lang", "en", "expense", "pay", num)
    assert "cannot be paid" in err


def test_audit_chain_holds_after_money_work(books):
    num = request(books, "100")["number"]
    books.ok("expense", "approve", num, "--by", "金建国")
    books.ok("expense", "pay", num)
    books.ok("audit", "verify")
