"""The rules in the record. The first writing command notes the rules text it runs under;
after that a changed text is refused until `rules adopt` records it with its reason and the
decision it rests on, so a looser file cannot be slipped in for one command (the tiers, the
quorums and the deadlines are the compound's adopted rules, not a per-command choice).
`rules show --at DATE` and `rules history` read the record back."""

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
    sha = source.text_sha256
    latest = rules_versions.latest_sha(tx.conn)
    if latest != sha and tx.command != ADOPT:
        if latest is not None:
            raise UserError("rules.not_adopted", file=source.label)
        rules_versions.record(tx, sha, source.label, source.text)
    tx.rules_sha256 = sha  # every decision this command takes names these rules


ADOPT = "rules adopt"


def adopt(tx: Any, source: Any, reason: str, basis: str | None) -> dict[str, Any]:
    """Record the rules text now in the file as the compound's rules from now on."""
    from zhili_cli.domain.keys import clean_text
    from zhili_cli.store import rules_versions

    reason = clean_text(reason or "").strip()
    if not reason:
        raise UserError("rules.adopt_needs_reason")
    sha = source.text_sha256
    if rules_versions.latest_sha(tx.conn) == sha:
        raise UserError("rules.already_adopted", file=source.label)
    rules_versions.record(tx, sha, source.label, source.text, reason, clean_text(basis or "").strip() or None)
    return {"sha256": sha, "source": source.label, "adopted_at": tx.at_iso, "reason": reason, "basis": basis}


def history(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    from zhili_cli.store import rules_versions

    return rules_versions.history(conn)


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
