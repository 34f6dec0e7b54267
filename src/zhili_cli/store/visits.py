"""Visits to households (敲门日, 每日一联系, 网格员走访) and the record of each reveal of
personal data. Both are personal data: internal outputs only."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, select
from zhili_cli.store.tx import Tx


def add(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("visits", row)


def for_household(conn: sqlite3.Connection, household_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT on_date, by_name, note, recorded_at, recorded_by FROM visits WHERE household_id = ? "
        "ORDER BY on_date DESC, id DESC", (household_id,)))


def last_visits(conn: sqlite3.Connection) -> dict[int, str]:
    """{household id: date of its last visit}."""
    return {r[0]: r[1] for r in conn.execute("SELECT household_id, MAX(on_date) FROM visits GROUP BY household_id")}


def flagged(conn: sqlite3.Connection, flag: str | None, building: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """Households carrying `flag` (flags are a list separated by , ， ; ； 、 / or spaces),
    each with the date of its last visit."""
    # the flag between separators, wherever it stands in the list
    in_flags = ("(',' || replace(replace(replace(replace(replace(replace(h.flags, '，', ','), ';', ','), "
                "'；', ','), '、', ','), '/', ','), ' ', ',') || ',') LIKE ?")
    return select(conn, "SELECT h.*, (SELECT MAX(on_date) FROM visits v WHERE v.household_id = h.id) AS last_visit "
                  "FROM households h", [(in_flags, f"%,{flag},%" if flag else None), ("h.building = ?", building)],
                  "CAST(h.building AS INTEGER) = 0, CAST(h.building AS INTEGER), h.building, h.unit, "
                  "CAST(h.room AS INTEGER), h.room", limit)


def petitions_of(conn: sqlite3.Connection, household: dict[str, Any]) -> list[dict[str, Any]]:
    """Petitions about this unit: reported from its phone, or in its building naming its room."""
    phone = "".join(ch for ch in (household.get("phone") or "") if ch.isdigit())
    room = household["room"]
    return all_dicts(conn.execute(
        "SELECT number, status, kind, title, received_at FROM petitions WHERE "
        "(? != '' AND replace(replace(COALESCE(reporter_phone, ''), '-', ''), ' ', '') = ?) "
        "OR (building = ? AND (location LIKE ? OR title LIKE ?)) ORDER BY received_at DESC, id DESC",
        (phone, phone, household["building"], f"%{room}%", f"%{room}%")))


def add_reveal(tx: Tx, subjects: str) -> int:
    return tx.insert("reveals", {"at": tx.at_iso, "actor": tx.actor, "command": tx.command, "subjects": subjects})


def reveals(conn: sqlite3.Connection, limit: int | None = 50) -> list[dict[str, Any]]:
    return select(conn, "SELECT at, actor, command, subjects FROM reveals", (), "id DESC", limit)
