"""Petitions and their status history."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, one_dict
from zhili_cli.store.tx import Tx

OPEN_STATES = ("received", "accepted", "on_agenda", "decided", "in_progress")

LIST_COLUMNS = (
    "id, number, status, kind, title, source, building, received_at, response_due, "
    "completion_due, responsible, closed_at"
)


def next_seq(conn: sqlite3.Connection, year: int) -> int:
    row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM petitions WHERE year = ?", (year,)).fetchone()
    return int(row[0]) + 1


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("petitions", row)


def get(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    """By number (P2024-031, case-insensitive, p2024-31 too) or by numeric id."""
    text = ref.strip()
    match = re.fullmatch(r"([A-Za-z]{1,4})(\d{4})-(\d+)", text)
    if match:
        return one_dict(conn.execute(
            "SELECT * FROM petitions WHERE year = ? AND seq = ? AND upper(substr(number, 1, ?)) = ?",
            (int(match.group(2)), int(match.group(3)), len(match.group(1)), match.group(1).upper())))
    if text.isdigit():
        return one_dict(conn.execute("SELECT * FROM petitions WHERE id = ?", (int(text),)))
    return None


def update(tx: Tx, petition_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("petitions", petition_id, changes)


def add_event(tx: Tx, petition_id: int, action: str, from_status: str | None,
              to_status: str | None, note: str | None = None) -> None:
    tx.insert("petition_events", {
        "petition_id": petition_id, "at": tx.at_iso, "actor": tx.actor, "action": action,
        "from_status": from_status, "to_status": to_status, "note": note,
    })


def events(conn: sqlite3.Connection, petition_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT at, actor, action, from_status, to_status, note FROM petition_events "
        "WHERE petition_id = ? ORDER BY id", (petition_id,)))


def history(conn: sqlite3.Connection, petition: dict[str, Any]) -> list[dict[str, Any]]:
    """The petition's events, led by its import when it came in from a register.

    An import writes no event row per petition: the audit log's batch entry that inserted
    the row is the record of it (who, when, by which command)."""
    found = events(conn, petition["id"])
    entry = conn.execute(
        "SELECT at, actor, after FROM audit_log WHERE table_name = 'petitions' AND row_id <= ? "
        "AND action = 'insert_batch' ORDER BY row_id DESC LIMIT 1", (petition["id"],)).fetchone()
    if entry is None or petition["id"] not in json.loads(entry[2])["ids"]:
        return found
    status = found[0]["from_status"] if found else petition["status"]
    imported = {"at": entry[0], "actor": entry[1], "action": "import", "from_status": None,
                "to_status": status, "note": None}
    return [imported, *found]


def list_(conn: sqlite3.Connection, *, status: list[str] | None = None, kind: str | None = None,
          source: str | None = None, building: str | None = None, month: str | None = None,
          overdue_at: str | None = None, include_private: bool = True,
          limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Filtered listing, newest first. `overdue_at`: only those overdue at that ISO time."""
    where, params = _filters(status=status, kind=kind, source=source, building=building, month=month,
                             overdue_at=overdue_at, include_private=include_private)
    sql = f"SELECT {LIST_COLUMNS} FROM petitions{where} ORDER BY received_at DESC, id DESC"
    if limit:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return all_dicts(conn.execute(sql, params))


