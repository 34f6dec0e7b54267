"""Votes of bodies at a motion's stage: committee members by name, three-party positions, and
the single result recorded for the party organisation or the owner representatives.

Bodies decide at their meetings (Guiding rules 2009 arts. 38–39): a committee vote is taken at
a committee meeting with its quorum, by members recorded present, and closes with the meeting
(an absent member cannot add a vote afterwards); a committee with fewer members in office than
`committee.size_min` cannot decide; proxies only when `committee.proxies_allowed`. Three-party
positions are recorded only at a three-party (or, without an owners' committee, joint) meeting
with its quorum, whatever the decision rule. Once recorded, the vote's result is fixed:
`final = 1` and `closed_at`."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from zhili_cli.domain import meetings as meeting_rules
from zhili_cli.domain import votes as tally
from zhili_cli.domain import vocab
from zhili_cli.domain.motions import split_assignment as _split
from zhili_cli.errors import Term, UserError
from zhili_cli.i18n import t
from zhili_cli.store import motions as store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx

# The meeting kind where each body decides.
MEETING_OF = {"committee": "committee", "three_party": "three_party"}


def cast(tx: Tx, rules: Any, motion: dict[str, Any], stage: dict[str, Any], *, members: list[str] | None,
         positions: list[str] | None, result: str | None, meeting: str | None,
         subject: str | None) -> tuple[int, dict[str, Any]]:
    """The body's votes at `stage`; returns (vote id, outcome)."""
    body = stage["body"]
    meeting_row = _body_meeting(tx, rules, motion, body, meeting)
    v = open_vote(tx, motion, stage, meeting_id=meeting_row["id"] if meeting_row else None,
                  subject=(subject or "").strip() or None,
                  meeting_number=meeting_row["number"] if meeting_row else None)
    if body == "committee":
        _member_votes(tx, rules, v, meeting_row, members or [])  # type: ignore[arg-type]
    elif body == "three_party":
        _positions(tx, rules, v, meeting_row, positions or [])  # type: ignore[arg-type]
    else:
        what = tally.choice(result or "")
        if vote_store.ballot(tx.conn, v["id"], "body", body):
            raise UserError("motion_second_vote", name=vocab.name("body", body))
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "body", "voter_ref": body,
                                   "voter_name": body, "choice": what, "at": tx.at_iso})
    return v["id"], retally(tx, rules, v["id"])


def open_vote(tx: Tx, motion: dict[str, Any], stage: dict[str, Any], *, meeting_id: int | None,
              subject: str | None, meeting_number: str | None = None) -> dict[str, Any]:
    """The stage's vote. A committee or three-party vote closed with its meeting takes no more
    votes there; at a later meeting the body votes afresh (a new vote, the old one kept)."""
    from zhili_cli.domain.motions import vote_subject

    subject = vote_subject(motion["subject"], subject)
    if stage["vote_id"]:
        vote = vote_store.get(tx.conn, stage["vote_id"])
        closed = stage["body"] in MEETING_OF and vote["closed_at"]
        if not closed:
            changes: dict[str, Any] = {}
            if meeting_id and not vote["meeting_id"]:
                changes["meeting_id"] = meeting_id
            if subject and not vote["subject"]:
                changes["subject"] = subject
            return vote_store.update(tx, vote["id"], changes) if changes else vote
        if vote["meeting_id"] == meeting_id:
            raise UserError("vote_closed_with_meeting", number=meeting_number or "", motion=motion["number"])
        subject = subject or vote["subject"]
    vote_id = vote_store.insert(tx, {
        "motion_id": motion["id"], "stage_id": stage["id"], "meeting_id": meeting_id, "body": stage["body"],
        "subject": subject or motion["subject"], "vote_class": motion["vote_class"],
        "opened_at": tx.at_iso, "updated_at": tx.at_iso, "result": "open", "tally": "{}",
    })
    store.update_stage(tx, stage["id"], {"vote_id": vote_id})
    return vote_store.get(tx.conn, vote_id)  # type: ignore[return-value]


