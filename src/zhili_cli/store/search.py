"""Full-text search over petitions and households (FTS5, trigram tokenizer).

A word of three characters or more is looked up in the index (a trigram index finds any
substring that long, Chinese included). A shorter word (两个字 such as 电梯, which a trigram
cannot hold) is matched with LIKE on the table itself. Several words must all match. Where
this SQLite has no trigram tokenizer the index was never built and every word uses LIKE.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from typing import Any, Iterator

from zhili_cli.store import petitions as petition_store
from zhili_cli.store.rows import all_dicts

PETITION_COLUMNS = ("title", "text", "feedback", "location")
HOUSEHOLD_COLUMNS = ("building || '-' || unit || '-' || room", "owner", "phone", "room")


def has_index(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None


@contextmanager
def batch(conn: sqlite3.Connection, table: str, first: int, last: int) -> Iterator[None]:
    """Rows first…last being inserted into `table` in one batch. For petitions the insert
    trigger is taken off while the batch is written and put back as it was, and the batch is
    indexed with one INSERT … SELECT: a trigger on the table makes SQLite keep a statement
    journal for every row inserted, which cost a 100 000-row import about 60 % more time
    (docs/desk.md). All inside the import's transaction: a failed import leaves the index,
    and the trigger, as they were."""
    found = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'search_petitions_ai'"
                         ).fetchone() if table == "petitions" else None
    if found is None:
        yield
        return
    conn.execute("DROP TRIGGER search_petitions_ai")
    try:
        yield
    finally:
        conn.execute(found[0])
    conn.execute("INSERT INTO search_petitions (rowid, title, text, feedback, location) "
                 "SELECT id, title, text, feedback, location FROM petitions WHERE id BETWEEN ? AND ?", (first, last))


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _clauses(conn: sqlite3.Connection, words: list[str], index: str, columns: tuple[str, ...],
             id_column: str) -> tuple[list[str], list[Any]]:
    indexed = has_index(conn, index)
    long_words = [w for w in words if indexed and len(w) >= 3]
    clauses: list[str] = []
    params: list[Any] = []
    if long_words:
        clauses.append(f"{id_column} IN (SELECT rowid FROM {index} WHERE {index} MATCH ?)")
        params.append(" ".join(_phrase(w) for w in long_words))
    for word in words:
        if word in long_words:
            continue
        clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")")
        params += [_like(word)] * len(columns)
    return clauses, params


def _petitions_where(conn: sqlite3.Connection, words: list[str], filters: dict[str, Any]) -> tuple[str, list[Any]]:
    where, params = petition_store._filters(**filters)
    clauses, more = _clauses(conn, words, "search_petitions", PETITION_COLUMNS, "id")
    if clauses:
        where = (where + " AND " if where else " WHERE ") + " AND ".join(clauses)
        params = [*params, *more]
    return where, params


def petitions(conn: sqlite3.Connection, words: list[str], *, limit: int | None = 50,
              **filters: Any) -> list[dict[str, Any]]:
    """Petitions matching every word (and the list filters), newest first."""
    where, params = _petitions_where(conn, words, filters)
    sql = f"SELECT {petition_store.LIST_COLUMNS} FROM petitions{where} ORDER BY received_at DESC, id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return all_dicts(conn.execute(sql, params))


def count_petitions(conn: sqlite3.Connection, words: list[str], **filters: Any) -> int:
    """How many rows `petitions` would give without a limit (counted, not fetched)."""
    where, params = _petitions_where(conn, words, filters)
    return conn.execute(f"SELECT count(*) FROM petitions{where}", params).fetchone()[0]


def households(conn: sqlite3.Connection, words: list[str], *, limit: int | None = 100) -> list[dict[str, Any]]:
    """Households whose unit, owner or phone (digits) hold every word."""
    digits = []
    for w in words:  # a phone number typed with separators: 138-1234-5678
        stripped = "".join(ch for ch in w if ch.isdigit())
        digits.append(stripped if len(stripped) >= 7 and not any(c.isalpha() for c in w) else w)
    clauses, params = _clauses(conn, digits, "search_households", HOUSEHOLD_COLUMNS, "id")
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (f"SELECT * FROM households{where} ORDER BY CAST(building AS INTEGER) = 0, CAST(building AS INTEGER), "
           "building, unit, CAST(room AS INTEGER), room")
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return all_dicts(conn.execute(sql, params))
