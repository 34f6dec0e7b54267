"""Published periods and the real time of every write.

`publications` records each period document posted on the notice board (period, its dates,
the chain head printed on it, when); a published period is closed for money entries.
`audit_log.recorded_at` is the computer's own clock when the entry was written, beside the
effective time `at` (which a fixed clock may set): the two together show a back-dated entry.
"""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.publication_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_publications_and_recorded_time(db):
    run_script(db, """
        ALTER TABLE audit_log ADD COLUMN recorded_at TEXT;
        CREATE TABLE publications (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            period TEXT NOT NULL,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            head TEXT NOT NULL,
            head_entry INTEGER NOT NULL,
            published_at TEXT NOT NULL,
            published_by TEXT NOT NULL,
            UNIQUE (kind, period)
        );
        CREATE INDEX publications_days ON publications (first_day, last_day)
    """)
