"""Proxies' authorisations of an owners' vote (vote_proxies) and the ballots cast under them."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts, one_dict
from zhili_cli.store.tx import Tx


def insert(tx: Tx, row: dict[str, Any]) -> int:
    return tx.insert("vote_proxies", row)


def update(tx: Tx, proxy_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return tx.update("vote_proxies", proxy_id, changes)


def for_vote(conn: sqlite3.Connection, vote_id: int) -> list[dict[str, Any]]:
    """Every authorisation of a vote, live and revoked, in the order recorded, with how many
    ballots were cast under it."""
    return all_dicts(conn.execute(
        "SELECT p.*, (SELECT COUNT(*) FROM ballots b WHERE b.proxy_id = p.id) AS ballots "
        "FROM vote_proxies p WHERE p.vote_id = ? ORDER BY p.id", (vote_id,)))


def live(conn: sqlite3.Connection, vote_id: int, household_id: int) -> dict[str, Any] | None:
    """The unit's live (not revoked) authorisation in this vote, if any."""
    return one_dict(conn.execute(
        "SELECT * FROM vote_proxies WHERE vote_id = ? AND household_id = ? AND revoked_at IS NULL "
        "ORDER BY id DESC LIMIT 1", (vote_id, household_id)))


def units_held(conn: sqlite3.Connection, vote_id: int, proxy_key: str) -> int:
    """How many units' live authorisations one person holds in this vote."""
    return conn.execute("SELECT COUNT(*) FROM vote_proxies WHERE vote_id = ? AND proxy_key = ? "
                        "AND revoked_at IS NULL", (vote_id, proxy_key)).fetchone()[0]


def used(conn: sqlite3.Connection, proxy_id: int) -> int:
    return conn.execute("SELECT COUNT(*) FROM ballots WHERE proxy_id = ?", (proxy_id,)).fetchone()[0]


def proxy_ballots(conn: sqlite3.Connection, vote_id: int) -> int:
    """How many of an owners' vote's ballots were cast by an authorised proxy."""
    return conn.execute("SELECT COUNT(*) FROM ballots WHERE vote_id = ? AND voter_type = 'household' "
                        "AND proxy_id IS NOT NULL", (vote_id,)).fetchone()[0]
