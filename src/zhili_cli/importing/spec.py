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
    # the same text always gives the same value: a file's parser keeps the values of the
    # first MEMO_TEXTS distinct texts (a building, a rating) instead of parsing them again
    memo: bool = False


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


_BARE_UNIT = re.compile(r"(?:㎡|m²|\(㎡\))$")


def _norm(header: str) -> str:
    """Headers compare without case, spaces, underscores, dashes, colons, a required-mark `*`,
    full-width brackets, or a trailing unit such as （㎡）, (元) or a bare ㎡ (面积㎡, as zhili prints it)."""
    key = header.strip().lower().translate(_BRACKETS)
    key = _UNIT.sub("", key) or key
    return _BARE_UNIT.sub("", key) or key


def field_named(spec: Spec, name: str) -> str:
    """The field `--map HEADER=NAME` means: its English name, or any of its Chinese or English
    column names (楼栋, 面积㎡, 反映人: the words zhili prints and recognises as headers).
    An unknown or ambiguous name is refused with the fields listed in both forms."""
    if any(f.name == name for f in spec.fields):
        return name
    key = _norm(name)
    found = [f.name for f in spec.fields if key in {_norm(s) for s in (f.name, *f.synonyms)}]
    if len(found) != 1:
        raise UsageError("import_map_field", field=name,
                         fields=", ".join(f"{f.synonyms[0]}/{f.name}" for f in spec.fields))
    return found[0]


def map_headers(spec: Spec, headers: list[str], path: Path, extra: dict[str, str] | None = None) -> dict[str, int]:
    """field name → column index. `extra` (from --map 'HEADER=field', the field by its English
    or Chinese name) wins over synonyms. A missing required column names what was found."""
    wanted = {f.name: {_norm(s) for s in (f.name, *f.synonyms)} for f in spec.fields}
    extra_norm: dict[str, str] = {}
    for header, name in (extra or {}).items():
        name = field_named(spec, name)
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
    parse = _compile(spec, str(path), headers, mapping)
    file = str(path)
    check = spec.check_row
    for line, cells in rows:
        try:
            record = parse(line, cells)
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


MEMO_TEXTS = 4096  # distinct texts remembered per field and file: memory stays flat


def _compile(spec: Spec, file: str, headers: list[str], mapping: dict[str, int]) -> Callable[[int, list[str]], dict]:
    """A parser for one row of this file, written out field by field: the same checks as a
    loop over the fields, without the loop's cost on every row of a large register."""
    env: dict[str, Any] = {"RowError": RowError, "CellError": CellError, "UserError": UserError, "FILE": file}
    columns = []
    body = ["def parse(line, cells):", "    n = len(cells)", "    at = 0", "    try:"]
    for i, f in enumerate(spec.fields):
        index = mapping.get(f.name)
        columns.append(headers[index] if index is not None else f.name)
        env[f"P{i}"] = f.parse
        env[f"D{i}"] = f.default
        if f.memo:
            env[f"P{i}"] = _memo(f.parse)
        if index is None:
            if f.required:  # map_headers refuses this before any row is read
                body.append(f"        raise RowError(FILE, line, COLUMNS[{i}], 'cell_required')")
            body.append(f"        v{i} = D{i}")
            continue
        body += [f"        at = {i}",
                 f"        raw = cells[{index}] if {index} < n else ''",
                 "        if raw == '':",
                 (f"            raise RowError(FILE, line, COLUMNS[{i}], 'cell_required')" if f.required
                  else f"            v{i} = D{i}"),
                 "        else:",
                 f"            v{i} = P{i}(raw)"]
    body.append("        return {" + ", ".join(f"{f.name!r}: v{i}" for i, f in enumerate(spec.fields)) + "}")
    body += ["    except RowError:",
             "        raise",
             "    except (CellError, UserError) as exc:",
             "        raise RowError(FILE, line, COLUMNS[at], exc.key, **exc.params) from None"]
    env["COLUMNS"] = columns
    exec("\n".join(body), env)  # the source is built from field positions only, never from file contents
    return env["parse"]


def _memo(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """`parse`, remembering the values of the first MEMO_TEXTS texts (a text that fails is
    not remembered: it fails again, with its own line)."""
    seen: dict[str, Any] = {}

    def parse_once(raw: str) -> Any:
        try:
            return seen[raw]
        except KeyError:
            value = parse(raw)
            if len(seen) < MEMO_TEXTS:
                seen[raw] = value
            return value

    return parse_once


def content_key(record: dict[str, Any], names: tuple[str, ...]) -> str:
    """A short hash of some fields of a record: the natural key of rows that have no number
    of their own (income and expense lines, imported petitions). Re-imports match on it."""
    import hashlib

    basis = "\x1f".join("" if record.get(n) is None else str(record[n]) for n in names)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def column_of(headers: list[str], mapping: dict[str, int], name: str) -> str:
    """The header a field was read from, for error messages."""
    return headers[mapping[name]] if name in mapping else name
