"""Money approved only by the body allowed to approve it: the three parties' positions are the
three-party decision (a written decision never approves by itself, nor overrules a failed vote),
and a decision is dated by when it was taken, not by its later amendments."""

from __future__ import annotations

import pytest

DAY = "2025-01-10T10:00:00+08:00"
BASIS = ("--basis", "选举文件1号", "--basis-date", "2023-12-20")


@pytest.fixture
def s(cli, monkeypatch):
    """A small compound: five committee members (甲 chair), a residents' committee and a property
    representative, seven units of 100 m², 100 000 yuan of public revenue."""
    monkeypatch.setenv("ZHILI_NOW", "2025-01-02T10:00:00+08:00")
    for name, role in (("甲", "主任"), ("乙", "委员"), ("丙", "委员"), ("丁", "委员"), ("戊", "委员")):
        cli.ok("member", "add", name, "--role", role, "--term-start", "2024-01-01", "--term-end", "2028-12-31",
               *BASIS)
    cli.ok("member", "add", "居委张", "--role", "居委会代表", *BASIS)
    cli.ok("member", "add", "物业李", "--role", "物业代表", *BASIS)
    for i, (b, r) in enumerate([(1, 101), (1, 102), (1, 201), (2, 101), (2, 102), (3, 101), (3, 102)]):
        cli.ok("household", "add", "--building", b, "--unit", 1, "--room", r, "--area", 100, "--owner", f"业主{i}")
    cli.ok("ledger", "opening", "--amount", "100000", "--date", "2025-01-01")
    monkeypatch.setenv("ZHILI_NOW", DAY)
    return cli


def three_party_meeting(cli, subject, date="2025-01-10"):
    """A motion naming `subject` at a three-party meeting held today, all parties present."""
    y = cli.json("motion", "propose", "--title", f"审批 {subject}", "--only", "three_party",
                 "--subject", subject)["number"]
    m = cli.json("meeting", "schedule", "--date", date)["number"]
    agenda = cli.json("meeting", "agenda", m)["agenda"]
    cli.ok("meeting", "attend", m, "--present", "甲,居委张,物业李")
    item = next(i["position"] for i in agenda if i["ref"] == subject)
    return y, m, str(item)


def positions(cli, y, m, rc="同意", oc="同意", pm="同意"):
    return cli.json("motion", "vote", y, "--meeting", m, "--position", f"居委会={rc}",
                    "--position", f"业委会={oc}", "--position", f"物业={pm}")


def expense(cli, amount="30000", payee="某公司", purpose="道路修补"):
    return cli.json("expense", "request", "--amount", amount, "--payee", payee, "--purpose", purpose)["number"]


def balance(cli):
    return cli.json("ledger", "balance")["public_revenue"]["balance_fen"]


def test_a_refused_party_cannot_be_turned_into_an_approval_by_a_written_decision(s):
    num = expense(s)
    y, m, item = three_party_meeting(s, num)
    assert positions(s, y, m, rc="不同意")["passed"] is False
    err = s.fails("meeting", "decide", m, item, "--decision", "居委会不同意，暂缓")
    assert "--reject" in err and y in err
    assert "--reject" in s.fails("--lang", "en", "meeting", "decide", m, item, "--decision", "deferred")
    s.ok("meeting", "decide", m, item, "--decision", "居委会不同意，暂缓", "--reject")
    err = s.fails("expense", "approve", num, "--body", "three_party")
    assert "未通过" in err and y in err
    assert "did not pass" in s.fails("--lang", "en", "expense", "approve", num)
    assert "尚未" in s.fails("expense", "pay", num)
    assert balance(s) == 10_000_000
    assert s.json("expense", "show", num)["status"] == "requested"


def test_an_approving_text_written_before_the_parties_failed_vote_approves_nothing(s):
    num = expense(s)
    y, m, item = three_party_meeting(s, num)
    s.ok("meeting", "decide", m, item, "--decision", "同意30000元")  # no positions yet: only recorded
    assert "--position" in s.fails("expense", "approve", num)
    assert positions(s, y, m, pm="反对")["passed"] is False
    assert "未通过" in s.fails("expense", "approve", num, "--body", "three_party")


def test_positions_passed_but_the_item_decided_against_approves_nothing(s):
    num = expense(s)
    y, m, item = three_party_meeting(s, num)
    assert positions(s, y, m)["passed"] is True
    s.ok("meeting", "decide", m, item, "--decision", "暂缓，待比价", "--reject")
    assert "不同意" in s.fails("expense", "approve", num)


def test_the_honest_path_positions_passed_then_the_decision_recorded(s):
    num = expense(s)
    y, m, item = three_party_meeting(s, num)
    assert positions(s, y, m)["passed"] is True
    s.ok("meeting", "decide", m, item, "--decision", "三方一致同意")
    row = s.json("expense", "approve", num, "--body", "three_party")
    assert row["status"] == "approved"
    assert s.json("expense", "show", num)["approvals"][0]["ref"] == f"{m}#{item}"
    assert s.json("expense", "pay", num)["status"] == "paid"
    assert balance(s) == 7_000_000


def test_amending_the_old_decision_does_not_revive_an_approval_voided_by_the_expense_amendment(s, monkeypatch):
    num = expense(s)
    y, m, item = three_party_meeting(s, num)
    assert positions(s, y, m)["passed"] is True
    s.ok("meeting", "decide", m, item, "--decision", "同意30000元")
    assert s.json("expense", "approve", num)["status"] == "approved"
    amended = s.json("expense", "amend", num, "--amount", "39999", "--payee", "另一家公司", "--reason", "改价")
    assert amended["status"] == "requested" and amended["voided_approvals"]
    assert "之前" in s.fails("expense", "approve", num)
    s.ok("meeting", "decide", m, item, "--amend", "--due", "2025-06-30", "--reason", "调整期限")
    assert "之前" in s.fails("expense", "approve", num)  # the old decision keeps its date
    assert "尚未" in s.fails("expense", "pay", num)
    assert balance(s) == 10_000_000
    # the honest path: a new meeting, new positions on the request as it now stands
    monkeypatch.setenv("ZHILI_NOW", "2025-01-17T10:00:00+08:00")
    m2 = s.json("meeting", "schedule", "--date", "2025-01-17")["number"]
    s.ok("meeting", "attend", m2, "--present", "甲,居委张,物业李")
    assert positions(s, y, m2)["passed"] is True
    assert s.json("expense", "approve", num)["status"] == "approved"
    assert s.json("expense", "pay", num)["status"] == "paid"
    assert balance(s) == 10_000_000 - 3_999_900


def test_a_decision_is_dated_by_its_first_decision_not_its_amendments(s):
    from zhili_cli.services import decisions
    from zhili_cli.store.db import open_db

    num = expense(s)
    y, m, item = three_party_meeting(s, num)
    positions(s, y, m)
    s.ok("meeting", "decide", m, item, "--decision", "同意")
    conn = open_db(s.db)
    try:
        before = decisions.candidates(conn, "three_party", num)[0]["mark"]
        s.ok("meeting", "decide", m, item, "--amend", "--due", "2025-06-30", "--reason", "调整期限")
        assert decisions.candidates(conn, "three_party", num)[0]["mark"] == before
    finally:
        conn.close()
