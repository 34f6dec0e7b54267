"""Sharing a cost among households by exclusive area: which households, then the arithmetic."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path
from typing import Any

from zhili_cli.domain.allocation import allocate
from zhili_cli.errors import UserError
from zhili_cli.store import households as store

_HEADER = ("楼栋", "楼号", "building", "栋")


def rooms_from_file(conn: sqlite3.Connection, path: Path) -> list[dict[str, Any]]:
    """A list of rooms: `building,unit,room` per line, or `1-1-101`; a header line is skipped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError("os_error", error=exc.strerror or str(exc), path=str(path)) from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    for line_no, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in cells if c.strip()]
        if not cells:
            continue
        if line_no == 1 and cells[0].lower() in _HEADER:
            continue
        if len(cells) == 1:
            cells = [c for c in re.split(r"[-/]", cells[0]) if c]
        if len(cells) == 2:
            cells = [cells[0], "", cells[1]]
        if len(cells) != 3:
            raise UserError("alloc.room_bad", file=path.name, line=line_no)
        label = "-".join(c for c in cells if c)
        row = store.find(conn, *cells)
        if row is None:
            raise UserError("alloc.room_unknown", file=path.name, line=line_no, room=label)
        if row["id"] in seen:
            raise UserError("alloc.room_twice", file=path.name, line=line_no, room=label)
        seen.add(row["id"])
        out.append(row)
    return out


def share(conn: sqlite3.Connection, amount_fen: int, *, building: str | None = None,
          rooms: Path | None = None) -> dict[str, Any]:
    if bool(building) == bool(rooms):
        raise UserError("alloc.scope_required")
    homes = store.list_(conn, building=building) if building else rooms_from_file(conn, rooms)  # type: ignore[arg-type]
    if not homes:
        raise UserError("alloc.no_households")
    if sum(h["area_x100"] for h in homes) <= 0:
        raise UserError("alloc.zero_area")
    result = allocate(amount_fen, [(i, h["area_x100"]) for i, h in enumerate(homes)])
    lines = [{"building": homes[i]["building"], "unit": homes[i]["unit"], "room": homes[i]["room"],
              "area_x100": area, "share_fen": fen} for i, area, fen in result]
    return {"amount_fen": amount_fen, "households": len(lines),
            "area_x100": sum(h["area_x100"] for h in homes), "shares": lines}
