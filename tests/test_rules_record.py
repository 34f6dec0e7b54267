"""The rules in the record: the first writing command notes the rules; a changed rules file is
refused for writes until `rules adopt` records it with its reason, and `rules show --at DATE`
gives the rules that were in force that day."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zhili_cli.rules.load import default_text


def _versions(db: Path):
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT source, first_used_at FROM rules_versions ORDER BY id").fetchall()
    finally:
        conn.close()


def _add(cli, title, day, *extra):
    cli.ok(*extra, "petition", "add", "--title", title, "--source", "信箱",
           env={"ZHILI_NOW": f"{day}T10:00:00+08:00"})


def test_a_rules_change_is_refused_until_it_is_adopted_with_its_reason(cli, tmp_path):
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(default_text().replace("notice_days: 15 ", "notice_days: 20 "), "utf-8")
    _add(cli, "一", "2024-03-05")
    _add(cli, "二", "2024-03-06")
    assert len(_versions(cli.db)) == 1  # unchanged rules: nothing new
    cli.ok("--rules", str(stricter), "petition", "list")  # a read under another file records nothing
    assert len(_versions(cli.db)) == 1
    err = cli.fails("--rules", str(stricter), "petition", "add", "--title", "三", "--source", "信箱",
                    env={"ZHILI_NOW": "2024-04-02T10:00:00+08:00"})
    assert err.startswith(f"{stricter}：") and "zhili rules adopt" in err
    assert len(_versions(cli.db)) == 1 and len(cli.json("petition", "list")) == 2  # nothing written
    cli.adopt_rules("--rules", str(stricter), reason="通知期延长到 20 天", env={"ZHILI_NOW": "2024-04-02T09:00:00+08:00"})
    _add(cli, "三", "2024-04-02", "--rules", str(stricter))
    _add(cli, "四", "2024-04-03", "--rules", str(stricter))
    assert "rules adopt" in cli.fails("petition", "add", "--title", "五", "--source", "信箱",
                                      env={"ZHILI_NOW": "2024-05-01T10:00:00+08:00"})  # the old file is not the rules now
    cli.adopt_rules(reason="恢复 15 天", env={"ZHILI_NOW": "2024-05-01T09:00:00+08:00"})
    _add(cli, "五", "2024-05-01")
    versions = _versions(cli.db)
    assert [v[1][:10] for v in versions] == ["2024-03-05", "2024-04-02", "2024-05-01"]
    assert versions[1][0] == str(stricter)
    history = cli.json("rules", "history")
    assert [h["reason"] for h in history] == [None, "通知期延长到 20 天", "恢复 15 天"]
    log = cli.json("audit", "log", "--table", "rules_versions")
    assert sorted(e["command"] for e in log) == ["petition add", "rules adopt", "rules adopt"]
    assert cli.json("audit", "verify")["ok"]


def test_adopting_needs_a_reason_and_a_change(cli):
    _add(cli, "一", "2024-03-05")
    assert "无需" in cli.fails("rules", "adopt", "--reason", "没改")  # the file is the adopted rules
    assert cli.fails("rules", "adopt", code=2)  # --reason is required
    assert "原因" in cli.fails("--rules", "zhili.yaml", "rules", "adopt", "--reason", "  ")


def test_a_looser_file_cannot_be_slipped_in_for_one_approval(cli, tmp_path):
    """The finding: a rules file raising the chair's limit to 100 000 yuan, given to one command,
    let the chair approve 45 000 yuan, which the adopted rules send to the owners' assembly."""
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31",
           "--basis", "选举文件1号", "--basis-date", "2023-05-20")
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    loose = tmp_path / "loose.yaml"
    loose.write_text(default_text().replace("      max: 5000", "      max: 100000", 1)
                     .replace("      max: 20000", "      max: 200000", 1).replace("      max: 40000", "      max: 400000", 1),
                     "utf-8")
    assert "rules_ok" not in cli.ok("rules", "check", str(loose)).stdout  # a valid file, only looser
    err = cli.fails("--rules", str(loose), "expense", "request", "--amount", "45000", "--payee", "某公司",
                    "--purpose", "监控")
    assert "rules adopt" in err
    number = cli.json("expense", "request", "--amount", "45000", "--payee", "某公司", "--purpose", "监控")["number"]
    assert "rules adopt" in cli.fails("--rules", str(loose), "--as", "金建国", "expense", "approve", number)
    assert cli.json("expense", "show", number)["status"] != "approved"
    assert [h["reason"] for h in cli.json("rules", "history")] == [None]


