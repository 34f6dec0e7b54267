"""Motions: stages, committee votes, three-party positions, owners' ballots on a real register."""

from __future__ import annotations

import os
from pathlib import Path

OWNERS: dict[str, str] = {}  # room → registered owner, for signing ballots
COMMITTEE = ["金建国:主任", "沈丽:副主任", "陆伟:委员", "顾敏:委员", "钱志文:委员", "朱晓雪:委员", "吴海燕:委员"]


def roster(cli):
    for entry in COMMITTEE:
        name, role = entry.split(":")
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")


def register(cli, tmp_path: Path, areas: list[str], owners: list[str] | None = None,
             unsold: set[int] | None = None) -> list[str]:
    """One household per area, rooms 1-1-1 …; returns the room labels."""
    lines = ["楼栋,单元,房号,面积,业主,电话,开发商未售"]
    rooms = []
    phones: dict[str, str] = {}
    for i, area in enumerate(areas):
        building, room = i // 100 + 1, i % 100 + 1
        owner = owners[i] if owners else f"业主{i}"
        phone = phones.setdefault(owner, f"139{len(phones):08d}")  # one owner, one phone
        lines.append(f"{building},1,{room},{area},{owner},{phone},{'是' if unsold and i in unsold else ''}")
        rooms.append(f"{building}-1-{room}")
        OWNERS[rooms[-1]] = owner
    path = tmp_path / "households.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli.ok("household", "import", str(path))
    return rooms


def ballots_csv(tmp_path: Path, votes: list[tuple[str, str]], name="ballots.csv") -> Path:
    lines = ["楼栋,单元,房号,意见,签名"]
    for room, choice in votes:
        b, u, r = room.split("-")
        lines.append(f"{b},{u},{r},{choice},{OWNERS.get(room, '业主')}")
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ballot(room: str, choice: str) -> str:
    """`--ballot ROOM=CHOICE@OWNER`, signed by the registered owner."""
    return f"{room}={choice}@{OWNERS.get(room, '业主')}"


def open_vote(cli, number: str) -> None:
    """Open the owners' vote (notice today 2024-03-05, voting 03-20 … 03-31) and move the clock
    into the window."""
    cli.ok("motion", "vote", "open", number, "--from", "2024-03-20", "--to", "2024-03-31")
    os.environ["ZHILI_NOW"] = "2024-03-21T10:00:00+08:00"  # the autouse fixture restores it


def close_vote(cli, number: str) -> dict:
    os.environ["ZHILI_NOW"] = "2024-04-01T10:00:00+08:00"
    return cli.json("motion", "vote", "close", number)


def owners_motion(cli, matter="other", subject=None):
    args = ["motion", "propose", "--title", "业主表决", "--matter", matter, "--only", "owners"]
    if subject:
        args += ["--subject", subject]
    number = cli.json(*args)["number"]
    open_vote(cli, number)
    return number


def test_propose_class_from_matter_and_stages(cli):
    m = cli.json("motion", "propose", "--title", "筹集维修资金", "--matter", "fund_raise")
    assert m["vote_class"] == "special" and m["number"] == "Y2024-001"
    assert [s["key"] for s in m["stages"]] == ["party_pre", "three_party", "residents"]
    assert m["stage"] == "party_pre"
    assert cli.json("motion", "propose", "--title", "使用维修资金", "--matter", "fund_use")["vote_class"] == "ordinary"
    assert "无效的事项" in cli.fails("motion", "propose", "--title", "x", "--matter", "party")
    assert "没有诉求" in cli.fails("motion", "propose", "--title", "x", "--origin", "P2024-999")


