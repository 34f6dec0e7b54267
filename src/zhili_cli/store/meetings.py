"""Meetings, their attendance and agenda items."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.refs import Numbered
from zhili_cli.store.rows import all_dicts, one_dict, select
from zhili_cli.store.tx import Tx

_MEETINGS = Numbered("meetings")
next_seq, insert, update, get = _MEETINGS.next_seq, _MEETINGS.insert, _MEETINGS.update, _MEETINGS.get


def get_by_id(conn: sqlite3.Connection, meeting_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)))


def find_on(conn: sqlite3.Connection, kind: str, date: str) -> dict[str, Any] | None:
    """The meeting of this kind on that day, if one stands (a cancelled meeting leaves the day free)."""
    return one_dict(conn.execute(
        "SELECT * FROM meetings WHERE kind = ? AND date = ? AND id NOT IN "
        "(SELECT meeting_id FROM meeting_changes WHERE action = 'cancel') ORDER BY id LIMIT 1", (kind, date)))


def previous(conn: sqlite3.Connection, kind: str, date: str) -> dict[str, Any] | None:
    """The last meeting of this kind before `date`."""
    return one_dict(conn.execute(
        "SELECT * FROM meetings WHERE kind = ? AND date < ? ORDER BY date DESC, id DESC LIMIT 1", (kind, date)))


def list_(conn: sqlite3.Connection, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    return select(conn, "SELECT m.*, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS items "
                  "FROM meetings m", [("m.kind = ?", kind)], "m.date DESC, m.id DESC", limit)


def unpublished_decisions(conn: sqlite3.Connection, kind: str) -> list[dict[str, Any]]:
    """Meetings of `kind` with decisions and no publication yet."""
    return all_dicts(conn.execute(
        "SELECT m.*, (SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id AND a.decided_at IS NOT NULL)"
        " AS decided FROM meetings m WHERE m.kind = ? AND m.decisions_published_at IS NULL"
        " AND EXISTS (SELECT 1 FROM agenda_items a WHERE a.meeting_id = m.id AND a.decided_at IS NOT NULL)"
        " ORDER BY m.date", (kind,)))


# attendance ------------------------------------------------------------------

def attendance(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT * FROM meeting_attendance WHERE meeting_id = ? ORDER BY party, id", (meeting_id,)))


def add_attendee(tx: Tx, row: dict[str, Any]) -> int | None:
    exists = tx.execute("SELECT id FROM meeting_attendance WHERE meeting_id = ? AND party = ? AND name = ?",
                        (row["meeting_id"], row["party"], row["name"])).fetchone()
    if exists:
        return None
    return tx.insert("meeting_attendance", row)


# agenda ----------------------------------------------------------------------

def items(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)))


def add_item(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("agenda_items", row)


def update_item(tx: Tx, item_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("agenda_items", item_id, changes)


def delete_item(tx: Tx, item_id: int) -> None:
    tx.delete("agenda_items", item_id)


def decided_items(conn: sqlite3.Connection, kind: str, ref: str) -> list[dict[str, Any]]:
    """Decided agenda items naming `ref`, at meetings of `kind`, newest first."""
    return all_dicts(conn.execute(
        "SELECT a.*, m.number AS meeting_number, m.date AS meeting_date FROM agenda_items a "
        "JOIN meetings m ON m.id = a.meeting_id WHERE m.kind = ? AND a.ref = ? AND a.decided_at IS NOT NULL "
        "ORDER BY a.decided_at DESC", (kind, ref)))


def refs_on_agendas(conn: sqlite3.Connection, ref_type: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT ref FROM agenda_items WHERE type = ? AND ref IS NOT NULL",
                                       (ref_type,))}


def last_decided_at(conn: sqlite3.Connection, meeting_id: int) -> str | None:
    return conn.execute("SELECT MAX(decided_at) FROM agenda_items WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]


def next_of_kind(conn: sqlite3.Connection, kind: str, date: str, exclude: int) -> dict[str, Any] | None:
    """The first meeting of this kind on or after `date`, other than `exclude`, not cancelled."""
    return one_dict(conn.execute(
        "SELECT * FROM meetings m WHERE kind = ? AND date >= ? AND id != ? AND NOT EXISTS "
        "(SELECT 1 FROM meeting_changes c WHERE c.meeting_id = m.id AND c.action = 'cancel') "
        "ORDER BY date, id LIMIT 1", (kind, date, exclude)))


# corrections -------------------------------------------------------------------

def add_change(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("meeting_changes", row)


def changes(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT c.*, a.position AS item FROM meeting_changes c LEFT JOIN agenda_items a ON a.id = c.item_id "
        "WHERE c.meeting_id = ? ORDER BY c.id", (meeting_id,)))


def cancelled(conn: sqlite3.Connection, meeting_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute(
        "SELECT * FROM meeting_changes WHERE meeting_id = ? AND action = 'cancel' ORDER BY id LIMIT 1",
        (meeting_id,)))


def cancelled_ids(conn: sqlite3.Connection) -> set[int]:
    return {r[0] for r in conn.execute("SELECT meeting_id FROM meeting_changes WHERE action = 'cancel'")}


# carry-over --------------------------------------------------------------------

def previous_held(conn: sqlite3.Connection, kind: str, date: str, exclude: int) -> list[dict[str, Any]]:
    """Meetings of this kind before `date` (or on it, other than `exclude`), newest first."""
    return all_dicts(conn.execute(
        "SELECT * FROM meetings WHERE kind = ? AND id != ? AND date <= ? ORDER BY date DESC, id DESC",
        (kind, exclude, date)))


def add_carryover(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("agenda_carryovers", row)


def carryovers(conn: sqlite3.Connection, meeting_id: int) -> dict[int, dict[str, Any]]:
    """item id → its carry-over (from which item, how many times), for one meeting's items."""
    rows = all_dicts(conn.execute(
        "SELECT c.*, f.meeting_id AS from_meeting_id, m.number AS from_meeting FROM agenda_carryovers c "
        "JOIN agenda_items a ON a.id = c.item_id JOIN agenda_items f ON f.id = c.from_item_id "
        "JOIN meetings m ON m.id = f.meeting_id WHERE a.meeting_id = ?", (meeting_id,)))
    return {r["item_id"]: r for r in rows}


def carried_from_ids(conn: sqlite3.Connection) -> set[int]:
    """Items already carried over to a later meeting."""
    return {r[0] for r in conn.execute("SELECT from_item_id FROM agenda_carryovers")}
