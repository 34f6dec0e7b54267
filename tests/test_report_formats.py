"""Every format of the monthly report, from the one model."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest

from tests.report_data import fill


@pytest.fixture
def data(cli):
    fill(cli)
    return cli


def test_terminal_monthly(data):
    out = data.ok("report", "monthly", "2024-03").stdout
    assert "月度工作报告" in out and "测试小区" in out and "2024年3月" in out
    assert "办结率" in out and "未办结事项" in out and "内部材料 不得张贴" in out


def test_markdown(data):
    out = data.ok("report", "monthly", "2024-02", "--format", "md").stdout
    assert out.startswith("**内部材料 不得张贴**\n\n# 测试小区月度工作报告")
    assert "## 概况" in out and "| 来源 | 收到 | 办结 |" in out
    assert "- 办结率：**" in out


def test_html_is_self_contained_a4(data, tmp_path):
    path = tmp_path / "m.html"
    data.ok("report", "monthly", "2024-02", "--out", str(path))
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "size: A4" in html and "counter(page)" in html and "break-before: page" in html
    assert "<svg" in html and "测试小区" in html and "2024年2月" in html
    assert not re.search(r"""(src|href)=["']?https?:""", html)
    assert "<script" not in html


def test_csv(data):
    out = data.ok("report", "monthly", "2024-02", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:2] == ["测试小区", "月度工作报告"]
    assert ["来源", "收到", "办结"] in rows


def test_json(data):
    report = json.loads(data.ok("report", "monthly", "2024-02", "--format", "json").stdout)
    assert report["kind"] == "monthly" and report["compound"] == "测试小区"
    assert [s["key"] for s in report["sections"]][:4] == ["overview", "petitions", "open", "meetings"]
    figures = report["sections"][0]["blocks"][0]["items"]
    assert figures[0]["value"] == 3  # received in February
    trend = report["sections"][0]["blocks"][1]
    assert trend["kind"] == "chart" and len(trend["labels"]) == 12 and trend["labels"][-1] == "2024-02"


def test_english(data):
    out = data.ok("--lang", "en", "report", "monthly", "2024-02", "--format", "md").stdout
    assert "Monthly report" in out and "completion rate" in out


def test_quarterly_and_annual_render(data):
    out = data.ok("report", "quarterly", "2024Q1", "--format", "md").stdout
    assert "公共收益收支公示" in out and "zhili audit verify --head " in out
    assert "业主委员会（盖章）" in out
    out = data.ok("report", "annual", "2024", "--format", "md").stdout
    assert "年度工作报告" in out and "议事事项" in out


def test_bad_input_is_one_line(data):
    assert "2025-06" in data.fails("report", "monthly", "June")
    data.fails("report", "quarterly", "2024Q5")
    data.fails("report", "monthly", "2024-03", "--format", "docx", code=2)
    data.fails("report", "annual", code=2)


def test_terminal_report_loads_no_template_chart_or_pdf_library(data):
    code = (
        "import sys\n"
        "from zhili_cli.cli.main import app\n"
        "try:\n"
        f"    app(['--db', {str(data.db)!r}, 'report', 'monthly', '2024-03'], prog_name='zhili')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('jinja2', 'pygal', 'weasyprint') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
