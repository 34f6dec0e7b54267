"""Core tables: meta, compound, households, members, petitions and their history, audit log."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.core_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_core(db):
    run_script(db, """
        CREATE TABLE zhili_meta (key TEXT PRIMARY KEY, value TEXT);
        INSERT INTO zhili_meta VALUES ('app', 'zhili');

        CREATE TABLE compound (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            households_total INTEGER NOT NULL DEFAULT 0,
            area_x100 INTEGER NOT NULL DEFAULT 0,
            has_owners_committee INTEGER NOT NULL DEFAULT 1
        );

        CREATE TABLE households (
            id INTEGER PRIMARY KEY,
            building TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            room TEXT NOT NULL,
            area_x100 INTEGER NOT NULL,
            owner TEXT,
            phone TEXT,
            residents INTEGER,
            flags TEXT NOT NULL DEFAULT '',
            building_lead INTEGER NOT NULL DEFAULT 0,
            developer_unsold INTEGER NOT NULL DEFAULT 0,
            UNIQUE (building, unit, room)
        );
        CREATE INDEX households_owner ON households (owner);

        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            party TEXT NOT NULL,
            phone TEXT,
            term_start TEXT,
            term_end TEXT,
            active INTEGER NOT NULL DEFAULT 1,
            UNIQUE (name, role)
        );

        CREATE TABLE petitions (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            received_at TEXT NOT NULL,
            source TEXT NOT NULL,
            kind TEXT,
            title TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            building TEXT,
            location TEXT,
            reporter TEXT,
            reporter_phone TEXT,
            status TEXT NOT NULL,
            responsible TEXT,
            response_due TEXT NOT NULL,
            completion_due TEXT,
            triaged_at TEXT,
            decided_at TEXT,
            closed_at TEXT,
            feedback TEXT,
            verified_at TEXT,
            satisfaction INTEGER,
            reject_reason TEXT,
            merged_into TEXT,
            referred_to TEXT,
            UNIQUE (year, seq)
        );
        CREATE INDEX petitions_received ON petitions (received_at);
        CREATE INDEX petitions_status ON petitions (status, completion_due);
        CREATE INDEX petitions_closed ON petitions (closed_at);

        CREATE TABLE petition_events (
            id INTEGER PRIMARY KEY,
            petition_id INTEGER NOT NULL REFERENCES petitions (id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            from_status TEXT,
            to_status TEXT,
            note TEXT
        );
        CREATE INDEX petition_events_petition ON petition_events (petition_id);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            command TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            action TEXT NOT NULL,
            before TEXT,
            after TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_row ON audit_log (table_name, row_id);
        """)


@migrations(name=NAMES[1])
def m002_petition_stats_index(db):
    # Covers every column `petition stats` reads, status first: the settled figures scan this
    # narrow index in GROUP BY order instead of the petitions themselves, and the time-dependent
    # ones seek the open statuses in it.
    run_script(db, """
        CREATE INDEX petitions_stats ON petitions (
            status, kind, source, received_at, response_due, completion_due, triaged_at, closed_at,
            satisfaction
        );
        """)


@migrations(name=NAMES[2])
def m003_drop_petition_status_index(db):
    # petitions_stats starts with status and holds the deadlines, so it serves every query the
    # (status, completion_due) index did; one index fewer to keep up on every insert.
    run_script(db, "DROP INDEX IF EXISTS petitions_status;")