def _filters(*, status=None, kind=None, source=None, building=None, month=None, overdue_at=None,
             include_private=True, date_from=None, date_to=None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if status:
        clauses.append(f"status IN ({','.join('?' for _ in status)})")
        params += status
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if source:
        clauses.append("source = ?")
        params.append(source)
    if building:
        clauses.append("building = ?")
        params.append(building)
    if month:
        clauses.append("received_at >= ? AND received_at < ?")
        params += [f"{month}-01", _next_month(month) + "-01"]
    if date_from:
        clauses.append("received_at >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("received_at < ?")
        params.append(date_to)
    if not include_private:
        clauses.append("(kind IS NULL OR kind != 'private')")
    if overdue_at:
        clauses.append(
            f"status IN ({','.join('?' for _ in OPEN_STATES)}) AND "
            "((status = 'received' AND response_due < ?) OR (completion_due IS NOT NULL AND completion_due < ?))")
        params += [*OPEN_STATES, overdue_at, overdue_at]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _next_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


ACCEPTED_STATES = ("accepted", "on_agenda", "decided", "in_progress", "done", "verified", "referred")
DONE_STATES = ("done", "verified")


def stats_groups(conn: sqlite3.Connection, *, date_from: str | None, date_to: str | None,
                 now_iso: str) -> list[dict[str, Any]]:
    """Counts per (kind, source) of petitions received in [from, to): the raw figures for stats.

    Several rows may share a (kind, source): callers add them up. The settled figures (which do
    not depend on the time now) are read through a cache that any write invalidates; the
    time-dependent ones (overdue, response deadlines passed) only concern open petitions and
    are counted live through the status index.
    """
    from zhili_cli.store.stats_cache import cached

    where, params = _filters(date_from=date_from, date_to=date_to)
    settled = cached(conn, "petition_stats", [date_from, date_to],
                     lambda: _settled_groups(conn, where, params))
    return [*settled, *_open_groups(conn, date_from, date_to, now_iso)]


def _settled_groups(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[dict[str, Any]]:
    sql = f"""
        SELECT kind, source, status,
            COUNT(*) AS received,
            SUM(triaged_at <= response_due) AS responded_in_time,
            COUNT(triaged_at) AS response_measured,
            SUM(CASE WHEN closed_at IS NOT NULL THEN
                CAST(ROUND((julianday(closed_at) - julianday(received_at)) * 86400) AS INTEGER) END) AS close_seconds,
            COUNT(closed_at) AS closed,
            SUM(satisfaction) AS satisfaction_sum,
            COUNT(satisfaction) AS satisfaction_n
        FROM petitions{where}
        GROUP BY status, kind, source
    """
    rows = all_dicts(conn.execute(sql, params))
    for row in rows:
        status = row.pop("status")
        row["accepted"] = row["received"] if status in ACCEPTED_STATES else 0
        row["done"] = row["received"] if status in DONE_STATES else 0
    return rows


def _open_groups(conn: sqlite3.Connection, date_from: str | None, date_to: str | None,
                 now_iso: str) -> list[dict[str, Any]]:
    where, params = _filters(status=list(OPEN_STATES), date_from=date_from, date_to=date_to)
    sql = f"""
        SELECT kind, source,
            SUM(triaged_at IS NULL AND status = 'received' AND response_due < ?) AS response_measured,
            SUM((status = 'received' AND response_due < ?) OR (completion_due IS NOT NULL AND completion_due < ?))
                AS overdue
        FROM petitions{where}
        GROUP BY kind, source
    """
    return all_dicts(conn.execute(sql, [now_iso, now_iso, now_iso, *params]))


def finished_between(conn: sqlite3.Connection, since: str, until: str) -> list[dict[str, Any]]:
    """Petitions done or verified in [since, until), private ones left out (for report-backs)."""
    return all_dicts(conn.execute(
        "SELECT number, title FROM petitions WHERE status IN ('done', 'verified') AND closed_at >= ? "
        "AND closed_at < ? AND (kind IS NULL OR kind != 'private') ORDER BY closed_at, id", (since, until)))


def keys_received_at(conn: sqlite3.Connection, received: set[str]) -> set[tuple[str, str, str, str]]:
    """(received_at, source, title, building or '') of the petitions received at these times:
    the natural keys an import matches its rows against.

    A register is mostly in date order, so a chunk of it spans a short time in which few
    petitions are stored: one range scan finds them. Only when that range holds many more
    petitions than the chunk (an unsorted file) are the times looked up one by one."""
    if not received:
        return set()
    cap = 4 * len(received) + 64
    rows = conn.execute("SELECT received_at, source, title, COALESCE(building, '') FROM petitions "
                        "WHERE received_at BETWEEN ? AND ? LIMIT ?", (min(received), max(received), cap)).fetchall()
    if len(rows) < cap:
        return {tuple(row) for row in rows if row[0] in received}
    found: set[tuple[str, str, str, str]] = set()
    values = list(received)
    for i in range(0, len(values), 900):  # below SQLite's limit on bound parameters
        part = values[i:i + 900]
        marks = ",".join("?" * len(part))
        for row in conn.execute(f"SELECT received_at, source, title, COALESCE(building, '') FROM petitions "
                                f"WHERE received_at IN ({marks})", part):
            found.add(tuple(row))
    return found
