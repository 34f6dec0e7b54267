"""Describing an importable register: its fields, their header synonyms and parsers, and
the validation pass that turns rows into records or FILE:LINE: column: problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from zhili_cli.errors import RowError, UsageError, UserError
from zhili_cli.importing.cells import CellError


@dataclass(frozen=True)
class Field:
    name: str
    synonyms: tuple[str, ...]
    parse: Callable[[str], Any] = str
    required: bool = False
    default: Any = None
    doc: str = ""  # what the cell holds, for docs/import.md


@dataclass(frozen=True)
class Spec:
    name: str
    fields: tuple[Field, ...]
    check_row: Callable[[dict[str, Any]], None] | None = None

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


_UNIT = re.compile(r"\((?:㎡|m²|m2|平方米|平米|元|人民币|万元|人|日期|yyyy-mm-dd|rmb|cny|yuan|¥|￥)\)$")
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")", "：": "", ":": "",
                           " ": "", "_": "", "-": "", "\u3000": "", "*": ""})


def _norm(header: str) -> str:
    """Headers compare without case, spaces, underscores, dashes, colons, a required-mark `*`,
    full-width brackets, or a trailing unit such as （㎡） or (元)."""
    key = header.strip().lower().translate(_BRACKETS)
    return _UNIT.sub("", key) or key


def map_headers(spec: Spec, headers: list[str], path: Path, extra: dict[str, str] | None = None) -> dict[str, int]:
    """field name → column index. `extra` (from --map 'HEADER=field') wins over synonyms. A
    missing required column names what was found."""
    wanted = {f.name: {_norm(s) for s in (f.name, *f.synonyms)} for f in spec.fields}
    extra_norm: dict[str, str] = {}
    for header, name in (extra or {}).items():
        if name not in wanted:
            raise UsageError("import_map_field", field=name, fields=", ".join(wanted))
        if _norm(header) not in {_norm(h) for h in headers}:
            raise UsageError("import_map_header", header=header, found=", ".join(h for h in headers if h))
        extra_norm[_norm(header)] = name
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = _norm(header)
        if key in extra_norm:
            mapping.setdefault(extra_norm[key], index)
    taken = set(mapping.values())
    for index, header in enumerate(headers):
        if index in taken:
            continue
        key = _norm(header)
        if not key or key in extra_norm:
            continue
        for name, names in wanted.items():
            if key in names and name not in mapping:
                mapping[name] = index
                break
    for f in spec.fields:
        if f.required and f.name not in mapping:
            raise UserError("import_missing_column", path=str(path), column=f.name,
                            synonyms="/".join(f.synonyms[:4]), found=", ".join(h for h in headers if h) or "-")
    return mapping


def records(spec: Spec, path: Path, headers: list[str], rows: Iterator[tuple[int, list[str]]],
            mapping: dict[str, int], errors: list[str] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Parse each row. The first bad cell raises RowError, unless `errors` is given (a dry
    run): then each problem is appended there and the bad row skipped."""
    plan = _plan(spec, headers, mapping)
    file = str(path)
    check = spec.check_row
    for line, cells in rows:
        n = len(cells)
        record: dict[str, Any] = {}
        try:
            for name, index, parse, required, default, column in plan:
                raw = cells[index] if index is not None and index < n else ""
                if raw == "":
                    if required:
                        raise RowError(file, line, column, "cell_required")
                    record[name] = default
                    continue
                try:
                    record[name] = parse(raw)
                except (CellError, UserError) as exc:
                    raise RowError(file, line, column, exc.key, **exc.params) from None
            if check:
                try:
                    check(record)
                except CellError as exc:
                    params = dict(exc.params)
                    column = column_of(headers, mapping, str(params.pop("column", "-")))
                    raise RowError(file, line, column, exc.key, **params) from None
        except RowError as exc:
            if errors is None:
                raise
            errors.append(exc.message())
            continue
        yield line, record


def _plan(spec: Spec, headers: list[str], mapping: dict[str, int]) -> list[tuple]:
    plan = []
    for f in spec.fields:
        index = mapping.get(f.name)
        column = headers[index] if index is not None else f.name
        plan.append((f.name, index, f.parse, f.required, f.default, column))
    return plan


def content_key(record: dict[str, Any], names: tuple[str, ...]) -> str:
    """A short hash of some fields of a record: the natural key of rows that have no number
    of their own (income and expense lines, imported petitions). Re-imports match on it."""
    import hashlib

    basis = "\x1f".join("" if record.get(n) is None else str(record[n]) for n in names)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def column_of(headers: list[str], mapping: dict[str, int], name: str) -> str:
    """The header a field was read from, for error messages."""
    return headers[mapping[name]] if name in mapping else name
