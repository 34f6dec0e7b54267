"""The frame of every printed document (公示 frame): the period's dates, "数据截至" fixed to the
period's end, the current unfinished period marked; for public documents the 公示期, a contact
for objections and the 落款 (issuing bodies with seal spaces, the issue date pre-filled); for
internal documents "内部材料 不得张贴" on every page.

Only the frame carries the print time and the chain head: a reprint of a past period has the
same sections."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from zhili_cli.i18n import t
from zhili_cli.report.build_common import Period
from zhili_cli.report.model import Report

ISSUERS = ("residents_committee", "owners_committee", "property")


def last_day(period: Period) -> str:
    return (date.fromisoformat(period.end) - timedelta(days=1)).isoformat()


def unfinished(period: Period, now: datetime) -> bool:
    return now.date().isoformat() < period.end


def as_of(period: Period, now: datetime) -> str:
    """数据截至: the period's last day, or the time now while the period runs."""
    if unfinished(period, now):
        return now.strftime("%Y-%m-%d %H:%M")
    return last_day(period)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def apply(report: Report, period: Period | None, now: datetime, *, contact: dict[str, str] | None = None,
          posted_days: int | None = None, has_committee: bool = True) -> Report:
    """Fill the frame of `report` (in place; returned for chaining)."""
    report.printed = now.strftime("%Y-%m-%d %H:%M")
    if period is not None:
        report.dates = t("rep.dates", start=period.start, end=last_day(period))
        report.unfinished = unfinished(period, now)
        if report.unfinished:
            report.status_note = t("rep.unfinished", start=period.start)
    if not report.public:
        report.internal_mark = t("rep.internal_mark")
        return report
    today = now.date()
    report.issue_date = cn_date(today) if report.lang == "zh" else today.isoformat()
    if posted_days:
        end = today + timedelta(days=posted_days - 1)
        report.posted = t("rep.posted", days=posted_days, start=cn_date(today) if report.lang == "zh" else
                          today.isoformat(), end=cn_date(end) if report.lang == "zh" else end.isoformat())
    phone = (contact or {}).get("phone") or ""
    place = (contact or {}).get("place") or ""
    report.contact = t("rep.contact", phone=phone or "________________", place=place or "________________")
    report.issuers = [t(f"rep.sign.{p}") for p in ISSUERS if has_committee or p != "owners_committee"]
    return report
