"""Two processes writing to one file at once: every write lands, nobody sees "database is locked"."""

from __future__ import annotations

import pytest

import sqlite3
import subprocess
import sys

from tests.test_reliability_support import one_line_error, run_python, zhili_exe

WRITER = r"""
import sys
from zhili_cli.cli.context import Globals
from zhili_cli.services import petitions

db, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
g = Globals(db=db, actor=tag)
for i in range(count):
    with g.write("petition add") as tx:  # one transaction per write
        petitions.add(tx, g.rules_obj(), title=f"{tag}-{i}", source="信箱")
print("done", count)
"""


@pytest.mark.slow
def test_two_processes_500_writes_each(cli, tmp_path):
    procs = [run_python(WRITER, cli.db, tag, 500, cwd=tmp_path) for tag in ("a", "b")]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err, err
        assert out.strip() == "done 500"
    with sqlite3.connect(cli.db) as conn:
        titles = {r[0] for r in conn.execute("SELECT title FROM petitions")}
        numbers = [r[0] for r in conn.execute("SELECT number FROM petitions")]
    assert titles == {f"{tag}-{i}" for tag in "ab" for i in range(500)}
    assert len(numbers) == len(set(numbers)) == 1000  # numbering stayed unique under contention
    assert cli.json("audit", "verify")["ok"]


@pytest.mark.slow
def test_two_cli_loops_at_once(cli, tmp_path):
    """The same through the console script: many short processes racing for the file."""
    loop = r"""
import subprocess, sys
exe, db, tag, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for i in range(n):
    r = subprocess.run([exe, "--db", db, "petition", "add", "--title", f"{tag}{i}", "--source", "信箱"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        sys.exit(1)
"""
    procs = [run_python(loop, zhili_exe(), cli.db, tag, 10, cwd=tmp_path) for tag in ("x", "y")]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    assert len(cli.json("petition", "list", "--limit", "0")) == 20
    cli.ok("audit", "verify")


@pytest.mark.slow
def test_held_write_lock_makes_others_wait(cli, tmp_path):
    """A writer holding the lock for a while: the other command waits, then succeeds."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(1.5); c.execute('COMMIT')\n",
         str(cli.db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    result = subprocess.run([zhili_exe(), "--db", str(cli.db), "petition", "add", "--title", "等待", "--source", "信箱"],
                            capture_output=True, text=True, timeout=120)
    holder.wait()
    assert result.returncode == 0, one_line_error(result)
    assert "locked" not in result.stderr
