"""季度公示: the quarterly public revenue disclosure (公共收益收支公示). Public: no personal data,
no private petitions; the audit chain's head printed so anyone can check the books later."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.i18n import lang, t
from zhili_cli.report import build_areas
from zhili_cli.report import build_common as c
from zhili_cli.report.model import Paragraph, Report, Section, Signatures
from zhili_cli.store import reports as store

PARTIES = ("residents_committee", "owners_committee", "property")


def signatures() -> Signatures:
    return Signatures(parties=[t(f"rep.sign.{p}") for p in PARTIES], date_label=t("rep.sign.date"))


def build(conn: sqlite3.Connection, rules: Any, quarter: str, now: datetime) -> Report:
    period = c.quarter_period(quarter)
    at_iso = c.iso_at_end(period, now)
    public = True
    sections = build_areas.disclosure(conn, period)
    stats = c.figures(conn, period, at_iso, public=public)
    closed = store.closed_between(conn, period.start, period.end, include_private=False)
    overdue_n, _ = store.open_at(conn, at_iso, received_before=period.end, overdue_only=True,
                                 include_private=False, limit=1)
    sections.append(Section("petitions", t("rep.sec.petitions_public"), [
        Paragraph(t("rep.public_petitions_note")),
        c.key_figures(stats, closed, overdue_n),
        c.by_table(conn, "kind", period, public=public),
    ]))
    head = c.audit_head(conn)
    sections.append(Section("verify", t("rep.sec.verify"), [
        Paragraph(t("rep.verify_note", entries=head.entries, hash=head.hash)),
        Paragraph(head.command),
        signatures(),
    ], break_before=False))
    return Report(kind="quarterly", title=t("rep.title.quarterly"), compound=store.compound_name(conn),
                  period=period.label, as_of=c.as_of_text(now), public=public, sections=sections,
                  audit_head=head, lang=lang(), footer=t("rep.footer.public"))
