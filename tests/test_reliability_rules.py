"""The rules file is re-validated whenever it changes; a broken one stops every command with
its line and key, before the database is touched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.test_reliability_support import checkpoint, run_zhili, sha256

BROKEN_TIER = "zhili.yaml:26: expenses.tiers[1].max: must be greater than tiers[0].max"

COMMANDS = [
    ["petition", "add", "--title", "路灯", "--source", "信箱"],
    ["petition", "list"],
    ["petition", "list", "--json"],
    ["petition", "show", "P2024-001"],
    ["petition", "stats", "--json"],
    ["petition", "triage", "P2024-001", "--kind", "小"],
    ["household", "list"],
    ["member", "list"],
    ["member", "add", "王五", "--role", "委员", "--basis", "任职文件1号", "--basis-date", "2019-01-01"],
    ["audit", "verify"],
    ["audit", "log"],
    ["backup", "copy.db"],
    ["rules", "show"],
    ["rules", "check"],
]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _state(db: Path) -> tuple[str, int]:
    checkpoint(db)
    with sqlite3.connect(db) as conn:
        entries = conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    conn.close()
    return sha256(db), entries


@pytest.fixture
def rules(cli) -> Path:
    cli.ok("petition", "add", "--title", "已有", "--source", "信箱")
    path = Path("zhili.yaml")  # written by init beside the database, found in the working directory
    assert path.is_file()
    return path


def test_broken_rules_stop_every_command_untouched(cli, rules):
    _edit(rules, "      max: 20000", "      max: 3000")
    before = _state(cli.db)
    for args in COMMANDS:
        err = cli.fails(*args)
        assert err == BROKEN_TIER, (args, err)
    assert _state(cli.db) == before
    assert not Path("copy.db").exists()


def test_changed_rules_are_revalidated_between_commands(cli, rules):
    cli.ok("petition", "list")  # valid: remembered by its digest
    _edit(rules, 'number_prefix: "P"', 'number_prefix: "Q"')
    cli.adopt_rules(reason="编号前缀改为 Q")
    assert cli.json("petition", "add", "--title", "新前缀", "--source", "信箱")["number"] == "Q2024-002"
    _edit(rules, "      max: 20000", "      max: 3000")
    assert cli.fails("petition", "list") == BROKEN_TIER
    _edit(rules, "      max: 3000", "      max: 20000")  # back to a file seen valid before
    cli.ok("petition", "list")
    _edit(rules, "response_hours: 72", "response_hours: -5")
    err = cli.fails("petition", "list")
    assert err.startswith("zhili.yaml:") and "petitions.response_hours" in err
    line = int(err.split(":")[1])
    assert "response_hours: -5" in rules.read_text("utf-8").splitlines()[line - 1]


def test_yaml_syntax_error_names_its_line(cli, rules):
    _edit(rules, "  split_window_days: 30", "  split_window_days: [30")
    before = _state(cli.db)
    err = cli.fails("petition", "add", "--title", "x", "--source", "信箱")
    assert err.startswith("zhili.yaml:") and "(syntax)" in err
    assert _state(cli.db) == before


def test_a_stale_validity_mark_does_not_pass_a_broken_file(cli, rules):
    cli.ok("petition", "list")
    marks = list(Path(".cache").glob("rules-*.ok"))
    assert marks, "a valid file should leave its mark in the cache"
    _edit(rules, "      max: 20000", "      max: 3000")
    assert cli.fails("petition", "list") == BROKEN_TIER
    assert sorted(Path(".cache").glob("rules-*.ok")) == sorted(marks)  # no mark for the broken file


def test_explicit_rules_option_and_console_script(cli, rules, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(rules.read_text("utf-8").replace("      max: 20000", "      max: 3000"), "utf-8")
    before = _state(cli.db)
    result = run_zhili("--db", cli.db, "--rules", other, "petition", "add", "--title", "x", "--source", "信箱")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{other}:26: expenses.tiers[1].max: must be greater than tiers[0].max"
    assert _state(cli.db) == before
