"""What minutes print beyond the decisions: the meeting's place and note-taker, and each
item's discussion summary."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.minutes_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_place_note_taker_summary(db):
    run_script(db, """
        ALTER TABLE meetings ADD COLUMN place TEXT;
        ALTER TABLE meetings ADD COLUMN note_taker TEXT;
        ALTER TABLE agenda_items ADD COLUMN summary TEXT
    """)