def test_committee_vote_four_of_seven(cli, monkeypatch):
    """A committee vote is taken at its meeting by members recorded present, and closes with it:
    an absent member cannot turn 3 of 7 into 4 of 7 afterwards."""
    from tests.test_meetings import committee_meeting

    roster(cli)
    num = cli.json("motion", "propose", "--title", "绿化补种", "--only", "committee", "--subject", "E2024-003")["number"]
    assert "会议" in cli.fails("motion", "vote", num, "--member", "金建国=同意")  # not outside a meeting
    m = committee_meeting(cli, ["金建国", "沈丽", "陆伟", "顾敏", "钱志文"])
    assert "未登记出席" in cli.fails("motion", "vote", num, "--meeting", m, "--member", "朱晓雪=同意")
    res = cli.json("motion", "vote", num, "--meeting", m, "--member", "金建国=同意", "--member", "沈丽=同意",
                   "--member", "陆伟=同意", "--member", "顾敏=反对", "--member", "钱志文=弃权")
    assert res["passed"] is False and res["present"] == 5 and res["yes"] == 3  # 3 of 7: fails
    # days later the absent member is added to the attendance and tries to vote: the vote is closed
    monkeypatch.setenv("ZHILI_NOW", "2024-03-08T10:00:00+08:00")
    cli.ok("meeting", "attend", m, "--present", "朱晓雪")
    assert "已随会议结束" in cli.fails("motion", "vote", num, "--meeting", m, "--member", "朱晓雪=同意")
    assert "会议" in cli.fails("motion", "vote", num, "--member", "朱晓雪=同意")

    from zhili_cli.services import decisions
    from zhili_cli.store.db import open_db

    conn = open_db(cli.db)
    assert decisions.find_approval(conn, "committee", "E2024-003") is None  # nothing approved
    conn.close()
    # the honest way: a new meeting, a new vote
    m2 = committee_meeting(cli, ["金建国", "沈丽", "陆伟", "顾敏", "朱晓雪"], day="2024-03-08")
    assert "不是在任业委会委员" in cli.fails("motion", "vote", num, "--meeting", m2, "--member", "路人甲=同意")
    res = cli.json("motion", "vote", num, "--meeting", m2, *sum((["--member", f"{n}=同意"] for n in
                                                                ["金建国", "沈丽", "陆伟", "朱晓雪"]), []))
    assert res["passed"] is True and res["yes"] == 4  # 4 of 7 agree
    assert "--member" in cli.fails("motion", "vote", num, "--position", "物业=同意")

    conn = open_db(cli.db)
    found = decisions.find_approval(conn, "committee", "E2024-003")
    assert found["body"] == "committee" and found["ref"] == f"{num}/committee"
    assert decisions.find_approval(conn, "assembly", "E2024-003") is None
    final = conn.execute("SELECT meeting_id, result, final, closed_at FROM votes ORDER BY id").fetchall()
    conn.close()
    assert [(r[1], r[2], r[3][:10]) for r in final] == [("failed", 1, "2024-03-05"), ("passed", 1, "2024-03-08")]
    assert cli.json("motion", "advance", num)["status"] == "carried"


def test_committee_three_agree_fails(cli):
    from tests.test_meetings import committee_meeting

    roster(cli)
    num = cli.json("motion", "propose", "--title", "x", "--only", "committee")["number"]
    m = committee_meeting(cli, [e.split(":")[0] for e in COMMITTEE])
    res = cli.json("motion", "vote", num, "--meeting", m, "--member", "金建国=yes", "--member", "沈丽=yes",
                   "--member", "陆伟=yes", "--member", "顾敏=no", "--member", "钱志文=no", "--member", "朱晓雪=no",
                   "--member", "吴海燕=no")
    assert res["passed"] is False
    assert "尚未通过" in cli.fails("motion", "advance", num)


