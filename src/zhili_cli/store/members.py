"""People and their roles: committee members, party representatives, grid workers."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, one_dict, select
from zhili_cli.store.tx import Tx


def add(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("members", row)


def find(conn: sqlite3.Connection, name: str, role: str | None = None) -> list[dict[str, Any]]:
    if role:
        return all_dicts(conn.execute("SELECT * FROM members WHERE name = ? AND role = ?", (name, role)))
    return all_dicts(conn.execute("SELECT * FROM members WHERE name = ?", (name,)))


def get(conn: sqlite3.Connection, member_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM members WHERE id = ?", (member_id,)))


def list_(conn: sqlite3.Connection, role: str | None = None, active_only: bool = True) -> list[dict[str, Any]]:
    return select(conn, "SELECT * FROM members", [("role = ?", role), ("active = ?", 1 if active_only else None)],
                  "party, CASE role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END, id")


def committee(conn: sqlite3.Connection, on_date: str) -> list[dict[str, Any]]:
    """Committee members (chair, vice-chair, members) whose term covers `on_date` (YYYY-MM-DD)."""
    return all_dicts(conn.execute(
        "SELECT * FROM members WHERE active = 1 AND role IN ('chair','vice_chair','member') "
        "AND (term_start IS NULL OR term_start <= ?) AND (term_end IS NULL OR term_end >= ?) ORDER BY id",
        (on_date, on_date)))


def update(tx: Tx, member_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("members", member_id, changes)


def add_change(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("member_changes", row)


def changes(conn: sqlite3.Connection, member_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM member_changes WHERE member_id = ? ORDER BY id", (member_id,)))


def terms_ending(conn: sqlite3.Connection, from_date: str, until_date: str) -> list[dict[str, Any]]:
    """People in office whose term ends between the two dates (inclusive), soonest first."""
    return all_dicts(conn.execute(
        "SELECT * FROM members WHERE active = 1 AND term_end IS NOT NULL AND term_end >= ? AND term_end <= ? "
        "AND (term_start IS NULL OR term_start <= ?) ORDER BY term_end, id", (from_date, until_date, from_date)))


def with_role(conn: sqlite3.Connection, role: str, on_date: str | None = None) -> list[dict[str, Any]]:
    """Everyone recorded in `role`; with `on_date` (YYYY-MM-DD), only those whose term covers it."""
    sql = "SELECT * FROM members WHERE active = 1 AND role = ?"
    params: list[Any] = [role]
    if on_date:
        sql += " AND (term_start IS NULL OR term_start <= ?) AND (term_end IS NULL OR term_end >= ?)"
        params += [on_date, on_date]
    return all_dicts(conn.execute(sql + " ORDER BY id", params))
