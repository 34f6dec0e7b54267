"""Rules no looser than the law: every looser-than-law file is refused with its line, key and
legal source; a stricter one is accepted; fractions only as "a/b"; duplicate keys and huge files
refused; `rules explain` works for every key; the digest ignores comments and layout."""

from __future__ import annotations

import pytest

from zhili_cli.errors import RulesError, UserError
from zhili_cli.rules.load import default_text, plain, validate

TIERS = """  tiers:
    - tier: chair          # 业委会主任审批
      max: 5000
      inclusive: true
    - tier: committee      # 全体委员集体讨论通过
      max: 20000
      inclusive: true
    - tier: three_party    # 三方协同会议审议
      max: 40000
      inclusive: false
    - tier: assembly       # 全体业主大会表决
"""


def edited(old: str, new: str) -> str:
    text = default_text()
    assert text.count(old) == 1, old
    return text.replace(old, new)


LOOSER = [  # (old, new, key path, a word of the legal source)
    ('quorum_area: {at_least: "2/3"}', 'quorum_area: {at_least: "3/5"}', "owners_vote.quorum_area.at_least", "278"),
    ('quorum_owners: {at_least: "2/3"}', 'quorum_owners: {at_least: "1/2"}', "owners_vote.quorum_owners.at_least", "278"),
    ('ordinary_area: {more_than: "1/2"}', 'ordinary_area: {at_least: "1/2"}', "owners_vote.ordinary_area.at_least", "278"),
    ('ordinary_owners: {more_than: "1/2"}', 'ordinary_owners: {more_than: "2/5"}',
     "owners_vote.ordinary_owners.more_than", "278"),
    ('special_area: {at_least: "3/4"}', 'special_area: {at_least: "2/3"}', "owners_vote.special_area.at_least", "278"),
    ('special_owners: {at_least: "3/4"}', 'special_owners: {more_than: "1/2"}',
     "owners_vote.special_owners.more_than", "278"),
    ("special_matters: [fund_raise, rebuild, change_use]", "special_matters: []", "owners_vote.special_matters", "278"),
    ("special_matters: [fund_raise, rebuild, change_use]", "special_matters: [fund_raise, rebuild]",
     "owners_vote.special_matters", "278"),
    ("nonvoter_counts_with_majority: false", "nonvoter_counts_with_majority: true",
     "owners_vote.nonvoter_counts_with_majority", "278"),
    ("notice_days: 15 ", "notice_days: 0 ", "assembly.notice_days", "art. 23"),
    ("notice_days: 15 ", "notice_days: 14 ", "assembly.notice_days", "art. 23"),
    ("extraordinary_notice_days: 7", "extraordinary_notice_days: 6", "assembly.extraordinary_notice_days", "Hangzhou"),
    ('decision: {more_than: "1/2"}', 'decision: {more_than: "1/3"}', "committee.decision.more_than", "art. 39"),
    ('decision: {more_than: "1/2"}', 'decision: {at_least: "1/2"}', "committee.decision.at_least", "art. 39"),
    (TIERS, TIERS.replace("      max: 40000\n      inclusive: false\n    - tier: assembly       # 全体业主大会表决\n", ""),
     "expenses.tiers", "282"),
    (TIERS, TIERS.replace("tier: chair", "tier: TMP").replace("tier: committee", "tier: chair")
     .replace("tier: TMP", "tier: committee"), "expenses.tiers[1].tier", "282"),
    (TIERS, TIERS.replace("tier: three_party", "tier: TMP").replace("tier: assembly", "tier: three_party")
     .replace("tier: TMP", "tier: assembly"), "expenses.tiers[3].tier", "282"),
    ("steps: [propose, owners_vote, implement, apply_transfer, publicize]",
     "steps: [propose, implement, apply_transfer, publicize]", "maintenance_fund.steps", "Order 165"),
]


@pytest.mark.parametrize("old,new,path,source", LOOSER)
def test_looser_than_law_refused_with_line_key_and_source(old, new, path, source):
    text = edited(old, new)
    with pytest.raises(RulesError) as err:
        validate(text, "zhili.yaml")
    assert err.value.path == path
    assert source in err.value.problem
    line = text.splitlines()[err.value.line - 1]
    assert path.split(".")[-1].split("[")[0] in line or path.endswith("]") or path == "expenses.tiers"


