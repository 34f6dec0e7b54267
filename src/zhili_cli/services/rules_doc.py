"""Explaining one rule: its effective value and the comment that documents it in the defaults."""

from __future__ import annotations

import json
from typing import Any

from zhili_cli.errors import UserError


def explain(rules: Any, key: str) -> str:
    from zhili_cli.rules.load import default_text, plain

    data: Any = plain(rules)
    for part in key.split("."):
        if isinstance(data, dict) and part in data:
            data = data[part]
        else:
            raise UserError("rules_no_key", key=key)
    leaf = key.split(".")[-1]
    lines = default_text().splitlines()
    notes: list[str] = []
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{leaf}:") or line.strip().startswith(f"- tier: {leaf}"):
            j = i - 1
            block: list[str] = []
            while j >= 0 and lines[j].strip().startswith("#"):
                block.insert(0, lines[j].strip().lstrip("#").strip())
                j -= 1
            if "#" in line:
                block.append(line.split("#", 1)[1].strip())
            notes = [b for b in block if b and not set(b) <= {"-"}]
            break
    value = json.dumps(data, ensure_ascii=False)
    return "\n".join([f"{key} = {value}", *notes])
