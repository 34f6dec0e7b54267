"""Household register use cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhili_cli.errors import RowError
from zhili_cli.store import households as store
from zhili_cli.store.tx import Tx


def import_file(tx: Tx | None, path: Path, *, encoding: str | None = None, sheet: str | None = None,
                mapping: dict[str, str] | None = None, dry_run: bool = False) -> dict[str, Any]:
    """All-or-nothing import. With dry_run, every problem is collected and nothing written."""
    from zhili_cli.importing.households import HOUSEHOLDS
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(HOUSEHOLDS, headers, path, mapping)
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    problems: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    errors = problems if dry_run else None
    for line, rec in records(HOUSEHOLDS, path, headers, rows, columns, errors):
        key = (rec["building"], rec["unit"], rec["room"])
        if key in seen:
            err = RowError(str(path), line, headers[columns["room"]], "import_duplicate_row", other=seen[key])
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
    return {"counts": counts, "problems": problems}
