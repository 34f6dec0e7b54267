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
                charts[id(block)] = Markup(svg(block, height=230 if block.money else 260))
    qr = Markup(qr_svg(report.audit_head.hash)) if report.audit_head else ""
    return environment(escape=True).get_template("report.html.j2").render(r=report, charts=charts, qr=qr)


def qr_svg(text: str) -> str:
    """The QR code of `text` as inline SVG (segno; black on white, no XML declaration)."""
    import io

    import segno

    buf = io.BytesIO()
    segno.make(text, error="m").save(buf, kind="svg", xmldecl=False, svgns=True, scale=4, border=2,
                                     dark="#000", light="#fff", omitsize=True)
    return buf.getvalue().decode("utf-8")
