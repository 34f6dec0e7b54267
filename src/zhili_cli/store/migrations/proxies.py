"""Proxies of an owners' vote (委托书): a unit's written authorisation of a named person, recorded
for one vote before that person's ballot counts (Civil Code art. 278: owners' actual
participation). A revoked authorisation stays on record with its reason; a ballot cast by a
proxy names the authorisation it was cast under (`ballots.proxy_id`)."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.proxies_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_vote_proxies(db):
    run_script(db, """
        CREATE TABLE vote_proxies (
            id INTEGER PRIMARY KEY,
            vote_id INTEGER NOT NULL REFERENCES votes(id),
            household_id INTEGER NOT NULL REFERENCES households(id),
            proxy TEXT NOT NULL,
            proxy_key TEXT NOT NULL,
            document TEXT NOT NULL,
            signed_on TEXT,
            recorded_at TEXT NOT NULL,
            revoked_at TEXT,
            revoke_reason TEXT
        );
        CREATE INDEX vote_proxies_vote ON vote_proxies(vote_id, household_id);
        ALTER TABLE ballots ADD COLUMN proxy_id INTEGER REFERENCES vote_proxies(id)
    """)
