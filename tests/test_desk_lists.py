"""Lists out as spreadsheets (--out .csv/.xlsx) and the audited --reveal of names and phones."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from tests.conftest import write_csv

HOUSEHOLDS = "楼栋,单元,房号,面积,业主,电话,人数\n3,2,501,118,张三,13812341234,1\n3,2,502,90,=HYPERLINK(\"x\"),+8613900001111,2\n"


@pytest.fixture
def homes(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", HOUSEHOLDS)))
    return cli


def test_csv_has_bom_is_masked_and_neutralises_formulas(homes, tmp_path):
    out = tmp_path / "户.csv"
    assert "2" in homes.ok("household", "list", "--out", str(out)).stdout
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert rows[0][:3] == ["楼栋", "单元", "房号"]
    assert rows[1][4:6] == ["张*", "138****1234"]
    assert rows[2][4].startswith("'=")                      # a formula never runs in Excel
    assert "13812341234" not in data.decode("utf-8")


def test_xlsx_is_a_real_workbook_frozen_header_widths(homes, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "户.xlsx"
    homes.ok("household", "list", "--out", str(out))
    ws = load_workbook(out).active
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:3] == ["楼栋", "单元", "房号"]
    assert ws["E2"].value == "张*" and ws["F2"].value == "138****1234"
    assert ws["E3"].value.startswith("'=") and ws["E3"].data_type == "s"
    assert ws.column_dimensions["E"].width >= 6


def test_other_suffix_json_and_existing_file_refused(homes, tmp_path):
    err = homes.fails("household", "list", "--out", str(tmp_path / "x.md"), code=2)
    assert ".csv" in err and ".xlsx" in err
    assert not (tmp_path / "x.md").exists()
    homes.fails("household", "list", "--out", str(tmp_path / "y.csv"), "--json", code=2)
    assert not (tmp_path / "y.csv").exists()
    out = tmp_path / "z.csv"
    out.write_text("keep")
    homes.fails("household", "list", "--out", str(out))
    assert out.read_text() == "keep"
    homes.ok("household", "list", "--out", str(out), "--force")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_database_itself_refused(homes, tmp_path):
    import shutil

    csv_db = tmp_path / "data.csv"
    shutil.copy(homes.db, csv_db)
    from tests.conftest import Cli

    other = Cli(csv_db)
    other.fails("household", "list", "--out", str(csv_db), "--force")


def test_petition_list_out_and_overdue_days_late(cli, tmp_path):
    num = cli.json("petition", "add", "--title", "@SUM(A1)", "--source", "信箱",
                   "--received", "2024-02-20")["number"]
    rows = cli.json("petition", "list", "--overdue")
    assert rows[0]["number"] == num and rows[0]["due"] == "2024-02-23" and rows[0]["days_late"] == 11
    out = tmp_path / "p.csv"
    cli.ok("petition", "list", "--overdue", "--out", str(out))
    text = out.read_bytes()[3:].decode("utf-8")
    assert "'@SUM(A1)" in text and "11" in text


def test_reveal_shows_full_and_is_audited_once(homes):
    masked = homes.json("household", "show", "3-2-501")
    assert masked["phone"] == "138****1234" and masked["owner"] == "张*"
    full = json.loads(homes.ok("household", "show", "3-2-501", "--reveal", "--json").stdout)
    assert full["phone"] == "13812341234" and full["owner"] == "张三"
    listed = json.loads(homes.ok("household", "list", "--reveal", "--json").stdout)
    assert {r["phone"] for r in listed} == {"13812341234", "+8613900001111"}
    conn = sqlite3.connect(homes.db)
    reveals = conn.execute("SELECT actor, command, subjects FROM reveals ORDER BY id").fetchall()
    assert reveals == [("secretary", "household show --reveal", '["3-2-501"]'),
                       ("secretary", "household list --reveal", '["3-2-501", "3-2-502"]')]
    audited = conn.execute("SELECT COUNT(*) FROM audit_log WHERE table_name = 'reveals'").fetchone()[0]
    assert audited == 2
    homes.ok("audit", "verify")


def test_petition_reveal_reporter(cli):
    num = cli.json("petition", "add", "--title", "噪音", "--source", "来访", "--reporter", "王小明",
                   "--phone", "13612345678")["number"]
    assert cli.json("petition", "show", num)["reporter_phone"] == "136****5678"
    full = json.loads(cli.ok("petition", "show", num, "--reveal", "--json").stdout)
    assert full["reporter"] == "王小明" and full["reporter_phone"] == "13612345678"
    listed = json.loads(cli.ok("petition", "list", "--reveal", "--json").stdout)
    assert listed[0]["reporter_phone"] == "13612345678"
    assert "reporter_phone" not in cli.json("petition", "list")[0]
    conn = sqlite3.connect(cli.db)
    assert [r[0] for r in conn.execute("SELECT command FROM reveals")] == ["petition show --reveal",
                                                                            "petition list --reveal"]


@pytest.mark.parametrize("command", ["petition list", "household list", "meeting list", "motion list", "expense list",
                                     "ledger list", "member list", "project list", "volunteer list",
                                     "volunteer balance"])
def test_every_list_writes_csv_and_xlsx_and_refuses_other_suffixes(cli, tmp_path, command):
    from openpyxl import load_workbook

    cli.ok(*command.split(), "--out", str(tmp_path / "a.csv"))
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    cli.ok(*command.split(), "--out", str(tmp_path / "a.xlsx"))
    assert load_workbook(tmp_path / "a.xlsx").active.freeze_panes == "A2"
    cli.fails(*command.split(), "--out", str(tmp_path / "a.xls"), code=2)
    cli.fails(*command.split(), "--out", str(tmp_path / "a.csv"))          # exists, no --force
    cli.fails(*command.split(), "--out", str(cli.db), "--force", code=2)    # .db: not a list suffix


def test_file_holds_every_row_unless_limit_given(cli, tmp_path):
    for i in range(3):
        cli.ok("petition", "add", "--title", f"事项{i}", "--source", "信箱")
    assert "3" in cli.ok("petition", "list", "--out", str(tmp_path / "all.csv")).stdout
    cli.ok("petition", "list", "--out", str(tmp_path / "two.csv"), "--limit", "2")
    assert len((tmp_path / "two.csv").read_text(encoding="utf-8-sig").splitlines()) == 3
    assert len(cli.json("petition", "list", "--limit", "1")) == 1


def test_petition_list_reveal_across_years(cli):
    """Each row revealed is the row listed, whatever its number (ids are not numbers)."""
    cli.ok("petition", "add", "--title", "旧事", "--source", "信箱", "--received", "2023-05-01",
           "--reporter", "甲某", "--phone", "13000000001")
    cli.ok("petition", "add", "--title", "新事", "--source", "信箱", "--reporter", "乙某", "--phone", "13000000002")
    rows = json.loads(cli.ok("petition", "list", "--reveal", "--json").stdout)
    assert {r["number"]: r["reporter"] for r in rows} == {"P2023-001": "甲某", "P2024-001": "乙某"}


def test_a_dash_for_nothing_is_not_taken_for_a_formula(tmp_path):
    """An untriaged petition's kind is "-": it stays "-" in CSV and workbooks, not "'-"."""
    from zhili_cli.cli.listing import neutral
    from zhili_cli.report.render.csv import safe

    assert [neutral(v) for v in ("-", "—", "--", None, 12, "-12.5")] == ["-", "—", "--", "", 12, "-12.5"]
    assert neutral("-1+2") == "'-1+2" and neutral("=SUM(A1)") == "'=SUM(A1)" and safe("@x") == "'@x"
