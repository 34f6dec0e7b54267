"""Test data for the report tests: petitions with residents' names and phones in them."""

from __future__ import annotations

NAMES = ("张三丰", "欧阳娜娜", "李四")
PHONES = ("13812345678", "13998765432", "18600001111")
PRIVATE_TITLE = "邻里私事调解请求甲乙丙"


def fill(cli) -> None:
    """Six petitions in Feb–Mar 2024 (the clock stands at 2024-03-05), one of them private."""
    rows = [
        ("5幢电梯故障", "热线", "急", "5", "2024-02-03"),
        ("3幢屋顶漏水", "信箱", "大", "3", "2024-02-10"),
        ("小区停车难", "走访", "难", "1", "2024-02-20"),
        ("路灯不亮", "巡查", "小", "7", "2024-03-01"),
        (PRIVATE_TITLE, "走访", "私", "2", "2024-03-02"),
        ("垃圾桶破损", "线上", None, "9", "2024-03-04"),
    ]
    for i, (title, source, kind, building, received) in enumerate(rows):
        args = ["petition", "add", "--title", title, "--source", source, "--building", building,
                "--reporter", NAMES[i % 3], "--phone", PHONES[i % 3], "--received", received]
        cli.ok(*args)
    cli.ok("petition", "triage", "P2024-001", "--kind", "急", "--to", "物业")
    cli.ok("petition", "close", "P2024-001", "--feedback", "已修复")
    cli.ok("petition", "verify", "P2024-001", "--satisfaction", "5")
    cli.ok("petition", "triage", "P2024-002", "--kind", "大")
    cli.ok("petition", "triage", "P2024-004", "--kind", "小")
    cli.ok("petition", "triage", "P2024-005", "--kind", "私", "--to", "居委会")
