"""The posted head is the anchor: anyone holding the file can recompute the chain, but no rewrite
of what a published head covered passes `audit verify --head`, and an entry zhili did not write
(no real time recorded) is named even without a head."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from tests.test_publication import Q4_END, books, publish_q4  # noqa: F401  (the fixture)
from zhili_cli.store import audit

IN_Q4 = {"ZHILI_NOW": "2024-12-10T09:00:00+08:00"}


def _paid_q4_expense(cli) -> str:
    num = cli.json("expense", "request", "--amount", "300", "--payee", "平湖五金店", "--purpose", "灯泡",
                   env=IN_Q4)["number"]
    cli.ok("expense", "approve", num, "--by", "金建国", env=IN_Q4)
    cli.ok("expense", "pay", num, env=IN_Q4)
    return num


def _forge(db, *, at: str, recorded: str | None) -> None:
    """What the reviewer's forge.py does: edit rows with SQL, then append entries that 'record'
    the new state with recomputed hashes (optionally with a made-up real time)."""
    conn = sqlite3.connect(db)
    conn.execute("UPDATE expenses SET payee = '金氏装饰', purpose = '外墙翻新'")
    problems, _count, _head = audit.verify(conn)
    aid, prev = audit.head(conn)
    for p in problems:
        cur = conn.execute(f'SELECT * FROM "{p.table}" WHERE id = ?', (p.row_id,))
        after = audit.canonical(dict(zip([d[0] for d in cur.description], cur.fetchone())))
        aid += 1
        digest = audit.entry_hash(prev, at, "金建国", "zhili expense approve", p.table, p.row_id, "update", None,
                                  after, recorded)
        conn.execute("INSERT INTO audit_log (id, at, actor, command, table_name, row_id, action, before, after, "
                     "prev_hash, hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 'update', NULL, ?, ?, ?, ?)",
                     (aid, at, "金建国", "zhili expense approve", p.table, p.row_id, after, prev, digest, recorded))
        prev = digest
    conn.commit()
    conn.close()


def test_forged_entries_without_real_time_are_named_with_or_without_head(books):  # noqa: F811
    _paid_q4_expense(books)
    head = publish_q4(books)
    _forge(books.db, at="2024-11-05T10:00:00+08:00", recorded=None)
    assert "没有实际写入时间" in books.fails("audit", "verify", env=Q4_END)
    # verify --json exits 1 but prints every problem
    out = books("audit", "verify", "--head", head[:12], "--json", env=Q4_END).stdout
    kinds = {p["kind"] for p in json.loads(out)["problems"]}
    assert {"recorded_missing", "after_publication"} <= kinds


def test_a_recomputed_chain_passes_alone_but_never_against_the_posted_head(books):  # noqa: F811
    """The honest limit: with a made-up real time the chain verifies again on its own; the
    posted head still catches the rewrite of the published quarter's expense."""
    num = _paid_q4_expense(books)
    head = publish_q4(books)
    now = datetime.now().astimezone().isoformat(timespec="microseconds")
    _forge(books.db, at="2025-01-06T10:00:00+08:00", recorded=now)
    books.ok("audit", "verify", env=Q4_END)
    err = books.fails("audit", "verify", "--head", head[:12], env=Q4_END)
    assert "公示后记录被改动" in err and "2024Q4" in err and "expenses" in err
    assert books.json("expense", "show", num, env=Q4_END)  # the record itself still reads


def test_an_approval_slipped_into_a_published_quarter_is_named(books):  # noqa: F811
    num = books.json("expense", "request", "--amount", "300", "--payee", "平湖五金店", "--purpose", "灯泡",
                     env=IN_Q4)["number"]
    head = publish_q4(books)
    conn = sqlite3.connect(books.db)
    eid = conn.execute("SELECT id FROM expenses WHERE number = ?", (num,)).fetchone()[0]
    conn.close()
    from zhili_cli.store.db import open_db
    from zhili_cli.store.tx import Tx

    conn = open_db(books.db)
    conn.execute("BEGIN IMMEDIATE")
    tx = Tx(conn, "someone", "bypass")
    tx._closed = []
    tx.backdating_allowed = True
    tx.insert("expense_approvals", {"expense_id": eid, "body": "director", "approver": "金建国",
                                    "at": "2024-12-20T10:00:00+08:00"})
    conn.execute("COMMIT")
    conn.close()
    books.ok("audit", "verify", env=Q4_END)
    assert "2024Q4" in books.fails("audit", "verify", "--head", head[:12], env=Q4_END)


def test_rows_of_a_published_period_may_progress_after_it(books):  # noqa: F811
    """Paying a Q4 request and closing a Q4 petition in January change no posted figure."""
    num = books.json("expense", "request", "--amount", "300", "--payee", "平湖五金店", "--purpose", "灯泡",
                     env=IN_Q4)["number"]
    books.ok("expense", "approve", num, "--by", "金建国", env=IN_Q4)
    pet = books.json("petition", "add", "--title", "路灯不亮", "--source", "信箱", env=IN_Q4)["number"]
    books.ok("petition", "triage", pet, "--kind", "急", "--to", "物业", env=IN_Q4)
    head = publish_q4(books)
    books.ok("expense", "pay", num, env=Q4_END)
    books.ok("petition", "close", pet, "--feedback", "已修复", env=Q4_END)
    books.ok("audit", "verify", "--head", head[:12], env=Q4_END)
    # but rewording what the posted quarter showed is named
    books.ok("petition", "edit", pet, "--title", "另一件事", "--reason", "改写", env=Q4_END)
    assert "2024Q4" in books.fails("audit", "verify", "--head", head[:12], env=Q4_END)


def test_a_row_without_dates_belongs_where_its_parent_does(books):  # noqa: F811
    """The attendance of a meeting held in the published quarter, added afterwards, is named."""
    num = books.json("meeting", "schedule", "--date", "2024-12-10", env=IN_Q4)["number"]
    head = publish_q4(books)
    from zhili_cli.store.db import open_db
    from zhili_cli.store.tx import Tx

    conn = open_db(books.db)
    mid = conn.execute("SELECT id FROM meetings WHERE number = ?", (num,)).fetchone()[0]
    conn.execute("BEGIN IMMEDIATE")
    tx = Tx(conn, "someone", "bypass")
    tx.backdating_allowed = True
    tx.insert("meeting_attendance", {"meeting_id": mid, "name": "冒名", "party": "residents_committee"})
    conn.execute("COMMIT")
    conn.close()
    books.ok("audit", "verify", env=Q4_END)
    err = books.fails("audit", "verify", "--head", head[:12], env=Q4_END)
    assert "2024Q4" in err and "meeting_attendance" in err
