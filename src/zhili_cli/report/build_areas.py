"""Sections from the other areas (meetings, motions, money, projects)."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.domain.money import format_yuan
from zhili_cli.domain.privacy import mask_name
from zhili_cli.i18n import lang, t
from zhili_cli.report.build_common import Period, add_months, party_name
from zhili_cli.report.model import Chart, Figure, KeyFigures, Paragraph, Section, Series, Table
from zhili_cli.store import reports as store

PUBLIC_FUND = "public_revenue"


def label(key: str, fallback: str | None = None) -> str:
    """A term from another area's catalogue, or the raw value when that area is not installed."""
    text = t(key)
    return (fallback if fallback is not None else key.split(".")[-1]) if text == key else text


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def sections(conn: sqlite3.Connection, period: Period, *, public: bool) -> list[Section]:
    """Every area's section; a failing query raises (a disclosure never silently loses a part)."""
    parts = [
        lambda: meetings(conn, period),
        lambda: motions(conn, period),
        lambda: expenses(conn, period, public=public),
        lambda: funds(conn, period),
        lambda: projects(conn, period),
    ]
    out = []
    for build in parts:
        section = build()
        if section is not None:
            # Short sections follow on the same page; the first and any long one start a page.
            section.break_before = not out or _rows(section) > SHORT
            out.append(section)
    return out


SHORT = 8


def _rows(section: Section) -> int:
    return sum(len(b.rows) for b in section.blocks if isinstance(b, Table)) + \
        sum(8 for b in section.blocks if isinstance(b, Chart))


def meetings(conn: sqlite3.Connection, period: Period) -> Section:
    rows = store.meetings_between(conn, period.start, period.end)
    quorum = {1: t("rep.yes"), 0: t("rep.no")}
    table = Table(
        columns=[t("rep.col.number"), t("rep.col.date"), t("rep.col.meeting"), t("rep.col.attendance"),
                 t("rep.col.quorum"), t("rep.col.items"), t("rep.col.decisions"), t("rep.col.approved")],
        rows=[[m["number"], _date(m["date"]), m["title"] or label("meeting_kind." + m["kind"], m["kind"]),
               m["attended"], quorum.get(m["quorum_met"]), m["items"], m["decided"], m["approved"]] for m in rows],
        empty=t("rep.none"))
    return Section("meetings", t("rep.sec.meetings"), [
        Paragraph(t("rep.meetings_note", n=len(rows), decided=sum(m["decided"] for m in rows))), table])


def motions(conn: sqlite3.Connection, period: Period) -> Section:
    rows = store.motions_active(conn, period.start, period.end)
    passed = [m for m in rows if m["status"] == "carried" and m["closed_at"] and
              period.start <= m["closed_at"][:10] < period.end]
    table = Table(
        columns=[t("rep.col.number"), t("rep.col.motion"), t("rep.col.stage"), t("rep.col.advanced"),
                 t("rep.col.result")],
        rows=[[m["number"], m["title"], f"{m['stages_done']}/{m['stages']}", m["advanced"],
               label("motion_status." + m["status"], m["status"])] for m in rows],
        empty=t("rep.none"))
    return Section("motions", t("rep.sec.motions"), [
        KeyFigures([Figure(t("rep.fig.motions_active"), len(rows)),
                    Figure(t("rep.fig.motions_advanced"), sum(1 for m in rows if m["advanced"])),
                    Figure(t("rep.fig.motions_passed"), len(passed))]),
        table])


def _bodies(text: str | None) -> str | None:
    if not text:
        return None
    return ("、" if lang() == "zh" else ", ").join(label("body." + b, b) for b in text.split(","))


ORGANISATION = ("公司", "店", "厂", "部", "中心", "局", "所", "处", "站", "社", "院", "会", "行", "队")


def payee(name: str | None) -> str | None:
    """Organisations by name; a person (a short name, no organisation word) masked as 张*."""
    if not name:
        return name
    if len(name) <= 4 and not any(word in name for word in ORGANISATION):
        return mask_name(name)
    return name


def expenses(conn: sqlite3.Connection, period: Period, *, public: bool) -> Section:
    rows = store.expenses_between(conn, period.start, period.end)
    by_tier: dict[str, list[int]] = {}
    for e in rows:
        entry = by_tier.setdefault(e["tier"], [0, 0])
        entry[0] += 1
        entry[1] += e["amount_fen"]
    tiers = Table(columns=[t("rep.col.tier"), t("rep.col.count"), t("rep.col.amount")],
                  rows=[[label("tier." + k, k), n, format_yuan(fen)] for k, (n, fen) in sorted(by_tier.items())],
                  title=t("rep.by.tier"), empty=t("rep.none"))
    columns = [t("rep.col.number"), t("rep.col.fund"), t("rep.col.item"), t("rep.col.amount"),
               t("rep.col.tier"), t("rep.col.approvals"), t("rep.col.status")]
    if not public:
        columns.insert(3, t("rep.col.payee"))
    detail_rows = []
    for e in rows:
        row = [e["number"], label("fund." + e["fund"], e["fund"]), e["purpose"], format_yuan(e["amount_fen"]),
               label("tier." + e["tier"], e["tier"]), _bodies(e["bodies"]),
               label("expense.status." + e["status"], e["status"])]
        if not public:
            row.insert(3, payee(e["payee"]))
        detail_rows.append(row)
    detail = Table(columns=columns, rows=detail_rows, title=t("rep.expense_list"), empty=t("rep.none"))
    return Section("expenses", t("rep.sec.expenses"), [tiers, detail])


