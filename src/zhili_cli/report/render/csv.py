"""The report as CSV for spreadsheets: each table (and each set of key figures) as a block —
a title row, a header row, the rows — with an empty row between blocks."""

from __future__ import annotations

import csv as _csv
import io
from typing import Any

import re

from zhili_cli.report.render.text import cell, figure

_NUMBER = re.compile(r"[-+]?[\d,]*\.?\d+(e[-+]?\d+)?%?", re.I)
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def safe(value: Any) -> str:
    """A cell a spreadsheet reads as text, never as a formula (OWASP "CSV injection"): a cell
    that begins with = + - @ tab or CR gets a leading apostrophe, unless it is a plain number
    (-1,200.00 stays a number)."""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(_RISKY) and not _NUMBER.fullmatch(text) and text.strip("-—") != "":  # "-": nothing, not a formula
        return "'" + text
    return text


class _Writer:
    """csv.writer whose every cell goes through `safe`."""

    def __init__(self, buf: io.StringIO):
        self._out = _csv.writer(buf, lineterminator="\n")

    def writerow(self, row: list[Any]) -> None:
        self._out.writerow([safe(v) for v in row])


def render(report: Any) -> str:
    buf = io.StringIO()
    out = _Writer(buf)
    out.writerow([report.compound, report.title, report.period, report.dates, report.as_of])
    for section in report.sections:
        for block in section.blocks:
            title = section.title + (f" · {block.title}" if getattr(block, "title", None) else "")
            if block.kind == "table":
                out.writerow([])
                out.writerow([title])
                out.writerow(block.columns)
                for row in block.rows:
                    out.writerow([cell(v) for v in row])
            elif block.kind == "figures":
                out.writerow([])
                out.writerow([title])
                for fig in block.items:
                    out.writerow([fig.label, figure(fig)])
            elif block.kind == "chart":
                out.writerow([])
                out.writerow([title])
                out.writerow(["", *block.labels])
                for series in block.series:
                    out.writerow([series.name, *[cell(v) for v in series.values]])
    out.writerow([])
    for line in (report.internal_mark, report.status_note, report.posted, report.contact):
        if line:
            out.writerow([line])
    if report.audit_head:
        out.writerow([report.audit_head.short, report.audit_head.hash])
        out.writerow([report.audit_head.command])
    if report.issuers:
        out.writerow([*report.issuers, report.issue_date])
    return buf.getvalue()
