"""Corrections of petitions: edit, re-triage, reopen — each with who, when, why, before/after."""

from __future__ import annotations

import sqlite3


def add(cli, **opts):
    args = ["petition", "add", "--title", opts.pop("title", "电梯困人"), "--source", "热线"]
    for k, v in opts.items():
        args += [f"--{k}", v]
    return cli.json(*args)


def last(history, action):
    return [e for e in history if e["action"] == action][-1]


def test_edit_keeps_the_old_values_the_reason_and_who(cli):
    p = add(cli, building="3号楼", received="2024-03-01")
    out = cli.json("--as", "王秘书", "petition", "edit", p["number"], "--title", "电梯停运", "--building", "4",
                   "--received", "2024-03-02 09:00", "--reason", "登记时楼栋写错")
    assert out["title"] == "电梯停运" and out["building"] == "4"
    shown = cli.json("petition", "show", p["number"])
    assert shown["title"] == "电梯停运" and shown["received_at"].startswith("2024-03-02T09:00")
    assert shown["response_due"].startswith("2024-03-05T09:00")  # 72 h from the corrected time
    entry = last(shown["history"], "edit")
    assert entry["reason"] == "登记时楼栋写错" and entry["actor"] == "王秘书"
    assert entry["at"].startswith("2024-03-05T10:00")
    assert entry["changes"]["title"] == ["电梯困人", "电梯停运"]
    assert entry["changes"]["building"] == ["3", "4"]
    text = cli.ok("petition", "show", p["number"], env={"COLUMNS": "300"}).stdout
    assert "登记时楼栋写错" in text and "3幢 → 4幢" in text
    cli.ok("audit", "verify")


def test_edit_refusals(cli):
    p = add(cli)
    cli.fails("petition", "edit", p["number"], "--title", "x", code=2)  # --reason is required
    assert "理由" in cli.fails("petition", "edit", p["number"], "--title", "x", "--reason", "  ")
    assert "没有需要更正" in cli.fails("petition", "edit", p["number"], "--title", "电梯困人", "--reason", "r")
    assert "晚于现在" in cli.fails("petition", "edit", p["number"], "--received", "2024-03-06", "--reason", "r")


def test_retriage_recomputes_deadlines_and_routing_with_a_reason(cli):
    p = add(cli, received="2024-03-04")
    cli.ok("petition", "triage", p["number"], "--kind", "小")
    row = cli.json("petition", "show", p["number"])
    assert (row["status"], row["responsible"]) == ("in_progress", "property")
    err = cli.fails("petition", "triage", p["number"], "--kind", "大")
    assert "--reason" in err and "仅限" not in err
    out = cli.json("petition", "triage", p["number"], "--kind", "大", "--reason", "涉及改造，需上会")
    assert out["status"] == "accepted"  # 大 waits for the meeting
    after = cli.json("petition", "show", p["number"])
    assert after["kind"] == "major" and after["completion_due"] != row["completion_due"]
    entry = last(after["history"], "retriage")
    assert entry["reason"] == "涉及改造，需上会"
    assert entry["changes"]["kind"] == ["minor", "major"]
    assert entry["changes"]["status"] == ["in_progress", "accepted"]
    back = cli.json("petition", "triage", p["number"], "--kind", "急", "--to", "居委会", "--reason", "其实很急")
    assert (back["status"], back["responsible"]) == ("in_progress", "residents_committee")
    cli.ok("audit", "verify")


def test_reopen_a_closed_petition_keeps_what_it_was_closed_with(cli):
    p = add(cli)
    cli.ok("petition", "triage", p["number"], "--kind", "小")
    cli.ok("petition", "close", p["number"], "--feedback", "已修复")
    cli.ok("petition", "verify", p["number"], "--satisfaction", "满意")
    out = cli.json("petition", "reopen", p["number"], "--reason", "电梯再次故障")
    assert out["status"] == "in_progress" and out["satisfaction"] is None and out["closed_at"] is None
    entry = last(cli.json("petition", "show", p["number"])["history"], "reopen")
    assert entry["reason"] == "电梯再次故障" and entry["changes"]["satisfaction"] == [4, None]
    assert entry["changes"]["status"] == ["verified", "in_progress"]
    err = cli.fails("petition", "reopen", p["number"], "--reason", "again")
    assert "重新打开" in err
    rejected = add(cli, title="噪音")
    cli.ok("petition", "reject", rejected["number"], "--reason", "不属小区事务")
    assert cli.json("petition", "reopen", rejected["number"], "--reason", "误判")["status"] == "received"
    cli.ok("audit", "verify")


def test_corrections_are_in_the_audit_chain(cli, tmp_path):
    p = add(cli)
    cli.ok("petition", "edit", p["number"], "--title", "新标题", "--reason", "错字")
    conn = sqlite3.connect(cli.db)
    tables = {r[0] for r in conn.execute(
        "SELECT table_name FROM audit_log WHERE command = 'petition edit'")}
    assert tables == {"petitions", "petition_events", "petition_corrections"}
    conn.execute("UPDATE petition_corrections SET reason = '改过'")
    conn.commit()
    conn.close()
    cli.fails("audit", "verify")


def test_received_dates_out_of_range_or_in_the_future_are_one_line(cli):
    for value in ("9999-12-31", "1999-12-31", "2101-01-01", "2024-03-06"):
        err = cli.fails("petition", "add", "--title", "x", "--source", "信箱", "--received", value)
        assert "Error" not in err and value[:4] in err


def test_stored_text_has_no_nul_or_invisible_characters(cli):
    p = add(cli, title="路灯\x00不亮\u200b", location="南门\u200b 东侧", building="３号楼")
    row = cli.json("petition", "show", p["number"])
    assert row["title"] == "路灯不亮" and row["location"] == "南门 东侧" and row["building"] == "3"


def test_every_command_refuses_dates_outside_2000_2100_in_one_line(cli):
    for args in (("ledger", "income", "add", "--source", "停车费", "--amount", "20", "--date", "9999-12-31"),
                 ("meeting", "schedule", "--date", "1999-01-28"),
                 ("petition", "stats", "--from", "0001-01-01")):
        err = cli.fails(*args)
        assert "2000" in err and "2100" in err and "Overflow" not in err
