"""Motion rules that are plain logic (no database): how a typed assignment is read."""

from __future__ import annotations

from zhili_cli.errors import UserError


def split_assignment(value: str) -> tuple[str, str]:
    """`name=choice` (also `：` or `:`) → (name, choice)."""
    for sep in ("=", "：", ":"):
        if sep in value:
            name, _, what = value.partition(sep)
            if name.strip() and what.strip():
                return name.strip(), what.strip()
    raise UserError("motion_bad_assignment", value=value)
