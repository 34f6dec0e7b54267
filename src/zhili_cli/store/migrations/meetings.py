"""Tables of the meetings area: meetings, attendance, agenda items, motions and their stages,
votes and ballots. Areas are m² × 100; times ISO 8601 with +08:00."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.meetings_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_meetings(db):
    run_script(db, """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            convener TEXT,
            extraordinary INTEGER NOT NULL DEFAULT 0,
            announced_on TEXT,
            agenda_published_at TEXT,
            quorum_met INTEGER,
            quorum_detail TEXT,
            decisions_published_at TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (year, seq)
        );
        CREATE INDEX meetings_date ON meetings (kind, date);

        CREATE TABLE meeting_attendance (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            member_id INTEGER REFERENCES members (id),
            name TEXT NOT NULL,
            role TEXT,
            party TEXT NOT NULL,
            UNIQUE (meeting_id, party, name)
        );
        CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id);

        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings (id),
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            ref TEXT,
            title TEXT NOT NULL,
            published INTEGER NOT NULL DEFAULT 0,
            decision TEXT,
            approved INTEGER,
            owner_party TEXT,
            due TEXT,
            decided_at TEXT
        );
        CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
        CREATE INDEX agenda_items_ref ON agenda_items (ref);

        CREATE TABLE motions (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            matter TEXT NOT NULL,
            vote_class TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            subject TEXT,
            status TEXT NOT NULL,
            stage_position INTEGER NOT NULL DEFAULT 0,
            proposed_at TEXT NOT NULL,
            proposed_by TEXT NOT NULL,
            closed_at TEXT,
            UNIQUE (year, seq)
        );

        CREATE TABLE motion_stages (
            id INTEGER PRIMARY KEY,
            motion_id INTEGER NOT NULL REFERENCES motions (id),
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            vote_id INTEGER,
            note TEXT,
            UNIQUE (motion_id, position)
        );

        CREATE TABLE votes (
            id INTEGER PRIMARY KEY,
            motion_id INTEGER REFERENCES motions (id),
            stage_id INTEGER REFERENCES motion_stages (id),
            meeting_id INTEGER REFERENCES meetings (id),
            body TEXT NOT NULL,
            subject TEXT,
            vote_class TEXT,
            opened_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            result TEXT NOT NULL,
            tally TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX votes_subject ON votes (subject, body);

        CREATE TABLE ballots (
            id INTEGER PRIMARY KEY,
            vote_id INTEGER NOT NULL REFERENCES votes (id),
            voter_type TEXT NOT NULL,
            voter_ref TEXT NOT NULL,
            voter_name TEXT NOT NULL,
            choice TEXT NOT NULL,
            at TEXT NOT NULL,
            UNIQUE (vote_id, voter_type, voter_ref)
        );

        CREATE TABLE motion_events (
            id INTEGER PRIMARY KEY,
            motion_id INTEGER NOT NULL REFERENCES motions (id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            stage TEXT,
            note TEXT
        );
        CREATE INDEX motion_events_motion ON motion_events (motion_id);
        """)
