"""The basis of a roster change: nobody joins or leaves a body that speaks for others at will.

Joining: a committee member (主任, 副主任, 委员) needs the election — an owners' assembly motion
whose owners' vote is final and passed (`--basis M2024-003`), or an election document's number
with its date (`--basis 选举结果公告2023-01 --basis-date 2023-05-20`, not after the term starts).
A representative of a party (居委会, 街道, 物业 representatives, 业主代表) needs the appointment
(`--basis`, the letter or the record that names them). Leaving: the term ends for a reason of a
known kind (任期届满, 辞职, 罢免, 丧失业主身份, 死亡, …) with its document reference; a recall
(罢免) names the owners' assembly vote that decided it. The basis goes into the member's
audited history (`member show`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import vocab
from zhili_cli.errors import Term, UserError

# Why a term ends: the kinds the committee rules know (Guiding rules 2009 arts. 31–35), and a
# representative's transfer. code → (zh, en, aliases…)
END_KINDS: dict[str, tuple[str, ...]] = {
    "term_expired": ("任期届满", "term expired", "届满", "换届"),
    "resigned": ("辞职", "resigned", "辞去", "书面辞职"),
    "recalled": ("罢免", "recalled", "罢免委员", "removed"),
    "lost_ownership": ("丧失业主身份", "no longer an owner", "房屋出售", "不再是业主", "lost-ownership"),
    "death": ("死亡", "death", "去世", "died"),
    "incapacity": ("丧失履职能力", "unable to serve", "因病不能履职", "incapacity"),
    "transferred": ("调离", "transferred", "工作调动", "不再担任代表", "transfer"),
}
# Kinds that need the owners' assembly vote that decided them (a motion number).
NEEDS_VOTE = ("recalled",)


def end_kind(text: str | None) -> str:
    from zhili_cli.domain.keys import normalize_key

    want = normalize_key(text).casefold()
    for code, words in END_KINDS.items():
        if want == code or want in (normalize_key(w).casefold() for w in words):
            return code
    raise UserError("reps.bad_end_kind", value=(text or "").strip() or "—",
                    allowed="、".join(w[0] for w in END_KINDS.values()))


def passed_owners_vote(conn: Any, ref: str) -> str | None:
    """The motion's number when `ref` names a motion whose owners' vote is final and passed;
    None when `ref` names no motion. A motion without such a vote is refused."""
    from zhili_cli.store import motions as motion_store
    from zhili_cli.store import votes as vote_store

    number = motion_store.find_number(conn, ref.strip())
    if number is None:
        return None
    motion = motion_store.get(conn, number)
    if motion["matter"] != "election":  # type: ignore[index]  # 选举或更换业委会 (art. 278 item 4)
        raise UserError("reps.motion_not_election", number=number,
                        matter=Term(f"matter.{motion['matter']}"))  # type: ignore[index]
    for stage in motion_store.stages(conn, motion["id"]):  # type: ignore[index]
        if stage["body"] == "owners" and stage["vote_id"]:
            vote = vote_store.get(conn, stage["vote_id"])
            if vote and vote["result"] == "passed" and (vote["final"] is None or vote["final"]):
                return number
    raise UserError("reps.motion_not_passed", number=number)


def joining(conn: Any, role: str, *, basis: str | None, basis_date: date | None, start: date | None,
            today: date) -> dict[str, Any] | None:
    """The basis recorded for a person joining in `role` (None for roles that speak for nobody
    and were given none); refused when a speaking role has none."""
    text = (basis or "").strip()
    if basis_date and basis_date > today:
        raise UserError("reps.basis_in_future", date=basis_date.isoformat())
    if role not in vocab.SPEAKING_ROLES:
        return {"basis": text, "basis_date": basis_date.isoformat() if basis_date else None} if text else None
    if role in vocab.COMMITTEE_ROLES:
        if not text:
            raise UserError("reps.election_required", role=Term(f"role.{role}"))
        motion = passed_owners_vote(conn, text)
        if motion is None:
            if basis_date is None:
                raise UserError("reps.election_date_required", basis=text)
            if start and basis_date > start:
                raise UserError("reps.election_after_term", date=basis_date.isoformat(), start=start.isoformat())
        return {"basis": motion or text, "basis_date": basis_date.isoformat() if basis_date else None,
                "motion": motion}
    if not text:
        raise UserError("reps.appointment_required", role=Term(f"role.{role}"),
                        party=Term(f"party.{vocab.ROLE_PARTY[role]}"))
    return {"basis": text, "basis_date": basis_date.isoformat() if basis_date else None}


def leaving(conn: Any, role: str, *, kind: str | None, doc: str | None) -> dict[str, Any]:
    """The kind and document of a term's end; a speaking role needs both, a recall its vote."""
    text = (doc or "").strip()
    if role not in vocab.SPEAKING_ROLES and not kind:
        return {"kind": None, "doc": text or None}
    if not kind:
        raise UserError("reps.end_kind_required", allowed="、".join(w[0] for w in END_KINDS.values()))
    code = end_kind(kind)
    if not text:
        raise UserError("reps.end_doc_required", kind=Term(f"end_kind.{code}"))
    if code in NEEDS_VOTE and passed_owners_vote(conn, text) is None:
        raise UserError("reps.recall_needs_vote", doc=text)
    return {"kind": code, "doc": text}


def user_date(text: str | None) -> date | None:
    return clock.user_date(text)
