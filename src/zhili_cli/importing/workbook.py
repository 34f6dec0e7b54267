"""Reading the first (or a named) sheet of a workbook: .xlsx, .xlsm, .xls and .ods, all with
python-calamine (one reader, in Rust, for the formats street offices send).

Workbooks come from outside, so the reader is bounded before it unpacks anything: an .xlsx
or .ods (a zip) whose members would unpack to more than MAX_UNPACKED bytes is refused from
its directory (a 3 MB zip bomb claims gigabytes), an .xls larger than MAX_FILE is refused,
a sheet of more than MAX_ROWS rows or a cell longer than MAX_CELL is refused at its line.
A file that is not the workbook its name says (a CSV or a web page saved as .xls, a damaged
or encrypted file) is refused in one line that says what it is and what to do.

Cells come out as the text a secretary sees: date cells as 2024-03-05 (with the time when
there is one), whole numbers without `.0`, other numbers in their shortest form
(118.32, not 118.32000000000001), booleans as 是/否.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from zhili_cli.errors import UserError
from zhili_cli.importing.reader import LEAD_ROWS, Row, Rows, header_row

MAX_UNPACKED = 256 * 1024 * 1024  # bytes a zipped workbook may unpack to
MAX_FILE = 64 * 1024 * 1024  # bytes of an .xls (not zipped)
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_CELL = 32_767  # Excel's own limit on the characters of a cell


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%Y-%m-%d %H:%M" if not value.second else "%Y-%m-%d %H:%M:%S")
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        # Binary floats from formulas (118.32000000000001): Excel keeps 15 significant
        # digits, so the number rounded to 15 digits is what the secretary typed or saw.
        text = format(Decimal(repr(value)).normalize(), "f") if "e" in repr(value) else repr(value)
        rounded = f"{value:.15g}"
        if "e" not in rounded and len(rounded) < len(text):
            text = rounded
        return text
    return str(value).strip()


def _kind(path: Path) -> str:
    """What the file is, from its first bytes: zip, ole (old Excel), html, text or unknown."""
    with path.open("rb") as fh:
        head = fh.read(512)
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    low = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if low.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        return "html"
    if head and b"\x00" not in head:
        return "text"
    return "unknown"


def _check_size(path: Path) -> None:
    try:
        kind = _kind(path)
    except OSError as exc:
        raise UserError("file_unreadable", path=str(path), error=exc.strerror or type(exc).__name__) from None
    if kind in ("html", "text"):
        raise UserError("workbook_is_" + kind, path=str(path))
    if kind == "zip":
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UserError("xlsx_unreadable", path=str(path), error=type(exc).__name__) from None
        if unpacked > MAX_UNPACKED:
            raise UserError("workbook_too_big", path=str(path), size=unpacked // (1024 * 1024),
                            limit=MAX_UNPACKED // (1024 * 1024))
    elif path.stat().st_size > MAX_FILE:
        raise UserError("workbook_too_big", path=str(path), size=path.stat().st_size // (1024 * 1024),
                        limit=MAX_FILE // (1024 * 1024))


def read_workbook(path: Path, sheet: str | None = None) -> tuple[list[str], Rows]:
    """(headers, rows) of one sheet: the first, or `sheet` by name or 1-based number."""
    _check_size(path)
    try:
        import python_calamine as calamine
    except ImportError:  # pragma: no cover - python-calamine is a dependency
        raise UserError("xlsx_unavailable") from None
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        if not names:
            raise UserError("file_empty", path=str(path))
        if sheet is None:
            name = names[0]
        elif sheet in names:
            name = sheet
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            name = names[int(sheet) - 1]
        else:
            raise UserError("xlsx_no_sheet", path=str(path), sheet=sheet, sheets=", ".join(names))
        ws = book.get_sheet_by_name(name)
    except UserError:
        raise
    except Exception as exc:  # calamine's errors: damaged XML, a zip or OLE it cannot read, a password
        raise UserError("xlsx_unreadable", path=str(path), error=_short(exc)) from None
    total = ws.total_height
    if total > MAX_ROWS:
        raise UserError("workbook_too_many_rows", path=str(path), rows=total, limit=MAX_ROWS)
    file = str(path)
    it = iter(ws.iter_rows())
    lead: list[list[str]] = []
    for values in it:
        lead.append(_cells(file, len(lead) + 1, values))
        if len(lead) == LEAD_ROWS:
            break
    at = header_row(lead)
    if at is None:
        raise UserError("file_empty", path=file)
    header = lead[at]
    while header and header[-1] == "":
        header.pop()
    state = {"line": len(lead)}

    def rows() -> Iterator[Row]:
        for number, cells in enumerate(lead[at + 1:], at + 2):
            if any(cells):
                yield number, cells
        n = len(lead)
        for values in it:
            n += 1
            state["line"] = n
            cells = _cells(file, n, values)
            if any(cells):
                yield n, cells

    return header, Rows(rows(), total, lambda: state["line"])


def _cells(file: str, line: int, values: list[Any]) -> list[str]:
    cells = [cell_text(v) for v in values]
    for text in cells:
        if len(text) > MAX_CELL:
            raise UserError("workbook_cell_too_long", path=file, line=line, limit=MAX_CELL)
    return cells


def _short(exc: Exception) -> str:
    """calamine's message, first line, trimmed: what went wrong, without a page of detail."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
