"""Pieces shared by the report builders: periods, petition sections, privacy of rows."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from zhili_cli.domain import stats as domain_stats
from zhili_cli.domain import vocab
from zhili_cli.domain.privacy import mask_name, mask_phone
from zhili_cli.errors import UserError
from zhili_cli.i18n import lang, t
from zhili_cli.report.model import AuditHead, Chart, Figure, KeyFigures, Series, Table
from zhili_cli.store import reports as store


@dataclass
class Period:
    label: str  # what the header shows
    start: str  # 'YYYY-MM-DD', inclusive
    end: str  # 'YYYY-MM-DD', exclusive
    first_month: str  # 'YYYY-MM'
    last_month: str


def add_months(month: str, n: int) -> str:
    y, m = int(month[:4]), int(month[5:7])
    total = y * 12 + (m - 1) + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


FIRST_YEAR, LAST_YEAR = 2000, 2100  # reports cover this range: a typo such as 9999 is refused at once


def check_year(year: int, text: Any) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError("report_year_range", value=text, first=FIRST_YEAR, last=LAST_YEAR)


def month_period(text: str) -> Period:
    m = re.fullmatch(r"\s*(\d{4})[-/.年]?(\d{1,2})月?\s*", text or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise UserError("report_bad_month", value=text)
    check_year(int(m.group(1)), text)
    month = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    return Period(t("rep.period.month", year=month[:4], month=int(month[5:])),
                  f"{month}-01", f"{add_months(month, 1)}-01", month, month)


def quarter_period(text: str) -> Period:
    m = re.fullmatch(r"\s*(\d{4})\s*[-年]?\s*[Qq第]?\s*([1-4])\s*(季度)?\s*", text or "")
    if not m:
        raise UserError("report_bad_quarter", value=text)
    year, q = int(m.group(1)), int(m.group(2))
    check_year(year, text)
    first = f"{year:04d}-{3 * q - 2:02d}"
    return Period(t("rep.period.quarter", year=year, quarter=q), f"{first}-01",
                  f"{add_months(first, 3)}-01", first, add_months(first, 2))


def years_period(first: int, last: int) -> Period:
    check_year(first, first)
    check_year(last, last)
    if last < first:
        raise UserError("report_bad_years", first=first, last=last)
    label = t("rep.period.year", year=first) if first == last else t("rep.period.years", first=first, last=last)
    return Period(label, f"{first:04d}-01-01", f"{last + 1:04d}-01-01", f"{first:04d}-01", f"{last:04d}-12")


def label(key: str, fallback: str | None = None) -> str:
    """A term from the catalogue, or the stored value when the catalogue has no name for it."""
    text = t(key)
    return (fallback if fallback is not None else key.split(".")[-1]) if text == key else text


def iso_at_end(period: Period, now: datetime) -> str:
    """The moment figures are taken at: the period's end, or now if the period is not over."""
    from zhili_cli import clock

    now_iso = clock.iso(now) or ""
    end_iso = f"{period.end}T00:00:00+08:00"
    return min(now_iso, end_iso)


def as_of_text(now: datetime) -> str:
    return now.strftime("%Y-%m-%d %H:%M")


SHORT_HEAD = 12


def short_code(digest: str) -> str:
    """The first 12 hex characters in groups of four, as a resident copies them: 83a6 b67f 883a."""
    head = digest[:SHORT_HEAD]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def audit_head(conn: sqlite3.Connection, published: dict[str, Any] | None = None) -> AuditHead:
    """The chain's head now; for a reprint of a published document, the head posted with it."""
    from zhili_cli.store import audit

    entries, digest = audit.head(conn)
    if published:
        entries, digest = published["head_entry"], published["head"]
    return AuditHead(entries=entries, hash=digest, command=f"zhili audit verify --head {digest[:SHORT_HEAD]}",
                     short=short_code(digest))


def publication(conn: sqlite3.Connection, kind: str, code: str) -> dict[str, Any] | None:
    """The recorded publication of this period's document, if it was published."""
    from zhili_cli.store import publications

    if not store.table_exists(conn, "publications"):
        return None
    return publications.find(conn, kind, code)


def reprint_note(conn: sqlite3.Connection, published: dict[str, Any] | None) -> str:
    """For a reprint: a warning when the books no longer match the posted head (checked as
    `audit verify --head` does), so a changed copy never passes for the posted one."""
    from zhili_cli.store import audit

    if not published or audit.head(conn)[1] == published["head"]:
        return ""
    problems, _count, _head = audit.verify(conn, published["head"])
    if not problems:
        return ""
    return t("rep.reprint_changed", period=published["period"], at=published["published_at"][:10],
             head=short_code(published["head"]), n=len(problems))


# ---- names of things in the report's language --------------------------------------------

def kind_name(kind: str | None) -> str:
    if not kind:
        return t("rep.untriaged")
    return f"{vocab.KIND_ZH.get(kind, kind)}" if lang() == "zh" else kind


def source_name(source: str | None) -> str:
    if not source:
        return "—"
    return vocab.SOURCE_ZH.get(source, source) if lang() == "zh" else source


def party_name(party: str | None) -> str:
    if not party:
        return "—"
    return vocab.PARTY_ZH.get(party, party) if lang() == "zh" else party


def status_name(status: str | None) -> str:
    return t(f"status.{status}") if status else "—"


