"""Expenses as use cases: check, request, approve, confirm, pay, reject, cancel; fund steps."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import expenses as rules_of
from zhili_cli.domain import tiers as tiers_of
from zhili_cli.domain.vocab import APPROVING_BODIES
from zhili_cli.domain.money import fen_to_yuan, format_yuan, parse_yuan
from zhili_cli.errors import Term, UserError
from zhili_cli.store import expenses as store
from zhili_cli.store import ledger as ledger_store
from zhili_cli.store.tx import Tx

PREFIX = "E"
BODIES = APPROVING_BODIES


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "expenses", ref, not_found="expense.not_found")


def check(conn: sqlite3.Connection | None, rules: Any, amount_fen: int, *, payee: str | None = None,
          project: str | None = None, at: datetime | None = None) -> tiers_of.SplitCheck:
    """The tier for an amount; with a database, summed with related requests in the window."""
    when = at or clock.now()
    window = rules.expenses.split_window_days
    earlier: list[dict[str, Any]] = []
    if conn is not None and (payee or project):
        if project:
            from zhili_cli.store import projects as project_store

            found = project_store.get(conn, project)
            project = found["number"] if found else project.strip()
        since = clock.iso(when - timedelta(days=window)) or ""
        earlier = store.recent_related(conn, since)
    return tiers_of.check(rules.expenses.tiers, amount_fen, window_days=window, earlier=earlier,
                          at=when, payee=payee, project=project)


def _shares(fund: str, amount_fen: int, shares: list[str] | None) -> dict[str, int] | None:
    if fund != "co_funded":
        if shares:
            raise UserError("expense.shares_only_cofunded")
        return None
    if not shares:
        raise UserError("expense.shares_required")
    out: dict[str, int] = {}
    for item in shares:
        if "=" not in item:
            raise UserError("expense.bad_share", value=item)
        name, value = item.split("=", 1)
        name = name.strip()
        if not name:
            raise UserError("expense.bad_share", value=item)
        try:
            key = rules_of.fund(name)
        except UserError:
            key = name
        out[key] = out.get(key, 0) + parse_yuan(value)
    total = sum(out.values())
    if total != amount_fen:
        raise UserError("expense.shares_mismatch", sum=format_yuan(total), amount=format_yuan(amount_fen))
    return out


def request(tx: Tx, rules: Any, *, fund: str, amount_fen: int, payee: str, purpose: str,
            motion: str | None = None, project: str | None = None, petition: str | None = None,
            shares: list[str] | None = None, emergency: str | None = None) -> dict[str, Any]:
    fund_key = rules_of.fund(fund)
    if not purpose or not purpose.strip():
        raise UserError("expense.purpose_required")
    if not payee or not payee.strip():
        raise UserError("expense.payee_required")
    if emergency and fund_key != "maintenance_fund":
        raise UserError("expense.emergency_only_fund")
    emergency_key = rules_of.check_emergency(rules, emergency)
    share_map = _shares(fund_key, amount_fen, shares)
    if motion:
        from zhili_cli.services.projects import motion_number

        motion = motion_number(tx.conn, motion)
    if petition:
        from zhili_cli.services.petitions import load as load_petition

        petition = load_petition(tx.conn, petition)["number"]
    if project:
        from zhili_cli.store import projects as project_store

        found = project_store.get(tx.conn, project)
        if found is None:
            raise UserError("project.not_found", ref=project)
        project = found["number"]
    decision = check(tx.conn, rules, amount_fen, payee=payee.strip(), project=project, at=tx.at)
    tier = decision.tier
    year = tx.at.year
    seq = store.next_seq(tx.conn, year)
    number = rules_of.format_number(PREFIX, year, seq)
    row = {
        "number": number, "year": year, "seq": seq, "fund": fund_key, "amount_fen": amount_fen,
        "payee": payee.strip(), "purpose": purpose.strip(), "motion": motion, "project": project,
        "petition": petition, "shares": json.dumps(share_map, ensure_ascii=False) if share_map else None,
        "emergency": emergency_key, "tier": tier,
        "required_body": rules_of.required_body(rules, fund_key, tier, emergency_key),
        "split_of": ",".join(e["number"] for e in decision.earlier) if decision.raised else None,
        "split_total_fen": decision.total_fen if decision.raised else None,
        "status": "requested", "requested_by": tx.actor, "requested_at": tx.at_iso,
    }
    expense_id = store.insert(tx, row)
    if fund_key == "maintenance_fund":
        store.add_step(tx, expense_id, "propose")
    return load(tx.conn, row["number"])


def sitting_chair(conn: sqlite3.Connection, on_date: str) -> dict[str, Any] | None:
    from zhili_cli.store import members

    for m in members.committee(conn, on_date):
        if m["role"] == "chair":
            return m
    return None


def _body(value: str) -> str:
    from zhili_cli.domain import vocab

    return vocab.approval_body(vocab.parse("body", value, only=BODIES))


def approve(tx: Tx, rules: Any, ref: str, *, by: str | None = None, body: str | None = None) -> dict[str, Any]:
    """The approval of the body the amount requires — or a higher one; never a lower one."""
    row = load(tx.conn, ref)
    number = row["number"]
    if row["status"] != "requested":
        rules_of.next_state("approve", row["status"], number)
    need = row["required_body"]
    chosen = _body(body) if body else need
    if tiers_of.rank(chosen) < tiers_of.rank(need):
        raise UserError("expense.wrong_body", number=number, need=Term(f"body.{need}"), body=Term(f"body.{chosen}"))
    already = {a["body"] for a in store.approvals(tx.conn, row["id"])}
    if chosen == "chair":
        who = (by or tx.actor).strip()
        chair = sitting_chair(tx.conn, tx.at.date().isoformat())
        if chair is None:
            raise UserError("expense.no_chair")
        if chair["name"] != who:
            raise UserError("expense.not_chair", name=who, chair=chair["name"])
        store.add_approval(tx, row["id"], "chair", None, who, None)
    else:
        from zhili_cli.services.decisions import find_approval

        found = find_approval(tx.conn, chosen, number)
        if not found:
            raise UserError("expense.no_decision", number=number, body=Term(f"body.{chosen}"))
        if chosen not in already:
            store.add_approval(tx, row["id"], chosen, str(found.get("ref") or ""), by,
                               str(found.get("detail") or "") or None)
    if row["fund"] == "maintenance_fund":
        step = "committee_review" if row["emergency"] else "owners_vote"
        if step not in {s["step"] for s in store.steps(tx.conn, row["id"])}:
            store.add_step(tx, row["id"], step, None)
        if row["emergency"] and "confirm" not in already:
            return load(tx.conn, number)  # approved once the confirmation is recorded too
    return store.update(tx, row["id"], {"status": "approved", "approved_at": tx.at_iso})


def confirm(tx: Tx, rules: Any, ref: str, *, party: str, by: str | None = None,
            note: str | None = None) -> dict[str, Any]:
    """Emergency use of the maintenance fund: the sub-district or residents' committee confirms."""
    row = load(tx.conn, ref)
    number = row["number"]
    if row["fund"] != "maintenance_fund" or not row["emergency"]:
        raise UserError("expense.confirm_not_emergency", number=number)
    if row["status"] != "requested":
        rules_of.next_state("approve", row["status"], number)
    from zhili_cli.domain import vocab

    allowed = rules.maintenance_fund.emergency_confirmers
    key = vocab.find("body", party)
    if key not in allowed:
        raise UserError("expense.bad_confirmer", value=party,
                        allowed="/".join(vocab.name("body", c) for c in allowed))
    bodies = {a["body"] for a in store.approvals(tx.conn, row["id"])}
    if "confirm" not in bodies:
        store.add_approval(tx, row["id"], "confirm", key, by or tx.actor, note)
        store.add_step(tx, row["id"], "confirm", key)
    if "committee" in bodies or any(tiers_of.rank(b) > tiers_of.rank("committee") for b in bodies if b in BODIES):
        return store.update(tx, row["id"], {"status": "approved", "approved_at": tx.at_iso})
    return load(tx.conn, number)


