"""Correcting an expense before it is paid, with a trace: `expense amend E --reason …`.

The amount, payee, purpose or fund may change while the expense is requested or approved.
The change is an audited event with who, when and why (before/after), shown in the expense's
history; the tier and approving body are worked out again; every approval given on the old
terms is voided (it approved something else), so the expense waits for a decision taken
after the amendment. Nothing is deleted.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.domain import expenses as rules_of
from zhili_cli.domain.money import fen_to_yuan
from zhili_cli.errors import Term, UserError
from zhili_cli.services.expenses import load, terms_of, tier_fields
from zhili_cli.store import expenses as store
from zhili_cli.store.tx import Tx

SHOWN = ("amount_fen", "payee", "purpose", "fund", "tier", "required_body")


def amend(tx: Tx, rules: Any, ref: str, *, reason: str, amount_fen: int | None = None, payee: str | None = None,
          purpose: str | None = None, fund: str | None = None) -> dict[str, Any]:
    if not reason or not reason.strip():
        raise UserError("expense.amend_reason_required")
    row = load(tx.conn, ref)
    number = row["number"]
    if row["status"] not in ("requested", "approved"):
        raise UserError("expense.amend_closed", number=number, status=Term(f"expense.status.{row['status']}"))
    changes: dict[str, Any] = {}
    if amount_fen is not None and amount_fen != row["amount_fen"]:
        changes["amount_fen"] = amount_fen
    if payee is not None:
        if not payee.strip():
            raise UserError("expense.payee_required")
        if payee.strip() != row["payee"]:
            changes["payee"] = payee.strip()
    if purpose is not None:
        if not purpose.strip():
            raise UserError("expense.purpose_required")
        if purpose.strip() != row["purpose"]:
            changes["purpose"] = purpose.strip()
    if fund is not None and rules_of.fund(fund) != row["fund"]:
        changes["fund"] = rules_of.fund(fund)
    if not changes:
        raise UserError("expense.amend_nothing", number=number)
    new = {**row, **changes}
    if row["shares"] and ("amount_fen" in changes or "fund" in changes):
        raise UserError("expense.amend_cofunded", number=number)
    if new["fund"] == "co_funded" and not new["shares"]:
        raise UserError("expense.shares_required")
    if new["emergency"] and not rules_of.row_uses_fund(new):
        raise UserError("expense.emergency_only_fund")
    if new.get("scope") and not rules_of.row_uses_fund(new):
        raise UserError("decisions.scope_public")  # public revenue is the whole compound's
    new.update(tier_fields(tx.conn, rules, new, at=tx.at, exclude=row["id"]))
    before = {k: row[k] for k in SHOWN}
    after = {k: new[k] for k in SHOWN}
    text = reason.strip()
    voided = store.void_approvals(tx, row["id"], terms_of(row), text)
    store.add_event(tx, row["id"], "amend", text, json.dumps(before, ensure_ascii=False),
                    json.dumps(after, ensure_ascii=False))
    updates = {**changes, "tier": new["tier"], "required_body": new["required_body"], "split_of": new["split_of"],
               "split_total_fen": new["split_total_fen"], "status": "requested", "approved_at": None}
    if rules_of.row_uses_fund(new) and "propose" not in {s["step"] for s in store.steps(tx.conn, row["id"])}:
        store.add_step(tx, row["id"], "propose")
    out = store.update(tx, row["id"], updates)
    return {**out, "voided_approvals": voided}


def history(conn: sqlite3.Connection, row: dict[str, Any]) -> list[dict[str, Any]]:
    """The expense's life in the order it happened (the audit chain's order): requested, each
    approval (and its voiding), each amendment with its reason and before/after, payment."""
    first, last = store.row_marks(conn, "expenses", row["id"])
    items: list[tuple[int, dict[str, Any]]] = [
        (first, {"at": row["requested_at"], "by": row["requested_by"], "action": "request", "reason": None})]
    for a in store.approvals(conn, row["id"]):
        mark, _ = store.row_marks(conn, "expense_approvals", a["id"])
        items.append((mark, {"at": a["at"], "by": a["approver"], "action": "approve", "body": a["body"],
                             "ref": a["ref"], "reason": None, "terms": _terms_text(a["terms"])}))
        if a["voided_at"]:
            _, voided = store.row_marks(conn, "expense_approval_terms", a["terms_id"])
            items.append((voided, {"at": a["voided_at"], "by": None, "action": "void", "body": a["body"],
                                   "ref": a["ref"], "reason": a["voided_reason"]}))
    for e in store.events(conn, row["id"]):
        mark, _ = store.row_marks(conn, "expense_events", e["id"])
        items.append((mark, {"at": e["at"], "by": e["actor"], "action": e["action"], "reason": e["reason"],
                             "before": _terms_text(json.loads(e["before"])) if e["before"] else None,
                             "after": _terms_text(json.loads(e["after"])) if e["after"] else None}))
    if row.get("paid_at"):
        items.append((last, {"at": row["paid_at"], "by": None, "action": "pay", "reason": None}))
    if row["status"] in ("rejected", "cancelled") and not any(i["action"] in ("reject", "cancel") for _, i in items):
        items.append((last, {"at": None, "by": None, "action": row["status"], "reason": row.get("closed_reason")}))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def _terms_text(terms: dict[str, Any] | None) -> dict[str, Any] | None:
    if terms is None:
        return None
    out = {k: v for k, v in terms.items() if v is not None}
    if "amount_fen" in out:
        out["amount"] = fen_to_yuan(out["amount_fen"])
    return out
