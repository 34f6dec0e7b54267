"""The owners' vote (业主共同决定, Civil Code art. 278): notice → open → ballots → close → result.

- `open_vote` (`motion vote open REF --from --to [--announced] [--meeting]`): against a published
  notice — the motion's item on a published owners' assembly agenda (`--meeting`), or else the
  opening itself is the notice of a written consultation (书面征求意见) announced on `--announced`.
  The window respects the notice days and the e-voting limits (domain.motions.check_window).
  The counting base (units, owners, areas; within the motion's scope) is frozen here.
- ballots (`motion vote REF --ballot ROOM=同意@签名`, `motion ballots import`): only inside the
  window, for a unit of the frozen base, signed by its registered owner or by a proxy under
  the unit's written authorisation recorded for the vote (services.vote_proxies).
  Re-importing a growing sheet adds only the new ballots. A paper ballot (method 纸质/书面) in an
  electronic vote is accepted when `assembly.paper_ballots_on_request` allows it (Hangzhou
  regulation art. 20), refused otherwise; at an on-site vote on the assembly's day it is the norm.
- while open the tally is provisional (`final: false`, `passed: false`) and approves nothing;
  after the window's last day it says so (`window: ended`, `awaiting_close: true`) and still
  approves nothing: `close_vote` is the deliberate act that fixes the result (`final: true`),
  after the window's end, or before it once every unit of the base has voted; no ballot afterwards.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import motions as rules_of
from zhili_cli.domain import votes as tally
from zhili_cli.domain.motions import split_assignment as _split
from zhili_cli.errors import RowError, Term, UserError
from zhili_cli.services import ballot_method, vote_proxies
from zhili_cli.store import motions as store
from zhili_cli.store import proxies as proxy_store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx


def _owners_stage(conn: sqlite3.Connection, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
    from zhili_cli.services.motions import current_stage, load

    motion = load(conn, ref)
    if motion["status"] != "open":
        raise UserError("motion_closed", number=motion["number"], status=Term(f"motion_status.{motion['status']}"))
    stage = current_stage(conn, motion)
    if stage["body"] != "owners":
        raise UserError("motion_vote_wrong_body", number=motion["number"], stage=Term(f"stage.{stage['key']}"),
                        body=Term(f"stage_body.{stage['body']}"), given="motion vote open",
                        wanted="--member / --position / --result")
    return motion, stage


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return clock.user_date(text)
    except UserError:
        raise UserError("vote_bad_date", option=option, value=text) from None


def open_vote(tx: Tx, rules: Any, ref: str, *, start: str, end: str, announced: str | None = None,
              meeting: str | None = None, subject: str | None = None) -> dict[str, Any]:
    from zhili_cli.domain.motions import vote_subject

    motion, stage = _owners_stage(tx.conn, ref)
    if stage["vote_id"]:
        raise UserError("vote_already_open", number=motion["number"])
    subject = vote_subject(motion["subject"], subject)
    today = tx.at.date()
    first, last = _day(start, "--from"), _day(end, "--to")
    given = _day(announced, "--announced")
    if given and given.isoformat() < motion["proposed_at"][:10]:  # a notice cannot precede its motion
        raise UserError("vote_notice_before_motion", announced=given.isoformat(), number=motion["number"],
                        proposed=motion["proposed_at"][:10])
    asm = rules.assembly
    notice_days = asm.notice_days
    meeting_row = None
    on_site = False
    if meeting:
        meeting_row, published_on = _assembly_notice(tx.conn, motion, meeting)
        if meeting_row["extraordinary"]:
            notice_days = asm.extraordinary_notice_days
        base_day = given or _day(meeting_row["announced_on"], "--announced") or published_on
        announced_on = max(base_day, published_on)
        on_site = first == last == _day(meeting_row["date"][:10], "--meeting")
    else:
        # a written consultation's notice is this opening, recorded today: no earlier notice is on record
        if given and given < today:
            raise UserError("vote_notice_unrecorded", announced=given.isoformat(), today=today.isoformat())
        announced_on = given or today
    rules_of.check_window(announced=announced_on, start=first, end=last, today=today,  # type: ignore[arg-type]
                          notice_days=notice_days, min_days=asm.evoting_min_days,
                          max_days=asm.evoting_max_days, on_site=on_site)
    base = freeze_base(tx.conn, rules, motion)
    if not base["units"]:
        raise UserError("vote_empty_base", number=motion["number"])
    vote_id = vote_store.insert(tx, {
        "motion_id": motion["id"], "stage_id": stage["id"], "meeting_id": meeting_row["id"] if meeting_row else None,
        "body": "owners", "subject": (subject or "").strip() or motion["subject"],
        "vote_class": motion["vote_class"], "opened_at": tx.at_iso, "updated_at": tx.at_iso,
        "result": "open", "tally": "{}", "final": 0,
        "window_from": first.isoformat(), "window_to": last.isoformat(),  # type: ignore[union-attr]
        "announced_on": announced_on.isoformat(), "base": json.dumps(base, ensure_ascii=False, sort_keys=True),
        "scope": json.dumps(base["scope"], ensure_ascii=False) if base["scope"] else None,
    })
    store.update_stage(tx, stage["id"], {"vote_id": vote_id})
    how = meeting_row["number"] if meeting_row else "written"
    store.add_event(tx, motion["id"], "vote_open", stage["key"],
                    f"{how} {announced_on.isoformat()} {first.isoformat()}..{last.isoformat()}")  # type: ignore[union-attr]
    out = retally(tx, rules, vote_id)
    return {"motion": motion["number"], "window_from": first.isoformat(), "window_to": last.isoformat(),  # type: ignore[union-attr]
            "announced_on": announced_on.isoformat(), "meeting": meeting_row["number"] if meeting_row else None,
            "tally": out}


def _assembly_notice(conn: sqlite3.Connection, motion: dict[str, Any], ref: str) -> tuple[dict[str, Any], date]:
    """The owners' assembly meeting and the day the motion's item was published on its agenda."""
    from zhili_cli.services import meetings

    row = meetings.load(conn, ref)
    if row["kind"] != "assembly":
        raise UserError("vote_meeting_not_assembly", number=row["number"])
    items = vote_store.agenda_item_publication(conn, row["id"], motion["number"])
    if not items or not all(published for published, _ in items) or not row["agenda_published_at"]:
        raise UserError("meeting_item_unpublished", number=row["number"], item=motion["number"])
    days = [row["agenda_published_at"][:10]] + [at[:10] for _, at in items if at]
    return row, date.fromisoformat(max(days))


def freeze_base(conn: sqlite3.Connection, rules: Any, motion: dict[str, Any]) -> dict[str, Any]:
    """The counting base: every unit of the register within the motion's scope, with its area,
    its owner (as a one-way digest of the identity, so no ID number is copied) and the
    registered name a ballot's signature is checked against."""
    from zhili_cli.services.households import room_key

    scope = store.scopes(conn, motion["id"])
    wanted = [room_key(*s) for s in scope]
    units = []
    developer_as_one = rules.owners_vote.developer_unsold_as_one_owner
    for hid, b, u, r, area, owner, dev, phone, identity in vote_store.register_units(conn):
        key = room_key(b, u, r)
        if wanted and not any(key[0] == w[0] and (not w[1] or key[1] == w[1]) and (not w[2] or key[2] == w[2])
                              for w in wanted):
            continue
        label = f"{b}-{u}-{r}" if u else f"{b}-{r}"
        who = tally.owner_key(tally.Unit(str(hid), area, owner, bool(dev), phone, identity), developer_as_one)
        digest = hashlib.sha256(who.encode("utf-8")).hexdigest()[:20]
        units.append([hid, label, area, digest, owner or "", b, u, r])
    return {"units": units, "scope": ["-".join(p for p in s if p) for s in scope],
            "owners": len({u[3] for u in units}), "area_x100": sum(u[2] for u in units)}


