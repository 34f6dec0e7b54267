"""Fuzz: every import fed random bytes, quotes, separators, control and look-alike characters
either imports or stops with one line (never a traceback), and when it stops the database is
exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import Cli

IMPORTS = {
    "petition": (["petition", "import"], "受理日期,来源,标题,内容,类别,楼栋,反映人,联系电话,状态,办结日期,满意度"),
    "income": (["ledger", "income", "import"], "日期,金额,类别,付款方,摘要,凭证号"),
    "expense": (["expense", "import"], "支出日期,支出金额,事项,收款单位,科目,发票号,审批人,资金来源"),
    "household": (["household", "import"], "楼栋,单元,房号,面积,业主,电话,人数,标记"),
    "member": (["member", "import"], "姓名,角色,任期开始,任期结束"),
}

# What turns up in real and hostile files: separators and quotes out of place, line breaks,
# NUL and other controls, zero-width and full-width look-alikes, odd dates and amounts.
PIECES = st.sampled_from([
    ",", '"', "'", "\n", "\r\n", "\r", "\t", ";", "\x00", "\x1b[31m", "\x7f", "\u200b", "\ufeff", "\u3000",
    "１０１", "１", "５,０００", "5.000,00", "1.2万", "-5", "0", "9999-12-31", "2024-02-30", "2024-03-01",
    "2024/3/1 14:30", "45000", "1e309", "nan", "信箱", "急", "已办结", "主任", "公共收益", "[red]x[/]",
    "=cmd|' /C calc'!A0", "王伟", "101", "1", "118.32", "a" * 300,
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)


def _state(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return hashlib.sha256(dump.encode("utf-8", "surrogatepass")).hexdigest()


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("fuzz") / "base.db"
    Cli(db).ok("init", "--name", "测试小区")
    return db


def _run(base: Path, tmp: Path, kind: str, data: bytes, suffix: str = ".csv", *extra: str) -> None:
    db = tmp / "zhili.db"
    db.write_bytes(base.read_bytes())
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    path = tmp / f"in{suffix}"
    path.write_bytes(data)
    before = _state(db)
    args, _ = IMPORTS[kind]
    result = Cli(db)(*args, str(path), *extra)
    assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output and "内部错误" not in result.output, result.output
    if result.exit_code == 1:
        err = result.stderr.strip()
        if extra != ("--dry-run",):
            assert len(err.splitlines()) == 1, err
        assert _state(db) == before


pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("kind", sorted(IMPORTS))
@FUZZ
@given(rows=st.lists(TEXT, min_size=1, max_size=6))
def test_random_rows_under_a_real_header(base, tmp_path_factory, kind, rows):
    header = IMPORTS[kind][1]
    _run(base, tmp_path_factory.mktemp("f"), kind, (header + "\n" + "\n".join(rows)).encode("utf-8"))


@pytest.mark.parametrize("kind", ["petition", "income"])
@FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".ods"]))
def test_random_bytes_under_any_name(base, tmp_path_factory, kind, data, suffix):
    _run(base, tmp_path_factory.mktemp("f"), kind, data, suffix)


@FUZZ
@given(rows=st.lists(TEXT, min_size=1, max_size=6), encoding=st.sampled_from(["gb18030", "utf-16", "latin-1"]))
def test_random_rows_in_other_encodings_and_dry_runs(base, tmp_path_factory, rows, encoding):
    text = IMPORTS["petition"][1] + "\n" + "\n".join(rows)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, "replace")
    _run(base, tmp_path_factory.mktemp("f"), "petition", data, ".csv", "--dry-run")
