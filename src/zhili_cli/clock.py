"""The one clock: Asia/Shanghai, fixed by ZHILI_NOW for reproducible runs."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

try:  # the system zone database, when present
    from zoneinfo import ZoneInfo

    TZ = ZoneInfo("Asia/Shanghai")
except Exception:  # pragma: no cover - machines without tzdata
    # China has kept UTC+8 without daylight saving since 1991.
    TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    """Current time in Asia/Shanghai, or ZHILI_NOW when set."""
    fixed = os.environ.get("ZHILI_NOW")
    if fixed:
        return parse_datetime(fixed)
    return datetime.now(TZ).replace(microsecond=0)


def real_now() -> datetime:
    """The computer's own clock, whatever ZHILI_NOW says: the audit log records it beside the
    effective time of every write, so a write made with the clock set back is visible."""
    return datetime.now(TZ)


def parse_datetime(text: str) -> datetime:
    """ISO date or datetime; naive values are Asia/Shanghai."""
    from zhili_cli.errors import UserError

    value = text.strip()
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UserError("bad_datetime", value=text) from None
    if not 2000 <= dt.year <= 2100:  # the range every date parser keeps (importing.cells)
        raise UserError("date_out_of_range", value=text, first=2000, last=2100)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=TZ)
    return dt.astimezone(TZ).replace(microsecond=0)


def iso(dt: datetime | None) -> str | None:
    """Stored form: ISO 8601 with the +08:00 offset, seconds precision."""
    if dt is None:
        return None
    return dt.astimezone(TZ).replace(microsecond=0).isoformat()


def from_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    return datetime.fromisoformat(text).astimezone(TZ)


def user_date(text: str | None):
    """A date typed by a person (2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日) → date, or None."""
    if not text:
        return None
    return user_when(text).date()


def user_when(text: str | None) -> datetime | None:
    """A date or date-time typed by a person, in Asia/Shanghai; ISO forms too."""
    if not text:
        return None
    from zhili_cli.errors import UserError
    from zhili_cli.importing.cells import CellError, parse_date

    try:
        return parse_date(text).replace(tzinfo=TZ)
    except CellError as err:
        if err.key == "cell_date_out_of_range":
            raise UserError("date_out_of_range", value=text, first=2000, last=2100) from None
    try:
        return parse_datetime(text)
    except UserError:
        raise UserError("bad_date", value=text) from None
