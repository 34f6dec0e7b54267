"""年报 / cumulative report: one year or a range of years (seed 000: 2018–2024, 340 matters
deliberated, 330 done, 97 %). "Deliberated" = kinds the rules route to the meeting. Every
figure as it stood at the last year's end."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from fractions import Fraction
from typing import Any

from zhili_cli.domain import stats as domain_stats
from zhili_cli.domain import vocab
from zhili_cli.i18n import lang, t
from zhili_cli.report import build_areas, frame
from zhili_cli.report import build_common as c
from zhili_cli.report.model import Chart, Figure, KeyFigures, Paragraph, Report, Section, Series, Table
from zhili_cli.store import reports as store


def meeting_kinds(rules: Any) -> list[str]:
    order = list(vocab.KINDS)
    return sorted((k for k, v in rules.petitions.kinds.items() if v.route == "meeting"),
                  key=lambda k: order.index(k) if k in order else len(order))


def build(conn: sqlite3.Connection, rules: Any, first: int, last: int, now: datetime, *,
          public: bool = False, contact: dict[str, str] | None = None) -> Report:
    period = c.years_period(first, last)
    at_iso = c.iso_at_end(period, now)
    kinds = meeting_kinds(rules)
    years = store.yearly(conn, period.start, period.end, at_iso, kinds, include_private=not public)
    deliberated = sum(int(y["deliberated"] or 0) for y in years)
    deliberated_done = sum(int(y["deliberated_done"] or 0) for y in years)
    rate = domain_stats.percent(Fraction(deliberated_done, deliberated), 0) if deliberated else None
    stats = c.figures(conn, period, at_iso, public=public)
    closed = store.closed_between(conn, period.start, period.end, at_iso, include_private=not public)
    overdue_n, _ = store.open_at(conn, at_iso, received_before=period.end, overdue_only=True,
                                 include_private=not public, limit=1)

    headline = t("rep.annual_headline", period=period.label, deliberated=deliberated, done=deliberated_done,
                 rate="—" if rate is None else f"{rate:.0f}",
                 kinds="、".join(c.kind_name(k) for k in kinds) if lang() == "zh" else ", ".join(kinds))
    overview = Section("overview", t("rep.sec.overview"), [
        Paragraph(headline),
        KeyFigures([
            Figure(t("rep.fig.deliberated"), deliberated),
            Figure(t("rep.fig.deliberated_done"), deliberated_done),
            Figure(t("rep.fig.deliberated_rate"), rate, "%"),
        ]),
        c.key_figures(stats, closed, overdue_n),
    ])
    per_year = Table(
        columns=[t("rep.col.year"), t("rep.col.received"), t("rep.col.accepted"), t("rep.col.done"),
                 t("rep.col.deliberated"), t("rep.col.deliberated_done"), t("rep.col.rate")],
        rows=[[y["year"], y["received"], int(y["accepted"] or 0), int(y["done"] or 0), int(y["deliberated"] or 0),
               int(y["deliberated_done"] or 0),
               domain_stats.percent(Fraction(int(y["deliberated_done"] or 0), int(y["deliberated"])))
               if y["deliberated"] else None] for y in years],
        title=t("rep.by.year"), empty=t("rep.none"))
    blocks: list[Any] = [per_year]
    if len(years) > 1:
        blocks.append(Chart(title=t("rep.chart.by_year"), labels=[str(y["year"]) for y in years],
                            series=[Series(t("rep.col.received"), [y["received"] for y in years]),
                                    Series(t("rep.col.deliberated"), [int(y["deliberated"] or 0) for y in years]),
                                    Series(t("rep.col.done"), [int(y["done"] or 0) for y in years])],
                            style="bar", chart_id="years"))
    yearly = Section("years", t("rep.sec.years"), blocks)
    kinds_sec = Section("petitions", t("rep.sec.petitions"), [
        c.by_table(conn, "kind", period, at_iso, public=public),
        c.kind_chart(conn, period, at_iso, "kinds", public=public),
        c.by_table(conn, "source", period, at_iso, public=public),
    ])
    sections = [overview, yearly, kinds_sec] + build_areas.sections(conn, period, at_iso, public=public)
    for s in sections:
        s.blocks = [b for b in s.blocks if b is not None]
    report = Report(kind="annual", title=t("rep.title.annual"), compound=store.compound_name(conn),
                    period=period.label, as_of=frame.as_of(period, now), public=public, sections=sections,
                    lang=lang(), footer=t("rep.footer.public" if public else "rep.footer.internal"))
    return frame.apply(report, period, now, contact=contact,
                       posted_days=rules.disclosure.posted_days if public else None)
