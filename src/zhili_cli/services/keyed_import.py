"""The import loop shared by registers whose lines carry no number of their own (income,
past expenses): each line is known by a content key, and only new lines are stored.

Identical lines are genuine repeats (three ¥20 parking fees on one day): the n-th line of
the file with a content key K is known as `K` when n = 1 and `K#n` after, so each is stored
once and a re-import of the same file, or of a grown one, finds every line it stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable


def import_lines(spec: Any, path: Path, *, key: Callable[[dict[str, Any]], str],
                 stored: Callable[[str], bool] | None, write: Callable[[dict[str, Any], str], None] | None,
                 encoding: str | None = None, sheet: str | None = None, mapping: dict[str, str] | None = None,
                 dry_run: bool = False, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """All or nothing (the caller's transaction). A line whose key (with its occurrence
    number) `stored(key)` finds is unchanged; `write(record, key)` stores each new one, and a
    CellError it raises (with `column=` the field) is reported as that line's problem.
    With `dry_run` every problem is collected and `write` is not called."""
    from zhili_cli.errors import RowError
    from zhili_cli.importing.cells import CellError
    from zhili_cli.importing.progress import ticking
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import column_of, map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(spec, headers, path, mapping)
    problems: list[str] = []
    counts = {"new": 0, "unchanged": 0, "changed": 0, "rows": 0}
    occurrences: dict[str, int] = {}
    for line, rec in records(spec, path, headers, ticking(rows, progress), columns, problems if dry_run else None):
        counts["rows"] += 1
        k = key(rec)
        n = occurrences[k] = occurrences.get(k, 0) + 1
        if n > 1:
            k = f"{k}#{n}"
        if stored is not None and stored(k):
            counts["unchanged"] += 1
            continue
        counts["new"] += 1
        if write is not None and not dry_run:
            try:
                write(rec, k)
            except CellError as exc:  # the line is sound but the books refuse it: said as FILE:LINE too
                params = dict(exc.params)
                column = column_of(headers, columns, str(params.pop("column", "-")))
                raise RowError(str(path), line, column, exc.key, **params) from None
    return {"counts": counts, "problems": problems}
