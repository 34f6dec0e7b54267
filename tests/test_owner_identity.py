"""Who an owner is: certificate/ID, else name + phone, else the unit alone; namesakes are
different people; every column is mapped or named; look-alike rooms are one room."""

from __future__ import annotations

import json

from tests.conftest import write_csv

COMMON = ["王伟", "李娜", "张伟", "王芳", "李伟", "张敏", "王静", "刘伟", "张丽", "王秀英"]


def test_thousand_units_with_namesakes_count_real_owners(cli, tmp_path):
    """1 000 units in GB18030 as WPS exports it; ten common names repeat, every unit has its own
    phone except one owner holding two units: 999 owners (name alone merged them into 10)."""
    lines = ["楼栋,单元,房号,面积,户主姓名,手机号码"]
    for i in range(1000):
        name = COMMON[i % len(COMMON)] if i != 999 else COMMON[0]
        phone = f"1390000{i:04d}" if i != 999 else "13900000000"  # unit 999: the owner of unit 0
        lines.append(f"{i // 100 + 1}幢,{i % 4 + 1}单元,{i + 1}室,{90 + i % 7},{name},{phone}")
    path = write_csv(tmp_path / "register.csv", "\r\n".join(lines) + "\r\n", encoding="gb18030")
    result = cli("household", "import", str(path), "--encoding", "gb18030")
    assert result.exit_code == 0, result.output
    assert "同名业主" in result.stderr  # namesakes are named with their lines, not merged
    out = cli.json("household", "owners")
    assert out["units"] == 1000 and out["owners"] == 999 and out["heads"] == 999
    two = [o for o in out["list"] if len(o["units"]) == 2]
    assert len(two) == 1 and two[0]["basis"] == "name_phone"
    assert "13900000000" not in json.dumps(out)


def test_owner_headers_recognised_and_unmapped_columns_named(cli, tmp_path):
    path = write_csv(tmp_path / "h.csv", "楼号,房号,建筑面积,户主姓名,手机号码,车位号\n1,101,90,王伟,13900000001,A-1\n")
    result = cli("household", "import", str(path))
    assert result.exit_code == 0
    assert "车位号" in result.stderr and "未识别" in result.stderr
    row = cli.json("household", "show", "1-101")
    assert row["owner"] == "王*" and row["phone"].startswith("139")
    err = cli.fails("household", "import", str(path), "--strict")
    assert "车位号" in err
    for header in ("产权人姓名", "业主名称"):
        p = write_csv(tmp_path / f"{header}.csv", f"楼号,房号,面积,{header}\n2,202,80,李娜\n")
        res = cli.json("household", "import", str(p))
        assert res["warnings"] == []
    assert cli.json("household", "show", "2-202")["owner"] == "李*"


def test_identity_decides_and_is_never_printed(cli, tmp_path):
    text = ("楼号,房号,面积,业主,电话,不动产权证号\n"
            "1,101,90,王伟,13900000001,浙(2020)杭州市不动产权第7771号\n"
            "1,102,60,王 伟,13700000002,浙（2020）杭州市不动产权第7771号\n"  # same certificate, written differently
            "1,103,80,王伟,13900000001,浙(2020)杭州市不动产权第0099号\n"  # same name and phone, other certificate
            "1,104,70,李娜,,\n"
            "1,105,70,李娜,,\n")  # a name alone: each unit its own owner
    path = write_csv(tmp_path / "h.csv", text)
    result = cli("household", "import", str(path))
    assert result.exit_code == 0
    assert "第 2、3、4 行" in result.stderr and "第 5、6 行" in result.stderr
    out = cli.json("household", "owners")
    assert out["owners"] == 4
    assert sorted(len(o["units"]) for o in out["list"]) == [1, 1, 1, 2]
    shown = (cli.ok("household", "owners").stdout + cli.ok("household", "show", "1-101", "--json").stdout
             + cli.ok("household", "list", "--json").stdout + cli.ok("household", "show", "1-101").stdout)
    assert "7771" not in shown and "不动产权" not in shown


def test_look_alike_rooms_are_one_unit(cli, tmp_path):
    write_csv(tmp_path / "a.csv", "楼号,单元,房号,面积,业主\n1,1,101,90,王伟\n")
    cli.ok("household", "import", str(tmp_path / "a.csv"))
    write_csv(tmp_path / "b.csv", "楼号,单元,房号,面积,业主\n１,1,１０１,90,王伟\n1,1,102\u200b,80,李娜\n")
    res = cli.json("household", "import", str(tmp_path / "b.csv"))
    assert res["new"] == 1 and res["unchanged"] == 1
    write_csv(tmp_path / "c.csv", "楼号,单元,房号,面积,业主\n1,1,102,80,李娜\n")
    assert cli.json("household", "import", str(tmp_path / "c.csv"))["unchanged"] == 1
    assert cli.json("household", "owners")["units"] == 2
    dup = write_csv(tmp_path / "d.csv", "楼号,单元,房号,面积\n1,1,103,90\n1,1,１０３,90\n")
    assert "3" in cli.fails("household", "import", str(dup))
