"""Explaining one rule: its effective value and the comment that documents it in the defaults."""

from __future__ import annotations

import json
import re
from typing import Any

from zhili_cli.errors import UserError


def key_parts(key: str) -> list[str | int]:
    """`expenses.tiers[0].max` or `expenses.tiers.0.max` → ["expenses", "tiers", 0, "max"]."""
    parts: list[str | int] = []
    for piece in re.findall(r"\[[^\]]*\]|[^.\[\]]+", key.strip()):
        text = piece[1:-1].strip() if piece.startswith("[") else piece.strip()
        parts.append(int(text) if text.isdigit() else text)
    return parts


def explain(rules: Any, key: str) -> str:
    from zhili_cli.rules.load import plain

    data: Any = plain(rules)
    parts = key_parts(key)
    for part in parts:
        if isinstance(data, dict) and str(part) in data:
            data = data[str(part)]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            raise UserError("rules.no_such_key", rule=key)
    if not parts:
        raise UserError("rules.no_such_key", rule=key)
    value = json.dumps(data, ensure_ascii=False)
    return "\n".join([f"{key} = {value}", *_notes(parts)])


def _notes(parts: list[str | int]) -> list[str]:
    """The comment block above the key in the default file, and its end-of-line comment;
    for a key the defaults leave out, the nearest documented key above it."""
    import yaml

    from zhili_cli.rules.load import _line_of, _loader, default_text

    text = default_text()
    lines = text.splitlines()
    line = _line_of(yaml.compose(text, Loader=_loader()), parts)
    if not line:
        return []
    i = line - 1
    block: list[str] = []
    j = i - 1
    while j >= 0 and lines[j].strip().startswith("#"):
        block.insert(0, lines[j].strip().lstrip("#").strip())
        j -= 1
    if "#" in lines[i]:
        block.append(lines[i].split("#", 1)[1].strip())
    return [b for b in block if b and not set(b) <= {"-"}]
