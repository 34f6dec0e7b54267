"""The ledger as use cases: income, opening balances, reversals, balances per fund.

Money moves in date order: income is never dated in the future, and no entry may leave a
fund below zero on its date or on any later date, with the ledger as recorded.
"""

from __future__ import annotations

import re
import sqlite3
from fractions import Fraction
from typing import Any

from zhili_cli.domain import expenses as vocab
from zhili_cli.domain.money import fen_to_yuan, format_yuan, share_fen
from zhili_cli.errors import Term, UserError
from zhili_cli.store import ledger as store
from zhili_cli.store.tx import Tx


def check_period(text: str | None) -> str | None:
    if text is None or not text.strip():
        return None
    value = text.strip().upper()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})|Q([1-4]))?", value)
    if not m or (m.group(2) and not 1 <= int(m.group(2)) <= 12):
        raise UserError("money.bad_period", value=text)
    if m.group(2):
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    return value


def not_future(tx: Tx, on_date: str | None) -> str:
    """The entry's date: today when not given; never after today."""
    today = tx.at.date().isoformat()
    day = on_date or today
    if day > today:
        raise UserError("ledger.future_date", date=day, today=today)
    return day


def check_open(conn: sqlite3.Connection, day: str) -> None:
    """A money entry dated in a published period is refused (the posted document stays true)."""
    from zhili_cli.store.audit import closed_periods

    for period, first, last in closed_periods(conn):
        if first <= day <= last:
            raise UserError("period_closed", date=day, period=period)


def lowest_from(conn: sqlite3.Connection, fund: str, day: str) -> tuple[int, str]:
    """The fund's lowest end-of-day balance on `day` or any later date: (fen, date)."""
    running = 0
    lowest: tuple[int, str] | None = None
    for on_date, change in store.day_changes(conn, fund):
        if on_date > day and lowest is None:
            lowest = (running, day)  # the balance on `day` itself, before the later entries
        running += change
        if on_date >= day and (lowest is None or running < lowest[0]):
            lowest = (running, on_date)
    return lowest if lowest is not None else (running, day)


def check_draw(conn: sqlite3.Connection, fund: str, fen: int, day: str) -> None:
    """Taking `fen` out of `fund` on `day` must leave it ≥ 0 on that day and every later one."""
    have, when = lowest_from(conn, fund, day)
    if have < fen:
        raise UserError("ledger.would_go_negative", fund=Term(f"fund.{fund}"), date=when,
                        balance=format_yuan(have), amount=format_yuan(fen))


def owner_share(rules: Any, source: str, gross_fen: int) -> tuple[int, Fraction]:
    ratio = rules.public_revenue.owner_share.get(source)
    if ratio is None:
        raise UserError("ledger.no_share_ratio", source=Term(f"source.{source}"),
                        rule=f"public_revenue.owner_share.{source}")
    return share_fen(gross_fen, ratio), ratio


def income(tx: Tx, *, source: str, amount_fen: int | None = None, fund: str = "public_revenue",
           on_date: str | None = None, period: str | None = None, note: str | None = None,
           gross_fen: int | None = None, rules: Any = None) -> dict[str, Any]:
    """Income of a fund. With `gross_fen` (public revenue the property company collected), the
    owners' share is the gross times the rules' ratio for the source; an amount given as well
    must be that share."""
    fund_key, source_key = vocab.fund(fund), vocab.source(source)
    ratio: Fraction | None = None
    if gross_fen is not None:
        if fund_key != "public_revenue":
            raise UserError("ledger.gross_only_public")
        share, ratio = owner_share(rules, source_key, gross_fen)
        if amount_fen is not None and amount_fen != share:
            raise UserError("ledger.share_mismatch", amount=format_yuan(amount_fen), share=format_yuan(share),
                            gross=format_yuan(gross_fen), ratio=str(ratio))
        if share <= 0:
            raise UserError("ledger.share_zero", gross=format_yuan(gross_fen), ratio=str(ratio))
        amount_fen = share
    if amount_fen is None:
        raise UserError("ledger.amount_or_gross")
    row = {"fund": fund_key, "kind": "income", "source": source_key, "amount_fen": amount_fen,
           "on_date": not_future(tx, on_date), "period": check_period(period), "note": note}
    entry_id = store.insert(tx, row)
    out = {"id": entry_id, "entry": entry_ref(entry_id), **row}
    if ratio is not None and gross_fen is not None:
        store.add_share(tx, entry_id, gross_fen, str(ratio))
        out.update({"gross_fen": gross_fen, "gross": fen_to_yuan(gross_fen), "share_ratio": str(ratio)})
    return out