def _body_meeting(tx: Tx, rules: Any, motion: dict[str, Any], body: str, ref: str | None) -> dict[str, Any] | None:
    """The committee and the three parties vote only at their meeting, on or after its day, with
    its quorum counted now, before its decisions are published."""
    from zhili_cli.services import meetings

    want = MEETING_OF.get(body)
    if not want:
        return _meeting_for_vote(tx.conn, rules, motion, ref)
    if not ref:
        raise UserError("body_vote_needs_meeting", body=Term(f"stage_body.{body}"),
                        kind=Term(f"meeting_kind.{want}"))
    row = meetings.load(tx.conn, ref)
    if row["kind"] != want:
        raise UserError("vote_wrong_meeting", number=row["number"], kind=Term(f"meeting_kind.{row['kind']}"),
                        body=Term(f"stage_body.{body}"), want=Term(f"meeting_kind.{want}"))
    meetings.check_can_record(tx, row)
    if row["decisions_published_at"]:
        raise UserError("meeting_closed_for_votes", number=row["number"])
    meetings.check_can_decide(tx.conn, rules, row)
    return row


def _meeting_for_vote(conn: sqlite3.Connection, rules: Any, motion: dict[str, Any],
                      ref: str | None) -> dict[str, Any] | None:
    """A meeting named for another body's vote: at an owners' assembly only published items are
    voted; at a three-party or committee meeting nothing without its quorum."""
    if not ref:
        return None
    from zhili_cli.services import meetings

    row = meetings.load(conn, ref)
    if row["kind"] in meeting_rules.QUORUM_KINDS and not row["quorum_met"]:
        _met, detail = meetings.quorum(conn, rules, row)
        raise UserError("meeting_no_quorum", number=row["number"], detail=detail)
    if row["kind"] == "assembly" and rules.assembly.only_published_items:
        items = [i for i in meetings.agenda_items(conn, row) if i["ref"] == motion["number"]]
        if not items or not all(i["published"] for i in items):
            raise UserError("meeting_item_unpublished", number=row["number"], item=motion["number"])
    return row


_PROXY = re.compile(r"^(?P<name>.+?)\s*[（(]?\s*(?:委托|由|proxy[:：]?)\s*(?P<proxy>[^）)]+?)\s*(?:代为?表决|代投|代)?\s*[)）]?$")


def _proxy_of(name: str) -> tuple[str, str | None]:
    """`陆伟（委托金建国）` → (陆伟, 金建国); a plain name → (name, None)."""
    m = _PROXY.match(name)
    if m and m.group("name").strip() and m.group("proxy").strip():
        return m.group("name").strip(), m.group("proxy").strip()
    return name, None


def _member_votes(tx: Tx, rules: Any, v: dict[str, Any], meeting: dict[str, Any], entries: list[str]) -> None:
    from zhili_cli.services import meetings
    from zhili_cli.store import members

    roster = {m["name"]: m for m in meetings.committee_roster(tx.conn, meeting)}
    present = meeting_rules.Presence.of(meetings.attendance(tx.conn, meeting)).people
    for entry in entries:
        name, what = _split(entry)
        name, proxy = _proxy_of(name)
        member = roster.get(name)
        if member is None:
            raise UserError("motion_not_member", name=name)
        if proxy is not None:
            if not rules.committee.proxies_allowed:
                raise UserError("committee_proxy_refused", name=name, proxy=proxy)
            holder = roster.get(proxy)
            if holder is None or holder["id"] not in present:
                raise UserError("proxy_holder_absent", proxy=proxy, number=meeting["number"])
        elif member["id"] not in present:
            raise UserError("motion_member_absent", name=name, number=meeting["number"])
        if vote_store.ballot(tx.conn, v["id"], "member", str(member["id"])):
            raise UserError("motion_second_vote", name=name)
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "member", "voter_ref": str(member["id"]),
                                   "voter_name": f"{name}（委托{proxy}）" if proxy else name,
                                   "choice": tally.choice(what), "at": tx.at_iso})


