"""Import benchmark: zhili's validated petition import against `sqlite-utils insert --csv` of
the same file, on a register sorted by date and on the same rows shuffled, all received at
one time and sorted by building.

    .venv/bin/python bench/import_bench.py [--rows 100000] [--repeat 5] [--memory-rows 1000000]
                                           [--skip-memory]

1. Generates a petition register of --rows lines (CSV, UTF-8, the headers of
   examples/petitions.csv), in date order; the same rows shuffled (a register in no order);
   the same rows all received at one time (a register filled in without times); and the
   same rows sorted by building (a register as a secretary keeps it).
2. Runs `zhili petition import --quiet` (full validation, numbering, deadlines, audit chain)
   and `sqlite-utils insert --csv` alternately, on every file in turn, --repeat rounds, each
   into a fresh database, as processes of this venv; wall time from the clock, CPU time
   (user + system) from the children's rusage. Medians are compared, CPU and wall apart.
3. Peak RSS of a process importing --memory-rows lines against one importing 10 000.

Targets (exit 1 when one is missed): zhili's wall and CPU each ≤ sqlite-utils' on every
file; shuffled, one time and by building ÷ sorted ≤ 1.3 (wall and CPU); peak memory, 1 M
rows ÷ 10 000 rows ≤ 1.2.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
HEADERS = ["受理日期", "来源", "标题", "内容", "类别", "楼栋", "反映人", "联系电话", "责任方", "状态", "办结日期", "反馈", "满意度"]
SOURCES = ["信箱", "走访", "巡查", "线上", "敲门日", "网格员", "热线"]
KINDS = ["大", "难", "急", "小", "私"]
TOPICS = ["水管漏水", "电梯故障", "路灯不亮", "垃圾清运", "停车纠纷", "绿化修剪", "噪音扰民", "外墙渗水", "门禁损坏", "消防通道堵塞"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def rows_of(count: int, seed: int = 7, one_time: bool = False) -> list[list[str]]:
    return list(iter_rows(count, seed, one_time))


def iter_rows(count: int, seed: int = 7, one_time: bool = False):
    rnd = random.Random(seed)
    start = datetime(2015, 1, 1, 8, 0)
    for i in range(count):
        received = start if one_time else start + timedelta(minutes=7 * i + rnd.randrange(5))
        kind = KINDS[i % 5]
        building = str(1 + i % 30)
        done = i % 3 != 0
        closed = (received + timedelta(hours=3 + i % 90)).strftime("%Y-%m-%d %H:%M") if done else ""
        yield [
            received.strftime("%Y-%m-%d %H:%M"), SOURCES[i % len(SOURCES)],
            f"{building}幢{TOPICS[i % len(TOPICS)]}#{i}", "", kind, building,
            rnd.choice(SURNAMES) + rnd.choice(GIVEN), f"13{rnd.randrange(10**9):09d}",
            "物业" if kind in ("急", "小") else "居委会", "已办结" if done else "待受理",
            closed, "已处理" if done else "", str(1 + i % 5) if done else "",
        ]


def write(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        out.writerows(rows)
    return path


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A sorted register of `rows` lines, written as it is generated."""
    write(path, iter_rows(rows, seed))


ENV = {**os.environ, "ZHILI_NOW": "2026-01-01T09:00:00+08:00", "ZHILI_USER": "bench"}


def zhili(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "zhili"), "--db", str(db), *args], env=ENV, check=True,
                          capture_output=True, text=True)


