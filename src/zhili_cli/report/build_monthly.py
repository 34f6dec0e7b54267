"""月报: the monthly report (internal: names and phones masked)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.i18n import lang, t
from zhili_cli.report import build_areas, build_desk
from zhili_cli.report import build_common as c
from zhili_cli.report.model import Paragraph, Report, Section, Table
from zhili_cli.store import reports as store

LIST_LIMIT = 50


def build(conn: sqlite3.Connection, rules: Any, month: str, now: datetime, *, public: bool = False) -> Report:
    """Internal by default (names and phones masked); `public` for the notice board: no
    reporters at all, no private petitions, no payees."""
    period = c.month_period(month)
    at_iso = c.iso_at_end(period, now)
    private = not public
    stats = c.figures(conn, period, at_iso, public=public)
    closed = store.closed_between(conn, period.start, period.end, include_private=private)
    overdue_n, overdue_rows = store.open_at(conn, at_iso, received_before=period.end, overdue_only=True,
                                            include_private=private, limit=LIST_LIMIT)
    carried_n, carried_rows = store.open_at(conn, f"{period.start}T00:00:00+08:00", received_before=period.start,
                                            overdue_only=False, include_private=private, limit=LIST_LIMIT)

    overview = Section("overview", t("rep.sec.overview"), [
        c.key_figures(stats, closed, overdue_n),
        c.trend_chart(conn, period.last_month, 12, "trend", public=public),
    ])
    sources = Section("petitions", t("rep.sec.petitions"), [
        c.by_table(conn, "source", period, public=public),
        c.by_table(conn, "kind", period, public=public),
        c.kind_chart(conn, period, "kinds", public=public),
        c.by_table(conn, "building", period, public=public),
    ])
    overdue = Section("overdue", t("rep.sec.overdue"), [
        Paragraph(t("rep.overdue_note", n=overdue_n, at=at_iso[:10])),
        _listing(overdue_rows, overdue_n, public),
    ])
    carried = Section("carried_over", t("rep.sec.carried"), [
        Paragraph(t("rep.carried_note", n=carried_n, start=period.start)),
        _listing(carried_rows, carried_n, public),
    ])
    sections = [overview, sources, overdue, carried]
    sections += build_areas.sections(conn, period, public=public)
    sections += build_desk.sections(conn, period, public=public, rules=rules)  # volunteer totals, no names
    return Report(kind="monthly", title=t("rep.title.monthly"), compound=store.compound_name(conn),
                  period=period.label, as_of=c.as_of_text(now), public=public, sections=sections,
                  lang=lang(), footer=t("rep.footer.public" if public else "rep.footer.internal"))


def _listing(rows: list[dict[str, Any]], total: int, public: bool) -> Table:
    title = t("rep.list_first", n=len(rows), total=total) if total > len(rows) else None
    return Table(columns=c.petition_columns(public=public, with_reporter=True),
                 rows=c.petition_rows(rows, public=public, with_reporter=True),
                 title=title, empty=t("rep.none"))
