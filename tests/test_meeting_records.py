"""Meetings that can be corrected and carry on: reschedule, cancel, amend (each with who, when,
why, before and after); undecided items return; nothing recorded before the meeting's day;
the joint meeting of a compound without an owners' committee."""

from __future__ import annotations

from tests.conftest import Cli
from tests.test_meetings import roster

DAY = "2024-03-28T14:00:00+08:00"  # the default three-party meeting's day (conftest: today 2024-03-05)


def test_attendance_and_decisions_refused_before_the_meeting_day(cli, monkeypatch):
    roster(cli)
    cli.ok("meeting", "schedule")  # 2024-03-28
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    err = cli.fails("meeting", "attend", "M2024-001", "--present", "张红梅,李明,金建国")
    assert "2024-03-28" in err and "2024-03-05" in err
    assert cli.json("meeting", "show", "M2024-001")["attendance"] == []  # nothing written
    monkeypatch.setenv("ZHILI_NOW", "2024-03-27T23:59:00+08:00")
    cli.fails("meeting", "attend", "M2024-001", "--present", "张红梅")
    monkeypatch.setenv("ZHILI_NOW", DAY)
    assert cli.json("meeting", "attend", "M2024-001", "--present", "张红梅,李明,金建国")["quorum_met"] is True
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意补种")


def test_decide_before_the_day_refused_even_with_quorum_recorded_on_the_day(cli, monkeypatch):
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    cli.ok("meeting", "schedule", "--date", "2024-03-06", "--kind", "业委会")
    cli.ok("meeting", "agenda", "M2024-002", "--add", "停车费")
    err = cli.fails("meeting", "decide", "M2024-002", "1", "--decision", "同意")
    assert "2024-03-06" in err


def test_representatives_meeting_counts_people_not_parties(cli, monkeypatch):
    cli.ok("member", "add", "周强", "--role", "业主代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("meeting", "schedule", "--kind", "业主代表", "--date", "2024-03-05")
    assert "代表" in cli.fails("meeting", "attend", "M2024-001", "--party", "居委会", "--party", "物业")
    assert cli.json("meeting", "show", "M2024-001")["attendance"] == []  # a party alone is no one
    m = cli.json("meeting", "attend", "M2024-001", "--present", "周强", "--party", "业主代表")
    assert m["quorum_met"] is True and m["quorum_detail"] == "1"


def test_committee_meeting_party_flag_is_not_a_member(cli):
    roster(cli)
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟", "--party", "业委会")
    assert m["quorum_met"] is False and m["quorum_detail"] == "3/7"
    assert len(cli.json("meeting", "show", "M2024-001")["attendance"]) == 3


def _no_committee(tmp_path) -> Cli:
    c = Cli(tmp_path / "wanjun.db")
    c.ok("init", "--name", "湾郡", "--no-committee")
    return c


def test_joint_meeting_without_owners_committee_reaches_quorum(tmp_path):
    cli = _no_committee(tmp_path)
    for name, role in (("张红梅", "居委会代表"), ("李明", "物业代表"), ("周强", "业主代表")):
        cli.ok("member", "add", name, "--role", role, "--basis", "委派记录")
    cli.ok("meeting", "schedule", "--date", "2024-03-05", "--kind", "联席会议")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "张红梅,李明", "--party", "居委会", "--party", "物业")
    assert m["quorum_met"] is False and "业主代表" in m["quorum_detail"] and "业委会" not in m["quorum_detail"]
    assert "业主代表" in cli.fails("meeting", "attend", "M2024-001", "--party", "业主代表")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "周强", "--party", "业主代表")
    assert m["quorum_met"] is True
    cli.ok("meeting", "agenda", "M2024-001", "--add", "电梯大修方案")
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "由居委会申请维修资金")
    cli.ok("audit", "verify")


def test_joint_meeting_by_named_representatives(tmp_path):
    cli = _no_committee(tmp_path)
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "李明", "--role", "物业代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "周强", "--role", "业主代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    assert cli.json("meeting", "attend", "M2024-001", "--present", "张红梅,李明,周强")["quorum_met"] is True


