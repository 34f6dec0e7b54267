"""The scope (列支范围) belongs to the expense, not to the proposer: public revenue is the whole
compound's; a maintenance fund use names the buildings or units it is charged to at request, and
an owners' vote approving it must have exactly that scope (Order 165 art. 22)."""

from __future__ import annotations

import pytest

from tests.test_decisions_approval import s  # noqa: F401  (the small compound)
from tests.test_decisions_funds import UNITS, owners_vote


@pytest.fixture
def f(s):  # noqa: F811
    s.ok("ledger", "opening", "--amount", "500000", "--date", "2025-01-01", "--fund", "维修资金")
    return s


def test_public_revenue_is_voted_by_all_owners_never_a_chosen_building(f, monkeypatch):
    num = f.json("expense", "request", "--amount", "45000", "--purpose", "全小区监控", "--payee", "监控公司")["number"]
    assert f.json("expense", "show", num)["scope"] == []
    err = f.fails("motion", "propose", "--title", "监控", "--matter", "other", "--only", "assembly",
                  "--subject", num, "--scope", "2")
    assert num in err and "全小区" in err
    assert "whole compound" in f.fails("--lang", "en", "motion", "propose", "--title", "x", "--only", "assembly",
                                       "--subject", num, "--scope", "2")
    # nor through a motion without a subject whose vote names the expense afterwards
    y = f.json("motion", "propose", "--title", "监控", "--only", "assembly", "--scope", "2")["number"]
    f.ok("motion", "vote", "open", y, "--from", "2025-01-25", "--to", "2025-02-05", "--subject", num)
    monkeypatch.setenv("ZHILI_NOW", "2025-01-26T10:00:00+08:00")
    f.ok("motion", "vote", y, "--ballot", "2-1-101=同意@业主3", "--ballot", "2-1-102=同意@业主4")
    monkeypatch.setenv("ZHILI_NOW", "2025-02-06T10:00:00+08:00")
    assert f.json("motion", "vote", "close", y)["passed"] is True
    err = f.fails("expense", "approve", num)
    assert "表决范围" in err and "全小区" in err
    assert f.json("expense", "show", num)["status"] == "requested"
    # the honest path: all owners vote
    assert owners_vote(f, monkeypatch, num, matter="other", month=2)["passed"] is True
    assert f.json("expense", "approve", num)["status"] == "approved"


def test_scope_is_refused_on_public_revenue(f):
    err = f.fails("expense", "request", "--amount", "45000", "--purpose", "2幢监控", "--payee", "监控公司",
                  "--scope", "2")
    assert "公共收益" in err


def test_a_fund_use_is_voted_by_exactly_the_owners_it_is_charged_to(f, monkeypatch):
    num = f.json("expense", "request", "--amount", "300000", "--fund", "维修资金", "--purpose", "1、2幢屋面",
                 "--payee", "防水公司", "--scope", "1", "--scope", "2幢")["number"]
    assert f.json("expense", "show", num)["scope"] == ["1", "2"]
    for scope in (["2"], [], ["1", "2", "3"]):
        args = sum((["--scope", x] for x in scope), [])
        assert "1、2" in f.fails("motion", "propose", "--title", "屋面", "--matter", "fund_use", "--only", "assembly",
                                 "--subject", num, *args)
    in_scope = [u for u in UNITS if u[0] in "12"]
    assert owners_vote(f, monkeypatch, num, scope=["2", "1"], units=in_scope)["passed"] is True
    assert f.json("expense", "approve", num)["status"] == "approved"


def test_a_fund_use_charged_to_one_building_is_not_approved_by_a_whole_compound_vote(f, monkeypatch):
    num = f.json("expense", "request", "--amount", "30000", "--fund", "维修资金", "--purpose", "3幢外墙",
                 "--payee", "防水公司", "--scope", "3")["number"]
    y = f.json("motion", "propose", "--title", "外墙", "--matter", "fund_use", "--only", "assembly")["number"]
    f.ok("motion", "vote", "open", y, "--from", "2025-01-25", "--to", "2025-02-05", "--subject", num)
    monkeypatch.setenv("ZHILI_NOW", "2025-01-26T10:00:00+08:00")
    f.ok("motion", "vote", y, *sum((["--ballot", f"{u}=同意@业主{i}"] for i, u in enumerate(UNITS)), []))
    monkeypatch.setenv("ZHILI_NOW", "2025-02-06T10:00:00+08:00")
    assert f.json("motion", "vote", "close", y)["passed"] is True
    assert "表决范围" in f.fails("expense", "approve", num)


def test_a_scoped_fund_use_cannot_be_amended_into_public_revenue_kept_on_some_buildings(f):
    num = f.json("expense", "request", "--amount", "30000", "--fund", "维修资金", "--purpose", "3幢外墙",
                 "--payee", "防水公司", "--scope", "3")["number"]
    assert "公共收益" in f.fails("expense", "amend", num, "--fund", "公共收益", "--reason", "改用公共收益")
    assert f.json("expense", "show", num)["fund"] == "maintenance_fund"


def test_expense_show_names_the_scope(f):
    num = f.json("expense", "request", "--amount", "30000", "--fund", "维修资金", "--purpose", "3幢外墙",
                 "--payee", "防水公司", "--scope", "3幢", "--scope", "2-1")["number"]
    out = f.ok("expense", "show", num).stdout
    assert "列支范围" in out and "3、2-1" in out


def test_the_committee_reviews_a_scoped_emergency_without_a_scope_of_its_own(f):
    num = f.json("expense", "request", "--amount", "30000", "--fund", "维修资金", "--purpose", "3幢电梯急修",
                 "--payee", "电梯公司", "--scope", "3", "--emergency", "lift_failure")["number"]
    f.ok("motion", "propose", "--title", "急修", "--only", "committee", "--subject", num)
    assert "3" in f.fails("motion", "propose", "--title", "急修", "--only", "assembly", "--subject", num)
