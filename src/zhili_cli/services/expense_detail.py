"""One expense as residents and reports need it: its terms, who approved what and when, which
requests split detection summed, its history, and for the maintenance fund the procedure with
its owners' vote or emergency review and confirmation (never a public revenue tier)."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.domain.money import fen_to_yuan
from zhili_cli.services.expenses import load, public_row
from zhili_cli.store import expenses as store


def split_summary(conn: sqlite3.Connection, row: dict[str, Any]) -> dict[str, Any] | None:
    """The requests summed with this one by split detection, each with its amount and payee."""
    if not row.get("split_of"):
        return None
    summed = []
    for number in row["split_of"].split(","):
        other = store.get(conn, number)
        if other is not None:
            summed.append({"number": other["number"], "amount_fen": other["amount_fen"],
                           "amount": fen_to_yuan(other["amount_fen"]), "payee": other["payee"],
                           "requested_at": other["requested_at"], "status": other["status"]})
    return {"summed": summed, "total_fen": row["split_total_fen"],
            "total": fen_to_yuan(row["split_total_fen"]) if row["split_total_fen"] is not None else None,
            "tier": row["tier"]}


def fund_decision(approvals: list[dict[str, Any]], row: dict[str, Any]) -> dict[str, Any] | None:
    """For a maintenance fund expense: the owners' vote, or the emergency review and confirmation."""
    from zhili_cli.domain.expenses import row_uses_fund

    if not row_uses_fund(row):
        return None
    live = [a for a in approvals if not a["voided_at"]]
    confirm = next((a for a in live if a["body"] == "confirm"), None)
    review = next((a for a in live if a["body"] not in ("confirm", "register")), None)
    if row["emergency"]:
        return {"procedure": "emergency", "emergency": row["emergency"],
                "review": _approval(review), "confirmation": _approval(confirm)}
    return {"procedure": "owners_vote", "vote": _approval(review)}


def _approval(a: dict[str, Any] | None) -> dict[str, Any] | None:
    if a is None:
        return None
    out = {"body": a["body"], "ref": a["ref"], "by": a["approver"], "at": a["at"], "detail": a["detail"]}
    if a["body"] == "confirm":
        out["party"] = a["ref"]
    return out


def detail(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.services.expense_amend import history

    row = load(conn, ref)
    approvals = store.approvals(conn, row["id"])
    live = [a for a in approvals if not a["voided_at"]]
    out = public_row(row)
    out.update({
        "approvals": [{k: v for k, v in a.items() if k not in ("id", "terms_id")} for a in approvals],
        "approved_by": [a["body"] for a in live],
        "approval_date": max((a["at"] for a in live), default=None) if row["status"] in ("approved", "paid") else None,
        "fund_steps": store.steps(conn, row["id"]),
        "split": split_summary(conn, row),
        "fund_procedure": fund_decision(approvals, row),
        "history": history(conn, row),
    })
    return out


def listing(conn: sqlite3.Connection, *, status: str | None = None, fund: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    return store.list_(conn, status=status, fund=fund, limit=limit)
