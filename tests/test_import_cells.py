"""Cell parsers and header matching: the forms secretaries actually type."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from zhili_cli.importing import cells
from zhili_cli.importing.ballots import BALLOTS
from zhili_cli.importing.cells import CellError
from zhili_cli.importing.households import HOUSEHOLDS
from zhili_cli.importing.members import MEMBERS
from zhili_cli.importing.petitions import PETITIONS, _kind, _source, _status
from zhili_cli.importing.spec import map_headers
from zhili_cli.importing.workbook import cell_text


@pytest.mark.parametrize(("text", "want"), [
    ("2024-03-05", datetime(2024, 3, 5)),
    ("2024/3/5", datetime(2024, 3, 5)),
    ("2024.3.5", datetime(2024, 3, 5)),
    ("2024年3月5日", datetime(2024, 3, 5)),
    ("2024 年 3 月 5 日", datetime(2024, 3, 5)),
    ("20240305", datetime(2024, 3, 5)),
    ("2024-03-05 14:30", datetime(2024, 3, 5, 14, 30)),
    ("2024/3/5 9:05:07", datetime(2024, 3, 5, 9, 5, 7)),
    ("2024-03-05T14:30", datetime(2024, 3, 5, 14, 30)),
    ("45356", datetime(2024, 3, 5)),
    ("45356.5", datetime(2024, 3, 5, 12)),
])
def test_dates(text, want):
    assert cells.parse_date(text) == want


@pytest.mark.parametrize("text", ["2024-02-30", "3/5/2024", "昨天", "12345", "2024-03", "99999"])
def test_not_dates(text):
    with pytest.raises(CellError) as exc:
        cells.parse_date(text)
    assert exc.value.key == "cell_bad_date"


@pytest.mark.parametrize(("text", "fen"), [
    ("5000", 500_000), ("5,000.00元", 500_000), ("¥5000", 500_000), ("￥5,000", 500_000), ("1.2万", 1_200_000),
    ("86.52", 8_652), ("3，000元", 300_000), ("人民币 200 元", 20_000), ("0.5亿", 5_000_000_000),
])
def test_amounts(text, fen):
    assert cells.parse_money(text) == fen


@pytest.mark.parametrize(("text", "key"), [
    ("五千", "amount_not_number"), ("-5", "amount_negative"), ("0", "amount_zero"), ("1.005", "cell_amount_separators"), ("1.0051", "amount_too_precise"),
])
def test_bad_amounts(text, key):
    with pytest.raises(CellError) as exc:
        cells.parse_money(text)
    assert exc.value.key == key


@pytest.mark.parametrize(("text", "x100"), [
    ("118.32", 11832), ("118.32㎡", 11832), ("118.32 m²", 11832), ("118.32m2", 11832), ("118.32平方米", 11832),
    ("90平", 9000), ("90 平米", 9000), ("1,168.5", 116850),
])
def test_areas(text, x100):
    assert cells.parse_area(text) == x100


@pytest.mark.parametrize(("text", "key"), [("abc", "cell_bad_area"), ("0", "cell_bad_area"), ("1.234", "cell_area_precision")])
def test_bad_areas(text, key):
    with pytest.raises(CellError) as exc:
        cells.parse_area(text)
    assert exc.value.key == key


@pytest.mark.parametrize(("text", "kind"), [
    ("大", "major"), ("大事", "major"), ("major", "major"), ("Major", "major"), ("难", "difficult"),
    ("difficult", "difficult"), ("急", "urgent"), ("急事", "urgent"), ("urgent", "urgent"), ("小", "minor"),
    ("minor", "minor"), ("私", "private"), ("私事", "private"), ("private", "private"), ("紧急", "urgent"),
])
def test_kinds_by_chinese_or_english_name(text, kind):
    assert _kind(text) == kind


@pytest.mark.parametrize(("text", "source"), [
    ("信箱", "mailbox"), ("mailbox", "mailbox"), ("走访", "visit"), ("visit", "visit"), ("巡查", "patrol"),
    ("patrol", "patrol"), ("线上", "online"), ("online", "online"), ("敲门日", "door_knocking"),
    ("door-knocking", "door_knocking"), ("我与书记有约", "appointment"), ("appointment", "appointment"),
    ("网格员", "grid"), ("grid", "grid"), ("热线", "hotline"), ("12345", "hotline"), ("Hotline", "hotline"),
    ("微信", "online"), ("来电", "hotline"),
])
def test_sources_by_chinese_or_english_name(text, source):
    assert _source(text) == source


@pytest.mark.parametrize(("text", "status"), [
    ("已办结", "done"), ("done", "done"), ("已评价", "verified"), ("办理中", "in_progress"),
    ("in-progress", "in_progress"), ("待受理", "received"), ("已驳回", "rejected"),
])
def test_statuses(text, status):
    assert _status(text) == status


@pytest.mark.parametrize(("value", "text"), [
    (118.32000000000001, "118.32"), (118.32, "118.32"), (5000.0, "5000"), (3, "3"), (13812345678.0, "13812345678"),
    (0.1 + 0.2, "0.3"), (None, ""), ("  张三 ", "张三"), (True, "是"), (datetime(2024, 3, 5), "2024-03-05"),
    (datetime(2024, 3, 5, 14, 30), "2024-03-05 14:30"),
])
def test_xlsx_cell_text(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize(("header", "field"), [
    ("受理日期", "received"), ("收到日期", "received"), ("日期", "received"), ("Received", "received"),
    ("类别", "kind"), ("类型", "kind"), ("Kind", "kind"), ("Category", "kind"),
    ("反映人", "reporter"), ("联系人", "reporter"), ("联系电话", "phone"), ("电话", "phone"), ("手机", "phone"),
    ("来源", "source"), ("渠道", "source"), ("标题", "title"), ("满意度", "satisfaction"),
])
def test_petition_header_synonyms(header, field):
    headers = ["受理日期", "来源", "标题"] if field in ("received", "source", "title") else \
        ["受理日期", "来源", "标题", header]
    if field in ("received", "source", "title"):
        headers = [header if f == field else h for f, h in zip(("received", "source", "title"), headers)]
    mapping = map_headers(PETITIONS, headers, Path("x.csv"))
    assert headers[mapping[field]] == header


@pytest.mark.parametrize("header", ["建筑面积", "面积", "建筑面积（㎡）", "建筑面积(㎡)", "面积（平方米）", "面积 (m²)", "Area",
                                    "area_m2", "*面积"])
def test_area_header_forms(header):
    mapping = map_headers(HOUSEHOLDS, ["楼栋", "房号", header], Path("x.csv"))
    assert mapping["area"] == 2


def test_member_and_ballot_headers():
    assert set(map_headers(MEMBERS, ["姓名", "角色", "任期开始", "任期结束", "电话", "所属方"], Path("m.csv"))) == \
        {"name", "role", "term_start", "term_end", "phone", "party"}
    assert set(map_headers(BALLOTS, ["幢", "单元", "室", "表决意见"], Path("b.csv"))) == \
        {"building", "unit", "room", "choice"}


def test_progress_callback_and_no_rich_off_a_terminal(tmp_path):
    from zhili_cli.importing import progress
    from zhili_cli.importing.reader import read_rows

    calls: list[tuple[int, int]] = []
    _, rows = read_rows(EXAMPLES / "petitions.csv")
    n = sum(1 for _ in progress.ticking(rows, lambda done, total: calls.append((done, total)), every=500))
    assert n == 1758 and len(calls) == 4
    size = (EXAMPLES / "petitions.csv").stat().st_size
    assert all(total == size for _, total in calls) and calls[-1][0] == size
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert not progress.wanted(quiet=True)
    with progress.bar("x") as cb:  # pytest's stdout is not a terminal
        assert cb is None
    # a piped import never loads rich's progress machinery
    code = ("import sys; from zhili_cli.cli.main import run; sys.argv=['zhili','--db',sys.argv[1],'household',"
            "'import',sys.argv[2]]\ntry: run()\nexcept SystemExit: pass\nprint('rich.progress' in sys.modules)")
    env = {**os.environ, "ZHILI_NOW": "2024-03-05T10:00:00+08:00"}
    db = tmp_path / "z.db"
    subprocess.run([sys.executable, "-m", "zhili_cli", "--db", str(db), "init", "--name", "x"], check=True,
                   capture_output=True, env=env)
    out = subprocess.run([sys.executable, "-c", code, str(db), str(EXAMPLES / "households-gbk.csv")],
                         capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_progress_bar_draws_on_a_terminal(monkeypatch):
    from zhili_cli.importing import progress

    monkeypatch.setattr(progress, "wanted", lambda quiet=False: not quiet)
    with progress.bar("导入") as cb:
        assert cb is not None
        cb(10, 100)
        cb(100, 100)
    with progress.bar("导入", quiet=True) as cb:
        assert cb is None


@pytest.mark.parametrize("text", ["5.000,00", "5,00", "5.000", "1.234.567", "12,34.5", "5,000,00"])
def test_ambiguous_separators_are_refused_not_guessed(text):
    from zhili_cli.importing.cells import CellError, parse_amount

    with pytest.raises(CellError) as err:
        parse_amount(text)
    assert err.value.key == "cell_amount_separators"


@pytest.mark.parametrize("text, fen", [("5,000.00", 500000), ("5000", 500000), ("1,234,567.8元", 123456780),
                                       ("¥3000", 300000), ("1.2万", 1200000), ("86.52", 8652), ("5，000", 500000)])
def test_chinese_separators_are_read(text, fen):
    from zhili_cli.importing.cells import parse_amount

    assert parse_amount(text) == fen