def _vote_of(conn: sqlite3.Connection, motion: dict[str, Any], stage: dict[str, Any]) -> dict[str, Any]:
    v = vote_store.get(conn, stage["vote_id"]) if stage["vote_id"] else None
    if v is None or not v["window_from"]:
        raise UserError("vote_not_open", number=motion["number"])
    return v


def _window(v: dict[str, Any], when: date) -> str:
    return rules_of.window_state(date.fromisoformat(v["window_from"]), date.fromisoformat(v["window_to"]),
                                 bool(v["closed_at"]), when)


def _require_open(motion: dict[str, Any], v: dict[str, Any], today: date) -> None:
    state = _window(v, today)
    if state != "open":
        raise UserError(f"vote_window_{state}", number=motion["number"], start=v["window_from"], end=v["window_to"])


class Base:
    """A vote's frozen counting base: room text → unit, and the registered owner's name."""

    def __init__(self, v: dict[str, Any]):
        from zhili_cli.services.households import room_key

        data = json.loads(v["base"] or "{}")
        self.units = {int(u[0]): u for u in data.get("units", [])}
        self.by_key: dict[tuple[str, str, str], int] = {}
        self.by_room: dict[str, list[int]] = {}
        self._key = room_key
        for hid, label, *rest in self.units.values():
            if len(rest) >= 6:  # building, unit, room as stored
                b, u, r = rest[3], rest[4], rest[5]
            else:
                parts = label.split("-")
                b, u, r = (parts[0], "", parts[1]) if len(parts) == 2 else (parts[0], parts[1], "-".join(parts[2:]))
            key = room_key(b, u, r)
            self.by_key[key] = hid
            self.by_room.setdefault(key[2], []).append(hid)

    def find(self, text: str, building: str = "", unit: str = "") -> int:
        from zhili_cli.services.registry import parse_room

        value = text.strip()
        if building:
            key = self._key(building, unit, value)
            if key in self.by_key:
                return self.by_key[key]
            raise UserError("ballot_not_in_base", room="-".join(p for p in key if p))
        try:
            hid = self.by_key.get(self._key(*parse_room(value)))
        except UserError:
            hid = None
        if hid is not None:
            return hid
        only = self.by_room.get(self._key("", "", value)[2], [])
        if len(only) == 1:
            return only[0]
        if len(only) > 1:
            raise UserError("ballot_ambiguous_room", room=value)
        raise UserError("ballot_not_in_base", room=value)

    def label(self, hid: int) -> str:
        return self.units[hid][1]

    def owner_name(self, hid: int) -> str:
        return self.units[hid][4]


