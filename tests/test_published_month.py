"""A published monthly report stays true: no petition can be received into the month afterwards,
and a June petition reopened in July still counts as done in June."""

from __future__ import annotations

import json

import pytest


def at(day: str) -> dict[str, str]:
    return {"ZHILI_NOW": f"{day}T10:00:00+08:00"}


def _june(cli) -> dict:
    return json.loads(cli.ok("report", "monthly", "2025-06", "--format", "json", env=at("2025-07-03")).stdout)


def _figures(report: dict) -> str:
    """Everything but when and at which head it was printed."""
    text = json.dumps({k: v for k, v in report.items() if k not in ("printed_at", "audit_head", "generated_at")},
                      ensure_ascii=False, sort_keys=True)
    return text


@pytest.fixture
def june(cli):
    cli.ok("petition", "add", "--title", "路灯不亮", "--source", "信箱", env=at("2025-06-10"))
    cli.ok("petition", "add", "--title", "电梯异响", "--source", "微信", env=at("2025-06-11"))
    cli.ok("petition", "triage", "P2025-001", "--kind", "急", "--to", "物业", env=at("2025-06-11"))
    cli.ok("petition", "close", "P2025-001", "--feedback", "已修复", env=at("2025-06-20"))
    report = json.loads(cli.ok("report", "monthly", "2025-06", "--publish", "--format", "json",
                               env=at("2025-07-02")).stdout)
    return cli, report


def test_no_petition_can_be_received_into_a_published_month(june):
    cli, _report = june
    err = cli.fails("petition", "add", "--title", "补一条", "--source", "信箱", "--received", "2025-06-15 09:00",
                    env=at("2025-07-03"))
    assert "2025-06" in err and "已公示" in err
    assert "2025-06" in cli.fails("petition", "edit", "P2025-002", "--received", "2025-06-30", "--reason", "x",
                                  env=at("2025-07-03"))
    assert "2025-06" in cli.fails("petition", "edit", "P2025-001", "--received", "2025-07-01", "--reason", "x",
                                  env=at("2025-07-03"))
    # after the month it is received as usual
    cli.ok("petition", "add", "--title", "补一条", "--source", "信箱", "--received", "2025-07-01 09:00",
           env=at("2025-07-03"))


def test_a_june_petition_reopened_in_july_still_counts_as_done_in_june(june):
    cli, _report = june
    before = _june(cli)
    head = cli.json("audit", "verify", env=at("2025-07-03"))["head"]
    cli.ok("petition", "reopen", "P2025-001", "--reason", "居民反映又坏了", env=at("2025-07-03"))
    after = _june(cli)
    assert _figures(after) == _figures(before)
    # and the posted head still verifies: a reopening is later work, not a rewrite of June
    cli.ok("audit", "verify", "--head", head[:12], env=at("2025-07-03"))
    # July sees it open again
    july = json.loads(cli.ok("report", "monthly", "2025-07", "--format", "json", env=at("2025-08-02")).stdout)
    assert _figures(july) != _figures(after)


def test_a_correction_after_the_month_leaves_its_figures(june):
    cli, _report = june
    before = _june(cli)
    cli.ok("petition", "edit", "P2025-002", "--kind", "大", "--reason", "登记错了", env=at("2025-07-03"))
    assert _figures(_june(cli)) == _figures(before)


def test_no_volunteer_hours_can_be_dated_into_a_published_month(june):
    cli, _report = june
    err = cli.fails("volunteer", "add", "王阿姨", "--hours", "2", "--activity", "义诊", "--date", "2025-06-28",
                    env=at("2025-07-03"))
    assert "2025-06" in err and "已公示" in err
    cli.ok("volunteer", "add", "王阿姨", "--hours", "2", "--activity", "义诊", "--date", "2025-07-01",
           env=at("2025-07-03"))


def test_the_as_of_view_is_the_table_itself_until_a_later_correction(june):
    """The period's figures read the petitions table straight (its indexes serve) while nothing
    was corrected after the period's end; the tests above check both ways give the same figures."""
    import sqlite3

    from zhili_cli.store.petitions_as_of import corrected_since, with_as_of

    cli, _report = june
    end = "2025-07-01T00:00:00+08:00"
    conn = sqlite3.connect(cli.db)
    try:
        assert not corrected_since(conn, end) and "(SELECT * FROM petitions)" in with_as_of(conn, end)
        cli.ok("petition", "reopen", "P2025-001", "--reason", "又坏了", env=at("2025-07-03"))
        assert corrected_since(conn, end) and "later_fix" in with_as_of(conn, end)
        assert not corrected_since(conn, "2025-07-04T00:00:00+08:00")
    finally:
        conn.close()
