"""Money queries of the reports: fund movements, ledger entries and expenses as they stood at
a moment. Ranges are [date_from, date_to) on the ledger's `on_date`; an expense's state is
read from its own timestamps, so a reprint of a past period shows what stood at its end."""

from __future__ import annotations

import sqlite3
from typing import Any

from zhili_cli.store.rows import all_dicts

FUNDS = ("public_revenue", "maintenance_fund", "co_funded")


def movements(conn: sqlite3.Connection, date_from: str, date_to: str) -> dict[str, dict[str, int]]:
    """fund → {before, openings, income, expense}: the balance of every entry dated before the
    period, the opening balances recorded inside it, and its income and spending (reversals,
    stored as negative amounts of the original's kind, net out where they are dated)."""
    out = {f: {"before": 0, "openings": 0, "income": 0, "expense": 0} for f in FUNDS}
    for fund, kind, inside, total in conn.execute(
            "SELECT fund, kind, on_date >= ?, SUM(amount_fen) FROM ledger WHERE on_date < ? GROUP BY 1, 2, 3",
            (date_from, date_to)):
        row = out.setdefault(fund, {"before": 0, "openings": 0, "income": 0, "expense": 0})
        total = int(total)
        if not inside:
            row["before"] += -total if kind == "expense" else total
        elif kind == "opening":
            row["openings"] += total
        else:
            row[kind] += total
    return out


def entries(conn: sqlite3.Connection, fund: str, date_from: str, date_to: str) -> list[dict[str, Any]]:
    """Income and expense entries of one fund in the range, with the expense they pay, the
    gross and ratio of a shared revenue, the entry a reversal corrects and the reversal of an
    entry (when dated inside the range: a later reversal does not change a past period's document);
    for a reversal, the date of the entry it corrects and the published periods that date lies in."""
    return all_dicts(conn.execute(f"""
        SELECT l.id, l.kind, l.source, l.amount_fen, l.on_date, l.period, l.note, l.expense_id,
            e.number AS expense, e.fund AS expense_fund, e.amount_fen AS expense_total, e.shares,
            s.gross_fen, s.ratio AS share_ratio, o.original_id AS reverses, o.reason AS reversal_reason,
            r.reversal_id AS reversed_by, ol.on_date AS reverses_on,
            (SELECT group_concat(p.period, '、') FROM publications p
             WHERE ol.on_date BETWEEN p.first_day AND p.last_day) AS reverses_published
        FROM ledger l LEFT JOIN expenses e ON e.id = l.expense_id
            LEFT JOIN ledger_shares s ON s.ledger_id = l.id
            LEFT JOIN ledger_reversals o ON o.reversal_id = l.id
            LEFT JOIN ledger ol ON ol.id = o.original_id
            LEFT JOIN ledger_reversals r ON r.original_id = l.id
                AND r.reversal_id IN (SELECT id FROM ledger WHERE on_date < :t)
        WHERE l.fund = :fund AND l.kind != 'opening' AND l.on_date >= :f AND l.on_date < :t
        ORDER BY l.on_date, l.id
    """, {"fund": fund, "f": date_from, "t": date_to}))


def monthly(conn: sqlite3.Connection, fund: str, date_from: str, date_to: str) -> dict[str, tuple[int, int]]:
    """month → (income, expense) in fen, for one fund."""
    out: dict[str, list[int]] = {}
    for month, kind, total in conn.execute(
            "SELECT substr(on_date, 1, 7), kind, SUM(amount_fen) FROM ledger WHERE fund = ? "
            "AND kind != 'opening' AND on_date >= ? AND on_date < ? GROUP BY 1, 2", (fund, date_from, date_to)):
        out.setdefault(month, [0, 0])[0 if kind == "income" else 1] += int(total)
    return {k: (v[0], v[1]) for k, v in out.items()}


