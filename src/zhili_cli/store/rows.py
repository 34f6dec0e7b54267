"""Small helpers for reading rows as dicts."""

from __future__ import annotations

import sqlite3
from typing import Any


def all_dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def one_dict(cur: sqlite3.Cursor) -> dict[str, Any] | None:
    values = cur.fetchone()
    if values is None:
        return None
    return dict(zip([d[0] for d in cur.description], values))
