"""Schema of zhili.yaml, validated with pydantic. Thresholds are exact fractions."""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from zhili_cli.domain.motions import MATTERS

TierName = Literal["chair", "committee", "three_party", "assembly"]
Route = Literal["meeting", "property", "immediate", "private"]
KindName = Literal["major", "difficult", "urgent", "minor", "private"]
Matter = Literal[MATTERS]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_A_OVER_B = re.compile(r"\s*([0-9]+)\s*/\s*([0-9]+)\s*")


def _fraction(value: object) -> Fraction:
    """Only "a/b" text: a decimal such as 0.66 (quoted or not) is never exact enough for a law."""
    if isinstance(value, Fraction):
        return value
    match = _A_OVER_B.fullmatch(value) if isinstance(value, str) else None
    if not match or int(match.group(2)) == 0:
        from zhili_cli.i18n import t

        raise ValueError(t("rules.fraction_text"))
    frac = Fraction(int(match.group(1)), int(match.group(2)))
    if not 0 < frac <= 1:
        raise ValueError("must be more than 0 and at most 1")
    return frac


class Threshold(Strict):
    """`{more_than: "1/2"}` (strict, 超过) or `{at_least: "2/3"}` (inclusive, 以上)."""

    more_than: Fraction | None = None
    at_least: Fraction | None = None

    @field_validator("more_than", "at_least", mode="before")
    @classmethod
    def _frac(cls, value: object) -> Fraction | None:
        return None if value is None else _fraction(value)

    @model_validator(mode="after")
    def _one(self) -> "Threshold":
        if (self.more_than is None) == (self.at_least is None):
            raise ValueError("give exactly one of more_than or at_least")
        return self

    @property
    def fraction(self) -> Fraction:
        return self.more_than if self.more_than is not None else self.at_least  # type: ignore[return-value]

    @property
    def inclusive(self) -> bool:
        return self.at_least is not None

    def met(self, part: Fraction | int, whole: Fraction | int) -> bool:
        """Exact comparison of part/whole with the threshold; nothing of nothing never meets."""
        if whole <= 0:
            return False
        ratio = Fraction(part) / Fraction(whole)
        return ratio >= self.fraction if self.inclusive else ratio > self.fraction

    def needed(self, whole: Fraction | int) -> Fraction:
        """Smallest part that meets the threshold, for integer counts use `needed_count`."""
        return Fraction(whole) * self.fraction

    def needed_count(self, whole: int) -> int:
        """Smallest whole number n with n/whole meeting the threshold."""
        exact = Fraction(whole) * self.fraction
        base = exact.numerator // exact.denominator
        if self.inclusive:
            return base if base == exact else base + 1
        return base + 1

    def describe(self) -> str:
        op = "≥" if self.inclusive else ">"
        return f"{op} {self.fraction}"


class Tier(Strict):
    tier: TierName
    max: Decimal | None = None
    inclusive: bool = True

    @field_validator("max", mode="before")
    @classmethod
    def _max(cls, value: object) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise ValueError("must be an amount in yuan")
        try:
            amount = Decimal(str(value).replace(",", ""))
        except Exception:
            raise ValueError("must be an amount in yuan") from None
        if amount <= 0:
            raise ValueError("must be more than 0")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValueError("at most two decimals")
        return amount

    @property
    def max_fen(self) -> int | None:
        return None if self.max is None else int(self.max * 100)


StandIn = Literal["residents_committee", "three_party", "assembly"]
IncomeSource = Literal["shop_rent", "parking", "advertising", "other"]


class Expenses(Strict):
    tiers: list[Tier] = Field(min_length=1)
    split_window_days: int = Field(30, ge=0, le=366)
    # Without an owners' committee (seed 003): who approves the tiers that name the committee.
    without_committee: dict[Literal["chair", "committee"], StandIn] = Field(
        default_factory=lambda: {"chair": "residents_committee", "committee": "residents_committee"})

    @field_validator("tiers")
    @classmethod
    def _ordered(cls, tiers: list[Tier]) -> list[Tier]:
        seen: set[str] = set()
        for i, tier in enumerate(tiers):
            if tier.tier in seen:
                raise ValueError(f"[{i}].tier: {tier.tier} appears twice")
            seen.add(tier.tier)
            last = i == len(tiers) - 1
            if last and tier.max is not None:
                raise ValueError(f"[{i}].max: the last tier takes every larger amount; remove max")
            if not last and tier.max is None:
                raise ValueError(f"[{i}].max: every tier but the last needs a max")
            if i and not last and tiers[i - 1].max is not None and tier.max is not None:
                if tier.max <= tiers[i - 1].max:
                    raise ValueError(f"[{i}].max: must be greater than tiers[{i - 1}].max")
        return tiers


class PublicRevenue(Strict):
    """Public revenue the property company collects and shares into the owners' account."""

    # The owners' share of each source, as "a/b" (seed 000: 按比例纳入业委会专项账户).
    owner_share: dict[IncomeSource, Fraction] = Field(default_factory=dict)

    @field_validator("owner_share", mode="before")
    @classmethod
    def _shares(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: _fraction(v) for k, v in value.items()}
        return value


class Committee(Strict):
    size_min: int = Field(5, ge=1)
    size_max: int = Field(11, ge=1)
    size_odd: bool = True
    term_max_years: int = Field(5, ge=1, le=10)
    quorum: Threshold
    decision: Threshold
    proxies_allowed: bool = False
    publish_within_days: int = Field(3, ge=0, le=60)

    @model_validator(mode="after")
    def _sizes(self) -> "Committee":
        if self.size_max < self.size_min:
            raise ValueError("size_max: must be at least size_min")
        return self


