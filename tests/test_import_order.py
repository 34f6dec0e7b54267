"""A register in any row order is stored alike: the rows are staged, then stored sorted by
their natural key and values, so the table (ids, numbers, every value) and the audit entries
are those of the same rows in date order, and the indexes are written in order."""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, Cli


def _lines() -> tuple[list[str], list[list[str]]]:
    with (EXAMPLES / "petitions.csv").open(encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    header, body = lines[0], lines[1:]
    # genuine repeats: an identical line twice, and a namesake key (same time, source, title
    # and building) reported by someone else
    namesake = list(body[10])
    namesake[6] = "另一位居民"
    return header, [*body, body[5], namesake]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def _state(db: Path) -> tuple[list[tuple], list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        petitions = conn.execute("SELECT * FROM petitions ORDER BY id").fetchall()
        entries = conn.execute("SELECT at, actor, command, table_name, row_id, action, before, after "
                               "FROM audit_log ORDER BY id").fetchall()
        return petitions, entries
    finally:
        conn.close()


def _fresh(db: Path) -> Cli:
    cli = Cli(db)
    cli.ok("init", "--name", "测试小区", env={"ZHILI_NOW": "2020-01-01T09:00:00+08:00"})
    return cli


def _orders(rows: list[list[str]]) -> dict[str, list[list[str]]]:
    shuffled = list(rows)
    random.Random(5).shuffle(shuffled)
    return {
        "shuffled": shuffled,
        "reversed": rows[::-1],
        # a register as a secretary keeps it: by building, then as written
        "by building": sorted(rows, key=lambda r: (r[5], r[2])),
    }


def test_any_row_order_gives_the_same_table_and_audit_entries(tmp_path, monkeypatch):
    from zhili_cli.services import petition_import

    monkeypatch.setattr(petition_import, "CHUNK", 97)  # keys straddle the chunks
    header, rows = _lines()
    by_date = _fresh(tmp_path / "by-date.db")
    by_date.ok("petition", "import", _write(tmp_path / "by-date.csv", header, rows), "-q")
    expected = _state(by_date.db)
    assert len(expected[0]) == len(rows)
    # numbers follow the received times, whatever order the lines came in
    assert [p[1] for p in expected[0][:3]] == ["P2018-001", "P2018-002", "P2018-003"]
    assert [p[4] for p in expected[0]] == sorted(p[4] for p in expected[0])
    for label, order in _orders(rows).items():
        cli = _fresh(tmp_path / f"{label}.db")
        path = _write(tmp_path / f"{label}.csv", header, order)
        out = cli.json("petition", "import", path)
        assert (out["new"], out["unchanged"]) == (len(rows), 0), label
        assert _state(cli.db) == expected, label
        cli.ok("audit", "verify")
        # each order finds every row of any other stored already
        again = cli.json("petition", "import", tmp_path / "by-date.csv")
        assert (again["new"], again["unchanged"]) == (0, len(rows)), label


def test_an_import_into_a_table_with_rows_goes_on_from_its_last_id_and_numbers(cli, tmp_path):
    """A second register (new rows among stored ones, in any order): the stored rows are found,
    the new ones take the next ids and each year's next numbers, in date order."""
    header, rows = _lines()
    rows = rows[:-2]  # the example register as it is
    first, second = rows[::2], rows[1::2]
    cli.ok("petition", "import", _write(tmp_path / "first.csv", header, first), "-q")
    before = _state(cli.db)[0]
    mixed = [*second, *first[:50]]
    random.Random(8).shuffle(mixed)
    out = cli.json("petition", "import", _write(tmp_path / "mixed.csv", header, mixed))
    assert (out["new"], out["unchanged"]) == (len(second), 50)
    after = _state(cli.db)[0]
    assert after[:len(before)] == before
    added = after[len(before):]
    assert [p[0] for p in added] == list(range(before[-1][0] + 1, before[-1][0] + 1 + len(second)))
    assert [p[4] for p in added] == sorted(p[4] for p in added)
    numbers = [p[1] for p in after]
    assert len(set(numbers)) == len(numbers)
    for year in {p[2] for p in added}:
        seqs = sorted(p[3] for p in after if p[2] == year)
        assert seqs == list(range(1, len(seqs) + 1)), year
    cli.ok("audit", "verify")


def test_a_bad_line_of_a_shuffled_file_is_named_by_its_line(cli, tmp_path):
    header, rows = _lines()
    shuffled = _orders(rows)["shuffled"]
    shuffled[700] = list(shuffled[700])
    shuffled[700][1] = "飞鸽传书"
    path = _write(tmp_path / "bad.csv", header, shuffled)
    err = cli.fails("petition", "import", path)
    assert err.startswith(f"{path}:702: 来源:"), err
    assert _state(cli.db)[0] == []


@pytest.mark.parametrize("dry", [True, False])
def test_the_staging_table_is_gone_after_an_import(cli, tmp_path, dry):
    """The staged rows live in the import's own temporary table and leave nothing behind."""
    from zhili_cli.cli.context import Globals
    from zhili_cli.services import petition_import

    g = Globals(db=str(cli.db))
    with g.write("petition import") as tx:
        out = petition_import.import_file(tx, g.rules_obj(), EXAMPLES / "petitions.csv", dry_run=dry)
        assert out["counts"]["new"] == 1758
        assert tx.conn.execute("SELECT COUNT(*) FROM temp.sqlite_master WHERE name = 'import_stage'"
                               ).fetchone()[0] == 0


def test_the_sort_runs_in_a_small_cache_and_the_writing_in_the_import_cache(cli, monkeypatch):
    """The staged rows are sorted with SORT_CACHE_KIB of cache (SQLite's sort holds as much
    in memory as the cache may), and the rows are written with the import's cache after."""
    from zhili_cli.cli.context import Globals
    from zhili_cli.services import petition_import
    from zhili_cli.store import bulk, petitions

    seen = []
    original = petitions.ImportStage._stored_counts

    def spy(self, batch):
        seen.append(self.conn.execute("PRAGMA main.cache_size").fetchone()[0])
        return original(self, batch)

    monkeypatch.setattr(petitions.ImportStage, "_stored_counts", spy)
    g = Globals(db=str(cli.db))
    with g.write("petition import") as tx:
        tx.conn.execute("PRAGMA main.cache_size = -4000")
        stage = petitions.ImportStage(tx.conn, petition_import.FIELDS, 1)
        sizes = []
        real = tx.conn.execute

        class Conn:  # the cache size when the sort statement runs
            def execute(self, sql, *args):
                if sql.startswith("SELECT") and "import_stage" in sql:
                    sizes.append(real("PRAGMA main.cache_size").fetchone()[0])
                return real(sql, *args)

        stage.conn = Conn()
        assert list(stage.rows(10)) == []
        assert sizes == [-petitions.SORT_CACHE_KIB]
        assert real("PRAGMA main.cache_size").fetchone()[0] == -4000
        stage.conn = tx.conn
        stage.close()
        petition_import.import_file(tx, g.rules_obj(), EXAMPLES / "petitions.csv")
    assert seen and set(seen) == {-bulk.CACHE_KIB}