def test_with_a_committee_the_three_parties_still_need_the_owners_committee(cli):
    for name, role in (("张红梅", "居委会代表"), ("李明", "物业代表"), ("周强", "业主代表")):
        cli.ok("member", "add", name, "--role", role, "--basis", "委派记录")
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "张红梅,李明,周强")
    assert m["quorum_met"] is False and "业委会" in m["quorum_detail"]


def test_reschedule_keeps_the_trace(cli):
    cli.ok("meeting", "schedule")
    assert "原因" in cli.fails("meeting", "reschedule", "M2024-001", "--date", "2024-04-02")
    m = cli.json("meeting", "reschedule", "M2024-001", "--date", "2024-04-02", "--reason", "清明前物业负责人出差")
    assert m["date"] == "2024-04-02" and m["number"] == "M2024-001"
    h = m["history"]
    assert len(h) == 1 and h[0]["action"] == "reschedule" and h[0]["by"] == "secretary"
    assert h[0]["reason"] == "清明前物业负责人出差" and h[0]["at"].startswith("2024-03-05")
    assert h[0]["before"] == {"date": "2024-03-28"} and h[0]["after"] == {"date": "2024-04-02"}
    shown = cli.ok("meeting", "show", "M2024-001").stdout
    assert "清明" in shown and "2024-03-28" in shown
    cli.ok("audit", "verify")


def test_reschedule_an_assembly_starts_the_notice_again(cli):
    m = cli.json("meeting", "schedule", "--kind", "业主大会")  # announced 03-05, on 03-20
    err = cli.fails("meeting", "reschedule", m["number"], "--date", "2024-03-15", "--reason", "场地冲突")
    assert "15" in err
    # the new notice counts from the day it is announced again: today
    err = cli.fails("meeting", "reschedule", m["number"], "--date", "2024-03-19", "--reason", "场地冲突")
    assert "14" in err
    m = cli.json("meeting", "reschedule", m["number"], "--date", "2024-03-21", "--reason", "场地冲突")
    assert m["announced_on"] == "2024-03-05" and m["date"] == "2024-03-21"
    m = cli.json("meeting", "reschedule", m["number"], "--date", "2024-04-10", "--announced", "2024-03-25",
                 "--reason", "延期")
    assert m["history"][-1]["before"] == {"announced_on": "2024-03-05", "date": "2024-03-21"}
    assert m["history"][-1]["after"] == {"announced_on": "2024-03-25", "date": "2024-04-10"}


def test_cancel_with_reason_then_nothing_recorded_and_items_carry_over(cli, monkeypatch):
    roster(cli)
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-10")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    assert "原因" in cli.fails("meeting", "cancel", "M2024-001")
    m = cli.json("meeting", "cancel", "M2024-001", "--reason", "台风预警")
    assert m["state"] == "cancelled" and m["history"][0]["reason"] == "台风预警"
    monkeypatch.setenv("ZHILI_NOW", "2024-03-10T10:00:00+08:00")
    assert "已取消" in cli.fails("meeting", "attend", "M2024-001", "--present", "金建国")
    assert "已取消" in cli.fails("meeting", "cancel", "M2024-001", "--reason", "again")
    assert "已取消" in cli.fails("meeting", "agenda", "M2024-001", "--add", "x")
    nxt = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-17")["number"]
    agenda = cli.json("meeting", "agenda", nxt)["agenda"]
    assert [(i["title"], i["carried_over"], i["carried_from"]) for i in agenda] == [("绿化补种", 1, "M2024-001")]
    assert [m["cancelled"] for m in cli.json("meeting", "list")] == [False, True]
    cli.ok("audit", "verify")


def test_held_meeting_cannot_be_moved_or_cancelled(cli):
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    cli.ok("meeting", "attend", "M2024-001", "--present", "张红梅")
    assert "已登记出席" in cli.fails("meeting", "cancel", "M2024-001", "--reason", "x")
    assert "已登记出席" in cli.fails("meeting", "reschedule", "M2024-001", "--date", "2024-03-07", "--reason", "x")


