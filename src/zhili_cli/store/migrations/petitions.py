"""Corrections of petitions: each edit, re-triage or reopening keeps its reason and the values
before and after, beside the event row it belongs to (nothing is overwritten without a trace)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.petitions_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_petition_corrections(db):
    run_script(db, """
        CREATE TABLE petition_corrections (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL UNIQUE REFERENCES petition_events (id),
            petition_id INTEGER NOT NULL REFERENCES petitions (id),
            reason TEXT NOT NULL,
            changes TEXT NOT NULL
        );
        CREATE INDEX petition_corrections_petition ON petition_corrections (petition_id);
        """)