def measured(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(argv, env=ENV, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_once(work: Path, data: Path, label: str, i: int, z: list, s: list) -> None:
    """One zhili run and one sqlite-utils run on `data`, each into a fresh database."""
    name = label.replace(" ", "-")
    zdb, sdb = work / f"{name}-z{i}.db", work / f"{name}-s{i}.db"
    zhili(zdb, "init", "--name", "bench")
    z.append(measured([str(VENV_BIN / "zhili"), "--db", str(zdb), "petition", "import", "--quiet", str(data)]))
    s.append(measured([str(VENV_BIN / "sqlite-utils"), "insert", str(sdb), "petitions", str(data), "--csv"]))
    if i == 0:
        again = json.loads(zhili(zdb, "petition", "import", "--quiet", "--json", str(data)).stdout)
        assert again["new"] == 0, again
        zhili(zdb, "audit", "verify")
    for db in (zdb, sdb):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)


def compare(work: Path, files: dict[str, Path], repeat: int) -> dict[str, dict[str, float]]:
    """zhili and sqlite-utils alternately on every file, round after round (each round starts
    with the next file), so that a busy spell of the shared machine falls on every file alike."""
    runs: dict[str, tuple[list, list]] = {label: ([], []) for label in files}
    labels = list(files)
    for i in range(repeat):
        for label in labels[i % len(labels):] + labels[:i % len(labels)]:
            run_once(work, files[label], label, i, *runs[label])
    results = {}
    for label, (z, s) in runs.items():
        med = {"zw": statistics.median(w for w, _ in z), "zc": statistics.median(c for _, c in z),
               "sw": statistics.median(w for w, _ in s), "sc": statistics.median(c for _, c in s)}
        print(f"{label:<12} zhili   wall {med['zw']:6.2f} s  CPU {med['zc']:6.2f} s   "
              f"(wall {', '.join(f'{w:.2f}' for w, _ in z)}; CPU {', '.join(f'{c:.2f}' for _, c in z)})")
        print(f"{'':<12} s-utils wall {med['sw']:6.2f} s  CPU {med['sc']:6.2f} s   "
              f"(wall {', '.join(f'{w:.2f}' for w, _ in s)}; CPU {', '.join(f'{c:.2f}' for _, c in s)})")
        results[label] = med
    return results


def peak_rss(csv_path: Path, db: Path) -> int:
    """Peak resident memory (KiB) of a process running `zhili petition import`: VmHWM, which
    starts anew at exec (ru_maxrss would carry this script's own peak over to the child)."""
    code = f"""
import os, resource, sys
sys.argv = ["zhili", "--db", {str(db)!r}, "petition", "import", "--quiet", {str(csv_path)!r}]
from zhili_cli.cli.main import run
try:
    run()
except SystemExit as exc:
    if exc.code:
        raise
try:
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, file=sys.stderr)
"""
    out = subprocess.run([sys.executable, "-c", code], env=ENV, check=True, capture_output=True, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def verdict(name: str, value: float, target: float, misses: list[str]) -> None:
    ok = value <= target
    if not ok:
        misses.append(name)
    print(f"  {name:<44} {value:5.2f}×  (target ≤ {target})  {'ok' if ok else 'MISSED'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="alternating runs of zhili and sqlite-utils")
    parser.add_argument("--memory-rows", type=int, default=1_000_000)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    misses: list[str] = []
    with tempfile.TemporaryDirectory(prefix="zhili-bench-") as tmp:
        work = Path(tmp)
        rows = rows_of(args.rows)
        files = {"sorted": write(work / "sorted.csv", rows)}
        shuffled = list(rows)
        random.Random(11).shuffle(shuffled)
        files["shuffled"] = write(work / "shuffled.csv", shuffled)
        files["one time"] = write(work / "one-time.csv", iter_rows(args.rows, one_time=True))
        # a register as a secretary keeps it: by building, each building's rows by date
        files["by building"] = write(work / "by-building.csv", sorted(rows, key=lambda r: int(r[5])))
        del rows, shuffled
        print(f"{args.rows} petition rows, {files['sorted'].stat().st_size / 1e6:.1f} MB CSV; medians of "
              f"{args.repeat} alternating runs")
        results = compare(work, files, args.repeat)
        print("ratios")
        for label, med in results.items():
            verdict(f"{label}: zhili ÷ sqlite-utils, wall", med["zw"] / med["sw"], 1.0, misses)
            verdict(f"{label}: zhili ÷ sqlite-utils, CPU", med["zc"] / med["sc"], 1.0, misses)
        for label in ("shuffled", "one time", "by building"):
            verdict(f"zhili {label} ÷ sorted, wall", results[label]["zw"] / results["sorted"]["zw"], 1.3, misses)
            verdict(f"zhili {label} ÷ sorted, CPU", results[label]["zc"] / results["sorted"]["zc"], 1.3, misses)

        if not args.skip_memory:
            small, big = work / "small.csv", work / "big.csv"
            generate(small, 10_000)
            generate(big, args.memory_rows)
            for name in ("small.db", "big.db"):
                zhili(work / name, "init", "--name", "bench")
            rss_small = peak_rss(small, work / "small.db")
            t0 = time.perf_counter()
            rss_big = peak_rss(big, work / "big.db")
            t_big = time.perf_counter() - t0
            print(f"peak RSS, 10 000 rows: {rss_small / 1024:6.1f} MiB; {args.memory_rows} rows: "
                  f"{rss_big / 1024:6.1f} MiB ({t_big:.1f} s)")
            verdict("memory, big ÷ 10 000 rows", rss_big / rss_small, 1.2, misses)
    print("targets met" if not misses else f"targets MISSED: {', '.join(misses)}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
