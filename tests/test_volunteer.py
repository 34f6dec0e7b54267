"""Volunteer service hours and points (志愿服务, 湾郡币)."""

from __future__ import annotations

import json


def test_hours_earn_points_at_rules_rate_and_balance(cli):
    row = json.loads(cli.ok("volunteer", "add", "王阿姨", "--hours", "1.5", "--activity", "敲门日", "--json").stdout)
    assert row["points"] == 15 and row["balance"] == 15 and row["date"] == "2024-03-05"
    cli.ok("volunteer", "add", "王阿姨", "--hours", "0.25", "--activity", "送药")   # 2.5 points → 2
    cli.ok("volunteer", "add", "王阿姨", "--hours", "2", "--activity", "义诊", "--points", "50", "--date", "2024-03-01")
    cli.ok("volunteer", "add", "李师傅", "--hours", "3", "--activity", "楼道大清扫")
    bal = {r["name"]: r for r in cli.json("volunteer", "balance")}
    assert bal["王阿姨"]["balance"] == 67 and bal["王阿姨"]["hours"] == "3.75"
    assert bal["李师傅"]["balance"] == 30
    assert [r["activity"] for r in cli.json("volunteer", "list", "--name", "王阿姨")] == ["送药", "敲门日", "义诊"]
    cli.ok("audit", "verify")


def test_rate_from_rules(cli, tmp_path):
    from zhili_cli.rules.load import default_text

    rules = tmp_path / "zhili.yaml"
    rules.write_text(default_text().replace("points_per_hour: 10", "points_per_hour: 3")
                     .replace("currency: 积分", "currency: 湾郡币"), encoding="utf-8")
    out = cli.ok("--rules", str(rules), "volunteer", "add", "王阿姨", "--hours", "2", "--activity", "x").stdout
    assert "+6 湾郡币" in out


def test_redeem_never_negative_even_back_dated(cli):
    cli.ok("volunteer", "add", "王阿姨", "--hours", "2", "--activity", "x", "--date", "2024-03-01")
    assert "20" in cli.fails("volunteer", "redeem", "王阿姨", "--points", "21", "--for", "消费券")
    assert "2024-02-20" in cli.fails("volunteer", "redeem", "王阿姨", "--points", "5", "--for", "消费券",
                                     "--date", "2024-02-20")
    row = json.loads(cli.ok("volunteer", "redeem", "王阿姨", "--points", "20", "--for", "消费券", "--json").stdout)
    assert row["balance"] == 0 and row["points"] == -20
    cli.fails("volunteer", "redeem", "王阿姨", "--points", "1", "--for", "x")
    cli.fails("volunteer", "redeem", "无名氏", "--points", "1", "--for", "x")
    assert cli.json("volunteer", "balance")[0]["redeemed"] == 20


def test_refusals(cli):
    for hours in ("0", "-1", "25", "1.234", "两小时"):
        cli.fails("volunteer", "add", "王阿姨", "--hours", hours, "--activity", "x")
    cli.fails("volunteer", "add", "王阿姨", "--hours", "1", "--activity", " ")
    cli.fails("volunteer", "add", " ", "--hours", "1", "--activity", "x")
    cli.fails("volunteer", "add", "王阿姨", "--hours", "1", "--activity", "x", "--date", "2024-03-06")
    cli.fails("volunteer", "redeem", "王阿姨", "--points", "0", "--for", "x", code=2)
    assert cli.json("volunteer", "list") == []


def test_month_totals_have_no_names(cli):
    from zhili_cli.services.volunteers import month_totals
    from zhili_cli.store.db import open_db

    cli.ok("volunteer", "add", "王阿姨", "--hours", "1.5", "--activity", "x", "--date", "2024-02-10")
    cli.ok("volunteer", "add", "王阿姨", "--hours", "2", "--activity", "x", "--date", "2024-03-01")
    cli.ok("volunteer", "add", "李师傅", "--hours", "1", "--activity", "x", "--date", "2024-03-02")
    cli.ok("volunteer", "redeem", "王阿姨", "--points", "5", "--for", "x", "--date", "2024-03-03")
    totals = month_totals(open_db(cli.db), "2024-03-01", "2024-03-31")
    assert totals == {"volunteers": 2, "services": 2, "hours_x100": 300, "hours": "3",
                      "points_earned": 30, "points_redeemed": 5}
    assert "王" not in json.dumps(totals, ensure_ascii=False)


def test_list_out_xlsx(cli, tmp_path):
    from openpyxl import load_workbook

    cli.ok("volunteer", "add", "王阿姨", "--hours", "1", "--activity", "=cmd|' /C calc'!A0")
    cli.ok("volunteer", "list", "--out", str(tmp_path / "v.xlsx"))
    ws = load_workbook(tmp_path / "v.xlsx").active
    assert ws["E2"].value.startswith("'=")
