"""The daily reads stay light: `zhili today` reads its few rule values from the file itself
(no pydantic) and they are exactly the validated model's, whatever the file says; a broken
file is still refused; the everyday reads import none of the heavy libraries."""

from __future__ import annotations

import json

import pytest

from tests.test_subprocess_cli import _imported
from tests.test_reliability_support import run_zhili
from zhili_cli.rules.load import PlainRules, RulesSource, default_text, ensure_valid
from zhili_cli.services.today import RULES_READ

HEAVY = ("pydantic", "sqlite_utils", "rich", "jinja2")


def _value(obj, path):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def _plain_and_model(text: str) -> tuple[PlainRules, object]:
    source = RulesSource(None, text)
    ensure_valid(source)
    plain = RulesSource(None, text).plain(RULES_READ)  # a fresh source: nothing validated in it
    return plain, source.rules


def test_the_defaults_are_read_plainly_and_equal_the_model():
    plain, model = _plain_and_model(default_text())
    assert set(plain._values) == set(RULES_READ)  # every value read from the file, none from the model
    for path in RULES_READ:
        assert _value(plain, path) == _value(model, path)
    assert _value(plain, "care.visit_every_days") == {"独居老人": 30}
    assert _value(plain, "meetings.mailbox_days") == ["tue", "fri"]


@pytest.mark.parametrize("change, plainly", [
    # a plain change: read from the file
    ({"publish_within_days: 3": "publish_within_days: 9",
      "    独居老人: 30": "    独居老人: 14\n    残疾人: 60", "mailbox_days: [tue, fri]": "mailbox_days: [mon]",
      "week: last ": "week: first "}, True),
    # written as text: pydantic reads "9" as 9, so the plain read leaves it to the model
    ({"publish_within_days: 3": 'publish_within_days: "9"'}, False),
    # left out: the model's default
    ({"  notice_days: 15               # announced at least 15 days before\n": ""}, False),
])
def test_a_changed_file_gives_the_model_s_values(change, plainly):
    text = default_text()
    for old, new in change.items():
        assert old in text
        text = text.replace(old, new)
    plain, model = _plain_and_model(text)
    assert (set(plain._values) == set(RULES_READ)) is plainly
    for path in RULES_READ:
        assert _value(plain, path) == _value(model, path), path
    # a key not asked for comes from the model too
    assert plain.committee.size_min == model.committee.size_min
    assert plain.petitions == model.petitions


def test_today_follows_the_rules_file_and_refuses_a_broken_one(cli, tmp_path):
    text = default_text().replace("    独居老人: 30", "    独居老人: 30\n    残疾人: 20")
    (tmp_path / "zhili.yaml").write_text(text, "utf-8")
    cli.ok("household", "add", "--building", "1", "--unit", "1", "--room", "101", "--area", "80",
           "--owner", "张三", "--flag", "残疾人")
    items = cli.json("today")
    assert [i["ref"] for i in items if i["kind"] == "visit_never"] == ["残疾人"]
    (tmp_path / "zhili.yaml").write_text(text.replace("残疾人: 20", "残疾人: 0"), "utf-8")
    err = cli.fails("today")
    assert "zhili.yaml" in err


@pytest.mark.slow
def test_daily_reads_leave_the_heavy_libraries_alone(tmp_path):
    db = tmp_path / "z.db"
    assert run_zhili("--db", db, "init", cwd=tmp_path).returncode == 0  # writes ./zhili.yaml: read as a user's
    assert run_zhili("--db", db, "petition", "add", "--title", "电梯坏了", "--source", "信箱",
                     cwd=tmp_path).returncode == 0
    # a register: `today` then also reads the routine's rules (mailbox days, the monthly meeting)
    assert run_zhili("--db", db, "household", "add", "--building", "1", "--room", "101", "--area", "80",
                     "--flag", "独居老人", cwd=tmp_path).returncode == 0
    reads = (["today", "--json"], ["petition", "list", "--search", "电梯", "--json"],
             ["petition", "show", "1", "--json"], ["household", "list", "--flag", "独居老人", "--json"],
             ["volunteer", "list", "--json"], ["motion", "list", "--json"], ["meeting", "list", "--json"],
             ["expense", "list", "--json"], ["ledger", "balance", "--json"], ["household", "list", "--json"])
    for args in reads:
        modules = _imported(tmp_path, "--db", str(db), *args)
        assert "zhili_cli.cli.context" in modules  # the command did run
        loaded = {m for m in modules if m.split(".")[0] in HEAVY or m == "zhili_cli.rules.model"}
        assert not loaded, f"{args}: {sorted(loaded)}"


def test_a_cut_search_counts_its_rows_without_fetching_them(cli, monkeypatch):
    """`--search` cut by --limit says how many match in all (a count, both for a word the
    index holds and for a two-character word read with LIKE), agreeing with --limit 0."""
    for i in range(5):
        cli.ok("petition", "add", "--title", f"地下车库漏水{i}", "--source", "信箱")
    cli.ok("petition", "add", "--title", "路灯不亮", "--source", "信箱", "--text", "车库门口")
    from zhili_cli.store import search as store

    fetched: list = []
    real = store.petitions
    monkeypatch.setattr(store, "petitions", lambda *a, **k: fetched.append(k.get("limit")) or real(*a, **k))
    for word, total in (("车库漏水", 5), ("车库", 6)):
        fetched.clear()
        result = cli.ok("petition", "list", "--search", word, "--limit", "2", "--json")
        assert len(json.loads(result.stdout)) == 2
        assert f"共 {total} 条" in result.stderr
        assert fetched == [3]  # one page (and one row to know it was cut); the total is counted
        assert len(cli.json("petition", "list", "--search", word, "--limit", "0")) == total


def test_a_cut_audit_log_counts_its_entries(cli):
    for i in range(3):
        cli.ok("petition", "add", "--title", f"灯坏了{i}", "--source", "信箱")
    every = cli.json("audit", "log", "--limit", "0")
    result = cli.ok("audit", "log", "--limit", "2", "--json")
    assert len(json.loads(result.stdout)) == 2 and f"共 {len(every)} 条" in result.stderr
    petitions = cli.json("audit", "log", "--limit", "0", "--table", "petitions")
    assert 3 <= len(petitions) < len(every)
    result = cli.ok("audit", "log", "--limit", "1", "--table", "petitions", "--json")
    assert f"共 {len(petitions)} 条" in result.stderr


def test_history_of_an_added_petition_does_not_walk_the_audit_log(cli, tmp_path):
    """A petition added by hand starts its history with its own event; only one that came in
    from a register (no event of its own) is looked up in the log's import entries."""
    import sqlite3

    from tests.conftest import write_csv
    from zhili_cli.store import petitions as store

    cli.ok("petition", "import", str(write_csv(tmp_path / "p.csv", "标题,来源,收到时间\n门禁坏了,信箱,2024-03-01\n")))
    added = cli.json("petition", "add", "--title", "灯坏了", "--source", "信箱")["number"]
    conn = sqlite3.connect(cli.db)
    conn.row_factory = None
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    for number, first in ((added, "add"), ("P2024-001", "import")):
        row = dict(zip(("id", "status"), conn.execute("SELECT id, status FROM petitions WHERE number = ?",
                                                      (number,)).fetchone()))
        statements.clear()
        assert store.history(conn, row)[0]["action"] == first
        assert any("audit_log" in s for s in statements) is (first == "import")
    assert cli.json("petition", "show", added)["history"][0]["action"] == "add"
