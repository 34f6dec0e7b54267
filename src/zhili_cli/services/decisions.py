"""Where other areas ask whether a body has approved something (e.g. an expense E2024-003).

`find_approval(conn, body, subject, since=MARK)` returns the record that approves `subject`
for `body` (committee | three_party | assembly), or None:
{"body": ..., "ref": <vote or decision reference>, "at": <ISO time>, "detail": <text>, "mark": <audit id>}.

A decision approves only when it is final (an owners' vote closed, not a provisional tally)
and passed, and was taken after `since`: the audit entry at which the subject took its present
form (an expense's request or its latest amendment). A vote that named a number before that
number's request existed, or before it was changed, approves nothing. Order is the audit
chain's order, so two records written in the same second are still told apart.
`approval_refusal` says why nothing approves (for a one-line refusal).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.domain.vocab import stage_body

# the approving body → the body its votes are recorded under (the assembly votes as `owners`)
VOTE_BODY = {body: stage_body(body) for body in ("committee", "three_party", "assembly")}


def candidates(conn: sqlite3.Connection, body: str, subject: str) -> list[dict[str, Any]]:
    """Every decision of `body` naming `subject`, newest first, with `final`, `passed` and `mark`
    (the audit entry at which it was taken)."""
    subject = (subject or "").strip()
    if not subject:
        return []
    from zhili_cli.store import expenses as expense_store
    from zhili_cli.store import meetings as meeting_store

    out: list[dict[str, Any]] = []
    if body == "three_party":
        for item in meeting_store.decided_items(conn, "three_party", subject):
            _, last = expense_store.row_marks(conn, "agenda_items", item["id"])
            out.append({"body": body, "ref": f"{item['meeting_number']}#{item['position']}",
                        "at": item["decided_at"], "detail": item["decision"], "final": True,
                        "passed": bool(item["approved"]), "mark": last})
    vote_body = VOTE_BODY.get(body)
    if vote_body is None:
        return out
    for vote in expense_store.votes_naming(conn, vote_body, subject):
        first, _ = expense_store.row_marks(conn, "votes", vote["id"])
        final = bool(vote["final"]) if "final" in vote and vote["final"] is not None else True
        out.append({"body": body, "ref": _vote_ref(conn, vote), "at": vote.get("closed_at") or vote["updated_at"],
                    "detail": _tally_text(vote["tally"]), "final": final, "passed": vote["result"] == "passed",
                    "mark": first})
    return out


def find_approval(conn: sqlite3.Connection, body: str, subject: str, *, since: int = 0) -> dict[str, Any] | None:
    """committee: a final, passed committee vote naming `subject`; three_party: an approving
    decision of a three-party meeting on an agenda item naming it, else passed three-party
    positions; assembly: a final, passed owners' vote naming it. Each taken after `since`."""
    for c in candidates(conn, body, subject):
        if c["final"] and c["passed"] and c["mark"] > since:
            return c
    return None


def approval_refusal(conn: sqlite3.Connection, body: str, subject: str, *, since: int = 0) -> tuple[str, str | None]:
    """Why no decision of `body` approves `subject`: (message key, the decision's reference).

    expense.vote_not_final: a vote naming it is still open (a provisional tally);
    expense.vote_before_request: the only passed decisions were taken before the request (or
    its latest change); expense.no_decision: nothing passed names it."""
    found = candidates(conn, body, subject)
    for c in found:
        if c["passed"] and c["final"] and c["mark"] <= since:
            return "expense.vote_before_request", c["ref"]
    for c in found:
        if not c["final"] and c["mark"] > since:
            return "expense.vote_not_final", c["ref"]
    return "expense.no_decision", None


def _tally_text(tally: Any) -> str:
    if isinstance(tally, str):
        return tally
    return json.dumps(tally, ensure_ascii=False)


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
