"""The numbers people type for a record: `P2025-001`, `2025-001`, or `001` meaning this year's.

A bare number is the sequence number within the current year, never an internal id. Parsing
is here; the look-up (and the refusal naming the candidates) is `store.refs.find` used by
every service's `load()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FULL = re.compile(r"^([A-Za-z]{1,4})?\s*(\d{4})\s*[-－/]\s*(\d{1,6})$")
_SEQ = re.compile(r"^#?(\d{1,6})$")


@dataclass(frozen=True)
class Ref:
    prefix: str | None  # upper case, or None when not typed
    year: int | None    # None: this year's
    seq: int


def parse(text: str | None) -> Ref | None:
    """`P2025-001`, `p2025-1`, `2025-001`, `001`, `1`; None when it is not a record number."""
    from zhili_cli.domain.keys import normalize_key

    value = normalize_key(text or "").replace(" ", "")
    match = _FULL.match(value)
    if match:
        prefix = match.group(1).upper() if match.group(1) else None
        return Ref(prefix, int(match.group(2)), int(match.group(3)))
    match = _SEQ.match(value)
    if match and int(match.group(1)) > 0:
        return Ref(None, None, int(match.group(1)))
    return None