def _internal(key: str) -> bool:
    return key in rules_of.FUNDS


def pay(tx: Tx, rules: Any, ref: str, *, on_date: str | None = None) -> dict[str, Any]:
    """Paid only once approved and only within the balance of each fund it draws on."""
    row = load(tx.conn, ref)
    number = row["number"]
    if row["status"] == "requested":
        if row["fund"] == "maintenance_fund" and row["emergency"]:
            bodies = {a["body"] for a in store.approvals(tx.conn, row["id"])}
            if bodies and "confirm" not in bodies:
                raise UserError("expense.needs_confirmation", number=number)
        raise UserError("expense.not_approved", number=number, tier=Term(f"body.{row['required_body']}"))
    rules_of.next_state("pay", row["status"], number)
    if row["fund"] == "maintenance_fund":
        done = [s["step"] for s in store.steps(tx.conn, row["id"])]
        steps = rules_of.fund_steps(rules, row["emergency"])
        if "apply_transfer" in steps:
            for step in steps[: steps.index("apply_transfer") + 1]:
                if step not in done:
                    raise UserError("expense.fund_step_missing", number=number, step=Term(f"step.{step}"))
    draws = json.loads(row["shares"]) if row["shares"] else {row["fund"]: row["amount_fen"]}
    for key, fen in draws.items():
        if _internal(key):
            have = ledger_store.balance(tx.conn, key)
            if have < fen:
                raise UserError("expense.insufficient", fund=Term(f"fund.{key}"), balance=format_yuan(have),
                                amount=format_yuan(fen))
    day = on_date or tx.at.date().isoformat()
    for key, fen in draws.items():
        if _internal(key):
            ledger_store.insert(tx, {"fund": key, "kind": "expense", "source": None, "amount_fen": fen,
                                     "on_date": day, "expense_id": row["id"], "note": row["purpose"]})
        else:  # an outside funder's share: passes through the co-funded account
            for kind in ("income", "expense"):
                ledger_store.insert(tx, {"fund": "co_funded", "kind": kind,
                                         "source": "co_funder" if kind == "income" else None,
                                         "amount_fen": fen, "on_date": day, "expense_id": row["id"],
                                         "note": key})
    return store.update(tx, row["id"], {"status": "paid", "paid_at": tx.at_iso})


