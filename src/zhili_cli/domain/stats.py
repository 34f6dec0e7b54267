"""Petition statistics. 办结率 (completion rate) = done or verified ÷ accepted (triaged)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable

COUNTS = ("received", "accepted", "done", "responded_in_time", "response_measured", "overdue",
          "close_seconds", "closed", "satisfaction_sum", "satisfaction_n")


@dataclass
class Figures:
    received: int = 0
    accepted: int = 0
    done: int = 0
    responded_in_time: int = 0
    response_measured: int = 0
    overdue: int = 0
    close_seconds: int = 0
    closed: int = 0
    satisfaction_sum: int = 0
    satisfaction_n: int = 0

    def add(self, row: dict[str, Any]) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + int(row.get(name) or 0))

    @property
    def completion_rate(self) -> Fraction | None:
        return Fraction(self.done, self.accepted) if self.accepted else None

    @property
    def response_rate(self) -> Fraction | None:
        """Triaged within the response deadline ÷ those whose deadline has been tested."""
        return Fraction(self.responded_in_time, self.response_measured) if self.response_measured else None

    @property
    def mean_days_to_close(self) -> Fraction | None:
        return Fraction(self.close_seconds, self.closed * 86400) if self.closed else None

    @property
    def mean_satisfaction(self) -> Fraction | None:
        return Fraction(self.satisfaction_sum, self.satisfaction_n) if self.satisfaction_n else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "accepted": self.accepted,
            "done": self.done,
            "completion_rate": percent(self.completion_rate),
            "response_in_time_rate": percent(self.response_rate),
            "overdue": self.overdue,
            "mean_days_to_close": decimal(self.mean_days_to_close, 1),
            "mean_satisfaction": decimal(self.mean_satisfaction, 2),
        }


@dataclass
class Stats:
    overall: Figures = field(default_factory=Figures)
    by_kind: dict[str, Figures] = field(default_factory=dict)
    by_source: dict[str, Figures] = field(default_factory=dict)


def combine(groups: Iterable[dict[str, Any]]) -> Stats:
    stats = Stats()
    for row in groups:
        stats.overall.add(row)
        stats.by_kind.setdefault(row["kind"] or "untriaged", Figures()).add(row)
        stats.by_source.setdefault(row["source"], Figures()).add(row)
    return stats


def percent(value: Fraction | None, places: int = 1) -> float | None:
    """A rate as a percentage rounded half-up for display (the exact fraction stays upstream)."""
    if value is None:
        return None
    return decimal(value * 100, places)


def decimal(value: Fraction | None, places: int) -> float | None:
    if value is None:
        return None
    scale = 10 ** places
    scaled = value * scale
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    return rounded / scale
