"""A deadline is due at the END of its day (Asia/Shanghai): 23:59 on the due day is not late,
00:00 the next day is. `today`, `petition list --overdue`, `petition stats` and the reports
agree, for a typed date (stored at 00:00) and a computed one (72 hours after receipt)."""

from __future__ import annotations

import json

import pytest

DUE_DAY = "2024-03-10"


def _at(cli, when: str, *args: str):
    return cli.ok(*args, env={"ZHILI_NOW": when})


def _overdue_numbers(cli, when: str) -> list[str]:
    return [r["number"] for r in json.loads(_at(cli, when, "petition", "list", "--overdue", "--json").stdout)]


def _today(cli, when: str) -> dict[str, dict]:
    items = json.loads(_at(cli, when, "today", "--json").stdout)
    return {i["ref"]: i for i in items if i["kind"].startswith("petition")}


def _report_overdue(cli, when: str, month: str = "2024-03") -> int:
    report = json.loads(_at(cli, when, "report", "monthly", month, "--format", "json").stdout)
    figures = report["sections"][0]["blocks"][0]["items"]
    return next(f["value"] for f in figures if f["label"] == "超期未办")


@pytest.fixture
def typed(cli):
    """One petition with a completion deadline typed as a date (stored at 00:00)."""
    _at(cli, "2024-03-02T09:00:00+08:00", "petition", "add", "--title", "路灯不亮", "--source", "信箱",
        "--received", "2024-03-02 08:00")
    _at(cli, "2024-03-02T09:30:00+08:00", "petition", "triage", "1", "--kind", "小", "--due", DUE_DAY)
    return cli


def test_a_typed_deadline_is_not_late_until_its_day_is_over(typed):
    number = "P2024-001"
    for when in ("2024-03-10T00:00:00+08:00", "2024-03-10T10:00:00+08:00", "2024-03-10T23:59:59+08:00"):
        assert _overdue_numbers(typed, when) == [], when
        item = _today(typed, when)[number]
        assert item["due"] == DUE_DAY and item["days_late"] == 0
        stats = json.loads(_at(typed, when, "petition", "stats", "--json").stdout)
        assert stats["overall"]["overdue"] == 0
        assert _report_overdue(typed, when) == 0
    when = "2024-03-11T00:00:00+08:00"
    assert _overdue_numbers(typed, when) == [number]
    listed = json.loads(_at(typed, when, "petition", "list", "--overdue", "--json").stdout)[0]
    assert listed["due"] == DUE_DAY and listed["days_late"] == 1 and listed["deadline"] == "completion"
    assert _today(typed, when)[number]["days_late"] == 1
    assert json.loads(_at(typed, when, "petition", "stats", "--json").stdout)["overall"]["overdue"] == 1
    assert _report_overdue(typed, when) == 1


def test_a_computed_response_deadline_runs_to_the_end_of_its_day(cli):
    # received 10:00 on 5 March: 72 hours → 10:00 on 8 March, due until the end of 8 March
    _at(cli, "2024-03-05T10:00:00+08:00", "petition", "add", "--title", "电梯异响", "--source", "热线",
        "--received", "2024-03-05 10:00")
    for when in ("2024-03-08T10:00:01+08:00", "2024-03-08T23:59:00+08:00"):
        assert _overdue_numbers(cli, when) == []
        item = _today(cli, when)["P2024-001"]
        assert item["kind"] == "petition_response" and item["days_late"] == 0
    assert _overdue_numbers(cli, "2024-03-09T00:00:00+08:00") == ["P2024-001"]
    assert _today(cli, "2024-03-09T00:00:00+08:00")["P2024-001"]["days_late"] == 1


def test_a_response_on_the_due_day_counts_as_in_time(cli):
    _at(cli, "2024-03-05T10:00:00+08:00", "petition", "add", "--title", "电梯异响", "--source", "热线",
        "--received", "2024-03-05 10:00")
    _at(cli, "2024-03-05T10:00:00+08:00", "petition", "add", "--title", "门禁坏了", "--source", "热线",
        "--received", "2024-03-05 10:00")
    _at(cli, "2024-03-08T18:00:00+08:00", "petition", "triage", "1", "--kind", "小")  # the due day, after 10:00
    _at(cli, "2024-03-09T00:00:00+08:00", "petition", "triage", "2", "--kind", "小")  # the day after
    stats = json.loads(_at(cli, "2024-03-09T08:00:00+08:00", "petition", "stats", "--json").stdout)
    assert stats["overall"]["response_in_time_rate"] == 50.0
