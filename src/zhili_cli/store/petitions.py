"""Petitions and their status history."""

from __future__ import annotations

import json
import sqlite3
from operator import itemgetter
from typing import Any, Iterator, Sequence

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
    if found and found[0]["action"] == "add":  # added by hand, not imported: no batch to look for
        return found                           # (the look-up walks the log back to the last import)
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
        # a deadline is due at the end of its day: late once that day is over (due < today's date)
        params += [*OPEN_STATES, overdue_at[:10], overdue_at[:10]]
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
            SUM(substr(triaged_at, 1, 10) <= substr(response_due, 1, 10)) AS responded_in_time,
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
    today = now_iso[:10]  # a deadline is due at the end of its day (Asia/Shanghai)
    return all_dicts(conn.execute(sql, [today, today, today, *params]))


def finished_between(conn: sqlite3.Connection, since: str, until: str) -> list[dict[str, Any]]:
    """Petitions done or verified in [since, until), private ones left out (for report-backs)."""
    return all_dicts(conn.execute(
        "SELECT number, title FROM petitions WHERE status IN ('done', 'verified') AND closed_at >= ? "
        "AND closed_at < ? AND (kind IS NULL OR kind != 'private') ORDER BY closed_at, id", (since, until)))


class ImportStage:
    """The checked rows of one import, staged whole, then read back in one order.

    Rows are queued into a temporary table with no index (`add`, in file order, each with its
    line), then read back sorted by their natural key (received_at, source, title, building),
    then by every other value and the line (`rows`). A file in any row order is so stored in
    the same order, with the same ids and numbers: a register sorted by building, shuffled or
    filled in without times lands in the table's indexes as a date-ordered one does, appended
    rather than scattered. SQLite sorts with its own external sort (temporary files beyond
    its cache), so memory stays flat however long the file.

    Which rows are stored already: a row's natural key is (received_at, source, title,
    building). Identical keys are genuine repeats (two residents reporting the same lamp on
    the same day), so a key is counted, not just found: the n-th row with a key, in the sorted
    order, is already stored when at least n petitions with that key were stored before the
    import (ids below `start`). Re-importing a file adds nothing; a grown file adds only its
    extra rows. Rows of one key come together in the sorted order, so each key is counted in
    the stored petitions once, by one indexed join a chunk at a time (index
    `petitions_natural`), whatever the row order and however many rows share a time. Rows
    received outside the span of the petitions stored before (a new month's register) cannot
    be stored already and are not looked up."""

    def __init__(self, conn: sqlite3.Connection, fields: Sequence[str], start: int) -> None:
        self.conn = conn
        self.fields = tuple(fields)
        self.start = start
        self._key = itemgetter(*(self.fields.index(name) for name in NATURAL_KEY))
        low, high = conn.execute("SELECT MIN(received_at), MAX(received_at) FROM petitions WHERE id < ?",
                                 (start,)).fetchone()
        self.span = (low, high) if low is not None else None
        names = ", ".join(self.fields)
        # no column types: every value reads back exactly as it was given
        conn.execute("DROP TABLE IF EXISTS temp.import_stage")
        conn.execute(f"CREATE TEMP TABLE import_stage (line, {names})")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_keys (seq INTEGER PRIMARY KEY, received_at TEXT, "
                     "source TEXT, title TEXT, building TEXT)")
        conn.execute("DELETE FROM temp.import_keys")
        self._insert = f"INSERT INTO temp.import_stage VALUES (?, {', '.join('?' for _ in self.fields)})"
        rest = [name for name in self.fields if name not in NATURAL_KEY]
        self._select = (f"SELECT {names} FROM temp.import_stage "
                        f"ORDER BY {', '.join([*NATURAL_KEY, *rest, 'line'])}")

    def add(self, rows: Sequence[Sequence[Any]]) -> None:
        """Queue rows: each is (line, *values in `fields` order)."""
        self.conn.executemany(self._insert, rows)

    def rows(self, chunk: int) -> Iterator[tuple[list[tuple], list[bool]]]:
        """The staged rows in the stored order, `chunk` at a time, each chunk with whether
        each of its rows is stored already."""
        conn = self.conn
        # SQLite's sort keeps as much in memory as the main cache may hold, then spills to
        # temporary files: sorted with a small cache, the staged rows cost little memory
        # beside the cache the writing needs afterwards.
        cache = conn.execute("PRAGMA main.cache_size").fetchone()[0]
        conn.execute(f"PRAGMA main.cache_size = -{SORT_CACHE_KIB}")
        try:
            cur = conn.execute(self._select)  # the first step sorts
        finally:
            conn.execute(f"PRAGMA main.cache_size = {int(cache)}")
        key_of = self._key
        current: Any = None
        n = stored = 0
        while True:
            batch = cur.fetchmany(chunk)
            if not batch:
                return
            counts = self._stored_counts(batch)
            found = []
            for row in batch:
                key = key_of(row)
                if key != current:
                    current, n, stored = key, 0, counts.get(key, 0)
                n += 1
                found.append(n <= stored)
            yield batch, found

    def _stored_counts(self, batch: list[tuple]) -> dict[tuple, int]:
        """Stored petitions (ids below `start`) of each key of `batch` that has any."""
        if self.span is None:
            return {}
        low, high = self.span
        key_of = self._key
        keys: list[tuple] = []
        for row in batch:
            key = key_of(row)
            if low <= key[0] <= high and (not keys or keys[-1] != key):
                keys.append(key)
        if not keys:
            return {}
        conn = self.conn
        conn.execute("DELETE FROM temp.import_keys")
        conn.executemany("INSERT INTO temp.import_keys VALUES (?, ?, ?, ?, ?)",
                         [(i, *key) for i, key in enumerate(keys)])
        counts: dict[tuple, int] = {}
        for seq, n in conn.execute(
                f"SELECT i.seq, (SELECT COUNT(*) FROM main.petitions p WHERE {_SAME} AND p.id < ?) AS n "
                f"FROM temp.import_keys i WHERE n > 0", (self.start,)):
            counts[keys[seq]] = n
        return counts

    def close(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.import_stage")
        self.conn.execute("DELETE FROM temp.import_keys")


SORT_CACHE_KIB = 1024  # memory of the sort of the staged rows (SQLite's default cache is 2 000 KiB)

NATURAL_KEY = ("received_at", "source", "title", "building")

_SAME = ("p.received_at = i.received_at AND p.source = i.source AND p.title = i.title "
         "AND p.building IS i.building")
