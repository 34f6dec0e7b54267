"""The report as Markdown, from templates/report.md.j2."""

from __future__ import annotations

from typing import Any

from zhili_cli.report.render.templating import environment


def render(report: Any) -> str:
    return environment(escape=False).get_template("report.md.j2").render(r=report)
