"""A meeting's agenda as use cases: build it from what is waiting (and what the previous
meeting of the same kind left undecided), add, drop, move, publish."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from zhili_cli.domain import meetings as rules_of
from zhili_cli.errors import UserError
from zhili_cli.store import meetings as store
from zhili_cli.store.tx import Tx


def _load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.services.meetings import load

    return load(conn, ref)


def _next_position(tx: Tx, meeting_id: int) -> int:
    items = store.items(tx.conn, meeting_id)
    return (max(i["position"] for i in items) + 1) if items else 1


def check_open(conn: sqlite3.Connection, meeting: dict[str, Any]) -> None:
    """The agenda can change until the decisions are published, and never on a cancelled meeting."""
    if meeting["decisions_published_at"]:
        raise UserError("meeting_agenda_locked", number=meeting["number"])
    if store.cancelled(conn, meeting["id"]):
        raise UserError("meeting_cancelled", number=meeting["number"])


def _add(tx: Tx, meeting: dict[str, Any], item_type: str, ref: str | None, title: str) -> dict[str, Any]:
    position = _next_position(tx, meeting["id"])
    published = 1 if meeting["agenda_published_at"] else 0
    item_id = store.add_item(tx, {"meeting_id": meeting["id"], "position": position, "type": item_type,
                                  "ref": ref, "title": title, "published": published})
    return tx.row("agenda_items", item_id)  # type: ignore[return-value]


def build_agenda(tx: Tx, rules: Any, ref: str) -> list[dict[str, Any]]:
    """Gather what is waiting for this meeting's body; returns the items added.

    - items left undecided by earlier meetings of this kind (carried over, counted);
    - petitions triaged to the meeting (大/难, status accepted) — three-party meetings;
    - motions whose current stage this body decides;
    - items waiting for this body's approval (expenses, from the money area);
    - project milestones awaiting verification (three-party);
    - report-backs on petitions finished since the last meeting of this kind (three-party).
    """
    from zhili_cli.services import decisions, petitions
    from zhili_cli.store import motions as motion_store
    from zhili_cli.store import petitions as petition_store

    meeting = _load(tx.conn, ref)
    check_open(tx.conn, meeting)
    kind = meeting["kind"]
    on_agenda = {(i["type"], i["ref"]) for i in store.items(tx.conn, meeting["id"])}
    added: list[dict[str, Any]] = carry_over(tx, meeting, on_agenda)

    def add(item_type: str, item_ref: str, title: str) -> None:
        if (item_type, item_ref) not in on_agenda:
            on_agenda.add((item_type, item_ref))
            added.append(_add(tx, meeting, item_type, item_ref, title))

    if kind == "three_party":
        waiting = petition_store.list_(tx.conn, status=["accepted"], limit=None)
        for p in sorted(waiting, key=lambda r: (r["received_at"], r["id"])):
            if p["kind"] and rules.petitions.kinds[p["kind"]].route == "meeting":
                petitions.put_on_agenda(tx, p["number"], meeting["number"])
                add("petition", p["number"], p["title"])
    for m in motion_store.open_at_body(tx.conn, rules_of.STAGE_BODY[kind]):
        add("motion", m["number"], m["title"])
    body = rules_of.APPROVAL_BODY.get(kind)
    if body:
        for w in decisions.waiting_for(tx.conn, body):
            add(w.get("type", "expense"), w["ref"], w.get("title") or w["ref"])
    if kind == "three_party":
        for ms in milestones_waiting(tx.conn, meeting):
            add("milestone", ms["ref"], ms["title"])
        for p in report_backs(tx.conn, meeting):
            add("report_back", p["number"], p["title"])
    return added


def carry_over(tx: Tx, meeting: dict[str, Any], on_agenda: set[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Items earlier meetings of this kind left undecided come back, marked with how many times.

    Only meetings already past (or cancelled) give up their items: a meeting still to be held
    may decide them itself."""
    today = tx.at.date().isoformat()
    cancelled = store.cancelled_ids(tx.conn)
    carried = store.carried_from_ids(tx.conn)
    added = []
    earlier = [m for m in store.previous_held(tx.conn, meeting["kind"], meeting["date"], meeting["id"])
               if (m["date"] < meeting["date"] or m["id"] < meeting["id"])
               and (m["date"] < today or m["id"] in cancelled)]
    for prev in reversed(earlier):  # oldest first, so the agenda keeps their order
        previous_items = store.items(tx.conn, prev["id"])
        before = store.carryovers(tx.conn, prev["id"])
        for it in rules_of.carried_over(previous_items, on_agenda, carried):
            row = _add(tx, meeting, it["type"], it["ref"], it["title"])
            times = before[it["id"]]["times"] + 1 if it["id"] in before else 1
            store.add_carryover(tx, {"item_id": row["id"], "from_item_id": it["id"], "times": times})
            carried.add(it["id"])
            if it["ref"]:
                on_agenda.add((it["type"], it["ref"]))
            added.append(row)
    return added


