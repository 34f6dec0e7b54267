"""The report as CSV for spreadsheets: each table (and each set of key figures) as a block —
a title row, a header row, the rows — with an empty row between blocks."""

from __future__ import annotations

import csv as _csv
import io
from typing import Any

from zhili_cli.report.render.text import cell, figure


def render(report: Any) -> str:
    buf = io.StringIO()
    out = _csv.writer(buf, lineterminator="\n")
    out.writerow([report.compound, report.title, report.period, report.as_of])
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
    if report.audit_head:
        out.writerow([])
        out.writerow([report.audit_head.command])
    return buf.getvalue()
