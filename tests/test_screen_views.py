"""Detail views drawn for a person: the minutes rendered for the terminal (the file and the
JSON keep Markdown), an owners' vote's opening told in words in the motion's history."""

from __future__ import annotations

from tests.test_minutes_votes import NAMES_PRESENT
from tests.test_meetings import committee_meeting, roster
from tests.test_motions import register
from tests.test_owner_vote_life import opened


def test_minutes_on_screen_are_drawn_not_markdown_source(cli, tmp_path):
    roster(cli)
    m = committee_meeting(cli, NAMES_PRESENT)
    screen = cli.ok("meeting", "minutes", m, env={"COLUMNS": "80"}).stdout
    assert "会议纪要" in screen and "议定事项" in screen and "金建国" in screen
    assert "## " not in screen and "|---|" not in screen and "**" not in screen
    assert "## 议定事项" in cli.json("meeting", "minutes", m)["markdown"]
    out = tmp_path / "纪要.md"
    cli.ok("meeting", "minutes", m, "--out", str(out))
    assert "## 议定事项" in out.read_text("utf-8")


def test_an_owners_vote_opening_is_told_in_words(cli, tmp_path):
    register(cli, tmp_path, ["100"] * 3)
    y = opened(cli)
    text = cli.ok("motion", "show", y, env={"COLUMNS": "200"}).stdout
    assert "书面征求意见，2024-03-05 公告，表决期 2024-03-20 至 2024-03-31" in text and "written" not in text
    notes = [e["note"] for e in cli.json("motion", "show", y)["history"]]
    assert "written 2024-03-05 2024-03-20..2024-03-31" in notes  # as stored
