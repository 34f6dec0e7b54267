"""Approvals bound to what they approve; money in date order; payees compared as people write them."""

from __future__ import annotations

import json

import pytest

from tests.test_expense_approvals import COMMITTEE, committee_vote

DAY1 = {"ZHILI_NOW": "2024-03-06T09:00:00+08:00"}
DAY2 = {"ZHILI_NOW": "2024-03-07T09:00:00+08:00"}


@pytest.fixture
def org(cli):
    for entry in COMMITTEE:
        name, role = entry.split(":")
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "opening", "--amount", "100000", "--date", "2024-01-01")
    return cli


def jenv(cli, env, *args):
    return json.loads(cli.ok(*args, "--json", env=env).stdout)


def request(cli, amount, purpose="监控改造", payee="施工方", env=None):
    return jenv(cli, env, "expense", "request", "--amount", amount, "--payee", payee, "--purpose", purpose)


def test_a_vote_taken_before_the_request_existed_approves_nothing(org):
    """The finding: a committee vote passed with --subject E2024-001 before that expense existed
    approved whatever request later got that number (19 000 yuan to 随便)."""
    num = "E2024-001"
    assert committee_vote(org, num)["passed"] is True        # nothing called E2024-001 exists yet
    assert request(org, "19000", "随便", "随便")["number"] == num
    err = org.fails("expense", "approve", num)
    assert "之前" in err and num in err
    assert org.json("expense", "show", num)["status"] == "requested"
    assert committee_vote(org, num)["passed"] is True        # a vote on the request as it stands
    assert org.json("expense", "approve", num)["status"] == "approved"


def test_the_vote_before_the_request_is_refused_even_days_apart(org):
    org.ok("motion", "propose", "--title", "预先表决", "--only", "committee", "--subject", "E2024-001", env=DAY1)
    names = [e.split(":")[0] for e in COMMITTEE]
    org.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-06", env=DAY1)
    org.ok("meeting", "attend", "M2024-001", "--present", ",".join(names[:5]), env=DAY1)
    org.ok("motion", "vote", "Y2024-001", "--meeting", "M2024-001",
           *sum((["--member", f"{n}=同意"] for n in names[:5]), []), env=DAY1)
    request(org, "12000", env=DAY2)
    assert "之前" in org.fails("expense", "approve", "E2024-001", env=DAY2)


def test_an_approval_records_what_it_approved_and_a_change_voids_it(org):
    num = request(org, "12000", "监控改造", "宏达安防")["number"]
    committee_vote(org, num)
    org.ok("expense", "approve", num)
    shown = org.json("expense", "show", num)
    terms = shown["approvals"][0]["terms"]
    assert terms == {"amount_fen": 1200000, "payee": "宏达安防", "purpose": "监控改造", "fund": "public_revenue",
                     "shares": None}
    assert shown["approvals"][0]["voided_at"] is None and shown["approved_by"] == ["committee"]
    row = org.json("expense", "amend", num, "--amount", "18000", "--reason", "增加两个摄像头")
    assert row["status"] == "requested" and row["voided_approvals"] == 1 and row["amount_fen"] == 1800000
    assert "审批" in org.fails("expense", "pay", num)
    assert "之前" in org.fails("expense", "approve", num)   # the old vote approved 12 000, not 18 000
    shown = org.json("expense", "show", num)
    assert shown["approvals"][0]["voided_reason"] == "增加两个摄像头"
    amend = [h for h in shown["history"] if h["action"] == "amend"][0]
    assert amend["reason"] == "增加两个摄像头" and amend["by"] == "secretary"
    assert amend["before"]["amount_fen"] == 1200000 and amend["after"]["amount_fen"] == 1800000
    assert [h["action"] for h in shown["history"]] == ["request", "approve", "void", "amend"]
    committee_vote(org, num)
    assert org.json("expense", "approve", num)["status"] == "approved"
    assert org.json("expense", "pay", num)["status"] == "paid"
    assert "不能再更正" in org.fails("expense", "amend", num, "--payee", "别家", "--reason", "晚了")
    text = org.ok("expense", "show", num).stdout
    assert "更正记录" in text and "增加两个摄像头" in text and "12,000.00 →" in text and "同意" in text and "{" not in text
    org.ok("audit", "verify")


