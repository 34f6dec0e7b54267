"""Meetings as use cases: schedule, build and edit the agenda, attendance and quorum, decide,
publish, minutes. The monthly three-party meeting (seed 000) is the default."""

from __future__ import annotations

import calendar
import sqlite3
from datetime import date, datetime, timedelta
from typing import Any

from zhili_cli.domain import vocab
from zhili_cli.errors import UserError
from zhili_cli.store import meetings as store
from zhili_cli.store.tx import Tx

KINDS = vocab.MEETING_KINDS  # names and aliases: domain/vocab_terms.py
# The body a meeting kind speaks for: in motion stages, and in the approval hook.
STAGE_BODY = {"three_party": "three_party", "committee": "committee", "party_pre": "party",
              "representatives": "representatives", "assembly": "owners"}
APPROVAL_BODY = {"three_party": "three_party", "committee": "committee", "assembly": "assembly"}
WEEKS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
MEETING_WEEKDAY = 3  # Thursday


def kind_of(value: str) -> str:
    return vocab.parse("meeting_kind", value)


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "meetings", ref, not_found="meeting_not_found")


def default_date(rules: Any, today: date) -> date:
    """The three-party meeting's day: Thursday of the rules' week (default the last week) of
    this month; today when that Thursday has just passed but the week has not; else next month's."""
    week = rules.meetings.three_party.week
    year, month = today.year, today.month
    for _ in range(2):
        day = _thursday(year, month, week)
        if day >= today:
            return day
        if (year, month) == (today.year, today.month) and (today - day).days < 7 and (
                week != "last" or today.day > calendar.monthrange(year, month)[1] - 7):
            return today  # that Thursday has passed but its week has not
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return day


def _thursday(year: int, month: int, week: str) -> date:
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == MEETING_WEEKDAY]
    return days[-1] if week == "last" else days[WEEKS[week]]


def schedule(tx: Tx, rules: Any, *, kind: str = "three_party", on: date | None = None, title: str | None = None,
             convener: str | None = None, extraordinary: bool = False,
             announced: date | None = None) -> dict[str, Any]:
    knd = kind_of(kind)
    today = tx.at.date()
    announced_on = announced or today
    if on is None:
        if knd == "three_party":
            on = default_date(rules, today)
        elif knd == "assembly":
            days = rules.assembly.extraordinary_notice_days if extraordinary else rules.assembly.notice_days
            on = announced_on + timedelta(days=days)
        else:
            on = today
    if knd == "assembly":
        need = rules.assembly.extraordinary_notice_days if extraordinary else rules.assembly.notice_days
        have = (on - announced_on).days
        if have < need:
            raise UserError("meeting_short_notice", days=need, announced=announced_on.isoformat(),
                            date=on.isoformat(), have=have)
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
        "announced_on": announced_on.isoformat(), "created_at": tx.at_iso,
    }
    store.insert(tx, row)
    return load(tx.conn, number)


def _party_name(party: str) -> str:
    from zhili_cli.i18n import t

    return t(f"party.{party}")


def _kind_name(kind: str) -> str:
    from zhili_cli.i18n import t

    return t(f"meeting_kind.{kind}")


# agenda ----------------------------------------------------------------------

def _next_position(tx: Tx, meeting_id: int) -> int:
    items = store.items(tx.conn, meeting_id)
    return (max(i["position"] for i in items) + 1) if items else 1


def _check_open(meeting: dict[str, Any]) -> None:
    if meeting["decisions_published_at"]:
        raise UserError("meeting_agenda_locked", number=meeting["number"])


def _add(tx: Tx, meeting: dict[str, Any], item_type: str, ref: str | None, title: str) -> dict[str, Any]:
    position = _next_position(tx, meeting["id"])
    published = 1 if meeting["agenda_published_at"] else 0
    item_id = store.add_item(tx, {"meeting_id": meeting["id"], "position": position, "type": item_type,
                                  "ref": ref, "title": title, "published": published})
    return tx.row("agenda_items", item_id)  # type: ignore[return-value]


