"""Command latency on ten years of data and on the demo, against a bare Typer app in the
same interpreter.

    .venv/bin/python bench/latency.py [--runs 11] [--db PATH] [--demo PATH]

1. Builds (or reuses, with --db) a database of 10 years: 100 000 petitions with their history,
   1 500 households (one in twenty flagged 独居老人 and visited monthly), volunteer service
   every other day, written through the audited store layer in one transaction; and (or
   reuses, with --demo) the demo compound (`zhili demo`: meetings, motions, expenses, ledger).
2. Times, alternating run by run, as real processes of this interpreter, on each database:
   every everyday read — `petition list|show|stats|list --overdue`, `household list`,
   `meeting list`, `motion list`, `expense list`, `ledger balance` — and the secretary's desk
   (`today`, `petition list --search` with a two-character and a four-character word,
   `household list --flag` with the last visits, `volunteer list`, `audit log`), three of them
   as the screen shows them (tables drawn with rich, not JSON), a monthly report as
   Markdown, `zhili --help`, and a bare Typer app printing "hello" and its `--help`.
3. Prints the medians (wall and CPU apart) and the ratios with their targets: each read
   ≤ 1.25× the bare app, the Markdown report ≤ 1.5×, `zhili --help` ≤ 1.1× the bare `--help`;
   a target is met when both ratios are within it. Exits 1 when any target is missed, and
   says by how much.
   No cache of any kind is kept between runs: every figure is a cold read of the database.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
ZHILI = str(BIN / "zhili")
NOW = "2025-01-01T10:00:00+08:00"

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    """Print hello."""
    print("hello")


if __name__ == "__main__":
    app()
'''

READS = {
    "petition list": ["petition", "list", "--limit", "20", "--json"],
    "petition show": ["petition", "show", "{petition}", "--json"],
    "petition stats": ["petition", "stats", "--json"],
    "petition list --overdue": ["petition", "list", "--overdue", "--json"],
    "household list": ["household", "list", "--json"],
    "meeting list": ["meeting", "list", "--json"],
    "motion list": ["motion", "list", "--json"],
    "expense list": ["expense", "list", "--json"],
    "ledger balance": ["ledger", "balance", "--json"],
}
# the other commands a secretary runs every day, timed and held to the same target
DESK = {
    "today": ["today", "--json"],
    "petition list --search (2 chars)": ["petition", "list", "--search", "电梯", "--json"],
    "petition list --search (4 chars)": ["petition", "list", "--search", "车库漏水", "--json"],
    "household list --flag (visits)": ["household", "list", "--flag", "独居老人", "--json"],
    "volunteer list": ["volunteer", "list", "--json"],
    "audit log": ["audit", "log", "--json"],
}
# what the secretary reads on the screen: the same reads drawn as tables (rich), not JSON
TERMINAL = {
    "petition list (terminal)": ["petition", "list", "--limit", "20"],
    "petition stats (terminal)": ["petition", "stats"],
    "today (terminal)": ["today"],
}
READS.update(DESK)
READS.update(TERMINAL)
TITLES = ("电梯经常停运", "地下车库漏水", "楼道灯不亮", "垃圾清运不及时", "绿化带缺少修剪", "门禁卡失灵",
          "高空抛物", "噪音扰民", "电动车楼道充电", "停车位被占", "水压不足", "外墙渗水")
TEXTS = ("", "晚上八点以后尤其明显，已经持续一周。", "请尽快安排维修。", "老人孩子出入不便，希望物业处理。")
TARGETS = {**{name: 1.25 for name in READS}, "report monthly --format md": 1.5, "--help": 1.10}


def build(path: Path, petitions: int = 100_000, households: int = 1_500, years: int = 10, seed: int = 3) -> None:
    """The database: through store.Tx so the audit chain is real and `audit verify` passes."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    os.environ.setdefault("ZHILI_NOW", NOW)
    from zhili_cli import clock
    from zhili_cli.domain import petitions as rules_of
    from zhili_cli.rules.load import default_text, validate
    from zhili_cli.services import setup
    from zhili_cli.store import db as store_db
    from zhili_cli.store.tx import Tx

    rules = validate(default_text(), "defaults")
    setup.init(path, None, name="基准小区", has_committee=True, actor="bench")
    conn = store_db.open_db(path)
    rnd = random.Random(seed)
    kinds = ["major", "difficult", "urgent", "minor", "private", None]
    sources = ["mailbox", "visit", "patrol", "online", "door_knocking", "grid", "hotline"]
    parties = ["property", "owners_committee", "residents_committee"]
    start = datetime(2025 - years, 1, 1, 8, 0, tzinfo=clock.TZ)  # the data ends where NOW stands
    span_minutes = years * 365 * 24 * 60
    settled_before = clock.from_iso(NOW) - timedelta(days=180)
    with store_db.immediate(conn):
        tx = Tx(conn, "bench", "bench build", at=clock.from_iso(NOW))
        for i in range(households):
            tx.insert("households", {
                "building": str(i // 60 + 1), "unit": str(i % 60 // 20 + 1), "room": str(101 + i % 20),
                "area_x100": rnd.randint(6000, 16000), "owner": f"业主{i}", "phone": f"138{i:08d}",
                "residents": rnd.randint(1, 5), "flags": "独居老人" if i % 20 == 7 else "",
                "building_lead": int(i % 60 == 0), "developer_unsold": 0})
        # the flagged households are visited about once a month, for ten years
        for hid in range(8, households + 1, 20):
            for month in range(years * 12):
                on = start + timedelta(days=month * 365 * years // (years * 12) + rnd.randrange(25))
                tx.insert("visits", {"household_id": hid, "on_date": on.date().isoformat(), "by_name": "网格员",
                                     "note": "上门看望，一切正常", "recorded_at": clock.iso(on), "recorded_by": "bench"})
        # volunteer service a few times a week, now and then points redeemed
        for day in range(0, years * 365, 2):
            on = start + timedelta(days=day)
            name = f"志愿者{day % 80}"
            redeem = day % 30 == 0
            tx.insert("volunteer_entries", {"name": name, "on_date": on.date().isoformat(),
                                            "kind": "redeem" if redeem else "service",
                                            "hours_x100": 0 if redeem else 200, "activity": "" if redeem else "楼道清扫",
                                            "points": -10 if redeem else 20, "recorded_at": clock.iso(on),
                                            "recorded_by": "bench"})
        seqs: dict[int, int] = {}
        for i in range(petitions):
            received = start + timedelta(minutes=span_minutes * i // petitions + rnd.randrange(30))
            year = received.year
            seqs[year] = seqs.get(year, 0) + 1
            kind = kinds[i % len(kinds)]
            roll = rnd.random()
            if received < settled_before:  # older matters have long been dealt with
                status = ("verified" if roll < 0.6 else "done" if roll < 0.9 else "rejected" if roll < 0.95
                          else "referred")
            else:  # the last half year: everything from just received to verified
                status = ("verified" if roll < 0.3 else "done" if roll < 0.5 else "rejected" if roll < 0.55
                          else "in_progress" if roll < 0.85 else "received")
            triaged = received + timedelta(hours=rnd.randint(1, 100)) if status != "received" else None
            if triaged and triaged > clock.from_iso(NOW):
                triaged = clock.from_iso(NOW)
            closed = received + timedelta(days=rnd.randint(1, 40)) if status in ("done", "verified") else None
            if closed and closed > clock.from_iso(NOW) - timedelta(days=2):
                closed = clock.from_iso(NOW) - timedelta(days=2)
            row = {
                "number": rules_of.format_number("P", year, seqs[year]), "year": year, "seq": seqs[year],
                "received_at": clock.iso(received), "source": sources[i % len(sources)],
                "kind": kind if status != "received" else None, "title": f"{TITLES[i % len(TITLES)]}（{i}）",
                "text": TEXTS[i % len(TEXTS)],
                "building": str(1 + i % 25), "reporter": f"居民{i % 900}", "reporter_phone": f"139{i:08d}",
                "status": status, "responsible": parties[i % 3] if triaged else None,
                "response_due": clock.iso(received + timedelta(hours=72)),
                "completion_due": clock.iso(received + timedelta(days=30)) if triaged else None,
                "triaged_at": clock.iso(triaged), "closed_at": clock.iso(closed),
                "feedback": "已处理" if closed else None,
                "verified_at": clock.iso(closed + timedelta(days=2)) if status == "verified" else None,
                "satisfaction": rnd.randint(1, 5) if status == "verified" else None,
                "reject_reason": "不属于受理范围" if status == "rejected" else None,
                "referred_to": "街道城管科" if status == "referred" else None,
            }
            pid = tx.insert("petitions", row)
            tx.insert("petition_events", {"petition_id": pid, "at": row["received_at"], "actor": "bench",
                                          "action": "add", "from_status": None, "to_status": "received"})
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd` as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def measure(dbs: dict[str, Path], runs: int, workdir: Path) -> dict[str, float]:
    bare = workdir / "bare_app.py"
    bare.write_text(BARE_APP, "utf-8")
    env = {**os.environ, "ZHILI_NOW": NOW, "ZHILI_CACHE": str(workdir / "cache"),
           # bytecode cached as on a user's machine, for both apps alike (in a private directory,
           # so the tree and the installed packages are left as they are)
           "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}
    for var in ("ZHILI_RULES", "PYTHONDONTWRITEBYTECODE", "ZHILI_DB"):
        env.pop(var, None)
    commands = {"bare": [sys.executable, str(bare)], "bare --help": [sys.executable, str(bare), "--help"],
                "--help": [ZHILI, "--help"]}
    for label, db in dbs.items():
        conn = sqlite3.connect(db)
        number, month = conn.execute("SELECT number, substr(received_at, 1, 7) FROM petitions "
                                     "ORDER BY received_at DESC LIMIT 1").fetchone()
        conn.close()
        for name, args in READS.items():
            commands[f"{label}: {name}"] = [ZHILI, "--db", str(db), *(a.format(petition=number) for a in args)]
        commands[f"{label}: report monthly --format md"] = [ZHILI, "--db", str(db), "report", "monthly", month,
                                                            "--format", "md"]
    for cmd in commands.values():  # warm the OS cache, the bytecode and the rules mark
        _time(cmd, env)
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            wall, cpu = _time(cmd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    medians = {name: statistics.median(values) for name, values in walls.items()}
    medians.update({f"cpu:{name}": statistics.median(values) for name, values in cpus.items()})
    return medians


def report(medians: dict[str, float], prefix: str = "") -> list[tuple[str, float, float, float, float]]:
    rows = []
    for key in medians:
        if key.startswith("cpu:") or key.startswith("bare"):
            continue
        name = key.split(": ", 1)[-1]
        base = medians[prefix + ("bare --help" if name == "--help" else "bare")]
        value = medians[prefix + key]
        rows.append((key, value * 1000, base * 1000, value / base, TARGETS[name]))
    return rows


def build_demo(path: Path) -> None:
    env = {**os.environ, "ZHILI_CACHE": str(path.parent / "demo-cache")}
    subprocess.run([ZHILI, "demo", "--db", str(path)], env=env, check=True, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--db", type=Path, help="reuse (or build once at) this ten-year database")
    parser.add_argument("--demo", type=Path, help="reuse (or build once at) this demo database")
    parser.add_argument("--petitions", type=int, default=100_000)
    parser.add_argument("--households", type=int, default=1_500)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="zhili-latency-") as tmp:
        workdir = Path(tmp)
        db = args.db or workdir / "ten_years.db"
        if not db.exists():
            started = time.perf_counter()
            build(db, petitions=args.petitions, households=args.households)
            print(f"built {db} ({args.petitions} petitions, {args.households} households, 10 years) "
                  f"in {time.perf_counter() - started:.1f} s", flush=True)
        demo = args.demo or workdir / "demo.db"
        if not demo.exists():
            build_demo(demo)
        medians = measure({"10y": db, "demo": demo}, args.runs, workdir)
    print(f"\ncommand latency, median of {args.runs} alternating runs (python {sys.version.split()[0]})")
    print(f"  bare Typer app: hello {medians['bare'] * 1000:.1f} ms (CPU {medians['cpu:bare'] * 1000:.1f}), "
          f"--help {medians['bare --help'] * 1000:.1f} ms")
    print(f"  {'command':<40} {'wall ms':>8} {'ratio':>6} {'CPU ms':>7} {'ratio':>6} {'target':>7}")
    print("  (a target is met when both the wall and the CPU ratio are within it)")
    ok = True
    misses = []
    cpu = {key: (ms, ratio) for key, ms, _, ratio, _ in report(medians, "cpu:")}
    for key, ms, _, ratio, target in report(medians):
        worst = max(ratio, cpu[key][1])
        met = worst <= target
        ok &= met
        if not met:
            misses.append(f"{key}: {worst:.2f}× against ≤ {target:.2f}× ({(worst / target - 1) * 100:.0f} % over)")
        print(f"  {key:<40} {ms:8.1f} {ratio:5.2f}× {cpu[key][0]:7.1f} {cpu[key][1]:5.2f}× "
              f"{'≤ %.2f×' % target:>7} {'met' if met else 'NOT MET'}")
    total = len(report(medians))
    print(f"\n{total - len(misses)} of {total} targets met" + ("" if ok else "; missed:"))
    for miss in misses:
        print(f"  {miss}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
