"""Opening the database and running one command's transaction, for the command line.

The command line never reaches the store directly; this is its door to the database."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from zhili_cli.store.tx import Tx


def open_database(path: Path) -> sqlite3.Connection:
    """Opens an existing zhili database (refuses anything else)."""
    from zhili_cli.store.db import open_db

    return open_db(path)


@contextmanager
def transaction(conn: sqlite3.Connection, actor: str, command: str, at: Any = None,
                rules: Any = None) -> Iterator["Tx"]:
    """One audited transaction: all of it lands, or none of it. `rules` (a RulesSource): the
    rules the command runs under, recorded (audited) when they changed since the last write."""
    from zhili_cli.services.rules_record import note
    from zhili_cli.store.db import immediate
    from zhili_cli.store.tx import Tx

    with immediate(conn):
        tx = Tx(conn, actor, command, at=at)
        note(tx, rules)
        yield tx


def explain_failure(exc: BaseException) -> Any:
    """A UserError for a database failure the user can act on (disk full, read-only), else None."""
    from zhili_cli.store.db import failure

    return failure(exc)
