"""Correcting a petition: edit what was typed, re-classify a triaged one, reopen a closed one.

Each correction needs a reason and is one event in the petition's history with who, when,
why and every value before and after; the audited transaction records the rows too. Nothing
is deleted: the values a correction replaced stay in the history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import buildings, vocab
from zhili_cli.domain import petitions as rules_of
from zhili_cli.domain.keys import clean_text, normalize_key
from zhili_cli.errors import UserError
from zhili_cli.store import petitions as store
from zhili_cli.store.tx import Tx


def _reason(reason: str | None) -> str:
    text = clean_text(reason or "").strip()
    if not text:
        raise UserError("reason_required")
    return text


def check_received(received: datetime, now: datetime) -> datetime:
    """A petition cannot be received later than now (dates outside 2000–2100 never parse)."""
    if received > now:
        raise UserError("received_in_future", value=clock.iso(received)[:16].replace("T", " "),
                        now=clock.iso(now)[:16].replace("T", " "))
    return received


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Stored text: invisible and control characters (NUL …) removed; building and location as keys."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or key in ("received_at", "kind"):
            out[key] = value
        elif key == "building":
            out[key] = buildings.key(value)
        elif key in ("location", "reporter_phone"):
            out[key] = normalize_key(value) or None
        else:
            out[key] = clean_text(value).strip()
    return out


def _retriage_changes(tx: Tx, rules: Any, row: dict[str, Any], kind: str, responsible: str | None,
                      completion_due: datetime | None) -> dict[str, Any]:
    """The columns a new kind changes on a triaged petition: deadlines, routing, status."""
    decided = bool(row.get("decided_at"))
    to_status = rules_of.status_after_retriage(rules, kind, row["status"], decided)
    party = vocab.party(responsible) if responsible else None
    if party is None and to_status == "in_progress":
        party = row["responsible"] or rules_of.default_party(rules, kind)
        if party is None:
            raise UserError("petition_needs_party", number=row["number"])
    triaged = clock.from_iso(row["triaged_at"]) or tx.at
    received = clock.from_iso(row["received_at"])
    changes: dict[str, Any] = {
        "kind": kind, "status": to_status,
        "response_due": clock.iso(rules_of.response_due(rules, kind, received)),
        "completion_due": clock.iso(completion_due or rules_of.completion_due(rules, kind, triaged)),
    }
    if party is not None:
        changes["responsible"] = party
    return changes


def _record(tx: Tx, row: dict[str, Any], action: str, changes: dict[str, Any], reason: str) -> dict[str, Any]:
    """Apply the changes that really change something, and log them with the reason."""
    real = {k: v for k, v in changes.items() if row.get(k) != v}
    if not real:
        raise UserError("petition_nothing_to_change", number=row["number"])
    after = store.update(tx, row["id"], real)
    event = store.add_event(tx, row["id"], action, row["status"], after["status"], reason)
    store.add_correction(tx, event, row["id"], reason, {k: [row.get(k), v] for k, v in real.items()})
    return after


def edit(tx: Tx, rules: Any, row: dict[str, Any], *, reason: str, **fields: Any) -> dict[str, Any]:
    """`petition edit`: the fields given are corrected; a new kind on a triaged petition re-triages it."""
    why = _reason(reason)
    given = {rules_of.EDITABLE[k]: v for k, v in fields.items() if v is not None}
    if not given:
        raise UserError("petition_nothing_to_change", number=row["number"])
    if "title" in given and not clean_text(given["title"]).strip():
        raise UserError("title_required")
    changes = clean_fields(given)
    kind = vocab.kind(changes["kind"]) if changes.get("kind") else row["kind"]
    if changes.get("kind"):
        changes["kind"] = kind
    if "received_at" in changes:
        received = check_received(changes["received_at"], tx.at)
        changes["received_at"] = clock.iso(received)
    received = clock.from_iso(changes.get("received_at") or row["received_at"])
    changes["response_due"] = clock.iso(rules_of.response_due(rules, kind, received))
    if row["status"] != "received" and kind != row["kind"] and row["status"] in rules_of.ALLOWED["retriage"]:
        changes.update(_retriage_changes(tx, rules, row, kind, None, None))
    elif kind != row["kind"] and row["status"] != "received":
        rules_of.check_action("retriage", row["status"], row["number"])
    return _record(tx, row, "edit", changes, why)


def retriage(tx: Tx, rules: Any, row: dict[str, Any], *, kind: str, reason: str | None,
             responsible: str | None = None, completion_due: datetime | None = None) -> dict[str, Any]:
    """`petition triage` on a triaged petition: a new kind, its deadlines and routing, with a reason."""
    rules_of.check_action("retriage", row["status"], row["number"])
    if not (reason or "").strip():
        raise UserError("petition_retriage_reason", number=row["number"])
    why = _reason(reason)
    changes = _retriage_changes(tx, rules, row, vocab.kind(kind), responsible, completion_due)
    return _record(tx, row, "retriage", changes, why)


def reopen(tx: Tx, rules: Any, row: dict[str, Any], *, reason: str) -> dict[str, Any]:
    """`petition reopen`: a closed, rejected, merged or referred petition is open again; what it
    was closed with stays in the history."""
    why = _reason(reason)
    rules_of.check_action("reopen", row["status"], row["number"])
    to_status = rules_of.status_after_reopen(row["kind"], row["responsible"], rules, bool(row.get("decided_at")))
    changes: dict[str, Any] = {"status": to_status, "closed_at": None, "verified_at": None, "satisfaction": None}
    for column in ("reject_reason", "merged_into", "referred_to"):
        if row.get(column) is not None:
            changes[column] = None
    return _record(tx, row, "reopen", changes, why)
