"""Visits and care for flagged households (敲门日, 独居老人), and the audited record of each
reveal of personal data (call-backs)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from zhili_cli.domain.keys import clean_text, normalize_key
from zhili_cli.errors import UserError
from zhili_cli.services.registry import find_household
from zhili_cli.store import visits as store
from zhili_cli.store.tx import Tx


def unit_ref(row: dict[str, Any]) -> str:
    return "-".join(p for p in (row["building"], row["unit"], row["room"]) if p)


def visit(tx: Tx, room: str, *, note: str, by: str | None = None, on: date | None = None) -> dict[str, Any]:
    """Record a visit to a household; the date is today unless given, never in the future."""
    household = find_household(tx.conn, room)
    text = clean_text(note or "").strip()
    if not text:
        raise UserError("visit_note_required")
    day = on or tx.at.date()
    if day > tx.at.date():
        raise UserError("visit_in_future", date=day.isoformat())
    row = {"household_id": household["id"], "on_date": day.isoformat(),
           "by_name": normalize_key(by) or None, "note": text,
           "recorded_at": tx.at_iso, "recorded_by": tx.actor}
    store.add(tx, row)
    return {"household": unit_ref(household), "on_date": row["on_date"], "by": row["by_name"], "note": text}


def detail(conn: sqlite3.Connection, household: dict[str, Any]) -> dict[str, Any]:
    """The unit's visits (newest first) and the petitions about it."""
    return {"visits": [{"date": v["on_date"], "by": v["by_name"], "note": v["note"]}
                       for v in store.for_household(conn, household["id"])],
            "petitions": store.petitions_of(conn, household)}


def flagged(conn: sqlite3.Connection, flag: str | None, building: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    return store.flagged(conn, normalize_key(flag) if flag else None, building, limit)


def visits_due(conn: sqlite3.Connection, rules: Any, today: date) -> list[dict[str, Any]]:
    """Flagged households whose last visit is older than `care.visit_every_days` for the flag
    (never visited: due since the rule applies, i.e. today)."""
    out: dict[int, dict[str, Any]] = {}
    for flag, days in rules.care.visit_every_days.items():
        for row in store.flagged(conn, normalize_key(flag)):
            last = date.fromisoformat(row["last_visit"]) if row["last_visit"] else None
            due = last + timedelta(days=days) if last else today
            if due > today:
                continue
            item = {"household": unit_ref(row), "flag": flag, "last_visit": row["last_visit"],
                    "due": due.isoformat(), "days_late": (today - due).days}
            if row["id"] not in out or item["due"] < out[row["id"]]["due"]:
                out[row["id"]] = item
    return sorted(out.values(), key=lambda i: (i["due"], i["household"]))


def record_reveal(tx: Tx, subjects: list[str]) -> None:
    """One audited entry per command that shows names and phones in full: who, when, whose."""
    store.add_reveal(tx, json.dumps(sorted(set(subjects)), ensure_ascii=False))


def reveals(conn: sqlite3.Connection, limit: int | None = 50) -> list[dict[str, Any]]:
    return [{**r, "subjects": json.loads(r["subjects"])} for r in store.reveals(conn, limit)]
