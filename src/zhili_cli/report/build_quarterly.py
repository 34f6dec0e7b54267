"""季度公示: the quarterly public revenue disclosure (公共收益收支公示). Public: no personal data,
no private petitions; every figure as it stood at the quarter's end; the 公示 frame (公示期,
contact for objections, 落款 with seals) and the audit chain's head, short and as a QR code,
so anyone can check the books later."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.i18n import lang, t
from zhili_cli.report import build_money, frame
from zhili_cli.report import build_common as c
from zhili_cli.report.model import Paragraph, Report, Section, Signatures
from zhili_cli.store import reports as store

PARTIES = ("residents_committee", "owners_committee", "property")


def signatures() -> Signatures:
    return Signatures(parties=[t(f"rep.sign.{p}") for p in PARTIES], date_label=t("rep.sign.date"))


def build(conn: sqlite3.Connection, rules: Any, quarter: str, now: datetime, *,
          contact: dict[str, str] | None = None, has_committee: bool = True) -> Report:
    period = c.quarter_period(quarter)
    at_iso = c.iso_at_end(period, now)
    public = True
    sections = build_money.disclosure(conn, period, at_iso)
    stats = c.figures(conn, period, at_iso, public=public)
    closed = store.closed_between(conn, period.start, period.end, at_iso, include_private=False)
    overdue_n, _ = store.open_at(conn, at_iso, received_before=period.end, overdue_only=True,
                                 include_private=False, limit=1)
    sections.append(Section("petitions", t("rep.sec.petitions_public"), [
        Paragraph(t("rep.public_petitions_note")),
        c.key_figures(stats, closed, overdue_n),
        c.by_table(conn, "kind", period, at_iso, public=public),
    ]))
    published = c.publication(conn, "quarterly", f"{period.first_month[:4]}Q{(int(period.first_month[5:7]) - 1) // 3 + 1}")
    report = Report(kind="quarterly", title=t("rep.title.quarterly"), compound=store.compound_name(conn),
                    period=period.label, as_of=frame.as_of(period, now), public=public, sections=sections,
                    audit_head=c.audit_head(conn, published), lang=lang(), footer=t("rep.footer.public"))
    posted = rules.disclosure.posted_days if rules is not None else None
    report = frame.apply(report, period, now, contact=contact, posted_days=posted, has_committee=has_committee)
    changed = c.reprint_note(conn, published)
    if changed:
        report.status_note = f"{report.status_note} {changed}".strip()
    return report
