"""Reading the audit log for people."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts


def recent(conn: sqlite3.Connection, limit: int | None, table: str | None) -> list[dict[str, Any]]:
    sql = "SELECT id, at, actor, command, table_name, row_id, action, hash FROM audit_log"
    params: list[Any] = []
    if table:
        sql += " WHERE table_name = ?"
        params.append(table)
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return all_dicts(conn.execute(sql, params))