def test_rules_history_on_screen(cli, tmp_path):
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(default_text().replace("notice_days: 15 ", "notice_days: 20 "), "utf-8")
    _add(cli, "一", "2024-03-05")
    cli.adopt_rules("--rules", str(stricter), reason="通知期延长", env={"ZHILI_NOW": "2024-04-02T09:00:00+08:00"})
    out = cli.ok("rules", "history").stdout
    assert "初始规则" in out and "通知期延长" in out


def test_rules_show_at_gives_the_rules_in_force_that_day(cli, tmp_path):
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(default_text().replace("notice_days: 15 ", "notice_days: 20 "), "utf-8")
    _add(cli, "一", "2024-03-05")
    cli.adopt_rules("--rules", str(stricter), env={"ZHILI_NOW": "2024-04-02T09:00:00+08:00"})
    _add(cli, "二", "2024-04-02", "--rules", str(stricter))
    march = cli.ok("rules", "show", "--at", "2024-03-31").stdout
    assert "notice_days: 15 " in march and "2024-03-31" in march.splitlines()[0]
    assert "notice_days: 20 " in cli.ok("rules", "show", "--at", "2024-04-02").stdout  # the whole day counts
    assert "notice_days: 20 " in cli.ok("rules", "show", "--at", "2024年6月1日").stdout
    data = cli.json("rules", "show", "--at", "2024-04-01")
    assert data["day"] == "2024-04-01" and "notice_days: 15 " in data["text"] and len(data["sha256"]) == 64
    err = cli.fails("rules", "show", "--at", "2024-03-04")
    assert "2024-03-04" in err


def _sha_of(db: Path, sql: str):
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute(sql)]
    finally:
        conn.close()


def test_each_decision_names_the_rules_it_was_taken_under(cli, tmp_path):
    """An expense's tier and its approval keep the version of the rules in force when they were
    decided; a later change of the rules file does not rewrite them."""
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("ledger", "income", "add", "--amount", "10000", "--source", "商铺租金")
    first = cli.json("expense", "request", "--amount", "3000", "--payee", "平湖五金店", "--purpose", "灯泡")["number"]
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(default_text().replace("notice_days: 15 ", "notice_days: 20 "), "utf-8")
    cli.adopt_rules("--rules", str(stricter))
    cli.ok("--rules", str(stricter), "--as", "金建国", "expense", "approve", first)
    versions = _sha_of(cli.db, "SELECT sha256 FROM rules_versions ORDER BY id")
    assert len(versions) == 2
    assert _sha_of(cli.db, "SELECT rules_sha256 FROM expenses") == [versions[0]]
    assert _sha_of(cli.db, "SELECT rules_sha256 FROM expense_approvals") == [versions[1]]
    # the version named is the text `rules show --at` prints
    day = cli.json("rules", "show", "--at", "2024-03-05")
    assert day["sha256"] == versions[1]
    assert cli.json("audit", "verify")["ok"]


def test_the_rules_beside_the_database_are_found_from_any_folder(tmp_path, monkeypatch):
    """`zhili --db demo/zhili.db …` from the project folder runs under the demo compound's rules
    (init writes zhili.yaml beside the database), not the built-in defaults."""
    from tests.conftest import Cli

    compound = tmp_path / "compound"
    compound.mkdir()
    cli = Cli(compound / "zhili.db")
    cli.ok("init", "--name", "旁边的规则")
    rules = compound / "zhili.yaml"
    rules.write_text(rules.read_text("utf-8").replace('number_prefix: "P"', 'number_prefix: "Q"'), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert cli.json("petition", "add", "--title", "路灯", "--source", "信箱")["number"].startswith("Q")
    assert str(rules) in cli.ok("rules", "show").stdout.splitlines()[0]
    assert cli.json("rules", "history")[0]["source"] == str(rules)
