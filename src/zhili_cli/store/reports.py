"""Read queries for reports. Times are stored as ISO text with the +08:00 offset, so
ranges compare as text: [date_from, date_to) with dates like '2025-06-01'."""

from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from zhili_cli.store.rows import all_dicts

CLOSED_DONE = ("done", "verified")
NOT_COUNTED = ("rejected", "merged", "referred")


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    if not table_exists(conn, table):
        return []
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def compound_name(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT name FROM compound WHERE id = 1").fetchone()
    return row[0] if row else ""


def _private(include_private: bool) -> str:
    return "" if include_private else " AND (kind IS NULL OR kind != 'private')"


def received_by(conn: sqlite3.Connection, column: str, date_from: str, date_to: str,
                include_private: bool = True) -> list[tuple[Any, int, int]]:
    """(value, received, done) of petitions received in the range, grouped by one column."""
    if column not in ("source", "kind", "building"):
        raise ValueError(column)
    sql = (f"SELECT {column}, COUNT(*), SUM(status IN ('done','verified')) FROM petitions "
           f"WHERE received_at >= ? AND received_at < ?{_private(include_private)} "
           f"GROUP BY {column} ORDER BY COUNT(*) DESC, {column}")
    return [(r[0], int(r[1]), int(r[2] or 0)) for r in conn.execute(sql, (date_from, date_to))]


def closed_between(conn: sqlite3.Connection, date_from: str, date_to: str,
                   include_private: bool = True) -> int:
    sql = ("SELECT COUNT(*) FROM petitions WHERE closed_at >= ? AND closed_at < ? "
           f"AND status IN ('done','verified'){_private(include_private)}")
    return int(conn.execute(sql, (date_from, date_to)).fetchone()[0])


def monthly_counts(conn: sqlite3.Connection, date_from: str, date_to: str,
                   include_private: bool = True) -> dict[str, tuple[int, int]]:
    """month (YYYY-MM) → (received that month, done that month by closing date)."""
    out: dict[str, list[int]] = {}
    priv = _private(include_private)
    for month, n in conn.execute(
            "SELECT substr(received_at, 1, 7), COUNT(*) FROM petitions "
            f"WHERE received_at >= ? AND received_at < ?{priv} GROUP BY 1", (date_from, date_to)):
        out.setdefault(month, [0, 0])[0] = int(n)
    for month, n in conn.execute(
            "SELECT substr(closed_at, 1, 7), COUNT(*) FROM petitions "
            f"WHERE closed_at >= ? AND closed_at < ? AND status IN ('done','verified'){priv} GROUP BY 1",
            (date_from, date_to)):
        out.setdefault(month, [0, 0])[1] = int(n)
    return {k: (v[0], v[1]) for k, v in out.items()}


def open_at(conn: sqlite3.Connection, at: str, *, received_before: str, overdue_only: bool,
            include_private: bool = True, limit: int | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Petitions received before `received_before` and not closed at `at` (rejected, merged and
    referred ones left out); with `overdue_only`, only those past a deadline at `at`.
    Returns (count, the oldest `limit` rows)."""
    where = (f"received_at < ? AND (closed_at IS NULL OR closed_at >= ?) "
             f"AND status NOT IN ('rejected','merged','referred'){_private(include_private)}")
    params: list[Any] = [received_before, at]
    if overdue_only:
        where += (" AND ((completion_due IS NOT NULL AND completion_due < ?) OR "
                  "((triaged_at IS NULL OR triaged_at >= ?) AND response_due < ?))")
        params += [at, at, at]
    count = int(conn.execute(f"SELECT COUNT(*) FROM petitions WHERE {where}", params).fetchone()[0])
    sql = (f"SELECT number, title, kind, building, responsible, status, received_at, response_due, "
           f"completion_due, triaged_at, reporter, reporter_phone FROM petitions WHERE {where} "
           f"ORDER BY received_at, id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return count, all_dicts(conn.execute(sql, params))


def yearly(conn: sqlite3.Connection, date_from: str, date_to: str, meeting_kinds: Iterable[str],
           include_private: bool = True) -> list[dict[str, Any]]:
    """Per year of receipt: received, accepted, done, and the meeting-routed (deliberated) ones."""
    kinds = list(meeting_kinds) or ["-"]
    marks = ",".join("?" for _ in kinds)
    sql = f"""
        SELECT year,
            COUNT(*) AS received,
            SUM(status IN ('accepted','on_agenda','decided','in_progress','done','verified','referred')) AS accepted,
            SUM(status IN ('done','verified')) AS done,
            SUM(kind IN ({marks})) AS deliberated,
            SUM(kind IN ({marks}) AND status IN ('done','verified')) AS deliberated_done
        FROM petitions WHERE received_at >= ? AND received_at < ?{_private(include_private)}
        GROUP BY year ORDER BY year
    """
    return all_dicts(conn.execute(sql, [*kinds, *kinds, date_from, date_to]))


def rows_in(conn: sqlite3.Connection, table: str, where: str = "", params: Iterable[Any] = (),
            order: str = "id") -> list[dict[str, Any]]:
    """Rows of another area's table (the caller checked it exists and chose known columns)."""
    sql = f'SELECT * FROM "{table}"'
    if where:
        sql += f" WHERE {where}"
    sql += f" ORDER BY {order}"
    return all_dicts(conn.execute(sql, list(params)))
