"""Rendering helpers for the terminal: JSON for scripts, rich tables for people.

Stored text is printed literally: every cell and title goes to rich as a `Text` (never parsed
as markup, so `[urgent]` stays and `[link=…]` is no link), and control characters, ANSI escapes
included, are shown visibly (`\\x1b`) instead of reaching the terminal."""

from __future__ import annotations

import json
import sys
from typing import Any, Iterable, Sequence

from zhili_cli.visible import literal, visible  # noqa: F401  (visible: for callers)


def emit_json(data: Any) -> None:
    from zhili_cli.cli.listing import pending_out

    if pending_out():  # a list asked for both: say so rather than drop the file
        from zhili_cli.errors import UsageError

        raise UsageError("list_out_json")
    # a console that is not UTF-8 (a redirected Windows console writes cp936) gets \\u escapes:
    # still valid JSON, nothing lost, whatever characters the data holds
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    plain = encoding.startswith("utf")
    sys.stdout.write(json.dumps(data, ensure_ascii=not plain, indent=2, default=str) + "\n")


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], keep: int = 0) -> None:
    """A table; its first `keep` columns (numbers, dates, amounts) never fold."""
    from rich.table import Table

    tbl = Table(title=None if title is None else literal(title), show_lines=False, header_style="bold")
    for i, col in enumerate(columns):
        tbl.add_column(literal(col), no_wrap=i < keep, overflow="fold")
    for row in rows:
        tbl.add_row(*[literal(v) for v in row])
    _console().print(tbl)


def kv(title: str | None, pairs: Iterable[tuple[str, Any]]) -> None:
    from rich.table import Table

    tbl = Table(title=None if title is None else literal(title), show_header=False, box=None, pad_edge=False)
    tbl.add_column(style="bold")
    tbl.add_column()
    for k, v in pairs:
        tbl.add_row(literal(k), literal(v))
    _console().print(tbl)


def say(text: str) -> None:
    sys.stdout.write(visible(text) + "\n")