def test_amending_can_change_the_approving_body(org):
    org.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = request(org, "3000", "换灯", "五金店")["number"]
    org.ok("expense", "approve", num, "--by", "金建国")
    row = org.json("expense", "amend", num, "--amount", "8000", "--payee", "平湖五金", "--reason", "报价有误")
    assert row["required_body"] == "committee" and row["status"] == "requested"
    assert "业委会" in org.fails("expense", "approve", num, "--by", "金建国", "--body", "chair")
    assert "理由" in org.fails("expense", "amend", num, "--amount", "1", "--reason", " ")
    assert "没有要更正" in org.fails("expense", "amend", num, "--amount", "8000", "--reason", "同上")
    org.ok("audit", "verify")


def test_payment_dated_before_its_approval_or_in_the_future_is_refused(org):
    num = request(org, "3000", "换灯", "五金店")["number"]
    org.ok("expense", "approve", num, "--by", "金建国")            # approved 2024-03-05
    assert "早于审批" in org.fails("expense", "pay", num, "--date", "2024-03-04")
    assert "之后" in org.fails("expense", "pay", num, "--date", "2024-03-06")
    assert org.json("expense", "pay", num, "--date", "2024-03-05")["status"] == "paid"


def test_income_cannot_be_dated_in_the_future(org):
    assert "之后" in org.fails("ledger", "income", "add", "--amount", "5", "--source", "广告", "--date", "2024-03-06")
    assert "之后" in org.fails("ledger", "opening", "--fund", "维修资金", "--amount", "5", "--date", "2025-01-01")


def test_payment_funded_by_income_recorded_later_is_refused(cli):
    """The finding: a payment dated before the income that funds it left the fund negative that day."""
    jan = {"ZHILI_NOW": "2024-01-10T09:00:00+08:00"}
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--basis", "任职文件1号", "--basis-date", "2019-01-01", env=jan)
    num = jenv(cli, jan, "expense", "request", "--amount", "3000", "--payee", "五金店", "--purpose", "换灯")
    cli.ok("expense", "approve", num["number"], "--by", "金建国", env=jan)
    cli.ok("ledger", "income", "add", "--amount", "5000", "--source", "广告", "--date", "2024-03-01")
    err = cli.fails("expense", "pay", num["number"], "--date", "2024-02-01")
    assert "2024-02-01" in err and "不能为负" in err
    assert cli.json("expense", "pay", num["number"], "--date", "2024-03-01")["status"] == "paid"


def test_every_later_date_stays_at_or_above_zero(cli):
    jan = {"ZHILI_NOW": "2024-01-15T09:00:00+08:00"}
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--basis", "任职文件1号", "--basis-date", "2019-01-01", env=jan)
    cli.ok("ledger", "income", "add", "--amount", "1000", "--source", "广告", "--date", "2024-01-05", env=jan)
    a = jenv(cli, jan, "expense", "request", "--amount", "800", "--payee", "甲", "--purpose", "修门")["number"]
    b = jenv(cli, jan, "expense", "request", "--amount", "500", "--payee", "乙", "--purpose", "修窗")["number"]
    for num in (a, b):
        cli.ok("expense", "approve", num, "--by", "金建国", env=jan)
    cli.ok("expense", "pay", a, "--date", "2024-03-01")
    # on 2024-02-01 the fund holds 1 000, but paying 500 then leaves it at -300 on 2024-03-01
    err = cli.fails("expense", "pay", b, "--date", "2024-02-01")
    assert "2024-03-01" in err and "200.00" in err
    assert cli.json("ledger", "balance")["public_revenue"]["balance_fen"] == 20000


