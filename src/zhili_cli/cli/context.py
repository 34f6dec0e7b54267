"""What every command needs: the database, the rules, the actor — opened lazily."""

from __future__ import annotations

import getpass
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

if TYPE_CHECKING:
    from zhili_cli.rules.load import RulesSource
    from zhili_cli.rules.model import Rules
    from zhili_cli.services.session import Tx

DEFAULT_DB = "zhili.db"
T = TypeVar("T")


@dataclass
class Globals:
    db: str | None = None
    rules: str | None = None
    actor: str | None = None
    _source: "RulesSource | None" = field(default=None, repr=False)
    _conn: sqlite3.Connection | None = field(default=None, repr=False)
    committed: bool = False  # a write of this command has landed: a later failure must not say "nothing changed"

    @property
    def db_path(self) -> Path:
        return Path(self.db or os.environ.get("ZHILI_DB") or DEFAULT_DB)

    @property
    def who(self) -> str:
        if self.actor:
            return self.actor
        try:
            return getpass.getuser()
        except Exception:
            return "unknown"

    def rules_source(self) -> "RulesSource":
        """Every command refuses a broken rules file before touching the database."""
        if self._source is None:
            from zhili_cli.rules.load import ensure_valid, locate

            source = locate(self.rules, beside=self.db_path.parent)
            ensure_valid(source)
            self._source = source
        return self._source

    def rules_obj(self) -> "Rules":
        return self.rules_source().rules

    def rules_plain(self, kinds: dict[str, str]) -> Any:
        """A read's few plain rule values without building the model (RulesSource.plain)."""
        return self.rules_source().plain(kinds)

    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self.rules_source()
            from zhili_cli.services.session import open_database

            self._conn = open_database(self.db_path)
        return self._conn

    @contextmanager
    def write(self, command: str, at: Any = None) -> Iterator["Tx"]:
        """One transaction for the whole command: all of it lands, or none of it.
        `at` dates the changes (the demo records paperwork on the day it happened)."""
        from zhili_cli.services.session import transaction

        with transaction(self.conn(), self.who, command, at, rules=self.rules_source()) as tx:
            yield tx
        self.committed = True


def globals_of(ctx: Any) -> Globals:
    root = ctx.find_root()
    if not isinstance(root.obj, Globals):
        root.obj = Globals()
    return root.obj


def write(ctx: Any, command: str, act: Callable[[Tx, Globals], T]) -> T:
    """`act(tx, g)` in the command's one write transaction (`Globals.write`); what it returns."""
    g = globals_of(ctx)
    with g.write(command) as tx:
        return act(tx, g)
