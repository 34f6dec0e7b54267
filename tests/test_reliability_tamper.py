"""200 random edits, deletions and insertions made behind the tool's back: every one is found,
and the first problem named is the row that was touched."""

from __future__ import annotations

import pytest

import random
import sqlite3
import subprocess

from tests.conftest import EXAMPLES, Cli
from tests.test_reliability_support import copy_db, checkpoint
from zhili_cli.store import audit


def _populated(tmp_path) -> Cli:
    cli = Cli(tmp_path / "pristine.db")
    cli.ok("init", "--name", "篡改测试")
    lines = (EXAMPLES / "households.csv").read_text("utf-8").splitlines()[:41]  # header and 40 households
    small = tmp_path / "households.csv"
    small.write_text("\n".join(lines) + "\n", "utf-8")
    cli.ok("household", "import", str(small), "-q")
    cli.ok("member", "add", "金建国", "--role", "主任", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "沈丽", "--role", "副主任", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    for i in range(12):
        number = cli.json("petition", "add", "--title", f"诉求{i}", "--source", "信箱")["number"]
        cli.ok("petition", "triage", number, "--kind", "小")
        if i % 3 == 0:
            cli.ok("petition", "close", number, "--feedback", "已处理")
    cli.ok("audit", "verify")
    checkpoint(cli.db)
    return cli


def _mutate_value(rng: random.Random, value):
    if isinstance(value, int):
        return value + rng.choice([1, -1, 1000])
    if isinstance(value, float):
        return value + 0.5
    if value is None:
        return rng.choice(["x", 7])
    return rng.choice([value + "x", value[:-1] if value else "y", "'; DROP TABLE petitions; --", "改"])


def _tamper(conn: sqlite3.Connection, rng: random.Random) -> tuple[str, str, int]:
    """One random change; returns (kind, table, id) of the row touched."""
    while True:
        try:
            return _try_tamper(conn, rng)
        except sqlite3.IntegrityError:  # a constraint refused this one (e.g. compound's id = 1)
            continue


def _try_tamper(conn: sqlite3.Connection, rng: random.Random) -> tuple[str, str, int]:
    tables = audit.audited_tables(conn) + ["audit_log"]
    while True:
        table = rng.choice(tables)
        ids = [r[0] for r in conn.execute(f'SELECT id FROM "{table}" ORDER BY id')]
        if ids:
            break
    kind = rng.choice(["edit", "edit", "delete", "insert"])
    cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    if kind == "edit":
        rid = rng.choice(ids)
        col = rng.choice([c for c in cols if c != "id"])
        old = conn.execute(f'SELECT "{col}" FROM "{table}" WHERE id = ?', (rid,)).fetchone()[0]
        for _ in range(10):
            conn.execute(f'UPDATE "{table}" SET "{col}" = ? WHERE id = ?', (_mutate_value(rng, old), rid))
            if conn.execute(f'SELECT "{col}" FROM "{table}" WHERE id = ?', (rid,)).fetchone()[0] != old:
                return kind, table, rid
        raise AssertionError("could not change the value")
    if kind == "delete":
        rid = rng.choice(ids)
        conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (rid,))
        return kind, table, rid
    # insert: a copy of an existing row under a new id (so every constraint but the audit holds)
    src = rng.choice(ids)
    rid = max(ids) + 1
    row = dict(zip(cols, conn.execute(f'SELECT * FROM "{table}" WHERE id = ?', (src,)).fetchone()))
    row["id"] = rid
    for col in ("number", "name", "room"):
        if col in row and isinstance(row[col], str):
            row[col] = row[col] + "-dup"
    if table == "petitions":
        row["seq"] = row["seq"] + 10_000
    names = ", ".join(f'"{c}"' for c in row)
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" for _ in row)})', tuple(row.values()))
    return kind, table, rid


def _check(problems, kind: str, table: str, rid: int, last_audit: int) -> None:
    assert problems, f"{kind} of {table} {rid} went unnoticed"
    first = problems[0]
    if table == "audit_log":
        if kind == "delete" and rid == last_audit:
            # the newest entry gone: the row it recorded no longer matches the chain
            assert first.kind in ("row_changed", "row_added", "row_deleted"), first
        elif kind == "delete":
            assert first.kind == "gap" and first.audit_id == rid + 1, first
        else:
            assert first.kind == "chain" and first.audit_id == rid, first
    else:
        expected = {"edit": "row_changed", "delete": "row_deleted", "insert": "row_added"}[kind]
        assert (first.kind, first.table, first.row_id) == (expected, table, rid), first


@pytest.mark.slow
def test_200_random_tamperings_all_detected(tmp_path):
    cli = _populated(tmp_path)
    pristine = sqlite3.connect(f"file:{cli.db}?mode=ro", uri=True)
    assert audit.verify(pristine)[0] == []
    pristine.close()
    rng = random.Random(20240305)
    work = tmp_path / "work.db"
    seen = set()
    for trial in range(200):
        copy_db(cli.db, work)
        conn = sqlite3.connect(work, isolation_level=None)
        try:
            last_audit = conn.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
            kind, table, rid = _tamper(conn, rng)
            problems, _, _ = audit.verify(conn)
        finally:
            conn.close()
        _check(problems, kind, table, rid, last_audit)
        seen.add((kind, table == "audit_log"))
    assert len(seen) == 6  # edits, deletions and insertions of both data and audit rows were tried


def test_cli_names_the_row(tmp_path):
    """The one line `audit verify` prints names the table and the row."""
    cli = _populated(tmp_path)
    rng = random.Random(5)
    for trial in range(6):
        work = copy_db(cli.db, tmp_path / f"cli{trial}.db")
        conn = sqlite3.connect(work, isolation_level=None)
        kind, table, rid = _tamper(conn, rng)
        conn.close()
        err = Cli(work).fails("audit", "verify")
        if table != "audit_log":
            assert table in err and str(rid) in err, (kind, table, rid, err)


def test_sqlite_shell_edit_detected(tmp_path):
    """The same kind of edit typed into the sqlite3 shell, when it is installed."""
    import shutil

    import pytest

    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("no sqlite3 shell")
    cli = _populated(tmp_path)
    subprocess.run([shell, str(cli.db), "UPDATE households SET owner = '张三' WHERE id = 3;"], check=True)
    err = cli.fails("audit", "verify")
    assert "households" in err and "3" in err