def test_amend_a_decision_keeps_before_and_after(cli):
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "电瓶车充电棚")
    cli.ok("meeting", "attend", "M2024-001", "--present", "张红梅,李明,金建国")
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "建设充电棚", "--owner", "物业")
    assert "已有决定" in cli.fails("meeting", "decide", "M2024-001", "1", "--decision", "改为居委会负责")
    assert "原因" in cli.fails("meeting", "decide", "M2024-001", "1", "--owner", "居委会", "--amend")
    row = cli.json("meeting", "decide", "M2024-001", "1", "--owner", "居委会", "--due", "2024-06-30",
                   "--amend", "--reason", "纪要误记责任方")
    assert row["owner_party"] == "residents_committee" and row["decision"] == "建设充电棚"
    h = cli.json("meeting", "show", "M2024-001")["history"]
    assert h[0]["action"] == "amend" and h[0]["item"] == 1 and h[0]["reason"] == "纪要误记责任方"
    assert h[0]["before"] == {"due": None, "owner_party": "property"}
    assert h[0]["after"]["owner_party"] == "residents_committee" and h[0]["after"]["due"].startswith("2024-06-30")
    assert "相同" in cli.fails("meeting", "decide", "M2024-001", "1", "--owner", "居委会", "--amend", "--reason", "x")
    assert "没有第 9 项" in cli.fails("meeting", "decide", "M2024-001", "9", "--decision", "x", "--amend",
                                    "--reason", "x")
    cli.ok("audit", "verify")


def test_amend_an_undecided_item_is_refused(cli):
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化")
    assert "还没有决定" in cli.fails("meeting", "decide", "M2024-001", "1", "--decision", "x", "--amend",
                                    "--reason", "x")


def test_undecided_items_return_with_a_count(cli, monkeypatch):
    roster(cli)
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-01")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    cli.ok("meeting", "agenda", "M2024-001", "--add-ref", "E-外墙")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "停车费")
    cli.ok("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟,顾敏")
    cli.ok("meeting", "decide", "M2024-001", "3", "--decision", "维持现价")
    # a meeting of another kind does not take them
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    assert cli.json("meeting", "agenda", "M2024-002")["agenda"] == []
    second = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")["number"]
    agenda = cli.json("meeting", "agenda", second)["agenda"]
    assert [(i["title"], i["carried_over"]) for i in agenda] == [("绿化补种", 1), ("E-外墙", 1)]
    assert "顺延第 1 次" in cli.ok("meeting", "agenda", second).stdout
    # rebuilding does not add them twice
    assert len(cli.json("meeting", "agenda", second, "--rebuild")["agenda"]) == 2
    assert "不能删除" in cli.fails("meeting", "agenda", second, "--drop", "1")
    cli.ok("meeting", "attend", second, "--present", "金建国,沈丽,陆伟,顾敏")
    cli.ok("meeting", "decide", second, "1", "--decision", "同意补种")
    monkeypatch.setenv("ZHILI_NOW", "2024-03-12T10:00:00+08:00")
    third = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-12")["number"]
    agenda = cli.json("meeting", "agenda", third)["agenda"]
    assert [(i["title"], i["carried_over"], i["carried_from"]) for i in agenda] == [("E-外墙", 2, second)]
    cli.ok("audit", "verify")


def test_a_meeting_still_to_come_keeps_its_items(cli):
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-20")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-27")
    assert cli.json("meeting", "agenda", "M2024-002")["agenda"] == []


