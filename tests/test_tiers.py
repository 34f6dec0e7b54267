"""Tier boundaries from the rules file, the explanation, split detection, amount parsing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from zhili_cli.domain import tiers
from zhili_cli.domain.money import parse_yuan
from zhili_cli.rules.load import default_text, validate
from tests.conftest import Cli

BOUNDARIES = [
    ("5000", "chair"), ("5000.01", "committee"), ("20000", "committee"), ("20000.01", "three_party"),
    ("39999.99", "three_party"), ("40000", "assembly"), ("0.01", "chair"), ("1.2万", "committee"),
    ("5,000.00", "chair"), ("5000元", "chair"), ("4万", "assembly"),
]


@pytest.fixture(scope="module")
def rules():
    return validate(default_text(), "defaults")


@pytest.mark.parametrize("amount,tier", BOUNDARIES)
def test_domain_boundaries(rules, amount, tier):
    assert tiers.tier_for(rules.expenses.tiers, parse_yuan(amount)).tier == tier


def test_the_deciding_rule_and_bound(rules):
    d = tiers.tier_for(rules.expenses.tiers, 500000)
    assert (d.index, d.bound_fen, d.relation) == (0, 500000, "le")
    d = tiers.tier_for(rules.expenses.tiers, 3999999)
    assert (d.tier, d.bound_fen, d.relation) == ("three_party", 4000000, "lt")
    d = tiers.tier_for(rules.expenses.tiers, 4000000)
    assert (d.tier, d.index, d.bound_fen, d.relation) == ("assembly", 3, 4000000, "ge")


@pytest.mark.parametrize("amount,tier", BOUNDARIES)
def test_cli_check_without_database(tmp_path, amount, tier):
    cli = Cli(tmp_path / "none.db")
    data = cli.json("expense", "check", amount)
    assert data["tier"] == tier
    assert not (tmp_path / "none.db").exists()


def test_check_explains_rule_and_bound(tmp_path):
    cli = Cli(tmp_path / "none.db")
    out = cli.ok("expense", "check", "5000").stdout
    assert "业委会主任" in out and "expenses.tiers[0]" in out and "5,000.00" in out and "以下" in out
    out = cli.ok("--lang", "en", "expense", "check", "40000").stdout
    assert "owners' assembly" in out and "≥ 40,000.00" in out


@pytest.mark.parametrize("bad,word", [("-5", "负"), ("0", "零"), ("0.00", "零"), ("abc", "无法识别"),
                                      ("1.001", "两位小数"), ("99999999999", "过大"), ("", "无法识别")])
def test_check_refuses_bad_amounts(tmp_path, bad, word):
    err = Cli(tmp_path / "none.db").fails("expense", "check", bad)
    assert word in err


def test_tiers_follow_the_rules_file(tmp_path):
    (tmp_path / "r.yaml").write_text(default_text().replace("max: 5000\n", "max: 3000\n"), encoding="utf-8")
    cli = Cli(tmp_path / "none.db")
    assert cli.json("--rules", str(tmp_path / "r.yaml"), "expense", "check", "4000")["tier"] == "committee"


def _e(number, fen, days_ago, payee="绿化公司", project=None, at=datetime(2024, 3, 31)):
    return {"number": number, "amount_fen": fen, "requested_at": (at - timedelta(days=days_ago)).isoformat(),
            "payee": payee, "project": project}


def test_split_sums_same_payee_within_window(rules):
    at = datetime(2024, 3, 31)
    earlier = [_e("E1", 480000, 20), _e("E2", 480000, 10), _e("E0", 480000, 31), _e("E9", 480000, 5, payee="别家")]
    result = tiers.check(rules.expenses.tiers, 480000, window_days=30, earlier=earlier, at=at, payee=" 绿化 公司")
    assert result.alone.tier == "chair"
    assert result.tier == "committee" and result.raised
    assert [e["number"] for e in result.earlier] == ["E1", "E2"]
    assert result.total_fen == 1440000


def test_split_by_project_and_no_raise(rules):
    at = datetime(2024, 3, 31)
    earlier = [_e("E1", 100000, 3, payee="甲", project="XM2024-001")]
    result = tiers.check(rules.expenses.tiers, 100000, earlier=earlier, at=at, payee="乙", project="XM2024-001")
    assert result.earlier and not result.raised and result.tier == "chair"


@pytest.mark.parametrize("first,second", [
    ("A.B.C.五金商店", "ABC五金商店"), ("某某五金商店", "某某五金商店(分店)"), ("某某五金商店（分店）", "某某五金商店(分店)"),
    ("法人 李四", "李四（法定代表人）"), ("法定代表人：李四", "李四"), ("ＡＢＣ五金（个体户）", "abc 五金店"),
])
def test_payee_variants_fold_to_one_key(first, second):
    from zhili_cli.domain.keys import payee_key

    assert payee_key(first) == payee_key(second) != ""


@pytest.mark.parametrize("first,second", [
    ("宏达安防有限公司", "宏达安防杭州分公司"), ("某某（杭州）五金", "某某（上海）五金"), ("李四", "李五"),
    ("老板娘", "老板"),
])
def test_different_payees_keep_different_keys(first, second):
    from zhili_cli.domain.keys import payee_key

    assert payee_key(first) != payee_key(second)
