"""Publishing a period document: recording what was posted, and closing the period for money.

A monthly report or quarterly disclosure published with `--publish` is recorded with the
period, its first and last day, the audit chain head printed on it and when. From then on
no money entry dated in that period is accepted (the store refuses it): what was posted stays
true, and a correction is recorded in the open period as a reversing entry that names the
published one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from zhili_cli.errors import UserError
from zhili_cli.store import publications as store
from zhili_cli.store.tx import Tx


def period_code(kind: str, first_month: str) -> str:
    """2024Q4 for a quarter, 2024-11 for a month: the stored form, whatever the language."""
    if kind == "quarterly":
        return f"{first_month[:4]}Q{(int(first_month[5:7]) - 1) // 3 + 1}"
    return first_month


def publish(tx: Tx, *, kind: str, code: str, start: str, end: str, head_entries: int,
            head_hash: str, today: date) -> dict[str, Any]:
    """Record the publication of the period [start, end) (end exclusive, ISO dates)."""
    last_day = (date.fromisoformat(end) - timedelta(days=1)).isoformat()
    if today.isoformat() < end:
        raise UserError("publish_not_over", period=code, end=last_day)
    earlier = store.find(tx.conn, kind, code)
    if earlier:
        raise UserError("publish_again", period=code, at=earlier["published_at"][:10], head=earlier["head"][:12])
    row = {"kind": kind, "period": code, "first_day": start, "last_day": last_day, "head": head_hash,
           "head_entry": head_entries, "published_at": tx.at_iso, "published_by": tx.actor}
    row["id"] = store.insert(tx, row)
    return row


def list_all(conn: Any) -> list[dict[str, Any]]:
    return store.all_publications(conn)