def test_full_pipeline_with_three_party_and_owner_ballots(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 9)
    num = cli.json("petition", "add", "--title", "充电棚", "--source", "信箱")["number"]
    m = cli.json("motion", "propose", "--title", "建充电棚", "--matter", "change_use", "--origin", num)
    y = m["number"]
    assert m["origin"] == [num]
    assert "尚未通过" in cli.fails("motion", "advance", y)
    assert cli.json("motion", "vote", y, "--result", "同意")["passed"] is True
    assert cli.json("motion", "advance", y)["stage"] == "three_party"
    from tests.test_meetings import three_party_meeting

    m = three_party_meeting(cli)
    res = cli.json("motion", "vote", y, "--meeting", m, "--position", "居委会=同意", "--position", "业委会=同意",
                   "--position", "物业=同意")
    assert res["passed"] is True  # all three parties agree (the failing case: test_body_votes)
    assert "已随会议结束" in cli.fails("motion", "vote", y, "--meeting", m, "--position", "物业=反对")
    assert cli.json("motion", "advance", y)["stage"] == "residents"
    open_vote(cli, y)
    # special matter: 3/4 of voting owners and area
    res = cli.json("motion", "vote", y, *sum((["--ballot", ballot(r, "同意")] for r in rooms[:4]), []),
                   "--ballot", ballot(rooms[4], "反对"), "--ballot", ballot(rooms[5], "反对"))
    assert res["quorum_met"] is True and res["passing_so_far"] is False  # 4 of 6 < 3/4
    assert res["owners_short_pass"] == 1  # 3/4 of 6 is 4.5
    assert "已投过票" in cli.fails("motion", "vote", y, "--ballot", ballot(rooms[0], "同意"))
    err = cli.fails("motion", "vote", y, "--ballot", "9-9-909=同意@某人")
    assert "9-9-909" in err and "计票范围" in err
    res = cli.json("motion", "vote", y, "--ballot", ballot(rooms[6], "agree"), "--ballot", ballot(rooms[7], "同意"))
    assert res["passing_so_far"] is True and res["passed"] is False  # 6 of 8 agree: 3/4, not final yet
    assert "尚未通过" in cli.fails("motion", "advance", y)
    assert close_vote(cli, y)["passed"] is True
    carried = cli.json("motion", "advance", y)
    assert carried["status"] == "carried"
    assert [s["status"] for s in carried["stages"]] == ["passed", "passed", "passed"]
    actions = [h["action"] for h in carried["history"]]
    assert actions[0] == "propose" and actions[-1] == "carried"
    assert "已是" in cli.fails("motion", "vote", y, "--ballot", ballot(rooms[8], "同意"))
    shown = cli.ok("motion", "show", y).stdout
    assert "居民决议" in shown and "已通过" in shown
    assert cli.json("motion", "list")[0]["status"] == "carried"
    cli.ok("audit", "verify")


def _ordinary_areas() -> list[str]:
    # 351 agreeing units summing 35 001 m², 349 other voters summing 34 999 m², 300 non-voters 30 000 m²
    agree = ["99.71"] * 350 + ["102.5"]
    others = ["100.28"] * 348 + ["101.56"]
    return agree + others + ["100"] * 300


def test_product_example_ordinary_through_ballot_import(cli, tmp_path):
    rooms = register(cli, tmp_path, _ordinary_areas())
    y = owners_motion(cli, "manager", subject="选聘物业")
    votes = [(r, "同意") for r in rooms[:351]] + [(r, "反对") for r in rooms[351:700]]
    res = cli.json("motion", "ballots", "import", y, str(ballots_csv(tmp_path, votes)))
    assert res["count"] == 700
    assert res["owners"] == 1000 and res["area"] == 100000
    assert res["voted_owners"] == 700 and res["voted_area"] == 70000
    assert res["agree_owners"] == 351 and res["agree_area"] == 35001
    assert res["quorum_met"] is True and res["passing_so_far"] is True and res["final"] is False
    assert close_vote(cli, y)["passed"] is True

    from zhili_cli.services import decisions
    from zhili_cli.store.db import open_db

    conn = open_db(cli.db)
    assert decisions.find_approval(conn, "assembly", "选聘物业")["ref"] == f"{y}/owners"
    conn.close()


