"""Households added one at a time and corrected with a trace; a change of owner keeps the previous one."""

from __future__ import annotations


def test_add_edit_and_change_of_owner(cli):
    row = cli.json("household", "add", "--building", "3号楼", "--unit", "2", "--room", "501", "--area", "118.32",
                   "--owner", "王伟", "--phone", "13900000001", "--identity", "330102199001011234",
                   "--residents", "3", "--flag", "独居老人")
    assert row["building"] == "3" and row["owner"] == "王*" and row["flags"] == "独居老人"
    assert "已有" in cli.fails("household", "add", "--building", "三幢", "--unit", "2", "--room", "５０１",
                               "--area", "90")
    assert "--reason" in cli("household", "edit", "3-2-501", "--owner", "李娜").output
    out = cli.json("household", "edit", "3幢2单元501", "--owner", "李娜", "--phone", "13700000002",
                   "--identity", "330102199202021234", "--since", "2024-03-01", "--reason", "过户：不动产登记已变更")
    assert out["owner"] == "李*"
    assert out["previous_owners"] == [{"owner": "王*", "phone": "139****0001", "until": "2024-03-01",
                                       "reason": "过户：不动产登记已变更"}]
    change = out["history"][-1]
    assert change["action"] == "owner_change" and change["actor"] == "secretary"
    assert change["changes"]["owner"] == {"from": "王*", "to": "李*"}
    assert change["changes"]["identity"] == {"from": "***", "to": "***"}
    cli.ok("household", "edit", "3-2-501", "--area", "120", "--reason", "测绘更正")
    shown = cli.ok("household", "show", "3-2-501").stdout
    assert "历任业主" in shown and "测绘更正" in shown and "1234" not in shown.replace("139****0001", "")
    assert "没有需要更改" in cli.fails("household", "edit", "3-2-501", "--area", "120", "--reason", "x")
    assert "将来" in cli.fails("household", "edit", "3-2-501", "--owner", "张三", "--since", "2030-01-01",
                               "--reason", "x")
    assert cli.json("household", "owners")["owners"] == 1
    cli.ok("audit", "verify")


def test_motion_amend_keeps_versions_then_withdraw(cli, tmp_path, monkeypatch):
    from tests.test_motions import register

    register(cli, tmp_path, ["100"] * 3)
    y = cli.json("motion", "propose", "--title", "充电棚方案", "--text", "第一稿", "--only", "owners")["number"]
    for i in range(2, 6):
        cli.ok("motion", "amend", y, "--text", f"第{i}稿", "--reason", f"征求意见后第{i - 1}次修改")
    shown = cli.json("motion", "show", y)
    assert [v["version"] for v in shown["versions"]] == [1, 2, 3, 4, 5]
    assert shown["text"] == "第5稿" and shown["versions"][0]["text"] == "第一稿"
    assert shown["versions"][4]["reason"] == "征求意见后第4次修改"
    assert "各版本" in cli.ok("motion", "show", y).stdout
    assert "没有变化" in cli.fails("motion", "amend", y, "--text", "第5稿", "--reason", "x")
    cli.ok("motion", "vote", "open", y, "--from", "2024-03-20", "--to", "2024-03-31")
    assert "不能修改" in cli.fails("motion", "amend", y, "--text", "第六稿", "--reason", "x")
    monkeypatch.setenv("ZHILI_NOW", "2024-03-21T10:00:00+08:00")
    cli.ok("motion", "vote", y, "--ballot", "1-1-1=同意@业主0")
    out = cli.json("motion", "withdraw", y, "--reason", "重复提出")
    assert out["status"] == "withdrawn" and out["history"][-1]["note"] == "重复提出"
    assert out["stages"][0]["vote"]["result"] == "withdrawn" and out["stages"][0]["vote"]["final"] is False
    assert "已撤回" in cli.fails("motion", "vote", y, "--ballot", "1-1-2=同意@业主1")
    assert "已撤回" in cli.fails("motion", "withdraw", y, "--reason", "again")


def test_withdraw_refused_after_the_vote_closed(cli, tmp_path, monkeypatch):
    from tests.test_motions import register

    register(cli, tmp_path, ["100"] * 3)
    y = cli.json("motion", "propose", "--title", "x", "--matter", "manager", "--only", "owners")["number"]
    cli.ok("motion", "vote", "open", y, "--from", "2024-03-20", "--to", "2024-03-31")
    monkeypatch.setenv("ZHILI_NOW", "2024-04-01T10:00:00+08:00")
    cli.ok("motion", "vote", "close", y)
    assert "不能撤回" in cli.fails("motion", "withdraw", y, "--reason", "晚了")
