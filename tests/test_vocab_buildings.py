"""One vocabulary both ways, and one building however it is written."""

from __future__ import annotations

import pytest

from zhili_cli.domain import buildings, vocab
from zhili_cli.domain.vocab_terms import CATEGORIES
from zhili_cli.errors import UserError
from zhili_cli.i18n import catalogue, set_lang


@pytest.mark.parametrize("written", ["3", "3幢", "3栋", "3号楼", "三幢", "３号楼", "03", " 3 号楼 ", "3\u200b幢"])
def test_every_way_of_writing_building_3_is_building_3(written):
    assert buildings.key(written) == "3"
    assert buildings.label(written) == "3幢"


def test_named_buildings_stay_as_written_and_sort_after_numbers():
    assert buildings.key("南门") == "南门"
    assert buildings.label("南门") == "南门"  # never 南门幢
    assert buildings.label("3号楼") == "3幢"  # never 3号楼幢
    assert buildings.key("二十四栋") == "24" and buildings.key("十二幢") == "12"
    assert sorted(["24", "南门", "4", "12A", "12", None], key=buildings.sort_key) == ["4", "12", "12A", "24", "南门", None]


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_vocabulary_walk_every_printed_word_is_accepted_back(category):
    """Every name the tool prints for a code — the catalogue's Chinese and English, the vocabulary's
    names and the code itself — parses back to that code, and no word names two codes."""
    table, prefix = CATEGORIES[category]
    entries = catalogue()
    assert not vocab.clashes(category)
    for code, names in table.items():
        printed = [code, names[0], names[1]]
        if prefix:
            assert f"{prefix}.{code}" in entries, f"{prefix}.{code} is printed but not in the catalogue"
            printed += list(entries[f"{prefix}.{code}"])
        for word in printed:
            assert vocab.parse(category, word) == code, (category, word)
        for lang, i in (("zh", 0), ("en", 1)):
            assert vocab.name(category, code, lang) == names[i]


def test_words_the_issue_names_are_accepted():
    assert vocab.parse("petition_status", "办理中") == "in_progress"
    assert vocab.parse("matter", "改变共有部分用途") == "change_use"
    assert vocab.parse("satisfaction", "满意") == "4"
    assert vocab.parse("source", "微信") == "online" and vocab.parse("source", "来电") == "hotline"
    assert vocab.parse("income_source", "场地租金") == "shop_rent"
    assert vocab.parse("body", "owners") == vocab.parse("body", "业主大会") == "assembly"
    assert vocab.stage_body("assembly") == "owners" and vocab.approval_body("owners") == "assembly"
    assert vocab.parse("emergency", "屋面外墙渗漏") == "roof_or_wall_leak"


def test_a_word_outside_the_vocabulary_is_refused_listing_the_accepted_words():
    set_lang(None)
    with pytest.raises(UserError) as err:
        vocab.parse("kind", "巨")
    text = err.value.message()
    assert text == "无效的类别“巨”：可选 大/难/急/小/私"
    set_lang("en")
    with pytest.raises(UserError) as err:
        vocab.parse("kind", "huge")
    assert "major/difficult/urgent/minor/private" in err.value.message()
    set_lang(None)


def add(cli, **opts):
    args = ["petition", "add", "--title", opts.pop("title", "路灯不亮"), "--source", opts.pop("source", "信箱")]
    for k, v in opts.items():
        args += [f"--{k}", v]
    return cli.json(*args)


def test_cli_accepts_the_words_it_prints(cli):
    p = add(cli, source="微信", kind="小")
    assert p["source"] == "online"
    add(cli, source="来电")
    cli.ok("petition", "triage", p["number"], "--kind", "小")
    rows = cli.json("petition", "list", "--status", "办理中")
    assert [r["number"] for r in rows] == [p["number"]]
    assert cli.json("petition", "list", "--status", "in_progress") == rows
    err = cli.fails("petition", "list", "--status", "nonsense", code=2)
    assert "办理中" in err and "in_progress" not in err
    cli.ok("petition", "close", p["number"], "--feedback", "已修好")
    done = cli.json("petition", "verify", p["number"], "--satisfaction", "满意")
    assert done["status"] == "verified"
    assert cli.json("petition", "show", p["number"])["satisfaction"] == 4