def test_product_example_ordinary_350_fails(cli, tmp_path):
    rooms = register(cli, tmp_path, _ordinary_areas())
    y = owners_motion(cli)
    votes = [(r, "同意") for r in rooms[:350]] + [(r, "反对") for r in rooms[350:700]]
    res = cli.json("motion", "ballots", "import", y, str(ballots_csv(tmp_path, votes)))
    assert res["quorum_met"] is True and res["passing_so_far"] is False and res["agree_owners"] == 350
    assert close_vote(cli, y)["passed"] is False


def test_product_example_special_525_and_524(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 1000)
    y = owners_motion(cli, "fund_raise")
    votes = [(r, "同意") for r in rooms[:524]] + [(r, "反对") for r in rooms[524:699]]
    res = cli.json("motion", "ballots", "import", y, str(ballots_csv(tmp_path, votes)))
    assert res["voted_owners"] == 699 and res["quorum_met"] is True and res["passing_so_far"] is False
    res = cli.json("motion", "vote", y, "--ballot", ballot(rooms[699], "同意"))
    assert res["agree_owners"] == 525 and res["agree_area"] == 52500 and res["passing_so_far"] is True
    assert close_vote(cli, y)["passed"] is True


def test_special_524_of_700_fails(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 1000)
    y = owners_motion(cli, "rebuild")
    votes = [(r, "同意") for r in rooms[:524]] + [(r, "弃权") for r in rooms[524:700]]
    res = cli.json("motion", "ballots", "import", y, str(ballots_csv(tmp_path, votes)))
    assert res["voted_owners"] == 700 and res["passing_so_far"] is False and res["owners_short_pass"] == 1


def test_ballot_import_refuses_unknown_and_duplicate_rooms_whole_file(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 5)
    y = owners_motion(cli)
    bad = ballots_csv(tmp_path, [(rooms[0], "同意"), ("7-1-1", "同意")], "bad.csv")
    err = cli.fails("motion", "ballots", "import", y, str(bad))
    assert "bad.csv:3" in err and "7-1-1" in err
    dup = ballots_csv(tmp_path, [(rooms[0], "同意"), (rooms[1], "反对"), (rooms[0], "反对")], "dup.csv")
    err = cli.fails("motion", "ballots", "import", y, str(dup))
    assert "dup.csv:4" in err and rooms[0] in err and "已投过票" in err
    wrong = ballots_csv(tmp_path, [(rooms[0], "也许")], "wrong.csv")
    assert "wrong.csv:2" in cli.fails("motion", "ballots", "import", y, str(wrong))
    # nothing was written by the refused imports
    shown = cli.json("motion", "show", y)
    assert shown["stages"][0]["vote"]["ballots"] == 0


def test_owner_of_several_units_and_developer_count_once(cli, tmp_path):
    owners = ["甲", "甲", "乙", "开发商", "开发商", "丙"]
    rooms = register(cli, tmp_path, ["100", "50", "100", "80", "80", "90"], owners, unsold={3, 4})
    y = owners_motion(cli)
    res = cli.json("motion", "vote", y, "--ballot", ballot(rooms[0], "同意"), "--ballot", ballot(rooms[1], "同意"),
                   "--ballot", ballot(rooms[3], "反对"), "--ballot", ballot(rooms[2], "同意"))
    assert res["owners"] == 4  # 甲, 乙, the developer, 丙
    assert res["voted_owners"] == 3 and res["agree_owners"] == 2
    assert res["agree_area"] == 250 and res["voted_area"] == 330


def test_english_refusals(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 2)
    y = owners_motion(cli)
    cli.ok("motion", "vote", y, "--ballot", ballot(rooms[0], "agree"))
    err = cli.fails("--lang", "en", "motion", "vote", y, "--ballot", ballot(rooms[0], "agree"))
    assert err == f"room {rooms[0]} has already voted"
    assert "no motion" in cli.fails("--lang", "en", "motion", "show", "Y2099-001")


