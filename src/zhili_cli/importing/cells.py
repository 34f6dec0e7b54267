"""Cell parsers: each takes the text of one cell and returns a value or raises ValueError
with a catalogue key, so the importer can name FILE:LINE: column: problem."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from zhili_cli.errors import UserError


class CellError(ValueError):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*[ T]\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


FIRST_YEAR, LAST_YEAR = 2000, 2100  # dates people type: 9999-12-31 is a typo, not a date


def parse_date(text: str) -> datetime:
    """2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, optional time; Excel serial numbers too.
    Years outside 2000–2100 are refused (a typo, never an internal error later)."""
    moment = _parse_date(text)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise CellError("cell_date_out_of_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)
    return moment


def _parse_date(text: str) -> datetime:
    value = text.strip()
    if len(value) in (10, 16, 19) and value[4] == "-" and value[7] == "-":  # ISO: the C parser
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                return moment
    match = _DATE.match(value)
    if match:
        y, m, d, hh, mm, ss = match.groups()
        try:
            return datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError:
            raise CellError("cell_bad_date", value=text) from None
    match = _COMPACT.match(value)  # 20240305
    if match:
        try:
            return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise CellError("cell_bad_date", value=text) from None
    if re.fullmatch(r"\d{5}(\.\d+)?", value):  # an Excel serial date exported as a number
        serial = Decimal(value)
        if not 20000 <= serial <= 80000:  # 1954 … 2119
            raise CellError("cell_bad_date", value=text)
        moment = datetime(1899, 12, 30) + timedelta(days=float(serial))
        return moment.replace(microsecond=0) + timedelta(seconds=round(moment.microsecond / 1e6))
    raise CellError("cell_bad_date", value=text)


_CURRENCY = re.compile(r"[\s¥￥]|元|人民币|RMB|CNY", re.IGNORECASE)
_GROUPED = re.compile(r"[+-]?\d{1,3}([,，]\d{3})+(\.\d{1,2})?")


def parse_amount(text: str) -> int:
    """Yuan → fen. Separators are read the Chinese way (`5,000.00`); a form that could mean
    something else elsewhere is refused rather than guessed: `5.000,00` (5 000 in Germany),
    `5,00`, `5.000` (a thousands dot or three decimals?)."""
    from zhili_cli.domain.money import parse_yuan

    core = _CURRENCY.sub("", text).removesuffix("万").removesuffix("亿")
    if ("," in core or "，" in core) and not _GROUPED.fullmatch(core):
        raise CellError("cell_amount_separators", value=text)
    if re.search(r"\.\d{3}$", core) or core.count(".") > 1:
        raise CellError("cell_amount_separators", value=text)
    try:
        return parse_yuan(text)
    except UserError as exc:
        raise CellError(exc.key, **exc.params) from None


_AREA = re.compile(r"(㎡|m²|m\^?2|sq\.?\s*m|平方米|平方|平米|平)$", re.IGNORECASE)


def parse_area(text: str) -> int:
    """Exclusive area in m² (up to two decimals) → m² × 100."""
    value = _AREA.sub("", text.strip().replace(",", "").replace("，", "")).strip()
    try:
        area = Decimal(value)
    except InvalidOperation:
        raise CellError("cell_bad_area", value=text) from None
    if not area.is_finite() or area <= 0 or area > 100_000:
        raise CellError("cell_bad_area", value=text)
    scaled = area * 100
    if scaled != scaled.to_integral_value():
        raise CellError("cell_area_precision", value=text)
    return int(scaled)


def parse_count(text: str, *, low: int = 0, high: int = 1000) -> int:
    value = text.strip().removesuffix("人").strip()
    if not re.fullmatch(r"\d+", value) or not low <= int(value) <= high:
        raise CellError("cell_bad_count", value=text)
    return int(value)


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "是", "y", "yes", "true", "√", "✓"):
        return True
    if value in ("", "0", "否", "n", "no", "false"):
        return False
    raise CellError("cell_bad_bool", value=text)


# What a money cell and a past-day cell may hold, as the register docs (docs/import.md) say it.
MONEY_DOC = "5000, 5,000.00元, ¥5000, 1.2万 (yuan; stored in fen)"
PAST_DAY_DOC = "2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日; Excel date cells; not after today"


def parse_money(text: str) -> int:
    """An amount in yuan → fen: 5000, 5,000.00元, ¥5000, 1.2万. Zero is refused."""
    return parse_amount(text)


def parse_day(text: str) -> date:
    """A date without its time."""
    return parse_date(text).date()


def parse_past_day(text: str) -> date:
    """A date that has happened: money is never recorded ahead of today."""
    from zhili_cli import clock

    day = parse_day(text)
    today = clock.now().date()
    if day > today:
        raise CellError("cell_future_date", date=day.isoformat(), today=today.isoformat())
    return day


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def parse_phone(text: str) -> str:
    """A phone number as written (mobile, landline with its area code, extension). Excel
    shows a long number in a narrow column as 1.38123E+10 and a CSV export keeps only that:
    the digits are lost, so the cell is refused with the way to fix it."""
    value = text.strip()
    if _SCIENTIFIC.match(value):
        raise CellError("cell_phone_scientific", value=text)
    if len(value) > 40:
        raise CellError("cell_too_long", max=40)
    return value


def parse_text(text: str, *, max_len: int = 2000) -> str:
    if len(text) > max_len:
        raise CellError("cell_too_long", max=max_len)
    return text

