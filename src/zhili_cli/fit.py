"""Fitting a list to the terminal's width without splitting a number.

A reference number, a date, an amount or a masked phone is a run of ASCII characters: it is
never broken across lines. A short cell (a status, a fund, a body: up to `SHORT` cells wide)
is never broken either. Longer text wraps between words, between Chinese characters and at the
edges of such runs; a run longer than its column is folded only when nothing else is possible.

When even the narrowest layout is wider than the terminal, whole columns are left out, the
least important first (the command says which, else from the right), never the first; the
caller tells the reader which ones (`--out` writes them all).
"""

from __future__ import annotations

import re
from typing import Sequence

from rich.cells import cell_len

SHORT = 12  # cells: a vocabulary word (专项维修资金), a date, a short number stays whole
FLOOR = 8  # cells: a wrapped text column is never narrower than this (four Chinese characters)
_CLOSE = "，。、；：！？）》」』”’〉】,.;:!?)"  # never at the start of a line
_OPEN = "（《「『“‘〈【"  # never at the end of a line
# whitespace, an ASCII run, one character (with the brackets that open or close it)
_UNIT = re.compile(rf"\s+|[{_OPEN}]*[!-~]+[{_CLOSE}]*|[{_OPEN}]*[^{_OPEN}][{_CLOSE}]*|[{_OPEN}]+", re.S)


def _units(line: str) -> list[str]:
    return _UNIT.findall(line)


def min_width(text: str) -> int:
    """The narrowest this cell can be shown without breaking a number or a short word."""
    best = 0
    for line in text.splitlines() or [""]:
        width = cell_len(line)
        if width <= SHORT:
            best = max(best, width)
            continue
        longest = max((cell_len(u) for u in _units(line) if not u.isspace()), default=0)
        best = max(best, min(width, max(longest, FLOOR)))
    return best


def natural_width(text: str) -> int:
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _fold(unit: str, width: int) -> list[str]:
    parts, cur = [], ""
    for ch in unit:
        if cur and cell_len(cur + ch) > width:
            parts.append(cur)
            cur = ""
        cur += ch
    return parts + [cur] if cur else parts


def wrap(text: str, width: int) -> str:
    """`text` broken into lines of at most `width` cells, only where `min_width` allows."""
    out: list[str] = []
    for line in text.splitlines() or [""]:
        if cell_len(line) <= width:
            out.append(line)
            continue
        cur = ""
        for unit in _units(line):
            if unit.isspace():
                if cur and cell_len(cur + unit) <= width:
                    cur += unit  # kept as written (two spaces between parts stay two)
                elif cur:
                    out.append(cur.rstrip())
                    cur = ""
                continue
            if cell_len(cur + unit) <= width:
                cur += unit
            elif cell_len(unit) <= width:
                if cur.strip():
                    out.append(cur.rstrip())
                cur = unit
            else:
                if cur.strip():
                    out.append(cur.rstrip())
                pieces = _fold(unit, width)  # nothing else fits: the run itself is folded
                out.extend(pieces[:-1])
                cur = pieces[-1]
        out.append(cur.rstrip())
    return "\n".join(out)


def hang(text: str, width: int, indent: int = 4) -> str:
    """`text` wrapped to `width` (as `wrap`), its later lines indented by `indent` spaces."""
    first = wrap(text, width).split("\n")[0]
    if not text.startswith(first):  # leading blanks: no hanging indent to keep
        return wrap(text, width)
    rest = text[len(first):].lstrip()
    if not rest:
        return first
    return "\n".join([first, *(" " * indent + line for line in wrap(rest, max(width - indent, FLOOR)).split("\n"))])


def layout(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int,
           keep: int = 0, drop: Sequence[int] | None = None) -> tuple[list[int], list[int]]:
    """(the columns shown, their widths) for a table of at most `width` cells.

    `keep`: the first columns are never wrapped; `drop`: the order in which columns are left
    out when the narrowest layout does not fit (then the others from the right; never the first)."""
    n = len(columns)
    natural = [max([natural_width(columns[i])] + [natural_width(r[i]) for r in rows]) for i in range(n)]
    least = [max([min_width(columns[i])] + [min_width(r[i]) for r in rows]) for i in range(n)]
    for i in range(min(keep, n)):
        least[i] = natural[i]
    order = [i for i in (drop or ()) if 0 < i < n]
    order += [i for i in range(n - 1, 0, -1) if i not in order]
    shown = list(range(n))

    def room(cols: list[int]) -> int:
        return width - (3 * len(cols) + 1)  # a border and a space either side per column

    while sum(least[i] for i in shown) > room(shown) and order:
        shown.remove(order.pop(0))
    widths = {i: least[i] for i in shown}
    spare = room(shown) - sum(widths.values())
    # give the spare cells to the columns still short of their natural width, narrowest first
    while spare > 0:
        short = [i for i in shown if widths[i] < natural[i]]
        if not short:
            break
        share = max(1, spare // len(short))
        for i in sorted(short, key=lambda i: natural[i] - widths[i]):
            add = min(share, natural[i] - widths[i], spare)
            widths[i] += add
            spare -= add
            if spare <= 0:
                break
    return shown, [widths[i] for i in shown]


def fitted_table(columns: Sequence[str], rows: Sequence[Sequence[object]], width: int, *, title: str | None = None,
                 keep: int = 0, drop: Sequence[int] | None = None, **options: object) -> tuple[object, list[str]]:
    """The rich Table of `rows` laid out for `width` (see layout), and the headers of the columns
    left out: the one drawing of a table for the lists and for the reports on the terminal."""
    from rich.table import Table

    from zhili_cli.visible import literal, visible

    header = [visible(c) for c in columns]
    cells = [[visible(v) for v in row] for row in rows]
    shown, widths = layout(header, cells, width, keep=keep, drop=drop)
    tbl = Table(title=None if title is None else literal(title), header_style="bold", **options)  # type: ignore[arg-type]
    for i, w in zip(shown, widths):
        tbl.add_column(literal(wrap(header[i], w)), width=w, no_wrap=True, overflow="fold")
    for row in cells:
        tbl.add_row(*[literal(wrap(row[i], w)) for i, w in zip(shown, widths)])
    return tbl, [header[i] for i in range(len(header)) if i not in shown]
