"""Stored text as the terminal should show it: literally (never parsed as rich markup) and with
control characters, ANSI escapes included, written as visible escapes (`\\x1b`)."""

from __future__ import annotations

from typing import Any

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides that can
# make a line read differently from what is stored.
_INVISIBLE = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
              *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_VISIBLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _INVISIBLE}


def visible(value: Any) -> str:
    """The text as stored, with control characters written as escapes."""
    return "" if value is None else str(value).translate(_VISIBLE)


def literal(value: Any, style: str | None = None) -> Any:
    """A rich Text holding the value literally (no markup, no emoji codes)."""
    from rich.text import Text

    return Text(visible(value), style=style or "")
