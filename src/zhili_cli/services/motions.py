"""Motions (议案): propose, stage by stage (default 党组织先议 → 三方协议 → 居民决议), vote, advance.

Each stage is decided by its body: the party organisation and owner representatives record a
result, the committee votes by named members and the three parties state positions
(services/body_votes.py); the owners vote one ballot per household, counted per Civil Code
art. 278 (services/owner_votes.py).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from zhili_cli.domain import vocab
from zhili_cli.domain import votes as tally
from zhili_cli.domain.motions import MATTERS
from zhili_cli.errors import Term, UserError
from zhili_cli.store import motions as store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx

BODIES = vocab.STAGE_BODIES


def matter_of(value: str) -> str:
    return vocab.parse("matter", value, only=MATTERS)


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "motions", ref, not_found="motion_not_found")


def current_stage(conn: sqlite3.Connection, motion: dict[str, Any]) -> dict[str, Any]:
    return store.stages(conn, motion["id"])[motion["stage_position"]]


def propose(tx: Tx, rules: Any, *, title: str, text: str = "", matter: str = "other",
            origins: list[str] | None = None, subject: str | None = None,
            only_body: str | None = None, scopes: list[str] | None = None) -> dict[str, Any]:
    """A new motion. The matter fixes the class; stages come from the rules (or one stage at
    `only_body`, e.g. an expense the committee approves). `scopes` (列支范围: buildings,
    stairways, units) limit an owners' vote to the owners there — for a maintenance-fund use,
    the owners who pay (Order 165 art. 22); none: the whole register."""
    from zhili_cli.domain.motions import parse_scope
    from zhili_cli.services import petitions

    if not title or not title.strip():
        raise UserError("title_required")
    mat = matter_of(matter)
    numbers = [petitions.load(tx.conn, o.strip())["number"] for o in (origins or []) if o.strip()]
    if only_body:
        body = _body_of(only_body)
        stages = [(body, body)]
    else:
        stages = [(s.key, s.body) for s in rules.motions.stages]
    year = tx.at.year
    seq = store.next_seq(tx.conn, year)
    number = f"Y{year}-{seq:03d}"
    motion_id = store.insert(tx, {
        "number": number, "year": year, "seq": seq, "title": title.strip(), "text": text or "",
        "matter": mat, "vote_class": tally.vote_class(rules, mat), "origin": ",".join(numbers),
        "subject": (subject or "").strip() or None, "status": "open", "stage_position": 0,
        "proposed_at": tx.at_iso, "proposed_by": tx.actor,
    })
    for pos, (key, body) in enumerate(stages):
        store.add_stage(tx, {"motion_id": motion_id, "position": pos, "key": key, "body": body,
                             "status": "current" if pos == 0 else "pending",
                             "started_at": tx.at_iso if pos == 0 else None})
    from zhili_cli.domain.expenses import scope_entries
    from zhili_cli.services.decisions import check_motion_scope

    if any(body == "owners" for _, body in stages):  # a scope is who votes among the owners
        check_motion_scope(tx.conn, subject, scope_entries(scopes))
    for entry in scopes or []:
        part = parse_scope(entry)
        if part is not None:
            store.add_scope(tx, motion_id, *part)
    store.add_version(tx, {"motion_id": motion_id, "version": 1, "title": title.strip(), "text": text or "",
                           "reason": None})
    store.add_event(tx, motion_id, "propose", stages[0][0], title.strip())
    return load(tx.conn, number)


def _body_of(value: str) -> str:
    return vocab.stage_body(vocab.parse("body", value, only=("party", "committee", "three_party", "assembly",
                                                             "representatives")))


def vote(tx: Tx, rules: Any, ref: str, *, members: list[str] | None = None, positions: list[str] | None = None,
         ballots: list[str] | None = None, result: str | None = None, meeting: str | None = None,
         subject: str | None = None) -> dict[str, Any]:
    """Votes at the current stage. Returns {"motion", "stage", "vote", "tally"}."""
    motion = load(tx.conn, ref)
    if motion["status"] != "open":
        raise UserError("motion_closed", number=motion["number"], status=Term(f"motion_status.{motion['status']}"))
    stage = current_stage(tx.conn, motion)
    body = stage["body"]
    given = [name for name, v in (("--member", members), ("--position", positions), ("--ballot", ballots),
                                  ("--result", result)) if v]
    if not given:
        raise UserError("motion_no_votes")
    wanted = {"committee": "--member", "three_party": "--position", "owners": "--ballot",
              "party": "--result", "representatives": "--result"}[body]
    if given != [wanted]:
        raise UserError("motion_vote_wrong_body", number=motion["number"], stage=Term(f"stage.{stage['key']}"),
                        body=Term(f"stage_body.{body}"), given=" ".join(given), wanted=wanted)
    if body == "owners":
        from zhili_cli.services import owner_votes

        vote_id, outcome = owner_votes.cast(tx, rules, motion, stage, ballots or [], meeting=meeting,
                                            subject=subject)
    else:
        from zhili_cli.services import body_votes

        vote_id, outcome = body_votes.cast(tx, rules, motion, stage, members=members, positions=positions,
                                           result=result, meeting=meeting, subject=subject)
    store.add_event(tx, motion["id"], "vote", stage["key"], outcome["result"])
    return {"motion": load(tx.conn, motion["number"]), "stage": stage["key"], "vote": vote_id, "tally": outcome}


def import_ballots(tx: Tx, rules: Any, ref: str, path: Path, **options: Any) -> dict[str, Any]:
    """`motion ballots import REF FILE` (see owner_votes.import_ballots)."""
    from zhili_cli.services import owner_votes

    return owner_votes.import_ballots(tx, rules, ref, path, **options)


def advance(tx: Tx, ref: str, *, reject: bool = False, note: str | None = None) -> dict[str, Any]:
    """The current stage is done: passed (its vote passed) → next stage, or carried after the last;
    with `reject`, the stage fails and the motion is rejected."""
    motion = load(tx.conn, ref)
    if motion["status"] != "open":
        raise UserError("motion_closed", number=motion["number"], status=Term(f"motion_status.{motion['status']}"))
    stages = store.stages(tx.conn, motion["id"])
    stage = stages[motion["stage_position"]]
    if reject:
        store.update_stage(tx, stage["id"], {"status": "failed", "finished_at": tx.at_iso, "note": note})
        store.update(tx, motion["id"], {"status": "rejected", "closed_at": tx.at_iso})
        store.add_event(tx, motion["id"], "rejected", stage["key"], note)
        return load(tx.conn, motion["number"])
    v = vote_store.get(tx.conn, stage["vote_id"]) if stage["vote_id"] else None
    if v is None or v["result"] != "passed":
        raise UserError("motion_stage_not_passed", number=motion["number"],
                        stage=Term(f"stage.{stage['key']}"))
    store.update_stage(tx, stage["id"], {"status": "passed", "finished_at": tx.at_iso, "note": note})
    nxt = motion["stage_position"] + 1
    if nxt >= len(stages):
        store.update(tx, motion["id"], {"status": "carried", "closed_at": tx.at_iso})
        store.add_event(tx, motion["id"], "carried", stage["key"], note)
    else:
        store.update_stage(tx, stages[nxt]["id"], {"status": "current", "started_at": tx.at_iso})
        store.update(tx, motion["id"], {"stage_position": nxt})
        store.add_event(tx, motion["id"], "advance", stages[nxt]["key"], note)
    return load(tx.conn, motion["number"])


def _open_for_correction(tx: Tx, ref: str, reason: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The motion and its current stage, for a correction: a reason is required and the motion
    must still be open."""
    if not (reason or "").strip():
        raise UserError("correction_reason_required")
    motion = load(tx.conn, ref)
    if motion["status"] != "open":
        raise UserError("motion_closed", number=motion["number"], status=Term(f"motion_status.{motion['status']}"))
    return motion, current_stage(tx.conn, motion)


