"""Importing an income register (收入台账) into the ledger: all or nothing, re-imports add nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from zhili_cli.domain import expenses as vocab
from zhili_cli.store import ledger as store
from zhili_cli.store.tx import Tx

# Register categories as secretaries write them → ledger sources (seed 000).
CATEGORY_WORDS = (
    ("parking", ("停车",)),
    ("advertising", ("广告",)),
    ("shop_rent", ("租金", "商铺", "场地", "租赁", "rent")),
)


def source_of(category: str | None) -> str:
    text = (category or "").strip()
    if not text:
        return "other"
    try:
        return vocab.source(text)
    except Exception:
        pass
    low = text.lower()
    for key, words in CATEGORY_WORDS:
        if any(w in low for w in words):
            return key
    return "other"


def import_file(tx: Tx | None, path: Path, *, fund: str = "public_revenue", encoding: str | None = None,
                sheet: str | None = None, mapping: dict[str, str] | None = None, dry_run: bool = False,
                conn: Any = None, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    from zhili_cli.importing.income import INCOME, key
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    fund_key = vocab.fund(fund)
    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(INCOME, headers, path, mapping)
    problems: list[str] = []
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    db = tx.conn if tx is not None else conn
    seen: set[str] = set()
    for _line, rec in records(INCOME, path, headers, rows, columns, problems if dry_run else None):
        counts["rows"] += 1
        k = key(rec)
        if k in seen or (db is not None and store.has_import_key(db, k)):
            counts["unchanged"] += 1
            continue
        seen.add(k)
        counts["new"] += 1
        if tx is None or dry_run:
            continue
        category = rec.get("category")
        source = source_of(category)
        note = rec.get("description") or ""
        if source == "other" and category:
            note = f"{category} {note}".strip()
        entry = store.insert(tx, {
            "fund": fund_key, "kind": "income", "source": source, "amount_fen": rec["amount_fen"],
            "on_date": rec["date"].isoformat(), "period": rec["date"].strftime("%Y-%m"), "note": note or None,
        })
        store.add_import(tx, entry, k, rec.get("payer"), rec.get("voucher"))
        if progress:
            progress(counts["rows"], 0)
    return {"counts": counts, "problems": problems}
