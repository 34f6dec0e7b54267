"""A list written with --out holds the whole record (every column --json has), under Chinese
headers, masked as the screen is unless --reveal."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import write_csv


def _read(path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _petitions(cli, tmp_path):
    head = "受理日期,来源,标题,内容,类别,楼栋,反映人,联系电话,责任方,状态\n"
    cli.ok("petition", "import", str(write_csv(tmp_path / "p.csv", head +
           "2024-02-01 09:00,热线,电梯异响,,急,3,张三丰,13812345678,物业,办理中\n")))


def test_petition_sheet_has_every_json_column_in_chinese(cli, tmp_path):
    _petitions(cli, tmp_path)
    records = cli.json("petition", "list")
    out = tmp_path / "诉求.csv"
    cli.ok("petition", "list", "--out", str(out))
    rows = _read(out)
    assert len(rows) == 1 and len(rows[0]) == len(records[0])  # every JSON column, no more
    row = rows[0]
    assert row["编号"] == "P2024-001" and row["状态"] == "办理中" and row["类别"] == "急"
    assert row["来源"] == "热线" and row["责任方"] == "物业" and row["楼栋"] == "3"
    assert row["办结期限"] == records[0]["completion_due"]
    assert not any(k.isascii() for k in row)  # every header in Chinese
    overdue = tmp_path / "逾期.csv"
    cli.ok("petition", "list", "--overdue", "--out", str(overdue), env={"ZHILI_NOW": "2024-06-01T09:00:00+08:00"})
    late = _read(overdue)[0]
    assert late["逾期天数"] and late["期限类型"] == "办结时限"


def test_petition_sheet_is_masked_unless_revealed(cli, tmp_path):
    _petitions(cli, tmp_path)
    masked = tmp_path / "m.csv"
    cli.ok("petition", "list", "--out", str(masked))
    assert "张三丰" not in masked.read_text(encoding="utf-8-sig") and "13812345678" not in masked.read_text(encoding="utf-8-sig")
    full = tmp_path / "f.csv"
    cli.ok("petition", "list", "--reveal", "--out", str(full))
    row = _read(full)[0]
    assert row["反映人"] == "张三丰" and row["电话"] == "13812345678"


def test_household_and_member_sheets_carry_the_whole_record(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv",
           "楼栋,单元,房号,面积,业主,电话,人数,楼道长\n3,2,501,118.5,张三丰,13812341234,3,是\n")))
    out = tmp_path / "户.xlsx"
    cli.ok("household", "list", "--out", str(out))
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    head, first = values[0], dict(zip(values[0], values[1]))
    assert len(head) == len(cli.json("household", "list")[0]) - 1  # every JSON column but the internal id
    assert first["楼道长"] == "是" and first["开发商未售"] == "否" and first["业主"] == "张**"
    assert first["电话"] == "138****1234" and first["面积㎡"] == "118.50"
    cli.ok("member", "add", "金建国", "--role", "主任", "--phone", "13900001111",
           "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "选举公告", "--basis-date", "2023-05-20")
    members = tmp_path / "成员.csv"
    cli.ok("member", "list", "--out", str(members))
    row = _read(members)[0]
    assert row["角色"] == "主任" and row["任期届满"] == "2028-05-31" and row["电话"] == "139****1111"
    assert json.loads(json.dumps(row))  # plain text cells


def test_money_and_meeting_sheets_in_words_and_yuan(cli, tmp_path):
    cli.ok("ledger", "opening", "--fund", "公共收益", "--amount", "86500", "--date", "2024-01-01")
    ledger = tmp_path / "台账.csv"
    cli.ok("ledger", "list", "--out", str(ledger))
    row = _read(ledger)[0]
    assert row["资金"] == "公共收益" and row["金额（元）"] == "86500.00" and row["记录号"] == "L1"
    assert not any(k.isascii() for k in row) and "public_revenue" not in row.values()
    cli.ok("meeting", "schedule", "--date", "2024-03-28")
    meetings = tmp_path / "会议.csv"
    cli.ok("meeting", "list", "--out", str(meetings))
    row = _read(meetings)[0]
    assert row["类型"] == "三方联席会议" and row["临时会议"] == "否" and not any(k.isascii() for k in row)


def test_an_empty_list_still_gets_its_header(cli, tmp_path):
    out = tmp_path / "积分.csv"
    cli.ok("volunteer", "balance", "--out", str(out))
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("姓名,")


def test_today_lines_wrap_at_80_columns_without_cutting_a_number(cli, tmp_path):
    long = "17幢电梯频繁困人建议整体检测并更换主板同时检查12号电梯的门机和编码器以及P2024-999的记录"
    cli.ok("petition", "add", "--title", long, "--source", "热线", "--received", "2024-02-01 09:00")
    out = cli.ok("today", env={"COLUMNS": "80"}).stdout
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in out.splitlines())
    assert "P2024-001" in out and "P2024-999" in out and "2024-02-04" in out
    assert any(line.startswith("    ") and "→" not in line for line in out.splitlines())  # the title's hanging indent


def test_audit_log_speaks_chinese(cli, tmp_path):
    cli.ok("household", "add", "--building", "3", "--room", "501", "--area", "90")
    out = cli.ok("audit", "log", env={"COLUMNS": "120"}).stdout
    assert "住户档案" in out and "新增" in out and "校验值" in out
    assert "insert" not in out
    assert "households" in cli.ok("--lang", "en", "audit", "log", env={"COLUMNS": "120"}).stdout


def test_motion_sheet_in_words(cli, tmp_path):
    from tests.test_motions import register

    register(cli, tmp_path, ["100"] * 3)
    cli.ok("motion", "propose", "--title", "充电棚方案", "--text", "第一稿", "--only", "owners")
    out = tmp_path / "议案.csv"
    cli.ok("motion", "list", "--out", str(out))
    row = _read(out)[0]
    assert row["编号"].startswith("Y2024-") and row["状态"] and row["事项类别"] and row["内容"] == "第一稿"
    assert not any(k.isascii() for k in row) and "open" not in row.values() and "ordinary" not in row.values()


def test_project_sheet_lists_its_milestones(cli, tmp_path):
    num = cli.json("project", "add", "--title", "室外集中充电棚")["number"]
    cli.ok("project", "milestone", num, "--title", "选址公示", "--due", "2024-04-30", "--party", "物业")
    out = tmp_path / "项目.csv"
    cli.ok("project", "list", "--out", str(out))
    row = _read(out)[0]
    assert row["编号"] == num and row["节点总数"] == "1" and row["已完成节点"] == "0"
    assert f"{num}#1 选址公示（2024-04-30，否）" in next(v for k, v in row.items() if k.startswith("节点（"))
    assert not any(k.isascii() for k in row)


def test_today_piped_keeps_whole_lines(cli, tmp_path):
    long = "17幢电梯频繁困人建议整体检测并更换主板同时检查12号电梯的门机和编码器以及P2024-999的记录"
    cli.ok("petition", "add", "--title", long, "--source", "热线", "--received", "2024-02-01 09:00")
    out = cli.ok("today", env={"COLUMNS": ""}).stdout  # not a terminal, no COLUMNS: a script reads it
    assert any(line.endswith(long) for line in out.splitlines())
