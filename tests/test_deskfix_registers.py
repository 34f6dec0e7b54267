"""Registers as secretaries keep them: --map by the Chinese field names zhili prints, the common
WPS/Excel headers recognised; a unit entered under the wrong number moved by a correction."""

from __future__ import annotations

import pytest

from tests.conftest import write_csv
from zhili_cli.importing.households import HOUSEHOLDS
from zhili_cli.importing.petitions import PETITIONS
from zhili_cli.importing.spec import _norm, field_named


def test_common_wps_headers_are_recognised(cli, tmp_path):
    f = write_csv(tmp_path / "户.csv", "楼栋号,单元号,房间号,建筑面积（㎡）,业主姓名,手机号码,常住人口\n"
                                        "3,2,501,118.5,张三,13812341234,4\n")
    cli.ok("household", "import", str(f), "--strict")  # --strict: every column was mapped
    row = cli.json("household", "list")[0]
    assert (row["building"], row["unit"], row["room"], row["residents"]) == ("3", "2", "501", 4)
    p = write_csv(tmp_path / "诉求.csv", "登记时间,反映途径,诉求标题,问题描述,诉求类别,楼栋号,反映人姓名,手机号码\n"
                                         "2024-03-01 09:00,热线,电梯异响,3号电梯,急,3,李四,13900001111\n")
    cli.ok("petition", "import", str(p))
    got = cli.json("petition", "list")[0]
    assert (got["title"], got["kind"], got["building"], got["source"]) == ("电梯异响", "urgent", "3", "hotline")


@pytest.mark.parametrize("spec", [HOUSEHOLDS, PETITIONS])
def test_no_header_means_two_fields(spec):
    seen: dict[str, str] = {}
    for f in spec.fields:
        for s in (f.name, *f.synonyms):
            assert seen.setdefault(_norm(s), f.name) == f.name, (s, f.name, seen[_norm(s)])


def test_map_takes_the_chinese_field_names(cli, tmp_path):
    f = write_csv(tmp_path / "户.csv", "幢名,门,平米,住户\n3,2-501,118.5,张三\n")
    assert "楼栋/building" in cli.fails("household", "import", str(f), "--map", "幢名=楼座", code=2)
    cli.ok("household", "import", str(f), "--map", "幢名=楼栋", "--map", "门=房号", "--map", "平米=面积㎡",
           "--map", "住户=owner")
    row = cli.json("household", "list")[0]
    assert (row["building"], row["room"], row["area_m2"]) == ("3", "2-501", "118.50")
    assert field_named(HOUSEHOLDS, "人数") == "residents" and field_named(PETITIONS, "反映人") == "reporter"
    assert field_named(PETITIONS, "收到") == "received"


def _units(cli):
    for room in ("501", "502"):
        cli.ok("household", "add", "--building", "3", "--unit", "2", "--room", room, "--area", "100",
               "--owner", "王伟")
    cli.ok("household", "visit", "3-2-501", "--note", "敲门日", "--date", "2024-03-01")


def test_a_unit_moves_with_a_reason_and_keeps_its_record(cli):
    _units(cli)
    assert "--reason" in cli("household", "edit", "3-2-501", "--room", "601").output
    out = cli.json("household", "edit", "3-2-501", "--building", "4幢", "--room", "601室", "--reason", "录入错误：应为4幢")
    assert (out["building"], out["unit"], out["room"]) == ("4", "2", "601")
    move = out["history"][-1]
    assert move["action"] == "move" and move["reason"] == "录入错误：应为4幢"
    assert move["changes"] == {"building": {"from": "3", "to": "4"}, "room": {"from": "501", "to": "601"}}
    assert "3-2-501" in cli.fails("household", "show", "3-2-501")  # the old number is gone
    shown = cli.json("household", "show", "4-2-601")
    assert [v["note"] for v in shown["visits"]] == ["敲门日"]  # the same record, its visits kept
    assert "更正房号" in cli.ok("household", "show", "4-2-601").stdout
    cli.ok("audit", "verify")


def test_a_move_onto_an_existing_unit_is_refused(cli):
    _units(cli)
    err = cli.fails("household", "edit", "3-2-501", "--room", "５０２", "--reason", "x")
    assert "3-2-502" in err and "已有" in err
    assert cli.json("household", "show", "3-2-501")["room"] == "501"  # nothing written
    cli.fails("household", "edit", "3-2-501", "--building", " ", "--reason", "x")  # reads as no building
    assert "没有需要更改" in cli.fails("household", "edit", "3-2-501", "--room", "501室", "--reason", "x")