def test_representatives_meeting_gets_an_agenda(cli, monkeypatch):
    cli.ok("member", "add", "周强", "--role", "业主代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    y = cli.json("motion", "propose", "--title", "电梯维修方案", "--only", "业主代表")["number"]
    cli.ok("meeting", "schedule", "--kind", "业主代表", "--date", "2024-03-05")
    agenda = cli.json("meeting", "agenda", "M2024-001")["agenda"]
    assert [(i["type"], i["ref"]) for i in agenda] == [("motion", y)]
    cli.ok("meeting", "attend", "M2024-001", "--present", "周强")
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意")


def test_committee_below_size_min_cannot_decide(cli, monkeypatch):
    for name, role in (("金建国", "主任"), ("沈丽", "副主任"), ("陆伟", "委员"), ("顾敏", "委员")):
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    assert cli.json("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟,顾敏")["quorum_met"] is True
    err = cli.fails("meeting", "decide", "M2024-001", "1", "--decision", "同意")
    assert "补选" in err and "4" in err and "5" in err
    cli.ok("member", "add", "钱志文", "--role", "委员", "--term-start", "2024-03-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    # the by-election recorded afterwards does not change the meeting already held: it keeps its roster
    cli.ok("meeting", "attend", "M2024-001", "--present", "钱志文")
    assert "补选" in cli.fails("meeting", "decide", "M2024-001", "1", "--decision", "同意")
    monkeypatch.setenv("ZHILI_NOW", "2024-03-06T10:00:00+08:00")  # the next meeting counts five
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-06")
    cli.ok("meeting", "agenda", "M2024-002", "--add", "绿化补种")
    assert cli.json("meeting", "attend", "M2024-002", "--present", "金建国,沈丽,陆伟,顾敏,钱志文")["quorum_detail"] == "5/5"
    cli.ok("meeting", "decide", "M2024-002", "1", "--decision", "同意")


def test_a_carried_petition_is_decided_at_the_next_meeting(cli, monkeypatch):
    roster(cli)
    num = cli.json("petition", "add", "--title", "外墙渗漏", "--source", "信箱")["number"]
    cli.ok("petition", "triage", num, "--kind", "难")
    first = cli.json("meeting", "schedule", "--date", "2024-03-05")["number"]
    assert [i["ref"] for i in cli.json("meeting", "agenda", first)["agenda"]] == [num]
    cli.ok("meeting", "cancel", first, "--reason", "三方未能到齐")
    assert "已取消" in cli.ok("meeting", "list").stdout
    monkeypatch.setenv("ZHILI_NOW", DAY)
    second = cli.json("meeting", "schedule")["number"]  # 2024-03-28
    agenda = cli.json("meeting", "agenda", second)["agenda"]
    assert [(i["ref"], i["carried_over"]) for i in agenda] == [(num, 1)]
    cli.ok("meeting", "attend", second, "--present", "张红梅,李明,金建国")
    cli.ok("meeting", "decide", second, "1", "--decision", "物业修缮", "--owner", "物业")
    assert cli.json("petition", "show", num)["status"] == "in_progress"


def test_decisions_are_published_only_once_the_meeting_was_held(cli):
    """Publishing ends a meeting's record: on a meeting never held it would close it for good
    (a newcomer publishing "the agenda" this way could no longer record anything)."""
    from tests.test_meetings import committee_meeting, roster

    roster(cli)
    planned = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")["number"]
    err = cli.fails("meeting", "publish", planned)
    assert "还没有出席或决定" in err and f"meeting agenda {planned} --publish" in err
    assert cli.json("meeting", "show", planned)["state"] == "scheduled"
    held = committee_meeting(cli, ["金建国", "沈丽", "陆伟", "顾敏", "钱志文"])
    assert held == planned
    assert cli.json("meeting", "publish", held)["decisions_published_at"]
    cancelled = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-06")["number"]
    cli.ok("meeting", "cancel", cancelled, "--reason", "改期")
    assert "取消" in cli.fails("meeting", "publish", cancelled)


def test_a_cancelled_meeting_leaves_its_day_free(cli):
    first = cli.json("meeting", "schedule", "--date", "2024-03-28")["number"]
    cli.ok("meeting", "cancel", first, "--reason", "台风")
    second = cli.json("meeting", "schedule", "--date", "2024-03-29")["number"]
    moved = cli.json("meeting", "reschedule", second, "--date", "2024-03-28", "--reason", "提前召开")
    assert moved["date"] == "2024-03-28"
    assert "已有" in cli.fails("meeting", "schedule", "--date", "2024-03-28")  # a standing meeting still holds it
