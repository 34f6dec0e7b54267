"""A batch import keeps the search index in step without its per-row trigger: the imported
rows are found, the index checks out, and the trigger is there afterwards for later writes."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import EXAMPLES


def test_imported_petitions_are_searchable_and_the_trigger_stays(cli, monkeypatch):
    from zhili_cli.services import petition_import

    monkeypatch.setattr(petition_import, "CHUNK", 400)  # several batches
    conn = sqlite3.connect(cli.db)
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_petitions'").fetchone():
        pytest.skip("this SQLite has no trigram tokenizer: no search index")
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_petitions_ai'").fetchone()
    conn.close()
    cli.ok("petition", "import", EXAMPLES / "petitions.csv", "-q")
    conn = sqlite3.connect(cli.db)
    try:
        conn.execute("INSERT INTO search_petitions (search_petitions, rank) VALUES ('integrity-check', 1)")
        indexed = conn.execute("SELECT COUNT(*) FROM search_petitions WHERE search_petitions MATCH '\"水管爆裂\"'"
                               ).fetchone()[0]
        stored = conn.execute("SELECT COUNT(*) FROM petitions WHERE title LIKE '%水管爆裂%'").fetchone()[0]
        assert indexed == stored > 0
        assert conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_petitions_ai'").fetchone() == trigger
    finally:
        conn.close()
    cli.ok("petition", "add", "--title", "12幢水管爆裂", "--source", "信箱")  # later writes go through the trigger
    found = cli.json("petition", "list", "--search", "水管爆裂", "--limit", "0")
    assert len(found) == stored + 1
