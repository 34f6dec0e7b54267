"""The rules file in the record: each version of the rules text a writing command ran under,
from the moment it was first used (audited like every table, so a change of the rules is in
the hash chain), for `rules show --at DATE`; from m002, why each later version was adopted
(`rules adopt`: the reason and the decision it rests on; NULL for the first version)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.shell_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_rules_versions(db):
    run_script(db, """
        CREATE TABLE rules_versions (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            source TEXT NOT NULL,
            first_used_at TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX rules_versions_first_used ON rules_versions (first_used_at);
        """)


@migrations(name=NAMES[1])
def m002_rules_adoption(db):
    run_script(db, """
        ALTER TABLE rules_versions ADD COLUMN reason TEXT;
        ALTER TABLE rules_versions ADD COLUMN basis TEXT;
    """)
