"""Minutes print the place, the note-taker and each item's discussion summary as recorded."""

from __future__ import annotations


def test_place_note_taker_and_summary_reach_the_minutes(cli):
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "李明", "--role", "物业代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = cli.json("meeting", "schedule", "--date", "2024-03-05", "--place", "社区党群服务中心二楼")["number"]
    cli.ok("meeting", "agenda", num, "--add", "3幢加装电梯意见征集")
    cli.ok("meeting", "attend", num, "--present", "张红梅,金建国,李明", "--note-taker", "王晓")
    cli.ok("meeting", "decide", num, "1", "--decision", "先做入户调查", "--owner", "业委会",
           "--summary", "物业介绍了可行性；居委会提出先听取低层住户意见")
    text = cli.ok("report", "minutes", num, "--format", "md").stdout
    for expected in ("社区党群服务中心二楼", "王晓", "先听取低层住户意见", "先做入户调查"):
        assert expected in text
    shown = cli.json("meeting", "show", num)
    assert shown["place"] == "社区党群服务中心二楼" and shown["note_taker"] == "王晓"
    assert cli.json("audit", "verify")["ok"]


def test_minutes_without_summaries_keep_the_attached_sheet_note(cli):
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    num = cli.json("meeting", "schedule", "--date", "2024-03-05")["number"]
    text = cli.ok("report", "minutes", num, "--format", "md").stdout
    assert "后附页" in text
