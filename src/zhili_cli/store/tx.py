"""A write transaction: every change goes through here, so every change is audited."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli import clock
from zhili_cli.store import audit


class Tx:
    """Wraps one BEGIN IMMEDIATE … COMMIT; `insert`/`update`/`delete` write an audit row each."""

    def __init__(self, conn: sqlite3.Connection, actor: str, command: str, at: datetime | None = None):
        self.conn = conn
        self.actor = actor
        self.command = command
        self.at = at or clock.now()
        self.at_iso = clock.iso(self.at) or ""
        self._prev: str | None = None

    # reads -----------------------------------------------------------------
    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def row(self, table: str, row_id: int) -> dict[str, Any] | None:
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (row_id,))
        values = cur.fetchone()
        if values is None:
            return None
        return dict(zip([d[0] for d in cur.description], values))

    # writes ----------------------------------------------------------------
    def insert(self, table: str, values: dict[str, Any]) -> int:
        cols = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', tuple(values.values()))
        row_id = int(cur.lastrowid)
        self._audit(table, row_id, "insert", None, self.row(table, row_id))
        return row_id

    def update(self, table: str, row_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        before = self.row(table, row_id)
        if before is None:
            raise LookupError(f"{table} {row_id}")
        if all(before.get(k) == v for k, v in changes.items()):
            return before
        sets = ", ".join(f'"{c}" = ?' for c in changes)
        self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*changes.values(), row_id))
        after = self.row(table, row_id)
        self._audit(table, row_id, "update", before, after)
        return after  # type: ignore[return-value]

    def delete(self, table: str, row_id: int) -> None:
        before = self.row(table, row_id)
        if before is None:
            return
        self.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
        self._audit(table, row_id, "delete", before, None)

    def _audit(self, table: str, row_id: int, action: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        if self._prev is None:
            self._prev = audit.head(self.conn)[1]
        b, a = audit.canonical(before), audit.canonical(after)
        digest = audit.entry_hash(self._prev, self.at_iso, self.actor, self.command, table, row_id, action, b, a)
        self.conn.execute(
            "INSERT INTO audit_log (at, actor, command, table_name, row_id, action, before, after, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.at_iso, self.actor, self.command, table, row_id, action, b, a, self._prev, digest),
        )
        self._prev = digest
