"""Households (一户一档) and people with roles."""

from __future__ import annotations

import sqlite3

from tests.conftest import write_csv

HEADER_ZH = "楼栋,单元,房号,面积,业主,电话,人数\n"


def test_import_chinese_headers_and_list_masked(cli, tmp_path):
    f = write_csv(tmp_path / "h.csv", HEADER_ZH + "3,2,501,118.32,张三,13812341234,3\n3,2,502,89.5㎡,李四,13900001111,2\n")
    assert "新增 2" in cli.ok("household", "import", str(f)).stdout
    rows = cli.json("household", "list")
    assert rows[0]["owner"] == "张*" and rows[0]["phone"] == "138****1234"
    assert rows[0]["area_m2"] == "118.32" and rows[1]["area_m2"] == "89.50"
    assert cli.json("household", "show", "3-2-501")["room"] == "501"
    assert cli.json("household", "show", "3幢2单元502")["owner"] == "李*"
    cli.fails("household", "show", "9-9-999")


def test_import_english_headers_bom_and_idempotent(cli, tmp_path):
    f = write_csv(tmp_path / "h.csv", "\ufeffbuilding,unit,room,area,owner,phone,residents\n1,1,101,100,A,,1\n")
    cli.ok("household", "import", str(f))
    out = cli.ok("household", "import", str(f)).stdout
    assert "新增 0" in out and "未变 1" in out
    assert len(cli.json("household", "list")) == 1


def test_bad_row_names_file_line_column_and_writes_nothing(cli, tmp_path):
    f = write_csv(tmp_path / "h.csv", HEADER_ZH + "1,1,101,100,A,,1\n1,1,102,abc,B,,1\n")
    err = cli.fails("household", "import", str(f))
    assert err.startswith(f"{f}:3: 面积:")
    assert cli.json("household", "list") == []


def test_missing_required_column_lists_found_headers(cli, tmp_path):
    f = write_csv(tmp_path / "h.csv", "楼栋,房号,业主\n1,101,A\n")
    err = cli.fails("household", "import", str(f))
    assert "area" in err and "楼栋, 房号, 业主" in err


def test_member_roles_chair_unique_and_term_limit(cli):
    cli.ok("member", "add", "金建国", "--role", "主任", "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    assert "主任" in cli.fails("member", "add", "沈丽", "--role", "chair", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    assert "5" in cli.fails("member", "add", "陆伟", "--role", "委员", "--term-start", "2023-06-01", "--term-end", "2028-06-02", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    cli.ok("member", "add", "张红梅", "--role", "居委会代表", "--phone", "13812345678", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    rows = cli.json("member", "list")
    assert {r["party"] for r in rows} == {"owners_committee", "residents_committee"}
    assert any(r["phone"] == "138****5678" for r in rows)
    cli.fails("member", "add", "X", "--role", "king", "--basis", "任职文件1号", "--basis-date", "2019-01-01")


def test_committee_size_max(cli):
    for i in range(11):
        cli.ok("member", "add", f"委员{i}", "--role", "委员", "--basis", "任职文件1号", "--basis-date", "2019-01-01")
    assert "11" in cli.fails("member", "add", "委员多", "--role", "委员", "--basis", "任职文件1号", "--basis-date", "2019-01-01")


def test_every_change_is_audited(cli, tmp_path):
    f = write_csv(tmp_path / "h.csv", HEADER_ZH + "1,1,101,100,A,,1\n")
    cli.ok("household", "import", str(f))
    with sqlite3.connect(cli.db) as conn:
        n = conn.execute("SELECT COUNT(*) FROM audit_log WHERE table_name='households'").fetchone()[0]
    assert n == 1
    cli.ok("audit", "verify")
