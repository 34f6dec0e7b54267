"""How an owner's ballot was cast (paper, online, proxy) and whether a paper ballot may count.

In an electronic vote an owner may ask for a paper ballot (Hangzhou regulation art. 20): it
counts when `assembly.paper_ballots_on_request` is true and is refused when it is false. A vote
held on the owners' assembly's own day is an on-site vote, where paper ballots are the norm.
On the command line a paper ballot is marked before its signer: `--ballot 3-2-501=同意@纸质:王伟`
(or `书面:`), by proxy `…=同意@纸质:委托:张三`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

PAPER_MARKS = ("纸质", "书面", "paper")


def paper_mark(voter: str | None) -> tuple[bool, str | None]:
    """`纸质:王伟` → (True, "王伟"); anything else → (False, unchanged)."""
    text = (voter or "").strip()
    for word in PAPER_MARKS:
        for sep in (":", "："):
            if text.lower().startswith(word + sep):
                return True, text[len(word) + 1:].strip() or None
    return False, voter


def on_site(conn: sqlite3.Connection, v: dict[str, Any]) -> bool:
    """The vote is held on its owners' assembly's own day (one day, the meeting's)."""
    from zhili_cli.store import meetings as meeting_store

    row = meeting_store.get_by_id(conn, v["meeting_id"]) if v["meeting_id"] else None
    return bool(row) and v["window_from"] == v["window_to"] == row["date"][:10]  # type: ignore[index]


def paper_allowed(conn: sqlite3.Connection, rules: Any, v: dict[str, Any]) -> bool:
    return bool(rules.assembly.paper_ballots_on_request) or on_site(conn, v)
