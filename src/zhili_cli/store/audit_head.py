"""What `audit verify --head H` checks in the entries recorded after H.

Anyone holding the file can recompute the whole chain: the hash alone proves nothing against
them. The anchor is the head posted on the notice board (with its entry count): the entries up
to it must be exactly those that produced it, and no entry after it may change what a document
printed at it showed. So after the head:

- an entry dated inside a period published at the head, or a money entry dated in a month that
  had already ended, is reported;
- a row that belongs to a published period (any of its dates lies inside it) may only progress:
  a status and the dates of what happened later (paid, closed, verified…) change, nothing else.
  An insert, a delete, or a change of any other column (payee, purpose, amount, title, the
  dates the period selected it by…) is reported, in every table the period's documents read.

Period documents count a petition, an expense or a vote as it stood at the period's end (from
its history), so a row that progresses after the period does not change the posted figures.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.store.audit import BATCH, Problem

# The date that places a row in a period: changing it, or anything else but progress, changes
# the period's documents.
IDENTITY_DATES = frozenset({"at", "on_date", "date", "requested_at", "received_at", "proposed_at", "opened_at",
                            "created_at"})
# Columns that record how a row went on after it was placed (its later life): a later entry may
# change them without touching the period the row belongs to. Every other column is the row's
# content. A column ending in _at/_on that is not an identity date is progress too (closed_at,
# paid_at, verified_at…), unless it is set to a day inside the period.
PROGRESS = frozenset({"status", "stage_position", "rules_sha256", "final", "tally", "result", "feedback",
                      "satisfaction", "responsible", "reject_reason", "merged_into", "referred_to",
                      "closed_reason", "quorum_met", "quorum_detail", "decision", "approved", "published",
                      "window_from", "window_to", "base", "scope", "response_due", "completion_due",
                      "vote_id", "voided_reason"})
# Rows without a date of their own belong where their parent belongs (the attendance of a June
# meeting, the terms of a Q4 approval, the share of a Q4 income): (column, parent table).
PARENTS = {"meeting_attendance": ("meeting_id", "meetings"), "agenda_items": ("meeting_id", "meetings"),
           "agenda_carryovers": ("item_id", "agenda_items"), "ledger_shares": ("ledger_id", "ledger"),
           "expense_approval_terms": ("approval_id", "expense_approvals"), "motion_scopes": ("motion_id", "motions")}
# Bookkeeping of the publications themselves and of the rules file: never a period's content.
NOT_CONTENT = frozenset({"publications", "rules_versions"})


def _is_date_column(name: str) -> bool:
    return name in IDENTITY_DATES or name.endswith(("_at", "_on"))


def _day(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) < 10 or value[4:5] != "-":
        return None
    return value[:10]


def _state(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        row = json.loads(text)
    except ValueError:
        return None
    return row if isinstance(row, dict) else None


class AfterHead:
    """Entries recorded after a head printed on a document: see the module's text."""

    def __init__(self, conn: sqlite3.Connection, head_entry: int, head_at: str):
        self.conn = conn
        self.published = [p for p in _publications(conn) if p[3] <= head_entry]
        self.head_month = head_at[:7]

    def _inside(self, day: str | None) -> str | None:
        if not day:
            return None
        for period, first, last, _entry in self.published:
            if first <= day <= last:
                return period
        return None

    def _batch_days(self, after: str | None) -> list[str | None]:
        """The dates of the ledger rows an import batch inserted, as they stand."""
        try:
            ids = json.loads(after or "")["ids"]
        except (ValueError, TypeError, KeyError):
            return []
        if not ids:
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT on_date FROM ledger WHERE id BETWEEN ? AND ?", (min(ids), max(ids)))]

    def check(self, aid: int, at: str, table: str, row_id: int, action: str, before: str | None,
              after: str | None) -> Problem | None:
        if not self.published and table != "ledger":
            return None  # nothing was published at the head: only back-dated money can alter it
        period = self._inside(_day(at))
        if period:
            return Problem("after_publication", table, row_id, aid, period)
        if table == "ledger":
            problem = self._ledger(aid, row_id, action, before, after)
            if problem:
                return problem
        if table in NOT_CONTENT or action == BATCH:
            return None
        period = self._row_change(table, action, _state(before), _state(after))
        return Problem("after_publication", table, row_id, aid, period) if period else None

    def _ledger(self, aid: int, row_id: int, action: str, before: str | None, after: str | None) -> Problem | None:
        days = [_day((_state(before) or {}).get("on_date")), _day((_state(after) or {}).get("on_date"))]
        if action == BATCH:
            days = [_day(d) for d in self._batch_days(after)]
        for day in days:
            if not day:
                continue
            period = self._inside(day)
            if period:
                return Problem("after_publication", "ledger", row_id, aid, period)
            if day[:7] < self.head_month:
                return Problem("after_head_backdated", "ledger", row_id, aid, day[:7])
        return None

    def _dated(self, row: dict[str, Any] | None) -> str | None:
        """The published period any of the row's dates lies in."""
        for name, value in (row or {}).items():
            period = _is_date_column(name) and self._inside(_day(value))
            if period:
                return period
        return None

    def _parent(self, table: str, row: dict[str, Any] | None, depth: int = 0) -> str | None:
        """The published period a row without dates belongs to through its parent (as it stands)."""
        if table not in PARENTS or not row or depth > 3:
            return None
        column, parent = PARENTS[table]
        cur = self.conn.execute(f'SELECT * FROM "{parent}" WHERE id = ?', (row.get(column),))
        values = cur.fetchone()
        if values is None:
            return None
        prow = dict(zip([d[0] for d in cur.description], values))
        return self._dated(prow) or self._parent(parent, prow, depth + 1)

    def _row_change(self, table: str, action: str, before: dict[str, Any] | None,
                    after: dict[str, Any] | None) -> str | None:
        """The published period a row change alters, if any."""
        if action == "insert" or action == "delete" or before is None or after is None:
            row = after if action == "insert" else (before or after)
            return self._dated(row) or self._parent(table, row)
        changed = [k for k in after.keys() | before.keys() if before.get(k) != after.get(k)]
        # the row belongs to a period by any date it had, or by the date that places it now
        owner = None
        for name, value in before.items():
            owner = owner or (_is_date_column(name) and self._inside(_day(value))) or None
        for name in IDENTITY_DATES & after.keys():
            owner = owner or self._inside(_day(after[name]))
        owner = owner or self._parent(table, before) or self._parent(table, after)
        for name in changed:
            if not _is_date_column(name):
                continue
            new = self._inside(_day(after.get(name)))
            if new:
                return new
            if name in IDENTITY_DATES and self._inside(_day(before.get(name))):
                return self._inside(_day(before.get(name)))
        if owner and any(name not in PROGRESS and not _is_date_column(name) for name in changed):
            return owner
        return None


def _publications(conn: sqlite3.Connection) -> list[tuple[str, str, str, int]]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'publications'").fetchone():
        return []
    return [tuple(r) for r in conn.execute("SELECT period, first_day, last_day, head_entry FROM publications")]
