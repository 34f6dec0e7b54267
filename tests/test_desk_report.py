"""The monthly report's volunteer section: totals only, no names, internal and public alike."""

from __future__ import annotations

import json


def _section(cli, *args):
    report = json.loads(cli.ok("report", "monthly", "2024-03", "--format", "json", *args).stdout)
    return next(s for s in report["sections"] if s["key"] == "volunteers"), json.dumps(report, ensure_ascii=False)


def test_volunteer_totals_without_names(cli):
    cli.ok("volunteer", "add", "王阿姨", "--hours", "1.5", "--activity", "敲门日", "--date", "2024-02-28")
    cli.ok("volunteer", "add", "王阿姨", "--hours", "2", "--activity", "楼道大清扫", "--date", "2024-03-01")
    cli.ok("volunteer", "add", "李师傅", "--hours", "1", "--activity", "义诊", "--date", "2024-03-04")
    cli.ok("volunteer", "redeem", "王阿姨", "--points", "5", "--for", "消费券", "--date", "2024-03-05")
    for args in ((), ("--public",)):
        section, text = _section(cli, *args)
        figures = {f["label"]: f["value"] for f in section["blocks"][0]["items"]}
        assert figures == {"参与志愿者": 2, "服务次数": 2, "服务时长": "3", "发放积分": 30, "兑换积分": 5}
        assert "王阿姨" not in text and "李师傅" not in text


def test_month_without_service_says_so(cli):
    section, _ = _section(cli)
    assert section["blocks"][0]["kind"] == "paragraph"