def _positions(tx: Tx, rules: Any, v: dict[str, Any], meeting: dict[str, Any], entries: list[str]) -> None:
    from zhili_cli.services import meetings

    parties = meetings.parties_for(tx.conn, rules)
    here = meetings.speaking_parties(tx.conn, meeting)
    for entry in entries:
        name, what = _split(entry)
        party = vocab.party(name)
        if party not in parties:
            raise UserError("position_not_a_party", party=vocab.name("party", party),
                            parties=t("list_sep").join(vocab.name("party", p) for p in parties))
        if party not in here:
            raise UserError("reps.position_party_absent", party=vocab.name("party", party), number=meeting["number"])
        if vote_store.ballot(tx.conn, v["id"], "party", party):
            raise UserError("motion_second_vote", name=vocab.name("party", party))
        choice = tally.choice(what)
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "party", "voter_ref": party,
                                   "voter_name": vocab.name("party", party), "choice": choice, "at": tx.at_iso})


def retally(tx: Tx, rules: Any, vote_id: int) -> dict[str, Any]:
    """Count the vote from its ballots and store the result (passed | failed) and the tally.
    A body's vote is final as recorded, and closed (the owners' vote has its own life:
    owner_votes)."""
    v = vote_store.get(tx.conn, vote_id)
    result = count(tx.conn, rules, v)  # type: ignore[arg-type]
    vote_store.update(tx, vote_id, {"result": "passed" if result["passed"] else "failed",
                                    "tally": json.dumps(result, ensure_ascii=False, sort_keys=True),
                                    "updated_at": tx.at_iso, "final": 1, "closed_at": tx.at_iso})
    return {**result, "result": "passed" if result["passed"] else "failed"}


def count(conn: sqlite3.Connection, rules: Any, v: dict[str, Any]) -> dict[str, Any]:
    body = v["body"]
    if body == "committee":
        return _count_committee(conn, rules, v)
    if body == "three_party":
        from zhili_cli.services import meetings

        picked = vote_store.choices(conn, v["id"], "party")
        parties = meetings.parties_for(conn, rules)
        rule = (rules.meetings.three_party.decision if parties == meeting_rules.THREE_PARTIES
                else rules.meetings.joint.decision)
        out = tally.three_party(rule, {p: c == "agree" for p, c in picked.items()}, parties)
        return out.as_dict()
    picked = vote_store.choices(conn, v["id"], "body")
    return {"passed": picked.get(body) == "agree", "choice": picked.get(body)}


def _count_committee(conn: sqlite3.Connection, rules: Any, v: dict[str, Any]) -> dict[str, Any]:
    """Members in office on the meeting's day; present: those recorded present (or voting, for a
    vote recorded before votes were tied to meetings)."""
    from zhili_cli.services import meetings
    from zhili_cli.store import members

    meeting = meetings.load_by_id(conn, v["meeting_id"]) if v["meeting_id"] else None
    on = meeting["date"] if meeting else (v["opened_at"] or "")[:10]
    roster = meetings.committee_roster(conn, meeting) if meeting else members.committee(conn, on)
    picked = vote_store.choices(conn, v["id"], "member")
    present = len(picked)
    if meeting:
        ids = {m["id"] for m in roster}
        came = meeting_rules.Presence.of(meetings.attendance(conn, meeting)).people
        present = max(present, len(ids & came))
    if not roster:
        raise UserError("committee_empty")
    size = max(len(roster), present)
    out = tally.committee(rules.committee, size, present, sum(c == "agree" for c in picked.values()),
                          sum(c == "oppose" for c in picked.values()),
                          sum(c == "abstain" for c in picked.values()))
    return out.as_dict()
