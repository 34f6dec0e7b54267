"""What a person sees in Chinese: times and deadlines in detail views (the JSON keeps ISO),
audited changes and tables by their names, chart legends, the party's second vote, the desk's
suggested command and rules hint, all without English codes."""

from __future__ import annotations

import re

from tests.test_motions import register

ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def test_petition_show_prints_times_and_deadline_dates_the_json_keeps_iso(cli):
    num = cli.json("petition", "add", "--title", "3幢路灯不亮", "--source", "信箱")["number"]
    shown = cli.json("petition", "show", num)
    assert ISO.match(shown["received_at"]) and ISO.match(shown["response_due"])
    text = cli.ok("petition", "show", num, env={"COLUMNS": "80"}).stdout
    assert not ISO.search(text)
    assert f"收到      {shown['received_at'][:16].replace('T', ' ')}" in text
    line = next(x for x in text.splitlines() if x.startswith("响应期限"))
    assert line.split()[1] == shown["response_due"][:10] and ":" not in line


def test_expense_show_prints_the_request_time_without_iso(cli):
    cli.ok("ledger", "income", "add", "--amount", "100000", "--source", "商铺租金")
    e = cli.json("expense", "request", "--amount", "480", "--payee", "平湖五金店", "--purpose", "声控灯")["number"]
    at = cli.json("expense", "show", e)["requested_at"]
    text = cli.ok("expense", "show", e).stdout
    assert not ISO.search(text) and at[:16].replace("T", " ") in text


def test_audit_log_names_actions_and_tables_in_chinese(cli):
    cli.ok("petition", "add", "--title", "路灯", "--source", "信箱")
    text = cli.ok("audit", "log", env={"COLUMNS": "200"}).stdout
    assert "新增" in text and "诉求（petitions）" in text
    assert not re.search(r"\binsert\b", text)
    en = cli.ok("--lang", "en", "audit", "log", env={"COLUMNS": "200"}).stdout
    assert re.search(r"\binsert\b", en)
    assert cli.json("audit", "log")[0]["action"] in ("insert", "update")  # JSON keeps the stored code


def test_report_chart_legend_in_chinese(cli):
    cli.ok("petition", "add", "--title", "路灯", "--source", "信箱")
    text = cli.ok("report", "monthly", "2024-03", env={"COLUMNS": "80"}).stdout
    assert "（最高 1）" in text and "(max" not in text
    assert "(max 1)" in cli.ok("--lang", "en", "report", "monthly", "2024-03", env={"COLUMNS": "80"}).stdout


def test_party_second_vote_names_the_party_in_chinese(cli, tmp_path):
    register(cli, tmp_path, ["100"] * 3)
    y = cli.json("motion", "propose", "--title", "建充电棚", "--matter", "change_use")["number"]
    cli.ok("motion", "vote", y, "--result", "同意")
    err = cli.fails("motion", "vote", y, "--result", "同意")
    assert "党组织 已投过票" in err and "party" not in err


def test_today_suggests_the_meeting_kind_in_chinese_and_says_the_rule_in_words(cli, tmp_path):
    register(cli, tmp_path, ["100"] * 2)
    assert [i["command"] for i in cli.json("today", "--days", "30") if i["kind"] == "three_party_due"] == \
        ["zhili meeting schedule --kind three_party"]  # the JSON keeps the code
    text = cli.ok("today", "--days", "30").stdout
    assert "zhili meeting schedule --kind 三方联席会议" in text and "three_party" not in text
    line = next(x for x in text.splitlines() if "开箱" in x)
    assert "信箱开箱日" in line.split("meetings.mailbox_days")[0]
    assert "--kind three_party" in cli.ok("--lang", "en", "today", "--days", "30").stdout


def test_a_wrong_vote_class_is_answered_with_the_chinese_words(cli):
    err = cli.fails("vote", "check", "--class", "随便", "--owners", "10", "--area", "1000", "--voted-owners", "8",
                    "--voted-area", "800", "--agree-owners", "6", "--agree-area", "600", code=2)
    assert "普通 或 特别" in err and "ordinary" not in err


def test_an_opening_bracket_never_ends_a_line():
    from zhili_cli import fit

    for text, width in (("议案经过（motion_events）", 16), ("更换声控灯支出（E2026-001）", 14), ("通知（请于周五前）回复", 8)):
        lines = fit.wrap(text, width).splitlines()
        assert "".join(lines) == text and not any(line.endswith("（") for line in lines), lines


def test_audit_log_header_is_chinese(cli):
    cli.ok("petition", "add", "--title", "路灯", "--source", "信箱")
    header = next(line for line in cli.ok("audit", "log", env={"COLUMNS": "200"}).stdout.splitlines() if "动作" in line)
    assert "校验值" in header and "hash" not in header


def test_a_partys_second_position_is_named_in_the_screens_language(cli):
    from tests.test_meetings import three_party_meeting

    y = cli.json("motion", "propose", "--title", "增设充电棚", "--only", "three_party")["number"]
    m = three_party_meeting(cli)
    twice = ["motion", "vote", y, "--meeting", m, "--position", "物业=同意", "--position", "物业=反对"]
    assert "物业 已投过票" in cli.fails(*twice)
    err = cli.fails("--lang", "en", *twice)
    assert "property company has already voted" in err and "物业" not in err