class OwnersVote(Strict):
    quorum_area: Threshold
    quorum_owners: Threshold
    ordinary_area: Threshold
    ordinary_owners: Threshold
    special_area: Threshold
    special_owners: Threshold
    special_matters: list[Matter]
    nonvoter_counts_with_majority: bool = False
    developer_unsold_as_one_owner: bool = True
    proxy_max_units: int = Field(3, ge=1, le=1000)


class Assembly(Strict):
    notice_days: int = Field(15, ge=0, le=90)
    extraordinary_notice_days: int = Field(7, ge=0, le=90)
    only_published_items: bool = True
    evoting_min_days: int = Field(5, ge=1)
    evoting_max_days: int = Field(60, ge=1)
    paper_ballots_on_request: bool = True

    @model_validator(mode="after")
    def _window(self) -> "Assembly":
        if self.evoting_max_days < self.evoting_min_days:
            raise ValueError("evoting_max_days: must be at least evoting_min_days")
        return self


class KindRule(Strict):
    route: Route
    completion_days: int = Field(ge=1, le=3650)
    response_hours: int | None = Field(None, ge=1, le=24 * 60)


class Petitions(Strict):
    number_prefix: str = Field("P", pattern=r"^[A-Za-z]{1,4}$")
    response_hours: int = Field(72, ge=1, le=24 * 60)
    kinds: dict[KindName, KindRule]

    @field_validator("kinds")
    @classmethod
    def _all_kinds(cls, kinds: dict[str, KindRule]) -> dict[str, KindRule]:
        missing = [k for k in ("major", "difficult", "urgent", "minor", "private") if k not in kinds]
        if missing:
            raise ValueError(f"missing kinds: {', '.join(missing)}")
        if kinds["private"].route != "private":
            raise ValueError("private.route: private petitions must stay private")
        return kinds

    def response_hours_for(self, kind: str) -> int:
        rule = self.kinds[kind]  # type: ignore[index]
        return rule.response_hours or self.response_hours


class ThreePartyMeeting(Strict):
    frequency: Literal["monthly"] = "monthly"
    week: Literal["last", "first", "second", "third", "fourth"] = "last"
    quorum: Literal["all_parties"] = "all_parties"
    decision: Literal["all_parties", "majority_of_parties"] = "all_parties"


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class JointMeeting(Strict):
    """The joint meeting (联席会议) of a compound without an owners' committee (seed 003)."""
    parties: list[Literal["residents_committee", "property", "owner_reps"]] = Field(
        default_factory=lambda: ["residents_committee", "property", "owner_reps"], min_length=2)
    quorum: Literal["all_parties"] = "all_parties"
    decision: Literal["all_parties", "majority_of_parties"] = "all_parties"

    @field_validator("parties")
    @classmethod
    def _unique_parties(cls, parties: list[str]) -> list[str]:
        if len(set(parties)) != len(parties):
            raise ValueError("parties must be unique")
        return parties


class Meetings(Strict):
    three_party: ThreePartyMeeting
    joint: JointMeeting = Field(default_factory=JointMeeting)
    mailbox_days: list[Weekday]


class Stage(Strict):
    key: str = Field(pattern=r"^[a-z_]{1,32}$")
    body: Literal["party", "committee", "three_party", "owners", "representatives"]


class Motions(Strict):
    stages: list[Stage] = Field(min_length=1)

    @field_validator("stages")
    @classmethod
    def _unique(cls, stages: list[Stage]) -> list[Stage]:
        keys = [s.key for s in stages]
        if len(set(keys)) != len(keys):
            raise ValueError("stage keys must be unique")
        return stages


class Disclosure(Strict):
    period: Literal["quarterly", "half_yearly"] = "quarterly"
    posted_days: int = Field(15, ge=15, le=365)


Emergency = Literal[
    "lift_failure", "fire_system_damage", "facade_falling",
    "wall_or_road_collapse", "roof_or_wall_leak", "drainage_failure",
]


class MaintenanceFund(Strict):
    steps: list[Literal["propose", "owners_vote", "implement", "apply_transfer", "publicize"]]
    applicant_without_committee: Literal["residents_committee", "subdistrict"] = "residents_committee"
    emergencies: list[Emergency]
    emergency_confirmers: list[Literal["subdistrict", "residents_committee"]] = Field(min_length=1)


class Care(Strict):
    """Visits to flagged households: at most this many days between two visits, per flag."""

    visit_every_days: dict[str, int] = Field(default_factory=lambda: {"独居老人": 30})

    @field_validator("visit_every_days")
    @classmethod
    def _days(cls, value: dict[str, int]) -> dict[str, int]:
        for flag, days in value.items():
            if not flag.strip():
                raise ValueError("a flag name may not be empty")
            if isinstance(days, bool) or not 1 <= days <= 3650:
                raise ValueError(f"{flag}: days must be a whole number from 1 to 3650")
        return value


class Volunteer(Strict):
    """Volunteer service points (seed 003: 湾郡币): points per hour of service."""

    points_per_hour: int = Field(10, ge=0, le=10000)
    currency: str = Field("积分", min_length=1, max_length=20)


class Rules(Strict):
    version: Literal[1] = 1
    expenses: Expenses
    committee: Committee
    owners_vote: OwnersVote
    assembly: Assembly
    petitions: Petitions
    meetings: Meetings
    motions: Motions
    disclosure: Disclosure
    maintenance_fund: MaintenanceFund
    care: Care = Care()
    volunteer: Volunteer = Volunteer()
    public_revenue: PublicRevenue = Field(default_factory=PublicRevenue)

    def rules_digest(self) -> str:
        """SHA-256 of the parsed rules (not of the file's text: comments and layout do not
        count), stable across runs; decisions store it to say which rules they were taken under."""
        from zhili_cli.rules.load import plain

        text = json.dumps(plain(self), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
