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
    # the petitions only: an import writes no history event per row (the entry is the record)
    assert rows > 1000 and {t for t, _, _ in batches} == {"petitions"}
    assert all(json.loads(after)["form"] == "values" for _, _, after in batches)
    covered = sum(len(json.loads(after)["ids"]) for t, _, after in batches)
    assert covered == rows - 2
    assert all(json.loads(after)["ids"][0] == rid for _, rid, after in batches)
    assert _problems(cli.db) == []
    assert "一致" in cli.ok("audit", "verify").stdout


def test_edit_delete_insert_of_batched_rows_are_named(cli, tmp_path):
    _imported(cli)
    cases = [
        ("UPDATE petitions SET title = title || 'x' WHERE id = 700", ("row_changed", "petitions", 700)),
        ("UPDATE petitions SET satisfaction = NULL WHERE id = 1500 AND satisfaction IS NOT NULL",
         ("row_changed", "petitions", 1500)),
        ("UPDATE petitions SET text = text || ' ' WHERE id = 1501", ("row_changed", "petitions", 1501)),
        ("DELETE FROM petitions WHERE id = 2", ("row_deleted", "petitions", 2)),
        ("INSERT INTO petitions (id, number, year, seq, received_at, source, title, status, response_due) "
         "SELECT 99999, 'X' || number, 1999, 99999, received_at, source, title, status, response_due "
         "FROM petitions WHERE id = 5",
         ("row_added", "petitions", 99999)),
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


def test_batch_entries_in_the_keyed_form_still_verify(cli):
    """Batch entries written before the values form hashed each row's keyed canonical JSON."""
    from zhili_cli.store.db import open_db
    from zhili_cli.store.tx import Tx

    cli.ok("petition", "add", "--title", "之前", "--source", "信箱")
    conn = open_db(cli.db)
    conn.execute("BEGIN IMMEDIATE")
    tx = Tx(conn, "old", "old import")
    row = dict(tx.row("petitions", 1))
    ids = [2, 3]
    rows = [{**row, "id": i, "number": f"P2024-90{i}", "seq": 900 + i} for i in ids]
    for r in rows:
        conn.execute(f"INSERT INTO petitions ({', '.join(r)}) VALUES ({', '.join('?' * len(r))})", list(r.values()))
    hashes = [audit.state_hash(audit.canonical(r)) for r in rows]
    tx._audit_text("petitions", 2, audit.BATCH, None, json.dumps({"ids": ids, "sha256": hashes}))
    conn.execute("COMMIT")
    conn.close()
    assert _problems(cli.db) == []
    with sqlite3.connect(cli.db) as conn:
        conn.execute("UPDATE petitions SET title = 'x' WHERE id = 3")
    conn.close()
    problems = _problems(cli.db)
    assert [(p.kind, p.row_id) for p in problems] == [("row_changed", 3)]
