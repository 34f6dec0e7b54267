"""Migration sets. `executescript` would commit mid-migration, so scripts run statement by statement."""


def run_script(db, sql: str) -> None:
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)
