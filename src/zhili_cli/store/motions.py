"""Motions (议案), their stages and history."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.refs import Numbered
from zhili_cli.store.rows import all_dicts, select
from zhili_cli.store.tx import Tx

_MOTIONS = Numbered("motions")
next_seq, insert, update, get = _MOTIONS.next_seq, _MOTIONS.insert, _MOTIONS.update, _MOTIONS.get


def list_(conn: sqlite3.Connection, status: str | None = None) -> list[dict[str, Any]]:
    return select(conn, "SELECT * FROM motions", [("status = ?", status)], "year DESC, seq DESC")


def add_stage(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("motion_stages", row)


def update_stage(tx: Tx, stage_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("motion_stages", stage_id, changes)


def stages(conn: sqlite3.Connection, motion_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM motion_stages WHERE motion_id = ? ORDER BY position",
                                  (motion_id,)))


def open_at_body(conn: sqlite3.Connection, body: str) -> list[dict[str, Any]]:
    """Open motions whose current stage is decided by `body`."""
    return all_dicts(conn.execute(
        "SELECT m.*, s.key AS stage_key FROM motions m JOIN motion_stages s "
        "ON s.motion_id = m.id AND s.position = m.stage_position "
        "WHERE m.status = 'open' AND s.body = ? ORDER BY m.year, m.seq", (body,)))


def add_event(tx: Tx, motion_id: int, action: str, stage: str | None, note: str | None = None) -> int:
    return tx.insert("motion_events", {"motion_id": motion_id, "at": tx.at_iso, "actor": tx.actor,
                                       "action": action, "stage": stage, "note": note})


def events(conn: sqlite3.Connection, motion_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT at, actor, action, stage, note FROM motion_events WHERE motion_id = ? ORDER BY id", (motion_id,)))


def number_and_stage(conn: sqlite3.Connection, motion_id: int, stage_id: int | None) -> tuple | None:
    """(motion number, stage key or None)."""
    return conn.execute(
        "SELECT m.number, s.key FROM motions m LEFT JOIN motion_stages s ON s.id = ? WHERE m.id = ?",
        (stage_id, motion_id)).fetchone()


def find_number(conn: sqlite3.Connection, text: str) -> str | None:
    """A motion's number from its number (any case) or id; None when there is none."""
    found = conn.execute("SELECT number FROM motions WHERE upper(number) = upper(?)", (text,)).fetchone()
    if found is None and text.isdigit():
        found = conn.execute("SELECT number FROM motions WHERE id = ?", (int(text),)).fetchone()
    return found[0] if found else None


def add_scope(tx: Tx, motion_id: int, building: str, unit: str = "", room: str = "") -> int:
    return tx.insert("motion_scopes", {"motion_id": motion_id, "building": building, "unit": unit, "room": room})


def scopes(conn: sqlite3.Connection, motion_id: int) -> list[tuple[str, str, str]]:
    """(building, unit, room) entries of the motion's scope (列支范围); none: the whole register."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT building, unit, room FROM motion_scopes WHERE motion_id = ? ORDER BY id", (motion_id,))]


def add_version(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("motion_versions", {**row, "at": tx.at_iso, "actor": tx.actor})


def versions(conn: sqlite3.Connection, motion_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT version, title, text, reason, at, actor FROM motion_versions WHERE motion_id = ? ORDER BY version",
        (motion_id,)))
