"""The rules file: defaults with sources, validation with file:line: key.path, exact fractions."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from zhili_cli.errors import RulesError
from zhili_cli.rules.load import default_text, validate


def defaults():
    return validate(default_text(), "zhili.yaml")


def test_defaults_match_product_table():
    r = defaults()
    assert [(t.tier, t.max_fen, t.inclusive) for t in r.expenses.tiers] == [
        ("chair", 500000, True), ("committee", 2000000, True), ("three_party", 4000000, False), ("assembly", None, True)]
    assert r.expenses.split_window_days == 30
    assert r.owners_vote.quorum_area.fraction == Fraction(2, 3) and r.owners_vote.quorum_area.inclusive
    assert r.owners_vote.ordinary_area.fraction == Fraction(1, 2) and not r.owners_vote.ordinary_area.inclusive
    assert r.owners_vote.special_owners.fraction == Fraction(3, 4) and r.owners_vote.special_owners.inclusive
    assert r.owners_vote.nonvoter_counts_with_majority is False
    assert r.committee.quorum.describe() == "> 1/2" and not r.committee.proxies_allowed
    assert (r.committee.size_min, r.committee.size_max, r.committee.term_max_years) == (5, 11, 5)
    assert r.committee.publish_within_days == 3
    assert (r.assembly.notice_days, r.assembly.extraordinary_notice_days) == (15, 7)
    assert (r.assembly.evoting_min_days, r.assembly.evoting_max_days) == (5, 60)
    assert r.petitions.response_hours == 72
    assert r.petitions.kinds["major"].route == "meeting" and r.petitions.kinds["minor"].route == "property"
    assert r.meetings.mailbox_days == ["tue", "fri"]
    assert [s.key for s in r.motions.stages] == ["party_pre", "three_party", "residents"]
    assert r.disclosure.period == "quarterly"
    assert set(r.owners_vote.special_matters) == {"fund_raise", "rebuild", "change_use"}
    assert "lift_failure" in r.maintenance_fund.emergencies


def test_default_file_names_its_sources():
    text = default_text()
    for source in ("Civil Code art. 278", "art. 1259", "seed 000", "Order 165", "Hangzhou", "2009"):
        assert source in text


@pytest.mark.parametrize("part,whole,expected", [(2, 3, True), (199, 300, False), (200, 300, True)])
def test_at_least_two_thirds_exact(part, whole, expected):
    assert defaults().owners_vote.quorum_owners.met(part, whole) is expected


@pytest.mark.parametrize("part,whole,expected", [(1, 2, False), (501, 1000, True), (500, 1000, False)])
def test_more_than_half_is_strict(part, whole, expected):
    assert defaults().owners_vote.ordinary_owners.met(part, whole) is expected


def test_needed_counts():
    r = defaults()
    assert r.owners_vote.ordinary_owners.needed_count(700) == 351
    assert r.owners_vote.special_owners.needed_count(700) == 525
    assert r.owners_vote.quorum_owners.needed_count(1000) == 667
    assert r.committee.decision.needed_count(7) == 4
    assert r.owners_vote.ordinary_owners.met(0, 0) is False


def broken(old: str, new: str) -> str:
    text = default_text()
    assert old in text
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_tier_order_error_names_line_and_path():
    text = broken("    max: 20000", "    max: 4000")
    with pytest.raises(RulesError) as err:
        validate(text, "zhili.yaml")
    assert err.value.message() == (
        f"zhili.yaml:{line_of(text, 'max: 4000')}: expenses.tiers[1].max: must be greater than tiers[0].max")


@pytest.mark.parametrize("old,new,path", [
    ('quorum_area: {at_least: "2/3"}', "quorum_area: {at_least: 0.66}", "owners_vote.quorum_area.at_least"),
    ('quorum_area: {at_least: "2/3"}', 'quorum_area: {at_least: "3/2"}', "owners_vote.quorum_area.at_least"),
    ('quorum_area: {at_least: "2/3"}', 'quorum_area: {at_least: "2/3", more_than: "1/2"}', "owners_vote.quorum_area"),
    ("  response_hours: 72 ", "  response_hours: -1 ", "petitions.response_hours"),
    ("    - tier: assembly       # 全体业主大会表决", "    - tier: assembly\n      max: 90000", "expenses.tiers[3].max"),
    ("    private:    {route: private,", "    private:    {route: meeting,", "petitions.kinds.private.route"),
    ("  size_max: 11", "  size_max: 3", "committee.size_max"),
    ("  split_window_days: 30", "  split_window_days: 30\n  surprise: 1", "expenses.surprise"),
])
def test_invalid_values_refused_with_path(old, new, path):
    with pytest.raises(RulesError) as err:
        validate(broken(old, new), "zhili.yaml")
    assert err.value.path == path
    assert err.value.line


def test_yaml_syntax_error_has_line():
    with pytest.raises(RulesError) as err:
        validate("expenses:\n  tiers: [\n", "x.yaml")
    assert err.value.line == 3


def test_cli_refuses_every_command_on_broken_rules(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(broken("    max: 20000", "    max: 4000"), "utf-8")
    before = cli.db.read_bytes()
    err = cli.fails("--rules", str(bad), "petition", "add", "--title", "x", "--source", "信箱")
    assert "expenses.tiers[1].max" in err and err.startswith(f"{bad}:")
    assert cli.db.read_bytes() == before
    assert "expenses.tiers[1].max" in cli.fails("rules", "check", str(bad))


def test_cli_rules_show_and_check(cli):
    out = cli.ok("rules", "show").stdout
    assert "three_party" in out and "2/3" in out
    assert "有效" in cli.ok("rules", "check").stdout
    assert "3/4" in cli.ok("rules", "explain", "owners_vote.special_area").stdout
    cli.fails("rules", "explain", "nope.nothing")


def test_init_writes_commented_rules_and_keeps_existing(tmp_path):
    from tests.conftest import Cli

    c = Cli(tmp_path / "a.db")
    c.ok("init")
    text = Path("zhili.yaml").read_text("utf-8")
    assert text == default_text()
    Path("zhili.yaml").write_text(text + "\n# mine\n", "utf-8")
    c2 = Cli(tmp_path / "b.db")
    assert "保留" in c2.ok("init").stdout
    assert Path("zhili.yaml").read_text("utf-8").endswith("# mine\n")
