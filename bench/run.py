"""Run every benchmark script in this directory, one after another, and summarise.

    .venv/bin/python bench/run.py [-k NAME] [-- ARGS passed to each script]

A benchmark is any `*.py` here other than this file (and files starting with `_`). Each runs
as its own process with this interpreter; its exit status says whether its targets were met.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts(select: str | None = None) -> list[Path]:
    found = sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name and not p.name.startswith("_"))
    return [p for p in found if select is None or select in p.stem]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", dest="select", help="only the scripts whose name contains this")
    args = parser.parse_args(argv)

    todo = scripts(args.select)
    if not todo:
        print("no benchmark scripts found", file=sys.stderr)
        return 1
    results: list[tuple[str, int, float]] = []
    for script in todo:
        print(f"==> {script.name}", flush=True)
        started = time.perf_counter()
        code = subprocess.run([sys.executable, str(script), *extra], cwd=HERE.parent).returncode
        results.append((script.name, code, time.perf_counter() - started))
        print(flush=True)
    print("Summary")
    for name, code, seconds in results:
        verdict = "targets met" if code == 0 else f"targets NOT met or failed (exit {code})"
        print(f"  {name:<24} {verdict:<40} {seconds:7.1f} s")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
