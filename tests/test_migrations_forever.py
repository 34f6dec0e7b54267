"""Migration names are forever: every name ever released stays known (as a migration, an alias
or a retired name), and a database written under a renamed or replaced one still upgrades."""

from __future__ import annotations

import sqlite3

from zhili_cli.store import schema

# Every migration name released so far, by set. Append; never remove.
RELEASED = {
    "core": ["m001_core", "m002_petition_stats_index", "m003_drop_petition_status_index"],
    "reports": ["m001_compound_contact"],
    "meetings": ["m001_meetings"],
    "money": ["m001_money", "m002_ledger_import", "m002_income_imports", "m003_expense_imports",
              "m004_bound_approvals_and_reversals"],
    "votes": ["m001_vote_life"],
    "imports": ["m001_petition_natural_key"],
    "publication": ["m001_publications_and_recorded_time"],
    "desk": ["m001_visits_volunteers_reveals", "m002_search_index"],
    "meeting_records": ["m001_meeting_records"],
    "petitions": ["m001_petition_corrections"],
    "shell": ["m001_rules_versions", "m002_rules_adoption"],
    "record": ["m001_decision_rules"],
    "minutes": ["m001_place_note_taker_summary"],
    "rulekeys": ["m001_ballot_method"],
    "reps": ["m001_meeting_roster"],
    "proxies": ["m001_vote_proxies"],
    "decisions": ["m001_expense_scope"],
}


def test_no_released_migration_name_disappears():
    known = schema._known()
    aliases = schema._aliases()
    for set_name, names in RELEASED.items():
        assert set_name in known, f"migration set {set_name} disappeared"
        for name in names:
            assert name in known[set_name] or name in aliases[set_name], f"{set_name}/{name} disappeared"


def test_aliases_point_at_known_migrations():
    known = schema._known()
    for set_name, aliases in schema._aliases().items():
        for old, new in aliases.items():
            assert old not in known[set_name]
            assert not new or new in known[set_name]


def _database(cli):
    cli.ok("petition", "add", "--title", "灯坏了", "--source", "信箱")
    return sqlite3.connect(cli.db)


def test_a_database_holding_a_retired_name_opens_and_upgrades(cli):
    conn = _database(cli)
    conn.execute("UPDATE _sqlite_migrations SET name = 'm002_ledger_import' "
                 "WHERE migration_set = 'money' AND name = 'm002_income_imports'")
    conn.execute("DROP TABLE ledger_imports")
    conn.commit()
    conn.close()
    assert "灯坏了" in cli.ok("petition", "list").stdout  # not "written by a newer zhili"
    conn = sqlite3.connect(cli.db)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger_imports'").fetchone()
    cli.ok("audit", "verify")


def test_a_renamed_migration_upgrades_through_its_alias(cli, monkeypatch):
    import importlib

    names = importlib.import_module("zhili_cli.store.migrations.meetings_names")
    monkeypatch.setattr(names, "ALIASES", {"m001_meetings_old": "m001_meetings"}, raising=False)
    conn = _database(cli)
    conn.execute("UPDATE _sqlite_migrations SET name = 'm001_meetings_old' WHERE migration_set = 'meetings'")
    conn.commit()
    conn.close()
    cli.ok("meeting", "list")  # the migration is not run a second time (its tables exist)
    conn = sqlite3.connect(cli.db)
    rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'meetings'").fetchall()
    assert rows == [("m001_meetings",)]
    monkeypatch.setattr(names, "ALIASES", {}, raising=False)
    cli.ok("meeting", "list")


def test_an_unknown_name_is_still_too_new(cli):
    conn = _database(cli)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('core', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    assert "m999_future" in cli.fails("petition", "list")
