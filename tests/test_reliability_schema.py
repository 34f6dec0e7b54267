"""Schema versions: every earlier version upgrades with its data intact, a newer one is refused,
and files that are not zhili databases are refused with one line and left byte-identical."""

from __future__ import annotations

import importlib
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_reliability_support import checkpoint, run_zhili, sha256
from zhili_cli.store import audit, schema
from zhili_cli.store.db import immediate, open_db
from zhili_cli.store.tx import Tx


def _all_migrations() -> list[tuple[str, str, str]]:
    """(module, set, name) in the order a new database applies them."""
    out = []
    for module in schema.SET_MODULES:
        names = importlib.import_module(module + "_names")
        out += [(module, names.SET, name) for name in names.NAMES]
    return out


ALL = _all_migrations()
# An "earlier version" is every prefix of the migration sequence that includes the first one
# (without it the file is not a zhili database at all).
EARLIER = list(range(1, len(ALL)))


def _build_version(path: Path, k: int) -> None:
    """A database as a zhili that knew only the first k migrations would have made it."""
    import sqlite_utils

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    db = sqlite_utils.Database(conn)
    wanted = ALL[:k]
    for module in schema.SET_MODULES:
        mine = [name for (m, _, name) in ALL if m == module]
        keep = [name for (m, _, name) in wanted if m == module]
        if not keep:
            continue
        migrations = importlib.import_module(module).migrations
        if len(keep) == len(mine):
            migrations.apply(db)
        else:
            migrations.apply(db, stop_before=mine[len(keep)])
    conn.isolation_level = None
    applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    assert applied == {name for (_, _, name) in wanted}
    _fill(conn)
    conn.close()


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _fill(conn: sqlite3.Connection) -> None:
    """Some rows in every core table this version has, written through the audited path."""
    rows = {
        "compound": [{"id": 1, "name": "旧版小区", "households_total": 2, "area_x100": 2000000,
                      "has_owners_committee": 1}],
        "households": [
            {"building": "1", "unit": "1", "room": "101", "area_x100": 11832, "owner": "张三",
             "phone": "13800001111", "residents": 3, "flags": "", "building_lead": 1, "developer_unsold": 0},
            {"building": "2", "unit": "", "room": "502", "area_x100": 9010, "owner": "李四",
             "phone": None, "residents": None, "flags": "低保", "building_lead": 0, "developer_unsold": 0},
        ],
        "members": [{"name": "金建国", "role": "chair", "party": "owners_committee", "phone": None,
                     "term_start": "2023-06-01", "term_end": "2028-05-31", "active": 1}],
        "petitions": [
            {"number": "P2023-001", "year": 2023, "seq": 1, "received_at": "2023-05-01T09:00:00+08:00",
             "source": "mailbox", "kind": "small", "title": "路灯不亮", "text": "", "building": "1",
             "status": "done", "responsible": "property", "response_due": "2023-05-03T09:00:00+08:00",
             "completion_due": "2023-05-10T09:00:00+08:00", "triaged_at": "2023-05-01T10:00:00+08:00",
             "closed_at": "2023-05-04T09:00:00+08:00", "feedback": "已修"},
        ],
    }
    with immediate(conn):
        tx = Tx(conn, "老版本", "fill")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table, items in rows.items():
            if table not in tables:
                continue
            cols = set(_columns(conn, table))
            for item in items:
                tx.insert(table, {k: v for k, v in item.items() if k in cols})
        if "petition_events" in tables:
            tx.insert("petition_events", {"petition_id": 1, "at": "2023-05-01T09:00:00+08:00", "actor": "老版本",
                                          "action": "add", "from_status": None, "to_status": "received"})


def _snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_sqlite_migrations' AND name NOT LIKE 'search_%' ORDER BY name")]
        out = {}
        for name in names:
            cols = _columns(conn, name)
            out[name] = (cols, conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall())
        return out
    finally:
        conn.close()


def test_there_is_a_migration_sequence():
    assert ALL and ALL[0][2] == importlib.import_module(schema.SET_MODULES[0] + "_names").NAMES[0]


@pytest.mark.parametrize("k", EARLIER or [pytest.param(0, marks=pytest.mark.skip("only one schema version"))],
                         ids=lambda k: f"upto-{ALL[k - 1][2]}" if k else "none")
