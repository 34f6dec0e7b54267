"""Small helpers for reading rows as dicts."""

from __future__ import annotations

import sqlite3
from typing import Any, Sequence


def all_dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def one_dict(cur: sqlite3.Cursor) -> dict[str, Any] | None:
    values = cur.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cur.description], values))


def count(conn: sqlite3.Connection, table: str, where: Sequence[tuple[str, Any]]) -> int:
    """How many rows `select` over `table` with these conditions gives without a limit."""
    given = [(condition, value) for condition, value in where if value]
    sql = f"SELECT count(*) FROM {table}"
    if given:
        sql += " WHERE " + " AND ".join(condition for condition, _ in given)
    return int(conn.execute(sql, [value for _, value in given]).fetchone()[0])


def select(conn: sqlite3.Connection, sql: str, where: Sequence[tuple[str, Any]], order_by: str,
           limit: int | None = None) -> list[dict[str, Any]]:
    """`sql` (a SELECT with no WHERE of its own) narrowed by each `(condition, value)` whose value
    is given (None, empty or 0 leaves the condition out), ordered, and cut at `limit` (None or 0:
    every row). Each condition holds one `?`, its value."""
    given = [(condition, value) for condition, value in where if value]
    if given:
        sql += " WHERE " + " AND ".join(condition for condition, _ in given)
    sql += " ORDER BY " + order_by
    params = [value for _, value in given]
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return all_dicts(conn.execute(sql, params))
