"""zhili today: one list, most urgent first, across every record that falls due."""

from __future__ import annotations

import pytest

import json

from tests.conftest import write_csv


def test_empty_database_has_nothing(cli):
    assert cli.json("today") == []
    assert "没有" in cli.ok("today").stdout


def test_every_source_with_due_days_late_and_command(cli, tmp_path, monkeypatch):
    # committee decision of 03-01 not published (due 03-04), recorded that evening
    monkeypatch.setenv("ZHILI_NOW", "2024-03-01T20:00:00+08:00")
    for name, role in (("金建国", "主任"), ("沈丽", "副主任"), ("陆伟", "委员"), ("顾敏", "委员"), ("钱志文", "委员")):
        cli.ok("member", "add", name, "--role", role, "--term-start", "2019-06-01", "--term-end", "2024-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-01")
    cli.ok("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟,顾敏")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意")
    monkeypatch.setenv("ZHILI_NOW", "2024-03-05T10:00:00+08:00")
    # petitions: one untriaged since 02-20 (response due 02-23: 11 days late), one due in 3 days
    late = cli.json("petition", "add", "--title", "路灯不亮", "--source", "信箱", "--received", "2024-02-20")["number"]
    soon = cli.json("petition", "add", "--title", "漏水", "--source", "信箱")["number"]
    cli.ok("petition", "triage", soon, "--kind", "小", "--due", "2024-03-08")
    far = cli.json("petition", "add", "--title", "绿化", "--source", "信箱")["number"]
    cli.ok("petition", "triage", far, "--kind", "小", "--due", "2024-04-30")
    # a meeting this week without a published agenda
    cli.ok("meeting", "schedule", "--kind", "三方", "--date", "2024-03-07")
    # a milestone due, one far away
    project = cli.json("project", "add", "--title", "充电棚")["number"]
    cli.ok("project", "milestone", project, "--title", "选址公示", "--due", "2024-03-01", "--party", "物业")
    cli.ok("project", "milestone", project, "--title", "施工", "--due", "2024-09-30", "--party", "物业")
    # care: one never visited, one visited 40 days ago, one visited last week
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", "楼栋,单元,房号,面积,业主,电话,人数,标记\n"
                                                "1,1,101,80,甲,,1,独居老人\n1,1,102,80,乙,,1,独居老人\n"
                                                "1,1,103,80,丙,,1,独居老人\n1,1,104,80,丁,,1,\n")))
    cli.ok("household", "visit", "1-1-102", "--note", "x", "--date", "2024-01-25")
    cli.ok("household", "visit", "1-1-103", "--note", "x", "--date", "2024-02-28")

    items = cli.json("today")
    by = {(i["kind"], i["ref"]): i for i in items}
    assert by[("petition_response", late)]["due"] == "2024-02-23" and by[("petition_response", late)]["days_late"] == 11
    assert by[("petition_completion", soon)]["days_late"] == -3
    assert not any(i["ref"] == far for i in items)
    assert by[("decisions_unpublished", "M2024-001")]["days_late"] == 1
    assert by[("meeting_agenda", "M2024-002")]["due"] == "2024-03-07"
    assert by[("milestone", f"{project}#1")]["days_late"] == 4
    assert not any(i["ref"] == f"{project}#2" for i in items)
    assert by[("term_end", "金建国")]["due"] == "2024-05-31"   # within 90 days
    assert by[("visit", "1-1-102")]["due"] == "2024-02-24" and by[("visit", "1-1-102")]["days_late"] == 10
    assert by[("visit_never", "独居老人")]["households"] == 1 and by[("visit_never", "独居老人")]["days_late"] == 0
    assert by[("visit_never", "独居老人")]["command"] == "zhili household list --flag 独居老人"
    assert not any(i["ref"] in ("1-1-101", "1-1-103", "1-1-104") for i in items)
    for i in items:
        assert {"kind", "ref", "due", "days_late", "command"} <= set(i)
        assert i["command"].startswith("zhili ")
    lateness = [i["days_late"] for i in items if i["days_late"] is not None]
    assert lateness == sorted(lateness, reverse=True)          # most urgent first
    assert items[0]["ref"] == late
    text = cli.ok("today").stdout
    assert f"zhili petition triage {late}" in text and "逾期 11 天" in text
    assert "金建国  主任（业委会）" in text
    assert "11 days late" in cli.ok("--lang", "en", "today").stdout

    # --days widens the horizon; the milestone in September and the far petition come in
    wide = cli.json("today", "--days", "366")
    assert any(i["ref"] == far for i in wide) and any(i["ref"] == f"{project}#2" for i in wide)
    assert not any(i["ref"] == soon for i in cli.json("today", "--days", "1"))
    cli.fails("today", "--days", "-1", code=2)


