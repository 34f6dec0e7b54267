"""Petitions as they stood at a moment, for a period's figures.

A petition's row holds its latest state; what happened after a period's end must not change
the period's figures. Later work (triage, closing, a rating) carries its own date and the
report queries compare it with the moment. A correction (`petition reopen`, `petition edit`,
a re-triage) overwrites fields instead, so its values before are kept in
`petition_corrections.changes` ({field: [before, after]}): for a petition corrected at or after
the moment, each field a correction touched takes the value it had before the first such
correction. So a June petition done in June and reopened in July still counts as done in June.

Most periods have no correction dated after their end: then the petitions as they stood are the
table itself, and `petitions_at` is a plain alias SQLite folds into each query, so the reports'
indexes serve (the corrected view is materialised once per use and scans every petition).
"""

from __future__ import annotations

import sqlite3


# From SQLite 3.35 a CTE used twice is materialised unless told otherwise (and the hint is a
# syntax error before 3.35, where every CTE is inlined anyway).
_INLINE = "NOT MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35, 0) else ""


def _columns(conn: sqlite3.Connection) -> tuple[str, ...]:
    return tuple(r[1] for r in conn.execute("PRAGMA table_info(petitions)"))


def corrected_since(conn: sqlite3.Connection, at: str) -> bool:
    """Whether any petition correction is dated at or after `at`. CROSS JOIN keeps the few
    corrections as the outer loop (each event found by its id), never a scan of every event."""
    return conn.execute("SELECT 1 FROM petition_corrections c CROSS JOIN petition_events e ON e.id = c.event_id "
                        "WHERE e.at >= ? LIMIT 1", (at,)).fetchone() is not None


def with_as_of(conn: sqlite3.Connection, at: str, at_param: str = ":at") -> str:
    """A WITH clause defining `petitions_at`: the petitions as they stood at `at` (the value the
    query binds to `at_param`)."""
    if not corrected_since(conn, at):
        return f"WITH petitions_at AS {_INLINE}(SELECT * FROM petitions) "
    cols = _columns(conn)
    fixed = []
    for name in cols:
        if name == "id":
            fixed.append("p.id")
            continue
        sub = (f"(SELECT json_extract(f.changes, '$.{name}') FROM later_fix f WHERE f.pid = p.id "
               f"AND json_type(f.changes, '$.{name}') IS NOT NULL ORDER BY f.eid LIMIT 1)")
        fixed.append(f"CASE WHEN {sub} IS NULL THEN p.{name} ELSE json_extract({sub}, '$[0]') END")
    plain = ", ".join(cols)
    return (
        "WITH later_fix AS (SELECT c.petition_id AS pid, c.changes AS changes, e.id AS eid "
        "FROM petition_corrections c CROSS JOIN petition_events e ON e.id = c.event_id "
        f"WHERE e.at >= {at_param}), "
        f"petitions_at ({plain}) AS ("
        f"SELECT {plain} FROM petitions WHERE id NOT IN (SELECT pid FROM later_fix) "
        f"UNION ALL SELECT {', '.join(fixed)} FROM petitions p WHERE p.id IN (SELECT pid FROM later_fix)) "
    )