def withdraw(tx: Tx, ref: str, *, reason: str) -> dict[str, Any]:
    """`motion withdraw REF --reason`: before its vote closes. An open owners' vote on it ends
    without a result (it approves nothing); the motion and its record stay."""
    motion, stage = _open_for_correction(tx, ref, reason)
    v = vote_store.get(tx.conn, stage["vote_id"]) if stage["vote_id"] else None
    if v is not None and (v["closed_at"] or (v["final"] and v["body"] == "owners")):
        raise UserError("motion_withdraw_closed", number=motion["number"])
    if v is not None:
        vote_store.update(tx, v["id"], {"result": "withdrawn", "final": 0, "closed_at": tx.at_iso,
                                        "updated_at": tx.at_iso})
    store.update_stage(tx, stage["id"], {"status": "failed", "finished_at": tx.at_iso, "note": reason.strip()})
    store.update(tx, motion["id"], {"status": "withdrawn", "closed_at": tx.at_iso})
    store.add_event(tx, motion["id"], "withdrawn", stage["key"], reason.strip())
    return load(tx.conn, motion["number"])


def amend(tx: Tx, ref: str, *, text: str | None, title: str | None = None, reason: str) -> dict[str, Any]:
    """`motion amend REF --text … --reason`: a new version before voting at the current stage;
    every version is kept (seed 001's plan was revised five times)."""
    motion, stage = _open_for_correction(tx, ref, reason)
    if stage["vote_id"]:
        raise UserError("motion_amend_voting", number=motion["number"], stage=Term(f"stage.{stage['key']}"))
    new_title = (title or "").strip() or motion["title"]
    new_text = text if text is not None else motion["text"]
    if new_title == motion["title"] and new_text == motion["text"]:
        raise UserError("motion_amend_same", number=motion["number"])
    versions = store.versions(tx.conn, motion["id"])
    if not versions:  # a motion proposed before versions were kept: its first text is version 1
        store.add_version(tx, {"motion_id": motion["id"], "version": 1, "title": motion["title"],
                               "text": motion["text"], "reason": None})
        versions = store.versions(tx.conn, motion["id"])
    number = versions[-1]["version"] + 1
    store.add_version(tx, {"motion_id": motion["id"], "version": number, "title": new_title, "text": new_text,
                           "reason": reason.strip()})
    store.update(tx, motion["id"], {"title": new_title, "text": new_text})
    store.add_event(tx, motion["id"], "amended", stage["key"], f"v{number}: {reason.strip()}")
    return load(tx.conn, motion["number"])


