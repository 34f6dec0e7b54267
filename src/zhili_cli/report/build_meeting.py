"""Meeting agenda (public, for the notice board: no residents' names, no private petitions) and
minutes, printed as OpenSlides and Decidim print them: time, place and convener; chair and
note-taker; who was present and who was absent, party by party, with the quorum basis; each
item's decision with the vote (yes/no/abstain, or each party's position), owner and deadline;
signature lines. Officials are named in full, as they act in office; residents are masked.
This is the one agenda/minutes builder: `meeting agenda --markdown`, `meeting minutes` and
`report agenda|minutes` all print it."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.domain.privacy import mask_name
from zhili_cli.errors import UserError
from zhili_cli.i18n import lang, t
from zhili_cli.report import build_common as c
from zhili_cli.report import frame
from zhili_cli.report.build_common import label
from zhili_cli.report.model import Figure, KeyFigures, Paragraph, Report, Section, Signatures, Table
from zhili_cli.store import reports as store

PARTIES = ("residents_committee", "owners_committee", "property")
OFFICIAL_PARTIES = ("residents_committee", "owners_committee", "property", "party", "subdistrict")
BLANK = "________________"


def _meeting(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    row = store.meeting(conn, ref)
    if row is None:
        raise UserError("report_meeting_not_found", ref=ref)
    return row


def _kind(m: dict[str, Any]) -> str:
    return label("meeting_kind." + m["kind"], m["kind"])


def _period(m: dict[str, Any]) -> str:
    return f"{(m['date'] or '')[:10]} · {m['number']}"


def _sep() -> str:
    return "、" if lang() == "zh" else ", "


def person(name: str, party: str | None) -> str:
    """Officials (committee members, the residents' committee, the property company's
    representatives) by name, as they act in office; anyone else masked."""
    return name if party in OFFICIAL_PARTIES else (mask_name(name) or "—")


def party_only(row: dict[str, Any]) -> bool:
    """A party recorded present without a person's name (`meeting attend --party`): never a head."""
    from zhili_cli.domain import vocab

    return row.get("member_id") is None and row["name"] in (vocab.PARTY_ZH.get(row["party"]), row["party"])


def _info(m: dict[str, Any], chair: str | None) -> Table:
    """The meeting's particulars, one per line (a line to fill by hand when not recorded)."""
    time = (m["date"] or "").replace("T", " ")[:16]
    rows = [[t("rep.m.time"), time], [t("rep.m.place"), m.get("place") or BLANK],
            [t("rep.m.convener"), m["convener"] or BLANK], [t("rep.m.chair"), chair or BLANK],
            [t("rep.m.note_taker"), m.get("note_taker") or BLANK]]
    return Table(columns=[t("rep.m.item"), t("rep.m.value")], rows=rows)


def agenda(conn: sqlite3.Connection, rules: Any, ref: str, now: datetime, *,
           contact: dict[str, str] | None = None) -> Report:
    m = _meeting(conn, ref)
    items = store.agenda(conn, m["id"], include_private=False)
    info = Section("meeting", t("rep.sec.meeting"), [
        Paragraph(f"{_kind(m)} · {m['title']}"),
        _info(m, None),
    ])
    table = Table(columns=[t("rep.col.position"), t("rep.col.type"), t("rep.col.ref"), t("rep.col.title")],
                  rows=[[i["position"], label("item_type." + i["type"], i["type"]), i["ref"], i["title"]]
                        for i in items], empty=t("rep.agenda_empty"))
    sections = [info, Section("agenda", t("rep.sec.agenda"), [table, Paragraph(t("rep.agenda_note"))])]
    report = Report(kind="agenda", title=t("rep.title.agenda"), compound=store.compound_name(conn),
                    period=_period(m), as_of=c.as_of_text(now), public=True, sections=sections, lang=lang(),
                    footer=t("rep.footer.public"))
    return frame.apply(report, None, now, contact=contact, has_committee=store.has_owners_committee(conn))


def _attendance(conn: sqlite3.Connection, m: dict[str, Any], people: list[dict[str, Any]]) -> Table:
    """Per party: present by name, absent by name (members in office on the day who did not
    attend; a party of a three-party meeting with nobody present)."""
    day = (m["date"] or "")[:10]
    expected = store.members_in_office(conn, day)
    parties = list(dict.fromkeys([*(PARTIES if m["kind"] == "three_party" else ()),
                                  *(p["party"] for p in people)]))
    if m["kind"] == "committee" and "owners_committee" not in parties:
        parties.insert(0, "owners_committee")
    rows = []
    for party in parties:
        present = [p for p in people if p["party"] == party]
        names = {p["name"] for p in present}
        absent = [e["name"] for e in expected if e["party"] == party and e["name"] not in names] \
            if m["kind"] == "committee" or party == "owners_committee" and m["kind"] != "three_party" else []
        named = [p for p in present if not party_only(p)]
        rows.append([c.party_name(party), len(named),
                     _sep().join([person(p["name"], party) + (f"（{label('role.' + p['role'], p['role'])}）"
                                                               if p["role"] else "") for p in named]
                                 + ([t("rep.m.party_present")] if len(named) < len(present) else [])) or "—",
                     _sep().join(person(n, party) for n in absent) or ("—" if present else t("rep.m.party_absent"))])
    return Table(columns=[t("rep.col.party"), t("rep.m.present_n"), t("rep.m.present"), t("rep.m.absent")],
                 rows=rows, wide=True)


