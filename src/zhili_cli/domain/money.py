"""Money in integer fen (分). Text like `5,000.00元`, `¥5000`, `1.2万` parses exactly."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from zhili_cli.errors import UserError

# Above this a figure is surely a typing slip for one compound's books: 10 亿 yuan.
MAX_FEN = 100_000_000_000

_STRIP = re.compile(r"[\s,，¥￥]|元|人民币|RMB|CNY", re.IGNORECASE)


def parse_yuan(text: str | int | float | Decimal, *, allow_zero: bool = False) -> int:
    """Yuan text to fen. Refuses negative, non-numeric, more than 2 decimals, absurd sizes."""
    raw = str(text).strip()
    _check_grouping(raw)
    cleaned = _STRIP.sub("", raw)
    scale = Decimal(1)
    if cleaned.endswith("万"):
        cleaned, scale = cleaned[:-1], Decimal(10_000)
    elif cleaned.endswith("亿"):
        cleaned, scale = cleaned[:-1], Decimal(100_000_000)
    if not cleaned or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", cleaned):
        raise UserError("amount_not_number", value=raw)
    try:
        value = Decimal(cleaned) * scale
    except InvalidOperation:
        raise UserError("amount_not_number", value=raw) from None
    if value < 0:
        raise UserError("amount_negative", value=raw)
    if value == 0 and not allow_zero:
        raise UserError("amount_zero", value=raw)
    fen = value * 100
    if fen != fen.to_integral_value():
        raise UserError("amount_too_precise", value=raw)
    if fen > MAX_FEN:
        raise UserError("amount_absurd", value=raw)
    return int(fen)


_GROUPED = re.compile(r"[+-]?\d{1,3}([,，]\d{3})+(\.\d*)?")


def _check_grouping(raw: str) -> None:
    """Separators only between thousands: `5,000.00` yes; `5.000,00` or `5,00` (a European
    decimal comma) is refused rather than read as 5.00 or 500."""
    body = re.sub(r"\s|元|人民币|RMB|CNY|[¥￥万亿]", "", raw, flags=re.IGNORECASE)
    if ("," in body or "，" in body) and not _GROUPED.fullmatch(body):
        raise UserError("amount_not_number", value=raw)


def share_fen(gross_fen: int, ratio: Fraction) -> int:
    """`gross_fen` × `ratio`, exact, rounded half up to the fen."""
    exact = Fraction(gross_fen) * ratio
    return int(exact.numerator * 2 + exact.denominator) // (2 * exact.denominator)


def fen_to_yuan(fen: int) -> str:
    """`500001` → `5000.01`; always two decimals, no separators (machine form)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def format_yuan(fen: int) -> str:
    """`500001` → `5,000.01` for people."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"
