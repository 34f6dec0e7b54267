"""Who may speak for a body: a committee meeting keeps the roster it was held with (the members
in office when its attendance was first recorded), so a roster change recorded later, dated
before or on the meeting's day, does not change that meeting's quorum or votes."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.reps_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_meeting_roster(db):
    run_script(db, """
        ALTER TABLE meetings ADD COLUMN roster TEXT
    """)
