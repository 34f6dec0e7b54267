"""The maintenance fund's procedure (住宅专项维修资金): its steps, who applies, what is next."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.domain import expenses as rules_of
from zhili_cli.errors import Term, UserError
from zhili_cli.store import expenses as store
from zhili_cli.store.tx import Tx


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.services.expenses import load as load_expense

    return load_expense(conn, ref)


MANUAL_STEPS = ("implement", "apply_transfer", "publicize")
STEP_NAMES: dict[str, tuple[str, ...]] = {
    "implement": ("组织实施", "实施", "implement"),
    "apply_transfer": ("申请划转", "划转", "申请列支", "apply_transfer", "apply-transfer"),
    "publicize": ("公示", "publicize", "publicise"),
}


def procedure(conn: sqlite3.Connection, rules: Any, ref: str) -> dict[str, Any]:
    from zhili_cli.store import compound

    row = load(conn, ref)
    if not rules_of.row_uses_fund(row):
        raise UserError("fund.not_maintenance", number=row["number"])
    info = compound.get(conn) or {}
    done = {s["step"]: s for s in store.steps(conn, row["id"])}
    steps = rules_of.fund_steps(rules, row["emergency"])
    has_committee = bool(info.get("has_owners_committee", 1))
    return {
        "number": row["number"], "emergency": row["emergency"], "status": row["status"],
        "applicant": rules_of.applicant(rules, has_committee),
        "reviewer": row["required_body"] if row["emergency"] else None,
        "decisions": [{"body": a["body"], "ref": a["ref"], "by": a["approver"], "at": a["at"], "detail": a["detail"]}
                      for a in store.approvals(conn, row["id"], live_only=True)],
        "steps": [{"step": s, "done": s in done, "at": done[s]["at"] if s in done else None,
                   "by": done[s]["actor"] if s in done else None, "note": done[s]["note"] if s in done else None}
                  for s in steps],
        "next": rules_of.next_step(steps, list(done)),
    }


def step(tx: Tx, rules: Any, ref: str, name: str, *, note: str | None = None) -> dict[str, Any]:
    row = load(tx.conn, ref)
    number = row["number"]
    if not rules_of.row_uses_fund(row):
        raise UserError("fund.not_maintenance", number=number)
    steps = rules_of.fund_steps(rules, row["emergency"])
    key = name.strip().lower().replace("-", "_")
    key = next((k for k, names in STEP_NAMES.items() if name.strip() in names), key)
    if key not in steps:
        raise UserError("fund.bad_step", value=name, allowed="/".join(s for s in steps if s in MANUAL_STEPS))
    if key not in MANUAL_STEPS:
        raise UserError("fund.step_auto", step=Term(f"step.{key}"))
    done = [s["step"] for s in store.steps(tx.conn, row["id"])]
    if key in done:
        raise UserError("fund.step_already", number=number, step=Term(f"step.{key}"))
    for earlier in steps[: steps.index(key)]:
        if earlier not in done:
            raise UserError("fund.step_order", number=number, step=Term(f"step.{earlier}"))
    if row["status"] in ("rejected", "cancelled"):
        rules_of.next_state("approve", row["status"], number)
    store.add_step(tx, row["id"], key, note)
    return procedure(tx.conn, rules, number)


