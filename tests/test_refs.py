"""Numbers people type: P2024-001, 2024-001, and 001 meaning this year's; never an internal id."""

from __future__ import annotations

import pytest

from zhili_cli.domain.refs import Ref, parse


def add(cli, title, received):
    return cli.json("petition", "add", "--title", title, "--source", "信箱", "--received", received)


@pytest.mark.parametrize("text,want", [
    ("P2025-001", Ref("P", 2025, 1)), ("p2025-1", Ref("P", 2025, 1)), ("2025-001", Ref(None, 2025, 1)),
    ("001", Ref(None, None, 1)), ("12", Ref(None, None, 12)), ("Ｐ２０２５－００３", Ref("P", 2025, 3)),
    ("XM2024-002", Ref("XM", 2024, 2)), ("abc", None), ("0", None), ("", None),
])
def test_parse(text, want):
    assert parse(text) == want


def test_a_bare_number_is_this_years_never_an_internal_id(cli):
    old = [add(cli, f"旧{i}", "2023-06-01") for i in range(3)]  # ids 1-3: P2023-001..003
    lift = add(cli, "电梯困人", "2024-03-01")  # id 4, P2024-001 (the clock says 2024)
    assert lift["number"] == "P2024-001"
    row = cli.json("petition", "triage", "1", "--kind", "急", "--to", "物业")
    assert row["number"] == "P2024-001"
    assert cli.json("petition", "show", old[0]["number"])["status"] == "received"  # id 1 untouched
    assert cli.json("petition", "show", "2023-002")["number"] == "P2023-002"
    assert cli.json("petition", "show", "p2023-3")["number"] == "P2023-003"
    assert cli.json("petition", "show", "001")["number"] == "P2024-001"


def test_unknown_numbers_are_refused_with_the_candidates(cli):
    add(cli, "旧", "2023-06-01")
    add(cli, "旧", "2023-06-02")
    err = cli.fails("petition", "show", "2")
    assert "P2023-002" in err and "2024" in err
    err = cli.fails("petition", "show", "4")  # the id of nothing, no candidates
    assert "4" in err
    cli.fails("petition", "show", "E2023-001")  # another register's prefix


def test_every_numbered_record_takes_the_short_number(cli):
    exp = cli.json("expense", "request", "--amount", "100", "--payee", "某公司", "--purpose", "修灯")
    assert cli.json("expense", "show", "1")["number"] == exp["number"]
    assert cli.json("expense", "show", exp["number"].removeprefix("E"))["number"] == exp["number"]
    mot = cli.json("motion", "propose", "--title", "增设充电桩")
    assert cli.json("motion", "show", "001")["number"] == mot["number"]
    meet = cli.json("meeting", "schedule", "--date", "2024-03-28")
    assert cli.json("meeting", "show", "1")["number"] == meet["number"]
    proj = cli.json("project", "add", "--title", "加装电梯")
    assert cli.json("project", "show", "1")["number"] == proj["number"]
