"""Who may speak for a body: representatives on the roster (with their appointment), committee
members only with their election, terms ended only for a reason of a known kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Cli, write_csv
from tests.test_motions import ballot, close_vote, owners_motion, register

ELECTED = ("--basis", "选举结果公告2023-01号", "--basis-date", "2023-05-20")


def test_residents_committee_approval_only_by_its_representative(tmp_path):
    """The way around: without an owners' committee, `expense approve --body 居委会 --by ANYONE`
    approved public revenue spending."""
    cli = Cli(tmp_path / "z.db")
    cli.ok("init", "--name", "安普顿", "--no-committee")
    cli.ok("ledger", "opening", "--amount", "50000", "--date", "2024-01-01")
    num = cli.json("expense", "request", "--amount", "3000", "--payee", "五金店", "--purpose", "换灯")["number"]
    err = cli.fails("expense", "approve", num, "--body", "居委会", "--by", "路人甲")
    assert "居委会 还没有登记代表" in err and "zhili member add" in err and "居委会代表" in err
    assert "no representative recorded" in cli.fails("--lang", "en", "expense", "approve", num, "--body", "居委会")
    cli.ok("member", "add", "陈金花", "--role", "居委会代表", "--term-start", "2023-01-01", "--basis", "社区委派函")
    cli.ok("member", "add", "李力天", "--role", "物业代表", "--basis", "物业委派函")
    err = cli.fails("expense", "approve", num, "--body", "居委会", "--by", "路人甲")
    assert "路人甲" in err and "陈金花" in err
    assert cli.fails("expense", "approve", num, "--body", "居委会", "--by", "李力天")  # the property company's
    assert cli.json("expense", "show", num)["status"] == "requested"
    row = cli.json("expense", "approve", num, "--body", "居委会", "--by", " 陈金花 ")
    assert row["status"] == "approved"
    assert cli.json("expense", "show", num)["approvals"][0]["approver"] == "陈金花"
    cli.ok("audit", "verify")


def test_a_representative_out_of_office_that_day_cannot_confirm(tmp_path):
    cli = Cli(tmp_path / "z.db")
    cli.ok("init", "--name", "安普顿", "--no-committee")
    cli.ok("member", "add", "陈金花", "--role", "居委会代表", "--term-start", "2023-01-01", "--basis", "社区委派函")
    cli.ok("member", "end-term", "陈金花", "--date", "2024-02-29", "--kind", "调离", "--doc", "社区调令2024-3号")
    cli.ok("ledger", "opening", "--fund", "维修资金", "--amount", "500000", "--date", "2024-01-01")
    num = cli.json("expense", "request", "--fund", "维修资金", "--emergency", "电梯故障严重", "--amount", "50000",
                   "--payee", "电梯公司", "--purpose", "曳引机")["number"]
    err = cli.fails("expense", "confirm", num, "--party", "居委会", "--by", "陈金花")
    assert "2024-03-05" in err and "陈金花 在 2024-03-05 不是" in err
    cli.ok("member", "add", "刘洋", "--role", "社区居委会代表", "--term-start", "2024-03-01", "--basis", "社区委派函2024-4号")
    assert cli.json("expense", "confirm", num, "--party", "居委会", "--by", "刘洋")["status"] == "requested"
    history = cli.json("member", "show", "陈金花")["history"]
    assert [h["action"] for h in history] == ["add", "end_term"]
    assert history[0]["reason"] == "社区委派函" and history[1]["after"]["kind"] == "transferred"


def test_committee_members_need_their_election(cli):
    err = cli.fails("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01")
    assert "选举依据" in err
    assert "--basis-date" in cli.fails("member", "add", "金建国", "--role", "主任", "--basis", "选举公告")
    assert "晚于任期开始" in cli.fails("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01",
                                   "--basis", "选举公告", "--basis-date", "2023-06-02")
    assert "今天之后" in cli.fails("member", "add", "金建国", "--role", "主任", "--basis", "选举公告",
                               "--basis-date", "2024-03-06")
    assert cli.json("member", "list") == []
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", *ELECTED)
    shown = cli.json("member", "show", "金建国")
    assert shown["history"][0]["after"]["basis"] == "选举结果公告2023-01号"
    assert shown["history"][0]["after"]["basis_date"] == "2023-05-20"
    # a representative needs the appointment; a building lead speaks for nobody and needs none
    assert "委派依据" in cli.fails("member", "add", "张红梅", "--role", "居委会代表")
    assert "委派依据" in cli.fails("member", "add", "周强", "--role", "业主代表")
    cli.ok("member", "add", "王伟", "--role", "楼道长", "--party", "居委会")


def test_a_committee_member_elected_by_an_owners_vote(cli, tmp_path):
    rooms = register(cli, tmp_path, ["100"] * 4)
    y = owners_motion(cli, matter="election")
    assert "没有已结束并通过" in cli.fails("member", "add", "金建国", "--role", "主任", "--basis", y)
    cli.ok("motion", "vote", y, *sum((["--ballot", ballot(r, "同意")] for r in rooms), []))
    assert "没有已结束并通过" in cli.fails("member", "add", "金建国", "--role", "主任", "--basis", y)  # provisional
    assert close_vote(cli, y)["passed"] is True
    cli.ok("member", "add", "金建国", "--role", "主任", "--basis", y.lower(), "--term-start", "2024-04-01")
    after = cli.json("member", "show", "金建国")["history"][0]["after"]
    assert after["motion"] == y and after["basis"] == y


def test_a_term_ends_only_for_a_known_reason_with_its_document(cli, tmp_path):
    cli.ok("member", "add", "陆伟", "--role", "委员", "--term-start", "2023-06-01", *ELECTED)
    assert "离任须写明类别" in cli.fails("member", "end-term", "陆伟", "--reason", "不想干了")
    assert "无效的离任类别" in cli.fails("member", "end-term", "陆伟", "--kind", "不想干了", "--doc", "x")
    assert "文件号" in cli.fails("member", "end-term", "陆伟", "--kind", "辞职")
    err = cli.fails("member", "end-term", "陆伟", "--kind", "罢免", "--doc", "业委会决定")
    assert "罢免须写明业主大会表决通过的议案号" in err
    rooms = register(cli, tmp_path, ["100"] * 4)
    y = owners_motion(cli, matter="election")
    cli.ok("motion", "vote", y, *sum((["--ballot", ballot(r, "同意")] for r in rooms), []))
    close_vote(cli, y)
    d = cli.json("member", "end-term", "陆伟", "--kind", "罢免", "--doc", y)
    assert d["history"][-1]["after"]["kind"] == "recalled" and d["history"][-1]["reason"] == "罢免"
    assert d["term_end"] == "2024-04-01"


def test_member_import_needs_the_basis(cli, tmp_path):
    path = write_csv(tmp_path / "m.csv", "姓名,角色,任期开始,任期结束\n新人,委员,2024-01-01,2028-12-31\n")
    err = cli.fails("member", "import", path)
    assert err.startswith(f"{path}:2: ") and "选举依据" in err
    path = write_csv(tmp_path / "r.csv", "姓名,角色,委派依据\n张红梅,居委会代表,\n")
    assert f"{path}:2: 委派依据:" in cli.fails("member", "import", path)
    path = write_csv(tmp_path / "ok.csv", "姓名,角色,任期开始,选举依据,选举日期\n新人,委员,2024-01-01,补选公告,2023-12-20\n")
    assert cli.json("member", "import", path)["new"] == 1
    assert cli.json("member", "show", "新人")["history"][0]["after"]["basis"] == "补选公告"
    cli.ok("audit", "verify")


def test_an_import_cannot_end_or_move_a_term(cli, tmp_path):
    """The way around: re-importing the roster with an earlier 任期结束 shrank the committee with
    no resignation recorded."""
    cli.ok("member", "import", str(EXAMPLES / "members.csv"))
    head = "姓名,角色,任期开始,任期结束,任职依据,依据日期\n"
    path = write_csv(tmp_path / "end.csv", head + "陆伟,委员,2023-06-01,2024-03-01,,\n")
    err = cli.fails("member", "import", path)
    assert err.startswith(f"{path}:2: 任期结束:") and "member end-term" in err
    path = write_csv(tmp_path / "start.csv", head + "陆伟,委员,2024-03-06,2028-05-31,,\n")
    assert f"{path}:2: 任期开始:" in cli.fails("member", "import", path)
    assert cli.json("member", "show", "陆伟")["term_end"] == "2028-05-31"
    # a first planned end for a representative, not before today, is only filled in
    path = write_csv(tmp_path / "rep.csv", head + "张红梅,居委会代表,2023-01-01,2026-12-31,,\n")
    assert cli.json("member", "import", path)["changed"] == 1
    path = write_csv(tmp_path / "phone.csv", "姓名,角色,电话\n陆伟,委员,13900000000\n")
    assert cli.json("member", "import", path)["changed"] == 1


@pytest.mark.slow
def test_demo_records_its_representatives_and_elections(tmp_path):
    """The demo's residents' committee confirms its emergencies through 张红梅, on the roster."""
    cli = Cli(tmp_path / "demo.db")
    cli.ok("demo")
    people = {m["name"]: m for m in cli.json("member", "list")}
    assert people["张红梅"]["role"] == "residents_rep" and people["金建国"]["role"] == "chair"
    assert cli.json("member", "show", "金建国")["history"][0]["after"]["basis"].startswith("龙湫湾业主大会")


def test_an_even_committee_is_warned_about(cli):
    """committee.size_odd: the committee has an odd number of members (Guiding rules art. 31). An
    even committee still decides (a vacancy waits for a by-election), so the roster commands warn."""
    cli.ok("member", "add", "金建国", "--role", "主任", *ELECTED)
    r = cli.ok("member", "add", "沈丽", "--role", "副主任", *ELECTED)
    assert "双数" in r.stderr and "committee.size_odd" in r.stderr and "2" in r.stderr
    assert "双数" in cli.ok("member", "list", "--json").stderr
    r = cli.ok("member", "add", "陆伟", "--role", "委员", *ELECTED)
    assert "双数" not in r.stderr
    r = cli.ok("member", "end-term", "陆伟", "--kind", "辞职", "--doc", "辞职书", "--date", "2024-03-04")
    assert "双数" in r.stderr
    assert "双数" in cli.ok("member", "add", "王伟", "--role", "楼道长", "--party", "居委会").stderr  # still two
    rules = Path("zhili.yaml")  # written by init beside the database
    rules.write_text(rules.read_text("utf-8").replace("size_odd: true", "size_odd: false", 1), "utf-8")
    assert "双数" not in cli.ok("member", "list").stderr
