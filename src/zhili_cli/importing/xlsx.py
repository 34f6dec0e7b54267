"""Reading the first (or a named) sheet of an .xlsx workbook, streamed with openpyxl's
read-only mode so a large register never sits in memory whole.

Cells come out as the text a secretary sees: date cells as 2024-03-05 (with the time when
there is one), whole numbers without `.0`, other numbers in their shortest form
(118.32, not 118.32000000000001), booleans as 是/否.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

from zhili_cli.errors import UserError
from zhili_cli.importing.reader import LEAD_ROWS, Row, Rows, header_row


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


def read_xlsx(path: Path, sheet: str | None = None) -> tuple[list[str], Rows]:
    """(headers, rows) of one sheet: the first, or `sheet` by name or 1-based number."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise UserError("xlsx_unavailable") from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UserError("xlsx_unreadable", path=str(path), error=type(exc).__name__) from None
    names = book.sheetnames
    if sheet is None:
        ws = book[names[0]]
    elif sheet in names:
        ws = book[sheet]
    elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
        ws = book[names[int(sheet) - 1]]
    else:
        book.close()
        raise UserError("xlsx_no_sheet", path=str(path), sheet=sheet, sheets=", ".join(names))
    total = ws.max_row or 0
    ws.reset_dimensions()  # exporters often write a wrong <dimension>; read to the real end
    it = ws.iter_rows(values_only=True)
    lead: list[list[str]] = []
    for values in it:
        lead.append([cell_text(v) for v in values])
        if len(lead) == LEAD_ROWS:
            break
    at = header_row(lead)
    if at is None:
        book.close()
        raise UserError("file_empty", path=str(path))
    header = lead[at]
    while header and header[-1] == "":
        header.pop()
    state = {"line": len(lead)}

    def rows() -> Iterator[Row]:
        try:
            for number, cells in enumerate(lead[at + 1:], at + 2):
                if any(cells):
                    yield number, cells
            n = len(lead)
            for values in it:
                n += 1
                state["line"] = n
                cells = [cell_text(v) for v in values]
                if any(cells):
                    yield n, cells
        finally:
            book.close()

    return header, Rows(rows(), total, lambda: state["line"])
