"""Volunteer service entries: hours served (earning points) and points redeemed."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, select
from zhili_cli.store.tx import Tx


def add(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("volunteer_entries", row)


def balance_of(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute("SELECT COALESCE(SUM(points), 0) FROM volunteer_entries WHERE name = ?",
                            (name,)).fetchone()[0])


def balances(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT name, SUM(hours_x100) AS hours_x100, SUM(CASE WHEN points > 0 THEN points ELSE 0 END) AS earned, "
        "-SUM(CASE WHEN points < 0 THEN points ELSE 0 END) AS redeemed, SUM(points) AS balance, "
        "MAX(on_date) AS last_date FROM volunteer_entries GROUP BY name ORDER BY name"))


def entries(conn: sqlite3.Connection, name: str | None = None, month: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    return select(conn, "SELECT id, name, on_date, kind, hours_x100, activity, points FROM volunteer_entries",
                  [("name = ?", name), ("substr(on_date, 1, 7) = ?", month)], "on_date DESC, id DESC", limit)


def totals_between(conn: sqlite3.Connection, first: str, last: str) -> dict[str, int]:
    """Figures of [first, last] (YYYY-MM-DD): no names."""
    row = conn.execute(
        "SELECT COUNT(DISTINCT CASE WHEN kind = 'service' THEN name END), "
        "COALESCE(SUM(CASE WHEN kind = 'service' THEN 1 ELSE 0 END), 0), COALESCE(SUM(hours_x100), 0), "
        "COALESCE(SUM(CASE WHEN points > 0 THEN points ELSE 0 END), 0), "
        "COALESCE(-SUM(CASE WHEN points < 0 THEN points ELSE 0 END), 0) "
        "FROM volunteer_entries WHERE on_date BETWEEN ? AND ?", (first, last)).fetchone()
    return {"volunteers": int(row[0]), "services": int(row[1]), "hours_x100": int(row[2]),
            "points_earned": int(row[3]), "points_redeemed": int(row[4])}
