"""Audited inserts in batches, for imports of many rows.

`Tx.insert` writes a row, reads it back and appends its audit entry, one statement at a
time. For a 100 000-line register that per-row round trip is most of the cost, so an
import collects rows and hands them to `Tx.insert_many` a batch at a time: one executemany,
and one audit entry per batch recording the SHA-256 of each row's values as stored
(audit.canonical_values). Ids are given explicitly (the next after the table's largest), so a
batch is one id range. `Tx.insert_many` chains the entry like any other, so later `Tx`
writes chain on.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any, Sequence

from zhili_cli.store.audit import values_json
from zhili_cli.store.tx import Tx


# Pages SQLite keeps in memory while an import writes (KiB; SQLite's default is 2 000). Rows
# in no particular order land all over the table's indexes; with too few pages cached each
# insert reads and writes index pages again. A fixed budget keeps memory flat however long
# the file is.
CACHE_KIB = 8192


class BulkInsert:
    """Rows for one table: `extend(rows)` queues them, giving them the next ids in order;
    `flush()` writes them (as `extend` does each time a batch is full).

    The audit entry needs each row's `audit.canonical_values` as stored, defaults included.
    The first batch is read back; later ones are built from the values given plus the
    table's literal column defaults, if building the first batch gave exactly what was read
    back. If a column's default is not a plain literal (or anything else differs) every
    batch is read back instead."""

    def __init__(self, tx: Tx, table: str, columns: Sequence[str], batch: int = 2000) -> None:
        self.tx = tx
        self.table = table
        self.columns = ("id", *columns)
        self.batch = batch
        self.pending: list[tuple[Any, ...]] = []
        tx.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.next_id = int(tx.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').fetchone()[0])
        template, self._trusted = _template(tx, table, self.columns)
        # Each row's values in sorted-column order: the given ones, then the defaults of the
        # others appended, picked out in that order by one itemgetter.
        missing = [name for name in template if name not in self.columns]
        self._defaults = tuple(template[name] for name in missing)
        where = {name: i for i, name in enumerate([*self.columns, *missing])}
        self._order = itemgetter(*(where[name] for name in sorted(template)))
        self._checked = False
        self.written = 0

    def extend(self, rows: Sequence[Sequence[Any]]) -> None:
        """Queue rows (values in `columns` order, without the id): they take the next ids."""
        first = self.next_id
        self.next_id += len(rows)
        self.pending.extend([(row_id, *values) for row_id, values in zip(range(first, self.next_id), rows)])
        if len(self.pending) >= self.batch:
            self.flush()

    def _built(self, pending: list[tuple[Any, ...]]) -> list[str]:
        """`audit.canonical_values` of each row, from its values and the defaults."""
        encode, order, defaults = values_json, self._order, self._defaults
        if defaults:
            return [encode(order(row + defaults)) for row in pending]
        return [encode(order(row)) for row in pending]

    def flush(self) -> None:
        if not self.pending:
            return
        pending = self.pending
        self.pending = []
        first, last = pending[0][0], pending[-1][0]
        afters: list[str] | None = None  # None: insert_many reads the stored rows back
        if self._trusted and self._checked:
            afters = self._built(pending)
        # insert_many keeps the search index in step with one statement per batch (store/search.py)
        self.written += self.tx.insert_many(self.table, self.columns, pending, stored=afters)
        if self._trusted and not self._checked:
            # the first batch was audited from its read-back; later ones may be built if
            # building gives exactly what was stored
            self._checked = True
            if self._built(pending) != self.tx.stored_rows(self.table, first, last):
                self._trusted = False


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
