"""Expenses as use cases: check, request, approve, confirm, pay, reject, cancel.

An approval is bound to what it approves: it records the amount, payee, purpose and fund as
they stood, comes from a decision taken after the request (or its latest amendment), and a
change to any of them voids it (see `expense_amend`). Money moves in date order: a payment is
dated on or after its approval, never in the future, and leaves each fund ≥ 0 on that day and
every later one. The maintenance fund's procedure lives in `fund_procedure`.
"""

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
from zhili_cli.services import expense_guards as guards
from zhili_cli.store import expenses as store
from zhili_cli.store import ledger as ledger_store
from zhili_cli.store.tx import Tx

PREFIX = "E"
BODIES = APPROVING_BODIES + ("residents_committee", "subdistrict")
DIRECT = ("chair", "residents_committee", "subdistrict")   # approvals recorded with the approver's name


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "expenses", ref, not_found="expense.not_found")


def has_committee(conn: sqlite3.Connection) -> bool:
    from zhili_cli.store import compound

    return bool((compound.get(conn) or {}).get("has_owners_committee", 1))


def check(conn: sqlite3.Connection | None, rules: Any, amount_fen: int, *, payee: str | None = None,
          project: str | None = None, at: datetime | None = None, exclude: int | None = None,
          fund: str | None = None) -> tiers_of.SplitCheck:
    """The tier for an amount; with a database, summed with related requests in the window
    (public revenue and co-funded requests; the maintenance fund has its own procedure)."""
    when = at or clock.now()
    window = rules.expenses.split_window_days
    earlier: list[dict[str, Any]] = []
    if conn is not None and (payee or project):
        if project:
            from zhili_cli.store import projects as project_store

            found = project_store.get(conn, project)
            project = found["number"] if found else project.strip()
        since = clock.iso(when - timedelta(days=window)) or ""
        earlier = [e for e in store.recent_related(conn, since)
                   if e["id"] != exclude and e["fund"] != "maintenance_fund" and fund != "maintenance_fund"]
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
            shares: list[str] | None = None, emergency: str | None = None,
            scope: list[str] | None = None) -> dict[str, Any]:
    """A request. `scope` (列支范围) names the buildings, stairways or units a maintenance fund use
    is charged to (none: the whole compound); public revenue is always the whole compound's. An
    owners' vote approving it must have exactly this scope."""
    fund_key = rules_of.fund(fund)
    if not purpose or not purpose.strip():
        raise UserError("expense.purpose_required")
    if not payee or not payee.strip():
        raise UserError("expense.payee_required")
    share_map = _shares(fund_key, amount_fen, shares)
    if emergency and not rules_of.uses_fund(fund_key, share_map):
        raise UserError("expense.emergency_only_fund")
    emergency_key = rules_of.check_emergency(rules, emergency)
    entries = rules_of.scope_entries(scope)
    if entries and not rules_of.uses_fund(fund_key, share_map):
        raise UserError("decisions.scope_public")
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
    row = {"number": "", "year": 0, "seq": 0, "fund": fund_key, "amount_fen": amount_fen,
           "payee": payee.strip(), "purpose": purpose.strip(), "motion": motion, "project": project,
           "petition": petition, "shares": json.dumps(share_map, ensure_ascii=False) if share_map else None,
           "emergency": emergency_key, "scope": json.dumps(entries, ensure_ascii=False) if entries else None,
           "status": "requested", "requested_by": tx.actor, "requested_at": tx.at_iso}
    row.update(tier_fields(tx.conn, rules, row, at=tx.at))
    year = tx.at.year
    seq = store.next_seq(tx.conn, year)
    row.update({"number": rules_of.format_number(PREFIX, year, seq), "year": year, "seq": seq})
    expense_id = store.insert(tx, row)
    if rules_of.uses_fund(fund_key, share_map):
        store.add_step(tx, expense_id, "propose")
    return load(tx.conn, row["number"])


def tier_fields(conn: sqlite3.Connection, rules: Any, row: dict[str, Any], *, at: datetime,
                exclude: int | None = None) -> dict[str, Any]:
    """tier, required_body and the split summary of an expense's terms. A maintenance fund
    expense — or a co-funded one with any maintenance fund share — has the fund's procedure for
    its tier, never a public revenue tier."""
    committee = has_committee(conn)
    if rules_of.row_uses_fund(row):
        return {"tier": rules_of.FUND_PROCEDURE, "split_of": None, "split_total_fen": None,
                "required_body": rules_of.required_body(rules, "maintenance_fund", rules_of.FUND_PROCEDURE,
                                                        row["emergency"], committee)}
    decision = check(conn, rules, row["amount_fen"], payee=row["payee"], project=row["project"], at=at,
                     exclude=exclude, fund=row["fund"])
    return {"tier": decision.tier,
            "required_body": rules_of.required_body(rules, row["fund"], decision.tier, row["emergency"], committee),
            "split_of": ",".join(e["number"] for e in decision.earlier) if decision.raised else None,
            "split_total_fen": decision.total_fen if decision.raised else None}


