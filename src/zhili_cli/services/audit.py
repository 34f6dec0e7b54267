"""Checking the books: the audit chain, optionally against a head printed on a document."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.errors import UserError
from zhili_cli.store import audit, audit_read


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """(entries, hash) of the chain's last entry."""
    return audit.head(conn)


def recent(conn: sqlite3.Connection, limit: int | None, table: str | None) -> list[dict[str, Any]]:
    return audit_read.recent(conn, limit, table)


def count_recent(conn: sqlite3.Connection, table: str | None) -> int:
    return audit_read.count_recent(conn, table)


def verify(conn: sqlite3.Connection, head: str | None = None) -> dict[str, Any]:
    """{"ok", "entries", "head", "problems": [...], "checked_head"}. A `head` is the code printed
    on a disclosure: the whole hash or a prefix of at least 8 hex characters. A code that
    matches no entry is a typo unless a recorded publication printed it (then the chain was
    rewritten); a code matching several entries is refused as ambiguous."""
    full = None
    if head:
        status, full, candidates = audit.resolve_head(conn, head)
        if status == "bad":
            raise UserError("audit_head_bad", head=head)
        if status == "ambiguous":
            raise UserError("audit_head_ambiguous", head=head, candidates=", ".join(c[:16] for c in candidates))
        if status == "not_found" and full is None:
            raise UserError("audit_head_not_found", head=head)
    problems, count, last = audit.verify(conn, full)
    return {"ok": not problems, "entries": count, "head": last, "checked_head": full,
            "problems": [p.__dict__ for p in problems]}