def _record(tx: Tx, v: dict[str, Any], base: Base, hid: int, choice: str, voter: str | None, proxy: bool,
            at: str, existing: dict[str, str], method: str | None = None) -> bool:
    """One ballot; False when the same ballot is already recorded (a re-imported line)."""
    kind, name = rules_of.signer(base.owner_name(hid) or None, voter, proxy)
    label = base.label(hid)
    before = existing.get(str(hid))
    if before is not None:
        if before == choice:
            return False
        raise UserError("ballot_second", room=label)
    proxy_id = None
    if kind == "proxy":  # only under the unit's written authorisation recorded for this vote
        proxy_id = vote_proxies.authorisation(tx.conn, v["id"], hid, label, name, at)
        method = method or "proxy"
    signed = f"{label} {name}" if kind == "owner" else f"{label} 委托 {name}"
    vote_store.add_ballot(tx, {"vote_id": v["id"], "voter_type": "household", "voter_ref": str(hid),
                               "voter_name": signed, "choice": choice, "at": at, "method": method,
                               "proxy_id": proxy_id})
    existing[str(hid)] = choice
    return True


def cast(tx: Tx, rules: Any, motion: dict[str, Any], stage: dict[str, Any], ballots: list[str], *,
         meeting: str | None, subject: str | None) -> tuple[int, dict[str, Any]]:
    """Ballots given on the command line: `--ballot 3-2-501=同意@王伟` (signed by the owner),
    `--ballot 3-2-501=同意@委托:张三` (by a named proxy), `…=同意@纸质:王伟` (a paper ballot)."""
    v = _vote_of(tx.conn, motion, stage)
    if meeting:
        from zhili_cli.services import meetings

        if meetings.load(tx.conn, meeting)["id"] != v["meeting_id"]:
            raise UserError("vote_other_meeting", number=motion["number"], meeting=meeting)
    _require_open(motion, v, tx.at.date())
    base = Base(v)
    existing = vote_store.owner_ballots(tx.conn, v["id"])
    for entry in ballots:
        room, what = _split(entry)
        choice_text, voter = rules_of.ballot_text(what)
        paper, voter = ballot_method.paper_mark(voter)
        hid = base.find(room)
        if str(hid) in existing:
            raise UserError("ballot_second", room=base.label(hid))
        if paper and not ballot_method.paper_allowed(tx.conn, rules, v):
            raise UserError("ballot_paper_refused", room=base.label(hid))
        _record(tx, v, base, hid, tally.choice(choice_text), voter, False, tx.at_iso, existing,
                "paper" if paper else None)
    return v["id"], retally(tx, rules, v["id"])


