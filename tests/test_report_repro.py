"""Same database and ZHILI_NOW: byte-identical md, html, csv and json."""

from __future__ import annotations

import re

from tests.report_data import fill


def test_byte_identical(cli, tmp_path):
    fill(cli)
    for fmt in ("md", "html", "csv", "json"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        cli.ok("report", "monthly", "2024-02", "--out", str(first))
        cli.ok("report", "monthly", "2024-02", "--out", str(second))
        assert first.read_bytes() == second.read_bytes(), fmt
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", html)  # no random SVG ids
    assert "Generated with" not in html


def test_as_of_follows_the_clock(cli):
    fill(cli)
    out = cli.ok("report", "monthly", "2024-02", "--format", "md",
                 env={"ZHILI_NOW": "2024-04-01T09:30:00+08:00"}).stdout
    assert "2024-04-01 09:30" in out
