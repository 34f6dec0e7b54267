"""Rendering helpers for the terminal: JSON for scripts, rich tables for people."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable, Sequence


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    tbl = Table(title=title, show_lines=False, header_style="bold")
    for col in columns:
        tbl.add_column(col, overflow="fold")
    for row in rows:
        tbl.add_row(*["" if v is None else str(v) for v in row])
    Console().print(tbl)


def kv(title: str | None, pairs: Iterable[tuple[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    tbl = Table(title=title, show_header=False, box=None, pad_edge=False)
    tbl.add_column(style="bold")
    tbl.add_column()
    for k, v in pairs:
        tbl.add_row(k, "" if v is None else str(v))
    Console().print(tbl)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
