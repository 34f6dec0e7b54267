"""Importing a petition register, replaying each row's recorded history through the loop's rules."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import petitions as domain
from zhili_cli.errors import RowError
from zhili_cli.store import petitions as store
from zhili_cli.store.tx import Tx


def _key(rec: dict[str, Any]) -> str:
    """Natural key of an imported row: when, where from, what. Re-imports match on it."""
    basis = "\x1f".join([rec["received"].isoformat(), rec["source"], rec["title"], rec.get("building") or ""])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def import_file(tx: Tx | None, rules: Any, path: Path, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False) -> dict[str, Any]:
    from zhili_cli.importing.petitions import PETITIONS
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(PETITIONS, headers, path, mapping)
    problems: list[str] = []
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    known: set[str] = set()
    if tx is not None:
        known = {r[0] for r in tx.execute("SELECT note FROM petition_events WHERE action = 'import'")}
    for line, rec in records(PETITIONS, path, headers, rows, columns, problems if dry_run else None):
        counts["rows"] += 1
        status = rec["status"] or ("done" if rec["closed"] else "received")
        if status in ("done", "verified") and not rec["kind"]:
            err = RowError(str(path), line, _col(headers, columns, "kind"), "import_done_needs_kind")
            if not dry_run:
                raise err
            problems.append(err.message())
            continue
        key = _key(rec)
        if key in known:
            counts["unchanged"] += 1
            continue
        known.add(key)
        counts["new"] += 1
        if tx is not None and not dry_run:
            _insert(tx, rules, rec, status, key)
    return {"counts": counts, "problems": problems}


def _col(headers: list[str], columns: dict[str, int], name: str) -> str:
    return headers[columns[name]] if name in columns else name


def _insert(tx: Tx, rules: Any, rec: dict[str, Any], status: str, key: str) -> None:
    received = rec["received"].replace(tzinfo=clock.TZ)
    kind = rec["kind"]
    year = received.year
    seq = store.next_seq(tx.conn, year)
    row: dict[str, Any] = {
        "number": domain.format_number(rules.petitions.number_prefix, year, seq), "year": year, "seq": seq,
        "received_at": clock.iso(received), "source": rec["source"], "kind": kind, "title": rec["title"],
        "text": rec["text"] or "", "building": rec["building"], "location": rec["location"],
        "reporter": rec["reporter"], "reporter_phone": rec["phone"], "status": status,
        "response_due": clock.iso(domain.response_due(rules, kind, received)),
    }
    if status != "received" and kind:
        row["triaged_at"] = clock.iso(received)
        row["completion_due"] = clock.iso(domain.completion_due(rules, kind, received))
        party = rec["responsible"]
        row["responsible"] = party or domain.default_party(rules, kind)
    if rec["closed"]:
        row["closed_at"] = clock.iso(rec["closed"].replace(tzinfo=clock.TZ))
        row["feedback"] = rec["feedback"]
    if rec["satisfaction"]:
        row["satisfaction"] = rec["satisfaction"]
    pid = store.insert(tx, row)
    store.add_event(tx, pid, "import", None, status, key)
