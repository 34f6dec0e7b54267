"""Demo, core part: the compound, its households, people and petition register."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from zhili_cli.domain import vocab


CONTACT = "0573-85120000 龙湫湾社区居委会一楼服务窗口"  # printed on every public notice for objections


def build(g: Any, examples: Path) -> dict[str, Any]:
    from zhili_cli.services import households, members, petition_import, report_settings
    from zhili_cli.store import compound
    from zhili_cli.store import households as household_store

    rules = g.rules_obj()
    with g.write("demo households") as tx:
        households.import_file(tx, examples / "households.csv")
        count, area = household_store.totals(tx.conn)
        compound.put(tx, "龙湫湾小区", count, area, True)
        report_settings.set_contact(tx, CONTACT)
    with g.write("demo members") as tx:
        with (examples / "members.csv").open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                members.add(tx, rules, name=rec["姓名"], role=vocab.role(rec["角色"]),
                            term_start=rec["任期开始"] or None, term_end=rec["任期结束"] or None,
                            basis=rec["任职依据"] or None, basis_date=rec["依据日期"] or None)
    with g.write("demo petitions") as tx:
        result = petition_import.import_file(tx, rules, examples / "petitions.csv")
    return {"households": count, "petitions": result["counts"]["new"]}
