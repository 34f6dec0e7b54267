"""Reports against hostile input: --out never clobbers, CSV cells are never formulas, Markdown
never carries live HTML or links, and report periods stay inside 2000–2100."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from zhili_cli.report.render.csv import safe


def test_out_refuses_the_database_and_its_sidecars(cli, tmp_path):
    before = cli.db.read_bytes()
    for target in (cli.db, Path(str(cli.db) + "-wal"), Path(str(cli.db) + "-shm")):
        err = cli.fails("report", "monthly", "2024-03", "--out", str(target), "--format", "md", code=cli_code(target))
        assert err
    assert cli.db.read_bytes() == before
    # even with --force
    cli.fails("report", "monthly", "2024-03", "--format", "md", "--out", str(cli.db), "--force",
              code=cli_code(cli.db))
    assert cli.db.read_bytes() == before


def cli_code(target: Path) -> int:
    """A database named .db is refused for its suffix (usage, 2) before it is refused as the database."""
    return 2 if target.suffix.lower() not in (".md", ".html", ".pdf", ".csv", ".json", "") else 1


def test_out_refuses_the_rules_file(cli, tmp_path):
    rules = tmp_path / "zhili.yaml"
    before = rules.read_text("utf-8")
    cli.fails("report", "monthly", "2024-03", "--out", str(rules), code=2)  # .yaml is no report format
    custom = tmp_path / "rules.md"  # a rules file named like a report: refused as the rules file
    custom.write_text(before, "utf-8")
    err = cli.fails("--rules", str(custom), "report", "monthly", "2024-03", "--out", str(custom), "--force")
    assert "规则" in err
    assert custom.read_text("utf-8") == before == rules.read_text("utf-8")


def test_out_refuses_an_existing_file_without_force(cli, tmp_path):
    target = tmp_path / "old.md"
    target.write_text("keep me", "utf-8")
    err = cli.fails("report", "monthly", "2024-03", "--out", str(target))
    assert "--force" in err
    assert target.read_text("utf-8") == "keep me"
    cli.ok("report", "monthly", "2024-03", "--out", str(target), "--force")
    assert "# 测试小区月度工作报告" in target.read_text("utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_out_suffix_must_be_a_format_the_report_writes(cli, tmp_path):
    err = cli.fails("report", "quarterly", "2024Q1", "--out", str(tmp_path / "q.xlsx"), code=2)
    assert ".xlsx" in err or "q.xlsx" in err
    assert not (tmp_path / "q.xlsx").exists()
    cli.fails("report", "quarterly", "2024Q1", "--format", "md", "--out", str(tmp_path / "q.pdf"), code=2)
    assert not (tmp_path / "q.pdf").exists()
    cli.ok("report", "quarterly", "2024Q1", "--out", str(tmp_path / "q.csv"))
    assert (tmp_path / "q.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("value,expected", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-1,200.00", "-1,200.00"),
    ("-5", "-5"),
    ("12.5%", "12.5%"),
    ("电梯", "电梯"),
])
def test_csv_cells_are_never_formulas(value, expected):
    assert safe(value) == expected


def test_public_quarterly_csv_neutralises_formulas(cli):
    at = "2024-02-01T10:00:00+08:00"
    with sqlite3.connect(cli.db) as conn:
        conn.execute("INSERT INTO expenses (number, year, seq, fund, amount_fen, payee, purpose, tier, "
                     "required_body, status, requested_by, requested_at, approved_at, paid_at) VALUES "
                     "('E2024-001', 2024, 1, 'public_revenue', 5000, '=HYPERLINK(1)', '=cmd|'' /C calc''!A0', "
                     "'chair', 'chair', 'paid', 's', ?, ?, ?)", (at, at, at))
        conn.execute("INSERT INTO ledger (fund, kind, amount_fen, on_date, recorded_by, recorded_at) VALUES "
                     "('public_revenue', 'opening', 100000, '2024-01-01', 's', ?)", (at,))
        conn.execute("INSERT INTO ledger (fund, kind, amount_fen, on_date, expense_id, recorded_by, recorded_at) "
                     "VALUES ('public_revenue', 'expense', 5000, '2024-02-01', 1, 's', ?)", (at,))
    out = cli.ok("report", "quarterly", "2024Q1", "--format", "csv").stdout
    assert "calc" in out
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not cell.startswith(("=", "@", "+")), row


def test_markdown_escapes_html_and_links(cli):
    cli.ok("petition", "add", "--title", "<script>alert(1)</script> [x](javascript:alert(1))",
           "--source", "热线", "--received", "2024-03-01")
    out = cli.ok("report", "monthly", "2024-03", "--format", "md").stdout
    assert "<script>" not in out
    assert "](javascript:" not in out and "javascript:" not in out


@pytest.mark.parametrize("args", [
    ("monthly", "9999-12"), ("monthly", "1999-12"), ("quarterly", "2101Q1"), ("annual", "9999"),
    ("annual", "--from", "1900", "--to", "2024"),
])
def test_report_periods_stay_in_range(cli, args):
    err = cli.fails("report", *args)
    assert "2000" in err and "2100" in err