def opening(tx: Tx, *, fund: str, amount_fen: int, on_date: str | None = None) -> dict[str, Any]:
    key = vocab.fund(fund)
    if store.has_opening(tx.conn, key):
        raise UserError("ledger.opening_exists", fund=Term(f"fund.{key}"))
    row = {"fund": key, "kind": "opening", "source": "opening", "amount_fen": amount_fen,
           "on_date": not_future(tx, on_date), "period": None, "note": None}
    entry_id = store.insert(tx, row)
    return {"id": entry_id, "entry": entry_ref(entry_id), **row}


# -- reversals (冲销) ------------------------------------------------------------------

def entry_ref(entry_id: int) -> str:
    return f"L{entry_id}"


def find_entry(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    """An entry by the id `ledger list --json` prints: 12 or L12."""
    text = (ref or "").strip()
    m = re.fullmatch(r"[Ll]?(\d{1,12})", text)
    row = store.get(conn, int(m.group(1))) if m else None
    if row is None:
        raise UserError("ledger.entry_not_found", ref=ref)
    return row


def reverse(tx: Tx, ref: str, *, reason: str) -> dict[str, Any]:
    """A reversing entry (冲销): the original's kind, fund and source with the negative amount,
    dated when it is recorded. The original stays; an entry is reversed once; an entry of a
    paid expense is corrected through the expense, not here."""
    if not reason or not reason.strip():
        raise UserError("ledger.reason_required")
    row = find_entry(tx.conn, ref)
    number = entry_ref(row["id"])
    if row["reverses"]:
        raise UserError("ledger.reverse_reversal", entry=number, original=entry_ref(row["reverses"]))
    if row["reversed_by"]:
        raise UserError("ledger.already_reversed", entry=number, by=entry_ref(row["reversed_by"]))
    if row["expense_id"]:
        raise UserError("ledger.reverse_expense_entry", entry=number)
    day = tx.at.date().isoformat()
    if row["kind"] != "expense":  # taking income back must not leave the fund negative
        check_draw(tx.conn, row["fund"], row["amount_fen"], max(day, row["on_date"]))
    new = {"fund": row["fund"], "kind": row["kind"], "source": row["source"], "amount_fen": -row["amount_fen"],
           "on_date": day, "period": row["period"], "note": reason.strip()}
    new_id = store.insert(tx, new)
    store.add_reversal(tx, row["id"], new_id, reason.strip())
    return {"id": new_id, "entry": entry_ref(new_id), "reverses": number, "reason": reason.strip(), **new,
            "amount": fen_to_yuan(new["amount_fen"])}


def entries(conn: sqlite3.Connection, *, fund: str | None = None, date_from: str | None = None,
            date_to: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Ledger lines with their entry number, reversal links and shared-revenue figures."""
    rows = store.list_(conn, fund=vocab.fund(fund) if fund else None, date_from=date_from, date_to=date_to,
                       limit=limit)
    out = []
    for r in rows:
        item = {**r, "entry": entry_ref(r["id"]), "amount": fen_to_yuan(r["amount_fen"]),
                "reversed_by": entry_ref(r["reversed_by"]) if r["reversed_by"] else None,
                "reverses": entry_ref(r["reverses"]) if r["reverses"] else None}
        if r["gross_fen"] is not None:
            item["gross"] = fen_to_yuan(r["gross_fen"])
        out.append(item)
    return out


def balances(conn: sqlite3.Connection, until: str | None = None) -> list[dict[str, Any]]:
    totals = store.totals(conn, until)
    out = []
    for fund in vocab.FUNDS:
        t = totals.get(fund, {"opening": 0, "income": 0, "expense": 0, "balance": 0})
        out.append({"fund": fund, "opening_fen": t["opening"], "income_fen": t["income"],
                    "spent_fen": t["expense"], "balance_fen": t["balance"],
                    "balance": fen_to_yuan(t["balance"])})
    return out


def list_rows(conn: sqlite3.Connection, **filters: Any) -> list[dict[str, Any]]:
    return store.list_(conn, **filters)
