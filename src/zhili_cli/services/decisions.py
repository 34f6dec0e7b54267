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
from zhili_cli.errors import UserError

# the approving body → the body its votes are recorded under (the assembly votes as `owners`)
VOTE_BODY = {body: stage_body(body) for body in ("committee", "three_party", "assembly")}


def candidates(conn: sqlite3.Connection, body: str, subject: str) -> list[dict[str, Any]]:
    """Every decision of `body` naming `subject`, newest first, with `final`, `passed` and `mark`
    (the audit entry at which it was taken); a decision that does not pass says `why`."""
    subject = (subject or "").strip()
    if not subject:
        return []
    from zhili_cli.store import expenses as expense_store

    if body == "three_party":
        return _three_party(conn, subject)
    vote_body = VOTE_BODY.get(body)
    if vote_body is None:
        return []
    from zhili_cli.domain.expenses import same_scope

    is_expense, scope = expense_store.scope_of(conn, subject)
    out: list[dict[str, Any]] = []
    for vote in expense_store.votes_naming(conn, vote_body, subject):
        first, _ = expense_store.row_marks(conn, "votes", vote["id"])
        final = bool(vote["final"]) if "final" in vote and vote["final"] is not None else True
        why = None if vote["result"] == "passed" else "failed"
        if why is None and vote_body == "owners" and is_expense and not same_scope(vote.get("scope"), scope):
            why = "scope"  # the owners who voted are not the owners whose money it is
        out.append({"body": body, "ref": _vote_ref(conn, vote), "at": vote.get("closed_at") or vote["updated_at"],
                    "detail": _tally_text(vote["tally"]), "final": final, "passed": why is None,
                    "mark": first, "why": why})
    return out


def _three_party(conn: sqlite3.Connection, subject: str) -> list[dict[str, Any]]:
    """One decision per three-party meeting that took up `subject`: it passes only when the
    parties' positions were recorded there and passed under the decision rule
    (`meetings.three_party.decision`), every one of them, and no agenda item naming it there
    was decided against. A decision written as text never approves by itself, and a text that
    says "approved" cannot overrule positions that failed (seed 000). It is dated by the
    earliest of its votes and its items' first decisions (`decided_at`): a later amendment of
    the minutes (a new deadline, a corrected wording) does not make it a newer decision."""
    from zhili_cli.store import expenses as expense_store
    from zhili_cli.store import meetings as meeting_store

    groups: dict[Any, dict[str, list[dict[str, Any]]]] = {}
    for vote in expense_store.votes_naming(conn, "three_party", subject):
        key = vote["meeting_id"] or ("vote", vote["id"])
        groups.setdefault(key, {"votes": [], "items": []})["votes"].append(vote)
    for item in meeting_store.decided_items(conn, "three_party", subject):
        groups.setdefault(item["meeting_id"], {"votes": [], "items": []})["items"].append(item)
    out: list[dict[str, Any]] = []
    for group in groups.values():
        votes, items = group["votes"], group["items"]
        marks = [expense_store.row_marks(conn, "votes", v["id"])[0] for v in votes]
        marks += [expense_store.first_set_mark(conn, "agenda_items", i["id"], "decided_at")
                  or expense_store.row_marks(conn, "agenda_items", i["id"])[1] for i in items]
        failed = [v for v in votes if v["result"] != "passed"]
        if failed:
            why, vote_ref = "positions_failed", _vote_ref(conn, failed[0])
        elif not votes:
            why, vote_ref = "no_positions", None
        elif any(not i["approved"] for i in items):
            why, vote_ref = "item_rejected", _vote_ref(conn, votes[0])
        else:
            why, vote_ref = None, _vote_ref(conn, votes[0])
        item = items[0] if items else None
        ref = f"{item['meeting_number']}#{item['position']}" if item else vote_ref
        out.append({"body": "three_party", "ref": ref, "vote_ref": vote_ref,
                    "at": item["decided_at"] if item else (votes[0].get("closed_at") or votes[0]["updated_at"]),
                    "detail": item["decision"] if item else _tally_text(votes[0]["tally"]),
                    "final": True, "passed": why is None, "why": why, "mark": min(marks)})
    return sorted(out, key=lambda c: c["mark"], reverse=True)


def find_approval(conn: sqlite3.Connection, body: str, subject: str, *, since: int = 0) -> dict[str, Any] | None:
    """committee: a final, passed committee vote naming `subject`; three_party: a three-party
    meeting whose recorded positions on it passed (and whose item on it, if decided, was not
    decided against); assembly: a final, passed owners' vote naming it. Each taken after `since`."""
    for c in candidates(conn, body, subject):
        if c["final"] and c["passed"] and c["mark"] > since:
            return c
    return None


def approval_refusal(conn: sqlite3.Connection, body: str, subject: str, *, since: int = 0) -> tuple[str, str | None]:
    """Why no decision of `body` approves `subject`: (message key, the decision's reference).

    expense.vote_before_request: the only passed decisions were taken before the request (or
    its latest change); expense.vote_not_final: a vote naming it is still open (a provisional
    tally); decisions.positions_failed / decisions.no_positions / decisions.item_rejected: a
    three-party meeting took it up but its positions failed, were never recorded, or the item
    was decided against; expense.no_decision: nothing names it."""
    found = candidates(conn, body, subject)
    for c in found:
        if c["passed"] and c["final"] and c["mark"] <= since:
            return "expense.vote_before_request", c["ref"]
    for c in found:
        if not c["final"] and c["mark"] > since:
            return "expense.vote_not_final", c["ref"]
    for c in found:
        if c.get("why") in REFUSALS:
            return REFUSALS[c["why"]], c["vote_ref"] if c["why"] == "positions_failed" else c["ref"]
    return "expense.no_decision", None


REFUSALS = {"positions_failed": "decisions.positions_failed", "no_positions": "decisions.no_positions",
                        "item_rejected": "decisions.item_rejected", "scope": "decisions.scope_differs"}


def check_item_decision(conn: sqlite3.Connection, meeting: dict[str, Any], item: dict[str, Any],
                        approved: bool) -> None:
    """A committee or three-party meeting cannot record an item as approved when the body's vote
    on it at that meeting failed: the vote is the decision, the text only records it (`--reject`
    records the refusal)."""
    body = {"committee": "committee", "three_party": "three_party"}.get(meeting["kind"])
    if not approved or body is None or not item.get("ref"):
        return
    from zhili_cli.store import expenses as expense_store

    for vote in expense_store.votes_at_meeting(conn, meeting["id"], body, item["ref"]):
        if vote["result"] == "failed":
            raise UserError("decisions.decide_against_vote", number=meeting["number"], item=item["position"],
                            ref=_vote_ref(conn, vote))


def check_motion_scope(conn: sqlite3.Connection, subject: str | None, scope: list[str]) -> None:
    """A motion naming an expense has exactly the expense's scope (列支范围): the proposer does
    not pick which owners decide (public revenue: the whole compound; a maintenance fund use:
    the buildings or units the request names)."""
    if not subject:
        return
    from zhili_cli.domain.expenses import same_scope, scope_label
    from zhili_cli.store import expenses as expense_store

    is_expense, want = expense_store.scope_of(conn, subject.strip())
    if is_expense and not same_scope(scope, want):
        raise UserError("decisions.motion_scope_differs", number=subject.strip(), scope=scope_label(want),
                        given=scope_label(scope))


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
