"""The versions of the rules text that commands wrote under (table rules_versions)."""

from __future__ import annotations

import sqlite3
from typing import Any


def latest_sha(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT sha256 FROM rules_versions ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def record(tx: Any, sha256: str, source: str, text: str, reason: str | None = None,
           basis: str | None = None) -> int:
    row = {"sha256": sha256, "source": source, "first_used_at": tx.at_iso, "text": text}
    if reason is not None:  # the first version has none, and keeps the row's earlier form
        row.update(reason=reason, basis=basis)
    return tx.insert("rules_versions", row)


def history(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT id, sha256, source, first_used_at, reason, basis FROM rules_versions ORDER BY id")
    return [dict(r) for r in rows]


def in_force(conn: sqlite3.Connection, until_iso: str) -> dict[str, Any] | None:
    """The last version first used before `until_iso` (exclusive)."""
    row = conn.execute("SELECT id, sha256, source, first_used_at, text FROM rules_versions "
                       "WHERE first_used_at < ? ORDER BY first_used_at DESC, id DESC LIMIT 1",
                       (until_iso,)).fetchone()
    return dict(row) if row else None
