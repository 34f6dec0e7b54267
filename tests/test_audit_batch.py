"""Batch audit entries (one per `Tx.insert_many` call): every row they cover is still checked."""

from __future__ import annotations

import json
import sqlite3

from tests.conftest import EXAMPLES
from tests.test_reliability_support import checkpoint, copy_db
from zhili_cli.store import audit


def _imported(cli):
    cli.ok("petition", "add", "--title", "导入之前", "--source", "信箱")  # per-row entries first
    cli.ok("petition", "import", EXAMPLES / "petitions.csv", "-q")
    cli.ok("petition", "add", "--title", "导入之后", "--source", "信箱")  # and after: the chain goes on
    checkpoint(cli.db)
    return cli


def _problems(db):
    conn = sqlite3.connect(db)
    try:
        return audit.verify(conn)[0]
    finally:
        conn.close()


def test_import_writes_one_entry_per_batch(cli):
    _imported(cli)
    with sqlite3.connect(cli.db) as conn:
        rows = conn.execute("SELECT COUNT(*) FROM petitions").fetchone()[0]
        batches = conn.execute("SELECT table_name, row_id, after FROM audit_log WHERE action = 'insert_batch'").fetchall()
    assert rows > 1000 and {t for t, _, _ in batches} == {"petitions", "petition_events"}
    covered = sum(len(json.loads(after)["ids"]) for t, _, after in batches if t == "petitions")
    assert covered == rows - 2
    assert all(json.loads(after)["ids"][0] == rid for _, rid, after in batches)
    assert _problems(cli.db) == []
    assert "一致" in cli.ok("audit", "verify").stdout


def test_edit_delete_insert_of_batched_rows_are_named(cli, tmp_path):
    _imported(cli)
    cases = [
        ("UPDATE petitions SET title = title || 'x' WHERE id = 700", ("row_changed", "petitions", 700)),
        ("UPDATE petition_events SET note = 'x' WHERE id = 1500", ("row_changed", "petition_events", 1500)),
        ("DELETE FROM petitions WHERE id = 2", ("row_deleted", "petitions", 2)),
        ("INSERT INTO petition_events (id, petition_id, at, actor, action, to_status) "
         "SELECT 99999, petition_id, at, actor, action, to_status FROM petition_events WHERE id = 5",
         ("row_added", "petition_events", 99999)),
    ]
    for sql, expected in cases:
        db = copy_db(cli.db, tmp_path / "t.db")
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute(sql)
        conn.close()
        problems = _problems(db)
        assert problems, sql
        assert (problems[0].kind, problems[0].table, problems[0].row_id) == expected, (sql, problems[0])


def test_edited_batch_entry_breaks_the_chain(cli):
    _imported(cli)
    with sqlite3.connect(cli.db) as conn:
        aid, after = conn.execute("SELECT id, after FROM audit_log WHERE action = 'insert_batch' "
                                  "AND table_name = 'petitions' ORDER BY id LIMIT 1").fetchone()
        batch = json.loads(after)
        batch["sha256"][3] = "0" * 64
        conn.execute("UPDATE audit_log SET after = ? WHERE id = ?", (json.dumps(batch, separators=(",", ":")), aid))
    conn.close()
    problems = _problems(cli.db)
    assert problems[0].kind == "chain" and problems[0].audit_id == aid
