"""Petition statistics: 办结率 = done or verified ÷ accepted."""

from __future__ import annotations

from fractions import Fraction

from zhili_cli.domain.stats import Figures, combine, percent


def test_seed_000_cumulative_rate():
    f = Figures(received=340, accepted=340, done=330)
    assert f.completion_rate == Fraction(33, 34)
    assert percent(f.completion_rate) == 97.1


def test_rounding_half_up_exact():
    assert percent(Fraction(1, 8)) == 12.5
    assert percent(Fraction(1, 3)) == 33.3
    assert percent(Fraction(2, 3)) == 66.7
    assert percent(None) is None


def test_combine_groups():
    stats = combine([
        {"kind": "minor", "source": "mailbox", "received": 3, "accepted": 3, "done": 2},
        {"kind": "major", "source": "mailbox", "received": 1, "accepted": 1, "done": 1},
    ])
    assert stats.overall.done == 3 and stats.by_source["mailbox"].received == 4
    assert stats.by_kind["minor"].completion_rate == Fraction(2, 3)


def test_cli_stats_by_kind_and_source(cli, monkeypatch):
    for title in ("a", "b", "c"):
        cli.ok("petition", "add", "--title", title, "--source", "信箱")
    cli.ok("petition", "triage", "P2024-001", "--kind", "小")
    cli.ok("petition", "triage", "P2024-002", "--kind", "小")
    cli.ok("petition", "close", "P2024-001", "--feedback", "ok")
    data = cli.json("petition", "stats")
    o = data["overall"]
    assert (o["received"], o["accepted"], o["done"], o["completion_rate"]) == (3, 2, 1, 50.0)
    assert data["by_kind"]["minor"]["done"] == 1 and data["by_source"]["mailbox"]["received"] == 3
    assert o["mean_days_to_close"] == 0.0
    monkeypatch.setenv("ZHILI_NOW", "2024-03-20T10:00:00+08:00")
    o = cli.json("petition", "stats")["overall"]
    # P2024-003 missed its 72 h response; P2024-002 passed its 7-day completion deadline
    assert o["overdue"] == 2 and o["response_in_time_rate"] == 66.7
    assert cli.json("petition", "stats", "--from", "2025-01-01")["overall"]["received"] == 0
