"""Meetings: scheduling, the auto-built agenda, attendance and quorum, decisions, notice rules."""

from __future__ import annotations

import pytest

COMMITTEE = ["金建国:主任", "沈丽:副主任", "陆伟:委员", "顾敏:委员", "钱志文:委员", "朱晓雪:委员", "吴海燕:委员"]


def roster(cli):
    for entry in COMMITTEE:
        name, role = entry.split(":")
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "李明", "--role", "物业代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")


def committee_meeting(cli, names, day="2024-03-05"):
    """A committee meeting on `day` (today by default) with `names` recorded present; the one
    already scheduled that day if there is one. Returns its number."""
    same = [m for m in cli.json("meeting", "list", "--kind", "业委会") if m["date"] == day and not m["cancelled"]]
    num = same[0]["number"] if same else cli.json("meeting", "schedule", "--kind", "业委会", "--date", day)["number"]
    cli.ok("meeting", "attend", num, "--present", ",".join(names))
    return num


# Who attends for each party: its representative on the roster (a party counts present only
# through a named representative).
SPEAKERS = {"居委会": ("张红梅", "居委会代表"), "业委会": ("金建国", "主任"), "物业": ("李明", "物业代表"),
            "业主代表": ("周强", "业主代表")}


def three_party_meeting(cli, day="2024-03-05", parties=("居委会", "业委会", "物业")):
    """A three-party meeting on `day` with the parties recorded present through their
    representatives (recorded on the roster if they are not yet). Returns its number."""
    on_roster = {m["name"] for m in cli.json("member", "list")}
    for party in parties:
        name, role = SPEAKERS[party]
        if name not in on_roster:
            cli.ok("member", "add", name, "--role", role, "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = cli.json("meeting", "schedule", "--date", day)["number"]
    cli.ok("meeting", "attend", num, "--present", ",".join(SPEAKERS[p][0] for p in parties),
           *sum((["--party", p] for p in parties), []))
    return num


def petition(cli, title, kind):
    num = cli.json("petition", "add", "--title", title, "--source", "信箱")["number"]
    cli.ok("petition", "triage", num, "--kind", kind)
    return num


def test_default_three_party_meeting_last_week(cli):
    m = cli.json("meeting", "schedule")
    assert m["kind"] == "three_party" and m["date"] == "2024-03-28"  # last Thursday of March
    assert m["number"] == "M2024-001"
    assert "已有" in cli.fails("meeting", "schedule")


def test_auto_agenda_attend_decide_moves_petition(cli, monkeypatch):
    roster(cli)
    big = petition(cli, "电瓶车充电棚", "大")
    small = petition(cli, "路灯不亮", "小")
    cli.ok("petition", "close", small, "--feedback", "已修复")
    cli.ok("meeting", "schedule")
    agenda = cli.json("meeting", "agenda", "M2024-001")["agenda"]
    types = [(i["type"], i["ref"]) for i in agenda]
    assert ("petition", big) in types
    assert ("report_back", small) in types
    assert cli.json("petition", "show", big)["status"] == "on_agenda"
    item = next(i["position"] for i in agenda if i["ref"] == big)
    monkeypatch.setenv("ZHILI_NOW", "2024-03-28T14:00:00+08:00")  # the meeting's day

    # no quorum yet: the property company is missing
    m = cli.json("meeting", "attend", "M2024-001", "--present", "张红梅,金建国")
    assert m["quorum_met"] is False
    err = cli.fails("meeting", "decide", "M2024-001", str(item), "--decision", "建设充电棚")
    assert "法定人数" in err and "物业" in err
    m = cli.json("meeting", "attend", "M2024-001", "--present", "李明")
    assert m["quorum_met"] is True

    row = cli.json("meeting", "decide", "M2024-001", str(item), "--decision", "建设充电棚",
                   "--owner", "物业", "--due", "2024-05-31")
    assert row["decision"] == "建设充电棚" and row["owner_party"] == "property"
    p = cli.json("petition", "show", big)
    assert p["status"] == "in_progress" and p["responsible"] == "property"
    assert p["completion_due"].startswith("2024-05-31")
    assert "已有决定" in cli.fails("meeting", "decide", "M2024-001", str(item), "--decision", "again")

    minutes = cli.ok("meeting", "minutes", "M2024-001").stdout
    assert "会议纪要" in minutes and "建设充电棚" in minutes and "张红梅" in minutes  # officials in full
    shown = cli.json("meeting", "show", "M2024-001")
    assert {a["party"] for a in shown["attendance"]} == {"residents_committee", "owners_committee", "property"}
    assert cli.json("meeting", "list")[0]["number"] == "M2024-001"
    cli.ok("audit", "verify")


def test_agenda_edit_add_drop_move(cli):
    big = petition(cli, "外墙渗漏", "难")
    cli.ok("meeting", "schedule")
    cli.ok("meeting", "agenda", "M2024-001")
    agenda = cli.json("meeting", "agenda", "M2024-001", "--add", "物业费调价说明")["agenda"]
    assert [i["title"] for i in agenda] == ["外墙渗漏", "物业费调价说明"]
    agenda = cli.json("meeting", "agenda", "M2024-001", "--move", "2:1")["agenda"]
    assert [i["title"] for i in agenda] == ["物业费调价说明", "外墙渗漏"]
    agenda = cli.json("meeting", "agenda", "M2024-001", "--drop", "2")["agenda"]
    assert [i["title"] for i in agenda] == ["物业费调价说明"]
    assert cli.json("petition", "show", big)["status"] == "accepted"  # off the agenda again
    agenda = cli.json("meeting", "agenda", "M2024-001", "--add-ref", big)["agenda"]
    assert agenda[-1]["ref"] == big and cli.json("petition", "show", big)["status"] == "on_agenda"
    assert "没有第 9 项" in cli.fails("meeting", "agenda", "M2024-001", "--drop", "9")
    cli.fails("meeting", "agenda", "M2024-001", "--move", "x", code=2)


def test_committee_quorum_more_than_half(cli):
    roster(cli)
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟")
    assert m["quorum_met"] is False and m["quorum_detail"] == "3/7"
    m = cli.json("meeting", "attend", "M2024-001", "--present", "顾敏")
    assert m["quorum_met"] is True
    assert "不在人员名册" in cli.fails("meeting", "attend", "M2024-001", "--present", "路人甲")


def test_assembly_notice_and_unpublished_items(cli):
    err = cli.fails("meeting", "schedule", "--kind", "业主大会", "--date", "2024-03-15")
    assert "15" in err
    cli.ok("meeting", "schedule", "--kind", "业主大会", "--date", "2024-03-12", "--extraordinary")
    m = cli.json("meeting", "schedule", "--kind", "业主大会")
    assert m["date"] == "2024-03-20"
    cli.ok("meeting", "agenda", m["number"], "--add", "选聘物业")
    on_the_day = {"ZHILI_NOW": "2024-03-20T09:00:00+08:00"}
    err = cli.fails("meeting", "decide", m["number"], "1", "--decision", "同意", env=on_the_day)
    assert "未在公布的议程" in err
    cli.ok("meeting", "agenda", m["number"], "--publish")
    cli.ok("meeting", "decide", m["number"], "1", "--decision", "同意", env=on_the_day)


def test_committee_decisions_published_within_three_days(cli, monkeypatch):
    monkeypatch.setenv("ZHILI_NOW", "2024-03-01T20:00:00+08:00")
    roster(cli)
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-01")
    cli.ok("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟,顾敏")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意补种")
    monkeypatch.setenv("ZHILI_NOW", "2024-03-05T10:00:00+08:00")
    late = cli.json("meeting", "overdue")  # now 2024-03-05: due 03-04
    assert [r["number"] for r in late] == ["M2024-001"] and late[0]["publish_due"] == "2024-03-04"
    cli.ok("meeting", "publish", "M2024-001")
    assert cli.json("meeting", "overdue") == []


def test_bad_kind_and_unknown_meeting(cli):
    assert "会议类型" in cli.fails("meeting", "schedule", "--kind", "茶话会")
    assert "没有会议" in cli.fails("meeting", "show", "M2099-001")
    assert "no meeting" in cli.fails("--lang", "en", "meeting", "show", "M2099-001")


def test_expense_hook_items_and_three_party_approval(cli, tmp_path, monkeypatch):
    from zhili_cli.services import decisions
    from zhili_cli.store.db import open_db

    roster(cli)
    cli.ok("meeting", "schedule")
    cli.ok("meeting", "agenda", "M2024-001", "--add-ref", "E2024-003", "--add", "监控改造 28 000 元")
    monkeypatch.setenv("ZHILI_NOW", "2024-03-28T14:00:00+08:00")
    cli.ok("meeting", "attend", "M2024-001", "--present", "张红梅,李明,金建国")
    conn = open_db(cli.db)
    assert decisions.find_approval(conn, "three_party", "E2024-003") is None
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意支出")
    # a written decision without the parties' positions approves nothing
    assert decisions.find_approval(conn, "three_party", "E2024-003") is None
    assert decisions.approval_refusal(conn, "three_party", "E2024-003") == ("decisions.no_positions", "M2024-001#1")
    y = cli.json("motion", "propose", "--title", "监控改造", "--only", "three_party", "--subject", "E2024-003")["number"]
    cli.ok("motion", "vote", y, "--meeting", "M2024-001", "--position", "居委会=同意", "--position", "业委会=同意",
           "--position", "物业=同意")
    found = decisions.find_approval(conn, "three_party", "E2024-003")
    assert found and found["body"] == "three_party" and found["ref"] == "M2024-001#1"
    assert decisions.find_approval(conn, "committee", "E2024-003") is None
    conn.close()



@pytest.mark.slow
def test_demo_has_three_party_meeting_and_carried_motion(cli):
    cli.ok("demo", "--force", env={"ZHILI_NOW": "2025-06-30T18:00:00+08:00"})
    meetings = [m for m in cli.json("meeting", "list") if m["kind"] == "three_party"]
    assert meetings and meetings[0]["quorum_met"] is True
    agenda = cli.json("meeting", "show", meetings[0]["number"])["agenda"]
    types = {i["type"] for i in agenda}
    assert {"petition", "motion", "report_back"} <= types
    carried = [m for m in cli.json("motion", "list") if len(m["stage"] or "") and m["status"] == "carried"]
    full = [cli.json("motion", "show", m["number"]) for m in carried]
    three = [m for m in full if [s["key"] for s in m["stages"]] == ["party_pre", "three_party", "residents"]]
    assert three and three[0]["stages"][2]["vote"]["ballots"] > 1000
    assert three[0]["stages"][2]["vote"]["tally"]["passed"] is True
    cli.ok("audit", "verify")


def test_agenda_has_milestones_awaiting_verification(cli):
    project = cli.json("project", "add", "--title", "充电棚")["number"]
    cli.ok("project", "milestone", project, "--title", "公示选址", "--due", "2024-03-20")
    cli.ok("project", "milestone", project, "--title", "建成", "--due", "2024-12-31")
    cli.ok("meeting", "schedule")
    agenda = cli.json("meeting", "agenda", "M2024-001")["agenda"]
    assert [(i["type"], i["title"]) for i in agenda] == [("milestone", "充电棚：公示选址")]


def test_expense_waiting_for_three_party_on_agenda_then_approved(cli):
    cli.ok("ledger", "opening", "--amount", "80000", "--date", "2024-01-01")
    num = cli.json("expense", "request", "--amount", "28000", "--payee", "海康", "--purpose", "监控改造")["number"]
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    agenda = cli.json("meeting", "agenda", "M2024-001")["agenda"]
    assert [(i["type"], i["ref"]) for i in agenda] == [("expense", num)]
    roster(cli)
    cli.ok("meeting", "attend", "M2024-001", "--present", "张红梅,李明,金建国")
    y = cli.json("motion", "propose", "--title", "监控改造", "--only", "three_party", "--subject", num)["number"]
    cli.ok("motion", "vote", y, "--meeting", "M2024-001", "--position", "居委会=同意", "--position", "业委会=同意",
           "--position", "物业=同意")
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意支出")
    assert cli.json("expense", "approve", num)["status"] == "approved"
