"""The rules in the record: a change of the rules file is audited the first time a command
writes under it, and `rules show --at DATE` gives the rules that were in force that day."""

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


def test_a_rules_change_is_recorded_once_when_a_command_first_writes_under_it(cli, tmp_path):
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(default_text().replace("notice_days: 15 ", "notice_days: 20 "), "utf-8")
    _add(cli, "一", "2024-03-05")
    _add(cli, "二", "2024-03-06")
    assert len(_versions(cli.db)) == 1  # unchanged rules: nothing new
    cli.ok("--rules", str(stricter), "petition", "list")  # a read records nothing
    assert len(_versions(cli.db)) == 1
    _add(cli, "三", "2024-04-02", "--rules", str(stricter))
    _add(cli, "四", "2024-04-03", "--rules", str(stricter))
    _add(cli, "五", "2024-05-01")  # back to the first text: a change again
    versions = _versions(cli.db)
    assert [v[1][:10] for v in versions] == ["2024-03-05", "2024-04-02", "2024-05-01"]
    assert versions[1][0] == str(stricter)
    log = cli.json("audit", "log", "--table", "rules_versions")
    assert len(log) == 3 and {e["command"] for e in log} == {"petition add"}
    assert cli.json("audit", "verify")["ok"]


def test_rules_show_at_gives_the_rules_in_force_that_day(cli, tmp_path):
    stricter = tmp_path / "stricter.yaml"
    stricter.write_text(default_text().replace("notice_days: 15 ", "notice_days: 20 "), "utf-8")
    _add(cli, "一", "2024-03-05")
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
    cli.ok("--rules", str(stricter), "--as", "金建国", "expense", "approve", first)
    versions = _sha_of(cli.db, "SELECT sha256 FROM rules_versions ORDER BY id")
    assert len(versions) == 2
    assert _sha_of(cli.db, "SELECT rules_sha256 FROM expenses") == [versions[0]]
    assert _sha_of(cli.db, "SELECT rules_sha256 FROM expense_approvals") == [versions[1]]
    # the version named is the text `rules show --at` prints
    day = cli.json("rules", "show", "--at", "2024-03-05")
    assert day["sha256"] == versions[1]
    assert cli.json("audit", "verify")["ok"]
