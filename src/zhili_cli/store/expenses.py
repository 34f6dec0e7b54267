"""Expenses, their approvals and maintenance fund steps."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.store.refs import Numbered
from zhili_cli.store.rows import all_dicts, select
from zhili_cli.store.tx import Tx

_EXPENSES = Numbered("expenses")
next_seq, insert, update, get = _EXPENSES.next_seq, _EXPENSES.insert, _EXPENSES.update, _EXPENSES.get


def recent_related(conn: sqlite3.Connection, since: str) -> list[dict[str, Any]]:
    """Live (not rejected/cancelled) expenses requested since `since`, for split detection."""
    return all_dicts(conn.execute(
        "SELECT id, number, amount_fen, requested_at, payee, project, fund FROM expenses "
        "WHERE requested_at >= ? AND status NOT IN ('rejected', 'cancelled') ORDER BY requested_at, id",
        (since,)))


def list_(conn: sqlite3.Connection, *, status: str | None = None, fund: str | None = None,
          body: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    return select(conn, "SELECT * FROM expenses",
                  [("status = ?", status), ("fund = ?", fund), ("required_body = ?", body)], "year, seq", limit)


TERMS = ("amount_fen", "payee", "purpose", "fund", "shares")


def add_approval(tx: Tx, expense_id: int, body: str, ref: str | None, approver: str | None,
                 detail: str | None = None, terms: dict[str, Any] | None = None) -> int:
    """An approval; with `terms` (the expense as it stood), what it approved is recorded beside it."""
    approval_id = tx.insert("expense_approvals", {"expense_id": expense_id, "body": body, "ref": ref,
                                                  "approver": approver, "at": tx.at_iso, "detail": detail})
    if terms is not None:
        tx.insert("expense_approval_terms", {"approval_id": approval_id, **{k: terms[k] for k in TERMS}})
    return approval_id


def approvals(conn: sqlite3.Connection, expense_id: int, *, live_only: bool = False) -> list[dict[str, Any]]:
    """Approvals with what each approved (`terms`, None for those recorded before terms were kept)
    and whether a later change voided it."""
    sql = ("SELECT a.id, a.body, a.ref, a.approver, a.at, a.detail, t.amount_fen AS terms_amount_fen, "
           "t.payee AS terms_payee, t.purpose AS terms_purpose, t.fund AS terms_fund, t.shares AS terms_shares, "
           "t.id AS terms_id, t.voided_at, t.voided_reason FROM expense_approvals a "
           "LEFT JOIN expense_approval_terms t ON t.approval_id = a.id WHERE a.expense_id = ?")
    if live_only:
        sql += " AND t.voided_at IS NULL"
    rows = all_dicts(conn.execute(sql + " ORDER BY a.id", (expense_id,)))
    out = []
    for r in rows:
        terms = {k: r.pop(f"terms_{k}") for k in TERMS}
        r["terms"] = terms if r["terms_id"] is not None else None
        out.append(r)
    return out


def void_approvals(tx: Tx, expense_id: int, old_terms: dict[str, Any], reason: str) -> int:
    """Void every live approval of the expense (its terms changed). Returns how many."""
    count = 0
    for a in approvals(tx.conn, expense_id, live_only=True):
        row = tx.conn.execute("SELECT id FROM expense_approval_terms WHERE approval_id = ?", (a["id"],)).fetchone()
        if row is None:  # recorded before terms were kept: record what it stood on, voided
            tx.insert("expense_approval_terms", {"approval_id": a["id"], **{k: old_terms[k] for k in TERMS},
                                                 "voided_at": tx.at_iso, "voided_reason": reason})
        else:
            tx.update("expense_approval_terms", row[0], {"voided_at": tx.at_iso, "voided_reason": reason})
        count += 1
    return count


def add_event(tx: Tx, expense_id: int, action: str, reason: str | None, before: str | None,
              after: str | None) -> int:
    return tx.insert("expense_events", {"expense_id": expense_id, "at": tx.at_iso, "actor": tx.actor,
                                        "action": action, "reason": reason, "before": before, "after": after})


def events(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT id, at, actor, action, reason, before, after FROM expense_events WHERE expense_id = ? ORDER BY id",
        (expense_id,)))


def terms_mark(conn: sqlite3.Connection, expense_id: int) -> int:
    """The audit entry at which the expense's terms last took their present form: its request,
    or its latest amendment. A decision must come after it to approve the expense."""
    row = conn.execute(
        "SELECT MAX(id) FROM audit_log WHERE (table_name = 'expenses' AND row_id = ? AND action = 'insert') "
        "OR (table_name = 'expense_events' AND action = 'insert' AND row_id IN "
        "    (SELECT id FROM expense_events WHERE expense_id = ? AND action = 'amend'))",
        (expense_id, expense_id)).fetchone()
    return int(row[0] or 0)


def row_marks(conn: sqlite3.Connection, table: str, row_id: int) -> tuple[int, int]:
    """(first, last) audit entry of a row of `table`: when it was recorded, when last changed."""
    row = conn.execute("SELECT MIN(id), MAX(id) FROM audit_log WHERE table_name = ? AND row_id = ?",
                       (table, row_id)).fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def first_set_mark(conn: sqlite3.Connection, table: str, row_id: int, column: str) -> int:
    """The audit entry at which `column` of a row of `table` was first given a value (e.g. an
    agenda item's `decided_at`: when it was decided, whatever was amended later); 0: never."""
    for mark, after in conn.execute(
            "SELECT id, after FROM audit_log WHERE table_name = ? AND row_id = ? AND after IS NOT NULL "
            "ORDER BY id", (table, row_id)):
        try:
            values = json.loads(after)
        except ValueError:
            continue
        if isinstance(values, dict) and values.get(column) is not None:
            return int(mark)
    return 0


def votes_naming(conn: sqlite3.Connection, body: str, subject: str) -> list[dict[str, Any]]:
    """Every vote of `body` naming `subject`, newest first, whatever its state."""
    return all_dicts(conn.execute(
        "SELECT * FROM votes WHERE body = ? AND subject = ? ORDER BY id DESC", (body, subject)))


def scope_of(conn: sqlite3.Connection, number: str) -> tuple[bool, str | None]:
    """(whether `number` is an expense, its stored scope: JSON text or None for the whole compound)."""
    row = conn.execute("SELECT scope FROM expenses WHERE number = ?", (number,)).fetchone()
    return (row is not None, row[0] if row is not None else None)


def votes_at_meeting(conn: sqlite3.Connection, meeting_id: int, body: str, ref: str) -> list[dict[str, Any]]:
    """The votes of `body` taken at a meeting on `ref`: naming it as their subject, or of the
    motion numbered `ref`."""
    return all_dicts(conn.execute(
        "SELECT v.* FROM votes v LEFT JOIN motions m ON m.id = v.motion_id "
        "WHERE v.meeting_id = ? AND v.body = ? AND (v.subject = ? OR m.number = ?) ORDER BY v.id",
        (meeting_id, body, ref, ref)))


def add_step(tx: Tx, expense_id: int, step: str, note: str | None = None) -> int:
    return tx.insert("fund_steps", {"expense_id": expense_id, "step": step, "at": tx.at_iso,
                                    "actor": tx.actor, "note": note})


def steps(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT step, at, actor, note FROM fund_steps WHERE expense_id = ? ORDER BY id", (expense_id,)))


def waiting_for_body(conn: sqlite3.Connection, body: str) -> list[tuple]:
    """(number, purpose, amount_fen, fund, requested_at) of requests `body` has yet to approve."""
    try:
        return conn.execute(
            "SELECT e.number, e.purpose, e.amount_fen, e.fund, e.requested_at FROM expenses e "
            "WHERE e.status = 'requested' AND e.required_body = ? AND NOT EXISTS ("
            "  SELECT 1 FROM expense_approvals a LEFT JOIN expense_approval_terms t ON t.approval_id = a.id "
            "  WHERE a.expense_id = e.id AND a.body = e.required_body AND t.voided_at IS NULL) "
            "ORDER BY e.year, e.seq", (body,)).fetchall()
    except sqlite3.OperationalError:  # a database from before the money tables
        return []


def first_live_request_day(conn: sqlite3.Connection) -> str | None:
    """The day of the first expense requested in zhili itself (not read from a register)."""
    row = conn.execute("SELECT MIN(substr(requested_at, 1, 10)) FROM expenses "
                       "WHERE id NOT IN (SELECT expense_id FROM expense_imports)").fetchone()
    return row[0] if row else None


def has_import_key(conn: sqlite3.Connection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM expense_imports WHERE import_key = ?", (key,)).fetchone() is not None


def add_import(tx: Tx, expense_id: int, key: str, category: str | None, voucher: str | None,
               approved_by: str | None) -> int:
    return tx.insert("expense_imports", {"expense_id": expense_id, "import_key": key, "category": category,
                                         "voucher": voucher, "approved_by": approved_by})
