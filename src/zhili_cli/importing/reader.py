"""Reading a spreadsheet export row by row, with the line number a spreadsheet would show."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from zhili_cli.errors import UserError

Row = tuple[int, list[str]]


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when it decodes, else GB18030 (a superset of GBK/GB2312)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # a character cut by the sample's end
            return "utf-8"
    return "gb18030"


def read_rows(path: Path, encoding: str | None = None, sheet: str | None = None) -> tuple[list[str], Iterator[Row]]:
    """(headers, rows). Header is line 1; blank rows are skipped; cells are stripped."""
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from zhili_cli.importing.xlsx import read_xlsx

        return read_xlsx(path, sheet)
    enc = encoding or detect_encoding(path)
    try:
        fh = io.TextIOWrapper(path.open("rb"), encoding=enc, newline="")
        reader = csv.reader(fh)
        header = next(reader, None)
    except (UnicodeDecodeError, LookupError):
        raise UserError("file_encoding", path=str(path), encoding=enc) from None
    if header is None:
        raise UserError("file_empty", path=str(path))
    headers = [h.strip().lstrip("\ufeff") for h in header]

    def rows() -> Iterator[Row]:
        line = 1
        try:
            for cells in reader:
                line = reader.line_num
                stripped = [c.strip() for c in cells]
                if any(stripped):
                    yield line, stripped
        except UnicodeDecodeError:
            raise UserError("file_encoding_line", path=str(path), line=line + 1, encoding=enc) from None
        except csv.Error as exc:
            raise UserError("file_csv", path=str(path), line=line + 1, error=str(exc)) from None
        finally:
            fh.close()

    return headers, rows()
