"""`motion proxy add|revoke|list`: the written authorisations (委托书) under which a proxy's
ballot counts in an owners' vote (rules in domain.proxies).

An authorisation is recorded for the motion's open owners' vote (opened, not yet closed), for a
unit of its frozen counting base, before the proxy's ballot; revoking keeps it on record with
its reason and is refused once a ballot was cast under it (a recorded ballot stays). A ballot
signed by a proxy (`@委托:NAME`, a sheet's 方式 委托) is accepted only under the unit's live
authorisation to that person (`authorisation`), and names it (`ballots.proxy_id`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from zhili_cli import clock
from zhili_cli.domain import proxies as rules_of
from zhili_cli.errors import UserError
from zhili_cli.store import motions as motion_store
from zhili_cli.store import proxies as store
from zhili_cli.store import votes as vote_store
from zhili_cli.store.tx import Tx


def _open_vote(conn: sqlite3.Connection, ref: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(motion, stage, vote) of the motion's owners' vote, opened and not closed."""
    from zhili_cli.services.owner_votes import _owners_stage, _vote_of

    motion, stage = _owners_stage(conn, ref)
    v = _vote_of(conn, motion, stage)
    if v["closed_at"]:
        raise UserError("vote_window_closed", number=motion["number"], start=v["window_from"], end=v["window_to"])
    return motion, stage, v


def _check_window(tx: Tx, motion: dict[str, Any], v: dict[str, Any]) -> None:
    """Who may vote for whom is settled by the window's last day: no authorisation is added or
    revoked after it, while the vote awaits its closing."""
    from zhili_cli.services.owner_votes import _window

    if _window(v, tx.at.date()) == "ended":
        raise UserError("proxy_after_window", number=motion["number"], end=v["window_to"])


def _latest_vote(conn: sqlite3.Connection, ref: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The motion and its latest owners' vote (open or closed), for listing."""
    from zhili_cli.services.motions import load

    motion = load(conn, ref)
    votes = [v for v in vote_store.for_motion(conn, motion["id"]) if v["body"] == "owners" and v["window_from"]]
    return motion, (votes[-1] if votes else None)


def add(tx: Tx, rules: Any, ref: str, *, unit: str, proxy: str, document: str,
        signed: str | None = None) -> dict[str, Any]:
    from zhili_cli.domain.keys import clean_text
    from zhili_cli.services.owner_votes import Base

    motion, stage, v = _open_vote(tx.conn, ref)
    _check_window(tx, motion, v)
    base = Base(v)
    hid = base.find(unit)
    label = base.label(hid)
    name, doc = clean_text(proxy).strip(), clean_text(document).strip()
    signed_on = None
    if signed:
        try:
            day = clock.user_date(signed)
        except UserError:
            raise UserError("vote_bad_date", option="--signed", value=signed) from None
        if day > tx.at.date():
            raise UserError("proxy_signed_future", day=day.isoformat())
        signed_on = day.isoformat()
    key = rules_of.holder_key(name)
    live = store.live(tx.conn, v["id"], hid)
    rules_of.check_new(unit=label, proxy=name, owner=base.owner_name(hid) or None, document=doc,
                       live_for_unit=[live] if live else [],
                       units_held=store.units_held(tx.conn, v["id"], key) if key else 0,
                       limit=rules.owners_vote.proxy_max_units)
    pid = store.insert(tx, {"vote_id": v["id"], "household_id": hid, "proxy": name, "proxy_key": key,
                            "document": doc, "signed_on": signed_on, "recorded_at": tx.at_iso,
                            "revoked_at": None, "revoke_reason": None})
    motion_store.add_event(tx, motion["id"], "proxy_add", stage["key"], f"{label} {doc}")
    return {"motion": motion["number"], "id": pid, "unit": label, "document": doc, "signed_on": signed_on}


def revoke(tx: Tx, ref: str, *, unit: str, reason: str) -> dict[str, Any]:
    from zhili_cli.domain.keys import clean_text
    from zhili_cli.services.owner_votes import Base

    motion, stage, v = _open_vote(tx.conn, ref)
    _check_window(tx, motion, v)
    why = clean_text(reason).strip()
    if not why:
        raise UserError("proxy_revoke_no_reason")
    base = Base(v)
    hid = base.find(unit)
    label = base.label(hid)
    live = store.live(tx.conn, v["id"], hid)
    if live is None:
        raise UserError("proxy_none", room=label, number=motion["number"])
    if store.used(tx.conn, live["id"]):
        raise UserError("proxy_used", room=label)
    store.update(tx, live["id"], {"revoked_at": tx.at_iso, "revoke_reason": why})
    motion_store.add_event(tx, motion["id"], "proxy_revoke", stage["key"], f"{label} {live['document']}: {why}")
    return {"motion": motion["number"], "id": live["id"], "unit": label, "document": live["document"]}


def list_rows(conn: sqlite3.Connection, rules: Any, ref: str) -> dict[str, Any]:
    """The authorisations of the motion's latest owners' vote, names masked."""
    from zhili_cli.domain.privacy import mask_name

    motion, v = _latest_vote(conn, ref)
    if v is None:
        raise UserError("vote_not_open", number=motion["number"])
    labels = {int(u[0]): u[1] for u in json.loads(v["base"] or "{}").get("units", [])}
    rows = [{"id": r["id"], "unit": labels.get(r["household_id"], str(r["household_id"])),
             "proxy": mask_name(r["proxy"]), "document": r["document"], "signed_on": r["signed_on"],
             "recorded_at": r["recorded_at"], "status": "revoked" if r["revoked_at"] else "live",
             "revoked_at": r["revoked_at"], "revoke_reason": r["revoke_reason"], "ballots": r["ballots"]}
            for r in store.for_vote(conn, v["id"])]
    return {"motion": motion["number"], "vote_open": not v["closed_at"], "limit": rules.owners_vote.proxy_max_units, "proxies": rows}


def authorisation(conn: sqlite3.Connection, vote_id: int, hid: int, label: str, signer: str, at: str) -> int:
    """The id of the unit's live authorisation to `signer` in this vote, else UserError; a ballot
    dated (`at`) before the authorisation was signed is refused too."""
    live = store.live(conn, vote_id, hid)
    if live is None:
        raise UserError("ballot_proxy_unrecorded", room=label, name=signer)
    if not rules_of.matches(live, signer):
        raise UserError("ballot_proxy_other", room=label, name=signer)
    if live["signed_on"] and at[:10] < live["signed_on"]:
        raise UserError("ballot_before_proxy", room=label, day=at[:10], signed=live["signed_on"])
    return int(live["id"])
