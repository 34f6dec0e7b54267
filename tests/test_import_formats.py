"""Batch import: every kind of file in examples/, encodings, .xlsx, headers, re-imports."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, write_csv
from zhili_cli.importing.reader import detect_encoding, read_rows
from zhili_cli.importing.spec import map_headers, records


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_households_csv_imports_once(cli):
    first = cli.json("household", "import", EXAMPLES / "households.csv")
    assert (first["rows"], first["new"], first["unchanged"]) == (1505, 1505, 0)
    again = cli.json("household", "import", EXAMPLES / "households.csv")
    assert (again["new"], again["unchanged"], again["changed"]) == (0, 1505, 0)
    listed = cli.json("household", "list", "--building", "1", "--limit", "3")
    assert listed[0]["room"] == "101" and listed[0]["area_m2"] == "118.32" and listed[0]["building_lead"]
    assert _rows(cli.db, "SELECT COUNT(*) FROM households") == [(1505,)]
    cli.ok("audit", "verify")


def test_changed_household_is_updated_not_duplicated(cli, tmp_path):
    path = write_csv(tmp_path / "h.csv", "楼栋,单元,房号,面积,业主\n1,1,101,90,张三\n1,1,102,80,李四\n")
    cli.ok("household", "import", path)
    write_csv(path, "楼栋,单元,房号,面积,业主\n1,1,101,90,张三\n1,1,102,85.5,李四\n1,1,103,70,王五\n")
    out = cli.json("household", "import", path)
    assert (out["new"], out["unchanged"], out["changed"]) == (1, 1, 1)
    assert _rows(cli.db, "SELECT area_x100 FROM households WHERE room = '102'") == [(8550,)]


def test_gb18030_register_is_detected_and_read(cli):
    path = EXAMPLES / "households-gbk.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert detect_encoding(path) == "gb18030"
    out = cli.json("household", "import", path)
    assert (out["rows"], out["new"]) == (6, 6)
    rows = _rows(cli.db, "SELECT building, unit, room, area_x100, owner, residents FROM households ORDER BY id")
    assert rows[0] == ("31", "1", "101", 8956, "林建国", 3)
    assert rows[2][3] == 11832 and rows[3][3] == 13275  # 平方米 and m²
    assert rows[5][:3] == ("32", "1", "101")
    assert cli.json("household", "import", path)["unchanged"] == 6


def test_gbk_and_forced_encodings(cli, tmp_path):
    text = "楼号,室号,面积\n5幢,1203室,120㎡\n"
    gbk = write_csv(tmp_path / "gbk.csv", text, "gbk")
    assert detect_encoding(gbk) == "gb18030"
    assert cli.json("household", "import", gbk, "--encoding", "gbk")["new"] == 1
    err = cli.fails("household", "import", gbk, "--encoding", "utf-8")
    assert "gbk.csv" in err and "--encoding" in err
    assert "x-nonsense" in cli.fails("household", "import", gbk, "--encoding", "x-nonsense")


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_or_without_bom(cli, tmp_path, bom):
    text = "楼栋,房号,面积\n2,301,95.5\n"
    path = tmp_path / "h.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    assert detect_encoding(path) == ("utf-8-sig" if bom else "utf-8")
    headers, _ = read_rows(path)
    assert headers[0] == "楼栋"
    assert cli.json("household", "import", path)["new"] == 1


def test_petitions_csv_imports_once_and_verifies(cli):
    first = cli.json("petition", "import", EXAMPLES / "petitions.csv")
    assert first["new"] == first["rows"] == 1758
    assert cli.json("petition", "import", EXAMPLES / "petitions.csv")["unchanged"] == 1758
    assert _rows(cli.db, "SELECT COUNT(*) FROM petitions") == [(1758,)]
    # no history row per imported petition: its history starts from the import's audit entry
    assert _rows(cli.db, "SELECT COUNT(*) FROM petition_events") == [(0,)]
    history = cli.json("petition", "show", "P2018-001")["history"]
    assert history[0]["action"] == "import" and history[0]["actor"] and history[0]["at"].startswith("2024-03-05")
    cli.ok("audit", "verify")


def test_petitions_xlsx(cli):
    out = cli.json("petition", "import", EXAMPLES / "petitions.xlsx")
    assert (out["rows"], out["new"]) == (6, 6)
    rows = _rows(cli.db, "SELECT number, received_at, source, kind, building, reporter_phone, status, closed_at, "
                         "satisfaction FROM petitions ORDER BY id")
    assert rows[0] == ("P2024-001", "2024-03-01T09:30:00+08:00", "online", "urgent", "3", "13812345678", "done",
                       "2024-03-01T16:00:00+08:00", 5)
    assert rows[1][1] == "2024-03-02T00:00:00+08:00"
    assert rows[3][6] == "received" and rows[3][5] is None
    assert cli.json("petition", "import", EXAMPLES / "petitions.xlsx")["unchanged"] == 6
    cli.ok("audit", "verify")


def test_xlsx_sheets(cli):
    err = cli.fails("petition", "import", EXAMPLES / "petitions.xlsx", "--sheet", "汇总")
    assert "received" in err and "类别, 件数" in err
    err = cli.fails("petition", "import", EXAMPLES / "petitions.xlsx", "--sheet", "第三页")
    assert "诉求台账" in err and "汇总" in err
    assert cli.json("petition", "import", EXAMPLES / "petitions.xlsx", "--sheet", "1")["new"] == 6


def test_xlsx_cells_as_a_secretary_sees_them(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["  楼栋 ", "单元", "房号", "建筑面积（㎡）", "人数", "业主", "电话"])
    sheet.append([3, 1.0, 1201, 118.32000000000001, 3.0, "  张三  ", 13812345678])
    sheet.append([3, 1, "1202室", "90.5㎡", None, "李四", None])
    sheet.append([None] * 7)
    sheet.append([])
    path = tmp_path / "h.xlsx"
    book.save(path)
    out = cli.json("household", "import", path)
    assert (out["rows"], out["new"]) == (2, 2)
    rows = _rows(cli.db, "SELECT building, unit, room, area_x100, residents, owner, phone FROM households ORDER BY id")
    assert rows == [("3", "1", "1201", 11832, 3, "张三", "13812345678"), ("3", "1", "1202", 9050, None, "李四", None)]


def test_xlsx_date_cells_and_serials(tmp_path):
    from openpyxl import Workbook

    from zhili_cli.importing.petitions import PETITIONS

    book = Workbook()
    sheet = book.active
    sheet.append(["日期", "来源", "标题"])
    sheet.append([datetime(2024, 3, 5, 14, 30), "热线", "a"])
    sheet.append([date(2024, 3, 6), "hotline", "b"])
    sheet.append(["45358", "12345", "c"])  # a date exported as its serial number
    path = tmp_path / "p.xlsx"
    book.save(path)
    headers, rows = read_rows(path)
    recs = [rec for _, rec in records(PETITIONS, path, headers, rows, map_headers(PETITIONS, headers, path))]
    assert [r["received"] for r in recs] == [datetime(2024, 3, 5, 14, 30), datetime(2024, 3, 6), datetime(2024, 3, 7)]
    assert {r["source"] for r in recs} == {"hotline"}


def test_members_csv_import(cli, tmp_path):
    out = cli.json("member", "import", EXAMPLES / "members.csv")
    assert (out["rows"], out["new"]) == (10, 10)
    again = cli.json("member", "import", EXAMPLES / "members.csv")
    assert (again["new"], again["unchanged"], again["changed"]) == (0, 10, 0)
    people = {(m["name"], m["role"]): m for m in cli.json("member", "list")}
    assert people[("金建国", "chair")]["party"] == "owners_committee"
    assert people[("李明", "property_rep")]["party"] == "property"
    assert people[("金建国", "chair")]["term_end"] == "2028-05-31"
    changed = write_csv(tmp_path / "m.csv", "姓名,角色,任期开始,任期结束,电话\n金建国,主任,2023/6/1,2028年5月31日,13900000000\n")
    out = cli.json("member", "import", changed)
    assert (out["unchanged"], out["changed"]) == (0, 1)
    cli.ok("audit", "verify")


def test_member_import_refuses_a_second_chair_and_long_terms(cli, tmp_path):
    cli.ok("member", "import", EXAMPLES / "members.csv")
    path = write_csv(tmp_path / "m.csv", "姓名,职务,任期开始,任期结束,依据,依据日期\n新人,主任,2024-01-01,2028-12-31,补选公告,2023-12-20\n")
    err = cli.fails("member", "import", path)
    assert err.startswith(f"{path}:2: 职务:") and "金建国" in err
    many = "姓名,角色,任期开始,任期结束,依据,依据日期\n" + "".join(f"委员{i},委员,2023-06-01,2028-05-31,补选公告,2023-05-20\n"
                                                             for i in range(5))
    err = cli.fails("member", "import", write_csv(tmp_path / "many.csv", many))
    assert ":6: 角色:" in err
    path = write_csv(tmp_path / "m2.csv", "姓名,角色,任期开始,任期结束,依据,依据日期\n甲,委员,2020-01-01,2030-01-01,选举公告,2019-12-01\n")
    err = cli.fails("member", "import", path)
    assert err.startswith(f"{path}:2: 任期结束:")
    path = write_csv(tmp_path / "m3.csv", "姓名,角色\n乙,楼道长\n")  # a role of no party: it must be given
    assert f"{path}:2: party:" in cli.fails("member", "import", path)
    assert cli.json("member", "import", write_csv(tmp_path / "m4.csv", "姓名,角色,所属方,依据\n乙,业主代表,业委会,业主代表推选记录\n"))["new"] == 1


def test_income_expense_ballot_specs_read_the_examples():
    from zhili_cli.importing import ballots, expenses, income

    def read(spec, name):
        path = EXAMPLES / name
        headers, rows = read_rows(path)
        return [rec for _, rec in records(spec, path, headers, rows, map_headers(spec, headers, path))]

    inc = read(income.INCOME, "income.csv")
    assert [r["amount_fen"] for r in inc] == [1_260_000, 300_000, 1_200_000, 8_652]
    assert [r["date"] for r in inc] == [date(2024, 1, 5), date(2024, 1, 10), date(2024, 1, 15), date(2024, 1, 31)]
    assert inc[0]["category"] == "停车费" and inc[0]["voucher"] == "SR2024-001"
    assert len({income.key(r) for r in inc}) == 4 and income.key(inc[0]) == income.key(dict(inc[0]))
    exp = read(expenses.EXPENSES, "expenses.csv")
    assert [r["amount_fen"] for r in exp] == [80_000, 450_000, 2_600_000, 1_500_000]
    assert exp[2]["item"] == "12幢外墙渗水修缮" and exp[2]["fund"] == "maintenance_fund" and exp[2]["date"] == date(2024, 2, 2)
    votes = read(ballots.BALLOTS, "ballots.csv")
    assert [r["choice"] for r in votes] == ["yes", "yes", "no", "abstain", "yes"]
    assert [r["method"] for r in votes] == ["paper", "online", "paper", "proxy", "paper"]
    assert ballots.key(votes[4]) == ("1", "2", "101")


def test_headers_synonyms_english_and_map(cli, tmp_path):
    path = write_csv(tmp_path / "en.csv", "Building,Unit,Room,Area (m²),Owner,Tel\n9,1,101,100,Ann,1\n")
    assert cli.json("household", "import", path)["new"] == 1
    path = write_csv(tmp_path / "odd.csv", "几号楼,房,平方\n9,102,100\n")
    err = cli.fails("household", "import", path)
    assert "building" in err and "几号楼, 房, 平方" in err
    out = cli.json("household", "import", path, "--map", "几号楼=building", "--map", "房=room", "--map", "平方=area")
    assert out["new"] == 1
    assert "业主/owner, 电话/phone" in cli.fails("household", "import", path, "--map", "几号楼=楼座", code=2)
    assert "几号楼" in cli.fails("household", "import", path, "--map", "没有这列=building", code=2)


def test_tab_separated_utf16_text_export(cli, tmp_path):
    """Excel's “Unicode text” export: UTF-16 with a BOM, tab separated."""
    path = tmp_path / "h.txt"
    path.write_bytes("楼栋\t单元\t房号\t面积\r\n7\t1\t101\t88.5\r\n7\t1\t102\t90\r\n".encode("utf-16"))
    out = cli.json("household", "import", path)
    assert (out["rows"], out["new"]) == (2, 2)
    assert _rows(cli.db, "SELECT area_x100 FROM households ORDER BY id") == [(8850,), (9000,)]
