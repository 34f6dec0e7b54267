"""Small things a newcomer reads: the value an option asks for, and the next step after a vote."""

from __future__ import annotations

from tests.test_body_votes import NAMES, _committee_motion
from tests.test_meetings import committee_meeting, roster


def _row(help_text: str, option: str) -> str:
    return next(line for line in help_text.splitlines() if f" {option} " in line)


def test_a_party_option_does_not_ask_for_a_date(cli):
    triage = _row(cli.ok("petition", "triage", "--help").stdout, "--to")
    assert "责任方" in triage and "日期" not in triage.split("责任方")[0]
    window = _row(cli.ok("motion", "vote", "--help").stdout, "--to")
    assert "日期" in window


def test_a_passed_vote_says_the_next_step(cli):
    roster(cli)
    y = _committee_motion(cli)
    m = committee_meeting(cli, NAMES[:5])
    out = cli.ok("motion", "vote", y, "--meeting", m, *sum((["--member", f"{n}=同意"] for n in NAMES[:5]), [])).stdout
    assert f"zhili motion advance {y}" in out
