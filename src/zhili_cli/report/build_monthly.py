"""月报: the monthly report (internal: names and phones masked), every figure as it stood at the
month's end."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.i18n import lang, t
from zhili_cli.report import build_areas, build_desk, frame
from zhili_cli.report import build_common as c
from zhili_cli.report.model import Paragraph, Report, Section, Table
from zhili_cli.store import reports as store

LIST_LIMIT = 60


def build(conn: sqlite3.Connection, rules: Any, month: str, now: datetime, *, public: bool = False,
          contact: dict[str, str] | None = None) -> Report:
    """Internal by default (names and phones masked); `public` for the notice board: no
    reporters at all, no private petitions, payees who are persons masked."""
    period = c.month_period(month)
    at_iso = c.iso_at_end(period, now)
    private = not public
    stats = c.figures(conn, period, at_iso, public=public)
    closed = store.closed_between(conn, period.start, period.end, at_iso, include_private=private)
    overdue_n, _ = store.open_at(conn, at_iso, received_before=period.end, overdue_only=True,
                                 include_private=private, limit=1)
    open_n, open_rows = store.open_at(conn, at_iso, received_before=period.end, overdue_only=False,
                                      include_private=private, limit=LIST_LIMIT)

    overview = Section("overview", t("rep.sec.overview"), [
        c.key_figures(stats, closed, overdue_n),
        c.trend_chart(conn, period.last_month, 12, "trend", public=public),
    ])
    sources = Section("petitions", t("rep.sec.petitions"), [
        c.by_table(conn, "source", period, at_iso, public=public),
        c.by_table(conn, "kind", period, at_iso, public=public),
        c.kind_chart(conn, period, at_iso, "kinds", public=public),
        c.by_table(conn, "building", period, at_iso, public=public),
    ])
    pending = Section("open", t("rep.sec.open"), [
        Paragraph(t("rep.open_note", n=open_n, overdue=overdue_n, at=frame.as_of(period, now)[:10], start=period.start)),
        open_listing(open_rows, open_n, at_iso, period.start, public),
    ] if open_n else [Paragraph(t("rep.none_open", at=frame.as_of(period, now)[:10]))])
    sections = [overview, sources, pending]
    sections += build_areas.sections(conn, period, at_iso, public=public)
    sections += build_desk.sections(conn, period, public=public, rules=rules)  # volunteer totals, no names
    for s in sections:
        s.blocks = [b for b in s.blocks if b is not None]
    report = Report(kind="monthly", title=t("rep.title.monthly"), compound=store.compound_name(conn),
                    period=period.label, as_of=frame.as_of(period, now), public=public, sections=sections,
                    lang=lang(), footer=t("rep.footer.public" if public else "rep.footer.internal"))
    posted = rules.disclosure.posted_days if rules is not None and public else None
    return frame.apply(report, period, now, contact=contact, posted_days=posted)


def open_listing(rows: list[dict[str, Any]], total: int, at_iso: str, start: str, public: bool) -> Table:
    """Open petitions at the period's end, overdue and carried over in one list: days late, and
    whether it was carried over from an earlier month."""
    title = t("rep.list_first", n=len(rows), total=total) if total > len(rows) else None
    columns = c.petition_columns(public=public, with_reporter=True)
    columns[7:7] = [t("rep.col.days_late"), t("rep.col.carried")]
    out = []
    for r, row in zip(rows, c.petition_rows(rows, public=public, with_reporter=True)):
        row[7:7] = [c.days_late(r, at_iso), t("rep.yes") if (r["received_at"] or "") < start else None]
        out.append(row)
    # a narrow terminal keeps the number, the item, its state, the deadline and the days late
    drop = (10, 9, 5, 8, 2, 3) if len(columns) == 11 else (5, 8, 2, 3)
    return Table(columns=columns, rows=out, title=title, empty=t("rep.none"), wide=True, drop=drop)
