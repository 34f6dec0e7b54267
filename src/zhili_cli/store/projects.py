"""Projects (民生实事), their milestones and each party's verification."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.refs import Numbered
from zhili_cli.store.rows import all_dicts, one_dict
from zhili_cli.store.tx import Tx

_PROJECTS = Numbered("projects")
next_seq, insert, get = _PROJECTS.next_seq, _PROJECTS.insert, _PROJECTS.get


def list_(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM projects ORDER BY year, seq"))


def next_milestone_seq(conn: sqlite3.Connection, project_id: int) -> int:
    row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM milestones WHERE project_id = ?", (project_id,)).fetchone()
    return int(row[0]) + 1


def add_milestone(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("milestones", row)


def milestone(conn: sqlite3.Connection, project_id: int, seq: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM milestones WHERE project_id = ? AND seq = ?", (project_id, seq)))


def milestone_by_id(conn: sqlite3.Connection, milestone_id: int) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM milestones WHERE id = ?", (milestone_id,)))


def milestones(conn: sqlite3.Connection, project_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM milestones WHERE project_id = ? ORDER BY seq", (project_id,)))


def update_milestone(tx: Tx, milestone_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("milestones", milestone_id, changes)


def add_verification(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("milestone_verifications", row)


def verifications(conn: sqlite3.Connection, milestone_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT party, by_name, at, note FROM milestone_verifications WHERE milestone_id = ? ORDER BY id",
        (milestone_id,)))


def waiting_verification(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Milestones not yet verified by all three parties, with their project."""
    return all_dicts(conn.execute(
        "SELECT m.*, p.number AS project_number, p.title AS project_title FROM milestones m "
        "JOIN projects p ON p.id = m.project_id WHERE m.done_at IS NULL ORDER BY p.year, p.seq, m.seq"))
