"""The one report model every renderer reads: plain dataclasses, no formatting logic.

A Report has sections; a Section has blocks. Cells hold display-ready scalars (str, int,
float or None); money is already text in yuan, rates are percentages as floats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Union

Cell = Union[str, int, float, None]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    title: str | None = None
    empty: str | None = None  # shown instead of an empty table
    kind: str = "table"


@dataclass
class Figure:
    label: str
    value: Cell
    unit: str = ""


@dataclass
class KeyFigures:
    items: list[Figure]
    kind: str = "figures"


@dataclass
class Series:
    name: str
    values: list[float]


@dataclass
class Chart:
    title: str
    labels: list[str]
    series: list[Series]
    style: str = "bar"  # bar | line
    chart_id: str = "chart"  # deterministic id for the SVG
    kind: str = "chart"


@dataclass
class Paragraph:
    text: str
    kind: str = "paragraph"


@dataclass
class Signatures:
    parties: list[str]  # who signs: one line each
    date_label: str = ""
    kind: str = "signatures"


Block = Union[Table, KeyFigures, Chart, Paragraph, Signatures]


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    break_before: bool = True  # printed on a new page (not for the first section)


@dataclass
class AuditHead:
    entries: int
    hash: str
    command: str


@dataclass
class Report:
    kind: str  # monthly | quarterly | annual | agenda | minutes
    title: str
    compound: str
    period: str
    as_of: str  # the clock the figures were taken at (ZHILI_NOW-derived)
    public: bool
    sections: list[Section] = field(default_factory=list)
    audit_head: AuditHead | None = None
    lang: str = "zh"
    footer: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
