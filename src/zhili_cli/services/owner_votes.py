"""The owners' vote (业主共同决定, Civil Code art. 278): one ballot per unit, counted per owner."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from zhili_cli.domain import votes as tally
from zhili_cli.domain.motions import split_assignment as _split
from zhili_cli.errors import RowError, Term, UserError
from zhili_cli.store import motions as store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx


def cast(tx: Tx, rules: Any, motion: dict[str, Any], stage: dict[str, Any], ballots: list[str], *,
         meeting: str | None, subject: str | None) -> tuple[int, dict[str, Any]]:
    """Ballots given on the command line (`motion vote REF --ballot 3-2-501=同意`)."""
    from zhili_cli.services import body_votes

    meeting_row = body_votes._meeting_for_vote(tx.conn, rules, motion, meeting)
    v = body_votes.open_vote(tx, motion, stage, meeting_id=meeting_row["id"] if meeting_row else None,
                             subject=(subject or "").strip() or None)
    index = RoomIndex(tx.conn)
    for entry in ballots:
        room, what = _split(entry)
        add_ballot(tx, v, index, room, tally.choice(what))
    return v["id"], retally(tx, rules, v["id"])


class RoomIndex:
    """The register in memory: room text → household, for ballots entered singly or imported.
    Rooms compare normalised (`１０１` is `101`)."""

    def __init__(self, conn: sqlite3.Connection):
        from zhili_cli.services.households import room_key

        self.by_key: dict[tuple[str, str, str], tuple[int, str]] = {}
        self.by_room: dict[str, list[tuple[int, str]]] = {}
        self.units: dict[int, tuple] = {}
        self._key = room_key
        for hid, building, unit, room, *rest in vote_store.register_units(conn):
            label = f"{building}-{unit}-{room}" if unit else f"{building}-{room}"
            key = room_key(building, unit, room)
            self.by_key[key] = (hid, label)
            self.by_room.setdefault(key[2], []).append((hid, label))
            self.units[hid] = (hid, building, unit, room, *rest)

    def find(self, text: str, building: str = "", unit: str = "") -> tuple[int, str]:
        from zhili_cli.services.registry import parse_room

        value = text.strip()
        if building:
            key = self._key(building, unit, value)
            hit = self.by_key.get(key)
            if hit:
                return hit
            raise UserError("ballot_unknown_room", room="-".join(p for p in key if p))
        try:
            hit = self.by_key.get(self._key(*parse_room(value)))
        except UserError:
            hit = None
        if hit:
            return hit
        only = self.by_room.get(self._key("", "", value)[2], [])
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
    result = owners_tally(tx.conn, rules, vote_id, v["vote_class"] or "ordinary").as_dict()  # type: ignore[index]
    vote_store.update(tx, vote_id, {"result": "passed" if result["passed"] else "failed",
                                    "tally": json.dumps(result, ensure_ascii=False, sort_keys=True),
                                    "updated_at": tx.at_iso, "final": 1})
    return {**result, "result": "passed" if result["passed"] else "failed"}


def owners_tally(conn: sqlite3.Connection, rules: Any, vote_id: int, vote_cls: str) -> tally.Outcome:
    units = [tally.Unit(str(hid), area, owner, bool(dev), phone, identity)
             for hid, _b, _u, _r, area, owner, dev, phone, identity in vote_store.register_units(conn)]
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

    from zhili_cli.services.body_votes import open_vote
    from zhili_cli.services.motions import current_stage, load

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
    v = open_vote(tx, motion, stage, meeting_id=None, subject=(subject or "").strip() or None)
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
