"""Meetings as use cases: schedule, reschedule, cancel, attendance and quorum, decide (and
amend), publish. The agenda is services/meeting_agenda.py; the rules are domain/meetings.py.
The monthly three-party meeting (seed 000) is the default."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

from zhili_cli.domain import meetings as rules_of
from zhili_cli.domain import vocab
from zhili_cli.errors import Term, UserError
from zhili_cli.services.meeting_agenda import (add_item, build_agenda, drop_item, item, milestones_waiting,
                                               move_item, publish_agenda, report_backs)
from zhili_cli.store import meetings as store
from zhili_cli.store.tx import Tx

KINDS = rules_of.KINDS
STAGE_BODY = rules_of.STAGE_BODY
APPROVAL_BODY = rules_of.APPROVAL_BODY
kind_of = rules_of.kind_of
__all__ = ["add_item", "build_agenda", "drop_item", "item", "milestones_waiting", "move_item", "publish_agenda",
           "report_backs"]


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "meetings", ref, not_found="meeting_not_found")


def load_by_id(conn: sqlite3.Connection, meeting_id: int) -> dict[str, Any] | None:
    return store.get_by_id(conn, meeting_id)


def attendance(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    return store.attendance(conn, meeting["id"])


def agenda_items(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    return store.items(conn, meeting["id"])


def default_date(rules: Any, today: date) -> date:
    return rules_of.default_date(rules.meetings.three_party.week, today)


def schedule(tx: Tx, rules: Any, *, kind: str = "three_party", on: date | None = None, title: str | None = None,
             convener: str | None = None, extraordinary: bool = False, place: str | None = None,
             announced: date | None = None) -> dict[str, Any]:
    knd = kind_of(kind)
    today = tx.at.date()
    announced_on = announced or today
    need = rules_of.notice_days(knd, extraordinary, rules.assembly)
    if on is None:
        if knd == "three_party":
            on = default_date(rules, today)
        elif knd == "assembly":
            on = announced_on + timedelta(days=need)
        else:
            on = today
    if knd == "assembly":
        _check_notice(need, announced_on, on)
    clash = store.find_on(tx.conn, knd, on.isoformat())
    if clash:
        raise UserError("meeting_exists", date=on.isoformat(), kind=_kind_name(knd), number=clash["number"])
    from zhili_cli.i18n import t

    year = on.year
    seq = store.next_seq(tx.conn, year)
    number = f"M{year}-{seq:03d}"
    row = {
        "number": number, "year": year, "seq": seq, "kind": knd,
        "title": (title or "").strip() or t("meeting_default_title", year=on.year, month=on.month,
                                             kind=t("meeting_kind." + knd)),
        "date": on.isoformat(), "convener": convener, "extraordinary": int(extraordinary),
        "place": (place or "").strip() or None,
        "announced_on": announced_on.isoformat(), "created_at": tx.at_iso,
    }
    store.insert(tx, row)
    return load(tx.conn, number)


def _check_notice(need: int, announced: date, on: date) -> None:
    have = rules_of.notice_short(need, announced, on)
    if have is not None:
        raise UserError("meeting_short_notice", days=need, announced=announced.isoformat(), date=on.isoformat(),
                        have=have)


def _party_name(party: str) -> str:
    from zhili_cli.i18n import t

    return t(f"party.{party}")


def _kind_name(kind: str) -> str:
    from zhili_cli.i18n import t

    return t(f"meeting_kind.{kind}")


# attendance and quorum ---------------------------------------------------------

def has_committee(conn: sqlite3.Connection) -> bool:
    """Whether the compound has an owners' committee (`init --no-committee` says it has not)."""
    from zhili_cli.store import compound

    row = compound.get(conn)
    return bool(row["has_owners_committee"]) if row else True


def parties_for(conn: sqlite3.Connection, rules: Any) -> tuple[str, ...]:
    """The parties of the monthly meeting: 居委会, 业委会, 物业; without an owners' committee the
    joint meeting's parties from the rules (`meetings.joint.parties`, seed 003)."""
    if has_committee(conn):
        return rules_of.THREE_PARTIES
    return tuple(rules.meetings.joint.parties)


def check_can_record(tx: Tx, meeting: dict[str, Any]) -> None:
    """Attendance and decisions: never on a cancelled meeting, never before the meeting's day."""
    if store.cancelled(tx.conn, meeting["id"]):
        raise UserError("meeting_cancelled", number=meeting["number"])
    if rules_of.too_early(meeting["date"], tx.at.date()):
        raise UserError("meeting_not_yet", number=meeting["number"], date=meeting["date"],
                        today=tx.at.date().isoformat())


