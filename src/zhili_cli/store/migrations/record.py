"""Each decision keeps the rules it was taken under: `rules_sha256` on votes, approvals, expenses
(their tier) and meeting decisions names the version in `rules_versions` (see store/tx.py)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.record_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_decision_rules(db):
    run_script(db, """
        ALTER TABLE votes ADD COLUMN rules_sha256 TEXT;
        ALTER TABLE expense_approvals ADD COLUMN rules_sha256 TEXT;
        ALTER TABLE expenses ADD COLUMN rules_sha256 TEXT;
        ALTER TABLE agenda_items ADD COLUMN rules_sha256 TEXT
    """)
