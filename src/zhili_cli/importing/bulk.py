"""Audited inserts in batches, for imports of many rows.

`Tx.insert` writes a row, reads it back and appends its audit entry, one statement at a
time. For a 100 000-line register that per-row round trip is most of the cost, so an
import collects rows and, per batch, inserts them with one executemany, reads them back in
one range query and appends their audit entries with one executemany. The entries are
exactly those `Tx.insert` would write (same canonical JSON of the stored row, same hash
chain, same time, actor and command), so `audit verify` cannot tell the difference.

Ids are given explicitly (the next after the table's largest) so the read-back is one range.
The transaction's cached chain head is reset afterwards, so later `Tx` writes chain on.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any, Sequence

from zhili_cli.store import audit
from zhili_cli.store.tx import Tx

# The output of audit.canonical: sorted keys, no ASCII escaping, no spaces. The rows are
# built with their keys already in sorted order, so the encoder need not sort them.
_ENCODER = json.JSONEncoder(sort_keys=False, ensure_ascii=False, separators=(",", ":"))


class BulkInsert:
    """Rows for one table: `add(values)` returns the id the row will have; `flush()` writes.

    The audit entry needs the row as stored, defaults included. It is built from the
    values given plus the table's literal column defaults; the first batch is also read
    back and compared, and if a column's default is not a plain literal (or anything else
    differs) every batch is read back instead."""

    def __init__(self, tx: Tx, table: str, columns: Sequence[str], batch: int = 2000) -> None:
        self.tx = tx
        self.table = table
        self.columns = ("id", *columns)
        self.batch = batch
        self.pending: list[tuple[Any, ...]] = []
        self.next_id = int(tx.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').fetchone()[0])
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self._insert_sql = f'INSERT INTO "{table}" ({cols}) VALUES ({marks})'
        self._read_sql = f'SELECT * FROM "{table}" WHERE id BETWEEN ? AND ? ORDER BY id'
        self._template, self._trusted = _template(tx, table, self.columns)
        self._checked = False
        # Where each given value goes in the sorted row: build rows without sorting.
        order = sorted(self._template)
        self._positions = [self.columns.index(name) if name in self.columns else -1 for name in order]
        self._order = order
        self.written = 0

    def add(self, values: Sequence[Any]) -> int:
        row_id = self.next_id
        self.next_id += 1
        self.pending.append((row_id, *values))
        if len(self.pending) >= self.batch:
            self.flush()
        return row_id

    def _built(self, pending: list[tuple[Any, ...]]) -> list[str]:
        """The canonical JSON of each row, written into a template of the sorted column
        names: None → null, str → JSON string, int → digits; anything else (float, bool,
        bytes) through the JSON encoder."""
        order = self._order
        tail = tuple(self._template[name] for name in order)  # defaults, after the given values
        width = len(self.columns)
        getter = itemgetter(*[pos if pos >= 0 else width + i for i, pos in enumerate(self._positions)])
        template = "{" + ",".join(f"{_ENCODER.encode(name)}:%s" for name in order) + "}"
        quote = encode_basestring
        other = _ENCODER.encode
        return [template % tuple(["null" if v is None else quote(v) if v.__class__ is str
                                  else int.__repr__(v) if v.__class__ is int else other(v)
                                  for v in getter(values + tail)])
                for values in pending]

    def _read_back(self, first: int, last: int) -> list[str]:
        cur = self.tx.conn.execute(self._read_sql, (first, last))
        names = [d[0] for d in cur.description]
        return [audit.canonical(dict(zip(names, values))) for values in cur]  # type: ignore[misc]

    def flush(self) -> None:
        if not self.pending:
            return
        tx = self.tx
        conn = tx.conn
        pending = self.pending
        self.pending = []
        conn.executemany(self._insert_sql, pending)
        first, last = pending[0][0], pending[-1][0]
        if self._trusted:
            afters = self._built(pending)
            if not self._checked:
                self._checked = True
                if afters != self._read_back(first, last):
                    self._trusted = False
        if not self._trusted:
            afters = self._read_back(first, last)
        prev = _head(tx)
        at, actor, command, table = tx.at_iso, tx.actor, tx.command, self.table
        prefix = "\x1f".join([at, actor, command, table]) + "\x1f"
        entries = []
        sha = hashlib.sha256
        for values, after in zip(pending, afters):
            row_id = values[0]
            # audit.entry_hash, inlined: prev, at, actor, command, table, row_id, action, before, after
            digest = sha(f"{prev}\x1f{prefix}{row_id}\x1finsert\x1f\x1f{after}".encode("utf-8")).hexdigest()
            entries.append((at, actor, command, table, row_id, "insert", None, after, prev, digest))
            prev = digest
        conn.executemany(
            "INSERT INTO audit_log (at, actor, command, table_name, row_id, action, before, after, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries)
        tx._prev = None  # the chain head moved: let Tx read it again on its next write
        self.written += len(entries)


def _template(tx: Tx, table: str, given: Sequence[str]) -> tuple[dict[str, Any], bool]:
    """Column → default for the columns not given; trusted only if every default is a literal."""
    template: dict[str, Any] = {}
    trusted = True
    for _, name, _type, _notnull, default, _pk in tx.execute(f'PRAGMA table_info("{table}")'):
        if name in given:
            template[name] = None
            continue
        if default is None or default.upper() == "NULL":
            template[name] = None
        elif len(default) >= 2 and default[0] == default[-1] == "'":
            template[name] = default[1:-1].replace("''", "'")
        else:
            try:
                template[name] = int(default)
            except ValueError:
                trusted = False  # an expression or a float: read the rows back
                template[name] = None
    return template, trusted


def _head(tx: Tx) -> str:
    return audit.head(tx.conn)[1]
