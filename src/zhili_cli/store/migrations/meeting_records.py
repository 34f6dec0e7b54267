"""Corrections and carry-over of meetings and members, in tables of their own so that rows
written before them keep matching their audit entries.

- meeting_changes: a meeting rescheduled or cancelled, a decision amended — who, when, why,
  before and after (JSON);
- agenda_carryovers: an agenda item carried over from the previous meeting of its kind;
- member_changes: a member's term ended early (or another correction) — who, when, why."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.meeting_records_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_meeting_records(db):
    run_script(db, """
        CREATE TABLE meeting_changes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            item_id INTEGER REFERENCES agenda_items (id),
            action TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX meeting_changes_meeting ON meeting_changes (meeting_id);

        CREATE TABLE agenda_carryovers (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id),
            from_item_id INTEGER NOT NULL REFERENCES agenda_items (id),
            times INTEGER NOT NULL
        );
        CREATE INDEX agenda_carryovers_from ON agenda_carryovers (from_item_id);

        CREATE TABLE member_changes (
            id INTEGER PRIMARY KEY,
            member_id INTEGER NOT NULL REFERENCES members (id),
            action TEXT NOT NULL,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            reason TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX member_changes_member ON member_changes (member_id);
        """)
