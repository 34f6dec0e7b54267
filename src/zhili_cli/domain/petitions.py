"""The petition loop (收集—议事—落实—反馈—监督): states, transitions, deadlines, routing.

States: received → accepted (triaged) → on_agenda → decided → in_progress → done →
verified; and the side exits rejected, merged, referred. Which kinds must pass a
meeting and every deadline come from the rules (`petitions.kinds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from zhili_cli.errors import Term, UserError

STATES = (
    "received", "accepted", "on_agenda", "decided", "in_progress",
    "done", "verified", "rejected", "merged", "referred",
)
TERMINAL = frozenset({"done", "verified", "rejected", "merged", "referred"})
FINISHED = frozenset({"done", "verified"})
# A petition counts as accepted once it has been triaged, whatever happened after.
ACCEPTED = frozenset({"accepted", "on_agenda", "decided", "in_progress", "done", "verified", "referred"})

# action → states it may start from. The target state is decided in `transition`.
ALLOWED: dict[str, frozenset[str]] = {
    "triage": frozenset({"received"}),
    "assign": frozenset({"accepted", "decided", "in_progress"}),
    "put_on_agenda": frozenset({"accepted"}),
    "take_off_agenda": frozenset({"on_agenda"}),
    "decide": frozenset({"on_agenda"}),
    "update": frozenset({"accepted", "on_agenda", "decided", "in_progress"}),
    "close": frozenset({"decided", "in_progress"}),
    "verify": frozenset({"done"}),
    "reject": frozenset({"received", "accepted", "on_agenda"}),
    "merge": frozenset({"received", "accepted", "on_agenda"}),
    "refer": frozenset({"received", "accepted", "in_progress"}),
    # corrections (each with a reason, see services/petition_corrections.py)
    "retriage": frozenset({"accepted", "on_agenda", "decided", "in_progress"}),
    "reopen": TERMINAL,
}

# `petition edit` options → the columns they correct
EDITABLE = {"title": "title", "text": "text", "kind": "kind", "building": "building", "location": "location",
            "reporter": "reporter", "phone": "reporter_phone", "received": "received_at"}


def check_action(action: str, status: str, number: str) -> None:
    """Refuse an illegal transition with a reason a secretary can act on."""
    if status not in ALLOWED[action]:
        from zhili_cli.i18n import t

        allowed = "/".join(t(f"status.{s}") for s in STATES if s in ALLOWED[action])
        raise UserError("petition_bad_transition", number=number, action=Term(f"verb.{action}"),
                        status=Term(f"status.{status}"), allowed=allowed)


def route(rules: Any, kind: str) -> str:
    """meeting | property | immediate | private (rules: petitions.kinds.KIND.route)."""
    return rules.petitions.kinds[kind].route


def response_due(rules: Any, kind: str | None, received_at: datetime) -> datetime:
    """Triage is due within the response deadline (72 h by default, per-kind override)."""
    hours = rules.petitions.response_hours_for(kind) if kind else rules.petitions.response_hours
    return received_at + timedelta(hours=hours)


def completion_due(rules: Any, kind: str, triaged_at: datetime) -> datetime:
    return triaged_at + timedelta(days=rules.petitions.kinds[kind].completion_days)


def status_after_triage(rules: Any, kind: str) -> str:
    """大/难 wait for the meeting (accepted); 小/急/私 go straight to the responsible party."""
    return "accepted" if route(rules, kind) == "meeting" else "in_progress"


def default_party(rules: Any, kind: str) -> str | None:
    """小事协商办: minor matters go to the property company unless told otherwise."""
    return "property" if route(rules, kind) == "property" else None


def status_after_retriage(rules: Any, kind: str, status: str, decided: bool) -> str:
    """A re-classified petition goes where the new kind routes it. One a meeting has already
    decided keeps its place; one waiting for a meeting moves on when its new kind needs none."""
    if decided and status in ("decided", "in_progress"):
        return status
    if status in ("on_agenda", "decided"):
        return status if route(rules, kind) == "meeting" else "in_progress"
    return status_after_triage(rules, kind)


def status_after_reopen(kind: str | None, responsible: str | None, rules: Any, decided: bool) -> str:
    """Back to where the work stood: in progress with its party, waiting for the meeting, or untriaged."""
    if not kind:
        return "received"
    if responsible and (decided or route(rules, kind) != "meeting"):
        return "in_progress"
    return "accepted"


def status_after_assign(rules: Any, kind: str, status: str, number: str) -> str:
    """A meeting-routed matter cannot be worked on before the meeting has decided it."""
    if status == "accepted" and route(rules, kind) == "meeting":
        raise UserError("petition_needs_meeting", number=number)
    return "in_progress"


def check_satisfaction(value: int | str) -> int:
    """1–5, or the words the tool prints (非常满意 … 非常不满意)."""
    from zhili_cli.domain import vocab

    code = vocab.find("satisfaction", str(value))
    if code is None:
        raise UserError("bad_satisfaction", value=value)
    return int(code)


@dataclass(frozen=True)
class Overdue:
    stage: str  # "response" or "completion"
    due: datetime


def overdue(status: str, response_due_at: datetime | None, completion_due_at: datetime | None,
            at: datetime) -> Overdue | None:
    """Overdue when not triaged by the response deadline, or not finished by completion."""
    if status in TERMINAL:
        return None
    if status == "received" and response_due_at and at > response_due_at:
        return Overdue("response", response_due_at)
    if completion_due_at and at > completion_due_at:
        return Overdue("completion", completion_due_at)
    return None


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}{year}-{seq:03d}"
