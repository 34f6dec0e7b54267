"""Kill -9 at random points of long imports: the file opens, the chain verifies, and the data is
exactly the state before or the state after the command."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_reliability_support import checkpoint, copy_db, dump, run_zhili, zhili_exe


def _households_csv(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    lines = ["楼栋,单元,房号,面积,业主,电话,人数"]
    for i in range(n):
        lines.append(f"{i // 200 + 1},{i % 4 + 1},{(i // 4) % 50 + 101},{rng.randint(6000, 15000) / 100},"
                     f"业主{i},138{i:08d},{i % 5 + 1}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _petitions_csv(path: Path, n: int) -> Path:
    lines = ["受理日期,来源,标题,类别,楼栋,反映人,联系电话,责任方,状态"]
    for i in range(n):
        lines.append(f"2023-{i % 12 + 1:02d}-{i % 28 + 1:02d},信箱,第{i}号诉求,小,{i % 20 + 1},"
                     f"居民{i},139{i:08d},物业,办理中")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _kill_trials(tmp_path: Path, base: Path, args: list[str], trials: int, seed: int) -> dict[str, int]:
    """Run `zhili --db COPY args…` on fresh copies of `base`, killed after random delays."""
    before = dump(base)
    full = copy_db(base, tmp_path / "full.db")
    done = run_zhili("--db", full, *args)
    assert done.returncode == 0, done.stderr
    checkpoint(full)
    after = dump(full)
    assert after != before

    # how long the whole command takes, to spread the kills over its life
    started = time.monotonic()
    timing = copy_db(base, tmp_path / "timing.db")
    assert run_zhili("--db", timing, *args).returncode == 0
    span = time.monotonic() - started

    rng = random.Random(seed)
    outcomes = {"before": 0, "after": 0}
    for trial in range(trials):
        db = copy_db(base, tmp_path / f"trial{trial % 2}.db")
        proc = subprocess.Popen([zhili_exe(), "--db", str(db), *args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, span * 1.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with sqlite3.connect(db) as conn:  # recovers the write-ahead log of the killed process
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        verify = Cli(db)("audit", "verify")
        assert verify.exit_code == 0, f"trial {trial}: {verify.stdout}{verify.stderr}"
        state = dump(db)
        if state == before:
            outcomes["before"] += 1
        elif state == after:
            outcomes["after"] += 1
        else:  # pragma: no cover - the failure this test exists to catch
            pytest.fail(f"trial {trial}: the data is neither the before nor the after state")
    return outcomes


@pytest.mark.slow
def test_kill_household_import(tmp_path):
    cli = Cli(tmp_path / "base.db")
    cli.ok("init", "--name", "中断测试")
    small = _households_csv(tmp_path / "small.csv", 40, seed=1)
    cli.ok("household", "import", str(small), "-q")  # the "before" state has data of its own
    big = _households_csv(tmp_path / "big.csv", 3000, seed=2)  # updates those 40, adds the rest
    checkpoint(cli.db)
    outcomes = _kill_trials(tmp_path, cli.db, ["household", "import", str(big), "-q"], trials=20, seed=7)
    assert sum(outcomes.values()) == 20


@pytest.mark.slow
def test_kill_petition_import(tmp_path):
    cli = Cli(tmp_path / "base.db")
    cli.ok("init", "--name", "中断测试")
    cli.ok("petition", "add", "--title", "已有诉求", "--source", "信箱")
    rows = _petitions_csv(tmp_path / "p.csv", 1500)
    checkpoint(cli.db)
    outcomes = _kill_trials(tmp_path, cli.db, ["petition", "import", str(rows), "-q"], trials=8, seed=11)
    assert sum(outcomes.values()) == 8


def test_interrupted_file_still_takes_writes(tmp_path):
    """After a kill in the middle of a write, the next command works on the same file."""
    cli = Cli(tmp_path / "z.db")
    cli.ok("init")
    big = _households_csv(tmp_path / "big.csv", 6000, seed=3)
    proc = subprocess.Popen([zhili_exe(), "--db", str(cli.db), "household", "import", str(big), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.25)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    cli.ok("petition", "add", "--title", "中断之后", "--source", "信箱")
    cli.ok("audit", "verify")
    with sqlite3.connect(cli.db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM petitions").fetchone()[0] == 1
