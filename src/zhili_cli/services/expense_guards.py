"""Who may not act on an expense: the payee never approves or confirms a payment to themselves,
and an emergency's confirmation and its stand-in approval are two acts by two people."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.errors import UserError
from zhili_cli.store import expenses as store


def not_the_payee(row: dict[str, Any], person: str) -> None:
    """No one approves or confirms a payment to themselves (names compared as payees are)."""
    from zhili_cli.domain.keys import payee_key

    if payee_key(person) and payee_key(person) == payee_key(row.get("payee")):
        raise UserError("expense.approver_is_payee", number=row["number"], name=person)


def two_people(conn: sqlite3.Connection, row: dict[str, Any], person: str, *other: str) -> None:
    """An emergency's confirmation and its stand-in approval are two acts by two people: whoever
    did one (a live approval of a body in `other`) may not do the other."""
    from zhili_cli.domain.keys import payee_key

    for a in store.approvals(conn, row["id"], live_only=True):
        if a["body"] in other and payee_key(a["approver"]) == payee_key(person):
            raise UserError("expense.same_person_twice", number=row["number"], name=person)
