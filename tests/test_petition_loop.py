"""The petition loop: states, deadlines, routing, refusals."""

from __future__ import annotations


def add(cli, kind=None, **kw):
    args = ["petition", "add", "--title", kw.get("title", "路灯不亮"), "--source", kw.get("source", "信箱")]
    if kind:
        args += ["--kind", kind]
    return cli.json(*args)["number"]


def test_minor_goes_straight_to_property_and_closes(cli):
    num = add(cli)
    assert num == "P2024-001"
    row = cli.json("petition", "triage", num, "--kind", "小")
    assert row["status"] == "in_progress"
    assert row["responsible"] == "property"
    # 72 h response deadline; minor completion 7 days from triage
    assert row["response_due"] == "2024-03-08T10:00:00+08:00"
    assert row["completion_due"] == "2024-03-12T10:00:00+08:00"
    assert cli.json("petition", "close", num, "--feedback", "已修复")["status"] == "done"
    assert cli.json("petition", "verify", num, "--satisfaction", "5")["status"] == "verified"
    history = cli.json("petition", "show", num)["history"]
    assert [h["to_status"] for h in history] == ["received", "in_progress", "done", "verified"]


def test_major_waits_for_meeting(cli):
    num = add(cli, title="电瓶车充电棚")
    assert cli.json("petition", "triage", num, "--kind", "major")["status"] == "accepted"
    err = cli.fails("petition", "assign", num, "--to", "物业")
    assert "三方议事会" in err


def test_urgent_response_override_24h(cli):
    num = add(cli, kind="急")
    row = cli.json("petition", "show", num)
    assert row["response_due"] == "2024-03-06T10:00:00+08:00"


def test_verify_before_close_refused(cli):
    num = add(cli)
    cli.ok("petition", "triage", num, "--kind", "小")
    err = cli.fails("petition", "verify", num, "--satisfaction", "4")
    assert num in err and "验收" in err


def test_english_refusal(cli):
    num = add(cli)
    err = cli.fails("--lang", "en", "petition", "verify", num, "--satisfaction", "4")
    assert "cannot verify" in err


def test_bad_kind_and_bad_date(cli):
    assert "无效的类别" in cli.fails("petition", "add", "--title", "x", "--source", "信箱", "--kind", "巨大")
    assert "日期" in cli.fails("petition", "add", "--title", "x", "--source", "信箱", "--received", "2024-13-45")


def test_close_requires_feedback_and_satisfaction_range(cli):
    num = add(cli)
    cli.ok("petition", "triage", num, "--kind", "小")
    cli.fails("petition", "close", num, "--feedback", "  ")
    cli.ok("petition", "close", num, "--feedback", "好")
    cli.fails("petition", "verify", num, "--satisfaction", "6")
    cli.fails("petition", "verify", num, "--satisfaction", "0")
    cli.ok("petition", "verify", num, "--satisfaction", "1")


def test_reject_merge_refer(cli):
    a, b, c = add(cli), add(cli), add(cli)
    cli.fails("petition", "reject", a, "--reason", "")
    assert cli.json("petition", "reject", a, "--reason", "不属物业范围")["status"] == "rejected"
    assert cli.json("petition", "merge", b, "--into", c)["merged_into"] == c
    cli.fails("petition", "merge", c, "--into", c)
    cli.fails("petition", "merge", c, "--into", a)  # a is rejected
    assert cli.json("petition", "refer", c, "--to", "街道城管")["status"] == "referred"


def test_numbers_accepted_loosely(cli):
    add(cli)
    assert cli.json("petition", "show", "p2024-1")["number"] == "P2024-001"
    cli.fails("petition", "show", "P2024-999")


def test_list_filters_and_json_keys(cli):
    for _ in range(3):
        add(cli)
    rows = cli.json("petition", "list", "--limit", "2")
    assert len(rows) == 2
    assert {"number", "status", "kind", "title", "received_at", "response_due"} <= set(rows[0])
    assert cli.json("petition", "list", "--status", "done") == []
    cli.fails("petition", "list", "--status", "nonsense", code=2)
    cli.fails("petition", "list", "--month", "2024-13", code=2)


def test_overdue_after_response_deadline(cli, monkeypatch):
    num = add(cli)
    assert cli.json("petition", "list", "--overdue") == []
    monkeypatch.setenv("ZHILI_NOW", "2024-03-08T23:59:59+08:00")  # 72 h passed, the due day not over
    assert cli.json("petition", "list", "--overdue") == []
    monkeypatch.setenv("ZHILI_NOW", "2024-03-09T00:00:00+08:00")
    assert [r["number"] for r in cli.json("petition", "list", "--overdue")] == [num]


def test_private_reporter_masked_in_json(cli):
    row = cli.json("petition", "add", "--title", "漏水", "--source", "走访", "--reporter", "张三",
                   "--phone", "13812341234")
    assert row["reporter"] == "张*"
    assert row["reporter_phone"] == "138****1234"
