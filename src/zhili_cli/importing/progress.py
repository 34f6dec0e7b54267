"""A progress bar for long imports: shown on a terminal, silent otherwise or when quiet.

Services never touch rich. They take a plain callback `progress(done, total)` and call it
every few thousand rows through `ticking`; the CLI makes the callback with `bar`, which
imports rich only when it is going to draw.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

Callback = Callable[[int, int], None]

EVERY = 2048  # rows between updates: cheap enough for 100 000-row files, smooth enough to watch


def wanted(*, quiet: bool = False) -> bool:
    if quiet:
        return False
    try:
        return sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def bar(label: str, *, quiet: bool = False) -> Iterator[Optional[Callback]]:
    """Yields a callback drawing a transient rich bar on stderr, or None when not wanted."""
    if not wanted(quiet=quiet):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    # Redrawn by the callback, not by rich's refresh thread: the bar moves when rows do.
    progress = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True, auto_refresh=False)
    task = progress.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total or None)
        progress.refresh()

    with progress:
        yield update


def ticking(rows, progress: Optional[Callback], every: int = EVERY):
    """Pass rows through, calling progress(rows.done, rows.total) every `every` rows."""
    if progress is None:
        yield from rows
        return
    total = getattr(rows, "total", 0)
    n = 0
    for row in rows:
        n += 1
        if n % every == 0:
            progress(getattr(rows, "done", n), total)
        yield row
    progress(total or n, total or n)
