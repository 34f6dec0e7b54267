"""The rules keys that shape the routine: the mailbox's days (meetings.mailbox_days), the
three-party meeting's period (meetings.three_party.frequency, with its week) on `zhili today`,
and paper ballots in an electronic owners' vote (assembly.paper_ballots_on_request)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import write_csv
from tests.test_motions import register
from tests.test_owner_vote_life import at, opened


def _rules(tmp_path: Path, old: str, new: str) -> str:
    from zhili_cli.rules.load import default_text

    text = default_text()
    assert old in text
    path = tmp_path / "rules.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def _kind(items, kind):
    return [i for i in items if i["kind"] == kind]


def test_mailbox_days_on_the_desk(cli, tmp_path, monkeypatch):
    assert _kind(cli.json("today"), "mailbox") == []  # no register yet: no routine
    register(cli, tmp_path, ["100"] * 2)
    # 2024-03-05 is a Tuesday: the default days are Tuesday and Friday (seed 000)
    [item] = _kind(cli.json("today"), "mailbox")
    assert (item["due"], item["days_late"], item["weekdays"]) == ("2024-03-05", 0, ["tue", "fri"])
    assert item["command"].startswith("zhili petition add --source 信箱")
    assert "周二、周五开箱" in cli.ok("today").stdout
    assert "opened on Tuesday, Friday" in cli.ok("--lang", "en", "today", env={"COLUMNS": "200"}).stdout  # one line
    at(monkeypatch, "2024-03-06")  # Wednesday: not a collection day
    assert _kind(cli.json("today"), "mailbox") == []
    wed = _rules(tmp_path, "mailbox_days: [tue, fri]", "mailbox_days: [wed]")
    assert [i["weekdays"] for i in _kind(cli.json("--rules", wed, "today"), "mailbox")] == [["wed"]]
    at(monkeypatch, "2024-03-08")
    assert _kind(cli.json("--rules", wed, "today"), "mailbox") == []
    assert len(_kind(cli.json("today"), "mailbox")) == 1
    bad = _rules(tmp_path, "mailbox_days: [tue, fri]", "mailbox_days: [tuesday]")
    assert "mailbox_days" in cli.fails("--rules", bad, "today")


def test_three_party_meeting_due_and_missed_per_period(cli, tmp_path, monkeypatch):
    register(cli, tmp_path, ["100"] * 2)
    # 2024-03-05: the meeting is due on the last Thursday of March (03-28), beyond a week's horizon
    assert _kind(cli.json("today"), "three_party_due") == []
    [item] = _kind(cli.json("today", "--days", "30"), "three_party_due")
    assert (item["ref"], item["due"], item["days_late"]) == ("2024-03", "2024-03-28", -23)
    assert (item["period_from"], item["period_to"]) == ("2024-03-01", "2024-03-31")
    assert item["command"] == "zhili meeting schedule --kind three_party"
    # the rules' week moves the day: the first week's Thursday is 03-07, inside the horizon
    first = _rules(tmp_path, "    week: last ", "    week: first ")
    assert [i["due"] for i in _kind(cli.json("--rules", first, "today"), "three_party_due")] == ["2024-03-07"]
    # the day has passed and no meeting was held: missed
    at(monkeypatch, "2024-03-30")
    [item] = _kind(cli.json("today"), "three_party_due")
    assert item["days_late"] == 2
    assert "逾期 2 天" in cli.ok("today").stdout and "三方协同会议尚未安排" in cli.ok("today").stdout
    # a meeting of another kind, or of next month, does not stand for this month's
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-30")
    cli.ok("meeting", "schedule", "--kind", "三方", "--date", "2024-04-25")
    assert len(_kind(cli.json("today"), "three_party_due")) == 1
    number = cli.json("meeting", "schedule", "--kind", "三方", "--date", "2024-03-31")["number"]
    assert _kind(cli.json("today"), "three_party_due") == []
    cli.ok("meeting", "cancel", number, "--reason", "改期")
    assert len(_kind(cli.json("today"), "three_party_due")) == 1
    # a new period: April's meeting is scheduled (04-25), so nothing is due
    at(monkeypatch, "2024-04-20")
    assert _kind(cli.json("today"), "three_party_due") == []
    bad = _rules(tmp_path, "frequency: monthly", "frequency: weekly")
    assert "frequency" in cli.fails("--rules", bad, "today")


def _paper_sheet(tmp_path: Path, rows) -> Path:
    lines = ["楼栋,单元,房号,意见,签名,方式"] + [f"1,1,{r},同意,业主{r - 1},{how}" for r, how in rows]
    return write_csv(tmp_path / "paper.csv", "\n".join(lines) + "\n")


def test_paper_ballots_in_an_electronic_vote_follow_the_rules(cli, tmp_path, monkeypatch):
    register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    sheet = _paper_sheet(tmp_path, [(1, "线上"), (2, "纸质")])
    strict = _rules(tmp_path, "paper_ballots_on_request: true", "paper_ballots_on_request: false")
    cli.adopt_rules("--rules", strict)
    err = cli.fails("--rules", strict, "motion", "ballots", "import", y, str(sheet))
    assert "paper.csv:3: 方式:" in err and "1-1-2" in err and "paper_ballots_on_request" in err
    assert cli.json("motion", "show", y)["stages"][0]["vote"]["ballots"] == 0  # all or nothing
    assert "paper_ballots_on_request: false" in cli.fails("--lang", "en", "--rules", strict, "motion", "ballots",
                                                          "import", y, str(sheet))
    # the default rules (Hangzhou regulation art. 20): paper ballots on request are counted
    cli.adopt_rules(reason="恢复默认规则")
    out = cli.json("motion", "ballots", "import", y, str(sheet))
    assert out["count"] == 2 and out["voted_owners"] == 2 and out["paper_ballots"] == 1
    conn = sqlite3.connect(cli.db)
    try:  # each ballot keeps how it was cast
        assert conn.execute("SELECT voter_name, method FROM ballots ORDER BY id").fetchall() == [
            ("1-1-1 业主0", "online"), ("1-1-2 业主1", "paper")]
    finally:
        conn.close()
    cli.ok("audit", "verify")


def test_a_database_without_ballot_methods_is_upgraded(cli, tmp_path):
    register(cli, tmp_path, ["100"] * 2)
    conn = sqlite3.connect(cli.db)
    conn.execute("ALTER TABLE ballots DROP COLUMN method")
    conn.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'rulekeys'")
    conn.commit()
    conn.close()
    y = opened(cli)
    conn = sqlite3.connect(cli.db)
    try:
        assert "method" in {r[1] for r in conn.execute("PRAGMA table_info(ballots)")}
    finally:
        conn.close()
    assert cli.json("motion", "show", y)["number"] == y


def test_paper_ballots_at_an_on_site_assembly_vote_need_no_rule(cli, tmp_path, monkeypatch):
    register(cli, tmp_path, ["100"] * 3)
    strict = _rules(tmp_path, "paper_ballots_on_request: true", "paper_ballots_on_request: false")
    y = cli.json("motion", "propose", "--title", "x", "--only", "owners")["number"]
    m = cli.json("meeting", "schedule", "--kind", "业主大会")["number"]  # 2024-03-20
    cli.ok("meeting", "agenda", m, "--add-ref", y)
    cli.ok("meeting", "agenda", m, "--publish")
    cli.adopt_rules("--rules", strict)
    cli.ok("--rules", strict, "motion", "vote", "open", y, "--meeting", m, "--from", "2024-03-20", "--to", "2024-03-20")
    at(monkeypatch, "2024-03-20")
    out = cli.json("--rules", strict, "motion", "ballots", "import", y, str(_paper_sheet(tmp_path, [(1, "纸质")])))
    assert out["count"] == 1


def test_paper_ballots_given_on_the_command_line(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 4)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    strict = _rules(tmp_path, "paper_ballots_on_request: true", "paper_ballots_on_request: false")
    cli.adopt_rules("--rules", strict)
    err = cli.fails("--rules", strict, "motion", "vote", y, "--ballot", f"{rooms[0]}=同意@纸质:业主0")
    assert "纸质表决票" in err and rooms[0] in err
    cli.ok("--rules", strict, "motion", "vote", y, "--ballot", f"{rooms[0]}=同意@业主0")  # not on paper: counted
    cli.adopt_rules(reason="恢复默认规则")
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[2], "--proxy", "张三", "--document", "WT-1")
    out = cli.json("motion", "vote", y, "--ballot", f"{rooms[1]}=反对@纸质：业主1",
                   "--ballot", f"{rooms[2]}=同意@书面:委托:张三")
    assert out["voted_owners"] == 3 and out["paper_ballots"] == 2
    conn = sqlite3.connect(cli.db)
    try:
        assert conn.execute("SELECT voter_name, method FROM ballots ORDER BY id").fetchall() == [
            (f"{rooms[0]} 业主0", None), (f"{rooms[1]} 业主1", "paper"), (f"{rooms[2]} 委托 张三", "paper")]
    finally:
        conn.close()
    assert "签名" in cli.fails("motion", "vote", y, "--ballot", f"{rooms[3]}=同意@纸质:")
