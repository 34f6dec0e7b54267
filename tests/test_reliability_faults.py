"""One line for every database failure: a full disk, a read-only file, a database on a
read-only medium (which still reads and verifies); "cannot rollback" never surfaces."""

from __future__ import annotations

import sqlite3

import pytest

from zhili_cli.store import db as store_db


@pytest.fixture
def full_disk(monkeypatch):
    """SQLite's own "database or disk is full": no page may be added to the file."""
    real = store_db._connect

    def connect(path, mode=""):
        conn = real(path, mode)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store_db, "_connect", connect)


def _fill(cli, n=40):
    for i in range(n):
        cli.ok("petition", "add", "--title", f"灯坏了 {i} " + "很长的描述" * 40, "--source", "信箱")


def test_a_full_disk_is_one_line_and_changes_nothing(cli, full_disk):
    before = cli.json("petition", "list")
    err = ""
    for i in range(60):  # the first writes may still fit in free pages
        result = cli("petition", "add", "--title", f"灯坏了 {i} " + "很长的描述" * 200, "--source", "信箱")
        if result.exit_code:
            err = result.stderr.strip()
            break
    assert err, "the disk never filled"
    assert len(err.splitlines()) == 1 and "磁盘已满" in err
    assert "rollback" not in err and "内部错误" not in err
    assert len(cli.json("petition", "list")) == len(before) + i


@pytest.fixture
def read_only(monkeypatch):
    monkeypatch.setattr(store_db, "_writable", lambda path: False)


def test_a_read_only_file_reads_and_verifies_and_refuses_writes_in_one_line(cli, read_only):
    cli.ok("audit", "verify")
    cli.ok("petition", "list")
    before = cli.db.read_bytes()
    err = cli.fails("petition", "add", "--title", "x", "--source", "信箱")
    assert "只读" in err and str(cli.db) in err
    assert cli.db.read_bytes() == before


def test_an_archive_on_a_read_only_medium_verifies(tmp_path, monkeypatch):
    """Where SQLite cannot create the -shm file of a WAL database, it is opened immutable."""
    from tests.conftest import Cli

    c = Cli(tmp_path / "archive.db")
    c.ok("init")
    c.ok("petition", "add", "--title", "灯坏了", "--source", "信箱")
    monkeypatch.setattr(store_db, "_writable", lambda path: False)
    real = store_db._connect
    modes = []
    wal = tmp_path / "archive.db-wal"
    assert wal.stat().st_size > 0  # the last write is still in the -wal file

    def connect(path, mode=""):
        modes.append(mode)
        if mode == "ro":  # what a read-only medium does to a WAL file without its -shm
            return real(tmp_path / "no" / "such.db", "ro")
        return real(path, mode)

    monkeypatch.setattr(store_db, "_connect", connect)
    err = c.fails("audit", "verify")  # never a silent read without the -wal's changes
    assert "-wal" in err
    plain = sqlite3.connect(tmp_path / "archive.db")
    plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    plain.close()
    modes.clear()
    report = c.json("audit", "verify")
    assert report["ok"] and report["entries"] > 0
    assert modes[:2] == ["ro", "immutable"]
    assert "灯坏了" in c.ok("petition", "list").stdout


def test_a_failed_commit_or_rollback_never_says_cannot_rollback(tmp_path):
    conn = store_db.create(tmp_path / "x.db")
    with pytest.raises(ZeroDivisionError):
        with store_db.immediate(conn):
            conn.execute("ROLLBACK")  # SQLite rolled back on its own (as on a full disk)
            1 / 0
    assert not conn.in_transaction


def test_failure_maps_sqlite_codes_to_messages():
    full = sqlite3.OperationalError("database or disk is full")
    assert store_db.failure(full, "a.db").key == "db_full"
    ro = sqlite3.OperationalError("attempt to write a readonly database")
    assert store_db.failure(ro, "a.db").key == "db_readonly"
    assert store_db.failure(sqlite3.OperationalError("no such table: x")) is None
    assert store_db.failure(ValueError("x")) is None
