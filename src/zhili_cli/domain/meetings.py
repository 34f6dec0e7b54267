"""Meeting rules in plain Python: kinds, the monthly meeting's day, notice, quorum, a meeting's
state, and which agenda items carry over to the next meeting of the same kind.

No database, no clock: callers pass the dates, the rules and what was recorded."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, Iterable, Sequence

from zhili_cli.domain import vocab

KINDS = vocab.MEETING_KINDS  # names and aliases: domain/vocab_terms.py
# The body a meeting kind speaks for: in motion stages, and in the approval hook.
STAGE_BODY = {"three_party": "three_party", "committee": "committee", "party_pre": "party",
              "representatives": "representatives", "assembly": "owners"}
APPROVAL_BODY = {"three_party": "three_party", "committee": "committee", "assembly": "assembly"}
# Kinds whose decisions need the quorum recorded at the meeting.
QUORUM_KINDS = ("three_party", "committee")
# The three parties of the monthly meeting (seed 000).
THREE_PARTIES = ("residents_committee", "owners_committee", "property")
WEEKS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
MEETING_WEEKDAY = 3  # Thursday

# A meeting's states: scheduled → held (attendance or a decision recorded) → published;
# a meeting not yet held can be cancelled.
SCHEDULED, HELD, PUBLISHED, CANCELLED = "scheduled", "held", "published", "cancelled"


def kind_of(value: str) -> str:
    return vocab.parse("meeting_kind", value)


# the day -----------------------------------------------------------------------

def thursday(year: int, month: int, week: str) -> date:
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == MEETING_WEEKDAY]
    return days[-1] if week == "last" else days[WEEKS[week]]


def default_date(week: str, today: date) -> date:
    """The three-party meeting's day: Thursday of the rules' week (default the last week) of
    this month; today when that Thursday has just passed but the week has not; else next month's."""
    year, month = today.year, today.month
    day = today
    for _ in range(2):
        day = thursday(year, month, week)
        if day >= today:
            return day
        if (year, month) == (today.year, today.month) and (today - day).days < 7 and (
                week != "last" or today.day > calendar.monthrange(year, month)[1] - 7):
            return today  # that Thursday has passed but its week has not
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return day


def period(frequency: str, day: date) -> tuple[date, date]:
    """The first and last day of the three-party meeting's period holding `day`
    (meetings.three_party.frequency; seed 000: monthly)."""
    if frequency != "monthly":
        raise ValueError(f"unknown frequency: {frequency}")
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_due(frequency: str, week: str, day: date) -> date:
    """The day the period's three-party meeting is due: Thursday of the rules' week."""
    first, _ = period(frequency, day)
    return thursday(first.year, first.month, week)


# notice ------------------------------------------------------------------------

def notice_days(kind: str, extraordinary: bool, assembly_rules: Any) -> int:
    """Days of public notice a meeting needs: an owners' assembly 15 (7 extraordinary) by
    default (Guiding rules 2009 art. 22); other meetings none."""
    if kind != "assembly":
        return 0
    return assembly_rules.extraordinary_notice_days if extraordinary else assembly_rules.notice_days


def notice_short(need: int, announced: date, on: date) -> int | None:
    """The days of notice given when fewer than `need`; None when the notice is enough."""
    have = (on - announced).days
    return have if have < need else None


# state ---------------------------------------------------------------------------

def state(meeting: dict[str, Any], *, attended: bool = False, decided: bool = False) -> str:
    if meeting.get("cancelled_at"):
        return CANCELLED
    if meeting.get("decisions_published_at"):
        return PUBLISHED
    if attended or decided:
        return HELD
    return SCHEDULED


def too_early(meeting_date: str, today: date) -> bool:
    """Attendance and decisions are recorded on or after the meeting's day, never before."""
    return today < date.fromisoformat(meeting_date[:10])


# quorum --------------------------------------------------------------------------

@dataclass(frozen=True)
class Presence:
    """Who was recorded present: the people (by member id) and the parties (by key).

    A party recorded without a name (`--party`) counts as that party's presence, never as a person."""
    people: frozenset[int]
    parties: frozenset[str]

    @classmethod
    def of(cls, rows: Iterable[dict[str, Any]]) -> "Presence":
        rows = list(rows)
        return cls(frozenset(r["member_id"] for r in rows if r.get("member_id") is not None),
                   frozenset(r["party"] for r in rows))


def parties_missing(required: Sequence[str], presence: Presence) -> list[str]:
    """all_parties: each required party has someone present."""
    return [p for p in required if p not in presence.parties]


def committee_quorum(threshold: Any, presence: Presence, roster: Iterable[int]) -> tuple[bool, int, int]:
    """Members in office recorded present against the members in office: (met, came, of)."""
    ids = set(roster)
    came = len(ids & presence.people)
    if not ids:
        return False, 0, 0
    return bool(threshold.met(came, len(ids))), came, len(ids)


def below_size_min(in_office: int, size_min: int) -> bool:
    """A committee with fewer members in office than the minimum cannot decide: a by-election first."""
    return in_office < size_min


def majority(agree: int, of: int) -> bool:
    return of > 0 and Fraction(agree, of) > Fraction(1, 2)


# carry-over ------------------------------------------------------------------------

def carried_over(previous_items: Sequence[dict[str, Any]], on_agenda: set[tuple[str, Any]],
                 carried_ids: set[int]) -> list[dict[str, Any]]:
    """Items of the previous meeting of the same kind left undecided, not yet on the new agenda
    (by type and number, or, for an item without a number, by the item it carries)."""
    out = []
    for it in previous_items:
        if it.get("decided_at"):
            continue
        if it["id"] in carried_ids:
            continue
        if it.get("ref") and (it["type"], it["ref"]) in on_agenda:
            continue
        out.append(it)
    return out
