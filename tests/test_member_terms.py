"""Terms: a member leaves office with a reason kept in the history; terms ending within 90 days
are shown; with no chair in office the refusal says how to record the new committee."""

from __future__ import annotations

from datetime import date


def test_end_term_keeps_the_trace_and_leaves_the_committee(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "陆伟", "--role", "委员", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    sold = ("--kind", "丧失业主身份", "--doc", "不动产转移登记2024-88")
    assert "类别" in cli.fails("member", "end-term", "陆伟", "--date", "2024-03-01", "--reason", "迁出")
    assert "今天之后" in cli.fails("member", "end-term", "陆伟", "--date", "2024-04-01", "--reason", "迁出", *sold)
    assert "没有" in cli.fails("member", "end-term", "路人甲", "--reason", "迁出", *sold)
    d = cli.json("member", "end-term", "陆伟", "--date", "2024-03-01", "--reason", "房屋出售，迁出小区", *sold)
    assert d["term_end"] == "2024-03-01"
    h = d["history"]
    assert [c["action"] for c in h] == ["add", "end_term"] and h[1]["by"] == "secretary"
    assert h[1]["reason"] == "房屋出售，迁出小区" and h[1]["at"].startswith("2024-03-05")
    assert h[1]["before"] == {"term_end": "2028-05-31"}
    assert h[1]["after"] == {"term_end": "2024-03-01", "kind": "lost_ownership", "doc": "不动产转移登记2024-88"}
    assert "已于 2024-03-01 终止" in cli.fails("member", "end-term", "陆伟", "--reason", "again")
    # out of office: no longer counted on the committee, no longer able to vote
    cli.ok("meeting", "schedule", "--kind", "业委会", "--date", "2024-03-05")
    m = cli.json("meeting", "attend", "M2024-001", "--present", "金建国,陆伟")
    assert m["quorum_detail"] == "1/1"
    assert "房屋出售" in cli.ok("member", "show", "陆伟").stdout
    cli.ok("audit", "verify")


def test_end_term_for_a_namesake_needs_the_role(cli):
    cli.ok("member", "add", "王伟", "--role", "委员", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "王伟", "--role", "楼道长", "--party", "居委会", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    assert "--role" in cli.fails("member", "end-term", "王伟", "--reason", "辞职")
    d = cli.json("member", "end-term", "王伟", "--role", "委员", "--kind", "辞职", "--doc", "辞职书")
    assert d["role"] == "member" and d["term_end"] == "2024-03-05"


def test_list_marks_terms_ending_within_90_days(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2019-06-04", "--term-end", "2024-06-03", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "沈丽", "--role", "副主任", "--term-start", "2019-06-05", "--term-end", "2024-06-04", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    rows = {r["name"]: r for r in cli.json("member", "list")}
    assert rows["金建国"]["term_ends_soon"] is True and rows["金建国"]["days_left"] == 90  # 03-05 + 90 = 06-03
    assert rows["沈丽"]["term_ends_soon"] is False and rows["沈丽"]["days_left"] == 91
    assert rows["张红梅"]["term_ends_soon"] is False and rows["张红梅"]["days_left"] is None
    out = cli.ok("member", "list").stdout
    assert "任期将满" in out and "90 天" in out
    assert [r["name"] for r in cli.json("member", "list", "--ending-within", "91")] == ["金建国", "沈丽"]


def test_terms_ending_service(cli):
    from zhili_cli.services import members
    from zhili_cli.store.db import open_db

    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2019-06-01", "--term-end", "2024-04-01", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "沈丽", "--role", "副主任", "--term-start", "2019-06-01", "--term-end", "2024-03-01", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    conn = open_db(cli.db)
    try:
        soon = members.terms_ending(conn, date(2024, 3, 5))
        assert [(m["name"], m["days_left"]) for m in soon] == [("金建国", 27)]  # 沈丽's term is already over
        assert members.terms_ending(conn, date(2024, 3, 5), days=20) == []
    finally:
        conn.close()