def milestones_waiting(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """Project milestones (民生实事) not yet verified by all three parties that are due by the
    meeting or already verified by some of them."""
    from zhili_cli.services import projects

    on = meeting["date"]
    out = []
    for project in projects.all_details(conn, date.fromisoformat(on)):
        for ms in project["milestones"]:
            if ms["done"]:
                continue
            if ms["verified_by"] or (ms["due"] and ms["due"][:10] <= on):
                out.append({"ref": ms["ref"], "title": f"{project['title']}：{ms['title']}"})
    return out


def report_backs(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """Petitions finished (done/verified) since the previous meeting of this kind — at most the
    month before when there was none; private matters are never reported in public."""
    prev = store.previous(conn, meeting["kind"], meeting["date"])
    since = prev["date"] if prev else (date.fromisoformat(meeting["date"]) - timedelta(days=31)).isoformat()
    until = (date.fromisoformat(meeting["date"]) + timedelta(days=1)).isoformat()
    from zhili_cli.store.petitions import finished_between

    return finished_between(conn, since, until)


def add_item(tx: Tx, ref: str, *, title: str | None = None, item_ref: str | None = None) -> dict[str, Any]:
    """By hand: a petition or motion number (the petition goes on the agenda), or a free title."""
    from zhili_cli.services import petitions
    from zhili_cli.store import motions as motion_store
    from zhili_cli.store import petitions as petition_store

    meeting = _load(tx.conn, ref)
    check_open(tx.conn, meeting)
    if item_ref:
        p = petition_store.get(tx.conn, item_ref)
        if p is not None:
            if p["status"] == "accepted":
                petitions.put_on_agenda(tx, p["number"], meeting["number"])
            return _add(tx, meeting, "petition", p["number"], title or p["title"])
        m = motion_store.get(tx.conn, item_ref)
        if m is not None:
            return _add(tx, meeting, "motion", m["number"], title or m["title"])
        return _add(tx, meeting, "other", item_ref.strip(), title or item_ref.strip())
    if not title or not title.strip():
        raise UserError("title_required")
    return _add(tx, meeting, "other", None, title.strip())


def item(conn: sqlite3.Connection, meeting: dict[str, Any], position: int) -> dict[str, Any]:
    for i in store.items(conn, meeting["id"]):
        if i["position"] == position:
            return i
    raise UserError("meeting_item_not_found", number=meeting["number"], item=position)


def drop_item(tx: Tx, ref: str, position: int) -> None:
    from zhili_cli.services import petitions
    from zhili_cli.store import petitions as petition_store

    meeting = _load(tx.conn, ref)
    check_open(tx.conn, meeting)
    it = item(tx.conn, meeting, position)
    if it["decided_at"]:
        raise UserError("meeting_item_decided", number=meeting["number"], item=position)
    if store.carryovers(tx.conn, meeting["id"]).get(it["id"]):
        raise UserError("meeting_item_carried", number=meeting["number"], item=position)
    if it["type"] == "petition":
        p = petition_store.get(tx.conn, it["ref"])
        if p is not None and p["status"] == "on_agenda":
            petitions.take_off_agenda(tx, p["number"], meeting["number"])
    store.delete_item(tx, it["id"])
    _renumber(tx, meeting["id"], [i["id"] for i in store.items(tx.conn, meeting["id"])])


def move_item(tx: Tx, ref: str, position: int, to: int) -> None:
    meeting = _load(tx.conn, ref)
    check_open(tx.conn, meeting)
    items = store.items(tx.conn, meeting["id"])
    it = item(tx.conn, meeting, position)
    order = [i["id"] for i in items if i["id"] != it["id"]]
    to = max(1, min(to, len(items)))
    order.insert(to - 1, it["id"])
    _renumber(tx, meeting["id"], order)


def _renumber(tx: Tx, meeting_id: int, order: list[int]) -> None:
    for pos, item_id in enumerate(order, start=1):
        store.update_item(tx, item_id, {"position": pos})


def publish_agenda(tx: Tx, ref: str) -> dict[str, Any]:
    meeting = _load(tx.conn, ref)
    if store.cancelled(tx.conn, meeting["id"]):
        raise UserError("meeting_cancelled", number=meeting["number"])
    for i in store.items(tx.conn, meeting["id"]):
        store.update_item(tx, i["id"], {"published": 1})
    return store.update(tx, meeting["id"], {"agenda_published_at": meeting["agenda_published_at"] or tx.at_iso})
