"""The secretary's desk on a large file: what the search index costs an import, and how fast
`petition list --search` is next to `petition list`.

    .venv/bin/python bench/desk_bench.py [--rows 100000] [--repeat 3] [--runs 7]

1. Imports the same generated register (bench/import_bench.py) into fresh databases, alternately
   with the search index kept by triggers (as zhili does) and with the index and its triggers
   dropped before the import; prints the medians.
2. On the indexed database, times real processes (median of --runs, alternating):
   `petition list --limit 20 --json` against `petition list --search …` with a common and a rare
   word of three characters or more (the trigram index), a common two-character word (LIKE, which
   stops at the 20th match) and a two-character word found nowhere (LIKE over every row:
   the worst case), and `household find`.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_bench import VENV_BIN, generate, measured, zhili  # noqa: E402

SEARCHES = {
    "list (no search)": [],
    "search 电梯故障 (index, 10 % match)": ["--search", "电梯故障"],
    "search #77777 (index, 1 match)": ["--search", "#77777"],
    "search 漏水 (2 chars, LIKE, common)": ["--search", "漏水"],
    "search 无此 (2 chars, LIKE, no match)": ["--search", "无此"],
}


def drop_index(db: Path) -> None:
    conn = sqlite3.connect(db)
    for name in ("search_petitions_ai", "search_petitions_ad", "search_petitions_au"):
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE search_petitions")
    conn.commit()
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exe = str(VENV_BIN / "zhili")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "petitions.csv"
        generate(data, args.rows)
        with_index, without = [], []
        keep = None
        for i in range(args.repeat):
            for label, times in (("with", with_index), ("without", without)):
                db = work / f"{label}{i}.db"
                zhili(db, "init", "--name", "bench")
                if label == "without":
                    drop_index(db)
                times.append(measured([exe, "--db", str(db), "petition", "import", "--quiet", str(data)])[0])
                if label == "with" and keep is None:
                    keep = db
        w, wo = statistics.median(with_index), statistics.median(without)
        print(f"import {args.rows} rows, with the search index: {w:.2f} s ({', '.join(f'{x:.2f}' for x in with_index)})")
        print(f"import {args.rows} rows, without:               {wo:.2f} s ({', '.join(f'{x:.2f}' for x in without)})")
        print(f"the index costs the import {w - wo:+.2f} s ({(w / wo - 1) * 100:+.0f} %)")
        assert keep is not None
        zhili(keep, "audit", "verify")
        size = sum(p.stat().st_size for p in keep.parent.glob(keep.name + "*"))
        print(f"database with index: {size / 2**20:.1f} MiB")
        times: dict[str, list[float]] = {k: [] for k in SEARCHES}
        for _ in range(args.runs):
            for label, extra in SEARCHES.items():
                times[label].append(measured([exe, "--db", str(keep), "petition", "list", "--limit", "20",
                                              "--json", *extra])[0])
        base = statistics.median(times["list (no search)"])
        for label, values in times.items():
            med = statistics.median(values)
            print(f"{label:<40} {med * 1000:7.0f} ms  ({med / base:.2f}× list)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