def funds(conn: sqlite3.Connection, period: Period) -> Section:
    opening = store.ledger_balances(conn, period.start)
    closing = store.ledger_balances(conn, period.end)
    names = sorted(set(opening) | set(closing))
    table = Table(columns=[t("rep.col.fund"), t("rep.fig.opening"), t("rep.fig.closing")],
                  rows=[[label("fund." + f, f), format_yuan(opening.get(f, 0)), format_yuan(closing.get(f, 0))]
                        for f in names], empty=t("rep.none"))
    blocks: list[Any] = [table]
    if PUBLIC_FUND in names:
        blocks.append(money_chart(conn, add_months(period.last_month, -11), period.last_month, "money"))
    return Section("funds", t("rep.sec.funds"), blocks)


def projects(conn: sqlite3.Connection, period: Period) -> Section:
    rows = store.milestones_between(conn, period.start, period.end)
    table = Table(
        columns=[t("rep.col.number"), t("rep.col.project"), t("rep.col.milestone"), t("rep.col.owner"),
                 t("rep.col.due"), t("rep.col.done_at"), t("rep.col.verified")],
        rows=[[m["number"], m["project"], m["title"], party_name(m["party"]), _date(m["due"]), _date(m["done_at"]),
               f"{m['verified_by']}/3"] for m in rows],
        empty=t("rep.none"))
    return Section("projects", t("rep.sec.projects"), [table])


def money_chart(conn: sqlite3.Connection, first: str, last: str, chart_id: str) -> Chart:
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    data = store.ledger_monthly(conn, PUBLIC_FUND, f"{first}-01", f"{add_months(last, 1)}-01")
    return Chart(title=t("rep.chart.money"), labels=months,
                 series=[Series(t("rep.fig.income"), [data.get(m, (0, 0))[0] / 100 for m in months]),
                         Series(t("rep.fig.spending"), [data.get(m, (0, 0))[1] / 100 for m in months])],
                 style="bar", chart_id=chart_id)


def disclosure(conn: sqlite3.Connection, period: Period) -> list[Section]:
    """The money part of the quarterly disclosure: public revenue item by item, no personal data."""
    opening = store.ledger_balances(conn, period.start).get(PUBLIC_FUND, 0)
    entries = store.ledger_entries(conn, PUBLIC_FUND, period.start, period.end)
    income = [e for e in entries if e["kind"] == "income"]
    spending = [e for e in entries if e["kind"] == "expense"]
    total_in = sum(e["amount_fen"] for e in income)
    total_out = sum(e["amount_fen"] for e in spending)
    closing = opening + total_in - total_out
    summary = Section("money", t("rep.sec.money"), [
        KeyFigures([Figure(t("rep.fig.opening"), format_yuan(opening), t("rep.unit.yuan")),
                    Figure(t("rep.fig.income"), format_yuan(total_in), t("rep.unit.yuan")),
                    Figure(t("rep.fig.spending"), format_yuan(total_out), t("rep.unit.yuan")),
                    Figure(t("rep.fig.closing"), format_yuan(closing), t("rep.unit.yuan"))]),
        Paragraph(t("rep.balance_check", opening=format_yuan(opening), income=format_yuan(total_in),
                    spending=format_yuan(total_out), closing=format_yuan(closing))),
        money_chart(conn, period.first_month, period.last_month, "money"),
    ])
    income_table = Table(
        columns=[t("rep.col.date"), t("rep.col.source_money"), t("rep.col.for_period"), t("rep.col.amount")],
        rows=[[e["on_date"][:10], label("source." + e["source"], e["source"]) if e["source"] else None,
               e["period"], format_yuan(e["amount_fen"])] for e in income]
        + ([[t("rep.total"), None, None, format_yuan(total_in)]] if income else []),
        empty=t("rep.none"))
    spend_table = Table(
        columns=[t("rep.col.date"), t("rep.col.number"), t("rep.col.item"), t("rep.col.tier"),
                 t("rep.col.approvals"), t("rep.col.amount")],
        rows=[[e["on_date"][:10], e["expense"], e["purpose"] or "—",
               label("tier." + e["tier"], e["tier"]) if e["tier"] else None, _bodies(e["bodies"]),
               format_yuan(e["amount_fen"])] for e in spending]
        + ([[t("rep.total"), None, None, None, None, format_yuan(total_out)]] if spending else []),
        empty=t("rep.none"))
    return [summary,
            Section("income", t("rep.sec.income"), [income_table], break_before=False),
            Section("spending", t("rep.sec.spending"), [spend_table], break_before=False)]
