"""The life of a vote: final or provisional, upgrades of earlier files, the split of the services."""

from __future__ import annotations

import importlib
import sqlite3

from tests.test_motions import COMMITTEE, roster


def test_only_final_votes_approve(cli):
    roster(cli)
    num = cli.json("motion", "propose", "--title", "绿化", "--only", "committee", "--subject", "E2024-009")["number"]
    from tests.test_meetings import committee_meeting

    names = [e.split(":")[0] for e in COMMITTEE[:4]]
    cli.ok("motion", "vote", num, "--meeting", committee_meeting(cli, names),
           *sum((["--member", f"{n}=同意"] for n in names), []))
    from zhili_cli.services import decisions
    from zhili_cli.store.db import open_db

    conn = open_db(cli.db)
    try:
        assert decisions.find_approval(conn, "committee", "E2024-009") is not None
        conn.execute("UPDATE votes SET final = 0")  # as a provisional tally would be
        assert decisions.find_approval(conn, "committee", "E2024-009") is None
    finally:
        conn.close()


def test_upgrade_marks_body_votes_final_and_keeps_the_chain(tmp_path):
    """A file written before votes had a life: its committee votes stay final, owners' are not,
    and the chain verifies after the upgrade recorded the change."""
    import sqlite_utils

    from zhili_cli.store import audit, schema
    from zhili_cli.store.db import open_db
    from zhili_cli.store.tx import Tx

    path = tmp_path / "old.db"
    conn = sqlite3.connect(str(path), isolation_level=None)
    db = sqlite_utils.Database(conn)
    for module in schema.SET_MODULES:
        if module.endswith(".votes"):
            continue
        importlib.import_module(module).migrations.apply(db)
    conn.execute("BEGIN IMMEDIATE")
    tx = Tx(conn, "老版本", "fill")
    for body, result in (("committee", "passed"), ("owners", "passed")):
        tx.insert("votes", {"body": body, "subject": f"S-{body}", "opened_at": "2023-01-01T09:00:00+08:00",
                            "updated_at": "2023-01-02T09:00:00+08:00", "result": result, "tally": "{}"})
    conn.execute("COMMIT")
    conn.close()
    conn = open_db(path)
    try:
        finals = dict(conn.execute("SELECT body, final FROM votes").fetchall())
        assert finals == {"committee": 1, "owners": 0}
        problems, _count, _head = audit.verify(conn)
        assert problems == []
    finally:
        conn.close()


def test_services_split_by_what_they_hold():
    from pathlib import Path

    import zhili_cli.services as services

    base = Path(services.__file__).parent
    for name in ("motions.py", "owner_votes.py", "body_votes.py"):
        assert len((base / name).read_text(encoding="utf-8").splitlines()) <= 400
    assert "def _member_votes" in (base / "body_votes.py").read_text(encoding="utf-8")
    assert "def close_vote" in (base / "owner_votes.py").read_text(encoding="utf-8")
