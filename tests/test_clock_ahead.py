"""The clock cannot be moved forward to pass a notice period or a voting window in no real time:
a write dated after the computer's real time is refused, `verify` names an entry dated later than
when it was written, and a written consultation's notice is its own recorded opening."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from tests.test_motions import register
from zhili_cli import clock
from zhili_cli.store import audit


def _real_day(days: int = 0) -> str:
    return (datetime.now(clock.TZ) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def test_a_write_dated_after_the_real_time_is_refused_reads_are_not(cli):
    err = cli.fails("petition", "add", "--title", "路灯", "--source", "信箱", env={"ZHILI_NOW": _real_day(5)})
    assert "晚于电脑的实际时间" in err and "ZHILI_NOW" in err
    err = cli.fails("--lang", "en", "petition", "add", "--title", "路灯", "--source", "信箱",
                    env={"ZHILI_NOW": _real_day(5)})
    assert "later than the computer's real time" in err
    assert cli.json("petition", "list", env={"ZHILI_NOW": _real_day(5)}) == []  # nothing was written
    # a minute ahead is a clock's ordinary drift; a date in the past is how the examples are recorded
    cli.ok("petition", "add", "--title", "路灯", "--source", "信箱", env={"ZHILI_NOW": _real_day(0)})
    cli.ok("audit", "verify", env={"ZHILI_NOW": _real_day(0)})


def test_the_reviewed_shortcut_open_vote_and_jump_to_its_end_is_refused(cli, tmp_path, monkeypatch):
    """Open a vote today, then cast ballots and close it 'after the window' on the same real day."""
    rooms = register(cli, tmp_path, ["100"] * 3)
    monkeypatch.setenv("ZHILI_NOW", _real_day(0))
    today = datetime.now(clock.TZ).date()
    y = cli.json("motion", "propose", "--title", "x", "--only", "owners")["number"]
    start, end = today + timedelta(days=15), today + timedelta(days=19)
    cli.ok("motion", "vote", "open", y, "--from", start.isoformat(), "--to", end.isoformat())
    inside = {"ZHILI_NOW": start.isoformat() + "T10:00:00+08:00"}
    err = cli.fails("motion", "vote", y, "--ballot", f"{rooms[0]}=同意@业主0", env=inside)
    assert "晚于电脑的实际时间" in err
    after = {"ZHILI_NOW": (end + timedelta(days=1)).isoformat() + "T10:00:00+08:00"}
    assert "晚于电脑的实际时间" in cli.fails("motion", "vote", "close", y, env=after)
    cli.ok("audit", "verify")


def test_verify_names_an_entry_dated_after_its_real_time(cli):
    cli.ok("petition", "add", "--title", "路灯", "--source", "信箱")
    conn = sqlite3.connect(cli.db)
    aid, prev_hash = conn.execute("SELECT id, prev_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    row = conn.execute("SELECT actor, command, table_name, row_id, action, before, after, recorded_at "
                       "FROM audit_log WHERE id = ?", (aid,)).fetchone()
    ahead = (datetime.fromisoformat(row[7]) + timedelta(days=20)).replace(microsecond=0).isoformat()
    digest = audit.entry_hash(prev_hash, ahead, *row[:7], row[7])
    conn.execute("UPDATE audit_log SET at = ?, hash = ? WHERE id = ?", (ahead, digest, aid))
    conn.commit()
    conn.close()
    assert "晚于它的实际写入时间" in cli.fails("audit", "verify")


def test_a_written_consultation_cannot_claim_an_earlier_notice(cli, tmp_path, monkeypatch):
    register(cli, tmp_path, ["100"] * 3)
    y = cli.json("motion", "propose", "--title", "x", "--only", "owners")["number"]  # 2024-03-05
    monkeypatch.setenv("ZHILI_NOW", "2024-03-12T10:00:00+08:00")
    # announced a week ago, with nothing on record: the 15-day notice would be shortened by it
    err = cli.fails("motion", "vote", "open", y, "--announced", "2024-03-05", "--from", "2024-03-20",
                    "--to", "2024-03-25")
    assert "2024-03-12" in err and "2024-03-05" in err and "--meeting" in err
    # the honest path: the opening is the notice, the window starts 15 days after it
    cli.ok("motion", "vote", "open", y, "--from", "2024-03-27", "--to", "2024-04-01")