def import_ballots(tx: Tx, rules: Any, ref: str, path: Path, *, encoding: str | None = None,
                   sheet: str | None = None, mapping: dict[str, str] | None = None,
                   subject: str | None = None) -> dict[str, Any]:
    """`motion ballots import REF FILE`: all or nothing. Each line must be dated inside the window
    (no date column: the import's time), for a unit of the frozen base, signed by its owner or a
    named proxy; a line already recorded with the same choice is skipped (a growing sheet)."""
    from zhili_cli.importing.ballots import BALLOTS
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import column_of, map_headers, records

    motion, stage = _owners_stage(tx.conn, ref)
    v = _vote_of(tx.conn, motion, stage)
    today = tx.at.date()
    _require_open(motion, v, today)
    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(BALLOTS, headers, path, mapping)
    base = Base(v)
    existing = vote_store.owner_ballots(tx.conn, v["id"])
    in_file: dict[int, int] = {}
    choice_of = {"yes": "agree", "no": "oppose", "abstain": "abstain"}
    start, end = date.fromisoformat(v["window_from"]), date.fromisoformat(v["window_to"])
    paper_ok = ballot_method.paper_allowed(tx.conn, rules, v)
    n = skipped = 0
    for line, rec in records(BALLOTS, path, headers, rows, columns):
        if rec.get("motion") and rec["motion"].strip().upper() != motion["number"].upper():
            continue  # a sheet holding several motions: only this one's lines
        column = column_of(headers, columns, "room")
        try:
            hid = base.find(rec["room"], rec["building"] or "", rec["unit"] or "")
            if hid in in_file:
                raise UserError("ballot_second", room=base.label(hid))
            in_file[hid] = line
            cast_on = rec["cast_on"] or today
            if not start <= cast_on <= min(end, today):
                column = column_of(headers, columns, "cast_on")
                raise UserError("ballot_outside_window", day=cast_on.isoformat(), start=v["window_from"],
                                end=v["window_to"])
            if rec["method"] == "paper" and not paper_ok:
                column = column_of(headers, columns, "method")
                raise UserError("ballot_paper_refused", room=base.label(hid))
            column = column_of(headers, columns, "voter")
            at = tx.at_iso if rec["cast_on"] is None else cast_on.isoformat()
            added = _record(tx, v, base, hid, choice_of[rec["choice"]], rec["voter"], rec["method"] == "proxy",
                            at, existing, rec["method"])
        except UserError as exc:
            raise RowError(str(path), line, column, exc.key, **exc.params) from None
        if added:
            n += 1
        else:
            skipped += 1
    outcome = retally(tx, rules, v["id"])
    store.add_event(tx, motion["id"], "vote", stage["key"], f"{n} ballots")
    return {"motion": motion["number"], "count": n, "unchanged": skipped, "tally": outcome}


