"""Reading and verifying the hash-chained audit log."""

from __future__ import annotations

import sqlite3
from typing import Any


def recent(conn: sqlite3.Connection, limit: int | None, table: str | None) -> list[dict[str, Any]]:
    from zhili_cli.store.audit_read import recent as read

    return read(conn, limit, table)


def verify(conn: sqlite3.Connection, expect_head: str | None = None) -> tuple[list[Any], int, str]:
    from zhili_cli.store import audit

    return audit.verify(conn, expect_head)
