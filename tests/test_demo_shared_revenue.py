"""The demo compound shares its parking and advertising income with the owners by the ratio of
its own rules (seed 000: 按比例纳入业委会专项账户), so its disclosure shows the gross, the ratio
and the owners' share, and every figure agrees with `ledger balance`."""

from __future__ import annotations

import json

import pytest

from tests.test_report_periods import _fen, _run

NOW = "2025-06-30T18:00:00+08:00"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shared")
    db = folder / "books" / "demo.db"  # a folder that does not exist yet
    out = _run(db, "demo")
    return db, out


@pytest.mark.slow
def test_demo_writes_its_rules_beside_the_database(demo):
    db, out = demo
    rules = db.parent / "zhili.yaml"
    assert str(rules) in out and "owner_share" in out
    from zhili_cli.rules.load import validate

    shares = validate(rules.read_text("utf-8"), str(rules)).public_revenue.owner_share
    assert {k: str(v) for k, v in shares.items()} == {
        "parking": "1/2", "advertising": "7/10"}
    before = rules.read_text("utf-8")
    rules.write_text(before.replace('advertising: "7/10"', 'advertising: "3/5"'), encoding="utf-8")
    _run(db, "demo", "--force")  # a rules file already there is the compound's own: used, never overwritten
    assert 'advertising: "3/5"' in rules.read_text("utf-8")
    rules.write_text(before, encoding="utf-8")
    _run(db, "demo", "--force")


@pytest.mark.slow
def test_disclosure_shows_the_owners_share_and_agrees_with_the_ledger(demo):
    db, _ = demo
    report = json.loads(_run(db, "report", "quarterly", "2025Q2", "--format", "json", now=NOW))
    section = next(s for s in report["sections"] if s["key"] == "fund-public_revenue")
    income = [b for b in section["blocks"] if b["kind"] == "table"][0]
    cols = income["columns"]
    assert {"总收入（元）", "业主分成比例", "业主所得（元）"} <= set(cols)
    rows = [dict(zip(cols, r)) for r in income["rows"] if r[0] != "合计"]
    shared = [(r["收入来源"], r["总收入（元）"], r["业主分成比例"], r["业主所得（元）"]) for r in rows
              if r["业主分成比例"] not in (None, "—")]
    assert ("地面停车费", "22,000.00", "1/2", "11,000.00") in shared
    assert ("广告", "10,000.00", "7/10", "7,000.00") in shared
    figures = [_fen(f["value"]) for f in section["blocks"][0]["items"]]
    before = json.loads(_run(db, "ledger", "balance", "--to", "2025-03-31", "--json", now=NOW))["public_revenue"]
    after = json.loads(_run(db, "ledger", "balance", "--json", now=NOW))["public_revenue"]
    assert figures == [before["balance_fen"], after["income_fen"] - before["income_fen"],
                       after["spent_fen"] - before["spent_fen"], after["balance_fen"]]
    assert sum(_fen(r["业主所得（元）"]) for r in rows) == figures[1]
    monthly = json.loads(_run(db, "report", "monthly", "2025-06", "--format", "json", now=NOW))
    funds = next(s for s in monthly["sections"] if s["key"] == "funds")["blocks"][0]
    public = next(r for r in funds["rows"] if r[0] == "公共收益")
    assert _fen(public[-1]) == after["balance_fen"]
