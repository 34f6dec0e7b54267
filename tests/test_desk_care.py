"""Visits and care for flagged households (敲门日, 独居老人)."""

from __future__ import annotations

import pytest

from tests.conftest import write_csv

HOUSEHOLDS = "楼栋,单元,房号,面积,业主,电话,人数,标记\n" \
             "3,2,501,118,张三,13812341234,1,独居老人\n" \
             "3,2,502,90,李四,13900001111,2,独居老人在外\n" \
             "5,1,301,100,欧阳娜娜,13700005678,2,残疾人，独居老人\n" \
             "5,1,302,100,王五,13700009999,2,\n"


@pytest.fixture
def homes(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", HOUSEHOLDS)))
    return cli


def test_visit_recorded_and_shown_with_petitions(homes):
    homes.ok("household", "visit", "3-2-501", "--note", "敲门日：送药，身体尚好", "--by", "王网格", "--date", "2024-03-01")
    homes.ok("household", "visit", "3-2-501", "--note", "每日一联系：电话问候")
    homes.ok("petition", "add", "--title", "501 卫生间渗水到楼下", "--source", "走访", "--building", "3")
    homes.ok("petition", "add", "--title", "楼道灯", "--source", "信箱", "--phone", "138-1234-1234")
    shown = homes.json("household", "show", "3-2-501")
    assert [v["date"] for v in shown["visits"]] == ["2024-03-05", "2024-03-01"]
    assert shown["visits"][1] == {"date": "2024-03-01", "by": "王网格", "note": "敲门日：送药，身体尚好"}
    assert {p["title"] for p in shown["petitions"]} == {"501 卫生间渗水到楼下", "楼道灯"}
    assert homes.json("household", "show", "5-1-302")["visits"] == []
    homes.ok("audit", "verify")


def test_visit_refusals(homes):
    assert "--note" in homes.fails("household", "visit", "3-2-501", "--note", "  ")
    assert "2024-03-06" in homes.fails("household", "visit", "3-2-501", "--note", "x", "--date", "2024-03-06")
    homes.fails("household", "visit", "9-9-999", "--note", "x")
    assert homes.json("household", "show", "3-2-501")["visits"] == []


def test_list_by_flag_whole_flag_only_with_last_visit(homes):
    homes.ok("household", "visit", "5-1-301", "--note", "a", "--date", "2024-01-10")
    homes.ok("household", "visit", "5-1-301", "--note", "b", "--date", "2024-02-10")
    rows = homes.json("household", "list", "--flag", "独居老人")
    assert [r["room"] for r in rows] == ["501", "301"]        # not "独居老人在外"
    assert {r["room"]: r["last_visit"] for r in rows} == {"501": None, "301": "2024-02-10"}
    assert all("last_visit" in r for r in homes.json("household", "list"))
    assert [r["room"] for r in homes.json("household", "list", "--flag", "残疾人")] == ["301"]
    assert homes.json("household", "list", "--flag", "孤儿") == []


def test_visits_are_never_public(homes, tmp_path):
    homes.ok("household", "visit", "3-2-501", "--note", "独居老人血压偏高")
    homes.ok("report", "monthly", "2024-03", "--format", "md", "--out", str(tmp_path / "m.md"))
    assert "血压" not in (tmp_path / "m.md").read_text(encoding="utf-8")
