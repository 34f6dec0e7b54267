"""Motions (议案): propose, stage by stage (default 党组织先议 → 三方协议 → 居民决议), vote, advance.

Each stage is decided by its body: the party organisation and owner representatives record a
result; the committee votes by named members; the three parties state positions; the owners
vote one ballot per household, counted per Civil Code art. 278.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, get_args

from zhili_cli.domain import votes as tally
from zhili_cli.domain import vocab
from zhili_cli.errors import RowError, Term, UserError
from zhili_cli.rules.model import Matter
from zhili_cli.store import motions as store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx

MATTERS: tuple[str, ...] = get_args(Matter)
MATTER_NAMES = {
    "rules": ("议事规则",), "covenant": ("管理规约",), "election": ("选举", "选举业委会"),
    "manager": ("物业", "选聘物业"), "fund_use": ("使用维修资金",), "fund_raise": ("筹集维修资金",),
    "rebuild": ("改建", "重建", "改建重建"), "change_use": ("改变用途", "经营"), "other": ("其他",),
}
BODIES = ("party", "committee", "three_party", "owners", "representatives")


def matter_of(value: str) -> str:
    needle = (value or "").strip().lower()
    for key in MATTERS:
        if needle == key or needle in MATTER_NAMES.get(key, ()):
            return key
    raise UserError("motion_bad_matter", value=value, allowed=" / ".join(MATTERS))


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    row = store.get(conn, ref)
    if row is None:
        raise UserError("motion_not_found", ref=ref)
    return row


def current_stage(conn: sqlite3.Connection, motion: dict[str, Any]) -> dict[str, Any]:
    return store.stages(conn, motion["id"])[motion["stage_position"]]


def propose(tx: Tx, rules: Any, *, title: str, text: str = "", matter: str = "other",
            origins: list[str] | None = None, subject: str | None = None,
            only_body: str | None = None) -> dict[str, Any]:
    """A new motion. The matter fixes the class; stages come from the rules (or one stage at
    `only_body`, e.g. an expense the committee approves)."""
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
    store.add_event(tx, motion_id, "propose", stages[0][0], title.strip())
    return load(tx.conn, number)


def _body_of(value: str) -> str:
    aliases = {"业委会": "committee", "三方": "three_party", "业主": "owners", "业主大会": "owners",
               "assembly": "owners", "党组织": "party", "业主代表": "representatives"}
    key = aliases.get(value.strip(), value.strip().lower())
    if key not in BODIES:
        raise UserError("motion_bad_matter", value=value, allowed=" / ".join(BODIES))
    return key


def _split(value: str) -> tuple[str, str]:
    for sep in ("=", "：", ":"):
        if sep in value:
            name, _, what = value.partition(sep)
            if name.strip() and what.strip():
                return name.strip(), what.strip()
    raise UserError("motion_bad_assignment", value=value)


def _open_vote(tx: Tx, motion: dict[str, Any], stage: dict[str, Any], *, meeting_id: int | None,
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
    meeting_row = _meeting_for_vote(tx.conn, rules, motion, meeting)
    v = _open_vote(tx, motion, stage, meeting_id=meeting_row["id"] if meeting_row else None,
                   subject=(subject or "").strip() or None)
    if body == "committee":
        _member_votes(tx, v, members or [])
    elif body == "three_party":
        _positions(tx, v, positions or [])
    elif body == "owners":
        index = RoomIndex(tx.conn)
        for entry in ballots or []:
            room, what = _split(entry)
            add_ballot(tx, v, index, room, tally.choice(what))
    else:
        what = tally.choice(result or "")
        if vote_store.ballot(tx.conn, v["id"], "body", body):
            raise UserError("motion_second_vote", name=body)
        vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "body", "voter_ref": body,
                                   "voter_name": body, "choice": what, "at": tx.at_iso})
    outcome = retally(tx, rules, v["id"])
    store.add_event(tx, motion["id"], "vote", stage["key"], outcome["result"])
    return {"motion": load(tx.conn, motion["number"]), "stage": stage["key"], "vote": v["id"], "tally": outcome}


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


class RoomIndex:
    """The register in memory: room text → household, for ballots entered singly or imported."""

    def __init__(self, conn: sqlite3.Connection):
        self.by_key: dict[tuple[str, str, str], tuple[int, str]] = {}
        self.by_room: dict[str, list[tuple[int, str]]] = {}
        for hid, building, unit, room, *_ in vote_store.register_units(conn):
            label = f"{building}-{unit}-{room}" if unit else f"{building}-{room}"
            self.by_key[(building, unit, room)] = (hid, label)
            self.by_room.setdefault(room, []).append((hid, label))

    def find(self, text: str, building: str = "", unit: str = "") -> tuple[int, str]:
        from zhili_cli.services.registry import parse_room

        value = text.strip()
        if building:
            key = (building.strip(), unit.strip(), value)
            hit = self.by_key.get(key)
            if hit:
                return hit
            raise UserError("ballot_unknown_room", room="-".join(p for p in key if p))
        try:
            hit = self.by_key.get(parse_room(value))
        except UserError:
            hit = None
        if hit:
            return hit
        only = self.by_room.get(value, [])
        if len(only) == 1:
            return only[0]
        if len(only) > 1:
            raise UserError("ballot_ambiguous_room", room=value)
        raise UserError("ballot_unknown_room", room=value)


def add_ballot(tx: Tx, v: dict[str, Any], index: RoomIndex, room: str, choice: str,
               building: str = "", unit: str = "", seen: set[int] | None = None) -> None:
    hid, label = index.find(room, building, unit)
    if seen is not None:
        twice = hid in seen
    else:
        twice = vote_store.ballot(tx.conn, v["id"], "household", str(hid)) is not None
    if twice:
        raise UserError("ballot_second", room=label)
    if seen is not None:
        seen.add(hid)
    vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "household", "voter_ref": str(hid),
                               "voter_name": label, "choice": choice, "at": tx.at_iso})


def retally(tx: Tx, rules: Any, vote_id: int) -> dict[str, Any]:
    """Count the vote from its ballots and store the result (passed | failed) and the tally."""
    v = vote_store.get(tx.conn, vote_id)
    result = count(tx.conn, rules, v)  # type: ignore[arg-type]
    vote_store.update(tx, vote_id, {"result": "passed" if result["passed"] else "failed",
                                    "tally": json.dumps(result, ensure_ascii=False, sort_keys=True),
                                    "updated_at": tx.at_iso})
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
    if body == "owners":
        return owners_tally(conn, rules, v["id"], v["vote_class"] or "ordinary").as_dict()
    picked = vote_store.choices(conn, v["id"], "body")
    return {"passed": picked.get(body) == "agree", "choice": picked.get(body)}


def owners_tally(conn: sqlite3.Connection, rules: Any, vote_id: int, vote_cls: str) -> tally.Outcome:
    units = [tally.Unit(str(hid), area, owner, bool(dev))
             for hid, _b, _u, _r, area, owner, dev in vote_store.register_units(conn)]
    picked = vote_store.choices(conn, vote_id, "household")
    counts = tally.count_ballots(units, picked, developer_as_one=rules.owners_vote.developer_unsold_as_one_owner)
    return tally.decide(rules.owners_vote, vote_cls, counts)


def import_ballots(tx: Tx, rules: Any, ref: str, path: Path, *, encoding: str | None = None,
                   sheet: str | None = None, mapping: dict[str, str] | None = None,
                   subject: str | None = None) -> dict[str, Any]:
    """`motion ballots import FILE`: all or nothing; a room not in the register or a second
    ballot for a room stops the import naming FILE:LINE and the room."""
    from zhili_cli.importing.ballots import BALLOTS
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    motion = load(tx.conn, ref)
    if motion["status"] != "open":
        raise UserError("motion_closed", number=motion["number"],
                        status=Term(f"motion_status.{motion['status']}"))
    stage = current_stage(tx.conn, motion)
    if stage["body"] != "owners":
        raise UserError("motion_vote_wrong_body", number=motion["number"], stage=Term(f"stage.{stage['key']}"),
                        body=Term(f"stage_body.{stage['body']}"), given="ballots import",
                        wanted="--member / --position / --result")
    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(BALLOTS, headers, path, mapping)
    v = _open_vote(tx, motion, stage, meeting_id=None, subject=(subject or "").strip() or None)
    index = RoomIndex(tx.conn)
    seen = {int(r) for r in vote_store.choices(tx.conn, v["id"], "household")}
    choice_of = {"yes": "agree", "no": "oppose", "abstain": "abstain"}
    n = 0
    for line, rec in records(BALLOTS, path, headers, rows, columns):
        if rec.get("motion") and rec["motion"].strip().upper() != motion["number"].upper():
            continue  # a sheet holding several motions: only this one's lines
        try:
            add_ballot(tx, v, index, rec["room"], choice_of[rec["choice"]], rec["building"] or "",
                       rec["unit"] or "", seen)
        except UserError as exc:
            raise RowError(str(path), line, headers[columns["room"]], exc.key, **exc.params) from None
        n += 1
    outcome = retally(tx, rules, v["id"])
    store.add_event(tx, motion["id"], "vote", stage["key"], f"{n} ballots: {outcome['result']}")
    return {"motion": motion["number"], "count": n, "tally": outcome}


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


def detail(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    motion = load(conn, ref)
    stages = []
    for s in store.stages(conn, motion["id"]):
        v = vote_store.get(conn, s["vote_id"]) if s["vote_id"] else None
        stages.append({
            "key": s["key"], "body": s["body"], "status": s["status"], "started_at": s["started_at"],
            "finished_at": s["finished_at"], "note": s["note"],
            "vote": None if v is None else {
                "result": v["result"], "subject": v["subject"], "tally": json.loads(v["tally"] or "{}"),
                "ballots": len(vote_store.ballots(conn, v["id"])),
            },
        })
    return {**{k: v for k, v in motion.items() if k not in ("id", "year", "seq")},
            "origin": [o for o in (motion["origin"] or "").split(",") if o],
            "stage": stages[motion["stage_position"]]["key"] if stages else None,
            "stages": stages, "history": store.events(conn, motion["id"])}
