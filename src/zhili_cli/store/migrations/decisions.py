"""An expense's scope (列支范围): the buildings, stairways or units a maintenance fund use is
charged to, as the request names them (a JSON list like ["1", "2-1"]); NULL: the whole compound,
which public revenue always is. An owners' vote approving the expense must have exactly this
scope (Order 165 art. 22: the owners who pay decide)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.decisions_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_expense_scope(db):
    run_script(db, """
        ALTER TABLE expenses ADD COLUMN scope TEXT
    """)
