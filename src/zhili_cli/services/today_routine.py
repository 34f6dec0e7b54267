"""The compound's routine on `zhili today`, once it has a household register:

- the residents' mailbox is opened on `meetings.mailbox_days` (seed 000: "物业每周二、五开箱
  整理"): on such a day the desk says so, with the command that logs a letter as a petition;
- the three-party meeting is held every period (`meetings.three_party.frequency`, monthly) in
  the rules' week (`week`, default the last: seed 000 "每月最后一周"): while no three-party (or,
  without an owners' committee, joint) meeting is scheduled in this period, the desk says when it
  is due — from the horizon's reach on — and, once its day has passed, that it was missed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from zhili_cli.domain import meetings as rules_of
from zhili_cli.store import households as household_store
from zhili_cli.store import today as store

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# the rules `items` reads (read plainly by `zhili today`: services/today.py RULES_READ)
RULES_READ = {"meetings.mailbox_days": "words", "meetings.three_party.frequency": "word",
              "meetings.three_party.week": "word"}


def items(conn: Any, rules: Any, today: date, horizon: date) -> list[dict[str, Any]]:
    from zhili_cli.services.today import _item

    if not household_store.totals(conn)[0]:
        return []  # no register yet: nobody writes to the mailbox, nobody meets
    out: list[dict[str, Any]] = []
    days = list(rules.meetings.mailbox_days)
    if WEEKDAYS[today.weekday()] in days:
        out.append(_item("mailbox", "mailbox", "", today, today, "zhili petition add --source 信箱 --title …",
                         weekdays=days))
    meeting = rules.meetings.three_party
    first, last = rules_of.period(meeting.frequency, today)
    due = rules_of.period_due(meeting.frequency, meeting.week, today)
    held = [m for m in store.meetings_between(conn, first.isoformat(), last.isoformat())
            if m["kind"] == "three_party"]
    if not held and due <= horizon:
        out.append(_item("three_party_due", first.strftime("%Y-%m"), "", due, today,
                         "zhili meeting schedule --kind three_party", period_from=first.isoformat(),
                         period_to=last.isoformat()))
    return out
