"""What the meetings area asks the money area: expenses waiting for a body's approval."""

from __future__ import annotations

import sqlite3
from typing import Any


def waiting_for(conn: sqlite3.Connection, body: str) -> list[dict[str, Any]]:
    """Requested expenses whose required body is `body` and which it has not yet approved."""
    from zhili_cli.domain.vocab import APPROVING_BODIES, approval_body

    key = approval_body(body)
    if key not in APPROVING_BODIES + ("residents_committee", "subdistrict"):  # stand-ins (seed 003)
        return []
    from zhili_cli.store.expenses import waiting_for_body

    rows = waiting_for_body(conn, key)
    return [{"type": "expense", "ref": r[0], "title": r[1], "amount_fen": r[2], "fund": r[3],
             "requested_at": r[4]} for r in rows]
