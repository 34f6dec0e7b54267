"""An upgrade that adds columns is not an alteration: rows recorded before verify as before,
while a value written into a new column from outside zhili is still found."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from zhili_cli.store import audit

MIGRATIONS = Path(audit.__file__).parent / "migrations"


def test_every_added_column_of_an_audited_table_is_listed():
    added = set()
    for path in MIGRATIONS.glob("*.py"):
        for table, column in re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", path.read_text("utf-8")):
            if table not in audit.UNAUDITED:
                added.add((table, column))
    listed = {(t, c) for t, cols in audit.LATER_COLUMNS.items() for c in cols}
    assert added <= listed, sorted(added - listed)


def _drop_later_columns(db: Path, only: tuple[str, ...] | None = None) -> None:
    """Make the file look as if its meetings and agenda rows were recorded before the columns
    existed: the chain's states without them, the columns empty."""
    conn = sqlite3.connect(db)
    def later_of(table):
        return [c for c in audit.LATER_COLUMNS.get(table, ()) if only is None or c in only]

    for table in ("meetings", "agenda_items"):
        conn.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = NULL" for c in later_of(table)))
    rows = conn.execute("SELECT id, table_name, row_id, action, before, after FROM audit_log ORDER BY id").fetchall()
    prev = audit.GENESIS
    for aid, table, row_id, action, before, after in rows:
        later = later_of(table)
        if later and after and action != audit.BATCH:
            state = {k: v for k, v in __import__("json").loads(after).items() if k not in later}
            after = audit.canonical(state)
        full = conn.execute("SELECT at, actor, command, before, recorded_at FROM audit_log WHERE id = ?", (aid,)).fetchone()
        digest = audit.entry_hash(prev, full[0], full[1], full[2], table, row_id, action, full[3], after, full[4])
        conn.execute("UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE id = ?", (after, prev, digest, aid))
        prev = digest
    conn.commit()
    conn.close()


def test_rows_recorded_before_new_columns_still_verify(cli):
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = cli.json("meeting", "schedule", "--date", "2024-03-05")["number"]
    cli.ok("meeting", "agenda", num, "--add", "路灯")
    _drop_later_columns(cli.db)
    assert cli.json("audit", "verify")["ok"]
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE meetings SET place = '别处'")
    conn.commit()
    conn.close()
    assert "meetings" in cli.fails("audit", "verify")


def test_a_file_upgraded_twice_still_verifies(cli):
    """Rows recorded with the rules version but before the minutes columns existed."""
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = cli.json("meeting", "schedule", "--date", "2024-03-05")["number"]
    cli.ok("meeting", "agenda", num, "--add", "路灯")
    _drop_later_columns(cli.db, only=("summary", "place", "note_taker", "roster"))  # roster came later still
    assert cli.json("audit", "verify")["ok"]


def test_demo_never_wipes_an_existing_database_without_force(cli):
    cli.ok("petition", "add", "--title", "真实的诉求", "--source", "信箱")
    err = cli.fails("demo")
    assert "--force" in err
    assert cli.json("petition", "list")[0]["title"] == "真实的诉求"
