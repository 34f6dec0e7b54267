"""`zhili backup` while another process writes: the copy is a consistent snapshot, opens as a
zhili database, verifies, and its reports equal the source's at that moment."""

from __future__ import annotations

import pytest

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Cli
from tests.test_reliability_support import one_line_error, run_python, run_zhili, sha256

WRITER = r"""
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zhili_cli import clock
from zhili_cli.cli.context import Globals
from zhili_cli.services import petitions

db, stop = sys.argv[1], Path(sys.argv[2])
g = Globals(db=db, actor="writer")
start = datetime(2024, 1, 1, 8, 0, tzinfo=clock.TZ)
kinds = [None, "小", "急", "大", "难"]
sources = ["信箱", "线上", "热线"]
i = 0
while not stop.exists() and i < 100_000:
    with g.write("petition add") as tx:
        petitions.add(tx, g.rules_obj(), title=f"w-{i}", source=sources[i % 3], kind=kinds[i % 5],
                      received_at=start + timedelta(minutes=i))
    i += 1
    if i == 20:
        print("started", flush=True)
print("wrote", i, flush=True)
"""


def _reports(db: Path, *extra: str) -> tuple[list, dict]:
    cli = Cli(db)
    listing = cli.json("petition", "list", "--limit", "0")
    stats = cli.json("petition", "stats", *extra)
    return listing, {k: stats[k] for k in ("overall", "by_kind", "by_source")}


@pytest.mark.slow
def test_backup_during_writes_equals_source_at_that_moment(cli, tmp_path):
    stop = tmp_path / "stop"
    writer = run_python(WRITER, cli.db, stop, cwd=tmp_path)
    try:
        assert writer.stdout.readline().strip() == "started"
        backups = []
        for i in range(4):
            target = tmp_path / f"b{i}.db"
            result = run_zhili("--db", cli.db, "backup", target)
            assert result.returncode == 0, result.stderr
            assert writer.poll() is None, "the writer should still be writing"
            backups.append(target)
            time.sleep(0.1)
    finally:
        stop.write_text("stop", "utf-8")
        try:
            out, err = writer.communicate(timeout=120)
        except subprocess.TimeoutExpired:  # pragma: no cover
            writer.kill()
            raise
    assert writer.returncode == 0, err
    total = int(out.split()[-1])

    source_list, _ = _reports(cli.db)
    assert len(source_list) == total
    counts = []
    for target in backups:
        Cli(target).ok("audit", "verify")
        listing, stats = _reports(target)
        n = len(listing)
        counts.append(n)
        assert 20 <= n <= total
        assert listing == source_list[total - n:]  # newest first: the backup holds the oldest n
        if n < total:
            first_missing = source_list[total - n - 1]["received_at"]
            _, source_stats = _reports(cli.db, "--to", first_missing)
        else:
            _, source_stats = _reports(cli.db)
        assert stats == source_stats
    assert counts == sorted(counts)

    final = tmp_path / "final.db"
    assert run_zhili("--db", cli.db, "backup", final).returncode == 0
    assert _reports(final) == _reports(cli.db)
    assert Cli(final).json("audit", "verify")["head"] == Cli(cli.db).json("audit", "verify")["head"]


def test_backup_does_not_wait_for_or_copy_an_open_write(cli, tmp_path):
    cli.ok("petition", "add", "--title", "已提交", "--source", "信箱")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE')\n"
         "c.execute(\"UPDATE petitions SET title = '未提交' WHERE id = 1\")\n"
         "print('held', flush=True); sys.stdin.readline(); c.execute('ROLLBACK')\n",
         str(cli.db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_zhili("--db", cli.db, "backup", tmp_path / "snap.db", timeout=30)
        assert result.returncode == 0, result.stderr
    finally:
        holder.communicate("\n", timeout=30)
    assert Cli(tmp_path / "snap.db").json("petition", "show", "1")["title"] == "已提交"
    Cli(tmp_path / "snap.db").ok("audit", "verify")


def test_backup_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "keep.db"
    target.write_bytes(b"precious")
    err = cli.fails("backup", str(target))
    assert "--force" in err
    assert target.read_bytes() == b"precious"
    cli.ok("backup", str(target), "--force")
    assert Cli(target).json("audit", "verify")["ok"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_backup_refusals_are_one_line(cli, tmp_path):
    assert "目录" in cli.fails("backup", str(tmp_path))  # a directory
    cli.fails("backup", str(cli.db), "--force")  # onto itself
    cli.fails("backup", str(tmp_path / "missing-dir" / "x.db"))
    cli.fails("backup", code=2)  # no path
    result = run_zhili("--db", cli.db, "backup", tmp_path)
    one_line_error(result)


def test_backup_is_a_plain_self_contained_file(cli, tmp_path):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    target = tmp_path / "copy.db"
    cli.ok("backup", str(target))
    assert not Path(str(target) + "-wal").exists()
    assert target.read_bytes()[18:20] == b"\x02\x02"  # in write-ahead log mode, like the source
    digest = sha256(target)
    with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT value FROM zhili_meta WHERE key = 'app'").fetchone()[0] == "zhili"
    conn.close()
    assert sha256(target) == digest
    # the copy is a working database: it takes writes of its own
    Cli(target).ok("petition", "add", "--title", "b", "--source", "信箱")
    assert len(Cli(target).json("petition", "list")) == 2
    assert len(json.loads(cli.ok("petition", "list", "--json").stdout)) == 1


def test_leftovers_of_a_killed_backup_are_removed_by_the_next(cli, tmp_path):
    """A backup killed outright leaves its hidden temporary file; the next backup to the same
    target removes those of processes that are gone, and leaves a live one's alone."""
    cli.ok("petition", "add", "--title", "备份前", "--source", "信箱")
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = tmp_path / f".copy.db.{int(gone.stdout)}.part"
    dead.write_bytes(b"half a copy")
    (tmp_path / f".copy.db.{int(gone.stdout)}.part-journal").write_bytes(b"")
    live = tmp_path / f".copy.db.{os.getppid()}.part"  # a process that is still running
    live.write_bytes(b"someone else's copy in progress")
    cli.ok("backup", str(tmp_path / "copy.db"))
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy.db"))
    assert left == [live.name]