def required_now(conn: sqlite3.Connection, rules: Any, row: dict[str, Any]) -> str:
    """The body the expense needs: as recorded, except a request drawing on the maintenance fund
    recorded with a public revenue tier (a co-funded request from before any fund share forced
    the fund's procedure), which needs the fund's procedure now."""
    if rules_of.row_uses_fund(row) and row["tier"] != rules_of.FUND_PROCEDURE:
        return rules_of.required_body(rules, "maintenance_fund", rules_of.FUND_PROCEDURE, row["emergency"],
                                      has_committee(conn))
    return row["required_body"]


def sitting_chair(conn: sqlite3.Connection, on_date: str) -> dict[str, Any] | None:
    from zhili_cli.store import members

    for m in members.committee(conn, on_date):
        if m["role"] == "chair":
            return m
    return None


def _body(value: str) -> str:
    return rules_of.body(value)


def terms_of(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in store.TERMS}


def live_bodies(conn: sqlite3.Connection, row: dict[str, Any]) -> set[str]:
    return {a["body"] for a in store.approvals(conn, row["id"], live_only=True)}


def _approved_enough(row: dict[str, Any], bodies: set[str]) -> bool:
    need = tiers_of.rank(row["required_body"])
    return any(b in BODIES and tiers_of.rank(b) >= need for b in bodies)


def approve(tx: Tx, rules: Any, ref: str, *, by: str | None = None, body: str | None = None) -> dict[str, Any]:
    """The approval of the body the amount requires — or a higher one; never a lower one — bound
    to the expense's terms as they stand, from a final decision taken after they took that form."""
    row = load(tx.conn, ref)
    number = row["number"]
    if row["status"] != "requested":
        rules_of.next_state("approve", row["status"], number)
    need = required_now(tx.conn, rules, row)
    chosen = _body(body) if body else need
    if tiers_of.rank(chosen) < tiers_of.rank(need):
        raise UserError("expense.wrong_body", number=number, need=Term(f"body.{need}"), body=Term(f"body.{chosen}"))
    committee = has_committee(tx.conn)
    if chosen in tiers_of.STAND_INS and committee:
        raise UserError("expense.stand_in_with_committee", number=number, body=Term(f"body.{chosen}"))
    if chosen in ("committee", "chair") and not committee:
        raise UserError("expense.no_committee_here", number=number, body=Term(f"body.{chosen}"),
                        need=Term(f"body.{need}"))
    already = live_bodies(tx.conn, row)
    terms = terms_of(row)
    if chosen == "chair":
        who = (by or tx.actor).strip()
        chair = sitting_chair(tx.conn, tx.at.date().isoformat())
        if chair is None:
            raise UserError("expense.no_chair")
        if chair["name"] != who:
            raise UserError("expense.not_chair", name=who, chair=chair["name"])
        guards.not_the_payee(row, who)
        store.add_approval(tx, row["id"], "chair", None, who, None, terms=terms)
    elif chosen in DIRECT:  # the residents' committee (or sub-district) standing in, by its representative
        from zhili_cli.services.representatives import speaker

        rep = speaker(tx.conn, chosen, by or tx.actor, tx.at.date().isoformat())
        guards.not_the_payee(row, rep["name"])
        guards.two_people(tx.conn, row, rep["name"], "confirm")
        if chosen not in already:
            store.add_approval(tx, row["id"], chosen, None, rep["name"], None, terms=terms)
    else:
        from zhili_cli.services.decisions import approval_refusal, find_approval

        since = store.terms_mark(tx.conn, row["id"])
        found = find_approval(tx.conn, chosen, number, since=since)
        if not found:
            key, vote_ref = approval_refusal(tx.conn, chosen, number, since=since)
            raise UserError(key, number=number, body=Term(f"body.{chosen}"), ref=vote_ref or "",
                            scope=rules_of.scope_label(row.get("scope")))
        if chosen not in already:
            store.add_approval(tx, row["id"], chosen, str(found.get("ref") or ""), by,
                               str(found.get("detail") or "") or None, terms=terms)
    if rules_of.row_uses_fund(row):
        step = "committee_review" if row["emergency"] else "owners_vote"
        if step not in {s["step"] for s in store.steps(tx.conn, row["id"])}:
            store.add_step(tx, row["id"], step, chosen if chosen != "committee" else None)
        if row["emergency"] and "confirm" not in already:
            return load(tx.conn, number)  # approved once the confirmation is recorded too
    return store.update(tx, row["id"], {"status": "approved", "approved_at": tx.at_iso})


