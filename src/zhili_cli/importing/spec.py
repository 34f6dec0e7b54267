"""Describing an importable register: its fields, their header synonyms and parsers, and
the validation pass that turns rows into records or FILE:LINE: column: problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from zhili_cli.errors import RowError, UserError
from zhili_cli.importing.cells import CellError


@dataclass(frozen=True)
class Field:
    name: str
    synonyms: tuple[str, ...]
    parse: Callable[[str], Any] = str
    required: bool = False
    default: Any = None


@dataclass(frozen=True)
class Spec:
    name: str
    fields: tuple[Field, ...]
    check_row: Callable[[dict[str, Any]], None] | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _norm(header: str) -> str:
    return header.strip().lower().replace(" ", "").replace("_", "").replace("（", "(").replace("）", ")")


def map_headers(spec: Spec, headers: list[str], path: Path, extra: dict[str, str] | None = None) -> dict[str, int]:
    """field name → column index. A missing required column names what was found."""
    wanted = {f.name: {_norm(s) for s in (f.name, *f.synonyms)} for f in spec.fields}
    extra_norm = {_norm(k): v for k, v in (extra or {}).items()}
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _norm(header)
        if key in extra_norm and extra_norm[key] in wanted:
            mapping.setdefault(extra_norm[key], index)
            continue
        for name, names in wanted.items():
            if key in names and name not in mapping:
                mapping[name] = index
                break
    for f in spec.fields:
        if f.required and f.name not in mapping:
            raise UserError("import_missing_column", path=str(path), column=f.name,
                            synonyms="/".join(f.synonyms[:4]), found=", ".join(h for h in headers if h))
    return mapping


def records(spec: Spec, path: Path, headers: list[str], rows: Iterator[tuple[int, list[str]]],
            mapping: dict[str, int], errors: list[str] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Parse each row. The first bad cell raises RowError, unless `errors` is given (a dry
    run): then each problem is appended there and the bad row skipped."""
    for line, cells in rows:
        try:
            yield line, _record(spec, path, headers, line, cells, mapping)
        except RowError as exc:
            if errors is None:
                raise
            errors.append(exc.message())


def _record(spec: Spec, path: Path, headers: list[str], line: int, cells: list[str],
            mapping: dict[str, int]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for f in spec.fields:
        index = mapping.get(f.name)
        raw = cells[index] if index is not None and index < len(cells) else ""
        column = headers[index] if index is not None else f.name
        if raw == "":
            if f.required:
                raise RowError(str(path), line, column, "cell_required")
            record[f.name] = f.default
            continue
        try:
            record[f.name] = f.parse(raw)
        except (CellError, UserError) as exc:
            raise RowError(str(path), line, column, exc.key, **exc.params) from None
    if spec.check_row:
        try:
            spec.check_row(record)
        except CellError as exc:
            raise RowError(str(path), line, str(exc.params.get("column", "-")), exc.key, **exc.params) from None
    return record
