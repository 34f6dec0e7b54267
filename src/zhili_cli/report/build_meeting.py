"""Meeting agenda (public, for the notice board: no names, no private petitions) and minutes
(attendance with names masked, decisions, signature lines for the three parties)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.domain.privacy import mask_name
from zhili_cli.errors import UserError
from zhili_cli.i18n import lang, t
from zhili_cli.report import build_common as c
from zhili_cli.report.build_areas import label
from zhili_cli.report.build_quarterly import signatures
from zhili_cli.report.model import Figure, KeyFigures, Paragraph, Report, Section, Table
from zhili_cli.store import reports as store

TABLES = ("meetings", "meeting_attendance", "agenda_items")


def _meeting(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    if not all(store.table_exists(conn, name) for name in TABLES):
        raise UserError("report_needs_meetings")
    row = store.meeting(conn, ref)
    if row is None:
        raise UserError("report_meeting_not_found", ref=ref)
    return row


def _kind(m: dict[str, Any]) -> str:
    return label("meeting_kind." + m["kind"], m["kind"])


def _period(m: dict[str, Any]) -> str:
    return f"{(m['date'] or '')[:10]} · {m['number']}"


def agenda(conn: sqlite3.Connection, rules: Any, ref: str, now: datetime) -> Report:
    m = _meeting(conn, ref)
    items = store.agenda(conn, m["id"], include_private=False)
    info = Section("meeting", t("rep.sec.meeting"), [
        KeyFigures([Figure(t("rep.col.meeting"), _kind(m)), Figure(t("rep.col.date"), (m["date"] or "")[:16]),
                    Figure(t("rep.col.number"), m["number"])]),
        Paragraph(m["title"]),
    ])
    table = Table(columns=[t("rep.col.position"), t("rep.col.type"), t("rep.col.ref"), t("rep.col.title")],
                  rows=[[i["position"], label("item_type." + i["type"], i["type"]), i["ref"], i["title"]]
                        for i in items], empty=t("rep.agenda_empty"))
    sections = [info, Section("agenda", t("rep.sec.agenda"), [table, Paragraph(t("rep.agenda_note"))],
                                     break_before=False)]
    return Report(kind="agenda", title=t("rep.title.agenda"), compound=store.compound_name(conn),
                  period=_period(m), as_of=c.as_of_text(now), public=True, sections=sections, lang=lang(),
                  footer=t("rep.footer.public"))


def minutes(conn: sqlite3.Connection, rules: Any, ref: str, now: datetime) -> Report:
    m = _meeting(conn, ref)
    people = store.attendance(conn, m["id"])
    items = store.agenda(conn, m["id"], include_private=True)
    quorum = {1: t("rep.yes"), 0: t("rep.no")}.get(m["quorum_met"])
    by_party: dict[str, int] = {}
    for p in people:
        by_party[p["party"]] = by_party.get(p["party"], 0) + 1
    info = Section("meeting", t("rep.sec.meeting"), [
        KeyFigures([Figure(t("rep.col.meeting"), _kind(m)), Figure(t("rep.col.date"), (m["date"] or "")[:16]),
                    Figure(t("rep.col.attendance"), len(people)), Figure(t("rep.col.quorum"), quorum)]),
        Paragraph(m["title"]),
    ])
    attendance = Section("attendance", t("rep.sec.attendance"), [
        Table(columns=[t("rep.col.party"), t("rep.col.present")],
              rows=[[c.party_name(p), n] for p, n in sorted(by_party.items())], empty=t("rep.none")),
        Table(columns=[t("rep.col.party"), t("rep.col.name"), t("rep.col.role")],
              rows=[[c.party_name(p["party"]), mask_name(p["name"]),
                     label("role." + p["role"], p["role"]) if p["role"] else None] for p in people],
              empty=t("rep.none")),
    ], break_before=False)
    decisions = Section("decisions", t("rep.sec.decisions"), [
        Table(columns=[t("rep.col.position"), t("rep.col.type"), t("rep.col.ref"), t("rep.col.title"),
                       t("rep.col.decision"), t("rep.col.approved"), t("rep.col.owner"), t("rep.col.due")],
              rows=[[i["position"], label("item_type." + i["type"], i["type"]), i["ref"], i["title"], i["decision"],
                     {1: t("rep.yes"), 0: t("rep.no")}.get(i["approved"]), c.party_name(i["owner_party"]),
                     (i["due"] or "")[:10] or None] for i in items],
              empty=t("rep.none")),
        signatures(),
    ], break_before=False)
    return Report(kind="minutes", title=t("rep.title.minutes"), compound=store.compound_name(conn),
                  period=_period(m), as_of=c.as_of_text(now), public=False,
                  sections=[info, attendance, decisions], lang=lang(), footer=t("rep.footer.internal"))
