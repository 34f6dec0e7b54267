"""All or nothing: a bad cell anywhere stops the import with FILE:LINE: column: problem and
leaves the database byte for byte as it was; --dry-run lists every problem and writes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, write_csv


def snapshot(db: Path) -> str:
    """The database file's bytes after folding the WAL in: what a copy of it would hold."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _petitions_with_bad_line(tmp_path: Path, bad: int, column: str, value: str) -> Path:
    lines = (EXAMPLES / "petitions.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[bad - 1].split(",")
    cells[header.index(column)] = value
    lines[bad - 1] = ",".join(cells)
    return write_csv(tmp_path / "p.csv", "\n".join(lines) + "\n")


@pytest.mark.parametrize("bad", [2, 900, 1759])
def test_bad_petition_cell_names_its_line_and_changes_nothing(cli, tmp_path, bad):
    cli.ok("household", "import", EXAMPLES / "households.csv", "-q")
    before = snapshot(cli.db)
    path = _petitions_with_bad_line(tmp_path, bad, "受理日期", "2024-13-45")
    err = cli.fails("petition", "import", path, "-q")
    assert err == f"{path}:{bad}: 受理日期: 无法识别的日期 2024-13-45"
    assert snapshot(cli.db) == before


@pytest.mark.parametrize(("column", "value", "problem"), [
    ("类别", "中", "无效的类别 中（大/难/急/小/私）"),
    ("来源", "飞鸽传书", "无效的来源 飞鸽传书"),
    ("满意度", "9", "满意度应为 1–5：9"),
    ("状态", "不知道", "无效的状态 不知道"),
    ("来源", "", "不能为空"),
])
def test_each_kind_of_bad_cell(cli, tmp_path, column, value, problem):
    before = snapshot(cli.db)
    path = _petitions_with_bad_line(tmp_path, 1200, column, value)
    assert cli.fails("petition", "import", path) == f"{path}:1200: {column}: {problem}"
    assert snapshot(cli.db) == before


def test_bad_household_after_many_good_rows_changes_nothing(cli, tmp_path):
    cli.ok("petition", "import", EXAMPLES / "petitions.csv", "-q")
    before = snapshot(cli.db)
    text = (EXAMPLES / "households.csv").read_text(encoding="utf-8").splitlines()
    text[1400] = text[1400].replace(",118.32,", ",一百平,").replace(",89.56,", ",一百平,") \
        .replace(",132.75,", ",一百平,").replace(",143.60,", ",一百平,").replace(",168.91,", ",一百平,") \
        .replace(",196.40,", ",一百平,").replace(",228.05,", ",一百平,")
    assert "一百平" in text[1400]
    path = write_csv(tmp_path / "h.csv", "\n".join(text) + "\n")
    assert cli.fails("household", "import", path) == f"{path}:1401: 面积: 无法识别的面积 一百平"
    assert snapshot(cli.db) == before


def test_line_numbers_count_records_not_physical_lines(cli, tmp_path):
    path = write_csv(tmp_path / "p.csv", '受理日期,来源,标题,内容\n2024-03-01,信箱,甲,"第一行\n第二行"\n\n2024-03-02,火星,乙,\n')
    # the quoted cell spans two lines, the blank row is a row: the spreadsheet shows 乙 on row 4
    assert cli.fails("petition", "import", path) == f"{path}:4: 来源: 无效的来源 火星"


def test_bad_xlsx_cell_reports_the_row_the_spreadsheet_shows(cli, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["楼栋", "房号", "面积"])
    sheet.append([1, 101, 90])
    sheet.append([])
    sheet.append([1, 102, "九十"])
    path = tmp_path / "h.xlsx"
    book.save(path)
    before = snapshot(cli.db)
    assert cli.fails("household", "import", path) == f"{path}:4: 面积: 无法识别的面积 九十"
    assert snapshot(cli.db) == before


def test_duplicate_room_in_one_file(cli, tmp_path):
    path = write_csv(tmp_path / "h.csv", "楼栋,单元,房号,面积\n1,1,101,90\n1,1,102,90\n1,1,101室,91\n")
    assert cli.fails("household", "import", path) == f"{path}:4: 房号: 与第 2 行重复"


def test_dry_run_lists_every_problem_and_writes_nothing(cli, tmp_path):
    before = snapshot(cli.db)
    path = write_csv(tmp_path / "p.csv", "\n".join([
        "受理日期,来源,标题,类别,满意度,状态",
        "2024-03-01,信箱,好的一行,小,,",
        "2024-02-30,信箱,坏日期,小,,",
        "2024-03-02,火星,坏来源,小,,",
        "2024-03-03,走访,,小,,",
        "2024-03-04,走访,坏满意度,小,6,已办结",
        "2024-03-05,走访,办结缺类别,,,已办结",
        "2024-03-06,走访,又一行好的,,,",
    ]) + "\n")
    result = cli("petition", "import", path, "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:3: 受理日期: 无法识别的日期 2024-02-30",
        f"{path}:4: 来源: 无效的来源 火星",
        f"{path}:5: 标题: 不能为空",
        f"{path}:6: 满意度: 满意度应为 1–5：6",
        f"{path}:7: 类别: 已办结的诉求须有类别",
    ]
    assert "2" in result.stdout and "试导入" in result.stdout
    assert snapshot(cli.db) == before
    cli.fails("petition", "import", path)
    assert snapshot(cli.db) == before


def test_dry_run_of_a_good_file_counts_without_writing(cli):
    cli.ok("petition", "import", EXAMPLES / "petitions.xlsx")
    before = snapshot(cli.db)
    out = cli.json("petition", "import", EXAMPLES / "petitions.xlsx", "--dry-run")
    assert (out["new"], out["unchanged"], out["dry_run"]) == (0, 6, True)
    out = cli.json("household", "import", EXAMPLES / "households-gbk.csv", "--dry-run")
    assert (out["new"], out["rows"]) == (6, 6)
    assert snapshot(cli.db) == before


def test_missing_and_empty_files(cli, tmp_path):
    assert "nope.csv" in cli.fails("household", "import", tmp_path / "nope.csv")
    assert "empty.csv" in cli.fails("household", "import", write_csv(tmp_path / "empty.csv", ""))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    assert "bad.xlsx" in cli.fails("household", "import", bad)


def test_english_messages(cli, tmp_path):
    path = write_csv(tmp_path / "h.csv", "building,room,area\n1,101,abc\n")
    err = cli.fails("household", "import", path, env={"ZHILI_LANG": "en"})
    assert err == f"{path}:2: area: not an area: abc"


def test_batched_audit_entries_are_those_tx_would_write(cli, monkeypatch):
    """The fast path builds each row's audit values itself; they must match the stored rows."""
    from zhili_cli.cli.context import Globals
    from zhili_cli.store import bulk
    from zhili_cli.services import petition_import

    monkeypatch.setattr(petition_import, "CHUNK", 500)  # four batches: three of them built
    trusted = []
    original = bulk.BulkInsert.flush

    def spy(self):
        if self.pending:
            original(self)
            trusted.append((self.table, self._trusted, self._checked))

    monkeypatch.setattr(bulk.BulkInsert, "flush", spy)
    g = Globals(db=str(cli.db))
    with g.write("petition import") as tx:
        petition_import.import_file(tx, g.rules_obj(), EXAMPLES / "petitions.csv")
    monkeypatch.undo()
    assert len([t for t in trusted if t[0] == "petitions"]) >= 4
    assert all(ok and checked for _, ok, checked in trusted)
    assert {table for table, _, _ in trusted} == {"petitions"}
    cli.ok("member", "add", "新人", "--role", "业主代表", "--party", "业委会", "--basis", "任职文件1号", "--basis-date", "2019-01-01")  # Tx writes chain on
    assert "一致" in cli.ok("audit", "verify").stdout


def test_title_row_above_the_header_keeps_spreadsheet_line_numbers(cli, tmp_path):
    from openpyxl import Workbook

    path = write_csv(tmp_path / "p.csv", "龙湫湾小区诉求台账,,\n受理日期,来源,标题\n2024-03-01,信箱,甲\n2024-03-02,火星,乙\n")
    assert cli.fails("petition", "import", path) == f"{path}:4: 来源: 无效的来源 火星"
    book = Workbook()
    sheet = book.active
    sheet.append(["住户档案（2024年3月）"])
    sheet.append([])
    sheet.append(["楼栋", "房号", "面积"])
    sheet.append([1, 101, 90])
    sheet.append([1, 102, "九十"])
    xlsx = tmp_path / "h.xlsx"
    book.save(xlsx)
    assert cli.fails("household", "import", xlsx) == f"{xlsx}:5: 面积: 无法识别的面积 九十"
    sheet.delete_rows(5)
    book.save(xlsx)
    assert cli.json("household", "import", xlsx)["new"] == 1


def test_phone_numbers_excel_turned_into_scientific_notation(cli, tmp_path):
    path = write_csv(tmp_path / "h.csv", "楼栋,房号,面积,电话\n1,101,90,13812345678\n1,102,90,1.38123E+10\n")
    assert cli.fails("household", "import", path).startswith(f"{path}:3: 电话: 电话号码被 Excel 显示成了科学计数法")
    ok = write_csv(tmp_path / "h2.csv", "楼栋,房号,面积,电话\n1,101,90,0571-88886666 转 12\n")
    assert cli.json("household", "import", ok)["new"] == 1