def test_earlier_version_upgrades_with_data_intact(tmp_path, k):
    path = tmp_path / "old.db"
    _build_version(path, k)
    before = _snapshot(path)
    conn = open_db(path)  # migrates forward
    try:
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
        assert applied == {name for (_, _, name) in ALL}
        for table, (cols, rows) in before.items():
            names = ", ".join(f'"{c}"' for c in cols)
            now = [tuple(r) for r in conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid')]
            assert now == rows, f"{table} changed by the upgrade"
        problems, count, _ = audit.verify(conn)
        assert problems == [] and count > 0
    finally:
        conn.close()
    # and the upgraded file works through the command line
    cli = Cli(path)
    assert cli.json("petition", "show", "P2023-001")["title"] == "路灯不亮"
    cli.ok("petition", "add", "--title", "升级之后", "--source", "信箱")
    cli.ok("audit", "verify")


def test_current_version_reopens_intact(cli):
    before = _snapshot(cli.db)
    cli.ok("petition", "list")
    assert _snapshot(cli.db) == before


@pytest.mark.parametrize("set_name, name", [("core", "m999_from_the_future"), ("elections", "m001_elections")])
def test_newer_version_refused_untouched(cli, set_name, name):
    with sqlite3.connect(cli.db) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, 'x')",
                     (set_name, name))
    conn.close()
    checkpoint(cli.db)
    digest = sha256(cli.db)
    for args in (["petition", "list"], ["petition", "add", "--title", "x", "--source", "信箱"],
                 ["audit", "verify"], ["backup", "copy.db"]):
        err = cli.fails(*args)
        assert name in err
    assert sha256(cli.db) == digest
    assert not Path("copy.db").exists()


def _plain_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO notes (text) VALUES ('hello')")
    conn.close()


def _other_app_meta(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE zhili_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO zhili_meta VALUES ('app', 'something-else')")
    conn.close()


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _sqlite_header_then_noise(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192 - 16))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("楼栋,房号\n1,101\n", "utf-8")


def _corrupt_zhili(path: Path) -> None:
    assert run_zhili("--db", path, "init").returncode == 0
    assert run_zhili("--db", path, "petition", "add", "--title", "x", "--source", "信箱").returncode == 0
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)  # the schema page, past the file header
    path.write_bytes(bytes(data))


def _truncated_zhili(path: Path) -> None:
    assert run_zhili("--db", path, "init").returncode == 0
    path.write_bytes(path.read_bytes()[:60])


MAKERS = [_plain_sqlite, _other_app_meta, _random_bytes, _sqlite_header_then_noise, _empty, _text,
          _corrupt_zhili, _truncated_zhili]


@pytest.mark.parametrize("make", MAKERS, ids=lambda f: f.__name__.strip("_"))
def test_not_zhili_refused_byte_identical(tmp_path, make):
    path = tmp_path / "target.db"
    make(path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    digest = sha256(path)
    cli = Cli(path)
    for args in (["petition", "list"], ["petition", "add", "--title", "x", "--source", "信箱"],
                 ["audit", "verify"], ["household", "list"], ["backup", str(tmp_path / "copy.db")]):
        cli.fails(*args)
        assert sha256(path) == digest, f"{args} changed the file"
    assert not (tmp_path / "copy.db").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("target")) == ["target.db"]


def test_directory_refused(tmp_path):
    folder = tmp_path / "folder.db"
    folder.mkdir()
    (folder / "keep.txt").write_text("x", "utf-8")
    Cli(folder).fails("petition", "list")
    Cli(folder).fails("init")
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


def test_refusal_through_console_script(tmp_path):
    path = tmp_path / "noise.db"
    _random_bytes(path)
    digest = sha256(path)
    result = run_zhili("--db", path, "petition", "list")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert sha256(path) == digest


@pytest.mark.slow
@pytest.mark.skipif(len(ALL) < 2, reason="only one schema version")
def test_concurrent_upgrade_of_an_old_file(tmp_path):
    """Several commands opening the same older file at once: one migrates, the others wait or
    find it done; none fails."""
    import subprocess

    from tests.test_reliability_support import zhili_exe

    for trial in range(3):
        path = tmp_path / f"old{trial}.db"
        _build_version(path, 1)
        procs = [subprocess.Popen([zhili_exe(), "--db", str(path), "petition", "list", "--json"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        Cli(path).ok("audit", "verify")
