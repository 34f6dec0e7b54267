"""The rules in the record: a writing command notes the rules text it runs under the first
time it differs from the last one noted; `rules show --at DATE` reads it back."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import Any

from zhili_cli.errors import UserError


def note(tx: Any, source: Any) -> None:
    """Called at the start of every writing command's transaction; one indexed read when unchanged."""
    from zhili_cli.store import rules_versions

    if source is None:
        return
    import hashlib

    sha = hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    if rules_versions.latest_sha(tx.conn) != sha:
        rules_versions.record(tx, sha, source.label, source.text)
    tx.rules_sha256 = sha  # every decision this command takes names these rules


def in_force(conn: sqlite3.Connection, day_text: str) -> dict[str, Any]:
    """The rules a command would have run under at the end of that day."""
    from zhili_cli import clock
    from zhili_cli.store import rules_versions

    day = clock.user_date(day_text)
    end = clock.iso(clock.user_when(str(day)) + timedelta(days=1)) or ""
    row = rules_versions.in_force(conn, end)
    if row is None:
        raise UserError("rules.none_at", day=str(day))
    return {**row, "day": str(day)}
