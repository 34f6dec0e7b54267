"""Projects: milestones done only when all three parties verified; progress and overdue."""

from __future__ import annotations


def _representatives(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "李明", "--role", "物业代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")


def test_milestone_needs_all_three_parties(cli):
    _representatives(cli)
    num = cli.json("project", "add", "--title", "室外集中充电棚")["number"]
    assert num == "XM2024-001"
    cli.ok("project", "milestone", num, "--title", "选址公示", "--due", "2024-04-30", "--party", "物业")
    cli.ok("project", "milestone", num, "--title", "施工", "--due", "2024-02-28", "--party", "业委会")
    first = f"{num}#1"
    r = cli.json("project", "verify", first, "--party", "物业", "--by", "李明")
    assert r["count"] == 1 and not r["done"]
    r = cli.json("project", "verify", first, "--party", "居委会", "--by", "张红梅")
    assert not r["done"]
    assert "已由" in cli.fails("project", "verify", first, "--party", "居委会", "--by", "张红梅")
    r = cli.json("project", "verify", first, "--party", "owners_committee", "--by", "金建国")
    assert r["done"] and r["verified_by"] == ["residents_committee", "owners_committee", "property"]
    data = cli.json("project", "show", num)
    assert data["done"] == 1 and data["total"] == 2 and data["progress"] == 50.0
    assert data["overdue"] == [f"{num}#2"]  # due 2024-02-28, now 2024-03-05
    assert data["milestones"][0]["done"] and not data["milestones"][1]["done"]
    listed = cli.json("project", "list")
    assert listed[0]["number"] == num and listed[0]["overdue"] == [f"{num}#2"]
    out = cli.ok("project", "show", num).stdout
    assert "超期" in out and "完成" in out


def test_refusals(cli):
    assert "没有项目" in cli.fails("project", "milestone", "XM2024-009", "--title", "x")
    num = cli.json("project", "add", "--title", "连心椅")["number"]
    assert "没有节点" in cli.fails("project", "verify", f"{num}#3", "--party", "物业")
    cli.ok("project", "milestone", num, "--title", "安装")
    assert "无效" in cli.fails("project", "verify", f"{num}/1", "--party", "街道")
    assert "名称" in cli.fails("project", "add", "--title", " ")
    assert "日期" in cli.fails("project", "milestone", num, "--title", "x", "--due", "明天")


def test_expense_linked_to_project_is_summed_by_project(cli):
    num = cli.json("project", "add", "--title", "护栏更换")["number"]
    cli.json("expense", "request", "--amount", "4000", "--payee", "甲", "--purpose", "材料", "--project", num)
    row = cli.json("expense", "request", "--amount", "4000", "--payee", "乙", "--purpose", "人工",
                   "--project", num.lower())
    assert row["project"] == num and row["tier"] == "committee"
    check = cli.json("expense", "check", "100", "--project", num.lower())
    assert check["tier"] == "committee" and len(check["earlier"]) == 2


def test_a_party_verifies_only_through_its_own_representative(cli):
    """The finding: a milestone was "verified for 物业" by the residents' committee's representative."""
    _representatives(cli)
    num = cli.json("project", "add", "--title", "充电棚")["number"]
    cli.ok("project", "milestone", num, "--title", "建成")
    err = cli.fails("project", "verify", f"{num}#1", "--party", "物业", "--by", "张红梅")
    assert "张红梅" in err and "不是物业登记在册的代表" in err
    assert "--by" in cli.fails("project", "verify", f"{num}#1", "--party", "物业")  # the secretary is nobody's
    assert cli.json("--as", "李明", "project", "verify", f"{num}#1", "--party", "物业")["count"] == 1
    cli.ok("member", "end-term", "金建国", "--kind", "辞职", "--doc", "辞职书")
    cli.ok("project", "verify", f"{num}#1", "--party", "业委会", "--by", "金建国")  # in office through today
    shown = cli.json("project", "show", num)["milestones"][0]
    assert shown["verified_by"] == ["property", "owners_committee"]
