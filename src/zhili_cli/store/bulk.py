"""Audited inserts in batches, for imports of many rows.

`Tx.insert` writes a row, reads it back and appends its audit entry, one statement at a
time. For a 100 000-line register that per-row round trip is most of the cost, so an
import collects rows and hands them to `Tx.insert_many` a batch at a time: one executemany,
and one audit entry per batch recording the SHA-256 of each row's canonical JSON as stored
(see store/audit.py). Ids are given explicitly (the next after the table's largest), so a
batch is one id range. `Tx.insert_many` chains the entry like any other, so later `Tx`
writes chain on.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Sequence

from zhili_cli.store.tx import Tx

# The output of audit.canonical: sorted keys, no ASCII escaping, no spaces. The rows are
# built with their keys already in sorted order, so the encoder need not sort them.
_ENCODER = json.JSONEncoder(sort_keys=False, ensure_ascii=False, separators=(",", ":"))


class BulkInsert:
    """Rows for one table: `add(values)` returns the id the row will have; `flush()` writes.

    The audit entry needs each row's canonical JSON as stored, defaults included. The first
    batch is read back; later ones are built from the values given plus the table's literal
    column defaults, if building the first batch gave exactly what was read back. If a
    column's default is not a plain literal (or anything else differs) every batch is read
    back instead."""

    def __init__(self, tx: Tx, table: str, columns: Sequence[str], batch: int = 2000) -> None:
        self.tx = tx
        self.table = table
        self.columns = ("id", *columns)
        self.batch = batch
        self.pending: list[tuple[Any, ...]] = []
        self.next_id = int(tx.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"').fetchone()[0])
        self._template, self._trusted = _template(tx, table, self.columns)
        self._checked = False
        # Where each given value goes in the sorted row: build rows without sorting.
        order = sorted(self._template)
        self._positions = [self.columns.index(name) if name in self.columns else -1 for name in order]
        self._order = order
        self._build: Any = None
        self.written = 0

    def add(self, values: Sequence[Any]) -> int:
        row_id = self.next_id
        self.next_id += 1
        self.pending.append((row_id, *values))
        if len(self.pending) >= self.batch:
            self.flush()
        return row_id

    def _built(self, pending: list[tuple[Any, ...]]) -> list[str]:
        """The canonical JSON of each row (see `_builder`)."""
        if self._build is None:
            self._build = _builder(self._order, self._positions, self._template, len(self.columns))
        return self._build(pending)

    def _read_back(self, first: int, last: int) -> list[str]:
        return self.tx.stored_rows(self.table, first, last)

    def flush(self) -> None:
        if not self.pending:
            return
        pending = self.pending
        self.pending = []
        first, last = pending[0][0], pending[-1][0]
        afters: list[str] | None = None  # None: insert_many reads the stored rows back
        if self._trusted and self._checked:
            afters = self._built(pending)
        self.written += self.tx.insert_many(self.table, self.columns, pending, stored=afters)
        if self._trusted and not self._checked:
            # the first batch was audited from its read-back; later ones may be built if
            # building gives exactly what was stored
            self._checked = True
            if self._built(pending) != self._read_back(first, last):
                self._trusted = False


def _other(value: Any) -> str:
    if value is None:
        return "null"
    if value.__class__ is int:
        return int.__repr__(value)
    return _ENCODER.encode(value)  # float, bool, bytes: as json.dumps writes them


def _builder(order: Sequence[str], positions: Sequence[int], template: dict[str, Any], width: int):
    """A function from a batch of value tuples to each row's canonical JSON (audit.canonical):
    the sorted column names and the defaults of the columns not given are written into one
    %-template once; each given value goes in as a JSON string if it is a str (the common
    case), as null if None, and through `_other` (digits, the JSON encoder) otherwise."""
    parts, args = [], []
    for name, pos in zip(order, positions):
        key = _ENCODER.encode(name).replace("%", "%%")
        if pos < 0:
            parts.append(f"{key}:{_other(template[name]).replace('%', '%%')}")
        else:
            parts.append(f"{key}:%s")
            args.append(f"('null' if v{pos} is None else q(v{pos}) if v{pos}.__class__ is str else o(v{pos}))")
    text = "{" + ",".join(parts) + "}"
    names = ", ".join(f"v{i}" for i in range(width))
    code = (f"def build(pending, q=q, o=o, t={text!r}):\n"
            f"    return [t % ({', '.join(args)},) for ({names},) in pending]\n")
    namespace: dict[str, Any] = {"q": encode_basestring, "o": _other}
    exec(code, namespace)  # noqa: S102 - the code is made of column positions only
    return namespace["build"]


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
