"""Opening the file: ours, migrated, or refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3

from tests.conftest import Cli


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_database_is_named(tmp_path):
    err = Cli(tmp_path / "nope.db").fails("petition", "list")
    assert "nope.db" in err and "zhili init" in err


def test_init_refuses_existing(cli):
    cli.fails("init")


def test_not_zhili_left_untouched(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    before = digest(other)
    assert "不是 zhili 数据库" in Cli(other).fails("petition", "list")
    assert digest(other) == before
    text = tmp_path / "notes.db"
    text.write_text("hello", "utf-8")
    Cli(text).fails("petition", "list")
    assert text.read_text("utf-8") == "hello"


def test_newer_version_refused(cli):
    with sqlite3.connect(cli.db) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('core', 'm999_future', 'x')")
    assert "更新版本" in cli.fails("petition", "list")


def test_tables_named_plainly(cli):
    with sqlite3.connect(cli.db) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"petitions", "households", "members", "audit_log", "compound"} <= names


def test_english_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHILI_LANG", "en")
    assert "run `zhili init`" in Cli(tmp_path / "x.db").fails("petition", "list")


def test_global_options_after_subcommand(tmp_path):
    c = Cli(tmp_path / "z.db")
    c.ok("init")
    result = c.runner.invoke(__import__("zhili_cli.cli.main", fromlist=["app"]).app,
                             ["petition", "list", "--json", "--db", str(tmp_path / "z.db")])
    assert result.exit_code == 0 and result.stdout.strip() == "[]"
