"""Tables and their migrations (sqlite-utils' Migrations), one named set per area.

A database whose `_sqlite_migrations` names a migration this version does not know
was written by a newer zhili and is refused. Tables are named plainly so the file can
be explored with sqlite-utils or Datasette. Areas are stored as m² × 100 (`area_x100`),
money as fen.
"""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

from zhili_cli.errors import UserError

# Migration sets, applied in this order. Each module defines `migrations` (a
# sqlite_utils.migrations.Migrations) and `NAMES` (its migration names in order),
# so the names can be checked without importing sqlite-utils.
SET_MODULES = (
    "zhili_cli.store.migrations.core",
    "zhili_cli.store.migrations.reports",
    "zhili_cli.store.migrations.meetings",
    "zhili_cli.store.migrations.money",
    "zhili_cli.store.migrations.votes",
    "zhili_cli.store.migrations.imports",
    "zhili_cli.store.migrations.publication",
    "zhili_cli.store.migrations.desk",
    "zhili_cli.store.migrations.meeting_records",
    "zhili_cli.store.migrations.petitions",
    "zhili_cli.store.migrations.shell",
    "zhili_cli.store.migrations.record",
    "zhili_cli.store.migrations.minutes",
    "zhili_cli.store.migrations.rulekeys",
    "zhili_cli.store.migrations.reps",
    "zhili_cli.store.migrations.proxies",
    "zhili_cli.store.migrations.decisions",
)


def _known() -> dict[str, list[str]]:
    known: dict[str, list[str]] = {}
    for name in SET_MODULES:
        module = importlib.import_module(name + "_names")
        known[module.SET] = list(module.NAMES)
    return known


def _aliases() -> dict[str, dict[str, str]]:
    """Migration names are forever. A renamed migration keeps its old name as an alias
    (`ALIASES = {old: new}` in its set's names module: the database's record is renamed on
    upgrade); a replaced one keeps it as `RETIRED` (known, so never "too new"; the
    migration that replaced it runs as well)."""
    out: dict[str, dict[str, str]] = {}
    for name in SET_MODULES:
        module = importlib.import_module(name + "_names")
        out[module.SET] = {**{old: "" for old in getattr(module, "RETIRED", ())},
                           **dict(getattr(module, "ALIASES", {}))}
    return out


def _applied(conn: sqlite3.Connection) -> dict[str, set[str]]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    applied: dict[str, set[str]] = {}
    if exists:
        for row in conn.execute("SELECT migration_set, name FROM _sqlite_migrations"):
            applied.setdefault(row[0], set()).add(row[1])
    return applied


def check_and_migrate(conn: sqlite3.Connection, path: Path, writable: bool = True) -> None:
    known = _known()
    aliases = _aliases()
    applied = _applied(conn)
    renames = []
    for set_name, names in applied.items():
        unknown = names - set(known.get(set_name, ())) - set(aliases.get(set_name, {}))
        if unknown:
            raise UserError("db_too_new", path=str(path), migration=sorted(unknown)[0])
        renames += [(set_name, old, new) for old, new in aliases.get(set_name, {}).items()
                    if new and old in names and new not in names]
    for set_name, old, new in renames:
        applied[set_name] = (applied[set_name] - {old}) | {new}
    if renames or any(set(names) - applied.get(s, set()) for s, names in known.items()):
        if not writable:
            raise UserError("db_readonly_old", path=str(path))
        migrate(conn, path, renames)


def migrate(conn: sqlite3.Connection, path: Path, renames: list[tuple[str, str, str]] | None = None) -> None:
    """Apply every pending migration, each in its own transaction (sqlite-utils)."""
    import sqlite_utils

    from zhili_cli.store.db import _begin_immediate

    db = sqlite_utils.Database(conn)
    conn.isolation_level = None
    # One migrator at a time: a second process opening the same older file waits here, then
    # finds nothing pending (sqlite-utils re-reads what is applied inside the lock and nests
    # each migration in a savepoint).
    _begin_immediate(conn)
    try:
        for set_name, old, new in renames or ():
            conn.execute("UPDATE _sqlite_migrations SET name = ? WHERE migration_set = ? AND name = ?",
                         (new, set_name, old))
        for name in SET_MODULES:
            module = importlib.import_module(name)
            module.migrations.apply(db)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        if conn.in_transaction:
            conn.execute("COMMIT")
    # sqlite-utils may leave the connection in its own isolation mode.
    conn.isolation_level = None
