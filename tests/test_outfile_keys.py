"""Output files never clobber the database or the rules; keys compare as people mean them."""

from pathlib import Path

import pytest

from zhili_cli.domain.keys import clean_text, normalize_key
from zhili_cli.errors import UserError
from zhili_cli.outfile import write_atomic


@pytest.mark.parametrize("raw", ["101", "１０１", "101\u200b", " 101 ", "\ufeff101"])
def test_look_alike_rooms_are_one_key(raw):
    assert normalize_key(raw) == "101"


def test_clean_text_drops_nul_and_invisible_but_keeps_newlines():
    assert clean_text("a\x00b\u200bc\nd") == "abc\nd"


def test_refuses_database_and_sidecars_and_rules(tmp_path):
    db = tmp_path / "d.db"
    db.write_bytes(b"SQLite")
    rules = tmp_path / "zhili.yaml"
    rules.write_text("x: 1")
    for target in (db, Path(str(db) + "-wal"), rules):
        with pytest.raises(UserError) as err:
            write_atomic(target, "x", force=True, protected=[db, rules])
        assert err.value.key == "out_protected"
    assert db.read_bytes() == b"SQLite" and rules.read_text() == "x: 1"


def test_existing_file_needs_force_and_is_replaced_whole(tmp_path):
    target = tmp_path / "r.md"
    target.write_text("old")
    with pytest.raises(UserError) as err:
        write_atomic(target, "new")
    assert err.value.key == "out_exists" and target.read_text() == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
