"""The example compound, built from the registers packaged in zhili_cli/examples/ (modelled
on seed 000's 龙湫湾; tools/make_examples.py writes them).

Each area adds its part as a module with `build(g, examples)`; STEPS run in order,
each in its own transaction through the same services the commands use.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

# The demo's data runs to mid-2025; its clock stands there unless ZHILI_NOW says otherwise.
DEMO_NOW = "2025-06-30T18:00:00+08:00"
STEPS = ("core", "meetings", "money", "money_current")


def on_day(day: str):
    """10:00 on YYYY-MM-DD, Asia/Shanghai: when the demo's paperwork of that day is recorded."""
    from datetime import datetime

    from zhili_cli import clock

    return datetime.fromisoformat(day + "T10:00:00").replace(tzinfo=clock.TZ)


# The demo compound's service contract shares parking and advertising income with the owners
# (seed 000: 公共收益……按比例纳入业委会专项账户); shop rent is the owners' in full, collected directly.
OWNER_SHARE = '{parking: "1/2", advertising: "7/10"}'


def rules_text() -> str:
    """The demo compound's rules: the built-in defaults with its owners' share set."""
    from zhili_cli.rules.load import default_text

    text = default_text()
    empty = "  owner_share: {}\n"
    if empty not in text:
        raise RuntimeError("default.yaml no longer holds an empty public_revenue.owner_share")
    return text.replace(empty, f"  owner_share: {OWNER_SHARE}   # the demo compound's service contract\n")


def use_own_rules(g: Any) -> Path | None:
    """Unless rules were named (--rules, ZHILI_RULES, ./zhili.yaml), the demo compound runs under
    its own zhili.yaml beside its database, written there when none is (one already there is
    used as it is). Returns the file written, if any."""
    from zhili_cli.outfile import write_atomic
    from zhili_cli.rules.load import DEFAULT_NAME

    if g.rules or Path(DEFAULT_NAME).is_file():
        return None
    path = g.db_path.resolve().parent / DEFAULT_NAME
    written = None
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)  # as creating the database would
        written = write_atomic(path, rules_text(), protected=[g.db_path])
    g.rules, g._source = str(path), None
    return written


def shared_income(tx: Any, rules: Any, *, source: str, amount_fen: int, on_date: str, period: str) -> dict[str, Any]:
    """Income the property company collected and shared: recorded as its gross with the rules'
    ratio when the rules give one that yields exactly `amount_fen`, else as the amount itself."""
    from fractions import Fraction

    from zhili_cli.services import ledger

    ratio = rules.public_revenue.owner_share.get(source)
    gross = Fraction(amount_fen) / ratio if ratio else None
    if gross is not None and gross.denominator == 1:
        return ledger.income(tx, source=source, gross_fen=int(gross), on_date=on_date, period=period, rules=rules)
    return ledger.income(tx, source=source, amount_fen=amount_fen, on_date=on_date, period=period)


def examples_dir() -> Path:
    """The example registers, package data read through importlib.resources: the same files
    in a source checkout and in an installed wheel."""
    from importlib.resources import files

    root = files("zhili_cli") / "examples"
    if isinstance(root, Path) and (root / "households.csv").is_file():
        return root
    from zhili_cli.errors import UserError

    raise UserError("demo_no_examples")


def build(g: Any, examples: Path) -> dict[str, Any]:
    os.environ.setdefault("ZHILI_NOW", DEMO_NOW)
    summary: dict[str, Any] = {}
    for step in STEPS:
        try:
            module = importlib.import_module(f"zhili_cli.demo.{step}")
        except ModuleNotFoundError:
            continue
        summary[step] = module.build(g, examples)
    return summary
