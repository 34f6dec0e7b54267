"""Demo, the current quarter (2025Q2, the demo's clock stands at its last day): income every
month, spending paid, an item approved and not yet paid, a co-funded item (public revenue and
the sub-district's share), a reversed income entry and a second maintenance-fund emergency, so
that every part of the disclosure has something to show. Parking and advertising income is
shared revenue: recorded as the gross the property company collected, with the owners' share of
the demo compound's rules (demo.OWNER_SHARE; `zhili demo` writes them beside its database)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhili_cli.demo import shared_income
from zhili_cli.demo.money import _write, chair_expense, emergency_repair

INCOME = ([(m, "shop_rent", 15_000) for m in range(1, 7)] + [(m, "parking", 11_000) for m in range(1, 7)]
          + [(m, "advertising", 7_000) for m in (3, 6)])

# (requested, yuan, payee, purpose, paid on or None) — chair tier
PAID = [
    ("2025-04-08", 2_680, "平湖五金店", "3幢楼道扶手维修", "2025-04-12"),
    ("2025-05-14", 3_900, "绿意园艺", "中心花园补种", "2025-05-22"),
    ("2025-06-03", 860, "王建华", "志愿者慰问品采购（个人垫付报销）", "2025-06-05"),
]
PENDING = ("2025-06-18", 4_200, "平湖印务", "第二季度公示栏与宣传册印制")
CO_FUNDED = ("2025-05-06", 5_000, "平湖园林家具厂", "南门休闲座椅（街道共建）",
             ["public_revenue=3000", "街道=2000"], "2025-05-28")


def build(g: Any, examples: Path) -> dict[str, Any]:
    from zhili_cli.services import ledger

    rules = g.rules_obj()
    for month, source, yuan in sorted(INCOME):
        day = f"2025-{month:02d}-05"
        with _write(g, "demo ledger income", day) as tx:
            shared_income(tx, rules, source=source, amount_fen=yuan * 100, on_date=day, period=f"2025-{month:02d}")
    # May's parking fee entered twice by mistake, and the second entry reversed (冲销) two weeks later
    with _write(g, "demo ledger income", "2025-05-06") as tx:
        twice = shared_income(tx, rules, source="parking", amount_fen=1_100_000, on_date="2025-05-06",
                              period="2025-05")
    with _write(g, "demo ledger reverse", "2025-05-20") as tx:
        ledger.reverse(tx, twice["entry"], reason="5月停车费重复登记")
    numbers = [chair_expense(g, rules, *expense) for expense in PAID]
    numbers.append(chair_expense(g, rules, *PENDING, None))
    day, yuan, payee, purpose, shares, paid = CO_FUNDED
    numbers.append(chair_expense(g, rules, day, yuan, payee, purpose, paid, "co_funded", shares))
    # a second emergency: the roof of building 12 leaks in the plum rains (Order 165 art. 24)
    numbers.append(emergency_repair(g, rules, amount_fen=2_350_000, payee="平湖建安防水工程有限公司",
                                    purpose="12幢屋面渗漏应急维修", emergency="roof_or_wall_leak",
                                    title="12幢屋面渗漏应急维修",
                                    days=("2025-06-09", "2025-06-10", "2025-06-11", "2025-06-13", "2025-06-20",
                                          "2025-06-25")))
    return {"expenses": len(numbers)}
