"""The ledger: opening balances, income and paid expenses, per fund, in fen."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import one_dict, select
from zhili_cli.store.tx import Tx


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("ledger", {**row, "recorded_by": tx.actor, "recorded_at": tx.at_iso})


def has_opening(conn: sqlite3.Connection, fund: str) -> bool:
    """An opening balance stands for the fund (one that was reversed does not)."""
    row = conn.execute("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM ledger WHERE fund = ? AND kind = 'opening'",
                       (fund,)).fetchone()
    return bool(row[0]) and row[1] != 0


def get(conn: sqlite3.Connection, entry_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute(
        "SELECT l.*, r.reversal_id AS reversed_by, o.original_id AS reverses FROM ledger l "
        "LEFT JOIN ledger_reversals r ON r.original_id = l.id LEFT JOIN ledger_reversals o ON o.reversal_id = l.id "
        "WHERE l.id = ?", (entry_id,)))


def add_reversal(tx: Tx, original_id: int, reversal_id: int, reason: str) -> int:
    return tx.insert("ledger_reversals", {"original_id": original_id, "reversal_id": reversal_id, "reason": reason})


def add_share(tx: Tx, ledger_id: int, gross_fen: int, ratio: str) -> int:
    return tx.insert("ledger_shares", {"ledger_id": ledger_id, "gross_fen": gross_fen, "ratio": ratio})


def day_changes(conn: sqlite3.Connection, fund: str) -> list[tuple[str, int]]:
    """(date, net change of the fund's balance on that date), in date order."""
    return [(r[0], int(r[1])) for r in conn.execute(
        "SELECT on_date, SUM(CASE WHEN kind = 'expense' THEN -amount_fen ELSE amount_fen END) FROM ledger "
        "WHERE fund = ? GROUP BY on_date ORDER BY on_date", (fund,))]


def totals(conn: sqlite3.Connection, until: str | None = None) -> dict[str, dict[str, int]]:
    """{fund: {opening, income, expense, balance}} for entries on or before `until` (YYYY-MM-DD)."""
    sql = "SELECT fund, kind, COALESCE(SUM(amount_fen), 0) FROM ledger"
    params: list[Any] = []
    if until:
        sql += " WHERE on_date <= ?"
        params.append(until)
    sql += " GROUP BY fund, kind"
    out: dict[str, dict[str, int]] = {}
    for fund, kind, total in conn.execute(sql, params):
        out.setdefault(fund, {"opening": 0, "income": 0, "expense": 0})[kind] = int(total)
    for t in out.values():
        t["balance"] = t["opening"] + t["income"] - t["expense"]
    return out


def balance(conn: sqlite3.Connection, fund: str) -> int:
    return totals(conn).get(fund, {}).get("balance", 0)


def list_(conn: sqlite3.Connection, *, fund: str | None = None, date_from: str | None = None,
          date_to: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT l.id, l.fund, l.kind, l.source, l.amount_fen, l.on_date, l.period, l.note, "
           "e.number AS expense, e.purpose AS purpose, e.tier AS tier, "
           "r.reversal_id AS reversed_by, o.original_id AS reverses, o.reason AS reversal_reason, "
           "s.gross_fen AS gross_fen, s.ratio AS share_ratio, l.recorded_by, l.recorded_at FROM ledger l "
           "LEFT JOIN expenses e ON e.id = l.expense_id "
           "LEFT JOIN ledger_reversals r ON r.original_id = l.id LEFT JOIN ledger_reversals o ON o.reversal_id = l.id "
           "LEFT JOIN ledger_shares s ON s.ledger_id = l.id")
    return select(conn, sql, [("l.fund = ?", fund), ("l.on_date >= ?", date_from), ("l.on_date <= ?", date_to)],
                  "l.on_date, l.id", limit)


def has_import_key(conn: sqlite3.Connection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM ledger_imports WHERE import_key = ?", (key,)).fetchone() is not None


def add_import(tx: Tx, ledger_id: int, key: str, payer: str | None, voucher: str | None) -> int:
    return tx.insert("ledger_imports", {"ledger_id": ledger_id, "import_key": key, "payer": payer,
                                        "voucher": voucher})
