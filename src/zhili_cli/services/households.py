"""Household register use cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from zhili_cli.errors import RowError
from zhili_cli.store import households as store
from zhili_cli.store.tx import Tx


def import_file(tx: Tx | None, path: Path, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False, conn: Any = None,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """All-or-nothing import keyed by building/unit/room: new rows are added, rows that
    differ are updated. With dry_run, every problem is collected and nothing written; give
    `conn` then so the summary can tell new rows from unchanged and changed ones."""
    from zhili_cli.importing.households import HOUSEHOLDS
    from zhili_cli.importing.progress import ticking
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import column_of, map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(HOUSEHOLDS, headers, path, mapping)
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    problems: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    errors = problems if dry_run else None
    room_column = column_of(headers, columns, "room")
    db = tx.conn if tx is not None else conn
    for line, rec in records(HOUSEHOLDS, path, headers, ticking(rows, progress), columns, errors):
        key = (rec["building"], rec["unit"], rec["room"])
        if key in seen:
            err = RowError(str(path), line, room_column, "import_duplicate_row", other=seen[key])
            if not dry_run:
                raise err
            problems.append(err.message())
            continue
        seen[key] = line
        counts["rows"] += 1
        row = {
            "building": rec["building"], "unit": rec["unit"], "room": rec["room"],
            "area_x100": rec["area"], "owner": rec["owner"], "phone": rec["phone"],
            "residents": rec["residents"], "flags": rec["flags"] or "",
            "building_lead": int(bool(rec["building_lead"])),
            "developer_unsold": int(bool(rec["developer_unsold"])),
        }
        if tx is not None and not dry_run:
            counts[store.upsert(tx, row)] += 1
        elif db is not None:
            existing = store.find(db, *key)
            if existing is None:
                counts["new"] += 1
            elif any(existing.get(k) != v for k, v in row.items()):
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
        else:
            counts["new"] += 1
    return {"counts": counts, "problems": problems}


def list_rows(conn: Any, building: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    return store.list_(conn, building, limit)
