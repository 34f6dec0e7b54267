"""Sections from the other areas (meetings, motions, money, projects)."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.domain.money import format_yuan
from zhili_cli.i18n import t
from zhili_cli.report import build_money as money
from zhili_cli.report import payees
from zhili_cli.report.build_common import Period, add_months, label, party_name
from zhili_cli.report.model import Figure, KeyFigures, Paragraph, Section, Table
from zhili_cli.store import reports as store
from zhili_cli.store import reports_money as money_store


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def sections(conn: sqlite3.Connection, period: Period, at: str, *, public: bool) -> list[Section]:
    """Every area's section, as it stood at `at`; a failing query raises (a report never silently
    loses a part). An area with nothing in the period is one line."""
    return [meetings(conn, period, at), motions(conn, period, at), expenses(conn, period, at, public=public),
            funds(conn, period), projects(conn, period, at)]


def _one_line(key: str, title: str, text: str) -> Section:
    return Section(key, title, [Paragraph(text)])


def meetings(conn: sqlite3.Connection, period: Period, at: str) -> Section:
    rows = store.meetings_between(conn, period.start, period.end, at)
    if not rows:
        return _one_line("meetings", t("rep.sec.meetings"), t("rep.none_meetings"))
    quorum = {1: t("rep.yes"), 0: t("rep.no")}
    table = Table(
        columns=[t("rep.col.number"), t("rep.col.date"), t("rep.col.meeting"), t("rep.col.attendance"),
                 t("rep.col.quorum"), t("rep.col.items"), t("rep.col.decisions"), t("rep.col.approved")],
        rows=[[m["number"], _date(m["date"]), m["title"] or label("meeting_kind." + m["kind"], m["kind"]),
               m["attended"], quorum.get(m["quorum_met"]), m["items"], m["decided"], m["approved"]] for m in rows],
        empty=t("rep.none"))
    return Section("meetings", t("rep.sec.meetings"), [
        Paragraph(t("rep.meetings_note", n=len(rows), decided=sum(m["decided"] for m in rows))), table])


def motions(conn: sqlite3.Connection, period: Period, at: str) -> Section:
    rows = store.motions_active(conn, period.start, period.end, at)
    if not rows:
        return _one_line("motions", t("rep.sec.motions"), t("rep.none_motions"))
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


def expenses(conn: sqlite3.Connection, period: Period, at: str, *, public: bool) -> Section:
    """Spending requested, approved or paid in the period, as it stood at `at`. Tier totals count
    only what was paid from public revenue; the maintenance fund follows its own procedure and
    has no tier; approved but unpaid items are listed apart."""
    rows = money_store.expenses(conn, period.start, period.end, at)
    pending = money.pending_table(conn, at)
    if not rows and pending is None:
        return _one_line("expenses", t("rep.sec.expenses"), t("rep.none_expenses"))
    paid = [e for e in rows if e["status"] == "paid" and e["paid_at"] and period.start <= e["paid_at"][:10] < period.end]
    by_tier: dict[str, list[int]] = {}
    for e in paid:
        key = "maintenance_fund" if e["fund"] == money.MAINTENANCE else e["tier"]
        entry = by_tier.setdefault(key, [0, 0])
        entry[0] += 1
        entry[1] += e["amount_fen"]
    order = ["chair", "committee", "three_party", "assembly", "maintenance_fund"]
    tiers = Table(columns=[t("rep.col.tier"), t("rep.col.count"), t("rep.col.paid_amount")],
                  rows=[[label("tier." + k, k) if k != "maintenance_fund" else t("rep.fund_procedure"), n,
                         format_yuan(fen)]
                        for k, (n, fen) in sorted(by_tier.items(), key=lambda kv: order.index(kv[0])
                                                  if kv[0] in order else len(order))],
                  title=t("rep.by.tier_paid"), empty=t("rep.none_paid"))
    approvals = money_store.approvals(conn, [e["id"] for e in rows], at)
    blocks: list[Any] = [tiers]
    for fund in money.FUNDS:
        mine = [e for e in rows if e["fund"] == fund]
        if not mine:
            continue
        detail_rows = []
        for e in mine:
            bodies, date, vote = money.approval_cells(approvals.get(e["id"], []))
            tier = t("rep.fund_procedure") if fund == money.MAINTENANCE else label("tier." + e["tier"], e["tier"])
            if fund == money.MAINTENANCE and e["emergency"]:
                tier = t("rep.emergency", kind=label("emergency." + e["emergency"], e["emergency"]))
            detail_rows.append([e["number"], e["purpose"], payees.public(e["payee"]),
                                format_yuan(e["amount_fen"]), tier, bodies, date, vote,
                                label("expense.status." + e["status"], e["status"])])
        blocks.append(Table(columns=[t("rep.col.number"), t("rep.col.item"), t("rep.col.payee"), t("rep.col.amount"),
                                     t("rep.col.tier"), t("rep.col.approvals"), t("rep.col.approved_on"),
                                     t("rep.col.vote"), t("rep.col.status")],
                            rows=detail_rows, title=t("rep.expense_list_fund", fund=label("fund." + fund, fund)),
                            wide=True, drop=(5, 6, 4, 7, 2)))  # a narrow terminal keeps amount and status
    if pending is not None:
        blocks.append(pending)
    return Section("expenses", t("rep.sec.expenses"), blocks)


def funds(conn: sqlite3.Connection, period: Period) -> Section:
    """Each fund with its opening balance, income, spending and closing balance."""
    bal = money.balances(conn, period)
    blocks: list[Any] = [money.balance_table(bal)]
    openings = [f for f in money.FUNDS if bal.get(f, {}).get("openings")]
    for f in openings:
        blocks.append(Paragraph(t("rep.opening_in_period_fund", fund=label("fund." + f, f),
                                  amount=format_yuan(bal[f]["openings"]))))
    chart = money.money_chart(conn, money.PUBLIC_FUND, add_months(period.last_month, -11), period.last_month, "money")
    if chart is not None:
        blocks.append(chart)
    return Section("funds", t("rep.sec.funds"), blocks)


def projects(conn: sqlite3.Connection, period: Period, at: str) -> Section:
    rows = store.milestones_between(conn, period.start, period.end, at)
    if not rows:
        return _one_line("projects", t("rep.sec.projects"), t("rep.none_milestones"))
    table = Table(
        columns=[t("rep.col.number"), t("rep.col.project"), t("rep.col.milestone"), t("rep.col.owner"),
                 t("rep.col.due"), t("rep.col.done_at"), t("rep.col.verified")],
        rows=[[m["number"], m["project"], m["title"], party_name(m["party"]), _date(m["due"]), _date(m["done_at"]),
               f"{m['verified_by']}/3"] for m in rows],
        empty=t("rep.none"))
    return Section("projects", t("rep.sec.projects"), [table])