def test_building_filter_finds_building_3_however_written(cli):
    for written in ("3", "3号楼", "三幢", "３号楼"):
        add(cli, building=written)
    add(cli, building="24")
    add(cli, building="南门")
    stored = {r["building"] for r in cli.json("petition", "list")}
    assert stored == {"3", "24", "南门"}
    for query in ("3", "3幢", "3号楼", "3栋", "三幢"):
        assert len(cli.json("petition", "list", "--building", query)) == 4, query
    assert len(cli.json("petition", "list", "--building", "南门")) == 1


def test_monthly_report_names_buildings_once_in_natural_order(cli):
    for written in ("3号楼", "南门", "24", "4", "4栋"):
        add(cli, building=written, received="2024-03-01")
    out = cli.ok("report", "monthly", "2024-03", "--format", "md").stdout
    assert "3号楼幢" not in out and "南门幢" not in out
    assert out.index("4幢") < out.index("24幢")
    assert out.count("| 4幢 |") == 1


HELP = {"opt.status": "petition_status", "opt.source": "source", "opt.expense_status": "expense_status",
        "opt.fund": "fund", "opt.source_income": "income_source", "opt.party": "party", "opt.role": "role",
        "opt.meeting_kind": "meeting_kind", "opt.satisfaction": "satisfaction", "opt.emergency": "emergency",
        "opt.matter": "matter", "opt.motion_status": "motion_status", "opt.vote_class": "vote_class",
        "opt.kind": "kind"}


@pytest.mark.parametrize("key", sorted(HELP))
def test_help_lists_the_chinese_words_and_no_codes(key):
    table, _ = CATEGORIES[HELP[key]]
    zh = catalogue()[key][0]
    for code, names in table.items():
        assert names[0] in zh, (key, names[0])
        if not code.isdigit():
            assert code not in zh.replace(" ", ""), (key, code)


def test_the_money_and_meeting_commands_take_the_printed_words(cli):
    income = cli.json("ledger", "income", "add", "--source", "场地租金", "--amount", "500", "--fund", "公共收益")
    assert income["source"] == "shop_rent"
    motion = cli.json("motion", "propose", "--title", "利用架空层开设便民超市", "--matter", "改变共有部分用途")
    assert (motion["matter"], motion["vote_class"]) == ("change_use", "special")
    assert [m["number"] for m in cli.json("motion", "list", "--status", "审议中")] == [motion["number"]]
    exp = cli.json("expense", "request", "--fund", "专项维修资金", "--amount", "30000", "--payee", "电梯公司",
                   "--purpose", "更换曳引机", "--emergency", "电梯故障严重")
    assert exp["emergency"] == "lift_failure"
    assert [e["number"] for e in cli.json("expense", "list", "--status", "待审批")] == [exp["number"]]
    err = cli.fails("expense", "approve", exp["number"], "--body", "理事会")
    assert "业委会主任" in err and "chair" not in err
    meeting = cli.json("meeting", "schedule", "--kind", "业委会会议", "--date", "2024-03-20")
    assert meeting["kind"] == "committee"


def test_households_one_building_however_written_in_natural_order(cli):
    for building, room in (("24", "101"), ("4号楼", "101"), ("南门", "1"), ("三幢", "201"), ("3", "202")):
        cli.ok("household", "add", "--building", building, "--room", room, "--area", "90")
    rows = cli.json("household", "list")
    assert [r["building"] for r in rows] == ["3", "3", "4", "24", "南门"]
    for query in ("3", "3幢", "3号楼", "三幢", "３栋"):
        assert len(cli.json("household", "list", "--building", query)) == 2, query
    cli.fails("household", "add", "--building", "3幢", "--room", "201", "--area", "90")  # already there
