"""Cells that repeat (buildings, ratings) are parsed once per distinct text and file; a text
that fails fails on every line it stands on, each named by its own line."""

from __future__ import annotations

import json
import sqlite3

from tests.conftest import write_csv

HEADER = "受理日期,来源,标题,类别,楼栋,状态,办结日期,满意度\n"


def test_a_bad_rating_repeated_is_reported_on_each_line(cli, tmp_path):
    path = write_csv(tmp_path / "p.csv", HEADER
                     + "2024-03-01,走访,路灯,小,3幢,已办结,2024-03-02,很好\n"
                     + "2024-03-01,走访,电梯,小,三幢,已办结,2024-03-02,满意\n"
                     + "2024-03-02,走访,水管,小,3号楼,已办结,2024-03-03,很好\n")
    dry = cli("petition", "import", path, "--dry-run", "--json")
    assert dry.exit_code == 1
    out = json.loads(dry.stdout)
    assert [p.split(": ")[0] for p in out["problems"]] == [f"{path}:2", f"{path}:4"]
    err = cli.fails("petition", "import", path)
    assert err.startswith(f"{path}:2: 满意度:"), err


def test_values_past_the_remembered_texts_are_parsed_alike(cli, tmp_path, monkeypatch):
    from zhili_cli.importing import spec

    monkeypatch.setattr(spec, "MEMO_TEXTS", 2)
    lines = [f"2024-03-0{i % 9 + 1},走访,事项{i},小,{b},已办结,2024-03-10,{s}\n"
             for i, (b, s) in enumerate([("3幢", "满意"), ("三幢", "5"), ("3号楼", "非常满意"), ("南门", "不满意"),
                                         ("１２栋", "2"), ("3", "满意")])]
    path = write_csv(tmp_path / "p.csv", HEADER + "".join(lines))
    assert cli.json("petition", "import", path)["new"] == 6
    conn = sqlite3.connect(cli.db)
    got = conn.execute("SELECT building, satisfaction FROM petitions ORDER BY title").fetchall()
    conn.close()
    assert got == [("3", 4), ("3", 5), ("3", 5), ("南门", 2), ("12", 2), ("3", 4)]