def build_agenda(tx: Tx, rules: Any, ref: str) -> list[dict[str, Any]]:
    """Gather what is waiting for this meeting's body; returns the items added.

    - petitions triaged to the meeting (大/难, status accepted) — three-party meetings;
    - motions whose current stage this body decides;
    - items waiting for this body's approval (expenses, from the money area);
    - project milestones awaiting verification (three-party);
    - report-backs on petitions finished since the last meeting of this kind (three-party).
    """
    from zhili_cli.services import decisions, petitions
    from zhili_cli.store import motions as motion_store
    from zhili_cli.store import petitions as petition_store

    meeting = load(tx.conn, ref)
    _check_open(meeting)
    kind = meeting["kind"]
    on_agenda = {(i["type"], i["ref"]) for i in store.items(tx.conn, meeting["id"])}
    added: list[dict[str, Any]] = []

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
    for m in motion_store.open_at_body(tx.conn, STAGE_BODY[kind]):
        add("motion", m["number"], m["title"])
    body = APPROVAL_BODY.get(kind)
    if body:
        for w in decisions.waiting_for(tx.conn, body):
            add(w.get("type", "expense"), w["ref"], w.get("title") or w["ref"])
    if kind == "three_party":
        for ms in milestones_waiting(tx.conn, meeting):
            add("milestone", ms["ref"], ms["title"])
        for p in report_backs(tx.conn, meeting):
            add("report_back", p["number"], p["title"])
    return added


def milestones_waiting(conn: sqlite3.Connection, meeting: dict[str, Any]) -> list[dict[str, Any]]:
    """Project milestones (民生实事) not yet verified by all three parties that are due by the
    meeting or already verified by some of them — the projects area's, when present."""
    try:
        from zhili_cli.services import projects
    except ImportError:
        return []
    on = meeting["date"]
    out = []
    try:
        details = projects.all_details(conn, date.fromisoformat(on))
    except sqlite3.OperationalError:  # a database from before the projects tables
        return []
    for project in details:
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

    meeting = load(tx.conn, ref)
    _check_open(meeting)
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

    meeting = load(tx.conn, ref)
    _check_open(meeting)
    it = item(tx.conn, meeting, position)
    if it["decided_at"]:
        raise UserError("meeting_item_decided", number=meeting["number"], item=position)
    if it["type"] == "petition":
        p = petition_store.get(tx.conn, it["ref"])
        if p is not None and p["status"] == "on_agenda":
            petitions.take_off_agenda(tx, p["number"], meeting["number"])
    store.delete_item(tx, it["id"])
    _renumber(tx, meeting["id"], [i["id"] for i in store.items(tx.conn, meeting["id"])])


def move_item(tx: Tx, ref: str, position: int, to: int) -> None:
    meeting = load(tx.conn, ref)
    _check_open(meeting)
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
    meeting = load(tx.conn, ref)
    for i in store.items(tx.conn, meeting["id"]):
        store.update_item(tx, i["id"], {"published": 1})
    return store.update(tx, meeting["id"], {"agenda_published_at": meeting["agenda_published_at"] or tx.at_iso})


# attendance and quorum ---------------------------------------------------------

def attend(tx: Tx, rules: Any, ref: str, *, names: list[str], parties: list[str]) -> dict[str, Any]:
    """Record who came: named people from the roster (their party from the roster), and parties
    present without a name on the roster. Returns the meeting with its quorum."""
    from zhili_cli.store import members

    meeting = load(tx.conn, ref)
    for name in names:
        found = members.find(tx.conn, name.strip())
        if not found:
            raise UserError("meeting_unknown_person", name=name.strip())
        person = next((m for m in found if m["role"] in vocab.COMMITTEE_ROLES), found[0])
        store.add_attendee(tx, {"meeting_id": meeting["id"], "member_id": person["id"], "name": person["name"],
                                "role": person["role"], "party": person["party"]})
    for party in parties:
        key = vocab.party(party)
        if not any(a["party"] == key for a in store.attendance(tx.conn, meeting["id"])):
            store.add_attendee(tx, {"meeting_id": meeting["id"], "member_id": None, "name": vocab.PARTY_ZH[key],
                                    "role": None, "party": key})
    met, detail = quorum(tx.conn, rules, meeting)
    return store.update(tx, meeting["id"], {"quorum_met": None if met is None else int(met), "quorum_detail": detail})


def quorum(conn: sqlite3.Connection, rules: Any, meeting: dict[str, Any]) -> tuple[bool | None, str]:
    """three-party: all three parties present; committee: more than half of the members."""
    from zhili_cli.store import members

    present = store.attendance(conn, meeting["id"])
    kind = meeting["kind"]
    if kind == "three_party":
        parties = {a["party"] for a in present}
        missing = [_party_name(p) for p in ("residents_committee", "owners_committee", "property")
                   if p not in parties]
        from zhili_cli.i18n import t

        if missing:
            return False, t("meeting_parties_missing", parties="、".join(missing))
        return True, t("meeting_parties_all")
    if kind == "committee":
        roster = {m["id"] for m in members.committee(conn, meeting["date"])}
        came = {a["member_id"] for a in present if a["member_id"] in roster}
        if not roster:
            return False, "0/0"
        return rules.committee.quorum.met(len(came), len(roster)), f"{len(came)}/{len(roster)}"
    if kind == "assembly":
        return None, ""
    return bool(present), str(len(present))


