"""The national floor: a rules file may be stricter than the law, never looser.

Each check names the key it looks at, the law it comes from, and what the law requires.
`looser_than_law(rules)` returns every breach as (key path, message key, params); the
loader turns the first into `FILE:LINE: key: problem (source)`.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhili_cli.rules.model import Rules, Threshold

# (key path, floor as (fraction, inclusive), legal source)
CIVIL_278 = "民法典第二百七十八条 / Civil Code art. 278"
GUIDING = "业主大会和业主委员会指导规则（2009）/ Guiding rules for owners' assemblies and committees (2009)"
THRESHOLDS: tuple[tuple[str, Fraction, bool, str], ...] = (
    ("owners_vote.quorum_area", Fraction(2, 3), True, CIVIL_278),
    ("owners_vote.quorum_owners", Fraction(2, 3), True, CIVIL_278),
    ("owners_vote.ordinary_area", Fraction(1, 2), False, CIVIL_278),
    ("owners_vote.ordinary_owners", Fraction(1, 2), False, CIVIL_278),
    ("owners_vote.special_area", Fraction(3, 4), True, CIVIL_278),
    ("owners_vote.special_owners", Fraction(3, 4), True, CIVIL_278),
    ("committee.quorum", Fraction(1, 2), False, GUIDING + " art. 38"),
    ("committee.decision", Fraction(1, 2), False, GUIDING + " art. 39"),
)
SPECIAL_MATTERS = ("fund_raise", "rebuild", "change_use")  # art. 278 items 6–8
NOTICE_DAYS = (("assembly.notice_days", 15), ("assembly.extraordinary_notice_days", 7))
NOTICE_SOURCE = GUIDING + " art. 23; 杭州市物业管理条例 / Hangzhou regulation arts. 19–20"
TIER_ORDER = ("chair", "committee", "three_party", "assembly")
TIER_SOURCE = "民法典第二百七十八条、第二百八十二条 / Civil Code arts. 278, 282; seed 000 四级联审"
FUND_SOURCE = "建设部、财政部令第165号第二十二条 / Order 165 art. 22; Civil Code art. 278 item 5"
NONVOTER_SOURCE = CIVIL_278 + "（须实际参与表决 / actual participation）"

Breach = tuple[str, str, dict[str, Any]]


def as_strict_as(value: "Threshold", floor: Fraction, inclusive: bool) -> bool:
    """True when every share that meets `value` also meets the floor."""
    if value.fraction != floor:
        return value.fraction > floor
    return not value.inclusive or inclusive


def _describe(floor: Fraction, inclusive: bool) -> str:
    return f"{'≥' if inclusive else '>'} {floor}"


def looser_than_law(rules: "Rules") -> list[Breach]:
    out: list[Breach] = []
    for path, floor, inclusive, source in THRESHOLDS:
        section, key = path.split(".")
        value = getattr(getattr(rules, section), key)
        if not as_strict_as(value, floor, inclusive):
            field = "at_least" if value.inclusive else "more_than"
            out.append((f"{path}.{field}", "floor.threshold",
                        {"value": value.describe(), "floor": _describe(floor, inclusive), "source": source}))
    missing = [m for m in SPECIAL_MATTERS if m not in rules.owners_vote.special_matters]
    if missing:
        out.append(("owners_vote.special_matters", "floor.special_matters",
                    {"missing": ", ".join(missing), "source": CIVIL_278 + " items 6–8"}))
    if rules.owners_vote.nonvoter_counts_with_majority:
        out.append(("owners_vote.nonvoter_counts_with_majority", "floor.nonvoter", {"source": NONVOTER_SOURCE}))
    for path, days in NOTICE_DAYS:
        value = getattr(rules.assembly, path.split(".")[1])
        if value < days:
            out.append((path, "floor.notice", {"value": value, "floor": days, "source": NOTICE_SOURCE}))
    out += _tier_breaches(rules)
    if "owners_vote" not in rules.maintenance_fund.steps:
        out.append(("maintenance_fund.steps", "floor.fund_vote", {"source": FUND_SOURCE}))
    return out


def _tier_breaches(rules: "Rules") -> list[Breach]:
    tiers = rules.expenses.tiers
    for i, tier in enumerate(tiers[1:], 1):
        if TIER_ORDER.index(tier.tier) <= TIER_ORDER.index(tiers[i - 1].tier):
            return [(f"expenses.tiers[{i}].tier", "floor.tier_order",
                     {"tier": tier.tier, "before": tiers[i - 1].tier, "order": " < ".join(TIER_ORDER),
                      "source": TIER_SOURCE})]
    if tiers[-1].tier != "assembly":
        return [("expenses.tiers", "floor.tier_assembly", {"source": TIER_SOURCE})]
    return []