@pytest.mark.parametrize("first,second", [("ＡＢＣ五金", "abc 五金"), ("平湖五金店", "平湖五金（个体户）"),
                                          ("宏达安防有限公司", "宏达 安防"), ("A.B.C五金", "abc五金店"),
                                          ("A.B.C.五金商店", "ABC五金商店"), ("某某五金商店", "某某五金商店(分店)"),
                                          ("某某五金商店(分店)", "某某五金商店（分店）"), ("某某五金店", "某某五金商店分店"),
                                          ("法人 李四", "李四（法定代表人）"), ("李四", "负责人：李四"),
                                          ("李四(法人)", "李四")])
def test_payees_compared_as_people_write_them(org, first, second):
    a = request(org, "4000", "换灯", first)["number"]
    b = request(org, "4000", "换锁", second)
    assert b["tier"] == "committee" and b["split_of"] == [a]
    shown = org.json("expense", "show", b["number"])
    assert shown["split"]["summed"][0]["number"] == a and shown["split"]["summed"][0]["payee"] == first
    assert shown["split"]["total"] == "8000.00"
    assert a in org.ok("expense", "show", b["number"]).stdout


def test_different_payees_stay_apart(org):
    request(org, "4000", "换灯", "宏达安防有限公司")
    assert request(org, "4000", "换锁", "宏达安防杭州分公司")["split_of"] == []
    assert request(org, "4000", "换门", "宏远安防")["split_of"] == []
    assert request(org, "4000", "换窗", "某某（杭州）五金")["split_of"] == []
    assert request(org, "4000", "换窗", "某某（上海）五金")["split_of"] == []   # a bracket that names a place stays
    assert request(org, "4000", "修车棚", "老板娘")["split_of"] == []
    assert request(org, "4000", "修车棚", "老板")["split_of"] == []        # never folded down to nothing


def test_maintenance_fund_requests_are_not_summed_with_public_revenue(org):
    request(org, "4000", "换灯", "宏达安防")
    row = org.json("expense", "request", "--fund", "维修资金", "--amount", "4000", "--payee", "宏达安防",
                   "--purpose", "屋面防水")
    assert row["tier"] == "maintenance_fund" and row["split_of"] == []
    assert request(org, "1000", "换锁", "宏达安防")["tier"] == "chair"


def test_amounts_with_a_decimal_comma_are_refused(org):
    assert "金额" in org.fails("ledger", "income", "add", "--amount", "5.000,00", "--source", "广告")
    assert "金额" in org.fails("ledger", "income", "add", "--amount", "5,00", "--source", "广告")
    org.ok("ledger", "income", "add", "--amount", "5,000.00", "--source", "广告")


def test_refusals_in_english(org):
    num = "E2024-001"
    committee_vote(org, num)
    request(org, "12000", "监控", "宏达安防")
    err = org.fails("--lang", "en", "expense", "approve", num)
    assert "before this request" in err and "E2024-001" in err
    assert "after today" in org.fails("--lang", "en", "ledger", "income", "add", "--amount", "5", "--source", "ads",
                                      "--date", "2024-12-01")
    assert "reason" in org.fails("--lang", "en", "expense", "amend", num, "--amount", "1", "--reason", "")


def test_rejection_and_cancellation_are_in_the_history_with_who_and_why(org):
    a = request(org, "3000", "换灯", "五金店")["number"]
    b = request(org, "3500", "换锁", "锁具店")["number"]
    org.ok("expense", "reject", a, "--reason", "报价过高")
    org.ok("expense", "cancel", b, "--reason", "已由物业保修")
    ha = org.json("expense", "show", a)["history"]
    hb = org.json("expense", "show", b)["history"]
    assert [(h["action"], h["reason"], h["by"]) for h in ha][-1] == ("reject", "报价过高", "secretary")
    assert [(h["action"], h["reason"]) for h in hb][-1] == ("cancel", "已由物业保修")
    org.ok("audit", "verify")
