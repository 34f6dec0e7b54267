"""Households (一户一档): one row per unit, keyed by building/unit/room."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, one_dict
from zhili_cli.store.tx import Tx

FIELDS = ("building", "unit", "room", "area_x100", "owner", "phone", "residents", "flags",
          "building_lead", "developer_unsold")


def find(conn: sqlite3.Connection, building: str, unit: str, room: str) -> dict[str, Any] | None:
    return one_dict(conn.execute(
        "SELECT * FROM households WHERE building = ? AND unit = ? AND room = ?", (building, unit, room)))


def upsert(tx: Tx, row: dict[str, Any]) -> str:
    """Insert or update by (building, unit, room). Returns new | unchanged | changed."""
    existing = find(tx.conn, row["building"], row["unit"], row["room"])
    if existing is None:
        tx.insert("households", {k: row.get(k) for k in FIELDS if k in row})
        return "new"
    changes = {k: row[k] for k in FIELDS if k in row and existing.get(k) != row[k]}
    if not changes:
        return "unchanged"
    tx.update("households", existing["id"], changes)
    return "changed"


def list_(conn: sqlite3.Connection, building: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM households"
    params: list[Any] = []
    if building:
        sql += " WHERE building = ?"
        params.append(building)
    sql += " ORDER BY building, unit, CAST(room AS INTEGER), room"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return all_dicts(conn.execute(sql, params))


def get(conn: sqlite3.Connection, household_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM households WHERE id = ?", (household_id,)))


def totals(conn: sqlite3.Connection) -> tuple[int, int]:
    row = conn.execute("SELECT COUNT(*), COALESCE(SUM(area_x100), 0) FROM households").fetchone()
    return int(row[0]), int(row[1])
