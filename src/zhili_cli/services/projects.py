"""Projects (民生实事): from a motion, split into milestones, each verified by all three parties."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import Any

from zhili_cli.domain import vocab
from zhili_cli.errors import Term, UserError
from zhili_cli.store import projects as store
from zhili_cli.store.tx import Tx

PREFIX = "XM"
PARTIES = ("residents_committee", "owners_committee", "property")


def load(conn: sqlite3.Connection, ref: str) -> dict[str, Any]:
    from zhili_cli.store.refs import find

    return find(conn, "projects", ref, not_found="project.not_found")


def motion_number(conn: sqlite3.Connection, ref: str | None) -> str | None:
    """The motion's number as recorded by the meetings area, when it keeps a motions table."""
    if not ref or not ref.strip():
        return None
    text = ref.strip()
    from zhili_cli.store.motions import find_number

    found = find_number(conn, text)
    if found is None:
        raise UserError("project.motion_not_found", ref=text)
    return found


def add(tx: Tx, *, title: str, motion: str | None = None) -> dict[str, Any]:
    if not title or not title.strip():
        raise UserError("project.title_required")
    year = tx.at.year
    seq = store.next_seq(tx.conn, year)
    number = f"{PREFIX}{year}-{seq:03d}"
    store.insert(tx, {"number": number, "year": year, "seq": seq, "title": title.strip(),
                      "motion": motion_number(tx.conn, motion), "created_at": tx.at_iso, "created_by": tx.actor})
    return load(tx.conn, number)


def add_milestone(tx: Tx, ref: str, *, title: str, due: str | None, party: str | None) -> dict[str, Any]:
    project = load(tx.conn, ref)
    if not title or not title.strip():
        raise UserError("project.title_required")
    seq = store.next_milestone_seq(tx.conn, project["id"])
    store.add_milestone(tx, {"project_id": project["id"], "seq": seq, "title": title.strip(), "due": due,
                             "party": vocab.party(party) if party else None})
    return {"project": project["number"], "seq": seq, "ref": f"{project['number']}#{seq}", "title": title.strip(),
            "due": due}


def find_milestone(conn: sqlite3.Connection, ref: str) -> tuple[dict[str, Any], dict[str, Any]]:
    m = re.fullmatch(r"\s*(\S+?)\s*[#/:]\s*(\d+)\s*", ref)
    if m:
        project = store.get(conn, m.group(1))
        if project is not None:
            row = store.milestone(conn, project["id"], int(m.group(2)))
            if row is not None:
                return project, row
    raise UserError("project.milestone_not_found", ref=ref)


def verify(tx: Tx, ref: str, *, party: str, by: str | None = None, note: str | None = None) -> dict[str, Any]:
    """One party's verification; the milestone is done once all three parties have verified."""
    project, milestone = find_milestone(tx.conn, ref)
    key = vocab.party(party)
    if key not in PARTIES:
        raise UserError("reps.not_a_verifying_party", party=Term(f"party.{key}"),
                        parties="、".join(vocab.PARTY_ZH[p] for p in PARTIES))
    label = f"{project['number']}#{milestone['seq']}"
    done = {v["party"] for v in store.verifications(tx.conn, milestone["id"])}
    if key in done:
        raise UserError("project.already_verified", ref=label, party=Term(f"party.{key}"))
    who = representative(tx, key, by)
    store.add_verification(tx, {"milestone_id": milestone["id"], "party": key, "by_name": who,
                                "at": tx.at_iso, "note": note})
    done.add(key)
    if all(p in done for p in PARTIES):
        store.update_milestone(tx, milestone["id"], {"done_at": tx.at_iso})
    return {"ref": label, "party": key, "verified_by": sorted(done, key=PARTIES.index),
            "count": len(done), "done": all(p in done for p in PARTIES)}


def representative(tx: Tx, party: str, by: str | None) -> str:
    """The person verifying for `party` must be recorded on the roster for that party, in office
    on the day (`--by`, else the user running the command)."""
    from zhili_cli.store import members

    name = (by or tx.actor or "").strip()
    today = tx.at.date().isoformat()
    for m in members.find(tx.conn, name):
        in_office = (not m["term_start"] or m["term_start"][:10] <= today) and \
            (not m["term_end"] or m["term_end"][:10] >= today)
        if m["party"] == party and m["active"] and in_office:
            return m["name"]
    if by is None:
        raise UserError("project_verifier_required", party=Term(f"party.{party}"))
    raise UserError("project_verifier_not_rep", name=name, party=Term(f"party.{party}"))


def detail(conn: sqlite3.Connection, project: dict[str, Any], today: date) -> dict[str, Any]:
    rows = []
    for m in store.milestones(conn, project["id"]):
        verified = [v["party"] for v in store.verifications(conn, m["id"])]
        overdue = m["done_at"] is None and bool(m["due"]) and m["due"] < today.isoformat()
        rows.append({"ref": f"{project['number']}#{m['seq']}", "seq": m["seq"], "title": m["title"],
                     "due": m["due"], "party": m["party"], "verified_by": verified,
                     "done": m["done_at"] is not None, "done_at": m["done_at"], "overdue": overdue})
    done = sum(1 for r in rows if r["done"])
    return {"number": project["number"], "title": project["title"], "motion": project["motion"],
            "created_at": project["created_at"], "milestones": rows, "done": done, "total": len(rows),
            "progress": round(100 * done / len(rows), 1) if rows else 0.0,
            "overdue": [r["ref"] for r in rows if r["overdue"]]}


def all_details(conn: sqlite3.Connection, today: date) -> list[dict[str, Any]]:
    return [detail(conn, p, today) for p in store.list_(conn)]
