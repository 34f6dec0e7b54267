"""Renderers of the one report model. Each format's module is imported only when asked for,
so a terminal report loads neither Jinja2, pygal nor WeasyPrint."""

from __future__ import annotations

import importlib
from typing import Any

FORMATS = ("terminal", "md", "html", "pdf", "csv", "json")


def render(report: Any, fmt: str) -> str | bytes:
    """The report as text (md, html, csv, json) or bytes (pdf). Terminal: use terminal.show."""
    module = importlib.import_module(f"zhili_cli.report.render.{'markdown' if fmt == 'md' else fmt}")
    return module.render(report)
