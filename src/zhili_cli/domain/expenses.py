"""Expense states and the maintenance fund procedure, as plain rules."""

from __future__ import annotations

from typing import Any

from zhili_cli.domain import vocab as _vocab
from zhili_cli.errors import Term, UserError

STATES = ("requested", "approved", "paid", "rejected", "cancelled")
FUNDS = ("public_revenue", "maintenance_fund", "co_funded")
INTERNAL_FUNDS = ("public_revenue", "maintenance_fund")
SOURCES = ("shop_rent", "parking", "advertising", "other")

# Their names and aliases live in the one vocabulary (domain/vocab_terms.py).

# The tier of a maintenance fund expense: its own procedure, never a public revenue tier.
FUND_PROCEDURE = "maintenance_fund"


def uses_fund(fund: str | None, shares: Any = None) -> bool:
    """Whether any of the money comes from the maintenance fund: a maintenance fund expense, or
    a co-funded one with a maintenance fund share (`shares`: the map or its stored JSON text).
    Such a request follows the fund's procedure as a whole (Civil Code art. 278 item 5, Order
    165 arts. 22–24): one yuan of the fund cannot ride on the chair's or a meeting tier's approval."""
    if fund == "maintenance_fund":
        return True
    if not shares:
        return False
    if isinstance(shares, str):
        import json

        try:
            shares = json.loads(shares)
        except ValueError:
            return False
    return isinstance(shares, dict) and int(shares.get("maintenance_fund") or 0) > 0


def row_uses_fund(row: Any) -> bool:
    return uses_fund(row["fund"], row["shares"])


def scope_entries(texts: Any) -> list[str]:
    """The scope (列支范围) as typed (`1`, `2幢`, `3-2`, `3-2-501`) → its entries as a vote
    records them (`1`, `2`, `3-2`, `3-2-501`), each once, in the order given; `全部` or nothing:
    [] (the whole compound)."""
    from zhili_cli.domain.motions import parse_scope

    out: list[str] = []
    for text in texts or []:
        part = parse_scope(text)
        if part is None:
            return []
        entry = "-".join(p for p in part if p)
        if entry not in out:
            out.append(entry)
    return out


def same_scope(a: Any, b: Any) -> bool:
    """Two scopes (lists of entries, or their stored JSON text; None: the whole compound) name the
    same owners exactly."""
    import json

    def entries(value: Any) -> frozenset[str]:
        if isinstance(value, str):
            value = json.loads(value) if value.strip() else []
        return frozenset(value or [])

    return entries(a) == entries(b)


def scope_label(value: Any) -> Any:
    """A scope for a message: its entries, or (the whole compound) the catalogue's word for it."""
    import json

    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    return "、".join(value or []) or Term("decisions.whole_compound")

# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "approve": (("requested",), "approved"),
    "pay": (("approved",), "paid"),
    "reject": (("requested",), "rejected"),
    "cancel": (("requested", "approved"), "cancelled"),
}


def fund(value: str) -> str:
    return _vocab.parse("fund", value)


def source(value: str) -> str:
    return _vocab.parse("income_source", value)


def next_state(action: str, status: str, number: str) -> str:
    allowed, to = TRANSITIONS[action]
    if status not in allowed:
        raise UserError("expense.bad_transition", number=number, status=Term(f"expense.status.{status}"),
                        action=Term(f"expense.action.{action}"),
                        allowed="/".join(_vocab.name("expense_status", s) for s in allowed))
    return to


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}{year}-{seq:03d}"


# -- maintenance fund (住宅专项维修资金) ------------------------------------------------

def applicant(rules: Any, has_owners_committee: bool) -> str:
    """Who applies for the transfer: the owners' committee, else (seed 003) the residents' committee."""
    return "owners_committee" if has_owners_committee else rules.maintenance_fund.applicant_without_committee


def fund_steps(rules: Any, emergency: str | None) -> list[str]:
    """The steps of one use of the fund. Emergencies replace the owners' vote with a committee
    review and a confirmation by the sub-district office or residents' committee."""
    steps = list(rules.maintenance_fund.steps)
    if emergency:
        i = steps.index("owners_vote") if "owners_vote" in steps else 1
        steps[i:i + 1] = ["committee_review", "confirm"]
    return steps


APPROVERS = ("chair", "committee", "three_party", "assembly", "residents_committee", "subdistrict")


def body(value: str) -> str:
    """A body typed by a person (业委会, 居委会, 联席会议, three_party …) → its key."""
    return _vocab.approval_body(_vocab.parse("body", value, only=APPROVERS + ("owners",)))


def check_emergency(rules: Any, value: str | None) -> str | None:
    if value is None:
        return None
    listed = list(rules.maintenance_fund.emergencies)
    key = _vocab.fold(value)
    if key in listed:  # a compound's own emergency, named in its rules
        return key
    return _vocab.parse("emergency", value, only=listed)


def required_body(rules: Any, fund_key: str, tier: str, emergency: str | None,
                  has_committee: bool = True) -> str:
    """Which body approves: maintenance fund use is an owners' vote (Civil Code art. 278 item 5)
    unless an emergency (Order 165 art. 24), when the committee reviews; otherwise the tier.
    Without an owners' committee (seed 003) the fund's applicant reviews emergencies and the
    tiers that name the committee go to the body the rules name."""
    if fund_key == "maintenance_fund":
        if not emergency:
            return "assembly"
        return "committee" if has_committee else rules.maintenance_fund.applicant_without_committee
    if not has_committee:
        return rules.expenses.without_committee.get(tier, tier)
    return tier


def next_step(steps: list[str], done: list[str]) -> str | None:
    for s in steps:
        if s not in done:
            return s
    return None