def reject(tx: Tx, ref: str, *, reason: str) -> dict[str, Any]:
    if not reason or not reason.strip():
        raise UserError("expense.reason_required")
    row = load(tx.conn, ref)
    to = rules_of.next_state("reject", row["status"], row["number"])
    return store.update(tx, row["id"], {"status": to, "closed_reason": reason.strip()})


def cancel(tx: Tx, ref: str, *, reason: str | None = None) -> dict[str, Any]:
    row = load(tx.conn, ref)
    to = rules_of.next_state("cancel", row["status"], row["number"])
    return store.update(tx, row["id"], {"status": to, "closed_reason": (reason or "").strip() or None})


# -- maintenance fund procedure -----------------------------------------------------

MANUAL_STEPS = ("implement", "apply_transfer", "publicize")


def procedure(conn: sqlite3.Connection, rules: Any, ref: str) -> dict[str, Any]:
    from zhili_cli.store import compound

    row = load(conn, ref)
    if row["fund"] != "maintenance_fund":
        raise UserError("fund.not_maintenance", number=row["number"])
    info = compound.get(conn) or {}
    done = {s["step"]: s for s in store.steps(conn, row["id"])}
    steps = rules_of.fund_steps(rules, row["emergency"])
    return {
        "number": row["number"], "emergency": row["emergency"], "status": row["status"],
        "applicant": rules_of.applicant(rules, bool(info.get("has_owners_committee", 1))),
        "steps": [{"step": s, "done": s in done, "at": done[s]["at"] if s in done else None,
                   "by": done[s]["actor"] if s in done else None, "note": done[s]["note"] if s in done else None}
                  for s in steps],
        "next": rules_of.next_step(steps, list(done)),
    }


def step(tx: Tx, rules: Any, ref: str, name: str, *, note: str | None = None) -> dict[str, Any]:
    row = load(tx.conn, ref)
    number = row["number"]
    if row["fund"] != "maintenance_fund":
        raise UserError("fund.not_maintenance", number=number)
    steps = rules_of.fund_steps(rules, row["emergency"])
    key = name.strip().lower().replace("-", "_")
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


def public_row(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in ("id", "year", "seq")}
    out["amount"] = fen_to_yuan(row["amount_fen"])
    out["shares"] = json.loads(row["shares"]) if row.get("shares") else None
    out["split_of"] = row["split_of"].split(",") if row.get("split_of") else []
    return out


def parse_amount(text: str) -> int:
    return parse_yuan(text)


def list_rows(conn: sqlite3.Connection, **filters: Any) -> list[dict[str, Any]]:
    return store.list_(conn, **filters)


def approvals(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return store.approvals(conn, expense_id)


def steps(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return store.steps(conn, expense_id)
