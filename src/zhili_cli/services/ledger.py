"""The ledger as use cases: income, opening balances, balances per fund."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from zhili_cli.domain import expenses as vocab
from zhili_cli.domain.money import fen_to_yuan
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


def income(tx: Tx, *, source: str, amount_fen: int, fund: str = "public_revenue", on_date: str | None = None,
           period: str | None = None, note: str | None = None) -> dict[str, Any]:
    row = {"fund": vocab.fund(fund), "kind": "income", "source": vocab.source(source), "amount_fen": amount_fen,
           "on_date": on_date or tx.at.date().isoformat(), "period": check_period(period), "note": note}
    entry_id = store.insert(tx, row)
    return {"id": entry_id, **row}


def opening(tx: Tx, *, fund: str, amount_fen: int, on_date: str | None = None) -> dict[str, Any]:
    key = vocab.fund(fund)
    if store.has_opening(tx.conn, key):
        raise UserError("ledger.opening_exists", fund=Term(f"fund.{key}"))
    row = {"fund": key, "kind": "opening", "source": "opening", "amount_fen": amount_fen,
           "on_date": on_date or tx.at.date().isoformat(), "period": None, "note": None}
    entry_id = store.insert(tx, row)
    return {"id": entry_id, **row}


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