@pytest.mark.parametrize("old,new,path,source", LOOSER)
def test_rules_check_exits_1_on_every_looser_file(cli, tmp_path, old, new, path, source):
    bad = tmp_path / "loose.yaml"
    bad.write_text(edited(old, new), "utf-8")
    err = cli.fails("rules", "check", str(bad))
    assert err.startswith(f"{bad}:") and path in err and source in err
    cli.fails("--rules", str(bad), "petition", "list")  # and every command refuses it


@pytest.mark.parametrize("old,new", [
    ('quorum_area: {at_least: "2/3"}', 'quorum_area: {more_than: "2/3"}'),
    ('quorum_owners: {at_least: "2/3"}', 'quorum_owners: {at_least: "4/5"}'),
    ('ordinary_area: {more_than: "1/2"}', 'ordinary_area: {at_least: "2/3"}'),
    ('special_area: {at_least: "3/4"}', 'special_area: {at_least: "1/1"}'),
    ("special_matters: [fund_raise, rebuild, change_use]", "special_matters: [fund_raise, rebuild, change_use, rules]"),
    ("notice_days: 15 ", "notice_days: 20 "),
    ('decision: {more_than: "1/2"}', 'decision: {at_least: "2/3"}'),
    (TIERS, TIERS.replace("    - tier: three_party    # 三方协同会议审议\n      max: 40000\n      inclusive: false\n", "")),
])
def test_a_compound_may_be_stricter(old, new):
    validate(edited(old, new), "zhili.yaml")


@pytest.mark.parametrize("value", ['"0.66"', "0.66", '"2/3 "', "1", '"1"', "true", '"2/0"', '"two thirds"'])
def test_fractions_only_as_a_over_b_text(value):
    text = edited('quorum_area: {at_least: "2/3"}', f"quorum_area: {{at_least: {value}}}")
    if value == '"2/3 "':
        validate(text, "zhili.yaml")  # spaces around a/b are harmless
        return
    with pytest.raises(RulesError) as err:
        validate(text, "zhili.yaml")
    assert err.value.path == "owners_vote.quorum_area.at_least"
    assert '"a/b"' in err.value.problem


def test_duplicate_key_refused_with_its_line():
    text = default_text() + "\nexpenses:\n  split_window_days: 1\n"
    with pytest.raises(RulesError) as err:
        validate(text, "zhili.yaml")
    assert err.value.path == "expenses" and err.value.line == len(text.splitlines()) - 1
    nested = edited("  split_window_days: 30", "  split_window_days: 30\n  split_window_days: 0")
    with pytest.raises(RulesError) as err:
        validate(nested, "zhili.yaml")
    assert err.value.path == "expenses.split_window_days"
    assert nested.splitlines()[err.value.line - 1].strip() == "split_window_days: 0"


def test_huge_rules_file_refused_before_parsing(cli, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(default_text() + "#" * 1_100_000 + "\n", "utf-8")
    err = cli.fails("rules", "check", str(big))
    assert str(big) in err and "1000 KB" in err
    with pytest.raises(UserError):
        validate("x" * 1_000_001, "x.yaml")


def _keys(data, prefix=""):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _keys(v, f"{prefix}.{k}" if prefix else k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _keys(v, f"{prefix}[{i}]")
    if prefix:
        yield prefix


@pytest.mark.slow
def test_rules_explain_works_for_every_key(cli):
    keys = list(_keys(plain(validate(default_text(), "d"))))
    assert "expenses.tiers[0]" in keys and "petitions.kinds.urgent.response_hours" in keys
    for key in keys:
        out = cli.ok("rules", "explain", key).stdout
        assert out.startswith(f"{key} = ")
    assert "业委会主任审批" in cli.ok("rules", "explain", "expenses.tiers[0]").stdout
    assert cli.ok("rules", "explain", "expenses.tiers.0.max").stdout.startswith("expenses.tiers.0.max = 5000")
    for missing in ("nope", "expenses.tiers[9]", "expenses.tiers[x]", "committee.size_min.more"):
        assert missing in cli.fails("rules", "explain", missing)


def test_rules_digest_is_of_the_content_not_the_layout():
    base = validate(default_text(), "a").rules_digest()
    assert len(base) == 64 and base == validate(default_text(), "b").rules_digest()
    reworded = default_text().replace("# 业委会主任审批", "# the chair").replace("max: 5000", "max: 5000.00")
    assert validate(reworded, "c").rules_digest() == base
    stricter = edited("notice_days: 15 ", "notice_days: 16 ")
    assert validate(stricter, "d").rules_digest() != base
