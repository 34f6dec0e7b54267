"""Votes of bodies at a motion's stage: committee members by name, three-party positions, and
the single result recorded for the party organisation or the owner representatives."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli.domain import votes as tally
from zhili_cli.domain import vocab
from zhili_cli.domain.motions import split_assignment as _split
from zhili_cli.errors import UserError
from zhili_cli.store import motions as store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx


def cast(tx: Tx, rules: Any, motion: dict[str, Any], stage: dict[str, Any], *, members: list[str] | None,
         positions: list[str] | None, result: str | None, meeting: str | None,
         subject: str | None) -> tuple[int, dict[str, Any]]:
    """The body's votes at `stage`; returns (vote id, outcome)."""
    body = stage["body"]
    meeting_row = _meeting_for_vote(tx.conn, rules, motion, meeting)
    v = open_vote(tx, motion, stage, meeting_id=meeting_row["id"] if meeting_row else None,
                  subject=(subject or "").strip() or None)
    if body == "committee":
        _member_votes(tx, v, members or [])
    elif body == "three_party":
        _positions(tx, v, positions or [])
    else:
        what = tally.choice(result or "")
        if vote_store.ballot(tx.conn, v["id"], "body", body):
            raise UserError("motion_second_vote", name=body)
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "body", "voter_ref": body,
                                   "voter_name": body, "choice": what, "at": tx.at_iso})
    return v["id"], retally(tx, rules, v["id"])


def open_vote(tx: Tx, motion: dict[str, Any], stage: dict[str, Any], *, meeting_id: int | None,
              subject: str | None) -> dict[str, Any]:
    if stage["vote_id"]:
        vote = vote_store.get(tx.conn, stage["vote_id"])
        changes: dict[str, Any] = {}
        if meeting_id and not vote["meeting_id"]:
            changes["meeting_id"] = meeting_id
        if subject and not vote["subject"]:
            changes["subject"] = subject
        return vote_store.update(tx, vote["id"], changes) if changes else vote
    vote_id = vote_store.insert(tx, {
        "motion_id": motion["id"], "stage_id": stage["id"], "meeting_id": meeting_id, "body": stage["body"],
        "subject": subject or motion["subject"], "vote_class": motion["vote_class"],
        "opened_at": tx.at_iso, "updated_at": tx.at_iso, "result": "open", "tally": "{}",
    })
    store.update_stage(tx, stage["id"], {"vote_id": vote_id})
    return vote_store.get(tx.conn, vote_id)  # type: ignore[return-value]


def _meeting_for_vote(conn: sqlite3.Connection, rules: Any, motion: dict[str, Any],
                      ref: str | None) -> dict[str, Any] | None:
    """At an owners' assembly, an item not on the published agenda cannot be voted; at a
    three-party or committee meeting, nothing is voted without its quorum (as `meeting
    decide` requires)."""
    if not ref:
        return None
    from zhili_cli.services import meetings
    from zhili_cli.store import meetings as meeting_store

    row = meetings.load(conn, ref)
    if row["kind"] in ("three_party", "committee") and not row["quorum_met"]:
        _met, detail = meetings.quorum(conn, rules, row)
        raise UserError("meeting_no_quorum", number=row["number"], detail=detail)
    if row["kind"] == "assembly" and rules.assembly.only_published_items:
        items = [i for i in meeting_store.items(conn, row["id"]) if i["ref"] == motion["number"]]
        if not items or not all(i["published"] for i in items):
            raise UserError("meeting_item_unpublished", number=row["number"], item=motion["number"])
    return row


def _member_votes(tx: Tx, v: dict[str, Any], entries: list[str]) -> None:
    from zhili_cli.store import members

    today = tx.at.date().isoformat()
    roster = {m["name"]: m for m in members.committee(tx.conn, today)}
    for entry in entries:
        name, what = _split(entry)
        member = roster.get(name)
        if member is None:
            raise UserError("motion_not_member", name=name)
        if vote_store.ballot(tx.conn, v["id"], "member", str(member["id"])):
            raise UserError("motion_second_vote", name=name)
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "member", "voter_ref": str(member["id"]),
                                   "voter_name": name, "choice": tally.choice(what), "at": tx.at_iso})


def _positions(tx: Tx, v: dict[str, Any], entries: list[str]) -> None:
    for entry in entries:
        name, what = _split(entry)
        party = vocab.party(name)
        if vote_store.ballot(tx.conn, v["id"], "party", party):
            raise UserError("motion_second_vote", name=vocab.PARTY_ZH[party])
        choice = tally.choice(what)
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "party", "voter_ref": party,
                                   "voter_name": vocab.PARTY_ZH[party], "choice": choice, "at": tx.at_iso})


def retally(tx: Tx, rules: Any, vote_id: int) -> dict[str, Any]:
    """Count the vote from its ballots and store the result (passed | failed) and the tally.
    A body's vote is final as recorded (the owners' vote has its own life: owner_votes)."""
    v = vote_store.get(tx.conn, vote_id)
    result = count(tx.conn, rules, v)  # type: ignore[arg-type]
    vote_store.update(tx, vote_id, {"result": "passed" if result["passed"] else "failed",
                                    "tally": json.dumps(result, ensure_ascii=False, sort_keys=True),
                                    "updated_at": tx.at_iso, "final": 1})
    return {**result, "result": "passed" if result["passed"] else "failed"}


def count(conn: sqlite3.Connection, rules: Any, v: dict[str, Any]) -> dict[str, Any]:
    body = v["body"]
    if body == "committee":
        from zhili_cli.store import members

        on = (v["opened_at"] or "")[:10]
        roster = members.committee(conn, on)
        picked = vote_store.choices(conn, v["id"], "member")
        present = len(picked)
        if v["meeting_id"]:
            from zhili_cli.store import meetings as meeting_store

            ids = {str(m["id"]) for m in roster}
            came = {str(a["member_id"]) for a in meeting_store.attendance(conn, v["meeting_id"])}
            present = max(present, len(ids & came))
        if not roster:
            raise UserError("committee_empty")
        size = max(len(roster), present)
        out = tally.committee(rules.committee, size, present, sum(c == "agree" for c in picked.values()),
                              sum(c == "oppose" for c in picked.values()),
                              sum(c == "abstain" for c in picked.values()))
        return out.as_dict()
    if body == "three_party":
        picked = vote_store.choices(conn, v["id"], "party")
        out = tally.three_party(rules.meetings.three_party.decision,
                                {p: c == "agree" for p, c in picked.items()})
        return out.as_dict()
    picked = vote_store.choices(conn, v["id"], "body")
    return {"passed": picked.get(body) == "agree", "choice": picked.get(body)}
