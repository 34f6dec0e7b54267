"""Opening the database: identify it, migrate it forward, refuse what is not ours or too new.

Reads use the standard library's sqlite3 so that a read-only command stays fast;
sqlite-utils (and its migrations) are imported only when a migration is pending.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from zhili_cli.errors import UserError

APP_ID = "zhili"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 60_000
PAGE_SIZE = 8192


class ReadOnlyConnection(sqlite3.Connection):
    """A connection opened read-only; commands that write are refused with one line."""

    read_only = True


def _connect(path: Path, mode: str = "") -> sqlite3.Connection:
    """mode "": read and write; "ro": read-only; "immutable": a file nobody can change (an
    archive on a read-only medium: no -shm needed, so WAL files open there too)."""
    if mode:
        from urllib.parse import quote

        uri = f"file:{quote(str(path.resolve()).replace(os.sep, '/'))}?" + ("mode=ro" if mode == "ro" else "immutable=1")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               factory=ReadOnlyConnection)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def create(path: Path) -> sqlite3.Connection:
    """A new zhili database at `path` (which must not hold data yet)."""
    if path.exists() and path.stat().st_size > 0:
        raise UserError("db_exists", path=str(path))
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    # 8 KiB pages: a petition and its index entries fit more per page, which makes a large
    # import's inserts about a fifth faster (docs/performance.md). Only a new, empty file
    # takes a page size, so it is set before WAL mode and the first table.
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    conn.execute("PRAGMA journal_mode = WAL")
    from zhili_cli.store import schema

    schema.migrate(conn, path)
    return conn


def open_db(path: Path) -> sqlite3.Connection:
    """Open an existing zhili database, migrating it forward when older."""
    if not path.exists():
        raise UserError("db_missing", path=str(path))
    if path.is_dir() or not _looks_like_sqlite(path):
        raise UserError("db_not_zhili", path=str(path))
    conn = None
    try:
        conn = _open_for(path)
        ours = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='zhili_meta'"
        ).fetchone()
        if not ours or _meta(conn, "app") != APP_ID:
            raise UserError("db_not_zhili", path=str(path))
        from zhili_cli.store import schema

        schema.check_and_migrate(conn, path, writable=not read_only(conn))
    except BaseException as exc:
        if conn is not None:
            conn.close()  # nothing held open (and no -wal/-shm left beside a refused file)
        if not isinstance(exc, sqlite3.DatabaseError):
            raise
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise UserError("db_busy", path=str(path)) from None
        known = failure(exc, path)
        if known is not None:
            raise known from None
        raise UserError("db_corrupt", path=str(path), error=str(exc)) from None
    return conn


def _writable(path: Path) -> bool:
    """Can this process change the file and create its -wal/-shm beside it?"""
    parent = path.resolve().parent
    return os.access(path, os.W_OK) and os.access(parent, os.W_OK)


def _open_for(path: Path) -> sqlite3.Connection:
    """Read-write when possible; else read-only, so an archived copy still reads and verifies
    (on a read-only medium, where SQLite cannot create the -shm file, as immutable)."""
    if _writable(path):
        return _connect(path)
    conn = None
    try:
        conn = _connect(path, "ro")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if conn is not None:
            conn.close()
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:  # immutable would silently ignore its changes
        raise UserError("db_readonly_wal", path=str(path))
    return _connect(path, "immutable")


def read_only(conn: sqlite3.Connection) -> bool:
    return getattr(conn, "read_only", False)


SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 13, 14


def _code(exc: BaseException) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def failure(exc: BaseException, path: Path | str | None = None) -> UserError | None:
    """One line for the failures a user can act on: a full disk, a read-only file or medium."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = _code(exc)
    text = str(exc).lower()
    where = str(path or "")
    if code == SQLITE_FULL or "disk is full" in text or "database or disk is full" in text:
        return UserError("db_full", path=where)
    if code == SQLITE_READONLY or "readonly database" in text:
        return UserError("db_readonly", path=where)
    if code == SQLITE_IOERR or "disk i/o error" in text:
        return UserError("db_io_error", path=where, error=str(exc))
    return None


def _path_of(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
        return row[2] if row else ""
    except sqlite3.Error:
        return ""


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM zhili_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: a writer waits for another writer instead of failing."""
    try:
        _begin_immediate(conn)
    except sqlite3.Error as exc:
        known = failure(exc, _path_of(conn))
        if known is not None:
            raise known from None
        raise
    try:
        yield conn
    except BaseException as exc:
        _undo(conn, exc)
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _undo(conn, exc)
        raise


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, retried while SQLite reports the file busy (the busy handler is not
    called in every case, e.g. while another connection runs WAL recovery)."""
    import random
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if ("locked" not in text and "busy" not in text) or time.monotonic() >= deadline:
                raise
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 0.25)


def _undo(conn: sqlite3.Connection, exc: BaseException) -> None:
    """Roll back what is left of the transaction (SQLite may already have rolled back, as a full
    disk does: never "cannot rollback") and raise the failure as one line when it is one the
    user can act on; otherwise the caller re-raises `exc`."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    known = failure(exc, _path_of(conn))
    if known is not None:
        raise known from None
