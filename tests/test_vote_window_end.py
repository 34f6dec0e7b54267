"""An owners' vote at its window's end: the tally says the window is over and the vote awaits
its closing (still provisional, approving nothing); `zhili today` lists it; `motion vote close`
before the window's end is refused unless every unit of the base has voted."""

from __future__ import annotations

from tests.test_motions import register
from tests.test_owner_vote_life import approval, at, opened


def _today(cli, kind):
    return [i for i in cli.json("today") if i["kind"] == kind]


def test_after_the_window_the_tally_says_ended_and_awaits_close(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)  # window 2024-03-20 … 2024-03-31
    at(monkeypatch, "2024-03-25")
    cli.ok("motion", "vote", y, "--ballot", f"{rooms[0]}=同意@业主0", "--ballot", f"{rooms[1]}=同意@业主1")
    vote = cli.json("motion", "show", y)["stages"][0]["vote"]
    assert vote["window"] == "open" and vote["awaiting_close"] is False
    assert _today(cli, "vote_awaiting_close") == [] and _today(cli, "vote_closing")[0]["ref"] == y

    at(monkeypatch, "2024-04-02")
    vote = cli.json("motion", "show", y)["stages"][0]["vote"]
    assert vote["window"] == "ended" and vote["awaiting_close"] is True and vote["final"] is False
    assert vote["tally"]["window"] == "ended" and vote["tally"]["awaiting_close"] is True
    assert vote["tally"]["final"] is False and vote["tally"]["passed"] is False  # never final before close
    assert approval(cli, "选聘物业") is None
    shown = cli.ok("motion", "show", y).stdout
    assert "待结束计票" in shown and "不是表决结果" in shown and f"motion vote close {y}" in shown
    assert "通过" not in shown.replace("未通过", "")
    items = _today(cli, "vote_awaiting_close")
    assert [(i["ref"], i["due"], i["days_late"], i["command"]) for i in items] == [
        (y, "2024-03-31", 2, f"zhili motion vote close {y}")]
    assert _today(cli, "vote_closing") == []
    assert "待结束计票" in cli.ok("today").stdout
    assert "awaiting close" in cli.ok("--lang", "en", "today").stdout

    closed = cli.json("motion", "vote", "close", y)
    assert closed["final"] is True and closed["window"] == "closed" and closed["awaiting_close"] is False
    assert _today(cli, "vote_awaiting_close") == []
    vote = cli.json("motion", "show", y)["stages"][0]["vote"]
    assert vote["final"] is True and "awaiting_close" not in vote


def test_close_before_the_end_only_when_every_unit_has_voted(cli, tmp_path, monkeypatch):
    rooms = register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)
    assert "不能提前" in cli.fails("motion", "vote", "close", y)  # before the window: nobody could vote
    at(monkeypatch, "2024-03-21")
    cli.ok("motion", "vote", y, "--ballot", f"{rooms[0]}=同意@业主0", "--ballot", f"{rooms[1]}=反对@业主1")
    err = cli.fails("motion", "vote", "close", y)
    assert "不能提前" in err and "3 户中已投 2 户" in err
    assert "2 of 3 have" in cli.fails("--lang", "en", "motion", "vote", "close", y)
    cli.ok("motion", "vote", y, "--ballot", f"{rooms[2]}=同意@业主2")
    closed = cli.json("motion", "vote", "close", y)  # everyone has voted: nothing left to wait for
    assert closed["final"] is True and closed["passed"] is True and closed["voted_owners"] == 3
    assert approval(cli, "选聘物业")["ref"] == f"{y}/owners"
    assert "已结束计票" in cli.fails("motion", "vote", y, "--ballot", f"{rooms[0]}=反对@业主0")
    cli.ok("audit", "verify")


def test_a_withdrawn_motion_leaves_no_vote_on_the_desk(cli, tmp_path, monkeypatch):
    register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)
    cli.ok("motion", "withdraw", y, "--reason", "方案重做")
    at(monkeypatch, "2024-04-02")
    assert [i for i in cli.json("today") if i["kind"].startswith("vote")] == []
