"""The packaged example registers are exactly what tools/make_examples.py writes: no hand edit
outside the generator (a hand adjustment is recorded in the generator itself)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "src" / "zhili_cli" / "examples"


def test_generator_reproduces_the_packaged_registers(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_examples.py"), str(tmp_path)], check=True,
                   timeout=120)
    for name in ("households.csv", "petitions.csv", "members.csv"):
        assert (tmp_path / name).read_bytes() == (EXAMPLES / name).read_bytes(), name


def test_deliberated_matters_of_2018_to_2024_close_within_2024():
    """Seed 000: 2018–2024, 340 matters deliberated, 330 done — every one of them done by 2024's end."""
    import csv

    with (EXAMPLES / "petitions.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["类别"] in ("大", "难") and r["受理日期"] < "2025"]
    done = [r for r in rows if r["办结日期"]]
    assert (len(rows), len(done)) == (340, 330)
    assert max(r["办结日期"] for r in done) < "2025"
