"""A proxy's ballot counts only under the unit's written authorisation (委托书) recorded for the
vote (Civil Code art. 278: owners' actual participation), and one person holds at most
`owners_vote.proxy_max_units` units' authorisations in one vote."""

from __future__ import annotations

import sqlite3

from tests.conftest import write_csv
from tests.test_motions import register
from tests.test_owner_vote_life import at, opened
from tests.test_rules_effects import _rules


def _ballots(cli):
    conn = sqlite3.connect(cli.db)
    try:
        return conn.execute("SELECT voter_ref, voter_name, method, proxy_id FROM ballots ORDER BY id").fetchall()
    finally:
        conn.close()


def test_invented_proxies_cannot_make_the_quorum(cli, tmp_path, monkeypatch):
    """The way around: four units' ballots 'signed' by invented proxies made the 2/3 quorum."""
    rooms = register(cli, tmp_path, ["100"] * 6)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    cli.ok("motion", "vote", y, "--ballot", f"{rooms[0]}=同意@业主0")
    forged = ["--ballot", f"{rooms[1]}=同意@委托:路人甲", "--ballot", f"{rooms[2]}=同意@委托:路人甲",
              "--ballot", f"{rooms[3]}=同意@委托:路人乙", "--ballot", f"{rooms[4]}=同意@委托:路人丙"]
    err = cli.fails("motion", "vote", y, *forged)
    assert rooms[1] in err and "路人甲" in err and "委托书" in err
    shown = cli.json("motion", "show", y)["stages"][0]["vote"]
    assert shown["ballots"] == 1 and shown["tally"]["voted_owners"] == 1  # all or nothing
    assert shown["tally"]["quorum_met"] is False
    en = cli.fails("--lang", "en", "motion", "vote", y, *forged)
    assert "no authorisation recorded" in en


def test_recorded_authorisation_lets_the_proxy_vote(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 6)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    out = cli.json("motion", "proxy", "add", y, "--unit", rooms[1], "--proxy", "路人甲", "--document", "WT-001",
                   "--signed", "2024-03-20")
    assert out["unit"] == rooms[1] and out["signed_on"] == "2024-03-20" and out["document"] == "WT-001"
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[2], "--proxy", "路人甲", "--document", "WT-002")
    # the authorisation names 路人甲, not 路人乙
    err = cli.fails("motion", "vote", y, "--ballot", f"{rooms[2]}=同意@委托:路人乙")
    assert "不是 路人乙" in err
    res = cli.json("motion", "vote", y, "--ballot", f"{rooms[1]}=同意@委托:路人 甲",  # look-alike spacing
                   "--ballot", f"{rooms[2]}=反对@委托：路人甲", "--ballot", f"{rooms[0]}=同意@业主0")
    assert res["voted_owners"] == 3 and res["proxy_ballots"] == 2 and res["paper_ballots"] == 0
    rows = _ballots(cli)
    assert [r[2] for r in rows] == ["proxy", "proxy", None]
    assert rows[0][3] and rows[1][3] and rows[2][3] is None
    shown = cli.ok("motion", "show", y).stdout
    assert "表决票 3 张，其中委托投票 2 张" in shown
    assert cli.json("motion", "show", y)["stages"][0]["vote"]["tally"]["proxy_ballots"] == 2
    listed = cli.json("motion", "proxy", "list", y)
    assert listed["limit"] == 3 and [p["proxy"] for p in listed["proxies"]] == ["路**", "路**"]
    assert [p["ballots"] for p in listed["proxies"]] == [1, 1]
    text = cli.ok("motion", "proxy", "list", y).stdout
    assert "路人甲" not in text and "WT-001" in text
    history = [h["action"] for h in cli.json("motion", "show", y)["history"]]
    assert history.count("proxy_add") == 2
    cli.ok("audit", "verify")


def test_one_authorisation_a_unit_revoked_with_a_reason(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 4)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[1], "--proxy", "张三", "--document", "A1")
    assert "已有一份有效委托" in cli.fails("motion", "proxy", "add", y, "--unit", rooms[1], "--proxy", "李四",
                                         "--document", "A2")
    assert "原因" in cli.fails("motion", "proxy", "revoke", y, "--unit", rooms[1], "--reason", " ")
    assert "没有有效委托" in cli.fails("motion", "proxy", "revoke", y, "--unit", rooms[2], "--reason", "x")
    cli.ok("motion", "proxy", "revoke", y, "--unit", rooms[1], "--reason", "业主本人回来投票")
    assert "委托书" in cli.fails("motion", "vote", y, "--ballot", f"{rooms[1]}=同意@委托:张三")  # revoked
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[1], "--proxy", "李四", "--document", "A2")
    cli.ok("motion", "vote", y, "--ballot", f"{rooms[1]}=同意@委托:李四")
    err = cli.fails("motion", "proxy", "revoke", y, "--unit", rooms[1], "--reason", "改主意")
    assert "不能撤销" in err  # a ballot was cast under it
    listed = cli.json("motion", "proxy", "list", y)["proxies"]
    assert [(p["status"], p["revoke_reason"]) for p in listed] == [("revoked", "业主本人回来投票"), ("live", None)]
    cli.ok("audit", "verify")


