"""Reading a spreadsheet export row by row, with the line number a spreadsheet would show.

CSV files are decoded as UTF-8 (with or without BOM) when they are UTF-8, otherwise as
whatever charset-normalizer finds (GBK/GB2312 exports are read as GB18030, their
superset); `--encoding` overrides. Workbooks (.xlsx, .xlsm, .xls, .ods) are read by importing/workbook.py.
Rows come out one at a time, so memory stays flat whatever the file's size.

CSV is read strictly: a quote left open (which would swallow the rest of the file into one
cell), text after a closing quote, a row with more filled cells than the header has
columns, or a NUL byte stops the import at FILE:LINE before anything is stored.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Callable, Iterator

from zhili_cli.errors import UserError

Row = tuple[int, list[str]]
_strip = str.strip

# Everything in the GB family is read as GB18030, which contains GB2312 and GBK.
_GB = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc_cn", "gb_2312", "ms936"}


class Rows:
    """An iterator of (line, cells) that also tells how far it has got: `done` of `total`
    units (bytes for CSV, rows for xlsx; total 0 when unknown), for a progress bar."""

    def __init__(self, rows: Iterator[Row], total: int, position: Callable[[], int]) -> None:
        self._rows = rows
        self.total = total
        self._position = position

    def __iter__(self) -> "Rows":
        return self

    def __next__(self) -> Row:
        return next(self._rows)

    @property
    def done(self) -> int:
        return self._position()


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def detect_encoding(path: Path) -> str:
    """utf-8-sig for a BOM; utf-8 when the whole file decodes; gb18030 when the first
    256 KB decode as it; else charset-normalizer's guess (GB18030 when it cannot tell)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 18)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if _is_utf8(path):
        return "utf-8"
    # Not UTF-8: in a Chinese compound that is almost always an Excel/WPS export in GBK.
    # Short GBK samples can look like other double-byte charsets (cp949, big5) to a
    # statistical detector, so GB18030 wins whenever the sample decodes as it.
    try:
        head.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4 and len(head) == 1 << 18:  # a character cut by the sample's end
            return "gb18030"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(head).best()
    except Exception:  # pragma: no cover - a broken install should not stop an import
        best = None
    name = (best.encoding if best else "gb18030").lower().replace("-", "_")
    if name in _GB or name.startswith("gb") or name.startswith("utf_8"):
        return "gb18030"
    return codecs.lookup(name).name


def _delimiter(path: Path, encoding: str) -> str:
    """Comma, unless the first line has none and tabs (Excel's and WPS's “text, tab
    separated” export) or semicolons instead."""
    try:
        with path.open(encoding=encoding, newline="", errors="replace") as fh:
            first = fh.readline(1 << 16)
    except (OSError, LookupError):
        return ","
    if "," in first:
        return ","
    for candidate in ("\t", ";"):
        if candidate in first:
            return candidate
    return ","


WORKBOOKS = (".xlsx", ".xlsm", ".xls", ".ods")  # read by importing/workbook.py
LEAD_ROWS = 6  # rows looked at to find the header under a sheet's title


def header_row(lead: list[list[str]]) -> int | None:
    """Which of the first rows is the header. Registers often open with a title (one merged
    cell: “龙湫湾小区诉求台账”) or blank rows: the header is the first row with two or more
    cells filled; failing that, the first row with anything in it. None for an empty file."""
    for index, cells in enumerate(lead):
        if sum(1 for c in cells if c) >= 2:
            return index
    for index, cells in enumerate(lead):
        if any(cells):
            return index
    return None


def _check(path: Path, line: int, cells: list[str], width: int) -> None:
    """Refuse a row with a NUL byte, or with filled cells beyond the header's columns (a
    comma or quote out of place has shifted it: storing it would put values in the wrong
    columns). Empty cells past the end, as spreadsheets export them, are harmless."""
    if any("\x00" in c for c in cells):
        raise UserError("csv_nul", path=str(path), line=line)
    if len(cells) > width and any(cells[width:]):
        filled = max(i for i, c in enumerate(cells) if c) + 1
        raise UserError("csv_ragged", path=str(path), line=line, cells=filled, columns=width)


def _malformed(path: Path, line: int, exc: csv.Error) -> UserError:
    text = str(exc)
    if "end of data" in text or "EOF" in text:
        return UserError("csv_open_quote", path=str(path), line=line)
    if "expected after" in text:
        return UserError("csv_after_quote", path=str(path), line=line)
    if "NUL" in text:
        return UserError("csv_nul", path=str(path), line=line)
    return UserError("file_csv", path=str(path), line=line, error=text)


def read_rows(path: Path, encoding: str | None = None, sheet: str | None = None) -> tuple[list[str], Rows]:
    """(headers, rows). Header is line 1; blank rows are skipped; cells are stripped."""
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    if path.suffix.lower() in WORKBOOKS:
        from zhili_cli.importing.workbook import read_workbook

        return read_workbook(path, sheet)
    if encoding:
        try:
            enc = codecs.lookup(encoding).name
            io.TextIOWrapper(io.BytesIO(), encoding=enc)  # rot13, base64 …: codecs, not text encodings
        except LookupError:
            raise UserError("file_unknown_encoding", path=str(path), encoding=encoding) from None
        if enc == "utf-8":
            enc = "utf-8-sig"  # a BOM is never part of the first header
    else:
        try:
            enc = detect_encoding(path)
        except OSError as exc:
            raise UserError("file_unreadable", path=str(path), error=exc.strerror or type(exc).__name__) from None
    delimiter = _delimiter(path, enc)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise UserError("file_unreadable", path=str(path), error=exc.strerror or type(exc).__name__) from None
    total = path.stat().st_size
    fh = io.TextIOWrapper(raw, encoding=enc, newline="")
    reader = csv.reader(fh, delimiter=delimiter, strict=True)
    lead: list[list[str]] = []
    try:
        for cells in reader:
            lead.append([c.strip().lstrip("\ufeff").strip() for c in cells])
            if len(lead) == LEAD_ROWS:
                break
    except UnicodeDecodeError:
        fh.close()
        raise UserError("file_encoding", path=str(path), encoding=enc) from None
    except csv.Error as exc:
        fh.close()
        raise _malformed(path, len(lead) + 1, exc) from None
    at = header_row(lead)
    if at is None:
        fh.close()
        raise UserError("file_empty", path=str(path))
    headers = lead[at]
    width = len(headers)
    for number, cells in enumerate(lead, 1):
        try:
            _check(path, number, cells, width if number > at + 1 else len(cells))
        except UserError:
            fh.close()
            raise

    def rows() -> Iterator[Row]:
        # The row number a spreadsheet shows: one per record, blank ones included, however
        # many physical lines a quoted cell spans. The header is row 1, or the row under a title.
        line = len(lead)
        try:
            for number, cells in enumerate(lead[at + 1:], at + 2):
                if any(cells):
                    yield number, cells
            for line, cells in enumerate(reader, len(lead) + 1):
                stripped = list(map(_strip, cells))
                if len(stripped) > width or "\x00" in "".join(stripped):
                    _check(path, line, stripped, width)
                if any(stripped):
                    yield line, stripped
        except UnicodeDecodeError:
            raise UserError("file_encoding_line", path=str(path), line=line + 1, encoding=enc) from None
        except csv.Error as exc:
            raise _malformed(path, line + 1, exc) from None
        finally:
            fh.close()

    def position() -> int:
        try:
            return raw.tell()
        except (ValueError, OSError):  # closed at the end
            return total

    return headers, Rows(rows(), total, position)
