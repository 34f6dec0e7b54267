"""Votes, tallied exactly: owners' votes (Civil Code art. 278), committee votes, three-party positions.

Everything here is plain Python over integers and `fractions.Fraction`; thresholds are the
rules' `Threshold` objects (`met(part, whole)`, `needed_count(whole)`), so no comparison
ever goes through floating point. Areas are m² × 100 integers.

Owners' vote counting (Supreme People's Court interpretation on building ownership, 2020,
arts. 8–9):
- area: each unit's exclusive area from the register;
- one unit one vote for the area; an owner of several units counts once by head, with the
  area of all their units summed;
- all of the developer's unsold units count as one owner;
- who an owner is: the certificate or ID number on the register (产权证号, 身份证号 …) when
  there is one, else the name together with the phone, else the unit alone. Two units are
  one owner only when that identity matches: namesakes (two 王伟) are different people, and
  a name with no phone or certificate is its own owner.
When one owner's units vote differently, the area follows each unit's ballot and the head
follows the choice carrying the most area (a tie counts the head as abstaining).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Mapping

from zhili_cli.errors import UserError

CHOICES = ("agree", "oppose", "abstain")
CLASSES = ("ordinary", "special")
DEVELOPER = "\x00developer"


def choice(value: str) -> str:
    """同意/反对/弃权 or agree/oppose/abstain (also yes/no) → agree | oppose | abstain."""
    from zhili_cli.domain import vocab

    key = vocab.find("choice", value or "")
    if key is None:
        raise UserError("vote_bad_choice", value=value)
    return key


CLASS_NAMES = {"ordinary": ("ordinary", "普通", "一般", "普通表决", "过半数"),
               "special": ("special", "特别", "特殊", "特别表决", "双四分之三", "四分之三")}


def class_of(text: str) -> str | None:
    """ordinary | special from what a person types, or None. `重大` is neither: art. 278 item 9
    (其他重大事项) is decided by the ordinary majority, so the word is refused, never guessed."""
    from zhili_cli.domain.keys import normalize_key

    needle = normalize_key(text).lower()
    if needle in ("重大", "重大事项", "其他重大事项"):
        raise UserError("vote_class_major", value=text)
    for key, names in CLASS_NAMES.items():
        if needle in names:
            return key
    return None


def vote_class(rules: Any, matter: str) -> str:
    """The nine art. 278 items: special when listed in owners_vote.special_matters."""
    return "special" if matter in rules.owners_vote.special_matters else "ordinary"


# ---------------------------------------------------------------------------
# Owners' vote


@dataclass(frozen=True)
class Unit:
    """One unit of the register: `key` names it (e.g. 3-2-501)."""

    key: str
    area_x100: int
    owner: str | None = None
    developer_unsold: bool = False
    phone: str | None = None
    identity: str | None = None


def owner_key(unit: Unit, developer_as_one: bool = True) -> str:
    """The owner a unit belongs to: the developer (unsold units, as one owner), else the
    certificate/ID number, else name + phone, else the unit itself."""
    if unit.developer_unsold and developer_as_one:
        return DEVELOPER
    return identity_key(unit.owner, unit.phone, unit.identity) or f"u:{unit.key}"


def name_key(owner: str | None) -> str:
    """A name as a key: look-alikes folded, spaces removed, case ignored (王 伟 is 王伟)."""
    from zhili_cli.domain.keys import normalize_key

    return normalize_key(owner).replace(" ", "").casefold()


def identity_key(owner: str | None, phone: str | None, identity: str | None) -> str | None:
    """The comparable identity of an owner, or None when the register says too little (then
    the unit is its own owner). Look-alike text (full width, invisible characters) compares equal."""
    from zhili_cli.domain.keys import normalize_key

    ident = normalize_key(identity).upper().replace(" ", "")
    if ident:
        return f"i:{ident}"
    name = name_key(owner)
    digits = "".join(ch for ch in normalize_key(phone) if ch.isdigit())
    if name and digits:
        return f"p:{name}|{digits}"
    return None


@dataclass(frozen=True)
class Counts:
    """The six numbers an owners' vote is decided on (areas in m² × 100)."""

    owners: int
    area_x100: int
    voted_owners: int
    voted_area_x100: int
    agree_owners: int
    agree_area_x100: int
    oppose_owners: int = 0
    oppose_area_x100: int = 0


