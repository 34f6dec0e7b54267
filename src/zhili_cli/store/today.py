"""What falls due: the reads behind `zhili today`, across petitions, projects, votes,
meetings and members. Dates are compared as ISO text (YYYY-MM-DD…, Asia/Shanghai)."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.petitions import OPEN_STATES
from zhili_cli.store.rows import all_dicts


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def petitions_due(conn: sqlite3.Connection, until_iso: str) -> list[dict[str, Any]]:
    """Open petitions whose response (still untriaged) or completion deadline is before `until`."""
    marks = ",".join("?" * len(OPEN_STATES))
    return all_dicts(conn.execute(
        "SELECT number, status, kind, title, response_due, completion_due FROM petitions "
        f"WHERE status IN ({marks}) AND ((status = 'received' AND response_due < ?) "
        "OR (completion_due IS NOT NULL AND completion_due < ?)) ORDER BY received_at, id",
        (*OPEN_STATES, until_iso, until_iso)))


def milestones_due(conn: sqlite3.Connection, until_date: str) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT m.seq, m.title, m.due, m.party, p.number AS project, p.title AS project_title "
        "FROM milestones m JOIN projects p ON p.id = m.project_id "
        "WHERE m.done_at IS NULL AND m.due IS NOT NULL AND substr(m.due, 1, 10) <= ? ORDER BY m.due, m.id",
        (until_date,)))


def owners_votes(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Owners' votes not yet final, with their window where this database records one."""
    cols = _columns(conn, "votes")
    window = ", v.window_from, v.window_to" if {"window_from", "window_to"} <= cols else ", NULL AS window_from, NULL AS window_to"
    open_ = "v.final = 0" if "final" in cols else "v.result = 'open'"
    if "closed_at" in cols:  # a withdrawn motion's vote is closed without a result
        open_ += " AND v.closed_at IS NULL"
    return all_dicts(conn.execute(
        f"SELECT v.id, v.opened_at{window}, m.number AS motion, m.title FROM votes v "
        f"LEFT JOIN motions m ON m.id = v.motion_id WHERE v.body = 'owners' AND {open_} ORDER BY v.id"))


def meetings_between(conn: sqlite3.Connection, first: str, last: str) -> list[dict[str, Any]]:
    """Meetings dated first…last (inclusive) not cancelled, with their agenda's size."""
    cancelled = ""
    if _has_table(conn, "meeting_changes"):
        cancelled = " AND NOT EXISTS (SELECT 1 FROM meeting_changes c WHERE c.meeting_id = m.id AND c.action = 'cancel')"
    return all_dicts(conn.execute(
        "SELECT m.number, m.kind, m.title, m.date, m.announced_on, m.agenda_published_at, m.extraordinary, "
        "(SELECT COUNT(*) FROM agenda_items a WHERE a.meeting_id = m.id) AS items FROM meetings m "
        f"WHERE substr(m.date, 1, 10) BETWEEN ? AND ?{cancelled} ORDER BY m.date, m.id", (first, last)))


def terms_ending(conn: sqlite3.Connection, until_date: str) -> list[dict[str, Any]]:
    """Active members whose term ends on or before `until` (ended terms of active members too)."""
    return all_dicts(conn.execute(
        "SELECT name, role, party, term_end FROM members WHERE active = 1 AND term_end IS NOT NULL "
        "AND term_end <= ? ORDER BY term_end, id", (until_date,)))