def test_care_rule_per_flag_from_rules_file(cli, tmp_path):
    from zhili_cli.rules.load import default_text

    rules = tmp_path / "zhili.yaml"
    rules.write_text(default_text().replace("    独居老人: 30", "    独居老人: 7\n    残疾人: 60"), encoding="utf-8")
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", "楼栋,单元,房号,面积,业主,电话,人数,标记\n"
                                                "1,1,101,80,甲,,1,独居老人\n1,1,102,80,乙,,1,残疾人\n")))
    cli.ok("household", "visit", "1-1-101", "--note", "x", "--date", "2024-02-20")
    cli.ok("household", "visit", "1-1-102", "--note", "x", "--date", "2024-02-20")
    due = {i["ref"]: i for i in cli.json("--rules", str(rules), "today") if i["kind"] == "visit"}
    assert set(due) == {"1-1-101"} and due["1-1-101"]["due"] == "2024-02-27"   # 残疾人: 60 days
    rules.write_text(default_text().replace("    独居老人: 30", "    独居老人: 0"), encoding="utf-8")
    assert "visit_every_days" in cli.fails("--rules", str(rules), "today")


@pytest.mark.slow
def test_demo_day(cli):
    """The example compound on a working day: overdue petitions first, this week's meeting."""
    env = {"ZHILI_NOW": "2025-06-24T09:00:00+08:00"}
    cli.ok("demo", "--force", env=env)
    items = json.loads(cli.ok("today", "--json", env=env).stdout)
    assert items[0]["kind"] == "petition_completion" and items[0]["days_late"] > 365
    assert any(i["kind"].startswith("meeting") and i["ref"] == "M2025-001" and i["due"] == "2025-06-26"
               for i in items)
    assert [i["ref"] for i in items if i["kind"] == "visit_never"] == ["独居老人"]
    late = [i["days_late"] for i in items if i["days_late"] is not None]
    assert late == sorted(late, reverse=True)


def test_owners_votes_opening_closing_and_open(cli):
    from zhili_cli.store.db import immediate, open_db
    from zhili_cli.store.tx import Tx

    conn = open_db(cli.db)
    with immediate(conn):
        tx = Tx(conn, "secretary", "test")
        base = {"body": "owners", "opened_at": "2024-03-01T09:00:00+08:00", "updated_at": "2024-03-01T09:00:00+08:00",
                "result": "open", "tally": "{}", "final": 0}
        closing = tx.insert("votes", {**base, "window_from": "2024-03-01", "window_to": "2024-03-08"})
        opening = tx.insert("votes", {**base, "window_from": "2024-03-10", "window_to": "2024-04-10"})
        tx.insert("votes", {**base, "window_from": "2024-03-01", "window_to": "2024-04-30"})   # closes later
        tx.insert("votes", {**base, "final": 1, "result": "passed", "window_to": "2024-03-06"})  # done
        tx.insert("votes", {**base, "body": "committee", "window_to": "2024-03-06"})          # not owners'
    conn.close()
    items = [i for i in cli.json("today") if i["kind"].startswith("vote")]
    assert [(i["kind"], i["ref"], i["due"], i["days_late"]) for i in items] == [
        ("vote_closing", f"vote {closing}", "2024-03-08", -3), ("vote_opening", f"vote {opening}", "2024-03-10", -5)]


def test_cancelled_meeting_leaves_the_list(cli):
    cli.ok("meeting", "schedule", "--kind", "三方", "--date", "2024-03-07")
    assert [i["kind"] for i in cli.json("today")] == ["meeting_agenda"]
    cli.ok("meeting", "cancel", "M2024-001", "--reason", "主任出差")
    assert cli.json("today") == []