def close_vote(tx: Tx, rules: Any, ref: str) -> dict[str, Any]:
    """After the window's end — or before it when every unit of the frozen base has voted, as
    nobody is left to vote — the result is fixed (final) and no ballot is accepted afterwards."""
    motion, stage = _owners_stage(tx.conn, ref)
    v = _vote_of(tx.conn, motion, stage)
    state = _window(v, tx.at.date())
    units, voted = _turnout(tx.conn, v)
    if state == "open" and voted == units:
        state = "ended"
    if state in ("before", "open"):
        raise UserError("vote_close_before_end", number=motion["number"], end=v["window_to"], units=units,
                        voted=voted)
    if state == "closed":
        raise UserError("vote_window_closed", number=motion["number"], start=v["window_from"], end=v["window_to"])
    vote_store.update(tx, v["id"], {"closed_at": tx.at_iso, "final": 1})
    out = retally(tx, rules, v["id"])
    store.add_event(tx, motion["id"], "vote_close", stage["key"], out["result"])
    return {"motion": motion["number"], "tally": out}


def retally(tx: Tx, rules: Any, vote_id: int) -> dict[str, Any]:
    """Count the vote from its frozen base and ballots and store the tally; the result is
    passed | failed only once the vote is closed (final), else open."""
    v = vote_store.get(tx.conn, vote_id)
    result = owners_tally(tx.conn, rules, v, tx.at.date())  # type: ignore[arg-type]
    final = bool(v["final"])  # type: ignore[index]
    status = ("passed" if result["passed"] else "failed") if final else "open"
    vote_store.update(tx, vote_id, {"result": status,
                                    "tally": json.dumps(result, ensure_ascii=False, sort_keys=True),
                                    "updated_at": tx.at_iso})
    return {**result, "result": status}


def _turnout(conn: sqlite3.Connection, v: dict[str, Any]) -> tuple[int, int]:
    """(units in the frozen base, units of it with a ballot)."""
    units = {str(u[0]) for u in json.loads(v["base"] or "{}").get("units", [])}
    return len(units), len(units & set(vote_store.owner_ballots(conn, v["id"])))


def window_status(v: dict[str, Any], today: date) -> dict[str, Any]:
    """`window`: before | open | ended | closed on `today`; `awaiting_close`: the window is over
    and nobody has closed the vote yet (its counts are still provisional)."""
    if not v.get("window_from") or not v.get("window_to"):
        return {}
    state = _window(v, today)
    return {"window": state, "awaiting_close": state == "ended"}


def owners_tally(conn: sqlite3.Connection, rules: Any, v: dict[str, Any],
                 today: date | None = None) -> dict[str, Any]:
    """The tally of an owners' vote on its frozen base. While not final, `passed` is false (a
    provisional count approves nothing) and `passing_so_far` says where the count stands;
    with `today`, `window` and `awaiting_close` say whether the window is over."""
    data = json.loads(v["base"] or "{}")
    picked = vote_store.owner_ballots(conn, v["id"])
    counts = tally.count_owned(((str(u[0]), u[2], u[3]) for u in data.get("units", [])), picked)
    out = tally.decide(rules.owners_vote, v["vote_class"] or "ordinary", counts).as_dict()
    final = bool(v["final"])
    out["passing_so_far"] = out["passed"]
    out["passed"] = out["passed"] and final
    out["final"] = final
    out["window_from"], out["window_to"] = v["window_from"], v["window_to"]
    out["scope"] = data.get("scope", [])
    out["paper_ballots"] = vote_store.paper_ballots(conn, v["id"])
    out["proxy_ballots"] = proxy_store.proxy_ballots(conn, v["id"])
    if today is not None:
        out.update(window_status(v, today))
    return out
