"""The monthly report's volunteer section: totals only, no names (the same in the internal
and the public version)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from zhili_cli.i18n import t
from zhili_cli.report.model import Figure, KeyFigures, Paragraph, Section


def sections(conn: sqlite3.Connection, period: Any, *, public: bool, rules: Any = None) -> list[Section]:
    from zhili_cli.services.volunteers import month_totals

    last = (date.fromisoformat(period.end) - timedelta(days=1)).isoformat()
    totals = month_totals(conn, period.start, last)
    currency = rules.volunteer.currency if rules is not None else t("rep.vol.points_unit")
    if not totals["services"] and not totals["points_redeemed"]:
        return [Section("volunteers", t("rep.sec.volunteers"), [Paragraph(t("rep.vol.none"))], break_before=False)]
    return [Section("volunteers", t("rep.sec.volunteers"), [KeyFigures([
        Figure(t("rep.vol.volunteers"), totals["volunteers"], t("rep.vol.people")),
        Figure(t("rep.vol.services"), totals["services"], t("rep.vol.times")),
        Figure(t("rep.vol.hours"), totals["hours"], t("rep.vol.hours_unit")),
        Figure(t("rep.vol.earned"), totals["points_earned"], currency),
        Figure(t("rep.vol.redeemed"), totals["points_redeemed"], currency),
    ])], break_before=False)]
