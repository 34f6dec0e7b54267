"""Sharing a cost among households by exclusive area (Civil Code art. 283).

Largest-remainder method on integers: every share is amount × area ÷ total area rounded
down, and the fen left over go one each to the largest remainders; ties go to the earlier
key (building, unit, room order as given), so the result is deterministic and the shares
sum exactly to the amount.
"""

from __future__ import annotations

from typing import Hashable, Sequence


def allocate(amount_fen: int, areas: Sequence[tuple[Hashable, int]]) -> list[tuple[Hashable, int, int]]:
    """`areas`: (key, area_x100) in display order. Returns (key, area_x100, share_fen)."""
    if amount_fen < 0:
        raise ValueError("amount must not be negative")
    if not areas:
        raise ValueError("no households")
    if any(a < 0 for _, a in areas):
        raise ValueError("area must not be negative")
    total = sum(a for _, a in areas)
    if total <= 0:
        raise ValueError("total area is zero")
    base = [amount_fen * a // total for _, a in areas]
    rema = [amount_fen * a % total for _, a in areas]
    left = amount_fen - sum(base)
    order = sorted(range(len(areas)), key=lambda i: (-rema[i], i))
    for i in order[:left]:
        base[i] += 1
    return [(key, area, base[i]) for i, (key, area) in enumerate(areas)]
