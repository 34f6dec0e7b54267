"""Importing an expense register (支出台账): payments made before the compound kept its books
in zhili. All or nothing; re-imports add nothing.

A register line is a payment that has happened, so it is stored as paid, with its ledger
entry, on the line's date. What zhili cannot do is vouch for its approval: the tool did not
see it given. So the line's approval is recorded as it stands in the register — body
`register` (台账记载), the approver and voucher as written — next to the tier the rules
require for that amount, and every report shows both. Reports therefore never present an
imported payment as approved by a body that zhili saw decide; a tier the register does not
match stays visible to anyone reading the disclosure.

Because nobody saw those approvals, a register is history only: a line dated on or after the
first expense requested in zhili itself is refused (from then on a payment goes through
request, approval and `expense pay`), and no line may take a fund below zero on its day or
any later one, the same check `expense pay` makes.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any, Callable

from zhili_cli import clock
from zhili_cli.domain import expenses as rules_of
from zhili_cli.domain import tiers as tiers_of
from zhili_cli.services import expenses
from zhili_cli.store import expenses as store
from zhili_cli.store import ledger as ledger_store
from zhili_cli.store.tx import Tx


def import_file(tx: Tx | None, rules: Any, path: Path, *, fund: str = "public_revenue",
                encoding: str | None = None, sheet: str | None = None, mapping: dict[str, str] | None = None,
                dry_run: bool = False, conn: Any = None,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    from zhili_cli.importing.expenses import EXPENSES, key
    from zhili_cli.services.keyed_import import import_lines

    default_fund = rules_of.fund(fund)
    if default_fund == "co_funded":
        from zhili_cli.errors import UserError

        raise UserError("cell_cofunded_expense", value=fund)
    db = tx.conn if tx is not None else conn
    seqs: dict[int, int] = {}
    live_from = store.first_live_request_day(db) if db is not None else None

    def write(rec: dict[str, Any], k: str) -> None:
        _check_history(tx, rec, rec["fund"] or default_fund, live_from)  # type: ignore[arg-type]
        _store(tx, rules, rec, rec["fund"] or default_fund, k, seqs)  # type: ignore[arg-type]

    return import_lines(EXPENSES, path, key=key, stored=(lambda k: store.has_import_key(db, k)) if db is not None else None,
                        write=write if tx is not None else None, encoding=encoding, sheet=sheet,
                        mapping=mapping, dry_run=dry_run, progress=progress)


def _check_history(tx: Tx, rec: dict[str, Any], fund: str, live_from: str | None) -> None:
    from zhili_cli.errors import UserError
    from zhili_cli.importing.cells import CellError
    from zhili_cli.services import ledger

    day = rec["date"].isoformat()
    if live_from is not None and day >= live_from:
        raise CellError("expense_import_after_live", column="date", date=day, first=live_from)
    try:
        ledger.check_draw(tx.conn, fund, rec["amount_fen"], day)
    except UserError as exc:
        raise CellError(exc.key, column="amount_fen", **exc.params) from None


def _store(tx: Tx, rules: Any, rec: dict[str, Any], fund: str, k: str, seqs: dict[int, int]) -> None:
    day = rec["date"]
    at = clock.iso(datetime.combine(day, time(), clock.TZ))
    tier = tiers_of.tier_for(rules.expenses.tiers, rec["amount_fen"]).tier
    if fund == "maintenance_fund":  # the fund's own procedure, never a public revenue tier
        tier = rules_of.FUND_PROCEDURE
    year = day.year
    seq = seqs.get(year) or store.next_seq(tx.conn, year)
    seqs[year] = seq + 1
    expense_id = store.insert(tx, {
        "number": rules_of.format_number(expenses.PREFIX, year, seq), "year": year, "seq": seq, "fund": fund,
        "amount_fen": rec["amount_fen"], "payee": rec["payee"] or "", "purpose": rec["item"],
        "tier": tier, "required_body": rules_of.required_body(rules, fund, tier, None),
        "status": "paid", "requested_by": tx.actor, "requested_at": at, "approved_at": at, "paid_at": at,
    })
    store.add_approval(tx, expense_id, "register", rec["voucher"], rec["approved_by"])
    ledger_store.insert(tx, {"fund": fund, "kind": "expense", "source": None, "amount_fen": rec["amount_fen"],
                             "on_date": day.isoformat(), "expense_id": expense_id, "note": rec["item"]})
    store.add_import(tx, expense_id, k, rec["category"], rec["voucher"], rec["approved_by"])
