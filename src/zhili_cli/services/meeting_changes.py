"""Corrections to meetings: reschedule, cancel, amend a recorded decision. Each is an event
with who, when and why (`--reason`), and what was before and after; nothing is deleted."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import Any

from zhili_cli.domain import meetings as rules_of
from zhili_cli.domain import vocab
from zhili_cli.errors import UserError
from zhili_cli.store import meetings as store
from zhili_cli.store.tx import Tx


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise UserError("correction_reason_required")
    return text


def _record(tx: Tx, meeting: dict[str, Any], action: str, reason: str, before: dict[str, Any],
            after: dict[str, Any], item_id: int | None = None) -> None:
    store.add_change(tx, {"meeting_id": meeting["id"], "item_id": item_id, "action": action, "at": tx.at_iso,
                          "actor": tx.actor, "reason": reason,
                          "before": json.dumps(before, ensure_ascii=False, sort_keys=True),
                          "after": json.dumps(after, ensure_ascii=False, sort_keys=True)})


def _not_held(conn: sqlite3.Connection, meeting: dict[str, Any]) -> None:
    """Only a meeting not yet held moves or is called off: no attendance, no decision."""
    if store.cancelled(conn, meeting["id"]):
        raise UserError("meeting_cancelled", number=meeting["number"])
    decided = any(i["decided_at"] for i in store.items(conn, meeting["id"]))
    if decided or store.attendance(conn, meeting["id"]) or meeting["decisions_published_at"]:
        raise UserError("meeting_already_held", number=meeting["number"])


def reschedule(tx: Tx, rules: Any, ref: str, *, on: date | None, reason: str | None,
               announced: date | None = None) -> dict[str, Any]:
    """A new date; for an owners' assembly the notice starts again from its announcement
    (default today) and must meet `assembly.notice_days` (`extraordinary_notice_days`)."""
    from zhili_cli.services.meetings import load

    why = _reason(reason)
    meeting = load(tx.conn, ref)
    if on is None:
        raise UserError("meeting_date_required")
    _not_held(tx.conn, meeting)
    if on.isoformat() == meeting["date"]:
        raise UserError("meeting_same_date", number=meeting["number"], date=meeting["date"])
    changes: dict[str, Any] = {"date": on.isoformat()}
    if meeting["kind"] == "assembly":
        announced_on = announced or tx.at.date()
        need = rules_of.notice_days("assembly", bool(meeting["extraordinary"]), rules.assembly)
        have = rules_of.notice_short(need, announced_on, on)
        if have is not None:
            raise UserError("meeting_short_notice", days=need, announced=announced_on.isoformat(),
                            date=on.isoformat(), have=have)
        changes["announced_on"] = announced_on.isoformat()
    clash = store.find_on(tx.conn, meeting["kind"], on.isoformat())
    if clash and clash["id"] != meeting["id"]:
        from zhili_cli.i18n import t

        raise UserError("meeting_exists", date=on.isoformat(), kind=t(f"meeting_kind.{meeting['kind']}"),
                        number=clash["number"])
    before = {k: meeting[k] for k in changes}
    row = store.update(tx, meeting["id"], changes)
    _record(tx, meeting, "reschedule", why, before, {k: row[k] for k in changes})
    return row


def cancel(tx: Tx, ref: str, *, reason: str | None) -> dict[str, Any]:
    """Called off before it was held. Its undecided items return on the next meeting of its kind."""
    from zhili_cli.services.meetings import load

    why = _reason(reason)
    meeting = load(tx.conn, ref)
    _not_held(tx.conn, meeting)
    _record(tx, meeting, "cancel", why, {"state": rules_of.SCHEDULED}, {"state": rules_of.CANCELLED})
    return meeting


AMENDABLE = ("decision", "approved", "owner_party", "due")


def amend(tx: Tx, ref: str, position: int, *, reason: str | None, decision: str | None = None,
          owner: str | None = None, due: datetime | None = None, approved: bool | None = None) -> dict[str, Any]:
    """Correct a recorded decision: the item keeps its first decision's time; the change, its
    reason and the values before and after are kept in the meeting's history."""
    from zhili_cli import clock
    from zhili_cli.services.meetings import item, load

    why = _reason(reason)
    meeting = load(tx.conn, ref)
    if store.cancelled(tx.conn, meeting["id"]):
        raise UserError("meeting_cancelled", number=meeting["number"])
    it = item(tx.conn, meeting, position)
    if not it["decided_at"]:
        raise UserError("meeting_item_not_decided", number=meeting["number"], item=position)
    changes: dict[str, Any] = {}
    if decision is not None:
        if not decision.strip():
            raise UserError("meeting_decision_required")
        changes["decision"] = decision.strip()
    if owner is not None:
        changes["owner_party"] = vocab.party(owner)
    if due is not None:
        changes["due"] = clock.iso(due)
    if approved is not None:
        changes["approved"] = int(approved)
    changes = {k: v for k, v in changes.items() if it[k] != v}
    if not changes:
        raise UserError("meeting_amend_nothing", number=meeting["number"], item=position)
    row = store.update_item(tx, it["id"], changes)
    _record(tx, meeting, "amend", why, {k: it[k] for k in changes}, {k: row[k] for k in changes}, it["id"])
    return row


def history(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"action": c["action"], "at": c["at"], "by": c["actor"], "reason": c["reason"], "item": c["item"],
             "before": json.loads(c["before"] or "{}"), "after": json.loads(c["after"] or "{}")}
            for c in store.changes(conn, meeting["id"])]
