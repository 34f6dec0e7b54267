"""Meeting agenda (public, for the notice board) and minutes (with the three parties' signatures)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from zhili_cli.errors import UserError
from zhili_cli.report.model import Report
from zhili_cli.store import reports as store


def _need_meetings(conn: sqlite3.Connection) -> None:
    if not store.table_exists(conn, "meetings"):
        raise UserError("report_needs_meetings")


def agenda(conn: sqlite3.Connection, rules: Any, ref: str, now: datetime) -> Report:
    _need_meetings(conn)
    raise UserError("report_meeting_not_found", ref=ref)


def minutes(conn: sqlite3.Connection, rules: Any, ref: str, now: datetime) -> Report:
    _need_meetings(conn)
    raise UserError("report_meeting_not_found", ref=ref)
