"""Ways around the rules, closed: paying oneself, an election resting on a vote
about something else, proxies changed after the vote or under a decorated name, a published
period's roster rewritten."""

from __future__ import annotations

import json

from tests.test_motions import ballot, close_vote, owners_motion, register
from tests.test_owner_vote_life import at, opened
from tests.test_reps import ELECTED


def test_no_one_approves_a_payment_to_themselves(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", *ELECTED)
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    own = cli.json("expense", "request", "--amount", "3000", "--payee", "金 建国", "--purpose", "景观")["number"]
    err = cli.fails("--as", "金建国", "expense", "approve", own)
    assert "收款方" in err and "金建国" in err
    assert cli.json("expense", "show", own)["status"] == "requested"
    other = cli.json("expense", "request", "--amount", "3000", "--payee", "平湖五金店", "--purpose", "灯泡")["number"]
    assert cli.json("--as", "金建国", "expense", "approve", other)["status"] == "approved"


def test_an_election_rests_on_an_election_vote(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 4)
    gate = owners_motion(cli, matter="other")
    cli.ok("motion", "vote", gate, *sum((["--ballot", ballot(r, "同意")] for r in rooms), []))
    assert close_vote(cli, gate)["passed"] is True
    err = cli.fails("member", "add", "亲信甲", "--role", "委员", "--basis", gate, "--term-start", "2024-04-01")
    assert "不是选举" in err
    assert [m["name"] for m in cli.json("member", "list")] == []
    cli.ok("member", "add", "吴海燕", "--role", "委员", "--term-start", "2023-06-01", *ELECTED)
    assert "不是选举" in cli.fails("member", "end-term", "吴海燕", "--kind", "罢免", "--doc", gate)  # no recall either


def test_proxies_are_settled_when_the_window_ends(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 6)
    y = opened(cli)  # window 2024-03-20 .. 2024-03-31
    at(monkeypatch, "2024-03-21")
    for i in range(1, 4):
        cli.ok("motion", "proxy", "add", y, "--unit", rooms[i], "--proxy", "李四", "--document", f"W{i}")
    # a note in brackets does not make another person
    err = cli.fails("motion", "proxy", "add", y, "--unit", rooms[4], "--proxy", "李四（小区物业经理）", "--document", "W4")
    assert "proxy_max_units" in err
    at(monkeypatch, "2024-04-01")
    assert "2024-03-31" in cli.fails("motion", "proxy", "add", y, "--unit", rooms[5], "--proxy", "王五", "--document", "W5")
    assert "2024-03-31" in cli.fails("motion", "proxy", "revoke", y, "--unit", rooms[1], "--reason", "换人")
    listed = cli.json("motion", "proxy", "list", y)
    assert len(listed["proxies"]) == 3


def test_a_published_periods_roster_stays_as_it_was(cli):
    cli.ok("member", "add", "陆伟", "--role", "委员", "--term-start", "2023-06-01", *ELECTED,
           env={"ZHILI_NOW": "2024-03-05T10:00:00+08:00"})
    cli.ok("report", "monthly", "2024-04", "--publish", "--format", "json", env={"ZHILI_NOW": "2024-05-02T10:00:00+08:00"})
    may = {"ZHILI_NOW": "2024-05-03T10:00:00+08:00"}
    assert "2024-04" in cli.fails("member", "end-term", "陆伟", "--kind", "辞职", "--doc", "辞职书", "--date", "2024-04-10",
                                  env=may)
    assert "2024-04" in cli.fails("member", "add", "亲信甲", "--role", "委员", "--term-start", "2024-04-01",
                                  "--basis", "选举公告", "--basis-date", "2024-03-20", env=may)
    cli.ok("member", "end-term", "陆伟", "--kind", "辞职", "--doc", "辞职书", "--date", "2024-05-03", env=may)
    assert json.loads(cli.ok("member", "list", "--json", env=may).stdout) is not None
