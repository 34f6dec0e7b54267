"""The petition loop as use cases: add, triage, assign, update, close, verify, reject, merge, refer."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import petitions as rules_of
from zhili_cli.domain import vocab
from zhili_cli.errors import UserError
from zhili_cli.store import petitions as store
from zhili_cli.store.tx import Tx


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "petitions", ref, not_found="petition_not_found")


def add(tx: Tx, rules: Any, *, title: str, source: str, text: str = "", kind: str | None = None,
        building: str | None = None, location: str | None = None, reporter: str | None = None,
        reporter_phone: str | None = None, received_at: datetime | None = None) -> dict[str, Any]:
    from zhili_cli.services.petition_corrections import check_received, clean_fields

    fields = clean_fields({"title": title, "text": text or "", "building": building, "location": location,
                           "reporter": reporter, "reporter_phone": reporter_phone})
    if not fields["title"]:
        raise UserError("title_required")
    src = vocab.source(source)
    knd = vocab.kind(kind) if kind else None
    received = check_received(received_at, tx.at) if received_at else tx.at
    year = received.year
    seq = store.next_seq(tx.conn, year)
    number = rules_of.format_number(rules.petitions.number_prefix, year, seq)
    row = {
        "number": number, "year": year, "seq": seq, "received_at": clock.iso(received),
        "source": src, "kind": knd, **fields, "status": "received",
        "response_due": clock.iso(rules_of.response_due(rules, knd, received)),
    }
    pid = store.insert(tx, row)
    store.add_event(tx, pid, "add", None, "received")
    return load(tx.conn, number)


def _move(tx: Tx, row: dict[str, Any], action: str, to_status: str, changes: dict[str, Any],
          note: str | None = None) -> dict[str, Any]:
    changes = {**changes, "status": to_status}
    after = store.update(tx, row["id"], changes)
    store.add_event(tx, row["id"], action, row["status"], to_status, note)
    return after


def triage(tx: Tx, rules: Any, ref: str, *, kind: str, responsible: str | None = None,
           completion_due: datetime | None = None, reason: str | None = None) -> dict[str, Any]:
    """Classify (大难急小私), route per the rules, set the deadlines. A triaged petition is
    re-triaged (a correction: `reason` required)."""
    row = load(tx.conn, ref)
    if row["status"] != "received":
        from zhili_cli.services import petition_corrections

        return petition_corrections.retriage(tx, rules, row, kind=kind, reason=reason, responsible=responsible,
                                             completion_due=completion_due)
    knd = vocab.kind(kind)
    party = vocab.party(responsible) if responsible else rules_of.default_party(rules, knd)
    to_status = rules_of.status_after_triage(rules, knd)
    if to_status == "in_progress" and party is None:
        raise UserError("petition_needs_party", number=row["number"])
    received = clock.from_iso(row["received_at"])
    due = completion_due or rules_of.completion_due(rules, knd, tx.at)
    changes = {
        "kind": knd,
        "responsible": party,
        "triaged_at": tx.at_iso,
        "response_due": clock.iso(rules_of.response_due(rules, knd, received)),
        "completion_due": clock.iso(due),
    }
    note = rules_of.route(rules, knd)
    return _move(tx, row, "triage", to_status, changes, note)


def assign(tx: Tx, rules: Any, ref: str, *, responsible: str, completion_due: datetime | None = None,
           note: str | None = None) -> dict[str, Any]:
    row = load(tx.conn, ref)
    rules_of.check_action("assign", row["status"], row["number"])
    to_status = rules_of.status_after_assign(rules, row["kind"], row["status"], row["number"])
    changes: dict[str, Any] = {"responsible": vocab.party(responsible)}
    if completion_due:
        changes["completion_due"] = clock.iso(completion_due)
    return _move(tx, row, "assign", to_status, changes, note)


def update(tx: Tx, ref: str, *, note: str) -> dict[str, Any]:
    """A progress note; the status stays."""
    if not note.strip():
        raise UserError("note_required")
    row = load(tx.conn, ref)
    rules_of.check_action("update", row["status"], row["number"])
    store.add_event(tx, row["id"], "update", row["status"], row["status"], note.strip())
    return row


def close(tx: Tx, ref: str, *, feedback: str) -> dict[str, Any]:
    """Done: the feedback given to the resident is required (反馈)."""
    if not feedback.strip():
        raise UserError("feedback_required")
    row = load(tx.conn, ref)
    rules_of.check_action("close", row["status"], row["number"])
    return _move(tx, row, "close", "done", {"closed_at": tx.at_iso, "feedback": feedback.strip()})


def verify(tx: Tx, ref: str, *, satisfaction: int | str, note: str | None = None) -> dict[str, Any]:
    row = load(tx.conn, ref)
    rules_of.check_action("verify", row["status"], row["number"])
    score = rules_of.check_satisfaction(satisfaction)
    return _move(tx, row, "verify", "verified",
                 {"verified_at": tx.at_iso, "satisfaction": score}, note)


def reject(tx: Tx, ref: str, *, reason: str) -> dict[str, Any]:
    if not reason.strip():
        raise UserError("reason_required")
    row = load(tx.conn, ref)
    rules_of.check_action("reject", row["status"], row["number"])
    return _move(tx, row, "reject", "rejected", {"reject_reason": reason.strip()}, reason.strip())


def merge(tx: Tx, ref: str, *, into: str) -> dict[str, Any]:
    row = load(tx.conn, ref)
    target = load(tx.conn, into)
    if target["id"] == row["id"]:
        raise UserError("merge_self", number=row["number"])
    if target["status"] in rules_of.TERMINAL:
        raise UserError("merge_target_closed", number=target["number"], status=target["status"])
    rules_of.check_action("merge", row["status"], row["number"])
    after = _move(tx, row, "merge", "merged", {"merged_into": target["number"]}, target["number"])
    store.add_event(tx, target["id"], "merged_in", target["status"], target["status"], row["number"])
    return after


def refer(tx: Tx, ref: str, *, to: str, note: str | None = None) -> dict[str, Any]:
    """转办: handed to an outside body (sub-district, utility, police …)."""
    if not to.strip():
        raise UserError("refer_to_required")
    row = load(tx.conn, ref)
    rules_of.check_action("refer", row["status"], row["number"])
    return _move(tx, row, "refer", "referred", {"referred_to": to.strip()}, note or to.strip())


def put_on_agenda(tx: Tx, ref: str, meeting: str) -> dict[str, Any]:
    row = load(tx.conn, ref)
    rules_of.check_action("put_on_agenda", row["status"], row["number"])
    return _move(tx, row, "agenda", "on_agenda", {}, meeting)


def take_off_agenda(tx: Tx, ref: str, meeting: str) -> dict[str, Any]:
    row = load(tx.conn, ref)
    rules_of.check_action("take_off_agenda", row["status"], row["number"])
    return _move(tx, row, "agenda_drop", "accepted", {}, meeting)


def decide(tx: Tx, ref: str, *, decision: str, responsible: str | None, completion_due: datetime | None,
           meeting: str) -> dict[str, Any]:
    """A meeting decided: owner and deadline; the matter moves to in progress when it has an owner."""
    row = load(tx.conn, ref)
    rules_of.check_action("decide", row["status"], row["number"])
    changes: dict[str, Any] = {"decided_at": tx.at_iso}
    if completion_due:
        changes["completion_due"] = clock.iso(completion_due)
    after = _move(tx, row, "decide", "decided", changes, f"{meeting}: {decision}")
    if responsible:
        after = _move(tx, after, "assign", "in_progress", {"responsible": vocab.party(responsible)}, meeting)
    return after


def stats(conn: sqlite3.Connection, *, date_from: str | None, date_to: str | None, now: datetime):
    from zhili_cli.domain import stats as domain_stats

    groups = store.stats_groups(conn, date_from=date_from, date_to=date_to, now_iso=clock.iso(now) or "")
    return domain_stats.combine(groups)


def edit(tx: Tx, rules: Any, ref: str, *, reason: str, **fields: Any) -> dict[str, Any]:
    from zhili_cli.services import petition_corrections

    return petition_corrections.edit(tx, rules, load(tx.conn, ref), reason=reason, **fields)


def reopen(tx: Tx, rules: Any, ref: str, *, reason: str) -> dict[str, Any]:
    from zhili_cli.services import petition_corrections

    return petition_corrections.reopen(tx, rules, load(tx.conn, ref), reason=reason)


def list_rows(conn: sqlite3.Connection, **filters: Any) -> list[dict[str, Any]]:
    return store.list_(conn, **filters)


def count(conn: sqlite3.Connection, **filters: Any) -> int:
    return store.count(conn, **filters)


def history(conn: sqlite3.Connection, petition: dict[str, Any]) -> list[dict[str, Any]]:
    return store.history(conn, petition)
