"""Finding a numbered record (petition, meeting, motion, expense, project) by what was typed.

`P2025-001` and `2025-001` name one record; `001` names this year's. Nothing is ever looked
up by internal id. An unknown or ambiguous number is refused with the candidates."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from zhili_cli.errors import UserError
from zhili_cli.store.rows import all_dicts

if TYPE_CHECKING:
    from zhili_cli.store.tx import Tx

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


class Numbered:
    """A table of numbered records: the next number of a year, insert, update, and the row
    a typed number names (`get`, see above). Each numbered table's module takes these four."""

    def __init__(self, table: str) -> None:
        if table not in TABLES:
            raise ValueError(table)
        self.table = table

    def next_seq(self, conn: sqlite3.Connection, year: int) -> int:
        row = conn.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {self.table} WHERE year = ?", (year,)).fetchone()
        return int(row[0]) + 1

    def insert(self, tx: Tx, row: dict[str, Any]) -> int:
        return tx.insert(self.table, row)

    def update(self, tx: Tx, row_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return tx.update(self.table, row_id, changes)

    def get(self, conn: sqlite3.Connection, text: str) -> dict[str, Any] | None:
        """By the number people type; never by internal id."""
        return get(conn, self.table, text)


def by_id(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    """For the services' own use right after an insert; never for what a user typed."""
    if table not in TABLES:
        raise ValueError(table)
    rows = all_dicts(conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)))
    return rows[0] if rows else None
