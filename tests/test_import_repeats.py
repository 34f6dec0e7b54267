"""Repeats are repeats: re-importing a file adds nothing, identical lines within one file are
each kept, and which rows are already stored does not depend on the order of the file."""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path

from tests.conftest import EXAMPLES

HEADER = "受理日期,来源,标题,内容,类别,楼栋,反映人,联系电话,责任方,状态,办结日期,反馈,满意度\n"


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_two_residents_report_the_same_lamp_on_the_same_day(cli, tmp_path):
    """Two lines that differ only in who reported them are two petitions; importing the file
    again adds nothing, and the dry run says both counts."""
    path = tmp_path / "lamp.csv"
    path.write_text(HEADER + "2024-03-01,走访,5幢路灯不亮,,小,5,王伟,13800000001,物业,已受理,,,\n"
                             "2024-03-01,走访,5幢路灯不亮,,小,5,李娜,13800000002,物业,已受理,,,\n", "utf-8")
    out = cli.json("petition", "import", path)
    assert (out["rows"], out["new"], out["unchanged"]) == (2, 2, 0)
    assert _count(cli.db, "SELECT COUNT(DISTINCT reporter) FROM petitions") == 2
    dry = cli.json("petition", "import", path, "--dry-run")
    assert (dry["new"], dry["unchanged"], dry["dry_run"]) == (0, 2, True)
    again = cli.json("petition", "import", path)
    assert (again["new"], again["unchanged"]) == (0, 2)
    assert _count(cli.db, "SELECT COUNT(*) FROM petitions") == 2


def test_identical_lines_are_kept_and_a_grown_file_adds_only_its_extra_lines(cli, tmp_path):
    line = ["2024-03-01 09:00", "热线", "3幢电梯困人", "", "急", "3", "", "", "", "已受理", "", "", ""]
    first = _write(tmp_path / "a.csv", [HEADER.strip().split(","), line, line])
    assert cli.json("petition", "import", first)["new"] == 2
    grown = _write(tmp_path / "b.csv", [HEADER.strip().split(","), line, line, line])
    dry = cli.json("petition", "import", grown, "--dry-run")
    assert (dry["new"], dry["unchanged"]) == (1, 2)
    out = cli.json("petition", "import", grown)
    assert (out["new"], out["unchanged"]) == (1, 2)
    assert _count(cli.db, "SELECT COUNT(*) FROM petitions") == 3
    cli.ok("audit", "verify")


def test_stored_rows_are_found_in_any_order(cli, tmp_path, monkeypatch):
    """The example register shuffled, in small chunks: every row is found stored, and new rows
    placed anywhere in it are added once."""
    from zhili_cli.services import petition_import

    monkeypatch.setattr(petition_import, "CHUNK", 97)
    with (EXAMPLES / "petitions.csv").open(encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    header, body = lines[0], lines[1:]
    cli.ok("petition", "import", EXAMPLES / "petitions.csv", "-q")
    rnd = random.Random(3)
    extra = []
    for i in range(5):
        row = list(rnd.choice(body))
        row[2] += f"（另一件{i}）"
        extra.append(row)
    shuffled = body + extra + extra[:1]  # the first extra line twice: two petitions
    rnd.shuffle(shuffled)
    path = _write(tmp_path / "shuffled.csv", [header, *shuffled])
    out = cli.json("petition", "import", path)
    assert (out["new"], out["unchanged"]) == (6, len(body))
    assert cli.json("petition", "import", path)["new"] == 0
    cli.ok("audit", "verify")


def test_many_rows_sharing_one_time(cli, tmp_path, monkeypatch):
    """Rows sharing a received time (a register filled in on one day, without times) are told
    apart by their titles, whatever the order, and re-imports find each one."""
    from zhili_cli.services import petition_import

    monkeypatch.setattr(petition_import, "CHUNK", 50)
    rows = [["2024-03-01", "走访", f"{i % 7 + 1}幢事项{i}", "", "小", str(i % 7 + 1), "", "", "", "已受理", "", "", ""]
            for i in range(400)]
    path = _write(tmp_path / "one-day.csv", [HEADER.strip().split(","), *rows])
    assert cli.json("petition", "import", path)["new"] == 400
    random.Random(1).shuffle(rows)
    rows.append(rows[0])
    out = cli.json("petition", "import", _write(tmp_path / "again.csv", [HEADER.strip().split(","), *rows]))
    assert (out["new"], out["unchanged"]) == (1, 400)


def test_the_lookup_joins_an_index(cli):
    """The stored-row look-up is one indexed join on the real schema, not a scan per row or
    per time (1 M rows sharing a time must not go quadratic)."""
    from zhili_cli.store.petitions import _SAME

    conn = sqlite3.connect(cli.db)
    conn.execute("CREATE TEMP TABLE import_rows (seq INTEGER PRIMARY KEY, received_at, source, title, building)")
    plan = " ".join(str(r) for r in conn.execute(
        f"EXPLAIN QUERY PLAN SELECT (SELECT COUNT(*) FROM main.petitions p WHERE {_SAME} AND p.id < 9) "
        "FROM temp.import_rows i"))
    conn.close()
    assert "petitions_natural" in plan and "title=?" in plan and "rowid<?" in plan, plan


def test_three_parking_fees_on_one_day_are_three_entries(cli, tmp_path):
    path = tmp_path / "income.csv"
    path.write_text("日期,金额,类别,付款方,摘要\n" + "2024-03-01,20,停车费,临停,临时停车\n" * 3, "utf-8")
    dry = cli.json("ledger", "income", "import", path, "--dry-run")
    assert (dry["new"], dry["unchanged"]) == (3, 0)
    out = cli.json("ledger", "income", "import", path)
    assert (out["new"], out["unchanged"]) == (3, 0)
    assert _count(cli.db, "SELECT SUM(amount_fen) FROM ledger WHERE kind = 'income'") == 6000
    again = cli.json("ledger", "income", "import", path)
    assert (again["new"], again["unchanged"]) == (0, 3)
    path.write_text("日期,金额,类别,付款方,摘要\n" + "2024-03-01,20,停车费,临停,临时停车\n" * 4, "utf-8")
    grown = cli.json("ledger", "income", "import", path)
    assert (grown["new"], grown["unchanged"]) == (1, 3)


def test_two_identical_expense_lines_are_two_payments(cli, tmp_path):
    path = tmp_path / "expenses.csv"
    path.write_text("日期,金额,事项,收款方\n" + "2024-03-01,150,楼道灯泡,明亮电器\n" * 2, "utf-8")
    cli.ok("ledger", "income", "import", EXAMPLES / "income.csv")
    assert cli.json("expense", "import", path)["new"] == 2
    assert _count(cli.db, "SELECT COUNT(*) FROM expenses") == 2
    assert cli.json("expense", "import", path)["unchanged"] == 2


def test_dry_run_says_what_is_new_and_what_is_stored_already(cli, tmp_path):
    path = tmp_path / "lamp.csv"
    path.write_text(HEADER + "2024-03-01,走访,5幢路灯不亮,,小,5,王伟,,物业,已受理,,,\n", "utf-8")
    cli.ok("petition", "import", path)
    path.write_text(HEADER + "2024-03-01,走访,5幢路灯不亮,,小,5,王伟,,物业,已受理,,,\n" * 2, "utf-8")
    out = cli.ok("petition", "import", path, "--dry-run").stdout
    assert "将新增 1" in out and "已存在 1" in out