def attend(tx: Tx, rules: Any, ref: str, *, names: list[str], parties: list[str]) -> dict[str, Any]:
    """Record who came: named people from the roster (their party from the roster). A party is
    present only through a named representative (`representatives.of_party`): `--party P` only
    states it, and is refused unless someone speaking for P is recorded present. A committee
    meeting keeps the roster it had when its attendance was first recorded. Returns the meeting
    with its quorum."""
    from zhili_cli.store import members

    meeting = load(tx.conn, ref)
    check_can_record(tx, meeting)
    if meeting["kind"] == "committee" and meeting.get("roster") is None:
        ids = [m["id"] for m in members.committee(tx.conn, meeting["date"])]
        meeting = store.update(tx, meeting["id"], {"roster": json.dumps(ids)})
    for name in names:
        found = members.find(tx.conn, name.strip())
        if not found:
            raise UserError("meeting_unknown_person", name=name.strip())
        person = next((m for m in found if m["role"] in vocab.COMMITTEE_ROLES), found[0])
        store.add_attendee(tx, {"meeting_id": meeting["id"], "member_id": person["id"], "name": person["name"],
                                "role": person["role"], "party": person["party"]})
    here = speaking_parties(tx.conn, meeting)
    for party in parties:
        key = vocab.party(party)
        if key not in here:
            from zhili_cli.services.representatives import of_party

            names_ = "、".join(m["name"] for m in of_party(tx.conn, key, meeting["date"])) or "—"
            raise UserError("reps.party_needs_named", party=Term(f"party.{key}"), number=meeting["number"],
                            names=names_)
    met, detail = quorum(tx.conn, rules, meeting)
    return store.update(tx, meeting["id"], {"quorum_met": None if met is None else int(met), "quorum_detail": detail})


def quorum(conn: sqlite3.Connection, rules: Any, meeting: dict[str, Any]) -> tuple[bool | None, str]:
    """three-party (or joint): every party present; committee: the rules' share of the members
    in office recorded present by name; an assembly counts ballots, not heads; other meetings:
    someone recorded by name."""
    from zhili_cli.i18n import t
    from zhili_cli.store import members

    rows = store.attendance(conn, meeting["id"])
    presence = rules_of.Presence(rules_of.Presence.of(rows).people, frozenset(speaking_parties(conn, meeting, rows)))
    kind = meeting["kind"]
    if kind == "three_party":
        required = parties_for(conn, rules)
        missing = rules_of.parties_missing(required, presence)
        if missing:
            return False, t("meeting_parties_missing", parties="、".join(_party_name(p) for p in missing))
        if required == rules_of.THREE_PARTIES:
            return True, t("meeting_parties_all")
        return True, t("meeting_joint_parties_all", parties="、".join(_party_name(p) for p in required))
    if kind == "committee":
        roster = [m["id"] for m in committee_roster(conn, meeting)]
        met, came, of = rules_of.committee_quorum(rules.committee.quorum, presence, roster)
        return met, f"{came}/{of}"
    if kind == "assembly":
        return None, ""
    return bool(presence.people), str(len(presence.people))


