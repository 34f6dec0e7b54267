"""Seed 000's figure from the demo data: 2018–2024, 340 deliberated, 330 done, 97 %."""

from __future__ import annotations

import pytest

import json

DEMO = {"ZHILI_NOW": "2025-06-30T18:00:00+08:00"}


@pytest.mark.slow
def test_cumulative_2018_2024(cli, tmp_path):
    out = cli.ok("demo", "--force", env=DEMO).stdout
    html = tmp_path / "monthly-2025-06.html"
    assert html.is_file() and str(html) in out
    assert "2025年6月" in html.read_text(encoding="utf-8")
    report = json.loads(cli.ok("report", "annual", "--from", "2018", "--to", "2024", "--format", "json",
                               env=DEMO).stdout)
    figures = {f["label"]: f["value"] for f in report["sections"][0]["blocks"][1]["items"]}
    assert figures == {"议事事项": 340, "已办结": 330, "议事办结率": 97}
    text = cli.ok("report", "annual", "--from", "2018", "--to", "2024", env=DEMO).stdout
    assert "议事事项（大、难）340 项，办结 330 项，办结率 97%" in text
    years = report["sections"][1]["blocks"][0]["rows"]
    assert [r[0] for r in years] == list(range(2018, 2025))
    assert sum(r[4] for r in years) == 340
