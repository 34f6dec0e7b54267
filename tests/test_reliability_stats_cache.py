"""The cached part of petition statistics never outlives a change to the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.test_reliability_support import run_zhili


def _overall(cli, *args):
    return cli.json("petition", "stats", *args)["overall"]


def _stats_files() -> list[Path]:
    return sorted(Path(".cache").glob("stats-*.json"))


def test_cache_follows_writes_through_the_tool(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    assert _overall(cli)["received"] == 1
    assert _stats_files(), "the settled figures should be cached"
    assert _overall(cli)["received"] == 1  # from the cache
    cli.ok("petition", "add", "--title", "b", "--source", "信箱")
    assert _overall(cli)["received"] == 2
    cli.ok("petition", "triage", "P2024-001", "--kind", "小")
    cli.ok("petition", "close", "P2024-001", "--feedback", "好")
    o = _overall(cli)
    assert (o["accepted"], o["done"]) == (1, 1)


def test_cache_follows_writes_made_outside_the_tool(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    assert _overall(cli)["received"] == 1
    with sqlite3.connect(cli.db) as conn:  # an edit the audit chain does not know about
        conn.execute("UPDATE petitions SET satisfaction = 5, status = 'verified'")
    conn.close()
    o = _overall(cli)
    assert o["mean_satisfaction"] == 5.0 and o["done"] == 1


def test_time_dependent_figures_are_never_cached(cli, monkeypatch):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    assert _overall(cli)["overdue"] == 0
    monkeypatch.setenv("ZHILI_NOW", "2024-04-01T10:00:00+08:00")  # long past the 72 h response
    assert _overall(cli)["overdue"] == 1


def test_ranges_are_cached_apart(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱", "--received", "2024-01-10")
    cli.ok("petition", "add", "--title", "b", "--source", "信箱", "--received", "2024-02-10")
    assert _overall(cli)["received"] == 2
    assert _overall(cli, "--from", "2024-02-01")["received"] == 1
    assert _overall(cli, "--to", "2024-01-31")["received"] == 1
    assert _overall(cli)["received"] == 2


def test_a_broken_cache_file_is_ignored(cli):
    cli.ok("petition", "add", "--title", "a", "--source", "信箱")
    _overall(cli)
    for file in _stats_files():
        file.write_text("{not json", "utf-8")
    assert _overall(cli)["received"] == 1


def test_other_process_write_seen(cli):
    assert _overall(cli)["received"] == 0
    assert run_zhili("--db", cli.db, "petition", "add", "--title", "x", "--source", "信箱").returncode == 0
    assert _overall(cli)["received"] == 1
