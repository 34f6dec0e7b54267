"""A small cache for aggregates that only change when the database does.

Statistics over years of petitions cost a scan of every row; their settled part (everything
that does not depend on the current time) is kept in the cache directory, keyed by the
database file's identity and state: its path, the size, mtime and inode of the file and of
its write-ahead log, and the head of the audit chain. Any write, through zhili or not,
changes that key. Inside a write transaction the cache is not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable

_STAMP = "stats-v1"


def _db_file(conn: sqlite3.Connection) -> str | None:
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return row[2] or None
    return None


def _state(conn: sqlite3.Connection, path: str) -> str | None:
    parts = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(path + suffix)
        except FileNotFoundError:
            parts.append("-")
            continue
        if suffix and st.st_size == 0:  # an empty log, as every reader's connection opens one
            parts.append("-")
            continue
        parts.append(f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    head = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    parts.append(f"{head[0]}:{head[1]}" if head else "empty")
    return "|".join(parts)


def cached(conn: sqlite3.Connection, name: str, params: Any, compute: Callable[[], list[dict[str, Any]]]
           ) -> list[dict[str, Any]]:
    """compute(), or its stored result when the database has not changed since."""
    path = _db_file(conn)
    if path is None or conn.in_transaction:
        return compute()
    from zhili_cli.rules.load import _cache_dir

    real = os.path.realpath(path)
    ident = hashlib.sha256(json.dumps([_STAMP, real, name, params], default=str).encode()).hexdigest()[:32]
    file = _cache_dir() / f"stats-{ident}.json"
    state = _state(conn, path)
    try:
        stored = json.loads(file.read_text("utf-8"))
        if stored.get("state") == state:
            return stored["rows"]
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    rows = compute()
    if _state(conn, path) == state:  # nothing changed while computing
        _store(file, {"state": state, "rows": rows})
    return rows


def _store(file: Path, data: dict[str, Any]) -> None:
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f".{file.name}.{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(tmp, file)
    except OSError:
        pass  # a read-only cache only costs speed
