"""How cells and figures read as text, the same in every format."""

from __future__ import annotations

from typing import Any

DASH = "—"


def cell(value: Any) -> str:
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def figure(fig: Any) -> str:
    text = cell(fig.value)
    if fig.value is None or not fig.unit:
        return text
    return f"{text}{fig.unit}" if fig.unit == "%" else f"{text} {fig.unit}"
