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
    from zhili_cli.services.keyed_import import import_lines

    fund_key = vocab.fund(fund)
    db = tx.conn if tx is not None else conn

    def write(rec: dict[str, Any], k: str) -> None:
        category = rec.get("category")
        source = source_of(category)
        note = rec.get("description") or ""
        if source == "other" and category:
            note = f"{category} {note}".strip()
        entry = store.insert(tx, {  # type: ignore[arg-type]
            "fund": fund_key, "kind": "income", "source": source, "amount_fen": rec["amount_fen"],
            "on_date": rec["date"].isoformat(), "period": rec["date"].strftime("%Y-%m"), "note": note or None,
        })
        store.add_import(tx, entry, k, rec.get("payer"), rec.get("voucher"))  # type: ignore[arg-type]

    return import_lines(INCOME, path, key=key, stored=(lambda k: store.has_import_key(db, k)) if db is not None else None,
                        write=write if tx is not None else None, encoding=encoding, sheet=sheet,
                        mapping=mapping, dry_run=dry_run, progress=progress)
