"""Expenses, their approvals and maintenance fund steps."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts
from zhili_cli.store.tx import Tx


def next_seq(conn: sqlite3.Connection, year: int) -> int:
    row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM expenses WHERE year = ?", (year,)).fetchone()
    return int(row[0]) + 1


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("expenses", row)


def update(tx: Tx, expense_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("expenses", expense_id, changes)


def get(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    """By the number people type (see store/refs.py); never by internal id."""
    from zhili_cli.store import refs

    return refs.get(conn, "expenses", ref)


def recent_related(conn: sqlite3.Connection, since: str) -> list[dict[str, Any]]:
    """Live (not rejected/cancelled) expenses requested since `since`, for split detection."""
    return all_dicts(conn.execute(
        "SELECT id, number, amount_fen, requested_at, payee, project FROM expenses "
        "WHERE requested_at >= ? AND status NOT IN ('rejected', 'cancelled') ORDER BY requested_at, id",
        (since,)))


def list_(conn: sqlite3.Connection, *, status: str | None = None, fund: str | None = None,
          body: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM expenses WHERE 1=1"
    params: list[Any] = []
    if status:
        sql += " AND status = ?"
        params.append(status)
    if fund:
        sql += " AND fund = ?"
        params.append(fund)
    if body:
        sql += " AND required_body = ?"
        params.append(body)
    sql += " ORDER BY year, seq"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return all_dicts(conn.execute(sql, params))


def add_approval(tx: Tx, expense_id: int, body: str, ref: str | None, approver: str | None,
                 detail: str | None = None) -> int:
    return tx.insert("expense_approvals", {"expense_id": expense_id, "body": body, "ref": ref,
                                           "approver": approver, "at": tx.at_iso, "detail": detail})


def approvals(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT body, ref, approver, at, detail FROM expense_approvals WHERE expense_id = ? ORDER BY id",
        (expense_id,)))


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
            "  SELECT 1 FROM expense_approvals a WHERE a.expense_id = e.id AND a.body = e.required_body) "
            "ORDER BY e.year, e.seq", (body,)).fetchall()
    except sqlite3.OperationalError:  # a database from before the money tables
        return []


def has_import_key(conn: sqlite3.Connection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM expense_imports WHERE import_key = ?", (key,)).fetchone() is not None


def add_import(tx: Tx, expense_id: int, key: str, category: str | None, voucher: str | None,
               approved_by: str | None) -> int:
    return tx.insert("expense_imports", {"expense_id": expense_id, "import_key": key, "category": category,
                                         "voucher": voucher, "approved_by": approved_by})
