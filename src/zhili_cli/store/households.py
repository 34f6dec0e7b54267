"""Households (一户一档): one row per unit, keyed by building/unit/room."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, one_dict, select
from zhili_cli.store.tx import Tx

FIELDS = ("building", "unit", "room", "area_x100", "owner", "phone", "residents", "flags",
          "building_lead", "developer_unsold")


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("households", {k: row.get(k) for k in FIELDS if k in row})


def update(tx: Tx, household_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("households", household_id, {k: v for k, v in changes.items() if k in FIELDS})


def identities(conn: sqlite3.Connection) -> dict[int, str]:
    """household id → the certificate/ID number on the register (private: never printed)."""
    return {int(r[0]): r[1] for r in conn.execute(
        "SELECT household_id, identity FROM household_identities WHERE identity IS NOT NULL AND identity <> ''")}


def set_identity(tx: Tx, household_id: int, identity: str | None) -> bool:
    """Record the unit's owner identity; True when it changed."""
    row = tx.conn.execute("SELECT id, identity FROM household_identities WHERE household_id = ?",
                          (household_id,)).fetchone()
    value = identity or None
    if row is None:
        if value is None:
            return False
        tx.insert("household_identities", {"household_id": household_id, "identity": value})
        return True
    if row[1] == value:
        return False
    tx.update("household_identities", row[0], {"identity": value})
    return True


def add_past_owner(tx: Tx, row: dict[str, Any]) -> int:
    """The previous owner of a unit (过户): name, phone, until when, why."""
    return tx.insert("household_owners", {**row, "recorded_by": tx.actor, "recorded_at": tx.at_iso})


def past_owners(conn: sqlite3.Connection, household_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT owner, phone, until, reason, recorded_by, recorded_at FROM household_owners "
        "WHERE household_id = ? ORDER BY id", (household_id,)))


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
    # buildings in natural order: 4 before 24, numbered before named (南门)
    return select(conn, "SELECT * FROM households", [("building = ?", building)],
                  "CAST(building AS INTEGER) = 0, CAST(building AS INTEGER), building, unit, CAST(room AS INTEGER), room",
                  limit)


def get(conn: sqlite3.Connection, household_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM households WHERE id = ?", (household_id,)))


def totals(conn: sqlite3.Connection) -> tuple[int, int]:
    row = conn.execute("SELECT COUNT(*), COALESCE(SUM(area_x100), 0) FROM households").fetchone()
    return int(row[0]), int(row[1])


def add_event(tx: Tx, household_id: int, action: str, changes: str, reason: str | None) -> int:
    return tx.insert("household_events", {"household_id": household_id, "at": tx.at_iso, "actor": tx.actor,
                                          "action": action, "changes": changes, "reason": reason})


def events(conn: sqlite3.Connection, household_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT at, actor, action, changes, reason FROM household_events WHERE household_id = ? ORDER BY id",
        (household_id,)))
