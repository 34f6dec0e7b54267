"""Lists at 80 and 120 columns: numbers never split, columns left out by name; a default limit
that cuts a list says so on stderr (never in the --json data)."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import write_csv
from zhili_cli.cli import fit

LONG = "小区地下车库渗水严重需要系统维修并加装排水泵和监控设备以免再次被淹"


def _petitions(cli, tmp_path, n: int, title: str = LONG):
    lines = "".join(f"2024-01-{1 + i % 28:02d} 09:{i % 60:02d},信箱,{i}号{title},,急,{i % 30 + 1},,,物业,办理中,,,\n"
                    for i in range(n))
    head = "受理日期,来源,标题,内容,类别,楼栋,反映人,联系电话,责任方,状态,办结日期,反馈,满意度\n"
    cli.ok("petition", "import", str(write_csv(tmp_path / "p.csv", head + lines)))


def _cells(out: str) -> list[list[str]]:
    """The table's body rows as lists of cell texts, one list per printed line."""
    return [[c.strip() for c in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")]


# ---- the fitting itself ---------------------------------------------------------------------

def test_wrap_never_splits_an_ascii_run_and_keeps_punctuation_off_line_starts():
    text = "九把“连心椅”（公共收益，平湖园林家具厂）E2024-001 共1,260.00元"
    assert fit.min_width(text) == len("E2024-001")
    for width in range(fit.min_width(text), 30):
        lines = fit.wrap(text, width).splitlines()
        assert all(fit.cell_len(line) <= width for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[0] in "，）”" for line in lines if line)
        joined = "\n".join(lines)
        assert "E2024-001" in joined and "1,260.00" in joined  # whole, on one line


def test_layout_leaves_out_the_named_columns_first_and_never_the_first():
    cols = ["编号", "状态", "标题", "收到", "期限"]
    rows = [["P2024-001", "办理中", LONG, "2024-01-05", "2024-01-12"]]
    shown, widths = fit.layout(cols, rows, 40, drop=(3, 1))
    assert 0 in shown and 3 not in shown
    assert sum(widths) + 3 * len(shown) + 1 <= 40
    assert widths[shown.index(0)] == len("P2024-001")
    wide, _ = fit.layout(cols, rows, 200, drop=(3, 1))
    assert wide == [0, 1, 2, 3, 4]


# ---- every list at 80 and at 120 columns ---------------------------------------------------

@pytest.mark.parametrize("width", [80, 120])
def test_petition_list_keeps_numbers_and_dates_whole(cli, tmp_path, width):
    _petitions(cli, tmp_path, 3)
    for extra in ([], ["--overdue"]):
        r = cli.ok("petition", "list", *extra, env={"COLUMNS": str(width)})
        assert all(len(line) <= width for line in r.stdout.splitlines())
        rows = [c for c in _cells(r.stdout) if c[0]]
        assert sorted(c[0] for c in rows) == ["P2024-001", "P2024-002", "P2024-003"]
        assert all(re.fullmatch(r"P2024-00\d", c[0]) for c in rows)
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", r.stdout)
        assert dates and all(d.startswith("2024-01-") for d in dates)
        if extra:  # the late days stay: they are what --overdue is for
            assert "逾期天数" in r.stdout
        if width == 80 and extra:
            assert "未显示：收到" in r.stderr
        if width == 120:
            assert "未显示" not in r.stderr and "收到" in r.stdout


def test_every_list_fits_80_columns(cli, tmp_path):
    _petitions(cli, tmp_path, 2)
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv",
           "楼栋,单元,房号,面积,业主,电话,人数,标记\n3,2,501,118.5,张三丰,13812341234,1,独居老人\n")))
    cli.ok("member", "add", "金建国", "--role", "主任", "--phone", "13900001111",
           "--term-start", "2023-06-01", "--term-end", "2028-05-31", "--basis", "选举公告", "--basis-date", "2023-05-20")
    cli.ok("volunteer", "add", "李四", "--hours", "2.5", "--activity", LONG)
    for args in (["petition", "list"], ["household", "list"], ["household", "list", "--flag", "独居老人"],
                 ["household", "find", "501"], ["meeting", "list"], ["motion", "list"], ["expense", "list"],
                 ["ledger", "list"], ["member", "list"], ["volunteer", "list"], ["volunteer", "balance"],
                 ["project", "list"], ["audit", "log"], ["petition", "list", "--search", "渗水"]):
        for width in (80, 120):
            out = cli.ok(*args, env={"COLUMNS": str(width)}).stdout
            assert all(len(line) <= width for line in out.splitlines()), (args, width, out)
            if args[:2] == ["petition", "list"]:
                assert "P2024-001" in out and "P2024-002" in out
            assert not re.search(r"P2024-\d{0,2}\s*│\s*$", out, re.M), (args, out)


def test_english_headers_are_fitted_too(cli, tmp_path):
    _petitions(cli, tmp_path, 2)
    r = cli.ok("--lang", "en", "petition", "list", "--overdue", env={"COLUMNS": "80"})
    assert "P2024-001" in r.stdout and "P2024-002" in r.stdout
    assert all(len(line) <= 80 for line in r.stdout.splitlines())


# ---- a list cut by its default limit says so ------------------------------------------------

def test_default_limit_is_announced_on_stderr_only(cli, tmp_path):
    _petitions(cli, tmp_path, 51, title="漏水")
    r = cli.ok("petition", "list")
    assert "显示前 50 条，共 51 条；--limit 0 显示全部" in r.stderr
    assert "共 51 条" not in r.stdout
    j = cli.ok("petition", "list", "--json")
    assert len(json.loads(j.stdout)) == 50  # the JSON shape is unchanged
    assert "共 51 条" in j.stderr
    assert "显示前" not in cli.ok("petition", "list", "--limit", "0").stderr
    assert "显示前" not in cli.ok("petition", "list", "--limit", "51").stderr
    assert "显示前 10 条，共 51 条" in cli.ok("petition", "list", "--limit", "10").stderr
    assert "共 51 条" in cli.ok("petition", "list", "--search", "漏水").stderr
    en = cli.ok("--lang", "en", "petition", "list", "--status", "办理中")
    assert "showing the first 50 of 51; --limit 0 shows all" in en.stderr


def test_exactly_the_limit_is_not_announced(cli, tmp_path):
    _petitions(cli, tmp_path, 3, title="漏水")
    r = cli.ok("petition", "list", "--limit", "3")
    assert "显示前" not in r.stderr and len(_cells(r.stdout)) >= 3
    assert "显示前 2 条，共 3 条" in cli.ok("petition", "list", "--limit", "2").stderr


def test_household_meeting_volunteer_and_audit_lists_announce_their_cut(cli, tmp_path):
    cli.ok("household", "import", str(write_csv(tmp_path / "h.csv",
           "楼栋,单元,房号,面积\n" + "".join(f"3,1,{100 + i},90\n" for i in range(4)))))
    assert "显示前 2 条，共 4 条" in cli.ok("household", "list", "--limit", "2").stderr
    assert "显示前 2 条，共 4 条" in cli.ok("household", "find", "3-1", "--limit", "2").stderr
    for i in range(3):
        cli.ok("volunteer", "add", "李四", "--hours", "1", "--activity", f"巡逻{i}")
    assert "显示前 2 条，共 3 条" in cli.ok("volunteer", "list", "--limit", "2").stderr
    assert "显示前 1 条，共" in cli.ok("audit", "log", "--limit", "1").stderr
