"""A party is present only through a named representative; a committee meeting keeps the roster
it was held with."""

from __future__ import annotations

import sqlite3

from tests.conftest import Cli
from tests.test_meetings import roster

NAMES = ["金建国", "沈丽", "陆伟", "顾敏", "钱志文", "朱晓雪", "吴海燕"]


def test_parties_alone_no_longer_carry_a_three_party_meeting(cli):
    """The way around: `meeting attend M --party 居委会 --party 业委会 --party 物业` (nobody named)
    met the three-party quorum and let positions be recorded."""
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    err = cli.fails("meeting", "attend", "M2024-001", "--party", "居委会", "--party", "业委会", "--party", "物业")
    assert "居委会" in err and "张红梅" in err and "--present" in err
    assert cli.json("meeting", "show", "M2024-001")["attendance"] == []
    assert "representative" in cli.fails("--lang", "en", "meeting", "attend", "M2024-001", "--party", "物业")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "张红梅,金建国", "--party", "居委会")
    assert m["quorum_met"] is False and "物业" in m["quorum_detail"]
    m = cli.json("meeting", "attend", "M2024-001", "--present", "李明", "--party", "物业")
    assert m["quorum_met"] is True


def test_only_a_representative_in_office_makes_a_party_present(cli):
    roster(cli)
    cli.ok("member", "add", "王芳", "--role", "网格员")  # on the residents' committee's side, not its representative
    cli.ok("member", "add", "赵丽", "--role", "物业代表", "--term-start", "2023-01-01", "--basis", "物业委派函")
    cli.ok("member", "end-term", "赵丽", "--date", "2024-03-01", "--kind", "调离", "--doc", "物业调令")
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "王芳,金建国,赵丽")
    assert m["quorum_met"] is False and "居委会" in m["quorum_detail"] and "物业" in m["quorum_detail"]
    assert "赵丽" not in cli.fails("meeting", "attend", "M2024-001", "--party", "物业")  # only those in office
    y = cli.json("motion", "propose", "--title", "充电棚", "--only", "three_party")["number"]
    assert "法定人数" in cli.fails("motion", "vote", y, "--meeting", "M2024-001", "--position", "业委会=同意")


def test_a_party_recorded_without_a_name_counts_for_nothing(cli):
    """On a database written before: party-only attendance rows stay in the record but neither
    make the quorum nor let the party state a position."""
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    cli.ok("meeting", "attend", "M2024-001", "--present", "张红梅,金建国")
    conn = sqlite3.connect(cli.db)
    meeting_id = conn.execute("SELECT id FROM meetings WHERE number = 'M2024-001'").fetchone()[0]
    conn.execute("INSERT INTO meeting_attendance (meeting_id, member_id, name, role, party) "
                 "VALUES (?, NULL, '物业', NULL, 'property')", (meeting_id,))
    conn.execute("UPDATE meetings SET quorum_met = 1 WHERE id = ?", (meeting_id,))
    conn.commit()
    conn.close()
    y = cli.json("motion", "propose", "--title", "充电棚", "--only", "three_party")["number"]
    assert "法定人数" in cli.fails("motion", "vote", y, "--meeting", "M2024-001", "--position", "居委会=同意",
                               "--position", "业委会=同意", "--position", "物业=同意")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "绿化补种")
    assert "法定人数" in cli.fails("meeting", "decide", "M2024-001", "1", "--decision", "同意")


def test_positions_by_parties_present_through_their_representatives(cli):
    roster(cli)
    cli.ok("meeting", "schedule", "--date", "2024-03-05")
    cli.ok("meeting", "attend", "M2024-001", "--present", "张红梅,金建国,李明")
    y = cli.json("motion", "propose", "--title", "充电棚", "--only", "three_party")["number"]
    res = cli.json("motion", "vote", y, "--meeting", "M2024-001", "--position", "居委会=同意",
                   "--position", "业委会=同意", "--position", "物业=同意")
    assert res["passed"] is True


def test_a_later_roster_change_does_not_change_a_held_meetings_quorum(cli, monkeypatch):
    """The way around: 3 of 7 came (no quorum); ending two terms afterwards, dated the day before,
    made it 3 of 5 and let the meeting decide."""
    roster(cli)
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")
    cli.ok("meeting", "agenda", "M2024-001", "--add", "停车费调整")
    assert cli.json("meeting", "attend", "M2024-001", "--present", "金建国,沈丽,陆伟")["quorum_detail"] == "3/7"
    for name in ("朱晓雪", "吴海燕"):
        cli.ok("member", "end-term", name, "--date", "2024-03-04", "--kind", "辞职", "--doc", f"{name}辞职书")
    err = cli.fails("meeting", "decide", "M2024-001", "1", "--decision", "同意调整")
    assert "法定人数" in err and "3/7" in err
    cli.ok("member", "add", "新委员", "--role", "委员", "--term-start", "2024-03-01", "--basis", "补选公告",
           "--basis-date", "2024-02-28")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "顾敏,新委员")
    assert m["quorum_detail"] == "4/7" and m["quorum_met"] is True   # 新委员 was not on the meeting's roster
    cli.ok("meeting", "decide", "M2024-001", "1", "--decision", "同意调整")
    y = cli.json("motion", "propose", "--title", "x", "--only", "committee")["number"]
    assert "新委员" in cli.fails("motion", "vote", y, "--meeting", "M2024-001", "--member", "新委员=同意")
    # a meeting held after the change counts the committee as it now stands: 6 in office
    monkeypatch.setenv("ZHILI_NOW", "2024-03-12T10:00:00+08:00")
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-12")
    m = cli.json("meeting", "attend", "M2024-002", "--present", "金建国,沈丽,陆伟")
    assert m["quorum_detail"] == "3/6" and m["quorum_met"] is False
    cli.ok("audit", "verify")
