"""The report as one self-contained HTML page (inline CSS and SVG), A4 print CSS, from
templates/report.html.j2. The PDF is this page printed by WeasyPrint."""

from __future__ import annotations

from typing import Any

from zhili_cli.report.render.templating import environment


def render(report: Any) -> str:
    from markupsafe import Markup

    from zhili_cli.report.render.charts import svg

    charts = {}
    for section in report.sections:
        for block in section.blocks:
            if block.kind == "chart":
                charts[id(block)] = Markup(svg(block))
    return environment(escape=True).get_template("report.html.j2").render(r=report, charts=charts)
