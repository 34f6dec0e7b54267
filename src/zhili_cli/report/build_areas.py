"""Sections from the other areas (meetings, motions, money, projects). Each is built only when
its tables exist in the database, so a report over an older or partial file still renders."""

from __future__ import annotations

import sqlite3
from typing import Callable

from zhili_cli.i18n import t
from zhili_cli.report.build_common import Period
from zhili_cli.report.model import Paragraph, Section
from zhili_cli.store import reports as store


def sections(conn: sqlite3.Connection, period: Period, *, public: bool) -> list[Section]:
    out: list[Section] = []
    builders: list[Callable[..., Section | None]] = []
    for build in builders:
        section = build(conn, period, public=public)
        if section is not None:
            out.append(section)
    return out


def disclosure(conn: sqlite3.Connection, period: Period) -> list[Section]:
    """The money part of the quarterly disclosure."""
    if not store.table_exists(conn, "ledger"):
        return [Section("money", t("rep.sec.money"), [Paragraph(t("rep.no_ledger"))])]
    return [Section("money", t("rep.sec.money"), [Paragraph(t("rep.no_ledger"))])]
