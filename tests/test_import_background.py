"""A large register is read and checked in a forked reader while the importing process stores
it (importing/background.py): the outcome must be exactly the one of reading it in-process."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Cli
from tests.test_import_errors import _petitions_with_bad_line, snapshot
from tests.test_reliability_interrupt import _kill_trials, _petitions_csv
from tests.test_reliability_support import checkpoint, zhili_exe
from zhili_cli.importing import background
from zhili_cli.services import petition_import

pytestmark = pytest.mark.skipif(not background.worthwhile(10**9), reason="needs Linux, fork and two cores")


@pytest.fixture
def forks(monkeypatch):
    """Every file goes to the background reader, in chunks of 500 rows; counts the forks."""
    monkeypatch.setattr(background, "MIN_BYTES", 0)
    monkeypatch.setattr(petition_import, "CHUNK", 500)
    count = []
    real_fork = os.fork

    def fork():
        count.append(1)
        return real_fork()

    monkeypatch.setattr(background.os, "fork", fork)
    return count


def _petitions(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT * FROM petitions ORDER BY id").fetchall()
    conn.close()
    return rows


def test_same_database_as_reading_in_process(tmp_path, forks, monkeypatch):
    here = Cli(tmp_path / "here.db")
    there = Cli(tmp_path / "there.db")
    for cli in (here, there):
        cli.ok("init", "--name", "后台读取")
        cli.ok("petition", "add", "--title", "之前的诉求", "--source", "信箱")
    out = there.json("petition", "import", EXAMPLES / "petitions.csv")
    assert forks and out["new"] == out["rows"] == 1758
    monkeypatch.setattr(background, "MIN_BYTES", 10**12)
    assert here.json("petition", "import", EXAMPLES / "petitions.csv")["new"] == 1758
    assert len(forks) == 1
    assert _petitions(there.db) == _petitions(here.db)
    there.ok("audit", "verify")
    monkeypatch.setattr(background, "MIN_BYTES", 0)
    again = there.json("petition", "import", EXAMPLES / "petitions.csv")
    assert (again["new"], again["unchanged"], len(forks)) == (0, 1758, 2)


@pytest.mark.parametrize("bad", [2, 1300, 1759])
def test_bad_row_in_any_chunk_names_its_line_and_changes_nothing(cli, tmp_path, forks, bad):
    cli.ok("petition", "add", "--title", "之前的诉求", "--source", "信箱")
    before = snapshot(cli.db)
    path = _petitions_with_bad_line(tmp_path, bad, "受理日期", "2024-13-45")
    err = cli.fails("petition", "import", path, "-q")
    assert err == f"{path}:{bad}: 受理日期: 无法识别的日期 2024-13-45"
    assert len(forks) == (0 if bad == 2 else 1)  # the first row is read before the fork
    assert snapshot(cli.db) == before


def test_progress_is_reported_from_the_reader(cli, forks):
    from zhili_cli.cli.context import Globals

    g = Globals(db=str(cli.db))
    seen: list[tuple[int, int]] = []
    with g.write("petition import") as tx:
        petition_import.import_file(tx, g.rules_obj(), EXAMPLES / "petitions.csv",
                                    progress=lambda done, total: seen.append((done, total)))
    size = (EXAMPLES / "petitions.csv").stat().st_size
    assert forks and len(seen) == 4  # 1758 rows in chunks of 500
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[-1] == (size, size)


def test_kill_large_import_read_in_background(tmp_path):
    """A register above the threshold, killed at random points: before or after, never between;
    and the reader does not outlive the process it reads for."""
    cli = Cli(tmp_path / "base.db")
    cli.ok("init", "--name", "中断测试")
    rows = _petitions_csv(tmp_path / "big.csv", 16000)
    assert rows.stat().st_size >= background.MIN_BYTES
    checkpoint(cli.db)
    outcomes = _kill_trials(tmp_path, cli.db, ["petition", "import", str(rows), "-q"], trials=6, seed=5)
    assert sum(outcomes.values()) == 6

    db = tmp_path / "orphans.db"
    Cli(db).ok("init")
    proc = subprocess.Popen([zhili_exe(), "--db", str(db), "petition", "import", str(rows), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.6)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while _processes_naming(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(db) == []


def _processes_naming(path: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(path).encode() in (entry / "cmdline").read_bytes():
                    state = (entry / "stat").read_text().split(") ")[1][0]
                    if state != "Z":
                        found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_unsorted_register_is_matched_row_by_row(cli, tmp_path):
    """A chunk spanning years of stored petitions is looked up by its times one by one; a
    chunk spanning a short time by one range. Either way stored rows count as unchanged."""
    cli.ok("petition", "import", EXAMPLES / "petitions.csv", "-q")
    with (EXAMPLES / "petitions.csv").open(encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    new = list(lines[1])
    new[0], new[2] = "2019-07-07", new[2] + "（另一件）"
    wide = tmp_path / "wide.csv"  # the first and last rows, years apart, and a new one
    _write(wide, [lines[0], lines[-1], lines[1], new])
    out = cli.json("petition", "import", wide)
    assert (out["new"], out["unchanged"]) == (1, 2)
    narrow = tmp_path / "narrow.csv"
    _write(narrow, [lines[0], lines[5], lines[6]])
    assert cli.json("petition", "import", narrow)["unchanged"] == 2
    cli.ok("audit", "verify")


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_reader_errors_come_back_as_they_were():
    from zhili_cli.errors import RowError

    def bad():
        yield 1
        yield 2
        raise RowError("p.csv", 3, "受理日期", "cell_bad_date", value="2024-13-45")

    got = []
    with pytest.raises(RowError) as caught:
        for batch, _ in background.chunks(bad(), 1):
            got += batch
    assert got == [1, 2]
    assert caught.value.message() == "p.csv:3: 受理日期: 无法识别的日期 2024-13-45"


def test_a_bug_in_the_reader_is_reported_with_its_traceback():
    def buggy():
        yield 1
        {}["missing"]

    with pytest.raises(RuntimeError, match="KeyError: 'missing'"):
        list(background.chunks(buggy(), 1))


def test_a_reader_killed_mid_way_is_one_clear_error():
    from zhili_cli.errors import UserError

    def dies():
        yield 1
        yield 2
        os.kill(os.getpid(), signal.SIGKILL)  # runs in the reader: the first item is taken here
        yield 3

    with pytest.raises(UserError) as caught:
        list(background.chunks(dies(), 1))
    assert caught.value.key == "import_reader_stopped"


def test_an_error_while_storing_stops_the_reader_and_writes_nothing(cli, forks, monkeypatch):
    from zhili_cli.cli.context import Globals

    cli.ok("petition", "add", "--title", "之前的诉求", "--source", "信箱")
    before = snapshot(cli.db)
    calls = []
    real_add = petition_import._Store.add

    def failing_add(self, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        return real_add(self, rows)

    monkeypatch.setattr(petition_import._Store, "add", failing_add)
    g = Globals(db=str(cli.db))
    with pytest.raises(RuntimeError, match="the disk is full"):
        with g.write("petition import") as tx:
            petition_import.import_file(tx, g.rules_obj(), EXAMPLES / "petitions.csv")
    assert forks and _children() == []  # the reader was waited for, not left behind
    assert snapshot(cli.db) == before


def _children() -> list[int]:
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(") ", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == me:
                found.append(int(entry.name))
    return found
