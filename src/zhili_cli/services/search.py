"""Search: petitions by their words, households by owner, phone digits or unit."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.domain.keys import clean_text
from zhili_cli.errors import UsageError
from zhili_cli.store import search as store


def words_of(text: str | list[str]) -> list[str]:
    """The words of a search: split on spaces (全角 too), each cleaned like any key."""
    parts = text if isinstance(text, list) else [text]
    words = [w for part in parts for w in clean_text(part or "").replace("\u3000", " ").split() if w]
    if not words:
        raise UsageError("search_empty")
    return words


def petitions(conn: sqlite3.Connection, text: str, *, limit: int | None = 50, **filters: Any) -> list[dict[str, Any]]:
    return store.petitions(conn, words_of(text), limit=limit, **filters)


def count_petitions(conn: sqlite3.Connection, text: str, **filters: Any) -> int:
    return store.count_petitions(conn, words_of(text), **filters)


def households(conn: sqlite3.Connection, words: list[str], *, limit: int | None = 100) -> list[dict[str, Any]]:
    return store.households(conn, words_of(words), limit=limit)


def indexed(conn: sqlite3.Connection) -> bool:
    """Whether this database has the trigram index (else search reads the tables)."""
    return store.has_index(conn, "search_petitions")
