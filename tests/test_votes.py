"""Vote tallies in the domain: Civil Code art. 278, committee votes, three-party positions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from zhili_cli.domain import votes
from zhili_cli.errors import UserError
from zhili_cli.rules.load import default_text, validate

RULES = validate(default_text(), "default")
OV = RULES.owners_vote
M2 = 100  # m² → m² × 100


def outcome(cls, voted_owners, voted_area, agree_owners, agree_area, owners=1000, area=100_000):
    return votes.what_if(OV, cls, owners=owners, area_x100=area * M2, voted_owners=voted_owners,
                         voted_area_x100=voted_area * M2, agree_owners=agree_owners,
                         agree_area_x100=agree_area * M2)


def test_product_examples_ordinary():
    ok = outcome("ordinary", 700, 70_000, 351, 35_001)
    assert ok.quorum_met and ok.passed
    fail = outcome("ordinary", 700, 70_000, 350, 35_001)
    assert fail.quorum_met and not fail.passed
    assert fail.owners_short_pass == 1 and fail.area_short_pass_x100 == 0


def test_product_examples_special():
    ok = outcome("special", 700, 70_000, 525, 52_500)
    assert ok.passed
    assert ok.owners_ratio_agree == Fraction(3, 4) and ok.area_ratio_agree == Fraction(3, 4)
    fail = outcome("special", 700, 70_000, 524, 52_500)
    assert fail.quorum_met and not fail.passed and fail.owners_short_pass == 1


def test_ordinary_area_exactly_half_fails():
    res = outcome("ordinary", 700, 70_000, 400, 35_000)
    assert not res.passed and res.area_short_pass_x100 == 1  # 0.01 m² more


def test_quorum_exactly_two_thirds():
    # 999 owners: 2/3 is exactly 666; area 90 000 m²: 2/3 is exactly 60 000
    res = votes.what_if(OV, "ordinary", owners=999, area_x100=90_000 * M2, voted_owners=666,
                        voted_area_x100=60_000 * M2, agree_owners=666, agree_area_x100=60_000 * M2)
    assert res.quorum_met and res.passed
    one_less = votes.what_if(OV, "ordinary", owners=999, area_x100=90_000 * M2, voted_owners=665,
                             voted_area_x100=60_000 * M2, agree_owners=600, agree_area_x100=50_000 * M2)
    assert not one_less.quorum_met and not one_less.passed
    assert one_less.owners_short_quorum == 1 and one_less.area_short_quorum_x100 == 0
    area_less = votes.what_if(OV, "ordinary", owners=999, area_x100=90_000 * M2, voted_owners=666,
                              voted_area_x100=60_000 * M2 - 1, agree_owners=600, agree_area_x100=50_000 * M2)
    assert not area_less.quorum_met and area_less.area_short_quorum_x100 == 1


def test_quorum_1000_owners_needs_667():
    res = outcome("ordinary", 666, 70_000, 600, 60_000)
    assert not res.quorum_met and res.owners_short_quorum == 1
    assert outcome("ordinary", 667, 70_000, 600, 60_000).quorum_met


def test_bad_counts_refused():
    with pytest.raises(UserError):
        outcome("ordinary", 1001, 70_000, 1, 1)
    with pytest.raises(UserError):
        outcome("ordinary", 700, 70_000, 701, 1)
    with pytest.raises(UserError):
        outcome("weird", 700, 70_000, 1, 1)


def test_counting_owner_of_several_units_and_developer():
    units = [
        votes.Unit("1-1-101", 100 * M2, "甲", phone="13800000001"),
        votes.Unit("1-1-102", 50 * M2, "甲", phone="138 0000 0001"),  # 甲 owns two: one head, 150 m²
        votes.Unit("1-1-201", 100 * M2, "乙", phone="13800000002"),
        votes.Unit("1-1-202", 100 * M2, None),  # no name: its own owner
        votes.Unit("2-1-101", 80 * M2, "开发商", True),
        votes.Unit("2-1-102", 80 * M2, "开发商", True),  # developer unsold: one owner
    ]
    counts = votes.count_ballots(units, {"1-1-101": "agree", "1-1-102": "agree", "2-1-101": "oppose"})
    assert counts.owners == 4
    assert counts.area_x100 == 510 * M2
    assert counts.voted_owners == 2
    assert counts.voted_area_x100 == 230 * M2
    assert counts.agree_owners == 1 and counts.agree_area_x100 == 150 * M2
    assert counts.oppose_owners == 1 and counts.oppose_area_x100 == 80 * M2


def test_split_owner_head_follows_larger_area():
    units = [votes.Unit("a", 100, "甲", identity="330101"), votes.Unit("b", 50, "甲", identity="330101")]
    counts = votes.count_ballots(units, {"a": "oppose", "b": "agree"})
    assert counts.voted_owners == 1 and counts.oppose_owners == 1 and counts.agree_owners == 0
    assert counts.agree_area_x100 == 50 and counts.oppose_area_x100 == 100


def test_nonvoters_option_is_off_and_changes_result_when_on():
    counts = votes.Counts(100, 10_000, 60, 6_000, 40, 4_000, 20, 2_000)
    off = votes.decide(OV, "ordinary", counts)
    assert not off.quorum_met and not off.passed
    risky = OV.model_copy(update={"nonvoter_counts_with_majority": True})
    res = votes.decide(risky, "ordinary", counts)
    assert res.nonvoters_counted and res.counts.agree_owners == 80 and res.passed


def test_choice_names():
    assert votes.choice("同意") == "agree" and votes.choice("反对") == "oppose"
    assert votes.choice("弃权") == "abstain" and votes.choice("Agree") == "agree"
    with pytest.raises(UserError):
        votes.choice("也许")


def test_vote_class_from_matter():
    assert votes.vote_class(RULES, "fund_raise") == "special"
    assert votes.vote_class(RULES, "fund_use") == "ordinary"
    assert votes.vote_class(RULES, "other") == "ordinary"


def test_committee_seven_members():
    assert votes.committee(RULES.committee, 7, 5, 4, 1).passed
    assert not votes.committee(RULES.committee, 7, 7, 3, 4).passed
    assert not votes.committee(RULES.committee, 7, 3, 3).passed  # no quorum
    res = votes.committee(RULES.committee, 7, 4, 4)
    assert res.quorum_met and res.passed and res.yes_needed == 4 and res.present_needed == 4


def test_committee_bad_counts():
    with pytest.raises(UserError):
        votes.committee(RULES.committee, 7, 8, 4)


def test_three_party():
    all3 = {"residents_committee": True, "owners_committee": True, "property": True}
    assert votes.three_party("all_parties", all3).passed
    two = {**all3, "property": False}
    assert not votes.three_party("all_parties", two).passed
    assert votes.three_party("majority_of_parties", two).passed
    assert not votes.three_party("all_parties", {"residents_committee": True}).passed


def test_tally_1000_units_700_ballots():
    units = [votes.Unit(f"u{i}", 10_000, f"owner{i}") for i in range(1000)]
    ballots = {f"u{i}": ("agree" if i < 351 else "oppose") for i in range(700)}
    res = votes.decide(OV, "ordinary", votes.count_ballots(units, ballots))
    assert res.quorum_met and res.passed
    assert res.counts.agree_owners == 351 and res.counts.voted_area_x100 == 700 * 10_000


def test_area_text():
    assert votes.area_text(3500100) == "35001"
    assert votes.area_text(150) == "1.5"
    assert votes.area_text(1) == "0.01"
