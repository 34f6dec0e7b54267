"""Where other areas ask whether a body has approved something (e.g. an expense E2024-003).

`find_approval(conn, body, subject)` returns the record that approves `subject` for `body`
(committee | three_party | assembly), or None:
{"body": ..., "ref": <vote or decision reference>, "at": <ISO time>, "detail": <text>}.
The meetings/motions area fills this in from committee votes, three-party decisions and
owners' votes that name the subject.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def find_approval(conn: sqlite3.Connection, body: str, subject: str) -> dict[str, Any] | None:
    return None


def waiting_for(conn: sqlite3.Connection, body: str) -> list[dict[str, Any]]:
    """Items (e.g. expenses) waiting for `body`'s approval, for its next auto agenda.

    Each: {"type": "expense", "ref": "E2024-003", "title": ..., "amount_fen": ...}.
    The money area provides these; see `zhili_cli.services.expense_hooks` when present.
    """
    try:
        from zhili_cli.services import expense_hooks
    except ModuleNotFoundError:
        return []
    return expense_hooks.waiting_for(conn, body)