def test_refusals_when_recording(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    assert "登记业主" in cli.fails("motion", "proxy", "add", y, "--unit", rooms[0], "--proxy", "业主0",
                                 "--document", "A")
    assert "还没到" in cli.fails("motion", "proxy", "add", y, "--unit", rooms[0], "--proxy", "张三",
                                "--document", "A", "--signed", "2024-03-22")
    assert "--document" in cli.fails("motion", "proxy", "add", y, "--unit", rooms[0], "--proxy", "张三",
                                     "--document", " ")
    assert "9-9-9" in cli.fails("motion", "proxy", "add", y, "--unit", "9-9-9", "--proxy", "张三", "--document", "A")
    z = cli.json("motion", "propose", "--title", "未开表决", "--only", "owners")["number"]
    cli.fails("motion", "proxy", "add", z, "--unit", rooms[0], "--proxy", "张三", "--document", "A")
    at(monkeypatch, "2024-04-01")
    cli.ok("motion", "vote", "close", y)
    assert "已结束计票" in cli.fails("motion", "proxy", "add", y, "--unit", rooms[0], "--proxy", "张三",
                                   "--document", "A")
    assert cli.json("motion", "proxy", "list", y)["proxies"] == []  # a closed vote still lists


def test_limit_of_units_a_proxy_holds(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 6)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")
    for i in range(1, 4):
        cli.ok("motion", "proxy", "add", y, "--unit", rooms[i], "--proxy", "路人甲", "--document", f"A{i}")
    err = cli.fails("motion", "proxy", "add", y, "--unit", rooms[4], "--proxy", "路人 甲", "--document", "A4")
    assert "proxy_max_units: 3" in err
    cli.ok("motion", "proxy", "revoke", y, "--unit", rooms[3], "--reason", "换人")
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[4], "--proxy", "路人甲", "--document", "A4")  # room again
    strict = _rules(tmp_path, "proxy_max_units: 3", "proxy_max_units: 1")
    cli.adopt_rules("--rules", strict)
    err = cli.fails("--rules", strict, "motion", "proxy", "add", y, "--unit", rooms[5], "--proxy", "路人甲",
                    "--document", "A5")
    assert "proxy_max_units: 1" in err
    cli.ok("--rules", strict, "motion", "proxy", "add", y, "--unit", rooms[5], "--proxy", "路人乙", "--document", "B")
    zero = _rules(tmp_path, "proxy_max_units: 3", "proxy_max_units: 0")
    assert "proxy_max_units" in cli.fails("--rules", zero, "motion", "proxy", "list", y)


def test_ballot_sheet_proxy_needs_the_authorisation(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 4)
    y = opened(cli)
    at(monkeypatch, "2024-03-21")

    def sheet(rows):
        lines = ["楼栋,单元,房号,意见,签名,方式"] + [f"{r.replace('-', ',')},{c},{who},{how}" for r, c, who, how in rows]
        return str(write_csv(tmp_path / "ballots.csv", "\n".join(lines) + "\n"))

    rows = [(rooms[0], "同意", "业主0", "纸质"), (rooms[1], "同意", "路人甲", "委托")]
    err = cli.fails("motion", "ballots", "import", y, sheet(rows))
    assert "ballots.csv:3: 签名:" in err and "路人甲" in err
    assert _ballots(cli) == []  # all or nothing
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[1], "--proxy", "路人甲", "--document", "A1")
    rows.append((rooms[2], "反对", "路人乙（委托）", ""))
    err = cli.fails("motion", "ballots", "import", y, sheet(rows))
    assert "ballots.csv:4: 签名:" in err and "路人乙" in err
    out = cli.json("motion", "ballots", "import", y, sheet(rows[:2]))
    assert out["count"] == 2 and out["proxy_ballots"] == 1
    assert [r[2] for r in _ballots(cli)] == ["paper", "proxy"]
    # the owner's own name under 方式 委托 is the owner's ballot: no authorisation needed
    cli.ok("motion", "ballots", "import", y, sheet(rows[:2] + [(rooms[3], "同意", "业主3", "委托")]))
    assert _ballots(cli)[-1][3] is None


def test_sheet_ballot_dated_before_the_authorisation_was_signed(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)
    at(monkeypatch, "2024-03-25")
    cli.ok("motion", "proxy", "add", y, "--unit", rooms[1], "--proxy", "路人甲", "--document", "A1",
           "--signed", "2024-03-23")

    def sheet(day):
        text = f"楼栋,单元,房号,意见,签名,方式,日期\n{rooms[1].replace('-', ',')},同意,路人甲,委托,{day}\n"
        return str(write_csv(tmp_path / "ballots.csv", text))

    err = cli.fails("motion", "ballots", "import", y, sheet("2024-03-22"))
    assert "ballots.csv:2: 签名:" in err and "2024-03-23" in err
    assert cli.json("motion", "ballots", "import", y, sheet("2024-03-23"))["proxy_ballots"] == 1
