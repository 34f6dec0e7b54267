"""People and roles: a committee of the right size, one chair, terms within the limit."""

from __future__ import annotations

from datetime import date
from typing import Any

from zhili_cli.domain import vocab
from zhili_cli.errors import UserError
from zhili_cli.store import members as store
from zhili_cli.store.tx import Tx


def _date(text: str | None) -> date | None:
    if not text:
        return None
    from zhili_cli.importing.cells import CellError, parse_date

    try:
        return parse_date(text).date()
    except CellError:
        raise UserError("bad_date", value=text) from None


def add(tx: Tx, rules: Any, *, name: str, role: str, party: str | None = None, phone: str | None = None,
        term_start: str | None = None, term_end: str | None = None) -> dict[str, Any]:
    if not name.strip():
        raise UserError("name_required")
    role_key = vocab.role(role)
    party_key = vocab.party(party) if party else vocab.ROLE_PARTY.get(role_key)
    if party_key is None:
        raise UserError("member_needs_party", role=role)
    start, end = _date(term_start), _date(term_end)
    if start and end:
        if end < start:
            raise UserError("term_reversed")
        if role_key in vocab.COMMITTEE_ROLES:
            limit = rules.committee.term_max_years
            try:
                latest = start.replace(year=start.year + limit)
            except ValueError:  # 29 February
                latest = start.replace(year=start.year + limit, day=28)
            if end > latest:
                raise UserError("term_too_long", years=limit)
    if store.find(tx.conn, name.strip(), role_key):
        raise UserError("member_exists", name=name, role=role)
    today = tx.at.date().isoformat()
    if role_key == "chair":
        for other in store.committee(tx.conn, today):
            if other["role"] == "chair":
                raise UserError("chair_exists", name=other["name"])
    if role_key in vocab.COMMITTEE_ROLES:
        size = len(store.committee(tx.conn, today))
        if size + 1 > rules.committee.size_max:
            raise UserError("committee_full", size=rules.committee.size_max)
    row_id = store.add(tx, {
        "name": name.strip(), "role": role_key, "party": party_key, "phone": phone,
        "term_start": start.isoformat() if start else None, "term_end": end.isoformat() if end else None,
    })
    return store.get(tx.conn, row_id)  # type: ignore[return-value]
