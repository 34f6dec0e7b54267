"""zhili backup: a consistent copy of the open database."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup(conn: sqlite3.Connection, source_path: Path, target: Path, *, force: bool = False) -> int:
    from zhili_cli.store.backup import backup as run

    return run(conn, source_path, target, force=force)