def expenses(conn: sqlite3.Connection, date_from: str, date_to: str, at: str) -> list[dict[str, Any]]:
    """Expenses requested, approved or paid in the range (as known at `at`), each with its state
    at `at`: paid, approved, rejected or cancelled (by the dated event), else requested; a later
    rejection or cancellation does not change a past period's document."""
    return all_dicts(conn.execute("""
        SELECT e.id, e.number, e.fund, e.amount_fen, e.payee, e.purpose, e.tier, e.required_body, e.motion,
            e.shares, e.emergency, e.requested_at,
            CASE WHEN e.approved_at < ? THEN e.approved_at END AS approved_at,
            CASE WHEN e.paid_at < ? THEN e.paid_at END AS paid_at,
            CASE WHEN e.paid_at < ? THEN 'paid' WHEN e.approved_at < ? THEN 'approved'
                 ELSE COALESCE((SELECT CASE v.action WHEN 'reject' THEN 'rejected' ELSE 'cancelled' END
                                FROM expense_events v WHERE v.expense_id = e.id
                                AND v.action IN ('reject', 'cancel') AND v.at < ? ORDER BY v.id LIMIT 1),
                               CASE WHEN e.status IN ('rejected', 'cancelled') AND NOT EXISTS (
                                   SELECT 1 FROM expense_events v WHERE v.expense_id = e.id
                                   AND v.action IN ('reject', 'cancel')) THEN e.status END,
                               'requested') END AS status
        FROM expenses e
        WHERE e.requested_at < ? AND ((e.requested_at >= ? AND e.requested_at < ?)
            OR (e.approved_at >= ? AND e.approved_at < ? AND e.approved_at < ?)
            OR (e.paid_at >= ? AND e.paid_at < ? AND e.paid_at < ?))
        ORDER BY e.requested_at, e.id
    """, (at, at, at, at, at, at, date_from, date_to, date_from, date_to, at, date_from, date_to, at)))


def pending(conn: sqlite3.Connection, at: str) -> list[dict[str, Any]]:
    """Expenses approved before `at` and neither paid, rejected nor cancelled by then."""
    return all_dicts(conn.execute("""
        SELECT e.id, e.number, e.fund, e.amount_fen, e.payee, e.purpose, e.tier, e.required_body, e.motion,
            e.shares, e.emergency, e.requested_at, e.approved_at, NULL AS paid_at, 'approved' AS status
        FROM expenses e
        WHERE e.approved_at < ? AND (e.paid_at IS NULL OR e.paid_at >= ?)
            AND NOT EXISTS (SELECT 1 FROM expense_events v WHERE v.expense_id = e.id
                            AND v.action IN ('reject', 'cancel') AND v.at < ?)
            AND NOT (e.status IN ('rejected', 'cancelled') AND NOT EXISTS (
                SELECT 1 FROM expense_events v WHERE v.expense_id = e.id AND v.action IN ('reject', 'cancel')))
        ORDER BY e.approved_at, e.id
    """, (at, at, at)))


def _by_expense(conn: sqlite3.Connection, sql: str, expense_ids: list[int],
                *params: Any) -> dict[int, list[dict[str, Any]]]:
    """expense id → the rows `sql` finds for it, in the query's order; `{ids}` in `sql` stands
    for the placeholders of `expense_ids`, which come before `params`."""
    out: dict[int, list[dict[str, Any]]] = {}
    if not expense_ids:
        return out
    marks = ",".join("?" for _ in expense_ids)
    for row in all_dicts(conn.execute(sql.format(ids=marks), [*expense_ids, *params])):
        out.setdefault(row["expense_id"], []).append(row)
    return out


def approvals(conn: sqlite3.Connection, expense_ids: list[int], at: str) -> dict[int, list[dict[str, Any]]]:
    """expense id → its approvals and confirmations given before `at`, in order."""
    # an approval counts when given by `at`, or when its expense stood approved by then (a register
    # import records the approvals of past payments when it runs, the expense keeps the register's date)
    return _by_expense(
        conn, "SELECT a.expense_id, a.body, a.ref, a.approver, a.at, a.detail, e.approved_at FROM expense_approvals a "
        "JOIN expenses e ON e.id = a.expense_id WHERE a.expense_id IN ({ids}) "
        "AND (a.at <= ? OR e.approved_at <= ?) ORDER BY a.at, a.id", expense_ids, at, at)


def steps(conn: sqlite3.Connection, expense_ids: list[int], at: str) -> dict[int, list[dict[str, Any]]]:
    """expense id → the maintenance-fund procedure steps done before `at`."""
    return _by_expense(conn, "SELECT expense_id, step, at, note FROM fund_steps WHERE expense_id IN ({ids}) "
                       "AND at < ? ORDER BY at, id", expense_ids, at)


def expenses_by_id(conn: sqlite3.Connection, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    return all_dicts(conn.execute(
        f"SELECT id, number, fund, amount_fen, payee, purpose, emergency, shares FROM expenses WHERE id IN ({marks})",
        ids))