def building_name(building: str | None) -> str:
    """3幢 / building 3 for a numbered building; a named one (南门) as written."""
    from zhili_cli.domain import buildings

    if not building:
        return t("rep.no_building")
    label = buildings.label(building)
    key = buildings.key(building) or ""
    return t("rep.building_n", building=key) if label != key else label


def _by_building(rows: list[tuple[Any, int, int]]) -> list[tuple[Any, int, int]]:
    """One line per building however it was written (3, 3幢, 3号楼), in natural order."""
    from zhili_cli.domain import buildings

    merged: dict[Any, list[int]] = {}
    for value, n, done in rows:
        acc = merged.setdefault(buildings.key(value), [0, 0])
        acc[0] += n
        acc[1] += done
    return [(k, v[0], v[1]) for k, v in sorted(merged.items(), key=lambda kv: buildings.sort_key(kv[0]))]


# ---- petition blocks ---------------------------------------------------------------------

def figures(conn: sqlite3.Connection, period: Period, at_iso: str, *, public: bool) -> domain_stats.Stats:
    """The petition figures of the period as they stood at `at_iso` (the period's end)."""
    return domain_stats.combine(store.stats_as_of(conn, period.start, period.end, at_iso, include_private=not public))


def key_figures(stats: domain_stats.Stats, closed: int, overdue: int) -> KeyFigures:
    d = stats.overall.as_dict()
    return KeyFigures([
        Figure(t("rep.fig.received"), d["received"]),
        Figure(t("rep.fig.accepted"), d["accepted"]),
        Figure(t("rep.fig.done"), d["done"]),
        Figure(t("rep.fig.completion_rate"), d["completion_rate"], "%"),
        Figure(t("rep.fig.response_rate"), d["response_in_time_rate"], "%"),
        Figure(t("rep.fig.closed_in_period"), closed),
        Figure(t("rep.fig.overdue"), overdue),
        Figure(t("rep.fig.mean_days"), d["mean_days_to_close"], t("rep.unit.days")),
        Figure(t("rep.fig.satisfaction"), d["mean_satisfaction"], "/ 5"),
    ])


def by_table(conn: sqlite3.Connection, column: str, period: Period, at: str, *, public: bool) -> Table:
    names = {"source": source_name, "kind": kind_name, "building": building_name}[column]
    rows = store.received_by(conn, column, period.start, period.end, at, include_private=not public)
    if column == "building":
        rows = _by_building(rows)
    return Table(
        columns=[t(f"rep.col.{column}"), t("rep.col.received"), t("rep.col.done")],
        rows=[[names(value), n, done] for value, n, done in rows],
        title=t(f"rep.by.{column}"), empty=t("rep.none"))


def kind_chart(conn: sqlite3.Connection, period: Period, at: str, chart_id: str, *, public: bool) -> Chart | None:
    rows = store.received_by(conn, "kind", period.start, period.end, at, include_private=not public)
    if not rows:
        return None
    return Chart(title=t("rep.chart.by_kind"), labels=[kind_name(k) for k, _, _ in rows],
                 series=[Series(t("rep.col.received"), [n for _, n, _ in rows]),
                         Series(t("rep.col.done"), [d for _, _, d in rows])],
                 style="bar", chart_id=chart_id)


def trend_chart(conn: sqlite3.Connection, last_month: str, months: int, chart_id: str, *,
                public: bool) -> Chart | None:
    first = add_months(last_month, -(months - 1))
    counts = store.monthly_counts(conn, f"{first}-01", f"{add_months(last_month, 1)}-01",
                                  include_private=not public)
    if not counts:
        return None
    labels = [add_months(first, i) for i in range(months)]
    return Chart(title=t("rep.chart.trend", months=months), labels=labels,
                 series=[Series(t("rep.col.received"), [counts.get(m, (0, 0))[0] for m in labels]),
                         Series(t("rep.col.done"), [counts.get(m, (0, 0))[1] for m in labels])],
                 style="line", chart_id=chart_id)


def petition_rows(rows: list[dict[str, Any]], *, public: bool, with_reporter: bool) -> list[list[Any]]:
    out = []
    for r in rows:
        due = r["completion_due"] or r["response_due"]
        row = [r["number"], r["title"], kind_name(r["kind"]), party_name(r["responsible"]),
               status_name(r["status"]), (r["received_at"] or "")[:10], (due or "")[:10]]
        if with_reporter and not public:
            row += [mask_name(r["reporter"]) or "—", mask_phone(r["reporter_phone"]) or "—"]
        out.append(row)
    return out


def petition_columns(*, public: bool, with_reporter: bool) -> list[str]:
    cols = [t("rep.col.number"), t("rep.col.title"), t("rep.col.kind"), t("rep.col.owner"),
            t("rep.col.status"), t("rep.col.received_at"), t("rep.col.due")]
    if with_reporter and not public:
        cols += [t("rep.col.reporter"), t("rep.col.phone")]
    return cols


def days_late(row: dict[str, Any], at_iso: str) -> int | None:
    """Whole days past the deadline at `at_iso`: the completion deadline, or the response
    deadline while the petition was not yet triaged; None when not late."""
    due = row.get("completion_due")
    if not due and (row.get("triaged_at") is None or row["triaged_at"] >= at_iso):
        due = row.get("response_due")
    if not due or due[:10] >= at_iso[:10]:  # due at the end of its day (Asia/Shanghai)
        return None
    return (date.fromisoformat(at_iso[:10]) - date.fromisoformat(due[:10])).days