def test_agenda_picks_up_motion_at_three_party_stage(cli):
    y = cli.json("motion", "propose", "--title", "加装电梯")["number"]
    cli.ok("motion", "vote", y, "--result", "同意")
    cli.ok("motion", "advance", y)
    cli.ok("meeting", "schedule")
    agenda = cli.json("meeting", "agenda", "M2024-001")["agenda"]
    assert [(i["type"], i["ref"]) for i in agenda] == [("motion", y)]


def test_example_ballot_sheet_on_example_register(cli):
    """The example sheet is dated 2024-04-01 … 04-03, inside the window opened for it."""
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "src" / "zhili_cli" / "examples"
    cli.ok("household", "import", str(examples / "households.csv"))
    y = cli.json("motion", "propose", "--title", "业主表决", "--only", "owners")["number"]
    cli.ok("motion", "vote", "open", y, "--from", "2024-03-25", "--to", "2024-04-10")
    os.environ["ZHILI_NOW"] = "2024-03-26T10:00:00+08:00"
    cli.fails("motion", "ballots", "import", y, str(examples / "ballots.csv"))  # dated in April: not yet
    os.environ["ZHILI_NOW"] = "2024-04-05T10:00:00+08:00"
    res = cli.json("motion", "ballots", "import", y, str(examples / "ballots.csv"))
    assert res["count"] > 0 and res["voted_owners"] <= res["count"]
    assert res["agree_owners"] >= 1


def test_owners_vote_at_assembly_needs_published_item(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 3)
    y = cli.json("motion", "propose", "--title", "业主表决", "--matter", "manager", "--only", "owners")["number"]
    m = cli.json("meeting", "schedule", "--kind", "业主大会")["number"]
    window = ("--from", "2024-03-20", "--to", "2024-03-20")
    err = cli.fails("motion", "vote", "open", y, "--meeting", m, *window)
    assert "未在公布的议程" in err
    agenda = cli.json("meeting", "agenda", m)["agenda"]
    assert [(i["type"], i["ref"]) for i in agenda] == [("motion", y)]
    cli.fails("motion", "vote", "open", y, "--meeting", m, *window)
    cli.ok("meeting", "agenda", m, "--publish")
    cli.ok("motion", "vote", "open", y, "--meeting", m, *window)
    os.environ["ZHILI_NOW"] = "2024-03-20T10:00:00+08:00"
    res = cli.json("motion", "vote", y, "--ballot", ballot(rooms[0], "同意"), "--ballot", ballot(rooms[1], "同意"))
    assert res["passing_so_far"] is True and res["passed"] is False
    assert close_vote(cli, y)["passed"] is True


def test_positions_at_a_meeting_need_its_quorum(cli):
    """Three-party positions recorded at a meeting count only if the meeting had its quorum,
    the same rule `meeting decide` applies (all three parties present)."""
    from tests.test_meetings import roster as meeting_roster

    meeting_roster(cli)
    y = cli.json("motion", "propose", "--title", "调整停车收费", "--matter", "other")["number"]
    cli.ok("motion", "vote", y, "--result", "同意")
    cli.ok("motion", "advance", y)
    m = cli.json("meeting", "schedule", "--date", "2024-03-05")["number"]  # held today
    err = cli.fails("motion", "vote", y, "--meeting", m, "--position", "物业=同意")
    assert err.startswith(f"{m} 未达到法定人数") and err.endswith("不能作出决定")
    cli.ok("meeting", "attend", m, "--present", "张红梅,金建国")  # the property company is missing
    assert "未达到法定人数" in cli.fails("motion", "vote", y, "--meeting", m, "--position", "物业=同意")
    cli.ok("meeting", "attend", m, "--present", "李明")
    # the refused votes wrote nothing: the property company has not voted yet
    res = cli.json("motion", "vote", y, "--meeting", m, "--position", "物业=同意", "--position", "居委会=同意",
                   "--position", "业委会=同意")
    assert res["passed"] is True
