"""Workbooks: .xls and .ods read as well as .xlsx (python-calamine); a workbook is bounded
before it is unpacked; every unreadable file is one line that names it and says what to do."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, write_csv

DATA = Path(__file__).resolve().parent / "data"


def _titles(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM petitions ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["petitions.xls", "petitions.ods"])
def test_old_excel_and_opendocument_are_read(cli, name):
    out = cli.json("petition", "import", DATA / name)
    assert (out["rows"], out["new"]) == (2, 2)
    assert _titles(cli.db) == ["5幢路灯不亮", "3幢电梯异响"]
    assert cli.json("petition", "import", DATA / name)["unchanged"] == 2


def test_xlsx_is_read_by_the_same_reader(cli):
    assert cli.json("petition", "import", EXAMPLES / "petitions.xlsx")["new"] == 6


def _bomb(path: Path, claimed: int) -> Path:
    """An .xlsx-shaped zip whose directory claims a member of `claimed` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a/>" * 100)
    data = bytearray(path.read_bytes())
    at = data.rindex(b"PK\x01\x02")  # the central directory entry
    data[at + 24:at + 28] = claimed.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(cli, tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 3_300_000_000)
    err = cli.fails("petition", "import", path)
    assert err.startswith(f"{path} ") and "3147 MB" in err and "256 MB" in err


def test_an_odd_sized_workbook_is_refused_and_the_database_is_unchanged(cli, tmp_path, monkeypatch):
    from zhili_cli.importing import workbook

    before = cli.db.read_bytes()
    monkeypatch.setattr(workbook, "MAX_CELL", 5)
    err = cli.fails("petition", "import", EXAMPLES / "petitions.xlsx")
    assert err.startswith(f"{EXAMPLES / 'petitions.xlsx'}:") and "5 个字符" in err
    monkeypatch.setattr(workbook, "MAX_CELL", 32767)
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    assert "超过上限 3 行" in cli.fails("petition", "import", EXAMPLES / "petitions.xlsx")
    assert cli.db.read_bytes() == before


def test_malformed_workbook_xml_is_one_line(cli, tmp_path):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(EXAMPLES / "petitions.xlsx") as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]  # cut mid-element
            out.writestr(info, data)
    err = cli.fails("petition", "import", path)
    assert err.startswith(f"{path} ") and "另存为 .xlsx" in err


@pytest.mark.parametrize("content, words", [
    ("受理日期,来源,标题\n2024-03-01,信箱,甲\n", "改名为 .csv"),
    ("<html><body><table><tr><td>受理日期</td></tr></table></body></html>", "网页"),
])
def test_a_file_that_is_not_the_workbook_its_name_says(cli, tmp_path, content, words):
    path = write_csv(tmp_path / "register.xls", content)
    err = cli.fails("petition", "import", path)
    assert err.startswith(f"{path} ") and words in err


def test_damaged_old_excel_says_what_to_do(cli, tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    err = cli.fails("petition", "import", path)
    assert err.startswith(f"{path} ") and "另存为 .xlsx" in err


@pytest.mark.parametrize("name", ["rot13", "base64", "no-such-codec"])
def test_an_encoding_that_is_not_one_names_the_file(cli, tmp_path, name):
    path = write_csv(tmp_path / "p.csv", "受理日期,来源,标题\n2024-03-01,信箱,甲\n")
    err = cli.fails("petition", "import", path, "--encoding", name)
    assert err.startswith(f"{path}: ") and name in err


def test_an_unreadable_file_is_one_line(cli, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "p.csv", "受理日期,来源,标题\n2024-03-01,信箱,甲\n")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    err = cli.fails("petition", "import", path)
    assert err.startswith("无法读取 ") and str(path) in err
