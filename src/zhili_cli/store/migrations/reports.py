"""Tables of the reports: the compound's contact for objections, printed on every public
document (公示: 监督电话 and the place where objections are received). A table of its own, so
that the compound's row keeps matching its audit entries."""

from sqlite_utils.migrations import Migrations

from zhili_cli.store.migrations import run_script
from zhili_cli.store.migrations.reports_names import NAMES, SET

migrations = Migrations(SET)


@migrations(name=NAMES[0])
def m001_compound_contact(db):
    run_script(db, """
        CREATE TABLE compound_contact (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            phone TEXT,
            place TEXT
        );
        """)