# decisions -----------------------------------------------------------------------

def decide(tx: Tx, rules: Any, ref: str, position: int, *, decision: str, owner: str | None = None,
           due: datetime | None = None, approved: bool = True) -> dict[str, Any]:
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
    if meeting["kind"] in ("three_party", "committee") and not meeting["quorum_met"]:
        met, detail = quorum(tx.conn, rules, meeting)
        raise UserError("meeting_no_quorum", number=meeting["number"], detail=detail)
    if meeting["kind"] == "assembly" and rules.assembly.only_published_items and not it["published"]:
        raise UserError("meeting_item_unpublished", number=meeting["number"], item=position)
    party = vocab.party(owner) if owner else None
    if it["type"] == "petition" and it["ref"]:
        p = petition_store.get(tx.conn, it["ref"])
        if p is not None and p["status"] == "on_agenda":
            petitions.decide(tx, p["number"], decision=decision.strip(), responsible=party, completion_due=due,
                             meeting=meeting["number"])
    return store.update_item(tx, it["id"], {
        "decision": decision.strip(), "approved": int(approved), "owner_party": party,
        "due": clock.iso(due), "decided_at": tx.at_iso,
    })


def publish_decisions(tx: Tx, ref: str) -> dict[str, Any]:
    meeting = load(tx.conn, ref)
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
    meeting = load(conn, ref)
    return {**{k: v for k, v in meeting.items() if k not in ("id", "year", "seq")},
            "quorum_met": None if meeting["quorum_met"] is None else bool(meeting["quorum_met"]),
            "attendance": [{k: a[k] for k in ("name", "role", "party")} for a in store.attendance(conn, meeting["id"])],
            "agenda": [{k: v for k, v in i.items() if k not in ("id", "meeting_id")}
                       for i in store.items(conn, meeting["id"])]}


def minutes_markdown(conn: sqlite3.Connection, ref: str) -> str:
    """The minutes as Markdown: header, attendance per party, each item with its decision."""
    from zhili_cli.i18n import t

    d = detail(conn, ref)
    lines = [f"# {t('minutes.title', title=d['title'])}", "",
             f"- {t('minutes.date')}: {d['date']}",
             f"- {t('minutes.kind')}: {t('meeting_kind.' + d['kind'])}"]
    if d["convener"]:
        lines.append(f"- {t('minutes.convener')}: {d['convener']}")
    if d["quorum_met"] is not None:
        q = t("meeting_quorum_yes") if d["quorum_met"] else t("meeting_quorum_no")
        lines.append(f"- {t('minutes.quorum')}: {q}（{d['quorum_detail'] or ''}）")
    lines += ["", f"## {t('minutes.attendance')}", ""]
    by_party: dict[str, list[str]] = {}
    for a in d["attendance"]:
        by_party.setdefault(a["party"], []).append(a["name"])
    for party, names in by_party.items():
        lines.append(f"- {t('party.' + party)}: {'、'.join(names)}")
    lines += ["", f"## {t('minutes.agenda')}", ""]
    for i in d["agenda"]:
        ref_text = f" {i['ref']}" if i["ref"] else ""
        lines.append(f"{i['position']}. **{t('item_type.' + i['type'])}{ref_text}** {i['title']}")
        if i["decided_at"]:
            extra = []
            if i["owner_party"]:
                extra.append(f"{t('col.item_owner')}: {t('party.' + i['owner_party'])}")
            if i["due"]:
                extra.append(f"{t('col.due')}: {i['due'][:10]}")
            suffix = f"（{'；'.join(extra)}）" if extra else ""
            lines.append(f"   - {t('col.decision')}: {i['decision']}{suffix}")
        else:
            lines.append(f"   - {t('minutes.no_decision')}")
    lines += ["", f"## {t('minutes.signatures')}", ""]
    for party in ("residents_committee", "owners_committee", "property") if d["kind"] == "three_party" else ():
        lines.append(f"- {t('party.' + party)}: ________")
    return "\n".join(lines) + "\n"


def agenda_markdown(conn: sqlite3.Connection, ref: str) -> str:
    from zhili_cli.i18n import t

    d = detail(conn, ref)
    lines = [f"# {t('agenda.title', title=d['title'])}", "", f"- {t('minutes.date')}: {d['date']}", ""]
    for i in d["agenda"]:
        ref_text = f" {i['ref']}" if i["ref"] else ""
        lines.append(f"{i['position']}. {t('item_type.' + i['type'])}{ref_text}：{i['title']}")
    return "\n".join(lines) + "\n"


def list_rows(conn: sqlite3.Connection, kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    return store.list_(conn, kind, limit)


def items(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    return store.items(conn, meeting_id)
