"""Read queries for reports. Times are stored as ISO text with the +08:00 offset, so
ranges compare as text: [date_from, date_to) with dates like '2025-06-01'."""

from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from zhili_cli.store.petitions_as_of import with_as_of
from zhili_cli.store.rows import all_dicts

CLOSED_DONE = ("done", "verified")
NOT_COUNTED = ("rejected", "merged", "referred")


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


def compound_name(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT name FROM compound WHERE id = 1").fetchone()
    return row[0] if row else ""


def contact(conn: sqlite3.Connection) -> dict[str, str]:
    """The compound's contact for objections: {phone, place} (empty when not set)."""
    row = conn.execute("SELECT phone, place FROM compound_contact WHERE id = 1").fetchone()
    return {"phone": row[0] or "", "place": row[1] or ""} if row else {"phone": "", "place": ""}


def set_contact(tx: Any, phone: str | None, place: str | None) -> None:
    values = {"phone": phone or None, "place": place or None}
    if tx.conn.execute("SELECT 1 FROM compound_contact WHERE id = 1").fetchone():
        tx.update("compound_contact", 1, values)
    else:
        tx.insert("compound_contact", {"id": 1, **values})


def has_owners_committee(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT has_owners_committee FROM compound WHERE id = 1").fetchone()
    return bool(row[0]) if row else True


def _private(include_private: bool) -> str:
    return "" if include_private else " AND (kind IS NULL OR kind != 'private')"


def received_by(conn: sqlite3.Connection, column: str, date_from: str, date_to: str, at: str,
                include_private: bool = True) -> list[tuple[Any, int, int]]:
    """(value, received, done by `at`) of petitions received in the range, grouped by one column."""
    if column not in ("source", "kind", "building"):
        raise ValueError(column)
    sql = (with_as_of(conn, at) +
           f"SELECT {column}, COUNT(*), SUM(status IN ('done','verified') AND closed_at < :at) FROM petitions_at "
           f"WHERE received_at >= :f AND received_at < :t AND received_at < :at{_private(include_private)} "
           f"GROUP BY {column} ORDER BY COUNT(*) DESC, {column}")
    return [(r[0], int(r[1]), int(r[2] or 0))
            for r in conn.execute(sql, {"at": at, "f": date_from, "t": date_to})]


ACCEPTED = "('accepted','on_agenda','decided','in_progress','done','verified','referred')"


def stats_as_of(conn: sqlite3.Connection, date_from: str, date_to: str, at: str,
                include_private: bool = True) -> list[dict[str, Any]]:
    """Counts per (kind, source) of petitions received in [from, to), as they stood at `at`:
    accepted, done, answered, rated and overdue only by what had happened before `at`, so a
    past period's figures do not change when later work is recorded (for domain.stats)."""
    open_at = "(closed_at IS NULL OR closed_at >= :at)"
    untriaged = "(triaged_at IS NULL OR triaged_at >= :at)"
    sql = with_as_of(conn, at) + f"""
        SELECT kind, source,
            COUNT(*) AS received,
            SUM(status IN {ACCEPTED} AND COALESCE(triaged_at, closed_at) < :at) AS accepted,
            SUM(status IN ('done','verified') AND closed_at < :at) AS done,
            SUM(triaged_at < :at AND substr(triaged_at, 1, 10) <= substr(response_due, 1, 10)) AS responded_in_time,
            SUM(triaged_at < :at OR ({untriaged} AND response_due < :day AND {open_at})) AS response_measured,
            SUM(CASE WHEN closed_at < :at THEN
                CAST(ROUND((julianday(closed_at) - julianday(received_at)) * 86400) AS INTEGER) END) AS close_seconds,
            SUM(closed_at < :at) AS closed,
            SUM(CASE WHEN COALESCE(verified_at, closed_at) < :at THEN satisfaction END) AS satisfaction_sum,
            SUM(satisfaction IS NOT NULL AND COALESCE(verified_at, closed_at) < :at) AS satisfaction_n,
            SUM({open_at} AND status NOT IN ('rejected','merged','referred') AND
                ((completion_due IS NOT NULL AND completion_due < :day) OR ({untriaged} AND response_due < :day)))
                AS overdue
        FROM petitions_at
        WHERE received_at >= :f AND received_at < :t AND received_at < :at{_private(include_private)}
        GROUP BY kind, source
    """
    # a deadline is due at the end of its day: late at `at` when its day is before at's day
    return all_dicts(conn.execute(sql, {"at": at, "day": at[:10], "f": date_from, "t": date_to}))


def closed_between(conn: sqlite3.Connection, date_from: str, date_to: str, at: str,
                   include_private: bool = True) -> int:
    sql = (with_as_of(conn, at) + "SELECT COUNT(*) FROM petitions_at WHERE closed_at >= :f AND closed_at < :t "
           f"AND closed_at < :at AND +status IN ('done','verified'){_private(include_private)}")
    return int(conn.execute(sql, {"f": date_from, "t": date_to, "at": at}).fetchone()[0])


def monthly_counts(conn: sqlite3.Connection, date_from: str, date_to: str,
                   include_private: bool = True) -> dict[str, tuple[int, int]]:
    """month (YYYY-MM) → (received that month, done that month by closing date), as they stood at
    the range's end (a later reopening does not take a month's done back)."""
    out: dict[str, list[int]] = {}
    priv = _private(include_private)
    head = with_as_of(conn, date_to)
    params = {"f": date_from, "t": date_to, "at": date_to}
    for month, n in conn.execute(
            f"{head}SELECT substr(received_at, 1, 7), COUNT(*) FROM petitions_at "
            f"WHERE received_at >= :f AND received_at < :t{priv} GROUP BY 1", params):
        out.setdefault(month, [0, 0])[0] = int(n)
    for month, n in conn.execute(
            f"{head}SELECT substr(closed_at, 1, 7), COUNT(*) FROM petitions_at "
            f"WHERE closed_at >= :f AND closed_at < :t AND +status IN ('done','verified'){priv} GROUP BY 1",
            params):
        out.setdefault(month, [0, 0])[1] = int(n)
    return {k: (v[0], v[1]) for k, v in out.items()}


def open_at(conn: sqlite3.Connection, at: str, *, received_before: str, overdue_only: bool,
            include_private: bool = True, limit: int | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Petitions received before `received_before` and not closed at `at` (rejected, merged and
    referred ones left out); with `overdue_only`, only those past a deadline at `at`.
    Returns (count, the oldest `limit` rows)."""
    # Not closed at `at`: still open now (the stats index, status first: only today's open matters, however long
    # the history) or closed after `at` (the closed_at index).
    where = ("id IN (SELECT id FROM petitions_at WHERE status IN "
             "('received','accepted','on_agenda','decided','in_progress') "
             "UNION ALL SELECT id FROM petitions_at WHERE closed_at >= :at) AND +received_at < :before "
             f"AND status NOT IN ('rejected','merged','referred'){_private(include_private)}")
    params: dict[str, Any] = {"at": at, "before": received_before, "day": at[:10]}
    if overdue_only:
        where += (" AND ((completion_due IS NOT NULL AND completion_due < :day) OR "
                  "((triaged_at IS NULL OR triaged_at >= :at) AND response_due < :day))")
    head = with_as_of(conn, at)  # a deadline is due at the end of its day
    count = int(conn.execute(f"{head}SELECT COUNT(*) FROM petitions_at WHERE {where}", params).fetchone()[0])
    sql = (f"{head}SELECT number, title, kind, building, responsible, status, received_at, response_due, "
           f"completion_due, triaged_at, reporter, reporter_phone FROM petitions_at WHERE {where} "
           f"ORDER BY received_at, id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return count, all_dicts(conn.execute(sql, params))


def yearly(conn: sqlite3.Connection, date_from: str, date_to: str, at: str, meeting_kinds: Iterable[str],
           include_private: bool = True) -> list[dict[str, Any]]:
    """Per year of receipt: received, accepted, done (by `at`), and the meeting-routed
    (deliberated) ones."""
    kinds = list(meeting_kinds) or ["-"]
    marks = ",".join("?" for _ in kinds)
    done = "(status IN ('done','verified') AND closed_at < ?)"
    sql = f"""
        SELECT year,
            COUNT(*) AS received,
            SUM(status IN {ACCEPTED} AND COALESCE(triaged_at, closed_at) < ?) AS accepted,
            SUM({done}) AS done,
            SUM(kind IN ({marks})) AS deliberated,
            SUM(kind IN ({marks}) AND {done}) AS deliberated_done
        FROM petitions WHERE received_at >= ? AND received_at < ? AND received_at < ?{_private(include_private)}
        GROUP BY year ORDER BY year
    """
    return all_dicts(conn.execute(sql, [at, at, *kinds, *kinds, at, date_from, date_to, at]))


# ---- other areas ---------------------------------------------------------------------------

def meetings_between(conn: sqlite3.Connection, date_from: str, date_to: str, at: str) -> list[dict[str, Any]]:
    """Meetings held in the range: not cancelled by `at` and with attendance recorded (a meeting
    nobody was recorded at was not held). Decided and approved count the agenda items decided
    by `at` and the votes taken at the meeting and closed by `at` on motions not already
    decided as an agenda item, as the minutes list them."""
    cancelled = ("AND NOT EXISTS (SELECT 1 FROM meeting_changes c WHERE c.meeting_id = m.id "
                 "AND c.action = 'cancel' AND c.at < ?1)" if _has_table(conn, "meeting_changes") else "")
    extra = """(SELECT COUNT(*) FROM votes v JOIN motions mo ON mo.id = v.motion_id WHERE v.meeting_id = m.id
                AND v.result <> 'open' AND COALESCE(v.closed_at, v.updated_at) < ?1 {cond}
                AND NOT EXISTS (SELECT 1 FROM agenda_items i WHERE i.meeting_id = m.id AND i.type = 'motion'
                    AND i.ref = mo.number AND i.decided_at < ?1))"""
    return all_dicts(conn.execute(f"""
        SELECT m.id, m.number, m.kind, m.title, m.date, m.quorum_met,
            (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id) AS attended,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id) AS items,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id AND i.decided_at < ?1)
                + {extra.format(cond="")} AS decided,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id AND i.approved = 1
                AND i.decided_at < ?1) + {extra.format(cond="AND v.result = 'passed'")} AS approved
        FROM meetings m WHERE m.date >= ?2 AND m.date < ?3 AND m.date < ?1
            AND EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = m.id) {cancelled}
        ORDER BY m.date, m.id
    """, (at, date_from, date_to)))


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def meeting(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    text = ref.strip()
    cur = conn.execute("SELECT * FROM meetings WHERE number = ? COLLATE NOCASE", (text,))
    rows = all_dicts(cur)
    if not rows and text.isdigit():
        rows = all_dicts(conn.execute("SELECT * FROM meetings WHERE id = ?", (int(text),)))
    return rows[0] if rows else None


def members_in_office(conn: sqlite3.Connection, day: str) -> list[dict[str, Any]]:
    """Members whose term covers `day` (no dates: always), by party, for who was absent."""
    return all_dicts(conn.execute(
        "SELECT name, role, party FROM members WHERE active = 1 AND (term_start IS NULL OR term_start <= ?) "
        "AND (term_end IS NULL OR term_end >= ?) ORDER BY party, id", (day, day)))


def meeting_votes(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    """Votes taken at a meeting, with the motion they decide."""
    return all_dicts(conn.execute(
        "SELECT mo.number AS motion, mo.title, v.body, v.subject, v.result, v.tally FROM votes v "
        "JOIN motions mo ON mo.id = v.motion_id "
        "WHERE v.meeting_id = ? ORDER BY v.id", (meeting_id,)))


def attendance(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT name, role, party, member_id FROM meeting_attendance WHERE meeting_id = ? ORDER BY party, id",
        (meeting_id,)))


def agenda(conn: sqlite3.Connection, meeting_id: int, *, include_private: bool) -> list[dict[str, Any]]:
    """Agenda items in order; without private ones, items naming a private petition are left out."""
    priv = "" if include_private else (
        " AND NOT (i.type = 'petition' AND EXISTS (SELECT 1 FROM petitions p "
        "WHERE p.number = i.ref AND p.kind = 'private'))")
    return all_dicts(conn.execute(
        "SELECT i.position, i.type, i.ref, i.title, i.decision, i.approved, i.owner_party, i.due, i.decided_at, i.summary "
        f"FROM agenda_items i WHERE i.meeting_id = ?{priv} ORDER BY i.position, i.id", (meeting_id,)))


def motions_active(conn: sqlite3.Connection, date_from: str, date_to: str, at: str) -> list[dict[str, Any]]:
    """Motions proposed, advanced (a stage finished) or closed in the range, as they stood at `at`
    (a motion closed later is still open; stages finished later are not counted)."""
    return all_dicts(conn.execute("""
        SELECT m.number, m.title, CASE WHEN m.closed_at < :at THEN m.status ELSE 'open' END AS status,
            m.proposed_at, CASE WHEN m.closed_at < :at THEN m.closed_at END AS closed_at,
            (SELECT COUNT(*) FROM motion_stages s WHERE s.motion_id = m.id
                AND s.finished_at >= :f AND s.finished_at < :t AND s.finished_at < :at) AS advanced,
            (SELECT COUNT(*) FROM motion_stages s WHERE s.motion_id = m.id AND s.finished_at < :at) AS stages_done,
            (SELECT COUNT(*) FROM motion_stages s WHERE s.motion_id = m.id) AS stages
        FROM motions m
        WHERE m.proposed_at < :at AND ((m.proposed_at >= :f AND m.proposed_at < :t)
           OR (m.closed_at >= :f AND m.closed_at < :t AND m.closed_at < :at)
           OR EXISTS (SELECT 1 FROM motion_stages s WHERE s.motion_id = m.id
                      AND s.finished_at >= :f AND s.finished_at < :t AND s.finished_at < :at))
        ORDER BY m.proposed_at, m.id
    """, {"f": date_from, "t": date_to, "at": at}))


def milestones_between(conn: sqlite3.Connection, date_from: str, date_to: str, at: str) -> list[dict[str, Any]]:
    """Milestones due or done in the range, with how many parties verified them by `at`."""
    return all_dicts(conn.execute("""
        SELECT p.number, p.title AS project, m.seq, m.title, m.due, m.party,
            CASE WHEN m.done_at < :at THEN m.done_at END AS done_at,
            (SELECT COUNT(*) FROM milestone_verifications v WHERE v.milestone_id = m.id AND v.at < :at) AS verified_by
        FROM milestones m JOIN projects p ON p.id = m.project_id
        WHERE p.created_at < :at AND ((m.due >= :f AND m.due < :t) OR (m.done_at >= :f AND m.done_at < :t AND m.done_at < :at))
        ORDER BY p.number, m.seq
    """, {"f": date_from, "t": date_to, "at": at}))
