"""Who may speak for a body: the representatives on the roster, in office on the day of the act.

An outside body (社区居委会, 街道, 物业) speaks through the people recorded as its representatives
(`member add NAME --role 居委会代表|街道代表|物业代表 --basis …`, with from/to dates, ended by
`member end-term` with a reason, both in the member's audited history). A confirmation or approval
given in the body's name is checked against them on the day it is recorded; a body with no
representative ever recorded is refused with the command that records one (never accepted
silently, also on a database from before the roster was checked).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.domain import vocab
from zhili_cli.domain.keys import normalize_key
from zhili_cli.errors import Term, UserError
from zhili_cli.store import members as store

# an approving or confirming body → the party whose representatives speak for it
BODY_PARTY = {"residents_committee": "residents_committee", "subdistrict": "subdistrict", "property": "property"}


def speaker(conn: sqlite3.Connection, body: str, name: str | None, on_date: str) -> dict[str, Any]:
    """The representative of `body` called `name`, in office on `on_date`; refused otherwise."""
    party = BODY_PARTY.get(body, body)
    role = vocab.REP_ROLE[party]
    who = normalize_key(name)
    recorded = store.with_role(conn, role)
    if not recorded:
        raise UserError("reps.none_recorded", body=Term(f"party.{party}"), role=Term(f"role.{role}"))
    serving = store.with_role(conn, role, on_date)
    for rep in serving:
        if normalize_key(rep["name"]) == who:
            return rep
    raise UserError("reps.not_a_rep", name=(name or "").strip() or "—", body=Term(f"party.{party}"),
                    date=on_date, names="、".join(r["name"] for r in serving) or "—")


def of_party(conn: sqlite3.Connection, party: str, on_date: str) -> list[dict[str, Any]]:
    """Who speaks for `party` on `on_date`: committee members for the owners' committee, else its
    representatives."""
    if party == "owners_committee":
        return store.committee(conn, on_date)
    role = vocab.REP_ROLE.get(party)
    return store.with_role(conn, role, on_date) if role else []