@dataclass(frozen=True)
class Outcome:
    vote_class: str
    counts: Counts
    quorum_met: bool
    passed: bool
    owners_short_quorum: int
    area_short_quorum_x100: int
    owners_short_pass: int
    area_short_pass_x100: int
    owners_ratio_voted: Fraction
    area_ratio_voted: Fraction
    owners_ratio_agree: Fraction
    area_ratio_agree: Fraction
    nonvoters_counted: bool = False

    def as_dict(self) -> dict[str, Any]:
        """For --json: areas in m² as numbers (whole numbers stay integers)."""
        c = self.counts
        return {
            "class": self.vote_class,
            "quorum_met": self.quorum_met,
            "passed": self.passed,
            "owners": c.owners, "area": area_number(c.area_x100),
            "voted_owners": c.voted_owners, "voted_area": area_number(c.voted_area_x100),
            "agree_owners": c.agree_owners, "agree_area": area_number(c.agree_area_x100),
            "oppose_owners": c.oppose_owners, "oppose_area": area_number(c.oppose_area_x100),
            "owners_short_quorum": self.owners_short_quorum,
            "area_short_quorum": area_number(self.area_short_quorum_x100),
            "owners_short_pass": self.owners_short_pass,
            "area_short_pass": area_number(self.area_short_pass_x100),
            "owners_ratio_voted": str(self.owners_ratio_voted),
            "area_ratio_voted": str(self.area_ratio_voted),
            "owners_ratio_agree": str(self.owners_ratio_agree),
            "area_ratio_agree": str(self.area_ratio_agree),
            "nonvoters_counted": self.nonvoters_counted,
        }


def area_number(x100: int) -> int | float:
    """m² × 100 → m² as a JSON number: an int when whole, else the two-decimal value."""
    if x100 % 100 == 0:
        return x100 // 100
    return float(area_text(x100))


def area_text(x100: int) -> str:
    """m² × 100 → '35001' or '35001.5' or '0.01' (exact, no float)."""
    sign = "-" if x100 < 0 else ""
    whole, cents = divmod(abs(x100), 100)
    return f"{sign}{whole}" if cents == 0 else f"{sign}{whole}.{cents:02d}".rstrip("0")


def _ratio(part: int, whole: int) -> Fraction:
    return Fraction(part, whole) if whole > 0 else Fraction(0)


def _thresholds(ov: Any, vote_cls: str) -> tuple[Any, Any]:
    if vote_cls == "special":
        return ov.special_owners, ov.special_area
    if vote_cls == "ordinary":
        return ov.ordinary_owners, ov.ordinary_area
    raise UserError("vote_bad_class", value=vote_cls)


def decide(ov: Any, vote_cls: str, counts: Counts) -> Outcome:
    """Quorum (owners AND area take part) then the majority of those who took part.

    `ov` is the rules' `owners_vote` section. With `nonvoter_counts_with_majority` (off by
    default, legally risky) owners who did not vote are added to the side of the majority
    of those who did.
    """
    _check_counts(counts)
    pass_owners, pass_area = _thresholds(ov, vote_cls)
    nonvoters = False
    if ov.nonvoter_counts_with_majority and counts.voted_owners < counts.owners:
        missing_owners = counts.owners - counts.voted_owners
        missing_area = counts.area_x100 - counts.voted_area_x100
        agree_side = (counts.agree_owners > counts.oppose_owners
                      and counts.agree_area_x100 > counts.oppose_area_x100)
        counts = Counts(
            counts.owners, counts.area_x100, counts.owners, counts.area_x100,
            counts.agree_owners + (missing_owners if agree_side else 0),
            counts.agree_area_x100 + (missing_area if agree_side else 0),
            counts.oppose_owners + (0 if agree_side else missing_owners),
            counts.oppose_area_x100 + (0 if agree_side else missing_area),
        )
        nonvoters = True
    c = counts
    quorum = (ov.quorum_owners.met(c.voted_owners, c.owners)
              and ov.quorum_area.met(c.voted_area_x100, c.area_x100))
    majority = (pass_owners.met(c.agree_owners, c.voted_owners)
                and pass_area.met(c.agree_area_x100, c.voted_area_x100))
    return Outcome(
        vote_class=vote_cls,
        counts=c,
        quorum_met=quorum,
        passed=quorum and majority,
        owners_short_quorum=max(0, ov.quorum_owners.needed_count(c.owners) - c.voted_owners),
        area_short_quorum_x100=max(0, ov.quorum_area.needed_count(c.area_x100) - c.voted_area_x100),
        owners_short_pass=max(0, pass_owners.needed_count(c.voted_owners) - c.agree_owners) if c.voted_owners else 0,
        area_short_pass_x100=(max(0, pass_area.needed_count(c.voted_area_x100) - c.agree_area_x100)
                              if c.voted_area_x100 else 0),
        owners_ratio_voted=_ratio(c.voted_owners, c.owners),
        area_ratio_voted=_ratio(c.voted_area_x100, c.area_x100),
        owners_ratio_agree=_ratio(c.agree_owners, c.voted_owners),
        area_ratio_agree=_ratio(c.agree_area_x100, c.voted_area_x100),
        nonvoters_counted=nonvoters,
    )


def _check_counts(c: Counts) -> None:
    for name in ("owners", "area_x100", "voted_owners", "voted_area_x100", "agree_owners",
                 "agree_area_x100", "oppose_owners", "oppose_area_x100"):
        if getattr(c, name) < 0:
            raise UserError("vote_negative", field=name.removesuffix("_x100"))
    if c.owners <= 0 or c.area_x100 <= 0:
        raise UserError("vote_no_electorate")
    if c.voted_owners > c.owners:
        raise UserError("vote_more_than", part="voted-owners", whole="owners")
    if c.voted_area_x100 > c.area_x100:
        raise UserError("vote_more_than", part="voted-area", whole="area")
    if c.agree_owners + c.oppose_owners > c.voted_owners:
        raise UserError("vote_more_than", part="agree-owners", whole="voted-owners")
    if c.agree_area_x100 + c.oppose_area_x100 > c.voted_area_x100:
        raise UserError("vote_more_than", part="agree-area", whole="voted-area")


