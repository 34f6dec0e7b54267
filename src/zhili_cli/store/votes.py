"""Votes and their ballots (committee members, parties, households)."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, one_dict
from zhili_cli.store.tx import Tx


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("votes", row)


def update(tx: Tx, vote_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("votes", vote_id, changes)


def get(conn: sqlite3.Connection, vote_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM votes WHERE id = ?", (vote_id,)))


def for_motion(conn: sqlite3.Connection, motion_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM votes WHERE motion_id = ? ORDER BY id", (motion_id,)))


def passed_with_subject(conn: sqlite3.Connection, body: str, subject: str) -> dict[str, Any] | None:
    """The latest FINAL passed vote of `body` naming `subject` (a provisional tally approves nothing)."""
    return one_dict(conn.execute(
        "SELECT * FROM votes WHERE body = ? AND subject = ? AND result = 'passed' AND final = 1 "
        "ORDER BY updated_at DESC, id DESC LIMIT 1", (body, subject)))


def add_ballot(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("ballots", row)


def ballot(conn: sqlite3.Connection, vote_id: int, voter_type: str, voter_ref: str) -> dict[str, Any] | None:
    return one_dict(conn.execute(
        "SELECT * FROM ballots WHERE vote_id = ? AND voter_type = ? AND voter_ref = ?",
        (vote_id, voter_type, voter_ref)))


def ballots(conn: sqlite3.Connection, vote_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM ballots WHERE vote_id = ? ORDER BY id", (vote_id,)))


def choices(conn: sqlite3.Connection, vote_id: int, voter_type: str) -> dict[str, str]:
    """{voter_ref: choice} for one vote."""
    return {r[0]: r[1] for r in conn.execute(
        "SELECT voter_ref, choice FROM ballots WHERE vote_id = ? AND voter_type = ?", (vote_id, voter_type))}


def register_units(conn: sqlite3.Connection) -> list[tuple[int, str, str, str, int, str | None, int,
                                                          str | None, str | None]]:
    """(id, building, unit, room, area_x100, owner, developer_unsold, phone, identity) of every household."""
    return [tuple(r) for r in conn.execute(
        "SELECT h.id, h.building, h.unit, h.room, h.area_x100, h.owner, h.developer_unsold, h.phone, i.identity "
        "FROM households h LEFT JOIN household_identities i ON i.household_id = h.id ORDER BY h.id")]


def owner_ballots(conn: sqlite3.Connection, vote_id: int) -> dict[str, str]:
    """{household id: choice} of an owners' vote."""
    return choices(conn, vote_id, "household")


def paper_ballots(conn: sqlite3.Connection, vote_id: int) -> int:
    """How many of an owners' vote's ballots were cast on paper."""
    return conn.execute("SELECT COUNT(*) FROM ballots WHERE vote_id = ? AND voter_type = 'household' "
                        "AND method = 'paper'", (vote_id,)).fetchone()[0]


def open_owner_votes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Owners' votes opened with a window and not yet closed."""
    return all_dicts(conn.execute(
        "SELECT * FROM votes WHERE body = 'owners' AND window_from IS NOT NULL AND closed_at IS NULL ORDER BY id"))


def agenda_item_publication(conn: sqlite3.Connection, meeting_id: int, ref: str) -> list[tuple[int, str | None]]:
    """(published, when the item was put on the agenda) for each agenda item of the meeting naming
    `ref`; the time comes from the audit chain, which records every insert."""
    return [(int(r[0]), r[1]) for r in conn.execute(
        "SELECT i.published, (SELECT MIN(a.at) FROM audit_log a WHERE a.table_name = 'agenda_items' "
        "AND a.row_id = i.id AND a.action = 'insert') FROM agenda_items i "
        "WHERE i.meeting_id = ? AND upper(i.ref) = upper(?)", (meeting_id, ref))]
