"""docs/import.md and docs/导入.md list every importable field with all its headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhili_cli.importing.ballots import BALLOTS
from zhili_cli.importing.expenses import EXPENSES
from zhili_cli.importing.households import HOUSEHOLDS
from zhili_cli.importing.income import INCOME
from zhili_cli.importing.members import MEMBERS
from zhili_cli.importing.petitions import PETITIONS

DOCS = Path(__file__).resolve().parent.parent / "docs"
SPECS = (HOUSEHOLDS, PETITIONS, MEMBERS, INCOME, EXPENSES, BALLOTS)


@pytest.mark.parametrize("page", ["import.md", "导入.md"])
@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_field_and_header_is_documented(page, spec):
    text = (DOCS / page).read_text(encoding="utf-8")
    section = text.split(f"### {spec.name}\n", 1)[1].split("\n### ", 1)[0]
    for field in spec.fields:
        row = next((line for line in section.splitlines() if line.startswith(f"| `{field.name}` |")), None)
        assert row is not None, f"{page}: {spec.name}.{field.name} is not listed"
        headers = row.split("|")[3]
        listed = {h.strip() for h in headers.split(",")}
        assert set(field.synonyms) <= listed, f"{page}: {spec.name}.{field.name} misses {set(field.synonyms) - listed}"
        assert ("| yes |" in row or "| 是 |" in row) == field.required
