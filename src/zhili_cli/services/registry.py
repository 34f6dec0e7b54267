"""Looking up households and people by what a secretary types."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from zhili_cli.errors import UserError
from zhili_cli.store import households


def parse_room(text: str) -> tuple[str, str, str]:
    """`3-2-501`, `3幢2单元501`, `3/2/501`, or `3-501` (no unit)."""
    value = text.strip()
    match = re.fullmatch(r"(\w+?)\s*(?:幢|栋|号楼)\s*(?:(\w+?)\s*单元)?\s*(\w+?)\s*室?", value)
    if match:
        return match.group(1), match.group(2) or "", match.group(3)
    parts = [p for p in re.split(r"[-/\s]+", value) if p]
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        return parts[0], "", parts[1]
    raise UserError("bad_room", value=text)


def find_household(conn: sqlite3.Connection, text: str) -> dict[str, Any]:
    from zhili_cli.domain.buildings import key

    building, unit, room = parse_room(text)
    row = households.find(conn, key(building) or building, unit, room)
    if row is None:
        raise UserError("household_not_found", room=text)
    return row
