"""The 公示 frame and what a resident can check: payees (organisations in full, persons masked),
the contact for objections, the internal mark on internal documents."""

from __future__ import annotations

import json

import pytest

from zhili_cli.report.payees import is_organisation, public
from zhili_cli.services.report_settings import parse_contact


@pytest.mark.parametrize("name,shown", [
    ("平湖五金店", "平湖五金店"), ("绿意园艺", "绿意园艺"), ("平湖印务", "平湖印务"), ("清源环保", "清源环保"),
    ("宏达金属制品", "宏达金属制品"), ("某某物业服务有限公司", "某某物业服务有限公司"), ("龙湫湾业主委员会", "龙湫湾业主委员会"),
    ("社区服务中心", "社区服务中心"), ("张三", "张*"), ("欧阳娜娜", "欧***"), ("张行", "张*"), ("李四（个体户）", "李*（个体户）"),
])
def test_payees_organisations_in_full_persons_masked(name, shown):
    assert public(name) == shown


def test_a_person_is_never_an_organisation():
    for name in ("王伟", "李娜", "张秀英", "司马相如"):
        assert not is_organisation(name)


@pytest.mark.parametrize("text,phone,place", [
    ("0573-85123456 社区居委会一楼", "0573-85123456", "社区居委会一楼"),
    ("社区居委会一楼，电话 13800001111", "13800001111", "社区居委会一楼，电话"),
    ("居委会办公室", "", "居委会办公室"),
])
def test_contact_is_read_as_phone_and_place(text, phone, place):
    assert parse_contact(text) == (phone, place)


def test_init_contact_is_printed_on_the_disclosure(tmp_path):
    from tests.conftest import Cli

    cli = Cli(tmp_path / "c.db")
    cli.ok("init", "--name", "测试小区", "--contact", "0573-85123456 社区居委会一楼")
    md = cli.ok("report", "quarterly", "2024Q1", "--format", "md").stdout
    assert "监督电话：0573-85123456" in md and "受理地点：社区居委会一楼" in md
    assert "公示期：15 天" in md
    assert "社区居委会（盖章）" in md and "2024年3月5日" in md  # the issue date pre-filled


def test_disclosure_without_contact_leaves_lines_to_fill(cli):
    md = cli.ok("report", "quarterly", "2024Q1", "--format", "md").stdout
    assert "监督电话：________________" in md


def test_internal_documents_are_marked_on_every_page(cli, tmp_path):
    md = cli.ok("report", "monthly", "2024-02", "--format", "md").stdout
    assert md.startswith("**内部材料 不得张贴**")
    html = tmp_path / "m.html"
    cli.ok("report", "monthly", "2024-02", "--out", str(html))
    text = html.read_text("utf-8")
    assert '@top-right { content: "内部材料 不得张贴"' in text  # the page's margin box: every printed page
    public = cli.ok("report", "quarterly", "2024Q1", "--format", "md").stdout
    assert "内部材料" not in public


def test_the_current_month_is_provisional_and_a_past_one_is_fixed(cli):
    now = json.loads(cli.ok("report", "monthly", "2024-03", "--format", "json").stdout)
    assert now["unfinished"] is True and now["as_of"] == "2024-03-05 10:00"
    past = json.loads(cli.ok("report", "monthly", "2024-02", "--format", "json").stdout)
    assert past["unfinished"] is False and past["as_of"] == "2024-02-29" and past["dates"] == "2024-02-01 至 2024-02-29"


def test_disclosure_shows_gross_ratio_share_and_reversals(cli, tmp_path):
    rules = tmp_path / "zhili.yaml"
    rules.write_text(rules.read_text("utf-8").replace("  owner_share: {}", '  owner_share: {parking: "7/10"}', 1),
                     "utf-8")
    cli.ok("ledger", "income", "add", "--gross", "10000", "--source", "地面停车费", "--date", "2024-02-01")
    cli.ok("ledger", "income", "add", "--amount", "500", "--source", "广告", "--date", "2024-02-03")
    entry = cli.json("ledger", "list")[-1]["entry"]
    cli.ok("ledger", "reverse", entry, "--reason", "重复登记")
    report = json.loads(cli.ok("report", "quarterly", "2024Q1", "--format", "json").stdout)
    money = next(s for s in report["sections"] if s["key"] == "fund-public_revenue")
    income = next(b for b in money["blocks"] if b["kind"] == "table")
    assert income["columns"][3:6] == ["总收入（元）", "业主分成比例", "业主所得（元）"]
    assert income["rows"][0][3:6] == ["10,000.00", "7/10", "7,000.00"]
    assert income["rows"][1][-1] == f"已由 L{int(entry.lstrip('L')) + 1} 冲销"
    assert income["rows"][2][5] == "-500.00" and income["rows"][2][-1].startswith(f"冲销 {entry}")
    assert income["rows"][-1][5] == "7,000.00"  # the total nets the reversal out
    assert money["blocks"][0]["items"][1]["value"] == "7,000.00"