def detail(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    motion = load(conn, ref)
    stages = []
    for s in store.stages(conn, motion["id"]):
        v = vote_store.get(conn, s["vote_id"]) if s["vote_id"] else None
        live = _window_now(v)
        stages.append({
            "key": s["key"], "body": s["body"], "status": s["status"], "started_at": s["started_at"],
            "finished_at": s["finished_at"], "note": s["note"],
            "vote": None if v is None else {
                "result": v["result"], "subject": v["subject"], "tally": {**json.loads(v["tally"] or "{}"), **live},
                "ballots": len(vote_store.ballots(conn, v["id"])), "final": bool(v["final"]),
                "closed_at": v["closed_at"], "window_from": v["window_from"], "window_to": v["window_to"],
                "announced_on": v["announced_on"], **live,
            },
        })
    return {**{k: v for k, v in motion.items() if k not in ("id", "year", "seq")},
            "origin": [o for o in (motion["origin"] or "").split(",") if o],
            "stage": stages[motion["stage_position"]]["key"] if stages else None,
            "scope": ["-".join(p for p in s if p) for s in store.scopes(conn, motion["id"])],
            "versions": store.versions(conn, motion["id"]),
            "stages": stages, "history": store.events(conn, motion["id"])}


def _window_now(v: dict[str, Any] | None) -> dict[str, Any]:
    """An owners' vote's window as of now (`window`, `awaiting_close`): the stored tally was
    counted at the last ballot and cannot know that the window has since ended."""
    if v is None or v["body"] != "owners" or v["final"]:
        return {}
    from zhili_cli import clock
    from zhili_cli.services.owner_votes import window_status

    return window_status(v, clock.now().date())


def list_rows(conn: sqlite3.Connection, status: str | None = None) -> list[dict[str, Any]]:
    return store.list_(conn, status)


def stages(conn: sqlite3.Connection, motion_id: int) -> list[dict[str, Any]]:
    return store.stages(conn, motion_id)
