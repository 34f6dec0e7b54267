"""`zhili today`: everything that needs the secretary, most urgent first.

Each item: kind, ref (the record), title, due (YYYY-MM-DD), days_late (positive: that many
days late; 0: due today; negative: days left) and the command that deals with it. Sources:
open petitions past or near their response or completion deadline; committee decisions not
published within `committee.publish_within_days`; project milestones due; owners' votes open
or closing; meetings in the next seven days and their missing agenda or notice; committee
terms ending within 90 days; the mailbox's collection days and this period's three-party
meeting (services/today_routine.py); owners' votes whose window has ended and that nobody has closed; flagged households not visited within `care.visit_every_days`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from zhili_cli import clock
from zhili_cli.services import today_routine
from zhili_cli.store import today as store
from zhili_cli.store.tx import Tx

TERM_WARNING_DAYS = 90
MEETING_DAYS = 7
# the rules `items` reads, read plainly from the file (rules/load.py RulesSource.plain): no
# pydantic for a daily look; a key missing here still works, through the validated model
RULES_READ = {"committee.publish_within_days": "int", "assembly.notice_days": "int",
              "assembly.extraordinary_notice_days": "int", "care.visit_every_days": "days_by_name",
              **today_routine.RULES_READ}


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def lateness(row: dict[str, Any], now: datetime) -> dict[str, Any]:
    """The deadline an open petition is measured against and how many days it is late:
    the response deadline while it is untriaged, else the completion deadline. A deadline is
    due at the end of its day (Asia/Shanghai): 0 days late on that day, 1 from midnight."""
    today = (clock.iso(now) or "")[:10]
    if row.get("status") == "received" and row.get("response_due") and (
            row["response_due"] < today or not row.get("completion_due")):
        due, which = row["response_due"], "response"
    else:
        due, which = row.get("completion_due"), "completion"
    day = _day(due)
    return {"due": day.isoformat() if day else None, "deadline": which,
            "days_late": (now.date() - day).days if day else None}


def reveal_petitions(tx: Tx, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their reporters in full, the reveal recorded in the audit log."""
    from zhili_cli.services import care, petitions

    full = [petitions.load(tx.conn, r["number"]) for r in rows]
    care.record_reveal(tx, [r["number"] for r in full if r.get("reporter") or r.get("reporter_phone")]
                       or [r["number"] for r in full])
    return [{**r, "reporter": f.get("reporter"), "reporter_phone": f.get("reporter_phone")}
            for r, f in zip(rows, full)]


def _item(kind: str, ref: str, title: str, due: date | None, today: date, command: str,
          **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "ref": ref, "title": title, "due": due.isoformat() if due else None,
            "days_late": (today - due).days if due else None, "command": command, **extra}


def items(conn: Any, rules: Any, now: datetime, days: int = 7) -> list[dict[str, Any]]:
    today = now.date()
    horizon = today + timedelta(days=days)
    out: list[dict[str, Any]] = []

    until_iso = clock.iso(datetime.combine(horizon + timedelta(days=1), datetime.min.time(), tzinfo=clock.TZ)) or ""
    for p in store.petitions_due(conn, until_iso):
        late = lateness(p, now)
        kind = "petition_response" if late["deadline"] == "response" else "petition_completion"
        command = (f"zhili petition triage {p['number']} --kind …" if kind == "petition_response"
                   else f"zhili petition close {p['number']} --feedback …")
        out.append(_item(kind, p["number"], p["title"], _day(late["due"]), today, command))

    from zhili_cli.services.meetings import overdue_publications

    for m in overdue_publications(conn, rules, today):
        out.append(_item("decisions_unpublished", m["number"], m["title"], _day(m["publish_due"]), today,
                         f"zhili meeting publish {m['number']}"))

    for m in store.milestones_due(conn, horizon.isoformat()):
        out.append(_item("milestone", f"{m['project']}#{m['seq']}", f"{m['project_title']}：{m['title']}",
                         _day(m["due"]), today, f"zhili project verify {m['project']}#{m['seq']} --party …"))

    for v in store.owners_votes(conn):
        ref = v["motion"] or f"vote {v['id']}"
        opens, closes = _day(v["window_from"]), _day(v["window_to"])
        if opens and opens > today:
            if opens <= horizon:
                out.append(_item("vote_opening", ref, v["title"] or "", opens, today, f"zhili motion show {ref}"))
        elif closes and closes < today:  # the window is over: the result awaits its closing
            out.append(_item("vote_awaiting_close", ref, v["title"] or "", closes, today,
                             f"zhili motion vote close {ref}"))
        elif closes:
            if closes <= horizon:
                out.append(_item("vote_closing", ref, v["title"] or "", closes, today, f"zhili motion show {ref}"))
        else:  # open without a recorded window: the ballots are still coming in
            out.append(_item("vote_open", ref, v["title"] or "", None, today, f"zhili motion show {ref}"))

    week_end = today + timedelta(days=MEETING_DAYS - 1)
    for m in store.meetings_between(conn, today.isoformat(), week_end.isoformat()):
        on = _day(m["date"])
        command = f"zhili meeting show {m['number']}"
        if not m["items"] or not m["agenda_published_at"]:
            out.append(_item("meeting_agenda", m["number"], m["title"], on, today,
                             f"zhili meeting agenda {m['number']} --publish", missing="agenda"))
        elif m["kind"] == "assembly" and not m["announced_on"]:
            notice = rules.assembly.extraordinary_notice_days if m["extraordinary"] else rules.assembly.notice_days
            out.append(_item("meeting_notice", m["number"], m["title"], on - timedelta(days=notice), today,
                             command, missing="notice"))
        else:
            out.append(_item("meeting", m["number"], m["title"], on, today, command))

    for member in store.terms_ending(conn, (today + timedelta(days=TERM_WARNING_DAYS)).isoformat()):
        out.append(_item("term_end", member["name"], f"{member['role']} {member['party']}", _day(member["term_end"]),
                         today, "zhili member list", role=member["role"], party=member["party"]))

    from zhili_cli.services.care import visits_due

    never: dict[str, int] = {}
    for v in visits_due(conn, rules, today):
        if v["last_visit"] is None:  # never visited: one line per flag, not one per household
            never[v["flag"]] = never.get(v["flag"], 0) + 1
            continue
        out.append(_item("visit", v["household"], v["flag"], _day(v["due"]), today,
                         f"zhili household visit {v['household']} --note …", last_visit=v["last_visit"]))
    for flag, count in sorted(never.items()):
        out.append(_item("visit_never", flag, flag, today, today, f"zhili household list --flag {flag}",
                         households=count))

    out += today_routine.items(conn, rules, today, horizon)
    return sorted(out, key=_urgency)


def _urgency(item: dict[str, Any]) -> tuple:
    """Most late first, then the nearest due; items without a date last."""
    late = item["days_late"]
    return (late is None, -(late or 0), item["kind"], item["ref"])
