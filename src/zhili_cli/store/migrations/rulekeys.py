"""How an owner's ballot was cast, as the ballot sheet says: paper (纸质/书面), online (线上/电子)
or proxy (委托); NULL when the sheet does not say (and for ballots recorded before)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.rulekeys_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_ballot_method(db):
    run_script(db, """
        ALTER TABLE ballots ADD COLUMN method TEXT
    """)
