"""Published period documents (see services/publications.py)."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts
from zhili_cli.store.tx import Tx


def find(conn: sqlite3.Connection, kind: str, period: str) -> dict[str, Any] | None:
    rows = all_dicts(conn.execute("SELECT * FROM publications WHERE kind = ? AND period = ?", (kind, period)))
    return rows[0] if rows else None


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("publications", row)


def all_publications(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("SELECT * FROM publications ORDER BY first_day, kind"))
