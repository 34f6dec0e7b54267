"""Read queries for reports. Times are stored as ISO text with the +08:00 offset, so
ranges compare as text: [date_from, date_to) with dates like '2025-06-01'."""

from __future__ import annotations

import sqlite3
from typing import Any, Iterable

from zhili_cli.store.rows import all_dicts

CLOSED_DONE = ("done", "verified")
NOT_COUNTED = ("rejected", "merged", "referred")


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    if not table_exists(conn, table):
        return []
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def compound_name(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT name FROM compound WHERE id = 1").fetchone()
    return row[0] if row else ""


def _private(include_private: bool) -> str:
    return "" if include_private else " AND (kind IS NULL OR kind != 'private')"


def received_by(conn: sqlite3.Connection, column: str, date_from: str, date_to: str,
                include_private: bool = True) -> list[tuple[Any, int, int]]:
    """(value, received, done) of petitions received in the range, grouped by one column."""
    if column not in ("source", "kind", "building"):
        raise ValueError(column)
    sql = (f"SELECT {column}, COUNT(*), SUM(status IN ('done','verified')) FROM petitions "
           f"WHERE received_at >= ? AND received_at < ?{_private(include_private)} "
           f"GROUP BY {column} ORDER BY COUNT(*) DESC, {column}")
    return [(r[0], int(r[1]), int(r[2] or 0)) for r in conn.execute(sql, (date_from, date_to))]


def closed_between(conn: sqlite3.Connection, date_from: str, date_to: str,
                   include_private: bool = True) -> int:
    sql = ("SELECT COUNT(*) FROM petitions WHERE closed_at >= ? AND closed_at < ? "
           f"AND +status IN ('done','verified'){_private(include_private)}")
    return int(conn.execute(sql, (date_from, date_to)).fetchone()[0])


def monthly_counts(conn: sqlite3.Connection, date_from: str, date_to: str,
                   include_private: bool = True) -> dict[str, tuple[int, int]]:
    """month (YYYY-MM) → (received that month, done that month by closing date)."""
    out: dict[str, list[int]] = {}
    priv = _private(include_private)
    for month, n in conn.execute(
            "SELECT substr(received_at, 1, 7), COUNT(*) FROM petitions "
            f"WHERE received_at >= ? AND received_at < ?{priv} GROUP BY 1", (date_from, date_to)):
        out.setdefault(month, [0, 0])[0] = int(n)
    for month, n in conn.execute(
            "SELECT substr(closed_at, 1, 7), COUNT(*) FROM petitions "
            f"WHERE closed_at >= ? AND closed_at < ? AND +status IN ('done','verified'){priv} GROUP BY 1",
            (date_from, date_to)):
        out.setdefault(month, [0, 0])[1] = int(n)
    return {k: (v[0], v[1]) for k, v in out.items()}


def open_at(conn: sqlite3.Connection, at: str, *, received_before: str, overdue_only: bool,
            include_private: bool = True, limit: int | None = None) -> tuple[int, list[dict[str, Any]]]:
    """Petitions received before `received_before` and not closed at `at` (rejected, merged and
    referred ones left out); with `overdue_only`, only those past a deadline at `at`.
    Returns (count, the oldest `limit` rows)."""
    # Not closed at `at`: still open now (the stats index, status first: only today's open matters, however long
    # the history) or closed after `at` (the closed_at index).
    where = ("id IN (SELECT id FROM petitions WHERE status IN "
             "('received','accepted','on_agenda','decided','in_progress') "
             "UNION ALL SELECT id FROM petitions WHERE closed_at >= ?) AND +received_at < ? "
             f"AND status NOT IN ('rejected','merged','referred'){_private(include_private)}")
    params: list[Any] = [at, received_before]
    if overdue_only:
        where += (" AND ((completion_due IS NOT NULL AND completion_due < ?) OR "
                  "((triaged_at IS NULL OR triaged_at >= ?) AND response_due < ?))")
        params += [at, at, at]
    count = int(conn.execute(f"SELECT COUNT(*) FROM petitions WHERE {where}", params).fetchone()[0])
    sql = (f"SELECT number, title, kind, building, responsible, status, received_at, response_due, "
           f"completion_due, triaged_at, reporter, reporter_phone FROM petitions WHERE {where} "
           f"ORDER BY received_at, id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return count, all_dicts(conn.execute(sql, params))


def yearly(conn: sqlite3.Connection, date_from: str, date_to: str, meeting_kinds: Iterable[str],
           include_private: bool = True) -> list[dict[str, Any]]:
    """Per year of receipt: received, accepted, done, and the meeting-routed (deliberated) ones."""
    kinds = list(meeting_kinds) or ["-"]
    marks = ",".join("?" for _ in kinds)
    sql = f"""
        SELECT year,
            COUNT(*) AS received,
            SUM(status IN ('accepted','on_agenda','decided','in_progress','done','verified','referred')) AS accepted,
            SUM(status IN ('done','verified')) AS done,
            SUM(kind IN ({marks})) AS deliberated,
            SUM(kind IN ({marks}) AND status IN ('done','verified')) AS deliberated_done
        FROM petitions WHERE received_at >= ? AND received_at < ?{_private(include_private)}
        GROUP BY year ORDER BY year
    """
    return all_dicts(conn.execute(sql, [*kinds, *kinds, date_from, date_to]))


def rows_in(conn: sqlite3.Connection, table: str, where: str = "", params: Iterable[Any] = (),
            order: str = "id") -> list[dict[str, Any]]:
    """Rows of another area's table (the caller checked it exists and chose known columns)."""
    sql = f'SELECT * FROM "{table}"'
    if where:
        sql += f" WHERE {where}"
    sql += f" ORDER BY {order}"
    return all_dicts(conn.execute(sql, list(params)))


# ---- other areas: each query is called only when its tables exist ---------------------------

def meetings_between(conn: sqlite3.Connection, date_from: str, date_to: str) -> list[dict[str, Any]]:
    return all_dicts(conn.execute("""
        SELECT m.id, m.number, m.kind, m.title, m.date, m.quorum_met,
            (SELECT COUNT(*) FROM meeting_attendance a WHERE a.meeting_id = m.id) AS attended,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id) AS items,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id AND i.decided_at IS NOT NULL) AS decided,
            (SELECT COUNT(*) FROM agenda_items i WHERE i.meeting_id = m.id AND i.approved = 1) AS approved
        FROM meetings m WHERE m.date >= ? AND m.date < ? ORDER BY m.date, m.id
    """, (date_from, date_to)))


def meeting(conn: sqlite3.Connection, ref: str) -> dict[str, Any] | None:
    text = ref.strip()
    cur = conn.execute("SELECT * FROM meetings WHERE number = ? COLLATE NOCASE", (text,))
    rows = all_dicts(cur)
    if not rows and text.isdigit():
        rows = all_dicts(conn.execute("SELECT * FROM meetings WHERE id = ?", (int(text),)))
    return rows[0] if rows else None


def attendance(conn: sqlite3.Connection, meeting_id: int) -> list[dict[str, Any]]:
    return all_dicts(conn.execute(
        "SELECT name, role, party FROM meeting_attendance WHERE meeting_id = ? ORDER BY party, id", (meeting_id,)))


def agenda(conn: sqlite3.Connection, meeting_id: int, *, include_private: bool) -> list[dict[str, Any]]:
    """Agenda items in order; without private ones, items naming a private petition are left out."""
    priv = "" if include_private else (
        " AND NOT (i.type = 'petition' AND EXISTS (SELECT 1 FROM petitions p "
        "WHERE p.number = i.ref AND p.kind = 'private'))")
    return all_dicts(conn.execute(
        "SELECT i.position, i.type, i.ref, i.title, i.decision, i.approved, i.owner_party, i.due, i.decided_at "
        f"FROM agenda_items i WHERE i.meeting_id = ?{priv} ORDER BY i.position, i.id", (meeting_id,)))


def motions_active(conn: sqlite3.Connection, date_from: str, date_to: str) -> list[dict[str, Any]]:
    """Motions proposed, advanced (a stage finished) or closed in the range."""
    return all_dicts(conn.execute("""
        SELECT m.number, m.title, m.status, m.proposed_at, m.closed_at,
            (SELECT COUNT(*) FROM motion_stages s WHERE s.motion_id = m.id
                AND s.finished_at >= ? AND s.finished_at < ?) AS advanced,
            (SELECT s.key FROM motion_stages s WHERE s.motion_id = m.id
                ORDER BY s.position DESC LIMIT 1) AS last_stage,
            (SELECT COUNT(*) FROM motion_stages s WHERE s.motion_id = m.id AND s.finished_at IS NOT NULL) AS stages_done,
            (SELECT COUNT(*) FROM motion_stages s WHERE s.motion_id = m.id) AS stages
        FROM motions m
        WHERE (m.proposed_at >= ? AND m.proposed_at < ?) OR (m.closed_at >= ? AND m.closed_at < ?)
           OR EXISTS (SELECT 1 FROM motion_stages s WHERE s.motion_id = m.id
                      AND s.finished_at >= ? AND s.finished_at < ?)
        ORDER BY m.proposed_at, m.id
    """, (date_from, date_to) * 4))


def expenses_between(conn: sqlite3.Connection, date_from: str, date_to: str,
                     fund: str | None = None) -> list[dict[str, Any]]:
    """Expenses requested, approved or paid in the range, with the bodies that approved them."""
    fund_sql = " AND e.fund = ?" if fund else ""
    params: list[Any] = [date_from, date_to] * 3 + ([fund] if fund else [])
    return all_dicts(conn.execute(f"""
        SELECT e.number, e.fund, e.amount_fen, e.payee, e.purpose, e.tier, e.required_body, e.status,
            e.requested_at, e.approved_at, e.paid_at,
            (SELECT GROUP_CONCAT(body, ',') FROM (SELECT DISTINCT body FROM expense_approvals a
                WHERE a.expense_id = e.id ORDER BY body)) AS bodies
        FROM expenses e
        WHERE ((e.requested_at >= ? AND e.requested_at < ?) OR (e.approved_at >= ? AND e.approved_at < ?)
           OR (e.paid_at >= ? AND e.paid_at < ?)){fund_sql}
        ORDER BY e.requested_at, e.id
    """, params))


def ledger_balances(conn: sqlite3.Connection, before: str) -> dict[str, int]:
    """fund → balance of the entries dated before `before` (YYYY-MM-DD)."""
    out: dict[str, int] = {}
    for fund, kind, total in conn.execute(
            "SELECT fund, kind, SUM(amount_fen) FROM ledger WHERE on_date < ? GROUP BY fund, kind", (before,)):
        out[fund] = out.get(fund, 0) + (-int(total) if kind == "expense" else int(total))
    return out


def ledger_entries(conn: sqlite3.Connection, fund: str, date_from: str, date_to: str) -> list[dict[str, Any]]:
    """Income and expense entries of one fund in the range (openings excluded), with the expense."""
    return all_dicts(conn.execute("""
        SELECT l.kind, l.source, l.amount_fen, l.on_date, l.period, l.note,
            e.number AS expense, e.purpose, e.tier, e.required_body,
            (SELECT GROUP_CONCAT(body, ',') FROM (SELECT DISTINCT body FROM expense_approvals a
                WHERE a.expense_id = e.id ORDER BY body)) AS bodies
        FROM ledger l LEFT JOIN expenses e ON e.id = l.expense_id
        WHERE l.fund = ? AND l.kind != 'opening' AND l.on_date >= ? AND l.on_date < ?
        ORDER BY l.on_date, l.id
    """, (fund, date_from, date_to)))


def ledger_monthly(conn: sqlite3.Connection, fund: str, date_from: str, date_to: str) -> dict[str, tuple[int, int]]:
    """month → (income, expense) in fen, for one fund."""
    out: dict[str, list[int]] = {}
    for month, kind, total in conn.execute(
            "SELECT substr(on_date, 1, 7), kind, SUM(amount_fen) FROM ledger WHERE fund = ? "
            "AND kind != 'opening' AND on_date >= ? AND on_date < ? GROUP BY 1, 2", (fund, date_from, date_to)):
        out.setdefault(month, [0, 0])[0 if kind == "income" else 1] += int(total)
    return {k: (v[0], v[1]) for k, v in out.items()}


def milestones_between(conn: sqlite3.Connection, date_from: str, date_to: str) -> list[dict[str, Any]]:
    """Milestones due or done in the range, with how many parties verified them."""
    return all_dicts(conn.execute("""
        SELECT p.number, p.title AS project, m.seq, m.title, m.due, m.party, m.done_at,
            (SELECT COUNT(*) FROM milestone_verifications v WHERE v.milestone_id = m.id) AS verified_by
        FROM milestones m JOIN projects p ON p.id = m.project_id
        WHERE (m.due >= ? AND m.due < ?) OR (m.done_at >= ? AND m.done_at < ?)
        ORDER BY p.number, m.seq
    """, (date_from, date_to, date_from, date_to)))
