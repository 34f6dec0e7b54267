"""Finding a numbered record (petition, meeting, motion, expense, project) by what was typed.

`P2025-001` and `2025-001` name one record; `001` names this year's. Nothing is ever looked
up by internal id. An unknown or ambiguous number is refused with the candidates."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.errors import UserError
from zhili_cli.store.rows import all_dicts

TABLES = ("petitions", "meetings", "motions", "expenses", "projects")


def _this_year() -> int:
    from zhili_cli import clock

    return clock.now().year


def get(conn: sqlite3.Connection, table: str, text: str) -> dict[str, Any] | None:
    """The row `text` names, or None (unknown or ambiguous): for look-ups that try several kinds."""
    from zhili_cli.domain.refs import parse

    if table not in TABLES:
        raise ValueError(table)
    ref = parse(text)
    if ref is None:
        return None
    rows = _matching(conn, table, ref.year if ref.year is not None else _this_year(), ref.seq, ref.prefix)
    return rows[0] if len(rows) == 1 else None


def find(conn: sqlite3.Connection, table: str, text: str, *, not_found: str,
         this_year: int | None = None) -> dict[str, Any]:
    """The one row `text` names in `table`, or a one-line refusal (`not_found`, or the candidates)."""
    from zhili_cli.domain.refs import parse

    if table not in TABLES:
        raise ValueError(table)
    this_year = this_year or _this_year()
    ref = parse(text)
    if ref is None:
        raise UserError(not_found, ref=text)
    year = ref.year if ref.year is not None else this_year
    rows = _matching(conn, table, year, ref.seq, ref.prefix)
    if len(rows) == 1:
        return rows[0]
    if len(rows) > 1:
        raise UserError("ref.ambiguous", ref=text, candidates=_names(rows))
    if ref.year is None:
        others = all_dicts(conn.execute(
            f"SELECT number FROM {table} WHERE seq = ? ORDER BY year DESC LIMIT 6", (ref.seq,)))
        if others:
            raise UserError("ref.not_this_year", ref=text, year=this_year, candidates=_names(others))
    raise UserError(not_found, ref=text)


def _matching(conn: sqlite3.Connection, table: str, year: int, seq: int, prefix: str | None) -> list[dict[str, Any]]:
    rows = all_dicts(conn.execute(f"SELECT * FROM {table} WHERE year = ? AND seq = ?", (year, seq)))
    if prefix is not None:
        rows = [r for r in rows if _prefix(r["number"]) == prefix]
    return rows


def _prefix(number: str) -> str:
    head = number.split("-", 1)[0]
    return head.rstrip("0123456789").upper()


def _names(rows: list[dict[str, Any]]) -> str:
    return "、".join(r["number"] for r in rows)


def by_id(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    """For the services' own use right after an insert; never for what a user typed."""
    if table not in TABLES:
        raise ValueError(table)
    rows = all_dicts(conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)))
    return rows[0] if rows else None
