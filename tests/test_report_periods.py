"""Period documents on the demo compound: every money figure of every monthly and quarterly
report reconciles with `ledger balance` at the period's boundaries (opening balances recorded
on a period's first day included); a past period's document is the same whenever it is
printed; the quarterly disclosure carries the 公示 frame."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from zhili_cli.cli.main import app
from zhili_cli.i18n import set_lang

DEMO_NOW = "2025-06-30T18:00:00+08:00"
MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13) if (y, m) <= (2025, 6)]
QUARTERS = [f"{y}Q{q}" for y in (2024, 2025) for q in range(1, 5) if (y, q) <= (2025, 2)]
FUND_NAMES = {"公共收益": "public_revenue", "专项维修资金": "maintenance_fund", "共建资金": "co_funded"}


def _run(db, *args, now=DEMO_NOW):
    set_lang(None)
    result = CliRunner().invoke(app, ["--db", str(db), *args], env={"ZHILI_NOW": now, "ZHILI_LANG": "zh"})
    assert result.exit_code == 0, f"{args}: {result.output}{result.exception!r}"
    return result.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    _run(db, "demo")
    return db


def _fen(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    yuan, _, jiao = text.lstrip("-").replace(",", "").partition(".")
    return sign * (int(yuan) * 100 + int((jiao + "00")[:2]))


def _balances(db, day: str) -> dict[str, dict[str, int]]:
    return json.loads(_run(db, "ledger", "balance", "--to", day, "--json"))


def _bounds(start: str, end: str) -> tuple[str, str]:
    """The day before the period and its last day."""
    before = (date.fromisoformat(start) - timedelta(days=1)).isoformat()
    last = (date.fromisoformat(end) - timedelta(days=1)).isoformat()
    return before, last


def _expected(db, start: str, end: str) -> dict[str, dict[str, int]]:
    before, last = _bounds(start, end)
    a, b = _balances(db, before), _balances(db, last)
    out = {}
    for fund in b:
        openings = b[fund]["opening_fen"] - a[fund]["opening_fen"]
        out[fund] = {"opening": a[fund]["balance_fen"] + openings,
                     "income": b[fund]["income_fen"] - a[fund]["income_fen"],
                     "spending": b[fund]["spent_fen"] - a[fund]["spent_fen"],
                     "closing": b[fund]["balance_fen"]}
    return out


def _month_bounds(month: str) -> tuple[str, str]:
    y, m = int(month[:4]), int(month[5:])
    nxt = f"{y + (m == 12):04d}-{m % 12 + 1:02d}-01"
    return f"{month}-01", nxt


def _quarter_bounds(quarter: str) -> tuple[str, str]:
    y, q = int(quarter[:4]), int(quarter[-1])
    first = 3 * q - 2
    end = f"{y + 1}-01-01" if q == 4 else f"{y:04d}-{first + 3:02d}-01"
    return f"{y:04d}-{first:02d}-01", end


@pytest.mark.slow
def test_monthly_fund_table_reconciles_with_the_ledger_every_month(demo):
    for month in MONTHS:
        report = json.loads(_run(demo, "report", "monthly", month, "--format", "json"))
        funds = next(s for s in report["sections"] if s["key"] == "funds")
        table = funds["blocks"][0]
        got = {FUND_NAMES[r[0]]: dict(zip(("opening", "income", "spending", "closing"), map(_fen, r[1:])))
               for r in table["rows"]}
        want = _expected(demo, *_month_bounds(month))
        for fund, figures in want.items():
            if any(figures.values()):
                assert got.get(fund) == figures, (month, fund)
            else:
                assert fund not in got, (month, fund)


@pytest.mark.slow
def test_quarterly_disclosure_reconciles_with_the_ledger_every_quarter(demo):
    for quarter in QUARTERS:
        report = json.loads(_run(demo, "report", "quarterly", quarter, "--format", "json"))
        want = _expected(demo, *_quarter_bounds(quarter))
        sections = {s["key"]: s for s in report["sections"]}
        for fund, figures in want.items():
            key = f"fund-{fund}"
            if fund != "public_revenue" and not any(figures.values()):
                assert key not in sections, (quarter, fund)
                continue
            blocks = sections[key]["blocks"]
            shown = [_fen(f["value"]) for f in blocks[0]["items"]]
            assert shown == [figures["opening"], figures["income"], figures["spending"], figures["closing"]], \
                (quarter, fund)
            tables = [b for b in blocks if b["kind"] == "table"]
            spending = tables[-1]["rows"]
            items = [r for r in spending if r[0] != "合计"]
            assert sum(_fen(r[4]) for r in items) == figures["spending"], (quarter, fund)
            if fund != "maintenance_fund" or figures["income"]:
                columns = tables[0]["columns"]
                amount_col = columns.index("业主所得（元）" if "业主所得（元）" in columns else "金额（元）")
                income = tables[0]["rows"]
                assert sum(_fen(r[amount_col]) for r in income if r[0] != "合计") == figures["income"], \
                    (quarter, fund)


@pytest.mark.slow
def test_annual_fund_balances_carry_the_opening_balance(demo):
    report = json.loads(_run(demo, "report", "annual", "2024", "--format", "json"))
    funds = next(s for s in report["sections"] if s["key"] == "funds")
    rows = {FUND_NAMES[r[0]]: list(map(_fen, r[1:])) for r in funds["blocks"][0]["rows"]}
    want = _expected(demo, "2024-01-01", "2025-01-01")
    assert rows["public_revenue"] == [want["public_revenue"][k] for k in ("opening", "income", "spending", "closing")]
    assert rows["public_revenue"][0] == 8_650_000  # the opening balance recorded on 2024-01-01
    expenses = next(s for s in report["sections"] if s["key"] == "expenses")
    tiers = expenses["blocks"][0]["rows"]
    paid = sum(_fen(r[2]) for r in tiers)
    assert paid == want["public_revenue"]["spending"] + want["maintenance_fund"]["spending"]


@pytest.mark.slow
def test_a_past_quarter_is_the_same_whenever_printed(demo, tmp_path):
    """Printed in July and again in December, after later closures, payments and decisions:
    only the print time and the chain head differ."""
    early = json.loads(_run(demo, "report", "quarterly", "2024Q2", "--format", "json",
                            now="2024-07-03T09:00:00+08:00"))
    late = json.loads(_run(demo, "report", "quarterly", "2024Q2", "--format", "json"))
    assert early["sections"] == late["sections"]
    assert early["as_of"] == late["as_of"] == "2024-06-30"
    assert early["unfinished"] is False
    # a write after the quarter (a new petition closed, a new expense paid) changes nothing in it
    copy = tmp_path / "copy.db"
    _run(demo, "backup", str(copy))
    # the compound's rules travel with its database (a copy without them is refused for writes)
    (tmp_path / "zhili.yaml").write_bytes((demo.parent / "zhili.yaml").read_bytes())
    _run(copy, "petition", "add", "--title", "后来的诉求", "--source", "热线", "--received", "2025-06-30")
    again = json.loads(_run(copy, "report", "quarterly", "2024Q2", "--format", "json"))
    assert again["sections"] == late["sections"]
    assert again["audit_head"]["hash"] != late["audit_head"]["hash"]
    monthly_early = json.loads(_run(demo, "report", "monthly", "2024-11", "--format", "json",
                                    now="2024-12-02T09:00:00+08:00"))
    monthly_late = json.loads(_run(demo, "report", "monthly", "2024-11", "--format", "json"))
    assert monthly_early["sections"] == monthly_late["sections"]


@pytest.mark.slow
def test_the_current_quarter_is_marked_unfinished(demo):
    report = json.loads(_run(demo, "report", "quarterly", "2025Q3", "--format", "json",
                             now="2025-08-15T10:00:00+08:00"))
    assert report["unfinished"] is True and report["as_of"] == "2025-08-15 10:00"
    assert "尚未结束" in report["status_note"]


@pytest.mark.slow
def test_quarterly_frame_in_every_format(demo, tmp_path):
    for fmt in ("md", "html", "pdf"):
        path = tmp_path / f"q.{fmt}"
        _run(demo, "report", "quarterly", "2024Q2", "--out", str(path))
        if fmt == "pdf":
            pypdf = pytest.importorskip("pypdf")
            text = "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
        else:
            text = path.read_text("utf-8")
        text = text.replace(" ", "").replace("\n", "")
        assert "公示期" in text, fmt
        assert "监督电话" in text, fmt
        assert "绿能充电科技" in text and "宏达金属制品" in text, fmt  # companies paid, in full
        assert "Y2024-001，7人中5同意" in text, fmt
        assert "社区居委会（盖章）" in text, fmt
