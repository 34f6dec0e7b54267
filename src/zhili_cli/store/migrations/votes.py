"""The life of a vote: whether its result is final (may approve anything), when it closed, the
owners' vote's window and notice, its frozen counting base and scope; owner identity on the
register (kept privately) and the history of each unit's owners; motion versions and scopes.

Existing tables gain columns only where the contract needs them (votes); each existing vote row
is then recorded again in the audit chain as the upgrade changed it, so `audit verify` still
holds. Everything else lives in new tables, leaving earlier rows as they were."""


from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.votes_names import NAMES, SET

migrations = Migrations(SET)

NEW_VOTE_COLUMNS = ("final", "closed_at", "window_from", "window_to", "announced_on", "base", "scope")


@migrations(name=NAMES[0])
def m001_vote_life(db):
    run_script(db, """
        ALTER TABLE votes ADD COLUMN final INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE votes ADD COLUMN closed_at TEXT;
        ALTER TABLE votes ADD COLUMN window_from TEXT;
        ALTER TABLE votes ADD COLUMN window_to TEXT;
        ALTER TABLE votes ADD COLUMN announced_on TEXT;
        ALTER TABLE votes ADD COLUMN base TEXT;
        ALTER TABLE votes ADD COLUMN scope TEXT;
        UPDATE votes SET final = 1, closed_at = updated_at WHERE body <> 'owners';

        CREATE TABLE household_identities (
            id INTEGER PRIMARY KEY,
            household_id INTEGER NOT NULL UNIQUE REFERENCES households (id),
            identity TEXT
        );

        CREATE TABLE household_owners (
            id INTEGER PRIMARY KEY,
            household_id INTEGER NOT NULL REFERENCES households (id),
            owner TEXT,
            phone TEXT,
            until TEXT NOT NULL,
            reason TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX household_owners_household ON household_owners (household_id);

        CREATE TABLE motion_versions (
            id INTEGER PRIMARY KEY,
            motion_id INTEGER NOT NULL REFERENCES motions (id),
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            UNIQUE (motion_id, version)
        );

        CREATE TABLE motion_scopes (
            id INTEGER PRIMARY KEY,
            motion_id INTEGER NOT NULL REFERENCES motions (id),
            building TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            room TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX motion_scopes_motion ON motion_scopes (motion_id);
        """)
    _record_again(db.conn, "votes", NEW_VOTE_COLUMNS)


@migrations(name=NAMES[1])
def m002_household_events(db):
    """Corrections of the register, each with who, when and why (nothing is deleted)."""
    run_script(db, """
        CREATE TABLE household_events (
            id INTEGER PRIMARY KEY,
            household_id INTEGER NOT NULL REFERENCES households (id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            changes TEXT NOT NULL DEFAULT '{}',
            reason TEXT
        );
        CREATE INDEX household_events_household ON household_events (household_id);
        """)


def _record_again(conn, table: str, added: tuple[str, ...]) -> None:
    """One audit entry per existing row: before without the added columns, after as it now is."""
    from zhili_cli.store.tx import Tx

    cur = conn.execute(f'SELECT * FROM "{table}" ORDER BY id')
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, values)) for values in cur.fetchall()]
    if not rows:
        return
    tx = Tx(conn, "zhili", f"upgrade {SET}")
    for row in rows:
        before = {k: v for k, v in row.items() if k not in added}
        tx._audit(table, row["id"], "update", before, row)
