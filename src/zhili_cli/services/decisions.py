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
    """committee: a passed committee vote naming `subject`; three_party: an approving decision of a
    three-party meeting on an agenda item naming it, else passed three-party positions;
    assembly: a passed owners' vote naming it."""
    subject = (subject or "").strip()
    if not subject:
        return None
    from zhili_cli.store import meetings as meeting_store
    from zhili_cli.store import votes as vote_store

    if body == "three_party":
        for item in meeting_store.decided_items(conn, "three_party", subject):
            if item["approved"]:
                return {"body": body, "ref": f"{item['meeting_number']}#{item['position']}",
                        "at": item["decided_at"], "detail": item["decision"]}
    from zhili_cli.domain.vocab import stage_body

    if body not in ("committee", "three_party", "assembly"):
        return None
    vote_body = stage_body(body)
    vote = vote_store.passed_with_subject(conn, vote_body, subject)
    if vote is None:
        return None
    return {"body": body, "ref": _vote_ref(conn, vote), "at": vote["updated_at"], "detail": vote["tally"]}


def _vote_ref(conn: sqlite3.Connection, vote: dict[str, Any]) -> str:
    if vote["motion_id"]:
        from zhili_cli.store.motions import number_and_stage

        row = number_and_stage(conn, vote["motion_id"], vote["stage_id"])
        if row:
            return f"{row[0]}/{row[1]}" if row[1] else str(row[0])
    return f"V{vote['id']}"


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
