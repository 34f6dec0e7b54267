"""The secretary's desk: visits to households, volunteer service and points, the record of
each reveal of personal data, and the full-text search index (FTS5, trigram tokenizer).

The search tables are derived data, kept in step with petitions and households by triggers,
so every write and every import (batch inserts included) updates them in the same
transaction. They are not audited rows: `audit verify` skips tables named `search_*`."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.desk_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_visits_volunteers_reveals(db):
    run_script(db, """
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            household_id INTEGER NOT NULL REFERENCES households (id),
            on_date TEXT NOT NULL,
            by_name TEXT,
            note TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX visits_household ON visits (household_id, on_date);

        CREATE TABLE volunteer_entries (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            on_date TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('service', 'redeem')),
            hours_x100 INTEGER NOT NULL DEFAULT 0,
            activity TEXT NOT NULL DEFAULT '',
            points INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        );
        CREATE INDEX volunteer_entries_name ON volunteer_entries (name, on_date);
        CREATE INDEX volunteer_entries_date ON volunteer_entries (on_date);

        CREATE TABLE reveals (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            command TEXT NOT NULL,
            subjects TEXT NOT NULL
        );
        """)


# Statements with BEGIN … END bodies hold semicolons: run one by one, not split.
_SEARCH = (
    "CREATE VIRTUAL TABLE search_petitions USING fts5("
    "title, text, feedback, location, content='petitions', content_rowid='id', tokenize='trigram')",
    "INSERT INTO search_petitions (search_petitions) VALUES ('rebuild')",
    """CREATE TRIGGER search_petitions_ai AFTER INSERT ON petitions BEGIN
        INSERT INTO search_petitions (rowid, title, text, feedback, location)
        VALUES (new.id, new.title, new.text, new.feedback, new.location);
    END""",
    """CREATE TRIGGER search_petitions_ad AFTER DELETE ON petitions BEGIN
        INSERT INTO search_petitions (search_petitions, rowid, title, text, feedback, location)
        VALUES ('delete', old.id, old.title, old.text, old.feedback, old.location);
    END""",
    """CREATE TRIGGER search_petitions_au AFTER UPDATE OF title, text, feedback, location ON petitions BEGIN
        INSERT INTO search_petitions (search_petitions, rowid, title, text, feedback, location)
        VALUES ('delete', old.id, old.title, old.text, old.feedback, old.location);
        INSERT INTO search_petitions (rowid, title, text, feedback, location)
        VALUES (new.id, new.title, new.text, new.feedback, new.location);
    END""",
    # Households: the unit as people write it (1-2-301), the owner, the phone as digits only.
    "CREATE VIRTUAL TABLE search_households USING fts5(unit_ref, owner, phone, tokenize='trigram')",
    """INSERT INTO search_households (rowid, unit_ref, owner, phone)
        SELECT id, building || '-' || unit || '-' || room, COALESCE(owner, ''), %s FROM households""",
    """CREATE TRIGGER search_households_ai AFTER INSERT ON households BEGIN
        INSERT INTO search_households (rowid, unit_ref, owner, phone)
        VALUES (new.id, new.building || '-' || new.unit || '-' || new.room, COALESCE(new.owner, ''), %s);
    END""",
    """CREATE TRIGGER search_households_ad AFTER DELETE ON households BEGIN
        DELETE FROM search_households WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER search_households_au AFTER UPDATE ON households BEGIN
        DELETE FROM search_households WHERE rowid = old.id;
        INSERT INTO search_households (rowid, unit_ref, owner, phone)
        VALUES (new.id, new.building || '-' || new.unit || '-' || new.room, COALESCE(new.owner, ''), %s);
    END""",
)


def _digits(column: str) -> str:
    """SQL for the digits of a phone column: the separators people type removed."""
    expr = f"COALESCE({column}, '')"
    for sep in (" ", "-", "+", "(", ")", "（", "）", ".", "/"):
        expr = f"replace({expr}, '{sep}', '')"
    return expr


@migrations(name=NAMES[1])
def m002_search_index(db):
    # SQLite before 3.34 has no trigram tokenizer: then there is no index, and search reads
    # the tables themselves (store/search.py), slower on a large file but with the same answers.
    try:
        db.execute("CREATE VIRTUAL TABLE temp.search_probe USING fts5(x, tokenize='trigram')")
        db.execute("DROP TABLE temp.search_probe")
    except Exception as exc:  # sqlite3.OperationalError: no such module / tokenizer
        if "fts5" in str(exc) or "tokenize" in str(exc) or "trigram" in str(exc):
            return
        raise
    for statement in _SEARCH:
        if "%s" in statement:
            column = "phone" if "SELECT id" in statement else "new.phone"
            statement = statement % _digits(column)
        db.execute(statement)

