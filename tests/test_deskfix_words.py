"""Chinese screens carry Chinese words: help defaults, rule explanations, yes/no, table names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_csv
from tests.test_reliability_support import run_zhili

WALK = r'''
import re, sys
sys.path.insert(0, ROOT)
from typer.testing import CliRunner
from tests.test_typer_glue import _all_command_paths
from zhili_cli.cli.main import app
from zhili_cli.domain import vocab_terms
codes = {c for tab, _ in vocab_terms.CATEGORIES.values() for c in tab if isinstance(c, str) and re.fullmatch(r"[a-z][a-z_]+", c)}
default = re.compile(r"\[默认：([^\]]*)\]")
paths = _all_command_paths()
bad = []
for path in paths:
    out = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "300"}).stdout
    for value in default.findall(out):
        if value.strip("() ") in codes or re.fullmatch(r"True|False|None", value.strip()):
            bad.append(" ".join(path) + ": " + value)
print(len(paths))
print("\n".join(bad))
'''


@pytest.mark.slow
def test_no_chinese_help_screen_shows_a_vocabulary_code_as_default(tmp_path):
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", f"ROOT = {root!r}\n" + WALK], capture_output=True, text=True,
                          cwd=tmp_path,
                          env={"ZHILI_LANG": "zh", "COLUMNS": "300", "PATH": ""}, timeout=300)
    assert done.returncode == 0, done.stderr
    count, *bad = done.stdout.splitlines()
    assert int(count) > 60
    assert [b for b in bad if b] == []


@pytest.mark.slow
def test_help_defaults_are_typed_words(tmp_path):
    zh = run_zhili("meeting", "schedule", "--help", cwd=tmp_path, env={"COLUMNS": "300", "ZHILI_LANG": "zh"}).stdout
    # typer shows a default given as text in brackets: [默认：(三方联席会议)]
    assert re.search(r"\[默认：\(?三方联席会议\)?\]", zh) and "three_party" not in zh
    fund = run_zhili("expense", "import", "--help", cwd=tmp_path, env={"COLUMNS": "300", "ZHILI_LANG": "zh"}).stdout
    assert re.search(r"\[默认：\(?公共收益\)?\]", fund) and "public_revenue" not in fund
    en = run_zhili("--lang", "en", "meeting", "schedule", "--help", cwd=tmp_path, env={"COLUMNS": "300"}).stdout
    assert re.search(r"\[default: \(?three_party\)?\]", en)


def test_expense_check_names_the_body_in_chinese(cli):
    out = cli.ok("expense", "check", "5000").stdout
    assert "（业委会主任）" in out and "chair" not in out
    assert "(chair)" in cli.ok("--lang", "en", "expense", "check", "5000").stdout


def test_household_show_says_yes_and_no(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", "楼栋,单元,房号,面积,楼道长\n3,2,501,90,是\n")))
    out = cli.ok("household", "show", "3-2-501").stdout
    assert "True" not in out and "False" not in out
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert lines["楼道长"] == ["是"] and lines["开发商未售"] == ["否"]
    assert "id" not in lines
    cli.ok("household", "edit", "3-2-501", "--room", "601", "--area", "91", "--reason", "录错")
    history = cli.ok("household", "show", "3-2-601", env={"COLUMNS": "200"}).stdout
    assert "房号: 501 → 601" in history and "room" not in history and "area_x100" not in history


def test_audit_verify_names_the_table_in_chinese(cli, tmp_path):
    import sqlite3

    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv", "楼栋,单元,房号,面积\n3,2,501,90\n")))
    conn = sqlite3.connect(cli.db)
    conn.execute("UPDATE households SET area_x100 = 1")
    conn.commit()
    conn.close()
    err = cli.fails("audit", "verify")
    assert err.startswith("住户档案（households） 第 1 行")
    assert cli("--lang", "en", "audit", "verify").stderr.startswith("households row 1")
