"""Demo, money part: a year (2024) of public revenue and spending at every tier, the
maintenance fund's emergency path and the charging-shed project of seed 000.

Seed 000: public revenue (shop rent, ground parking, advertising) reached 340 000 yuan in
2024; spending is approved in four tiers; the charging shed was built in nodes from
February to the end of the year.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhili_cli.demo import on_day


CHAIR = "金建国"

# (month, source, yuan): 180 000 shop rent + 132 000 parking + 28 000 advertising = 340 000
INCOME = ([(m, "shop_rent", 15_000) for m in range(1, 13)]
          + [(m, "parking", 11_000) for m in range(1, 13)]
          + [(m, "advertising", 7_000) for m in (3, 6, 9, 12)])

# (date, yuan, payee, purpose, paid on) — chair tier, approved by the chair and paid
CHAIR_EXPENSES = [
    ("2024-01-15", 1_260, "平湖五金店", "楼道声控灯更换", "2024-01-20"),
    ("2024-03-12", 4_500, "平湖园林家具厂", "九把“连心椅”", "2024-03-25"),
    ("2024-05-08", 3_800, "绿意园艺", "桥边花坛改造（废旧轮胎）", "2024-05-20"),
    ("2024-07-02", 2_400, "清源环保", "垃圾分类点立体小花园", "2024-07-15"),
    ("2024-09-10", 4_980, "安顺消防", "灭火器年检与更换", "2024-09-18"),
    ("2024-11-05", 1_500, "平湖印务", "季度公示栏印制", "2024-11-08"),
]

# higher tiers: (requested, yuan, payee, purpose, decided and paid on); None = still waiting
HIGHER_EXPENSES = [
    ("2024-04-10", 18_600, "宏达金属制品", "腐烂木质景观护栏更换为铝合金扶栏", "2024-04-25"),  # committee
    ("2024-05-20", 36_000, "绿能充电科技", "室外集中充电棚（檀郡、紫轩区块）", "2024-05-30"),   # three-party
    ("2024-10-15", 120_000, "海康安防工程", "小区监控系统升级", None),                         # assembly
]
COMMITTEE_YES = ["金建国=同意", "沈丽=同意", "陆伟=同意", "顾敏=同意", "钱志文=同意", "朱晓雪=反对"]
THREE_PARTY_YES = ["居委会=同意", "业委会=同意", "物业=同意"]
# Who verifies a milestone for each party: its representative on the roster (examples/members.csv).
REPRESENTATIVES = {"residents_committee": "张红梅", "owners_committee": "金建国", "property": "李明"}

MILESTONES = [
    ("三方会议决定取消架空层电瓶车停放", "2024-02-29", "owners_committee", True),
    ("商议与第三方合作方案", "2024-03-31", "owners_committee", True),
    ("公示充电棚选址", "2024-04-30", "property", True),
    ("确定施工时间", "2024-05-31", "property", True),
    ("听取紫轩区域居民意见", "2024-06-30", "residents_committee", True),
    ("启动悦居区域改造", "2024-08-31", "property", True),
    ("室外集中充电棚全面建成投入使用", "2024-12-31", "property", False),  # the residents' committee has not yet verified
]


def emergency_repair(g: Any, rules: Any, *, amount_fen: int, payee: str, purpose: str, emergency: str,
                     title: str, days: tuple[str, str, str, str, str, str],
                     publicize: tuple[str, str] | None = None) -> str:
    """The maintenance fund's emergency path (Order 165 art. 24), step by step on the given days:
    request, the residents' committee's confirmation, the committee's review, implementation,
    the transfer application and payment. Returns the expense number."""
    from zhili_cli.services import expenses

    request, confirm, decide, implement, transfer, pay = days
    with _write(g, "demo expense request", request) as tx:
        row = expenses.request(tx, rules, fund="maintenance_fund", amount_fen=amount_fen, payee=payee,
                               purpose=purpose, emergency=emergency)
    with _write(g, "demo expense confirm", confirm) as tx:
        expenses.confirm(tx, rules, row["number"], party="residents_committee", by=REPRESENTATIVES["residents_committee"],
                         note="社区居委会现场确认")
    if _vote(g, rules, row["number"], title, "committee", decide):
        with _write(g, "demo expense approve", decide) as tx:
            expenses.approve(tx, rules, row["number"])
        for step, day in (("implement", implement), ("apply_transfer", transfer)):
            with _write(g, "demo fund step", day) as tx:
                expenses.step(tx, rules, row["number"], step)
        with _write(g, "demo expense pay", pay) as tx:
            expenses.pay(tx, rules, row["number"], on_date=pay)
        if publicize:
            with _write(g, "demo fund step", publicize[0]) as tx:
                expenses.step(tx, rules, row["number"], "publicize", note=publicize[1])
    return row["number"]


def _write(g: Any, command: str, day: str) -> Any:
    """One transaction dated on the day the paperwork happened."""
    return g.write(command, at=on_day(day))


def chair_expense(g: Any, rules: Any, day: str, yuan: int, payee: str, purpose: str, paid: str | None,
                  fund: str = "public_revenue", shares: list[str] | None = None) -> str:
    """An expense of the chair's tier: requested and approved on `day`, paid on `paid` (None: not
    yet). Returns its number."""
    from zhili_cli.services import expenses

    with _write(g, "demo expense request", day) as tx:
        row = expenses.request(tx, rules, fund=fund, amount_fen=yuan * 100, payee=payee, purpose=purpose,
                               shares=shares)
    with _write(g, "demo expense approve", day) as tx:
        expenses.approve(tx, rules, row["number"], by=CHAIR)
    if paid:
        with _write(g, "demo expense pay", paid) as tx:
            expenses.pay(tx, rules, row["number"], on_date=paid)
    return row["number"]


def _vote(g: Any, rules: Any, number: str, title: str, body: str, day: str) -> bool:
    """The committee vote or three-party decision that names the expense, taken at that body's
    meeting on the day, with those present recorded (meetings area)."""
    from datetime import date

    from zhili_cli.services import meetings, motions

    with _write(g, "demo motion propose", day) as tx:
        motion = motions.propose(tx, rules, title=title, subject=number, only_body=body)
    present = [e.split("=")[0] for e in COMMITTEE_YES] if body == "committee" else ["张红梅", "李明", "金建国"]
    with _write(g, "demo meeting attend", day) as tx:
        meeting = meetings.schedule(tx, rules, kind=body, on=date.fromisoformat(day), title=f"审议 {title}")
        meetings.attend(tx, rules, meeting["number"], names=present, parties=[])
    with _write(g, "demo motion vote", day) as tx:
        if body == "committee":
            motions.vote(tx, rules, motion["number"], members=COMMITTEE_YES, meeting=meeting["number"])
        else:
            motions.vote(tx, rules, motion["number"], positions=THREE_PARTY_YES, meeting=meeting["number"])
    return True


def build(g: Any, examples: Path) -> dict[str, Any]:
    from zhili_cli.services import expenses, ledger, projects

    rules = g.rules_obj()
    with _write(g, "demo ledger", "2024-01-01") as tx:
        ledger.opening(tx, fund="public_revenue", amount_fen=8_650_000, on_date="2024-01-01")
        ledger.opening(tx, fund="maintenance_fund", amount_fen=185_000_000, on_date="2024-01-01")
    income = 0
    for month, source, yuan in sorted(INCOME):
        day = f"2024-{month:02d}-05"
        with _write(g, "demo ledger income", day) as tx:
            ledger.income(tx, source=source, amount_fen=yuan * 100, on_date=day, period=f"2024-{month:02d}")
        income += yuan * 100

    numbers = [chair_expense(g, rules, *expense) for expense in CHAIR_EXPENSES]

    with _write(g, "demo project add", "2024-02-27") as tx:
        project = projects.add(tx, title="室外集中充电棚")
    for title, due, party, verified in MILESTONES:
        with _write(g, "demo project milestone", "2024-02-27") as tx:
            m = projects.add_milestone(tx, project["number"], title=title, due=due, party=party)
        for who in ("property", "owners_committee", "residents_committee")[: 3 if verified else 2]:
            with _write(g, "demo project verify", due) as tx:
                projects.verify(tx, m["ref"], party=who, by=REPRESENTATIVES[who])

    for day, yuan, payee, purpose, decided in HIGHER_EXPENSES:
        with _write(g, "demo expense request", day) as tx:
            extra = {"project": project["number"]} if "充电棚" in purpose else {}
            row = expenses.request(tx, rules, fund="public_revenue", amount_fen=yuan * 100, payee=payee,
                                   purpose=purpose, **extra)
        numbers.append(row["number"])
        if decided and _vote(g, rules, row["number"], purpose, row["required_body"], decided):
            with _write(g, "demo expense approve", decided) as tx:
                expenses.approve(tx, rules, row["number"])
            with _write(g, "demo expense pay", decided) as tx:
                expenses.pay(tx, rules, row["number"], on_date=decided)

    # a lift breaks down badly: the maintenance fund's emergency path (Order 165 art. 24)
    numbers.append(emergency_repair(g, rules, amount_fen=6_800_000, payee="奥的斯电梯维保",
                                    purpose="5幢1单元电梯曳引机更换", emergency="lift_failure", title="电梯应急维修",
                                    days=("2024-11-20", "2024-11-21", "2024-11-22", "2024-11-25", "2024-12-10",
                                          "2024-12-16"), publicize=("2024-12-18", "公示栏及“浙里办”同步公示")))
    return {"income_fen": income, "expenses": len(numbers), "projects": 1}
