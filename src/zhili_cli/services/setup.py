"""Creating a compound's database and rules file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhili_cli.store import compound, db
from zhili_cli.store.tx import Tx


def init(db_path: Path, rules_path: Path | None, *, name: str, has_committee: bool, actor: str,
         households_total: int = 0, area_x100: int = 0) -> dict[str, Any]:
    from zhili_cli.rules.load import default_text

    conn = db.create(db_path)
    try:
        with db.immediate(conn):
            compound.put(Tx(conn, actor, "init"), name or db_path.stem, households_total, area_x100, has_committee)
    finally:
        conn.close()
    written = False
    if rules_path is not None and not rules_path.exists():
        rules_path.parent.mkdir(parents=True, exist_ok=True)
        rules_path.write_text(default_text(), "utf-8")
        written = True
    return {"rules_written": written}
