"""Petitions and their status history."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts
from zhili_cli.store.tx import Tx

OPEN_STATES = ("received", "accepted", "on_agenda", "decided", "in_progress")

LIST_COLUMNS = (
    "id, number, status, kind, title, source, building, received_at, response_due, "
    "completion_due, responsible, closed_at"
)


def next_seq(conn: sqlite3.Connection, year: int) -> int:
    row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM petitions WHERE year = ?", (year,)).fetchone()
    return int(row[0]) + 1


def next_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM petitions").fetchone()[0])


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("petitions", row)


def get(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    """By the number people type (see store/refs.py); never by internal id."""
    from zhili_cli.store import refs

    return refs.get(conn, "petitions", ref)


def update(tx: Tx, petition_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("petitions", petition_id, changes)


def add_event(tx: Tx, petition_id: int, action: str, from_status: str | None,
              to_status: str | None, note: str | None = None) -> int:
    return tx.insert("petition_events", {
        "petition_id": petition_id, "at": tx.at_iso, "actor": tx.actor, "action": action,
        "from_status": from_status, "to_status": to_status, "note": note,
    })


def add_correction(tx: Tx, event_id: int, petition_id: int, reason: str,
                   changes: dict[str, list[Any]]) -> None:
    """The reason and the values before/after of a correction (edit, re-triage, reopening)."""
    tx.insert("petition_corrections", {
        "event_id": event_id, "petition_id": petition_id, "reason": reason,
        "changes": json.dumps(changes, ensure_ascii=False, sort_keys=True),
    })


def events(conn: sqlite3.Connection, petition_id: int) -> list[dict[str, Any]]:
    """Every event, each with the reason and the changes (field → [before, after]) of a correction."""
    rows = all_dicts(conn.execute(
        "SELECT e.at, e.actor, e.action, e.from_status, e.to_status, e.note, c.reason, c.changes "
        "FROM petition_events e LEFT JOIN petition_corrections c ON c.event_id = e.id "
        "WHERE e.petition_id = ? ORDER BY e.id", (petition_id,)))
    for row in rows:
        row["changes"] = json.loads(row["changes"]) if row["changes"] else None
    return rows


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
                "to_status": status, "note": None, "reason": None, "changes": None}
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


def count(conn: sqlite3.Connection, *, include_private: bool = True, **filters: Any) -> int:
    """How many rows `list_` would give without a limit."""
    where, params = _filters(include_private=include_private, **filters)
    return conn.execute(f"SELECT count(*) FROM petitions{where}", params).fetchone()[0]


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
        # stored as its key (3); rows written before keys were kept may say 3幢 or 3号楼
        names = [building] + ([building + s for s in ("幢", "栋", "号楼", "号", "楼")] if building.isalnum() else [])
        clauses.append(f"building IN ({','.join('?' for _ in names)})")
        params += names
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
    not depend on the time now) come from one scan of the narrow covering index
    petitions_stats; the time-dependent ones (overdue, response deadlines passed) only concern
    open petitions and are counted by seeking their statuses in the same index.
    """
    where, params = _filters(date_from=date_from, date_to=date_to)
    return [*_settled_groups(conn, where, params), *_open_groups(conn, date_from, date_to, now_iso)]


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


class ImportLookup:
    """Which rows of an import are already stored, a chunk at a time, in any row order.

    A row's natural key is (received_at, source, title, building). Identical keys are
    genuine repeats (two residents reporting the same lamp on the same day), so a key is
    counted, not just found: the n-th row of the file with a key is already stored when at
    least n petitions with that key were stored before the import began (ids below
    `start`). Re-importing a file adds nothing; a grown file adds only its extra rows.

    Each chunk's keys go into a temporary table and are joined against the index
    `petitions_natural` in one statement; a key is counted in the stored petitions once,
    when the file first shows it. The file's own running count is kept, in a second
    temporary table, only for keys that were stored before: a first import keeps nothing
    per row, and no look-up depends on how many rows share a time or a key. Rows received
    outside the span of the petitions stored before (a new month's register) cannot be
    stored already and are not looked up."""

    def __init__(self, conn: sqlite3.Connection, start: int) -> None:
        self.conn = conn
        self.start = start
        low, high = conn.execute("SELECT MIN(received_at), MAX(received_at) FROM petitions WHERE id < ?",
                                 (start,)).fetchone()
        self.span = (low, high) if low is not None else None
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_rows (seq INTEGER PRIMARY KEY, received_at TEXT, "
                     "source TEXT, title TEXT, building TEXT)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_tally (received_at TEXT, source TEXT, title TEXT, "
                     "building TEXT, seen INTEGER NOT NULL, stored INTEGER NOT NULL)")
        conn.execute("CREATE INDEX IF NOT EXISTS temp.import_tally_key ON import_tally "
                     "(received_at, source, title, building)")
        conn.execute("DELETE FROM temp.import_rows")
        conn.execute("DELETE FROM temp.import_tally")

    def stored(self, keys: list[tuple[str, str, str, str | None]]) -> set[int]:
        """Positions in `keys` (this chunk, in file order) of the rows already stored."""
        if self.span is None:
            return set()
        low, high = self.span
        conn = self.conn
        conn.execute("DELETE FROM temp.import_rows")
        conn.executemany("INSERT INTO temp.import_rows VALUES (?, ?, ?, ?, ?)",
                         [(i, *key) for i, key in enumerate(keys) if low <= key[0] <= high])
        conn.execute(f"""
            INSERT INTO temp.import_tally
            SELECT received_at, source, title, building, 0, n FROM (
                SELECT i.*, (SELECT COUNT(*) FROM main.petitions p WHERE {_SAME} AND p.id < ?) AS n
                FROM (SELECT DISTINCT received_at, source, title, building FROM temp.import_rows) i
                WHERE NOT EXISTS (SELECT 1 FROM temp.import_tally p WHERE {_SAME}))
            WHERE n > 0""", (self.start,))
        found: set[int] = set()
        seen: dict[int, int] = {}
        for seq, tally, before, stored in conn.execute(
                f"SELECT i.seq, p.rowid, p.seen, p.stored FROM temp.import_rows i "
                f"JOIN temp.import_tally p ON {_SAME} ORDER BY i.seq"):
            n = seen.get(tally, before) + 1
            seen[tally] = n
            if n <= stored:
                found.add(seq)
        if seen:
            conn.executemany("UPDATE temp.import_tally SET seen = ? WHERE rowid = ?",
                             [(n, tally) for tally, n in seen.items()])
        return found

    def close(self) -> None:
        self.conn.execute("DELETE FROM temp.import_rows")
        self.conn.execute("DELETE FROM temp.import_tally")


_SAME = ("p.received_at = i.received_at AND p.source = i.source AND p.title = i.title "
         "AND p.building IS i.building")
