"""Sharing a cost by exclusive area: exact sums, deterministic remainders, no owner names."""

from __future__ import annotations

import random

import pytest

from tests.conftest import EXAMPLES, write_csv
from zhili_cli.domain.allocation import allocate


def test_shares_sum_exactly_and_follow_area():
    result = allocate(100, [("a", 100), ("b", 100), ("c", 100)])
    assert [s for _, _, s in result] == [34, 33, 33]  # the tie goes to the first
    result = allocate(1000, [("a", 1), ("b", 2)])
    assert [s for _, _, s in result] == [333, 667]


def test_random_sums_are_exact_and_deterministic():
    rng = random.Random(7)
    for _ in range(200):
        areas = [(i, rng.randint(0, 30000)) for i in range(rng.randint(1, 40))]
        if not sum(a for _, a in areas):
            continue
        amount = rng.randint(0, 10**10)
        first = allocate(amount, areas)
        assert sum(s for _, _, s in first) == amount
        assert first == allocate(amount, areas)
        for _, area, share in first:  # never more than one fen from the exact share
            exact = amount * area / sum(a for _, a in areas)
            assert abs(share - exact) < 1


def test_refusals_in_domain():
    with pytest.raises(ValueError):
        allocate(100, [])
    with pytest.raises(ValueError):
        allocate(100, [("a", 0)])


@pytest.fixture
def homes(cli):
    cli.ok("household", "import", str(EXAMPLES / "households.csv"), "--quiet")
    return cli


def test_700000_over_a_building_sums_exactly(homes):
    data = homes.json("fund", "allocate", "--amount", "700000", "--building", "1", "--by", "area")
    assert data["amount"] == "700000.00"
    assert sum(s["share_fen"] for s in data["shares"]) == 70000000
    assert data["households"] == len(data["shares"]) > 1
    assert all("owner" not in s and "phone" not in s for s in data["shares"])
    out = homes.ok("fund", "allocate", "--amount", "70万", "--building", "1").stdout
    assert "700,000.00" in out and "民法典第二百八十三条" in out
    import csv

    with (EXAMPLES / "households.csv").open(encoding="utf-8") as fh:
        names = [r["业主"] for r in csv.DictReader(fh) if r["楼栋"] == "1"]
    assert not any(name in out for name in names if name)


def test_rooms_file(homes, tmp_path):
    rooms = write_csv(tmp_path / "rooms.csv", "楼栋,单元,房号\n1,1,101\n1-1-201\n")
    data = homes.json("fund", "allocate", "--amount", "1000.01", "--rooms", str(rooms))
    assert [s["room"] for s in data["shares"]] == ["101", "201"]
    assert [s["share_fen"] for s in data["shares"]] == [50001, 50000]
    gbk = write_csv(tmp_path / "gbk.csv", "楼栋,单元,房号\n1,1,101\n", "gb18030")
    assert homes.json("fund", "allocate", "--amount", "10", "--rooms", str(gbk))["households"] == 1


def test_allocation_refusals(homes, tmp_path):
    assert "--building" in homes.fails("fund", "allocate", "--amount", "100")
    assert "--building" in homes.fails("fund", "allocate", "--amount", "100", "--building", "1",
                                       "--rooms", "x.csv")
    assert "没有找到" in homes.fails("fund", "allocate", "--amount", "100", "--building", "99")
    assert "面积" in homes.fails("fund", "allocate", "--amount", "100", "--building", "1", "--by", "head")
    bad = write_csv(tmp_path / "bad.csv", "1,1,9999\n")
    assert "bad.csv:1" in homes.fails("fund", "allocate", "--amount", "100", "--rooms", str(bad))
    twice = write_csv(tmp_path / "twice.csv", "1,1,101\n1,1,101\n")
    assert "twice.csv:2" in homes.fails("fund", "allocate", "--amount", "100", "--rooms", str(twice))
    homes.fails("fund", "allocate", "--amount", "100", "--rooms", str(tmp_path / "missing.csv"))
