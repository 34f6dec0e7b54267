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
