"""Indexes the imports look rows up by."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.imports_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_petition_natural_key(db):
    # An import finds the stored petitions of its rows by their natural key (received time,
    # source, title, building) in one join, whatever the row order and however many rows share
    # a time. The index starts with received_at, so it also serves every query the
    # petitions_received index did (lists newest first, month ranges): that one goes.
    run_script(db, """
        CREATE INDEX petitions_natural ON petitions (received_at, source, title, building);
        DROP INDEX IF EXISTS petitions_received;
        """)