def committee_roster(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """The committee a meeting counts: the members in office when its attendance was first
    recorded (kept with the meeting), else those in office on its day. A roster change recorded
    later, dated on or before the meeting's day, does not change that meeting's quorum or votes."""
    from zhili_cli.store import members

    frozen = meeting.get("roster")
    if frozen is None:
        return members.committee(conn, meeting["date"])
    return [m for m in (members.get(conn, i) for i in json.loads(frozen)) if m is not None]


def speaking_parties(conn: sqlite3.Connection, meeting: dict[str, Any],
                     rows: list[dict[str, Any]] | None = None) -> set[str]:
    """The parties present through a named representative in office on the meeting's day (the
    committee's members for the owners' committee); a party recorded without a name (by older
    versions) counts for nothing."""
    from zhili_cli.services.representatives import of_party

    rows = store.attendance(conn, meeting["id"]) if rows is None else rows
    out: set[str] = set()
    for party in {r["party"] for r in rows if r.get("member_id") is not None}:
        speakers = committee_roster(conn, meeting) if party == "owners_committee" else of_party(conn, party,
                                                                                                  meeting["date"])
        ids = {m["id"] for m in speakers}
        if any(r.get("member_id") in ids for r in rows):
            out.add(party)
    return out


def check_can_decide(conn: sqlite3.Connection, rules: Any, meeting: dict[str, Any]) -> None:
    """A three-party or committee meeting decides only with its quorum, recomputed now; a
    committee with fewer members in office than `committee.size_min` not at all."""
    if meeting["kind"] not in rules_of.QUORUM_KINDS:
        return
    if meeting["kind"] == "committee":
        from zhili_cli.store import members

        in_office = len(committee_roster(conn, meeting))
        if rules_of.below_size_min(in_office, rules.committee.size_min):
            raise UserError("committee_below_size_min", number=meeting["number"], have=in_office,
                            need=rules.committee.size_min)
    met, detail = quorum(conn, rules, meeting)
    if not met:
        raise UserError("meeting_no_quorum", number=meeting["number"], detail=detail)


# decisions -----------------------------------------------------------------------

def decide(tx: Tx, rules: Any, ref: str, position: int, *, decision: str, owner: str | None = None,
           due: datetime | None = None, approved: bool = True, summary: str | None = None) -> dict[str, Any]:
    """Record an item's decision, owner and deadline; a linked petition moves on (decided → in progress)."""
    from zhili_cli import clock
    from zhili_cli.services import petitions
    from zhili_cli.store import petitions as petition_store

    if not decision or not decision.strip():
        raise UserError("meeting_decision_required")
    meeting = load(tx.conn, ref)
    it = item(tx.conn, meeting, position)
    if it["decided_at"]:
        raise UserError("meeting_item_decided", number=meeting["number"], item=position)
    check_can_record(tx, meeting)
    check_can_decide(tx.conn, rules, meeting)
    if meeting["kind"] == "assembly" and rules.assembly.only_published_items and not it["published"]:
        raise UserError("meeting_item_unpublished", number=meeting["number"], item=position)
    from zhili_cli.services.decisions import check_item_decision

    check_item_decision(tx.conn, meeting, it, approved)
    party = vocab.party(owner) if owner else None
    if it["type"] == "petition" and it["ref"]:
        p = petition_store.get(tx.conn, it["ref"])
        if p is not None and p["status"] == "on_agenda":
            petitions.decide(tx, p["number"], decision=decision.strip(), responsible=party, completion_due=due,
                             meeting=meeting["number"])
    return store.update_item(tx, it["id"], {
        "decision": decision.strip(), "approved": int(approved), "owner_party": party,
        "due": clock.iso(due), "decided_at": tx.at_iso, "summary": (summary or "").strip() or None,
    })


def record_minutes_details(tx: Tx, ref: str, *, place: str | None = None,
                           note_taker: str | None = None) -> dict[str, Any]:
    """The place and the note-taker, as the minutes print them."""
    meeting = load(tx.conn, ref)
    changes = {k: v.strip() for k, v in (("place", place), ("note_taker", note_taker)) if v and v.strip()}
    return store.update(tx, meeting["id"], changes) if changes else meeting


def publish_decisions(tx: Tx, ref: str) -> dict[str, Any]:
    """Publishing the decisions ends the meeting's record: only once it has been held (attendance
    or a decision recorded), never for a cancelled meeting or one not held yet."""
    meeting = load(tx.conn, ref)
    check_can_record(tx, meeting)
    if state_of(tx.conn, meeting) == rules_of.SCHEDULED:
        raise UserError("meeting_publish_not_held", number=meeting["number"])
    return store.update(tx, meeting["id"], {"decisions_published_at": meeting["decisions_published_at"] or tx.at_iso})


def overdue_publications(conn: sqlite3.Connection, rules: Any, today: date) -> list[dict[str, Any]]:
    """Committee decisions not published within `committee.publish_within_days`."""
    days = rules.committee.publish_within_days
    out = []
    for m in store.unpublished_decisions(conn, "committee"):
        last = store.last_decided_at(conn, m["id"])
        decided_on = date.fromisoformat((last or m["date"])[:10])
        due = decided_on + timedelta(days=days)
        if today > due:
            out.append({"number": m["number"], "title": m["title"], "date": m["date"], "decided": m["decided"],
                        "publish_due": due.isoformat(), "days_late": (today - due).days})
    return out


# reading ---------------------------------------------------------------------------

def detail(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.services.meeting_changes import history

    meeting = load(conn, ref)
    attendance = store.attendance(conn, meeting["id"])
    items = store.items(conn, meeting["id"])
    carried = store.carryovers(conn, meeting["id"])
    return {**{k: v for k, v in meeting.items() if k not in ("id", "year", "seq")},
            "quorum_met": None if meeting["quorum_met"] is None else bool(meeting["quorum_met"]),
            "state": state_of(conn, meeting, attendance, items),
            "attendance": [{k: a[k] for k in ("name", "role", "party")} for a in attendance],
            "agenda": [{**{k: v for k, v in i.items() if k not in ("id", "meeting_id")},
                        "carried_over": carried[i["id"]]["times"] if i["id"] in carried else 0,
                        "carried_from": carried[i["id"]]["from_meeting"] if i["id"] in carried else None}
                       for i in items],
            "history": history(conn, meeting)}


def list_(conn: sqlite3.Connection, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    cancelled = store.cancelled_ids(conn)
    return [{**r, "cancelled": r["id"] in cancelled}
            for r in store.list_(conn, kind_of(kind) if kind else None, limit)]


def agenda_never_built(conn: sqlite3.Connection, ref: str) -> bool:
    """No item yet and nothing published: the agenda is built the first time it is asked for."""
    meeting = load(conn, ref)
    return not store.items(conn, meeting["id"]) and not meeting["agenda_published_at"] \
        and not meeting["decisions_published_at"] and not store.cancelled(conn, meeting["id"])


def state_of(conn: sqlite3.Connection, meeting: dict[str, Any], attendance: list[dict[str, Any]] | None = None,
             items: list[dict[str, Any]] | None = None) -> str:
    attendance = store.attendance(conn, meeting["id"]) if attendance is None else attendance
    items = store.items(conn, meeting["id"]) if items is None else items
    cancelled = store.cancelled(conn, meeting["id"])
    return rules_of.state({**meeting, "cancelled_at": cancelled["at"] if cancelled else None},
                          attended=bool(attendance), decided=any(i["decided_at"] for i in items))