def _vote_cell(vote: dict[str, Any] | None) -> str | None:
    if not vote:
        return None
    try:
        tally = json.loads(vote["tally"] or "{}")
    except ValueError:
        return vote["result"]
    if "positions" in tally:
        return _sep().join(f"{c.party_name(p)}{t('rep.m.agree') if ok else t('rep.m.disagree')}"
                           for p, ok in (tally["positions"] or {}).items())
    if "yes" in tally:
        return t("rep.m.tally", yes=tally.get("yes", 0), no=tally.get("no", 0), abstain=tally.get("abstain", 0))
    if "agree_owners" in tally:
        return t("rep.vote.owners", owners=tally.get("owners", 0), yes=tally.get("agree_owners", 0))
    return label("vote_result." + vote["result"], vote["result"])


def _vote_row(v: dict[str, Any], summaries: bool) -> list[Any]:
    """A vote taken at the meeting on a motion not on its agenda: motion, body, result, counts."""
    title = v["title"] + (f"（{v['subject']}）" if v.get("subject") else "")
    result = label("vote_result." + v["result"], v["result"])
    approved = {"passed": t("rep.yes"), "failed": t("rep.no")}.get(v["result"])
    return (["—", f"{label('item_type.motion', 'motion')} {v['motion']}", title] + ([None] if summaries else [])
            + [f"{label('body.' + v['body'], v['body'])}{result}", _vote_cell(v), approved, None, None])


def minutes(conn: sqlite3.Connection, rules: Any, ref: str, now: datetime) -> Report:
    m = _meeting(conn, ref)
    people = store.attendance(conn, m["id"])
    items = store.agenda(conn, m["id"], include_private=True)
    votes = {v["motion"]: v for v in store.meeting_votes(conn, m["id"])}
    chair = next((p["name"] for p in people if p["role"] == "chair"), None)
    quorum = {1: t("rep.yes"), 0: t("rep.no")}.get(m["quorum_met"])
    info = Section("meeting", t("rep.sec.meeting"), [
        Paragraph(f"{_kind(m)} · {m['title']}"),
        _info(m, chair),
        KeyFigures([Figure(t("rep.col.attendance"), t("rep.m.attendance_n", people=sum(
                        1 for p in people if not party_only(p)), parties=len({p["party"] for p in people}))),
                    Figure(t("rep.col.quorum"), quorum),
                    Figure(t("rep.m.quorum_basis"), m["quorum_detail"] or "—")]),
    ])
    attendance = Section("attendance", t("rep.sec.attendance"), [_attendance(conn, m, people)])
    rows = []
    summaries = any(i.get("summary") for i in items)
    for i in items:
        vote = votes.get(i["ref"]) if i["type"] == "motion" else None
        rows.append([i["position"], f"{label('item_type.' + i['type'], i['type'])} {i['ref'] or ''}".strip(),
                     i["title"]] + ([i.get("summary")] if summaries else []) +
                    [i["decision"] or t("rep.m.undecided"), _vote_cell(vote),
                     {1: t("rep.yes"), 0: t("rep.no")}.get(i["approved"]), c.party_name(i["owner_party"]),
                     (i["due"] or "")[:10] or None])
    listed = {i["ref"] for i in items if i["type"] == "motion"}
    for v in store.meeting_votes(conn, m["id"]):
        if v["motion"] in listed:
            continue
        listed.add(v["motion"])  # one row a motion: its latest vote at this meeting stands
        rows.append(_vote_row(votes[v["motion"]], summaries))
    decisions = Section("decisions", t("rep.sec.decisions"), [
        Table(columns=[t("rep.col.position"), t("rep.col.type"), t("rep.col.title")]
              + ([t("rep.m.summary")] if summaries else [])
              + [t("rep.m.decision"), t("rep.m.vote"), t("rep.col.approved"), t("rep.col.owner"), t("rep.col.due")],
              rows=rows, empty=t("rep.none"), wide=True),
    ] + ([] if summaries and all(i.get("summary") for i in items if i["decided_at"]) else
         [Paragraph(t("rep.m.summary_note"))]) + [
        Signatures(parties=[t("rep.m.sign_chair"), t("rep.m.sign_note_taker")]
                   + ([t(f"rep.sign.{p}") for p in PARTIES] if m["kind"] == "three_party" else []),
                   date_label=t("rep.sign.date")),
    ])
    return Report(kind="minutes", title=t("rep.title.minutes"), compound=store.compound_name(conn),
                  period=_period(m), as_of=c.as_of_text(now), public=False,
                  sections=[info, attendance, decisions], lang=lang(), footer=t("rep.footer.internal"),
                  printed=now.strftime("%Y-%m-%d %H:%M"), internal_mark=t("rep.internal_mark"))
