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
    wide: bool = False  # many columns: printed in a smaller type so that it fits A4 portrait
    kind: str = "table"
    drop: tuple[int, ...] = ()  # a narrow terminal leaves these columns out first (then from the right)


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
    money: bool = False  # values in yuan: axis and labels with thousands separators
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
    break_before: bool = False  # printed on a new page (long documents only; never the first section)


@dataclass
class AuditHead:
    entries: int
    hash: str
    command: str
    short: str = ""  # the first 12 hex characters, grouped for reading: 83a6 b67f 883a


@dataclass
class Report:
    kind: str  # monthly | quarterly | annual | agenda | minutes
    title: str
    compound: str
    period: str
    as_of: str  # 数据截至: the period's last day, or the time now while the period runs
    public: bool
    sections: list[Section] = field(default_factory=list)
    audit_head: AuditHead | None = None
    lang: str = "zh"
    footer: str = ""
    # the frame (report/frame.py): the only parts that may differ between two prints of a past period
    dates: str = ""  # 2024-04-01 至 2024-06-30
    printed: str = ""  # when this copy was printed
    unfinished: bool = False  # the period has not ended: figures are provisional
    status_note: str = ""
    internal_mark: str = ""  # 内部材料 不得张贴 (internal documents, on every page)
    posted: str = ""  # 公示期
    contact: str = ""  # 监督电话 and place for objections
    issuers: list[str] = field(default_factory=list)  # 落款: the issuing bodies, each with a seal space
    issue_date: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
