"""Importing a petition register, replaying each row's recorded history through the loop's rules.

Rows are validated as they stream past and staged in a temporary table; then, read back
sorted by their natural key (received, source, title, building) and values, they are looked
up a chunk at a time against the stored petitions (store/petitions.ImportStage) and written in
audited batches (store/bulk.py), all in one process and one transaction. A second import of the
same file adds nothing; identical lines within a file are each kept. An import writes no history
event per petition: the audit log's batch entry records it (store/petitions.history).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

from zhili_cli import clock
from zhili_cli.domain import petitions as domain
from zhili_cli.errors import RowError
from zhili_cli.store.tx import Tx

# The stored values each checked row becomes; its number and sequence are given when it is
# stored, because only the database knows the year's last sequence.
FIELDS = ("year", "received_at", "source", "kind", "title", "text", "building", "location", "reporter",
          "reporter_phone", "status", "response_due", "triaged_at", "completion_due", "responsible",
          "closed_at", "feedback", "satisfaction")
COLUMNS = ("number", "seq", *FIELDS)


def _iso(naive: datetime) -> str:
    """clock.iso of a naive Asia/Shanghai time. Since September 1991 China keeps +08:00 all
    year, so later times need no zone lookup; earlier ones go through the zone database."""
    if naive.year >= 1992:
        return naive.isoformat(timespec="seconds") + "+08:00"
    return naive.replace(tzinfo=clock.TZ, microsecond=0).isoformat()


CHUNK = 2000  # rows checked against the database, and written, together


def import_file(tx: Tx | None, rules: Any, path: Path, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False, conn: Any = None,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """All-or-nothing import. With dry_run every problem is collected and nothing written;
    give `conn` then so rows already stored count as unchanged.

    The checked rows are staged whole, then stored sorted by their natural key and values
    (store/petitions.ImportStage): the same rows in any order are stored alike, with the same
    ids and numbers, and write the table's indexes in order. A row is already stored when,
    counting rows with the same received time, source, title and building, the file's n-th
    such row has at least n stored before the import: re-imports add nothing, identical
    lines are each kept."""
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.store.petitions import ImportStage

    headers, rows = read_rows(path, encoding, sheet)
    problems: list[str] = []
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    write = tx is not None and not dry_run
    store = _Store(tx, rules) if write else None
    db = tx.conn if tx is not None else conn
    checked = _checked(rules, path, headers, rows, mapping, problems if dry_run else None)
    if db is None:  # a dry run with no database: every good row would be new
        for batch, where in _batches(checked, rows, progress is not None):
            counts["rows"] += len(batch)
            counts["new"] += len(batch)
            if progress is not None and where is not None:
                progress(*where)
        return {"counts": counts, "problems": problems}
    start = store.rows.next_id if store is not None else _next_id(db)
    stage = ImportStage(db, FIELDS, start)
    try:
        for batch, where in _batches(checked, rows, progress is not None):
            counts["rows"] += len(batch)
            stage.add(batch)
            if progress is not None and where is not None:
                progress(*where)
        sorted_rows = stage.rows(CHUNK)
        try:
            for batch, found in sorted_rows:
                new = [row for row, stored in zip(batch, found) if not stored]
                counts["new"] += len(new)
                counts["unchanged"] += len(batch) - len(new)
                if store is not None:
                    store.add(new)
        finally:
            sorted_rows.close()  # its statement ends before the stage is dropped
    finally:
        stage.close()
    if store is not None:
        store.flush()
    return {"counts": counts, "problems": problems}


def _next_id(db: Any) -> int:
    from zhili_cli.store.petitions import next_id

    return next_id(db)


def _batches(checked: Iterator[tuple], rows: Any, track: bool) -> Iterator[tuple[list[tuple], Any]]:
    """The checked rows (each led by its line) in chunks, each with how far the file has been read."""
    batch: list[tuple] = []
    for row in checked:
        batch.append(row)
        if len(batch) >= CHUNK:
            yield batch, (rows.done, rows.total) if track else None
            batch = []
    if batch or track:
        yield batch, (rows.total or rows.done, rows.total or rows.done) if track else None


def _checked(rules: Any, path: Path, headers: list[str], rows: Any, mapping: dict[str, str] | None,
             problems: list[str] | None) -> Iterator[tuple]:
    """Each good row of the file as its line and the petition's stored values (FIELDS): cells parsed, the
    row's recorded history checked against the loop's rules, deadlines worked out. The first
    bad row raises RowError, or, with `problems` (a dry run), is listed there and skipped."""
    from zhili_cli.importing.petitions import PETITIONS
    from zhili_cli.importing.spec import column_of, map_headers, records

    columns = map_headers(PETITIONS, headers, path, mapping)
    kind_column = column_of(headers, columns, "kind")
    kinds = rules.petitions.kinds
    completion_days = {k: timedelta(days=kinds[k].completion_days) for k in kinds}
    response = {k: timedelta(hours=rules.petitions.response_hours_for(k)) for k in kinds}
    response[None] = timedelta(hours=rules.petitions.response_hours)
    routes = {k: domain.default_party(rules, k) for k in kinds}
    for line, rec in records(PETITIONS, path, headers, rows, columns, problems):
        kind = rec["kind"]
        closed = rec["closed"]
        status = rec["status"] or ("done" if closed else "received")
        if status in ("done", "verified") and not kind:
            err = RowError(str(path), line, kind_column, "import_done_needs_kind")
            if problems is None:
                raise err
            problems.append(err.message())
            continue
        received: datetime = rec["received"]
        received_iso = _iso(received)
        triaged_at = completion_due = responsible = None
        if status != "received" and kind:
            triaged_at = received_iso
            completion_due = _iso(received + completion_days[kind])
            responsible = rec["responsible"] or routes[kind]
        yield (line, received.year, received_iso, rec["source"], kind, rec["title"], rec["text"] or "", rec["building"],
               rec["location"], rec["reporter"], rec["phone"], status, _iso(received + response[kind]),
               triaged_at, completion_due, responsible, _iso(closed) if closed else None,
               rec["feedback"] if closed else None, rec["satisfaction"] or None)


class _Store:
    """Numbers the new rows (each year's sequence goes on from its last stored one) and
    writes them in audited batches."""

    def __init__(self, tx: Tx, rules: Any) -> None:
        from zhili_cli.store.bulk import BulkInsert

        self.tx = tx
        self.prefix = rules.petitions.number_prefix
        self.seqs: dict[int, int] = {}
        self.rows = BulkInsert(tx, "petitions", COLUMNS, batch=CHUNK)

    def add(self, rows: list[tuple]) -> None:
        numbered = []
        prefix, seqs, number = self.prefix, self.seqs, domain.format_number
        for row in rows:
            year = row[0]
            seq = seqs.get(year)
            if seq is None:
                seq = _next_seq(self.tx, year)
            seqs[year] = seq + 1
            numbered.append((number(prefix, year, seq), seq, *row))
        self.rows.extend(numbered)

    def flush(self) -> None:
        self.rows.flush()


def _next_seq(tx: Tx, year: int) -> int:
    from zhili_cli.store import petitions as store

    return store.next_seq(tx.conn, year)
