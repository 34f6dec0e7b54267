"""Which body approves an expense: the tiers of the rules file, and split detection.

Plain arithmetic on integer fen; no database. `tier_for` also says which rule and which
bound decided, so the tool can explain itself ("why").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Iterable, Sequence

ORDER = ("chair", "committee", "three_party", "assembly")


@dataclass(frozen=True)
class TierDecision:
    tier: str
    amount_fen: int
    index: int                 # position of the tier in rules.expenses.tiers
    bound_fen: int | None      # the bound compared against (for the last tier: the previous tier's max)
    relation: str              # "le" (≤ max), "lt" (< max), "gt" (> previous max), "ge" (≥ previous max)

    def as_dict(self) -> dict[str, Any]:
        return {"tier": self.tier, "amount_fen": self.amount_fen, "rule": f"expenses.tiers[{self.index}]",
                "bound_fen": self.bound_fen, "relation": self.relation}


def tier_for(tiers: Sequence[Any], amount_fen: int) -> TierDecision:
    """The first tier whose bound takes the amount; the last tier takes everything above."""
    if amount_fen <= 0:
        raise ValueError("amount must be positive")
    for i, tier in enumerate(tiers):
        bound = tier.max_fen
        if bound is None:
            prev = tiers[i - 1] if i else None
            if prev is None:
                return TierDecision(tier.tier, amount_fen, i, None, "any")
            # the last tier starts where the previous one ends: above its max, or at it if excluded
            return TierDecision(tier.tier, amount_fen, i, prev.max_fen, "ge" if not prev.inclusive else "gt")
        if amount_fen < bound or (tier.inclusive and amount_fen == bound):
            return TierDecision(tier.tier, amount_fen, i, bound, "le" if tier.inclusive else "lt")
    last = tiers[-1]  # validated rules always end without a max; be safe anyway
    return TierDecision(last.tier, amount_fen, len(tiers) - 1, last.max_fen, "gt")


# Bodies that stand in for the owners' committee where there is none (seed 003): they rank
# with the committee.
STAND_INS = ("residents_committee", "subdistrict")


def rank(tier: str) -> int:
    if tier in STAND_INS:
        return ORDER.index("committee")
    return ORDER.index(tier) if tier in ORDER else len(ORDER)


def higher(a: str, b: str) -> str:
    return a if rank(a) >= rank(b) else b


def norm_payee(text: str | None) -> str:
    """A payee as people mean it (see `keys.payee_key`)."""
    from zhili_cli.domain.keys import payee_key

    return payee_key(text)


@dataclass(frozen=True)
class SplitCheck:
    alone: TierDecision
    combined: TierDecision
    total_fen: int
    earlier: list[dict[str, Any]] = field(default_factory=list)   # the earlier expenses summed

    @property
    def tier(self) -> str:
        return higher(self.alone.tier, self.combined.tier)

    @property
    def raised(self) -> bool:
        return rank(self.combined.tier) > rank(self.alone.tier)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier, "amount_fen": self.alone.amount_fen, "alone": self.alone.as_dict(),
            "combined": self.combined.as_dict() if self.earlier else None,
            "total_fen": self.total_fen, "raised_by_split": self.raised,
            "earlier": [{"number": e["number"], "amount_fen": e["amount_fen"],
                         "requested_at": e["requested_at"]} for e in self.earlier],
        }


def related(earlier: Iterable[dict[str, Any]], *, at: datetime, window_days: int,
            payee: str | None, project: str | None) -> list[dict[str, Any]]:
    """Earlier expenses to the same payee or project within `window_days` before `at`.

    Each dict needs `number`, `amount_fen`, `requested_at` (datetime or ISO text),
    and `payee` / `project`.
    """
    if not payee and not project:
        return []
    start = at - timedelta(days=window_days)
    key = norm_payee(payee)
    out = []
    for e in earlier:
        when = e["requested_at"]
        if isinstance(when, str):
            when = datetime.fromisoformat(when)
        if not (start <= when <= at):
            continue
        same_payee = bool(key) and norm_payee(e.get("payee")) == key
        same_project = bool(project) and (e.get("project") or "") == project
        if same_payee or same_project:
            out.append(e)
    return sorted(out, key=lambda e: (str(e["requested_at"]), e["number"]))


def check(tiers: Sequence[Any], amount_fen: int, *, window_days: int = 30,
          earlier: Iterable[dict[str, Any]] = (), at: datetime | None = None,
          payee: str | None = None, project: str | None = None) -> SplitCheck:
    """The tier of one request, raised when earlier related requests push the sum higher."""
    alone = tier_for(tiers, amount_fen)
    found = related(earlier, at=at, window_days=window_days, payee=payee, project=project) if at else []
    total = amount_fen + sum(int(e["amount_fen"]) for e in found)
    combined = tier_for(tiers, total)
    return SplitCheck(alone, combined, total, found)
