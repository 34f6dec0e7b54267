"""Strict CSV: a stray quote, a ragged row or a NUL byte stops the import at FILE:LINE and
nothing is written (a stray quote used to swallow the rest of the file into one cell)."""

from __future__ import annotations

import pytest

from tests.conftest import write_csv

HEADER = "受理日期,来源,标题,内容,类别,楼栋\n"
ROWS = ["2024-03-01,信箱,1幢路灯不亮,,小,1\n", "2024-03-02,走访,2幢电梯异响,,急,2\n",
        "2024-03-03,热线,3幢水管漏水,,急,3\n", "2024-03-04,巡查,4幢垃圾满溢,,小,4\n",
        "2024-03-05,线上,5幢门禁坏了,,小,5\n"]


def _petitions(cli):
    import sqlite3

    conn = sqlite3.connect(cli.db)
    try:
        return conn.execute("SELECT COUNT(*) FROM petitions").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("bad, line, words", [
    ('2024-03-03,热线,"3幢水管漏水,,急,3\n', 4, "引号没有闭合"),
    ('2024-03-03,热线,"3幢水管"漏水,,急,3\n', 4, "引号闭合后"),
    ("2024-03-03,热线,3幢水管漏水,楼上,漏水,急,3\n", 4, "表头只有 6 列"),
    ("2024-03-03,热线,3幢水管\x00漏水,,急,3\n", 4, "空字符"),
])
def test_malformed_line_stops_the_import_with_nothing_written(cli, tmp_path, bad, line, words):
    path = write_csv(tmp_path / "p.csv", HEADER + ROWS[0] + ROWS[1] + bad + ROWS[3] + ROWS[4])
    for extra in ((), ("--dry-run",)):
        err = cli.fails("petition", "import", path, *extra)
        assert err.startswith(f"{path}:{line}: ") and words in err, err
    assert _petitions(cli) == 0


def test_stray_quote_in_an_income_register_loses_no_money(cli, tmp_path):
    path = write_csv(tmp_path / "income.csv", '日期,金额,类别,摘要\n2024-03-01,500,停车费,"三月\n'
                                              "2024-03-02,200,广告费,电梯广告\n")
    err = cli.fails("ledger", "income", "import", path)
    assert err.startswith(f"{path}:2: ")


def test_trailing_empty_cells_and_quoted_line_breaks_are_fine(cli, tmp_path):
    path = write_csv(tmp_path / "p.csv", HEADER + '2024-03-01,信箱,1幢路灯不亮,"一楼\n二楼",小,1,,\n' + ROWS[1])
    assert cli.json("petition", "import", path)["new"] == 2
