"""Money in the reports: every fund in its own table with its opening balance (an opening
recorded inside the period counts as opening), income with the gross and ratio of shared
revenue, reversals where they are dated, spending a resident can check (payee, approving
body and date, the motion and its vote, or the emergency confirmation), and the approved
but unpaid items apart. Everything as it stood at the period's end."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.domain.money import format_yuan
from zhili_cli.i18n import lang, t
from zhili_cli.report import payees
from zhili_cli.report.build_common import Period, add_months, label
from zhili_cli.report.model import Chart, Figure, KeyFigures, Paragraph, Section, Series, Table
from zhili_cli.store import reports_money as store

PUBLIC_FUND = "public_revenue"
MAINTENANCE = "maintenance_fund"
FUNDS = ("public_revenue", "maintenance_fund", "co_funded")


def _sep() -> str:
    return "、" if lang() == "zh" else ", "


# ---- balances -----------------------------------------------------------------------------

def balances(conn: sqlite3.Connection, period: Period) -> dict[str, dict[str, int]]:
    """fund → {opening, openings, income, expense, closing} in fen for the period."""
    out = {}
    for fund, m in store.movements(conn, period.start, period.end).items():
        opening = m["before"] + m["openings"]
        out[fund] = {"opening": opening, "openings": m["openings"], "income": m["income"],
                     "expense": m["expense"], "closing": opening + m["income"] - m["expense"]}
    return out


def _active(b: dict[str, int]) -> bool:
    return any(b[k] for k in ("opening", "income", "expense"))


def balance_table(bal: dict[str, dict[str, int]]) -> Table:
    """One row per fund that holds or moved money: opening, income, spending, closing."""
    rows = [[label("fund." + f, f), format_yuan(b["opening"]), format_yuan(b["income"]),
             format_yuan(b["expense"]), format_yuan(b["closing"])]
            for f in FUNDS if (b := bal.get(f)) and _active(b)]
    return Table(columns=[t("rep.col.fund"), t("rep.fig.opening"), t("rep.fig.income"), t("rep.fig.spending"),
                          t("rep.fig.closing")], rows=rows, title=t("rep.by.fund"), empty=t("rep.none"))


def key_figures(b: dict[str, int]) -> KeyFigures:
    yuan = t("rep.unit.yuan")
    return KeyFigures([Figure(t("rep.fig.opening"), format_yuan(b["opening"]), yuan),
                       Figure(t("rep.fig.income"), format_yuan(b["income"]), yuan),
                       Figure(t("rep.fig.spending"), format_yuan(b["expense"]), yuan),
                       Figure(t("rep.fig.closing"), format_yuan(b["closing"]), yuan)])


def balance_check(b: dict[str, int], period: Period) -> list[Paragraph]:
    out = [Paragraph(t("rep.balance_check", opening=format_yuan(b["opening"]), income=format_yuan(b["income"]),
                       spending=format_yuan(b["expense"]), closing=format_yuan(b["closing"])))]
    if b["openings"]:
        out.append(Paragraph(t("rep.opening_in_period", amount=format_yuan(b["openings"]))))
    return out


def money_chart(conn: sqlite3.Connection, fund: str, first: str, last: str, chart_id: str) -> Chart | None:
    """Monthly income and spending of one fund; None when the months hold no money at all."""
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    data = store.monthly(conn, fund, f"{first}-01", f"{add_months(last, 1)}-01")
    if not any(data.get(m, (0, 0)) != (0, 0) for m in months):
        return None
    return Chart(title=t("rep.chart.money"), labels=months,
                 series=[Series(t("rep.fig.income"), [data.get(m, (0, 0))[0] / 100 for m in months]),
                         Series(t("rep.fig.spending"), [data.get(m, (0, 0))[1] / 100 for m in months])],
                 style="bar", chart_id=chart_id, money=True)


# ---- approvals as a resident reads them -------------------------------------------------

def _vote_text(a: dict[str, Any]) -> str | None:
    if a["body"] == "register":  # a payment from an imported register: the body column says so
        return None
    try:
        detail = json.loads(a["detail"]) if a["detail"] else {}
    except (TypeError, ValueError):
        detail = None
    motion = (a["ref"] or "").split("/")[0] or None
    if not isinstance(detail, dict):
        return motion
    if "members" in detail and "yes" in detail:
        text = t("rep.vote.members", members=detail["members"], yes=detail["yes"], no=detail.get("no", 0))
    elif "positions" in detail:
        positions = detail["positions"] or {}
        text = t("rep.vote.parties", parties=len(positions), yes=sum(1 for v in positions.values() if v))
    elif "owners" in detail and "agree_owners" in detail:
        text = t("rep.vote.owners", owners=detail["owners"], yes=detail["agree_owners"])
    else:
        return motion
    return f"{motion}{'，' if lang() == 'zh' else ', '}{text}" if motion else text


def approval_cells(approvals: list[dict[str, Any]]) -> tuple[str | None, str | None, str | None]:
    """(approving bodies, approval date, motion and vote or emergency confirmation)."""
    decisions = [a for a in approvals if a["body"] != "confirm"]
    confirms = [a for a in approvals if a["body"] == "confirm"]
    bodies = _sep().join(dict.fromkeys(label("body." + a["body"], a["body"]) for a in decisions)) or None
    date = (decisions[-1]["approved_at"] or decisions[-1]["at"])[:10] if decisions else None
    notes = [v for a in decisions if (v := _vote_text(a))]
    notes += [t("rep.vote.confirmed", party=label("party." + (c["ref"] or ""), c["ref"] or "—"), date=c["at"][:10])
              for c in confirms]
    return bodies, date, "；".join(notes) if lang() == "zh" else "; ".join(notes) or None


def _share_note(e: dict[str, Any]) -> str:
    if e.get("expense_fund") == "co_funded" and e.get("expense_total"):
        return t("rep.cofunded_note", total=format_yuan(e["expense_total"]))
    return ""


# ---- the disclosure's money sections --------------------------------------------------

def spend_columns() -> list[str]:
    return [t("rep.col.paid_on"), t("rep.col.number"), t("rep.col.item"), t("rep.col.payee"), t("rep.col.amount"),
            t("rep.col.approvals"), t("rep.col.approved_on"), t("rep.col.vote")]


def _reversal_note(e: dict[str, Any]) -> str:
    """冲销 L12（2024-11-15，调整已公示的 2024Q4）：reason — a correction of a published period
    names that period, so the disclosure that carries it says which posted figures it adjusts."""
    when = e.get("reverses_on") or ""
    if e.get("reverses_published"):
        when = t("rep.adjusts_published", day=when[:10], period=e["reverses_published"])
    return t("rep.reversal_of", entry=f"L{e['reverses']}", when=when[:40], reason=e["reversal_reason"] or "")


def fund_detail(conn: sqlite3.Connection, fund: str, period: Period, at: str) -> tuple[Table, Table]:
    """Income and spending of one fund, item by item, each with its total."""
    entries = store.entries(conn, fund, period.start, period.end)
    income = [e for e in entries if e["kind"] == "income"]
    spending = [e for e in entries if e["kind"] == "expense"]
    shared = any(e["gross_fen"] for e in income)
    in_cols = [t("rep.col.date"), t("rep.col.source_money"), t("rep.col.for_period")]
    if shared:
        in_cols += [t("rep.col.gross"), t("rep.col.ratio")]
    reversals = any(e["reverses"] or e["reversed_by"] for e in income)
    in_cols += [t("rep.col.amount") if not shared else t("rep.col.owners_share")]
    if reversals:
        in_cols.append(t("rep.col.note"))
    in_rows: list[list[Any]] = []
    for e in income:
        row = [e["on_date"][:10], label("source." + e["source"], e["source"]) if e["source"] else None, e["period"]]
        if shared:
            row += [format_yuan(e["gross_fen"]) if e["gross_fen"] else None, e["share_ratio"]]
        note = _reversal_note(e) if e["reverses"] else \
            t("rep.reversed_by", entry=f"L{e['reversed_by']}") if e["reversed_by"] else None
        row += [format_yuan(e["amount_fen"])] + ([note] if reversals else [])
        in_rows.append(row)
    if income:
        total = [t("rep.total"), None, None] + ([None, None] if shared else []) + \
            [format_yuan(sum(e["amount_fen"] for e in income))] + ([None] if reversals else [])
        in_rows.append(total)
    ids = sorted({e["expense_id"] for e in spending if e["expense_id"]})
    approvals = store.approvals(conn, ids, at)
    payee_of = {r["id"]: r for r in store.expenses_by_id(conn, ids)}
    out_rows: list[list[Any]] = []
    for e in spending:
        ex = payee_of.get(e["expense_id"], {})
        bodies, date, vote = approval_cells(approvals.get(e["expense_id"], []))
        if fund == MAINTENANCE and ex.get("emergency"):
            vote = t("rep.emergency", kind=label("emergency." + ex["emergency"], ex["emergency"])) + \
                ("；" + vote if vote else "")
        purpose = (ex.get("purpose") or e["note"] or "—") + _share_note(e)
        if e["reverses"]:
            purpose += _reversal_note(e)
        out_rows.append([e["on_date"][:10], e["expense"], purpose, payees.public(ex.get("payee")),
                         format_yuan(e["amount_fen"]), bodies, date, vote])
    if spending:
        out_rows.append([t("rep.total"), None, None, None, format_yuan(sum(e["amount_fen"] for e in spending)),
                         None, None, None])
    return (Table(columns=in_cols, rows=in_rows, title=t("rep.income_list"), empty=t("rep.none_income")),
            Table(columns=spend_columns(), rows=out_rows, title=t("rep.spend_list"), empty=t("rep.none_spending"),
                  wide=True))


def pending_table(conn: sqlite3.Connection, at: str) -> Table | None:
    """Approved by the period's end and not paid by then: listed apart, never in the totals."""
    rows = store.pending(conn, at)
    if not rows:
        return None
    approvals = store.approvals(conn, [r["id"] for r in rows], at)
    out = []
    for r in rows:
        bodies, date, vote = approval_cells(approvals.get(r["id"], []))
        out.append([r["number"], label("fund." + r["fund"], r["fund"]), r["purpose"], payees.public(r["payee"]),
                    format_yuan(r["amount_fen"]), bodies, date, vote])
    return Table(columns=[t("rep.col.number"), t("rep.col.fund"), t("rep.col.item"), t("rep.col.payee"),
                          t("rep.col.amount"), t("rep.col.approvals"), t("rep.col.approved_on"), t("rep.col.vote")],
                 rows=out, title=t("rep.pending_list"), empty=None, wide=True)


def disclosure(conn: sqlite3.Connection, period: Period, at: str) -> list[Section]:
    """The money part of the quarterly disclosure: each fund in its own section, no personal data
    (a natural person who was paid appears as 张*)."""
    bal = balances(conn, period)
    out: list[Section] = []
    for fund in FUNDS:
        b = bal.get(fund)
        if fund != PUBLIC_FUND and (b is None or not _active(b)):
            continue
        b = b or {"opening": 0, "openings": 0, "income": 0, "expense": 0, "closing": 0}
        income, spending = fund_detail(conn, fund, period, at)
        blocks: list[Any] = [key_figures(b), *balance_check(b, period)]
        chart = money_chart(conn, fund, period.first_month, period.last_month, f"money-{fund}")
        if chart is not None and fund == PUBLIC_FUND:
            blocks.append(chart)
        if fund != MAINTENANCE or income.rows:
            blocks.append(income)
        blocks.append(spending)
        out.append(Section(f"fund-{fund}", t(f"rep.sec.fund.{fund}"), blocks))
    pending = pending_table(conn, at)
    if pending is not None:
        out.append(Section("pending", t("rep.sec.pending"), [Paragraph(t("rep.pending_note")), pending]))
    return out
