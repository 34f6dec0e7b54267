"""Every `list` command's `--out FILE`: the rows it shows, as a spreadsheet.

`.csv` is UTF-8 with a byte-order mark (Excel then reads the Chinese right); `.xlsx` is a real
workbook (openpyxl) with the header row frozen and the column widths set. Any other suffix is
refused before any work. The file holds the whole record, every column `--json` gives, under
the names zhili prints (`full_sheet`), masked as on the screen unless the command's own
`--reveal` was given (and audited). Cells that a spreadsheet would run as a
formula (starting with =, +, -, @, a tab or a carriage return, except plain numbers) are
written with a leading apostrophe. Files go through `outfile.write_atomic`: never the
database or the rules, never an existing file without `--force`.

In a command (one option pair and one call):

    out: Optional[str] = listing.OUT, force: bool = listing.FORCE
    ...
    listing.out_or(ctx, out, force, table)(title, columns, rows)
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import typer

from zhili_cli.i18n import t

SUFFIXES = (".csv", ".xlsx")
META_KEY = "zhili.list_out"


def _check_suffix(ctx: typer.Context, value: Optional[str]) -> Optional[str]:
    """Refuse a suffix no list can be written as, before the command does anything."""
    if value is None:
        return None
    from zhili_cli.errors import UsageError

    if Path(value).suffix.lower() not in SUFFIXES:
        raise UsageError("list_out_suffix", path=value, allowed=" / ".join(SUFFIXES))
    ctx.find_root().meta[META_KEY] = value
    return value


OUT = typer.Option(None, "--out", help=t("opt.list_out"), callback=_check_suffix)
FORCE = typer.Option(False, "--force", help=t("opt.list_force"))


def pending_out() -> Optional[str]:
    """The `--out` of the running list command, if any (JSON output then refuses)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    return ctx.find_root().meta.get(META_KEY) if ctx is not None else None


def limit_for(ctx: typer.Context, out: Optional[str], limit: int) -> Optional[int]:
    """A register written to a file holds every row unless `--limit` was given: the screen's
    default page size does not cut a spreadsheet short."""
    from typer._click.core import ParameterSource

    if out and ctx.get_parameter_source("limit") in (ParameterSource.DEFAULT, None):
        return None
    return limit or None


def page(get: Callable[[Optional[int]], list[Any]], limit: Optional[int],
         count: Optional[Callable[[], int]] = None) -> tuple[list[Any], Optional[int]]:
    """The rows of a list cut at `limit` and, when the cut left rows out, how many there are
    in all (else None): `get(n)` fetches at most n rows (None: all), `count()` counts them
    when a cheaper count exists."""
    if not limit:
        return get(None), None
    rows = get(limit + 1)
    if len(rows) <= limit:
        return rows, None
    return rows[:limit], count() if count is not None else len(get(None))


def note_cut(shown: int, total: Optional[int]) -> None:
    """Say on stderr that a default limit cut the list (never in the --json data on stdout)."""
    if total is not None and total > shown:
        from zhili_cli.visible import visible

        typer.echo(visible(t("list_cut", shown=shown, total=total)), err=True)


def header(key: str) -> str:
    """A record's key as a spreadsheet header: the name zhili prints for it (field.KEY, col.KEY,
    sheet.KEY in the catalogue), the key itself when it has none."""
    from zhili_cli.i18n import catalogue

    entries = catalogue()
    for prefix in ("field.", "col.", "sheet."):
        if prefix + key in entries:
            return t(prefix + key)
    return key


def yes_no(value: Any) -> str:
    return t("word.yes") if value else t("word.no")


def full_sheet(records: Sequence[dict[str, Any]], words: Optional[dict[str, Callable[[Any], Any]]] = None,
               names: Optional[dict[str, str]] = None) -> tuple[list[str], list[list[Any]]]:
    """Every key of the records (the objects --json gives, masked the same way), in first-seen
    order, under its printed name (`names[key]` where the list names it otherwise); codes put
    into words by `words[key]`, yes/no for flags, amounts in fen (`…_fen`) as yuan."""
    keys: list[str] = []
    for record in records:
        keys += [k for k in record if k not in keys]
    words, names = words or {}, names or {}

    def cell(key: str, value: Any) -> Any:
        if value is None:
            return ""
        if key in words:
            return words[key](value)
        if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
            sign, fen = ("-" if value < 0 else ""), abs(value)
            return f"{sign}{fen // 100}.{fen % 100:02d}"
        if isinstance(value, bool):
            return t("word.yes") if value else t("word.no")
        if isinstance(value, (list, tuple)):
            return "、".join(str(v) for v in value)
        if isinstance(value, dict):
            import json

            return json.dumps(value, ensure_ascii=False)
        return value

    return [names.get(k) or header(k) for k in keys], [[cell(k, r.get(k)) for k in keys] for r in records]


def out_or(ctx: typer.Context, out: Optional[str], force: bool, render: Callable[..., None],
           records: Optional[Sequence[dict[str, Any]]] = None,
           words: Optional[dict[str, Callable[[Any], Any]]] = None,
           names: Optional[dict[str, str]] = None) -> Callable[..., None]:
    """`render` (the terminal table) when there is no `--out`, else a writer of the list: of
    `records` (every column --json has, see full_sheet) when given, else of the table's rows."""
    if not out:
        return render

    def write(title: Optional[str], columns: Sequence[str], rows: Any, **_: Any) -> None:
        from zhili_cli.cli.context import globals_of
        from zhili_cli.outfile import write_atomic

        g = globals_of(ctx)
        if records:  # none: the table's header alone
            columns, rows = full_sheet(records, words, names)
        rows = [list(r) for r in rows]
        path = Path(out)
        data = to_xlsx(title, columns, rows) if path.suffix.lower() == ".xlsx" else to_csv(columns, rows)
        protected = [g.db_path]
        source = g.rules_source()
        if getattr(source, "path", None):
            protected.append(Path(source.path))
        write_atomic(path, data, force=force, protected=protected)
        typer.echo(t("list_out_written", path=str(path), rows=len(rows)))

    return write


def plain(value: Any) -> Any:
    """A cell's value: numbers stay numbers, everything else is text ("" for nothing)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)


@functools.cache
def _safe() -> Callable[[str], str]:
    """report/render/csv.safe, imported on the first cell written, not when a list command starts."""
    from zhili_cli.report.render.csv import safe

    return safe


def neutral(value: Any) -> Any:
    """A CSV cell as a spreadsheet will take it: text that would run as a formula gets a leading
    apostrophe (report/render/csv.safe, the one rule for every CSV zhili writes)."""
    value = plain(value)
    return value if not isinstance(value, str) else _safe()(value)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutral(c) for c in columns])
    for row in rows:
        writer.writerow([neutral(v) for v in row])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _width(value: Any) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


def to_xlsx(title: Optional[str], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_name(title))
    widths = [_width(c) for c in columns]
    for row in rows[:2000]:  # widths from the first rows: enough to size every column
        for i, v in enumerate(row[:len(widths)]):
            widths[i] = max(widths[i], _width(plain(v)))
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w + 2, 6), 60)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=neutral(c))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in rows:
        cells = []
        for v in row:
            value = neutral(v)  # the apostrophe too: the sheet may be saved again as CSV
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, whatever it starts with
            cells.append(cell)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_name(title: Optional[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", title or "Sheet").strip() or "Sheet"
    return name[:31]
