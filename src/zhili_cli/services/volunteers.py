"""Volunteer service and points (志愿服务, seed 003's 湾郡币): hours earn points at the rules'
rate, points are redeemed and never go below zero."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from fractions import Fraction
from typing import Any

from zhili_cli.domain.keys import clean_text, normalize_key
from zhili_cli.errors import UserError
from zhili_cli.store import volunteers as store
from zhili_cli.store.tx import Tx


def parse_hours(text: str) -> int:
    """Hours as typed (2, 1.5, 0.25) → hundredths of an hour; more than 0, at most 24."""
    value = (text or "").strip().replace("小时", "").replace("h", "").strip()
    if not re.fullmatch(r"\d+(\.\d{1,2})?", value):
        raise UserError("volunteer_bad_hours", value=text)
    x100 = int(Fraction(value) * 100)
    if not 0 < x100 <= 2400:
        raise UserError("volunteer_bad_hours", value=text)
    return x100


def hours_text(x100: int) -> str:
    whole, part = divmod(x100, 100)
    return f"{whole}" if not part else f"{whole}.{part:02d}".rstrip("0")


def _name(name: str) -> str:
    key = normalize_key(name)
    if not key:
        raise UserError("volunteer_name_required")
    return key


def _day(tx: Tx, on: date | None) -> str:
    day = on or tx.at.date()
    if day > tx.at.date():
        raise UserError("volunteer_future", date=day.isoformat())
    return day.isoformat()


def add(tx: Tx, rules: Any, name: str, *, hours: str, activity: str, on: date | None = None,
        points: int | None = None) -> dict[str, Any]:
    """Hours served; points = hours × volunteer.points_per_hour, rounded down, unless given."""
    who = _name(name)
    x100 = parse_hours(hours)
    what = clean_text(activity or "").strip()
    if not what:
        raise UserError("volunteer_activity_required")
    if points is None:
        points = x100 * rules.volunteer.points_per_hour // 100
    if points < 0:
        raise UserError("volunteer_bad_points", value=points)
    row = {"name": who, "on_date": _day(tx, on), "kind": "service", "hours_x100": x100, "activity": what,
           "points": points, "recorded_at": tx.at_iso, "recorded_by": tx.actor}
    store.add(tx, row)
    return _out(row, store.balance_of(tx.conn, who))


def redeem(tx: Tx, name: str, *, points: int, for_: str, on: date | None = None) -> dict[str, Any]:
    who = _name(name)
    what = clean_text(for_ or "").strip()
    if not what:
        raise UserError("volunteer_for_required")
    if points <= 0:
        raise UserError("volunteer_bad_points", value=points)
    day = _day(tx, on)
    have = store.balance_of(tx.conn, who)
    if points > have:
        raise UserError("volunteer_not_enough", name=who, points=points, balance=have)
    # points move in date order: a redemption dated back may not overdraw any day after it
    running = 0
    history = sorted(store.entries(tx.conn, who), key=lambda e: (e["on_date"], e["id"]))
    for entry in [*(e for e in history if e["on_date"] <= day), {"points": -points, "on_date": day},
                  *(e for e in history if e["on_date"] > day)]:
        running += entry["points"]
        if running < 0:
            raise UserError("volunteer_not_enough_on", name=who, points=points, date=entry["on_date"])
    row = {"name": who, "on_date": day, "kind": "redeem", "hours_x100": 0, "activity": what,
           "points": -points, "recorded_at": tx.at_iso, "recorded_by": tx.actor}
    store.add(tx, row)
    return _out(row, have - points)


def _out(row: dict[str, Any], balance: int) -> dict[str, Any]:
    return {"name": row["name"], "date": row["on_date"], "kind": row["kind"], "hours": hours_text(row["hours_x100"]),
            "activity": row["activity"], "points": row["points"], "balance": balance}


def balances(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [{"name": r["name"], "hours": hours_text(r["hours_x100"]), "earned": r["earned"],
             "redeemed": r["redeemed"], "balance": r["balance"], "last_date": r["last_date"]}
            for r in store.balances(conn)]


def entries(conn: sqlite3.Connection, name: str | None = None, month: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    return [{"name": r["name"], "date": r["on_date"], "kind": r["kind"], "hours": hours_text(r["hours_x100"]),
             "activity": r["activity"], "points": r["points"]}
            for r in store.entries(conn, normalize_key(name) if name else None, month, limit)]


def month_totals(conn: sqlite3.Connection, first: str, last: str) -> dict[str, Any]:
    """The monthly report's figures: counts and sums only, no names (fit for the public version)."""
    totals = store.totals_between(conn, first, last)
    return {**totals, "hours": hours_text(totals["hours_x100"])}
