"""The message catalogue is data (messages/*.json): every entry has both languages, the same
placeholders in each, and a key stands in one file only."""

from __future__ import annotations

import json
import string
from importlib import resources

import pytest

from zhili_cli import i18n


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_message_has_both_languages_with_the_same_placeholders():
    catalogue = i18n.load_catalogue()
    assert len(catalogue) > 1000
    wrong = {key: (zh, en) for key, (zh, en) in catalogue.items()
             if not zh or not en or placeholders(zh) != placeholders(en)}
    assert wrong == {}


def test_the_catalogue_files_are_package_data():
    names = sorted(f.name for f in resources.files("zhili_cli.messages").iterdir() if f.name.endswith(".json"))
    assert "core.json" in names and "money.json" in names
    total = sum(len(json.loads(resources.files("zhili_cli.messages").joinpath(n).read_text(encoding="utf-8")))
                for n in names)
    assert total == len(i18n.load_catalogue())  # nothing overridden, nothing dropped


def test_the_catalogue_reads_the_same_through_importlib_resources(monkeypatch):
    """A package that is not a folder (a zip) is read through importlib.resources: same messages."""
    from_folder = i18n.load_catalogue()
    monkeypatch.setattr(i18n, "MESSAGES", "/no/such/folder")
    assert i18n.load_catalogue() == from_folder


@pytest.mark.parametrize("texts, problem", [
    ({"a.json": '{"k": ["一", "one"], "k": ["二", "two"]}'}, "given twice"),
    ({"a.json": '{"k": ["一", "one"]}', "b.json": '{"k": ["一", "one"]}'}, "already in messages/a.json"),
    ({"a.json": '{"k": ["一"]}'}, r"must be \[zh, en\]"),
])
def test_a_repeated_or_half_message_is_refused(tmp_path, monkeypatch, texts, problem):
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a catalogue file", encoding="utf-8")
    monkeypatch.setattr(i18n, "MESSAGES", str(tmp_path))
    with pytest.raises(ValueError, match=problem):
        i18n.load_catalogue()
