"""Petitions as they stood at a moment, for a period's figures.

A petition's row holds its latest state; what happened after a period's end must not change
the period's figures. Later work (triage, closing, a rating) carries its own date and the
report queries compare it with the moment. A correction (`petition reopen`, `petition edit`,
a re-triage) overwrites fields instead, so its values before are kept in
`petition_corrections.changes` ({field: [before, after]}): for a petition corrected at or after
the moment, each field a correction touched takes the value it had before the first such
correction. So a June petition done in June and reopened in July still counts as done in June.
"""

from __future__ import annotations

import sqlite3


def _columns(conn: sqlite3.Connection) -> tuple[str, ...]:
    return tuple(r[1] for r in conn.execute("PRAGMA table_info(petitions)"))


def with_as_of(conn: sqlite3.Connection, at: str, at_param: str = ":at") -> str:
    """A WITH clause defining `petitions_at`: the petitions as they stood at `at` (bound as
    `at_param`). Nearly always no correction is dated after `at`: `petitions_at` is then the
    table itself, not materialized, so the queries keep their indexes."""
    later = conn.execute("SELECT 1 FROM petition_corrections c JOIN petition_events e ON e.id = c.event_id "
                         "WHERE e.at >= ? LIMIT 1", (at,)).fetchone()
    if later is None:
        return "WITH petitions_at AS NOT MATERIALIZED (SELECT * FROM petitions) "
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
        "FROM petition_corrections c JOIN petition_events e ON e.id = c.event_id "
        f"WHERE e.at >= {at_param}), "
        f"petitions_at ({plain}) AS ("
        f"SELECT {plain} FROM petitions WHERE id NOT IN (SELECT pid FROM later_fix) "
        f"UNION ALL SELECT {', '.join(fixed)} FROM petitions p WHERE p.id IN (SELECT pid FROM later_fix)) "
    )
