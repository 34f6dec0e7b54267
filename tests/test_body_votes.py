"""Bodies decide at their meetings: committee votes by members recorded present at a committee
meeting with quorum, closed with the meeting; no decision below the committee's minimum size;
no proxies unless the rules allow them; three-party positions only at a three-party meeting
with its quorum, whatever the decision rule."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli
from tests.test_meetings import committee_meeting, roster, three_party_meeting

NAMES = ["金建国", "沈丽", "陆伟", "顾敏", "钱志文", "朱晓雪", "吴海燕"]


def _edit_rules(old: str, new: str) -> None:
    path = Path("zhili.yaml")  # written by init beside the database
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def _committee_motion(cli, subject=None):
    args = ["motion", "propose", "--title", "审批", "--only", "committee"]
    return cli.json(*args, *(["--subject", subject] if subject else []))["number"]


def test_absent_member_cannot_add_a_vote_and_the_expense_stays_unapproved(cli, monkeypatch):
    """The finding: an absent member added a vote days later, 4 of 7 → passed → expense approved."""
    roster(cli)
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    e = cli.json("expense", "request", "--amount", "15000", "--payee", "宏达金属", "--purpose", "护栏")["number"]
    y = _committee_motion(cli, e)
    m = committee_meeting(cli, NAMES[:4])
    res = cli.json("motion", "vote", y, "--meeting", m, *sum((["--member", f"{n}=同意"] for n in NAMES[:3]), []),
                   "--member", "顾敏=反对")
    assert res["passed"] is False and res["yes"] == 3
    monkeypatch.setenv("ZHILI_NOW", "2024-03-09T10:00:00+08:00")
    assert "已随会议结束" in cli.fails("motion", "vote", y, "--meeting", m, "--member", "钱志文=同意")
    cli.ok("meeting", "attend", m, "--present", "钱志文")  # attendance padded afterwards
    assert "已随会议结束" in cli.fails("motion", "vote", y, "--meeting", m, "--member", "钱志文=同意")
    assert "会议" in cli.fails("motion", "vote", y, "--member", "钱志文=同意")
    assert "业委会" in cli.fails("expense", "approve", e)
    cli.ok("audit", "verify")


def test_committee_votes_only_at_a_committee_meeting_on_its_day_with_quorum(cli, monkeypatch):
    roster(cli)
    y = _committee_motion(cli)
    three = three_party_meeting(cli)
    assert "业委会会议" in cli.fails("motion", "vote", y, "--meeting", three, "--member", "金建国=同意")
    later = cli.json("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-10")["number"]
    assert "2024-03-10" in cli.fails("motion", "vote", y, "--meeting", later, "--member", "金建国=同意")
    m = committee_meeting(cli, NAMES[:3])  # 3 of 7: no quorum
    assert "法定人数" in cli.fails("motion", "vote", y, "--meeting", m, "--member", "金建国=同意")
    cli.ok("meeting", "attend", m, "--present", "顾敏")
    cli.ok("meeting", "publish", m)
    assert "已公布" in cli.fails("motion", "vote", y, "--meeting", m, "--member", "金建国=同意")


def test_committee_below_size_min_cannot_vote(cli):
    for name, role in zip(NAMES[:4], ["主任", "副主任", "委员", "委员"]):
        cli.ok("member", "add", name, "--role", role, "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    y = _committee_motion(cli)
    m = committee_meeting(cli, NAMES[:4])
    err = cli.fails("motion", "vote", y, "--meeting", m, *sum((["--member", f"{n}=同意"] for n in NAMES[:4]), []))
    assert "补选" in err and "5" in err


def test_proxies_refused_unless_the_rules_allow_them(cli):
    roster(cli)
    y = _committee_motion(cli)
    m = committee_meeting(cli, NAMES[:4])
    votes = sum((["--member", f"{n}=同意"] for n in NAMES[:3]), [])
    err = cli.fails("motion", "vote", y, "--meeting", m, *votes, "--member", "朱晓雪（委托金建国）=同意")
    assert "proxies_allowed" in err and "朱晓雪" in err
    _edit_rules("proxies_allowed: false", "proxies_allowed: true")
    cli.adopt_rules()
    err = cli.fails("motion", "vote", y, "--meeting", m, *votes, "--member", "朱晓雪（委托吴海燕）=同意")
    assert "吴海燕" in err  # the proxy holder must be present
    res = cli.json("motion", "vote", y, "--meeting", m, *votes, "--member", "朱晓雪（委托金建国）=同意")
    assert res["passed"] is True and res["yes"] == 4


def test_majority_of_parties_positions_need_a_meeting_with_quorum(cli, monkeypatch):
    """The finding: positions outside a meeting, with majority_of_parties, approved and paid
    30 000 with two parties and no quorum."""
    _edit_rules("decision: all_parties       # default", "decision: majority_of_parties  # default")
    roster(cli)  # with 张红梅 (居委会) and 李明 (物业)
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    e = cli.json("expense", "request", "--amount", "30000", "--payee", "绿能充电", "--purpose", "充电棚")["number"]
    y = cli.json("motion", "propose", "--title", "充电棚", "--only", "three_party", "--subject", e)["number"]
    two = ["--position", "居委会=同意", "--position", "业委会=同意"]
    assert "会议" in cli.fails("motion", "vote", y, *two)
    m = three_party_meeting(cli, parties=("居委会", "业委会"))  # the property company is missing
    assert "法定人数" in cli.fails("motion", "vote", y, "--meeting", m, *two)
    assert "三方协同会议" in cli.fails("expense", "approve", e)
    cli.ok("meeting", "attend", m, "--present", "李明")
    res = cli.json("motion", "vote", y, "--meeting", m, *two, "--position", "物业=反对")
    assert res["passed"] is True  # 2 of 3 at a meeting with its quorum: the rule applies
    assert cli.json("expense", "approve", e)["status"] == "approved"
    cli.ok("audit", "verify")


def test_votes_are_final_and_closed_when_recorded(cli):
    from zhili_cli.store.db import open_db

    roster(cli)
    y = _committee_motion(cli, "E2024-001")
    m = committee_meeting(cli, NAMES[:5])
    cli.ok("motion", "vote", y, "--meeting", m, *sum((["--member", f"{n}=同意"] for n in NAMES[:4]), []))
    conn = open_db(cli.db)
    row = conn.execute("SELECT result, final, closed_at, meeting_id IS NOT NULL FROM votes").fetchone()
    conn.close()
    assert row[0] == "passed" and row[1] == 1 and row[2].startswith("2024-03-05") and row[3] == 1


def _no_committee(tmp_path) -> Cli:
    c = Cli(tmp_path / "wanjun.db")
    c.ok("init", "--name", "湾郡", "--no-committee")
    return c


def test_joint_meeting_positions_without_an_owners_committee(tmp_path):
    cli = _no_committee(tmp_path)
    y = cli.json("motion", "propose", "--title", "电梯大修", "--only", "three_party")["number"]
    m = three_party_meeting(cli, parties=("居委会", "物业", "业主代表"))
    err = cli.fails("motion", "vote", y, "--meeting", m, "--position", "业委会=同意")
    assert "不是本会议的参会方" in err
    res = cli.json("motion", "vote", y, "--meeting", m, "--position", "居委会=同意", "--position", "物业=同意",
                   "--position", "业主代表=同意")
    assert res["passed"] is True and set(res["positions"]) == {"residents_committee", "property", "owner_reps"}
