"""Report latency: `zhili report monthly` against `zhili --help`, on 1 and 10 years of data.

    .venv/bin/python bench/report_bench.py [--runs 11] [--db10 PATH] [--db1 PATH]

Builds (or reuses) two databases with the same monthly density (10 000 petitions a year):
ten years (100 000 petitions) and one year (10 000), through bench/latency.py's builder.
Times, alternating run by run as real processes, `zhili report monthly 2024-12` (terminal and
--format md) on each database and `zhili --help`, and prints the medians with two targets:
the monthly report on ten years ≤ 2× `zhili --help`, and ten years ≤ 1.2× one year (the cost
follows the month's data, not the history).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import latency  # noqa: E402  (the builder and the process timer)

MONTH = "2024-12"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--db10", type=Path)
    parser.add_argument("--db1", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zhili-report-bench-") as tmp:
        work = Path(tmp)
        dbs = {"10y": args.db10 or work / "ten.db", "1y": args.db1 or work / "one.db"}
        for label, db in dbs.items():
            if not db.exists():
                years = 10 if label == "10y" else 1
                started = time.perf_counter()
                latency.build(db, petitions=10_000 * years, years=years)
                print(f"built {db} ({10_000 * years} petitions, {years} year(s)) in "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
        env = {**os.environ, "ZHILI_NOW": latency.NOW, "ZHILI_CACHE": str(work / "cache"),
               "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        for var in ("ZHILI_RULES", "ZHILI_DB", "PYTHONDONTWRITEBYTECODE"):
            env.pop(var, None)
        commands = {"--help": [latency.ZHILI, "--help"]}
        for label, db in dbs.items():
            commands[f"monthly {label}"] = [latency.ZHILI, "--db", str(db), "report", "monthly", MONTH]
            commands[f"monthly md {label}"] = [latency.ZHILI, "--db", str(db), "report", "monthly", MONTH,
                                               "--format", "md"]
        for cmd in commands.values():
            latency._time(cmd, env)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                walls[name].append(latency._time(cmd, env)[0])
    med = {name: statistics.median(v) for name, v in walls.items()}
    print(f"\nP3 report latency, median of {args.runs} alternating runs")
    for name, value in med.items():
        print(f"  zhili {name:<18} {value * 1000:8.1f} ms")
    checks = [
        ("monthly (10 years) / zhili --help", med["monthly 10y"] / med["--help"], 2.0),
        ("monthly md (10 years) / zhili --help", med["monthly md 10y"] / med["--help"], 2.0),
        ("monthly: 10 years / 1 year", med["monthly 10y"] / med["monthly 1y"], 1.2),
        ("monthly md: 10 years / 1 year", med["monthly md 10y"] / med["monthly md 1y"], 1.2),
    ]
    ok = True
    for label, ratio, target in checks:
        met = ratio <= target
        ok &= met
        print(f"  {label:<40} {ratio:5.2f}× ≤ {target:.1f}× {'met' if met else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