def confirm(tx: Tx, rules: Any, ref: str, *, party: str, by: str | None = None,
            note: str | None = None) -> dict[str, Any]:
    """Emergency use of the maintenance fund: the sub-district or residents' committee confirms,
    through a representative of that body in office today (`by`, default the actor)."""
    row = load(tx.conn, ref)
    number = row["number"]
    if not rules_of.row_uses_fund(row) or not row["emergency"]:
        raise UserError("expense.confirm_not_emergency", number=number)
    if row["status"] != "requested":
        rules_of.next_state("approve", row["status"], number)
    from zhili_cli.domain import vocab

    allowed = rules.maintenance_fund.emergency_confirmers
    key = vocab.find("body", party)
    if key not in allowed:
        raise UserError("expense.bad_confirmer", value=party,
                        allowed="/".join(vocab.name("body", c) for c in allowed))
    from zhili_cli.services.representatives import speaker

    rep = speaker(tx.conn, key, by or tx.actor, tx.at.date().isoformat())
    guards.not_the_payee(row, rep["name"])
    guards.two_people(tx.conn, row, rep["name"], *DIRECT)
    bodies = live_bodies(tx.conn, row)
    if "confirm" not in bodies:
        store.add_approval(tx, row["id"], "confirm", key, rep["name"], note, terms=terms_of(row))
        if "confirm" not in {s["step"] for s in store.steps(tx.conn, row["id"])}:
            store.add_step(tx, row["id"], "confirm", key)
    if _approved_enough(row, bodies):
        return store.update(tx, row["id"], {"status": "approved", "approved_at": tx.at_iso})
    return load(tx.conn, number)


def _internal(key: str) -> bool:
    return key in rules_of.FUNDS


def pay(tx: Tx, rules: Any, ref: str, *, on_date: str | None = None) -> dict[str, Any]:
    """Paid only once approved (by approvals still bound to these terms), dated on or after the
    approval and not in the future, and only if each fund it draws on stays ≥ 0 that day and after."""
    from zhili_cli.services.ledger import check_draw, check_open

    row = load(tx.conn, ref)
    number = row["number"]
    if row["status"] == "requested":
        if rules_of.row_uses_fund(row) and row["emergency"]:
            bodies = live_bodies(tx.conn, row)
            if bodies and "confirm" not in bodies:
                raise UserError("expense.needs_confirmation", number=number)
        raise UserError("expense.not_approved", number=number, tier=Term(f"body.{row['required_body']}"))
    rules_of.next_state("pay", row["status"], number)
    live = store.approvals(tx.conn, row["id"], live_only=True)
    if not live or any(a["terms"] is not None and a["terms"] != terms_of(row) for a in live):
        raise UserError("expense.approval_stale", number=number)
    if rules_of.row_uses_fund(row):
        done = [s["step"] for s in store.steps(tx.conn, row["id"])]
        steps = rules_of.fund_steps(rules, row["emergency"])
        if "apply_transfer" in steps:
            for step in steps[: steps.index("apply_transfer") + 1]:
                if step not in done:
                    raise UserError("expense.fund_step_missing", number=number, step=Term(f"step.{step}"))
    today = tx.at.date().isoformat()
    day = on_date or today
    if day > today:
        raise UserError("expense.pay_in_future", number=number, date=day, today=today)
    check_open(tx.conn, day)
    approved_on = (row["approved_at"] or "")[:10]
    if day < approved_on:
        raise UserError("expense.pay_before_approval", number=number, date=day, approved=approved_on)
    draws = json.loads(row["shares"]) if row["shares"] else {row["fund"]: row["amount_fen"]}
    for key, fen in draws.items():
        if _internal(key):
            check_draw(tx.conn, key, fen, day)
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
    store.add_event(tx, row["id"], "reject", reason.strip(), None, None)
    return store.update(tx, row["id"], {"status": to, "closed_reason": reason.strip()})


def cancel(tx: Tx, ref: str, *, reason: str | None = None) -> dict[str, Any]:
    row = load(tx.conn, ref)
    to = rules_of.next_state("cancel", row["status"], row["number"])
    store.add_event(tx, row["id"], "cancel", (reason or "").strip() or None, None, None)
    return store.update(tx, row["id"], {"status": to, "closed_reason": (reason or "").strip() or None})


def procedure(conn: sqlite3.Connection, rules: Any, ref: str) -> dict[str, Any]:
    from zhili_cli.services import fund_procedure

    return fund_procedure.procedure(conn, rules, ref)


def step(tx: Tx, rules: Any, ref: str, name: str, *, note: str | None = None) -> dict[str, Any]:
    from zhili_cli.services import fund_procedure

    return fund_procedure.step(tx, rules, ref, name, note=note)


def public_row(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k not in ("id", "year", "seq")}
    if row.get("fund") == "maintenance_fund":  # rows from before the fund had its own procedure
        out["tier"] = rules_of.FUND_PROCEDURE
    out["amount"] = fen_to_yuan(row["amount_fen"])
    out["shares"] = json.loads(row["shares"]) if row.get("shares") else None
    out["split_of"] = row["split_of"].split(",") if row.get("split_of") else []
    out["scope"] = json.loads(row["scope"]) if row.get("scope") else []
    return out


def parse_amount(text: str) -> int:
    return parse_yuan(text)


def list_rows(conn: sqlite3.Connection, **filters: Any) -> list[dict[str, Any]]:
    return store.list_(conn, **filters)


def approvals(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return store.approvals(conn, expense_id)


def steps(conn: sqlite3.Connection, expense_id: int) -> list[dict[str, Any]]:
    return store.steps(conn, expense_id)
