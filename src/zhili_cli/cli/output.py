"""Rendering helpers for the terminal: JSON for scripts, rich tables for people.

Stored text is printed literally: every cell and title goes to rich as a `Text` (never parsed
as markup, so `[urgent]` stays and `[link=…]` is no link), and control characters, ANSI escapes
included, are shown visibly (`\\x1b`) instead of reaching the terminal."""

from __future__ import annotations

import json
import re
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


def terminal_width() -> int:
    """The width lists are fitted to (COLUMNS when set, else the terminal's, else 80)."""
    return _console().width


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]], keep: int = 0,
          drop: Sequence[int] | None = None) -> None:
    """A table fitted to the terminal (cli/fit.py): numbers and reference numbers never split,
    text wrapped; when it cannot fit, the columns in `drop` (least important first; default
    from the right) are left out and named on stderr. The first `keep` columns never wrap."""
    from zhili_cli.fit import fitted_table

    console = _console()
    tbl, left_out = fitted_table(columns, list(rows), console.width, title=title, keep=keep, drop=drop,
                                 show_lines=False)
    console.print(tbl)
    if left_out:
        from zhili_cli.i18n import t

        sys.stderr.write(visible(t("table_columns_left_out", columns=t("table_columns_sep").join(left_out))) + "\n")


_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?")


def screen_when(value: Any, *, day: bool = False) -> Any:
    """A stored ISO timestamp as shown on screen: `2026-12-02 19:49` in Asia/Shanghai, or its
    date alone for a deadline (due at the end of its day); anything else as it is."""
    if not isinstance(value, str) or not _ISO_TIME.fullmatch(value):
        return value
    from zhili_cli import clock

    when = clock.from_iso(value)
    if when is None:
        return value
    if when.tzinfo is not None:
        when = when.astimezone(clock.TZ)
    return when.strftime("%Y-%m-%d" if day else "%Y-%m-%d %H:%M")


def kv(title: str | None, pairs: Iterable[tuple[str, Any]]) -> None:
    from rich.table import Table

    tbl = Table(title=None if title is None else literal(title), show_header=False, box=None, pad_edge=False)
    tbl.add_column(style="bold")
    tbl.add_column()
    for k, v in pairs:
        tbl.add_row(literal(k), literal(screen_when(v)))
    _console().print(tbl)


def say(text: str) -> None:
    sys.stdout.write(visible(text) + "\n")