def what_if(ov: Any, vote_cls: str, *, owners: int, area_x100: int, voted_owners: int, voted_area_x100: int,
            agree_owners: int, agree_area_x100: int) -> Outcome:
    """`zhili vote check`: the outcome and shortfalls for counts a secretary types in."""
    if vote_cls not in CLASSES:
        raise UserError("vote_bad_class", value=vote_cls)
    return decide(ov, vote_cls, Counts(owners, area_x100, voted_owners, voted_area_x100,
                                       agree_owners, agree_area_x100))


@dataclass
class _Owner:
    area_x100: int = 0
    voted: bool = False
    by_choice: dict[str, int] = field(default_factory=dict)


def count_ballots(units: Iterable[Unit], ballots: Mapping[str, str], *,
                  developer_as_one: bool = True) -> Counts:
    """Counts from the register and ballots {unit key: agree|oppose|abstain}.

    Every ballot's unit must be in `units` (the service refuses others before this)."""
    return count_owned(((u.key, u.area_x100, owner_key(u, developer_as_one)) for u in units), ballots)


def count_owned(units: Iterable[tuple[str, int, str]], ballots: Mapping[str, str]) -> Counts:
    """Counts from (unit key, area, owner key) triples — e.g. a counting base frozen when the
    vote opened — and ballots {unit key: agree|oppose|abstain}."""
    owners: dict[str, _Owner] = {}
    total_area = 0
    for key, area_x100, owner in units:
        rec = owners.setdefault(owner, _Owner())
        rec.area_x100 += area_x100
        total_area += area_x100
        picked = ballots.get(key)
        if picked is not None:
            rec.voted = True
            rec.by_choice[picked] = rec.by_choice.get(picked, 0) + area_x100
    voted_owners = voted_area = agree_owners = agree_area = oppose_owners = oppose_area = 0
    for rec in owners.values():
        if not rec.voted:
            continue
        voted_owners += 1
        voted_area += sum(rec.by_choice.values())
        agree_area += rec.by_choice.get("agree", 0)
        oppose_area += rec.by_choice.get("oppose", 0)
        head = _head(rec.by_choice)
        if head == "agree":
            agree_owners += 1
        elif head == "oppose":
            oppose_owners += 1
    return Counts(len(owners), total_area, voted_owners, voted_area, agree_owners, agree_area,
                  oppose_owners, oppose_area)


def _head(by_choice: dict[str, int]) -> str:
    if len(by_choice) == 1:
        return next(iter(by_choice))
    best = max(by_choice.values())
    top = [k for k, v in by_choice.items() if v == best]
    return top[0] if len(top) == 1 else "abstain"


# ---------------------------------------------------------------------------
# Committee vote


@dataclass(frozen=True)
class CommitteeOutcome:
    members: int
    present: int
    yes: int
    no: int
    abstain: int
    quorum_met: bool
    passed: bool
    yes_needed: int
    present_needed: int

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def committee(rules_committee: Any, members: int, present: int, yes: int, no: int = 0,
              abstain: int = 0) -> CommitteeOutcome:
    """More than half of the members present (quorum); more than half of ALL members agree."""
    if members <= 0:
        raise UserError("committee_empty")
    if min(present, yes, no, abstain) < 0 or present > members or yes + no + abstain > present:
        raise UserError("committee_bad_counts", members=members, present=present)
    quorum = rules_committee.quorum.met(present, members)
    return CommitteeOutcome(
        members=members, present=present, yes=yes, no=no, abstain=abstain,
        quorum_met=quorum,
        passed=quorum and rules_committee.decision.met(yes, members),
        yes_needed=rules_committee.decision.needed_count(members),
        present_needed=rules_committee.quorum.needed_count(members),
    )


# ---------------------------------------------------------------------------
# Three-party positions

PARTIES = ("residents_committee", "owners_committee", "property")


@dataclass(frozen=True)
class ThreePartyOutcome:
    positions: dict[str, bool | None]
    passed: bool
    rule: str

    def as_dict(self) -> dict[str, Any]:
        return {"positions": self.positions, "passed": self.passed, "rule": self.rule}


def three_party(rule: str, positions: Mapping[str, bool],
                parties: tuple[str, ...] = PARTIES) -> ThreePartyOutcome:
    """all_parties: all the parties agree; majority_of_parties: more than half of them agree.
    `parties`: the three of the monthly meeting, or the joint meeting's where there is no
    owners' committee."""
    full = {p: positions.get(p) for p in parties}
    agree = sum(1 for v in full.values() if v is True)
    if rule == "all_parties":
        passed = agree == len(parties)
    else:
        passed = Fraction(agree, len(parties)) > Fraction(1, 2)
    return ThreePartyOutcome(full, passed, rule)
