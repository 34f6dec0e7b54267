"""The one compound this database describes."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import one_dict
from zhili_cli.store.tx import Tx


def get(conn: sqlite3.Connection) -> dict[str, Any] | None:
    return one_dict(conn.execute("SELECT * FROM compound WHERE id = 1"))


def put(tx: Tx, name: str, households_total: int, area_x100: int, has_owners_committee: bool) -> None:
    values = {
        "name": name,
        "households_total": households_total,
        "area_x100": area_x100,
        "has_owners_committee": int(has_owners_committee),
    }
    if get(tx.conn) is None:
        tx.insert("compound", {"id": 1, **values})
    else:
        tx.update("compound", 1, values)
