"""A write transaction: every change goes through here, so every change is audited."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from typing import Any, Sequence

from zhili_cli import clock
from zhili_cli.store import audit


# what a ledger entry says about money: changing any of these touches the period it is dated in
_MONEY_FIELDS = frozenset({"on_date", "amount_fen", "fund", "kind", "expense_id"})


# Rows placed in a period by a date given on the command line or in a file (not the write's own
# time, which is checked anyway): such a date inside a published period is refused, as money is.
# A term's start or end places the roster a published period's decisions stood on.
_PLACED: dict[str, tuple[str, ...]] = {"petitions": ("received_at",), "volunteer_entries": ("on_date",),
                                       "meetings": ("date",), "members": ("term_start", "term_end")}


# Decisions keep the rules they were taken under (`rules_sha256`, a version in rules_versions):
# stamped on insert, and on an update that changes one of these columns.
_DECISIONS: dict[str, frozenset[str]] = {
    "votes": frozenset({"result", "final", "tally", "closed_at"}),
    "expense_approvals": frozenset(),
    "expenses": frozenset({"tier", "required_body", "amount_fen", "fund"}),
    "agenda_items": frozenset({"decision", "approved"}),
}


class Tx:
    """Wraps one BEGIN IMMEDIATE … COMMIT; `insert`/`update`/`delete` write an audit row each,
    `insert_many` one audit row per batch."""

    def __init__(self, conn: sqlite3.Connection, actor: str, command: str, at: datetime | None = None):
        self.conn = conn
        self.actor = actor
        self.command = command
        self.at = at or clock.now()
        self.at_iso = clock.iso(self.at) or ""
        self._prev: str | None = None
        self._closed: list[tuple[str, str, str]] | None = None
        self._real_time = True
        self.rules_sha256: str | None = None  # set by the command's transaction (services/session.py)
        # the example compound records years of paperwork step by step with explicit dates
        self.backdating_allowed = at is not None
        self._stamped: dict[str, bool] = {}

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
    def _stamp(self, table: str, values: dict[str, Any], on_update: bool = False) -> dict[str, Any]:
        """Add the rules version to a decision's row (see _DECISIONS)."""
        watched = _DECISIONS.get(table)
        if watched is None or self.rules_sha256 is None or "rules_sha256" in values:
            return values
        if on_update and not watched & values.keys():
            return values
        if table not in self._stamped:
            cols = {r[1] for r in self.conn.execute(f'PRAGMA table_info("{table}")')}
            self._stamped[table] = "rules_sha256" in cols
        return {**values, "rules_sha256": self.rules_sha256} if self._stamped[table] else values

    def insert(self, table: str, values: dict[str, Any]) -> int:
        values = self._stamp(table, values)
        if table == "ledger":
            self._check_open_period(values.get("on_date"))
        for column in _PLACED.get(table, ()):
            self._check_open_period(values.get(column), "period_closed_record")
        cols = ", ".join(f'"{c}"' for c in values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', tuple(values.values()))
        row_id = int(cur.lastrowid)
        self._audit(table, row_id, "insert", None, self.row(table, row_id))
        return row_id

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                    stored: Sequence[str] | None = None) -> int:
        """Insert rows with one executemany and write ONE audit entry for them all.

        `columns` must start with "id" and every row give its id, ascending and contiguous
        (the next ids after the table's largest), so the rows read back with one range query.
        `stored`, when given, is each row's `audit.canonical_values` as stored (defaults
        included), built by a caller that has checked it against a read-back; otherwise the
        rows are read back.

        The entry (action `insert_batch`, row_id = the first id) records for each row only the
        SHA-256 of its values: `after` is {"form": "values", "ids": [...], "sha256": [...]}.
        `audit verify` compares every row with that hash. Returns the number of rows written."""
        if not rows:
            return 0
        if columns[0] != "id":
            raise ValueError("insert_many needs the ids given, first column")
        ids = [row[0] for row in rows]
        first, last = ids[0], ids[-1]
        if ids != list(range(first, last + 1)):
            raise ValueError("insert_many needs contiguous ascending ids")
        if table == "ledger" and "on_date" in columns:
            at = list(columns).index("on_date")
            for day in sorted({row[at] for row in rows}):
                self._check_open_period(day)
        for column in _PLACED.get(table, ()):
            if column in columns:
                at = list(columns).index(column)
                for day in sorted({str(row[at])[:10] for row in rows if row[at]}):
                    self._check_open_period(day, "period_closed_record")
        cols = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        from zhili_cli.store import search  # the search index follows the batch in one statement

        with search.batch(self.conn, table, first, last):
            self.conn.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)
        if stored is None:
            stored = self.stored_rows(table, first, last)
        if len(stored) != len(ids):
            raise ValueError("insert_many: one stored row per row")
        sha = hashlib.sha256
        hashes = [sha(text.encode("utf-8")).hexdigest() for text in stored]
        self._audit_text(table, first, "insert_batch", None, audit.batch_after(ids, hashes))
        return len(ids)

    def stored_rows(self, table: str, first: int, last: int) -> list[str]:
        """`audit.canonical_values` of the rows first…last as stored, in id order."""
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE id BETWEEN ? AND ? ORDER BY id', (first, last))
        names = [d[0] for d in cur.description]
        return [audit.canonical_values(dict(zip(names, values))) for values in cur]

    def update(self, table: str, row_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        before = self.row(table, row_id)
        if before is None:
            raise LookupError(f"{table} {row_id}")
        if all(before.get(k) == v for k, v in changes.items()):
            return before
        changes = self._stamp(table, changes, on_update=True)
        if table == "ledger" and _MONEY_FIELDS & changes.keys():
            self._check_open_period(before.get("on_date"))
            self._check_open_period(changes.get("on_date"))
        for column in _PLACED.get(table, ()):
            if column in changes:
                self._check_open_period(before.get(column), "period_closed_record")
                self._check_open_period(changes[column], "period_closed_record")
        sets = ", ".join(f'"{c}" = ?' for c in changes)
        self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', (*changes.values(), row_id))
        after = self.row(table, row_id)
        self._audit(table, row_id, "update", before, after)
        return after  # type: ignore[return-value]

    def delete(self, table: str, row_id: int) -> None:
        before = self.row(table, row_id)
        if before is None:
            return
        if table == "ledger":
            self._check_open_period(before.get("on_date"))
        self.conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
        self._audit(table, row_id, "delete", before, None)

    def _check_not_backdated(self) -> None:
        """A write dated inside a published period is refused whatever it touches (a request,
        an approval, a ballot): the clock set back cannot reopen what was posted. A write dated
        before the latest entry already in the chain is refused too: what was recorded cannot
        be preceded afterwards (ballots slipped into a closed window, approvals before a notice).
        Nor may a write be dated after the computer's real time (ZHILI_NOW set ahead)."""
        self._check_open_period(self.at_iso[:10])
        real = clock.real_now()
        if (self.at - real).total_seconds() > audit.CLOCK_SLACK_SECONDS:
            # a clock set forward would pass a notice period or a voting window in no real time
            from zhili_cli.errors import UserError

            raise UserError("write_ahead_of_clock", at=self.at_iso[:16].replace("T", " "),
                            now=clock.iso(real)[:16].replace("T", " "))  # type: ignore[index]
        last = audit.last_effective_time(self.conn)
        if last and self.at_iso < last and not self.backdating_allowed:
            from zhili_cli.errors import UserError

            raise UserError("write_backdated", at=self.at_iso[:16].replace("T", " "),
                            last=last[:16].replace("T", " "))

    def _check_open_period(self, day: Any, key: str = "period_closed") -> None:
        """Money entries dated in a published period are refused: the posted disclosure must stay
        true. A correction is recorded in the open period instead (e.g. `ledger reverse`)."""
        if not day:
            return
        if self._closed is None:
            self._closed = audit.closed_periods(self.conn)
        day = str(day)[:10]
        for period, first, last in self._closed:
            if first <= day <= last:
                from zhili_cli.errors import UserError

                raise UserError(key, date=day, period=period)

    def _audit(self, table: str, row_id: int, action: str,
               before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        self._audit_text(table, row_id, action, audit.canonical(before), audit.canonical(after))

    def _audit_text(self, table: str, row_id: int, action: str, b: str | None, a: str | None) -> None:
        if self._prev is None:
            self._prev = audit.head(self.conn)[1]
            self._real_time = audit.records_real_time(self.conn)
            self._check_not_backdated()
        # the real time of the write (absent only in a file not yet migrated, as upgrade tests build)
        recorded = clock.real_now().isoformat(timespec="microseconds") if self._real_time else None
        digest = audit.entry_hash(self._prev, self.at_iso, self.actor, self.command, table, row_id, action, b, a,
                                  recorded)
        self.conn.execute(
            "INSERT INTO audit_log (at, actor, command, table_name, row_id, action, before, after, prev_hash, hash"
            + (", recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" if recorded else ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            (self.at_iso, self.actor, self.command, table, row_id, action, b, a, self._prev, digest)
            + ((recorded,) if recorded else ()),
        )
        self._prev = digest
