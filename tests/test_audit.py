"""The hash-chained audit log catches edits made outside the tool."""

from __future__ import annotations

import sqlite3


def test_sql_edit_of_petition_is_named(cli):
    cli.ok("petition", "add", "--title", "路灯", "--source", "信箱")
    cli.ok("audit", "verify")
    with sqlite3.connect(cli.db) as conn:
        conn.execute("UPDATE petitions SET title = '改过' WHERE id = 1")
    err = cli.fails("audit", "verify")
    assert "petitions" in err and "1" in err


def test_deleted_and_inserted_rows_detected(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    with sqlite3.connect(cli.db) as conn:
        conn.execute("DELETE FROM petition_events")
    assert "petition_events" in cli.fails("audit", "verify")


def test_chain_edit_detected(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    with sqlite3.connect(cli.db) as conn:
        conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2")
    assert "2" in cli.fails("audit", "verify")


def test_head_must_stay_in_chain(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    head = cli.json("audit", "verify")["head"]
    cli.ok("audit", "verify", "--head", head)
    cli.fails("audit", "verify", "--head", "0" * 64)
