"""Importing a petition register, replaying each row's recorded history through the loop's rules.

Rows are validated as they stream past and written in audited batches (store/bulk.py);
each one's natural key (received, source, title, building) is remembered so a second import
of the same file adds nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from zhili_cli import clock
from zhili_cli.domain import petitions as domain
from zhili_cli.errors import RowError
from zhili_cli.store.tx import Tx

COLUMNS = ("number", "year", "seq", "received_at", "source", "kind", "title", "text", "building", "location",
           "reporter", "reporter_phone", "status", "response_due", "triaged_at", "completion_due", "responsible",
           "closed_at", "feedback", "satisfaction")
EVENT_COLUMNS = ("petition_id", "at", "actor", "action", "from_status", "to_status", "note")


def _key(rec: dict[str, Any], received: str | None = None) -> str:
    """Natural key of an imported row: when, where from, what. Re-imports match on it.
    `received`, if given, is rec["received"].isoformat() already written."""
    basis = "\x1f".join([received or rec["received"].isoformat(), rec["source"], rec["title"],
                         rec.get("building") or ""])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _iso(naive: datetime) -> str:
    """clock.iso of a naive Asia/Shanghai time. Since September 1991 China keeps +08:00 all
    year, so later times need no zone lookup; earlier ones go through the zone database."""
    if naive.year >= 1992:
        return naive.isoformat(timespec="seconds") + "+08:00"
    return naive.replace(tzinfo=clock.TZ, microsecond=0).isoformat()


CHUNK = 2000  # rows validated, then checked against the database together


def import_file(tx: Tx | None, rules: Any, path: Path, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False, conn: Any = None,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """All-or-nothing import. With dry_run every problem is collected and nothing written;
    give `conn` then so rows already stored count as unchanged.

    A row is already there when a stored petition has the same received time, source,
    title and building; rows are looked up a chunk at a time by their received times."""
    from zhili_cli.store.bulk import BulkInsert
    from zhili_cli.importing.petitions import PETITIONS
    from zhili_cli.importing.progress import ticking
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import column_of, map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(PETITIONS, headers, path, mapping)
    problems: list[str] = []
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    write = tx is not None and not dry_run
    db = tx.conn if tx is not None else conn
    kind_column = column_of(headers, columns, "kind")
    prefix = rules.petitions.number_prefix
    kinds = rules.petitions.kinds
    completion_days = {k: timedelta(days=kinds[k].completion_days) for k in kinds}
    response = {k: timedelta(hours=rules.petitions.response_hours_for(k)) for k in kinds}
    response[None] = timedelta(hours=rules.petitions.response_hours)
    routes = {k: domain.default_party(rules, k) for k in kinds}
    seqs: dict[int, int] = {}
    petitions = events = None
    at = actor = ""
    if write:
        petitions = BulkInsert(tx, "petitions", COLUMNS)
        events = BulkInsert(tx, "petition_events", EVENT_COLUMNS)
        at, actor = tx.at_iso, tx.actor
    chunk: list[tuple[str, str, dict[str, Any]]] = []

    def settle() -> None:
        """Write the chunk's new rows; count the ones already stored as unchanged."""
        if petitions is not None:
            petitions.flush()
            events.flush()
        stored = _stored(db, {received for received, _, _ in chunk})
        for received_iso, status, rec in chunk:
            natural = (received_iso, rec["source"], rec["title"], rec["building"] or "")
            if natural in stored:
                counts["unchanged"] += 1
                continue
            stored.add(natural)
            counts["new"] += 1
            if petitions is None:
                continue
            received: datetime = rec["received"]
            year = received.year
            seq = seqs.get(year)
            if seq is None:
                seq = _next_seq(tx, year)
            seqs[year] = seq + 1
            kind = rec["kind"]
            triaged_at = completion_due = responsible = None
            if status != "received" and kind:
                triaged_at = received_iso
                completion_due = _iso(received + completion_days[kind])
                responsible = rec["responsible"] or routes[kind]
            closed = rec["closed"]
            # rec["received"].isoformat() for the event's key: the +08:00 time without its
            # offset when _iso wrote it the short way (whole seconds, after 1991)
            naive = received_iso[:-6] if year >= 1992 and not received.microsecond else None
            pid = petitions.add((
                domain.format_number(prefix, year, seq), year, seq, received_iso, rec["source"], kind,
                rec["title"], rec["text"] or "", rec["building"], rec["location"], rec["reporter"], rec["phone"],
                status, _iso(received + response[kind]), triaged_at, completion_due, responsible,
                _iso(closed) if closed else None, rec["feedback"] if closed else None, rec["satisfaction"] or None,
            ))
            events.add((pid, at, actor, "import", None, status, _key(rec, naive)))
        chunk.clear()

    for line, rec in records(PETITIONS, path, headers, ticking(rows, progress), columns,
                             problems if dry_run else None):
        counts["rows"] += 1
        status = rec["status"] or ("done" if rec["closed"] else "received")
        if status in ("done", "verified") and not rec["kind"]:
            err = RowError(str(path), line, kind_column, "import_done_needs_kind")
            if not dry_run:
                raise err
            problems.append(err.message())
            continue
        chunk.append((_iso(rec["received"]), status, rec))
        if len(chunk) >= CHUNK:
            settle()
    settle()
    if petitions is not None:
        petitions.flush()
        events.flush()
    return {"counts": counts, "problems": problems}


def _stored(db: Any, received: set[str]) -> set[tuple[str, str, str, str]]:
    """Natural keys of the stored petitions received at any of these times."""
    if db is None or not received:
        return set()
    from zhili_cli.store.petitions import keys_received_at

    return keys_received_at(db, received)


def _next_seq(tx: Tx, year: int) -> int:
    from zhili_cli.store import petitions as store

    return store.next_seq(tx.conn, year)
