"""Reading the audit log for people."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import count, select


def count_recent(conn: sqlite3.Connection, table: str | None) -> int:
    return count(conn, "audit_log", [("table_name = ?", table)])


def recent(conn: sqlite3.Connection, limit: int | None, table: str | None) -> list[dict[str, Any]]:
    return select(conn, "SELECT id, at, actor, command, table_name, row_id, action, hash FROM audit_log",
                  [("table_name = ?", table)], "id DESC", limit)
