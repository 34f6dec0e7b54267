"""Demo, meetings part: the June 2025 three-party meeting with its agenda built from what was
waiting, and one motion carried through 党组织先议 → 三方协议 → 居民决议 with owners' ballots
over the whole register (seeds 000, 001, 004)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhili_cli.demo import on_day


PRESENT = ["张红梅", "李明", "金建国", "沈丽", "陆伟"]
POSITIONS = ["居委会=同意", "业委会=同意", "物业=同意"]


def _write(g: Any, command: str, day: str) -> Any:
    """One transaction dated on the day the paperwork happened."""
    return g.write(command, at=on_day(day))


def _choice(i: int) -> str | None:
    """Eight households in ten vote; of those, one in eight opposes."""
    if i % 10 in (0, 5):
        return None
    return "反对" if i % 10 == 3 else "同意"


def _plus(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()


def build(g: Any, examples: Path) -> dict[str, Any]:
    from zhili_cli.services import meetings, motions, petitions
    from zhili_cli.store import households

    rules = g.rules_obj()
    with _write(g, "demo petition add", "2025-06-20") as tx:
        p = petitions.add(tx, rules, title="南门增设非机动车出入道闸", source="appointment",
                          text="电瓶车从南门机动车道进出，存在安全隐患，建议增设非机动车道闸", kind="major",
                          building="南门")
        petitions.triage(tx, rules, p["number"], kind="major")
    with _write(g, "demo motion propose", "2025-06-23") as tx:
        motion = motions.propose(tx, rules, title="南门增设非机动车道闸并改造出入口",
                                 text="利用公共收益在南门增设非机动车道闸，调整出入口布局。",
                                 matter="change_use", origins=[p["number"]])
        number = motion["number"]
    with _write(g, "demo motion vote", "2025-06-23") as tx:
        motions.vote(tx, rules, number, result="同意")
        motions.advance(tx, number, note="党支部委员会先议通过")
    with _write(g, "demo meeting schedule", "2025-06-24") as tx:
        meeting = meetings.schedule(tx, rules, kind="three_party", convener="社区党委")
        m = meeting["number"]
        meetings.build_agenda(tx, rules, m)
        meetings.publish_agenda(tx, m)
    with _write(g, "demo meeting attend", meeting["date"]) as tx:
        meetings.attend(tx, rules, m, names=PRESENT, parties=[])
    items = meetings.detail(g.conn(), m)["agenda"]
    with _write(g, "demo meeting decide", meeting["date"]) as tx:
        motions.vote(tx, rules, number, positions=POSITIONS, meeting=m)
        for it in items:
            if it["type"] == "petition" and it["ref"] == p["number"]:
                meetings.decide(tx, rules, m, it["position"], decision=f"纳入议案 {number}，提交业主表决",
                                owner="owners_committee", due=on_day("2025-09-30"))
            elif it["type"] == "motion" and it["ref"] == number:
                meetings.decide(tx, rules, m, it["position"], decision="三方一致同意，提交居民决议")
            elif it["type"] == "report_back":
                meetings.decide(tx, rules, m, it["position"], decision="已通报办理结果")
        motions.advance(tx, number, note=f"{m} 三方协议")
        meetings.publish_decisions(tx, m)
    rows = households.list_(g.conn())
    ballots = []
    for i, h in enumerate(rows):
        picked = _choice(i)
        if picked:
            label = f"{h['building']}-{h['unit']}-{h['room']}" if h["unit"] else f"{h['building']}-{h['room']}"
            ballots.append(f"{label}={picked}@{h['owner'] or '业主'}")
    # a written consultation (书面征求意见) announced on the day of the three-party agreement:
    # voting 15 days later (July 2025), ballots inside the window, closed after it
    from zhili_cli.services import owner_votes

    announced = meeting["date"][:10]
    with _write(g, "demo motion vote open", announced) as tx:
        opened = owner_votes.open_vote(tx, rules, number, start=_plus(announced, 15), end=_plus(announced, 25),
                                       announced=announced)
    with _write(g, "demo motion vote", _plus(announced, 20)) as tx:
        motions.vote(tx, rules, number, ballots=ballots)
    with _write(g, "demo motion vote close", _plus(opened["window_to"], 1)) as tx:
        out = owner_votes.close_vote(tx, rules, number)
    carried = False
    if out["tally"]["passed"]:
        with _write(g, "demo motion advance", _plus(opened["window_to"], 2)) as tx:
            carried = motions.advance(tx, number, note="业主表决通过")["status"] == "carried"
    return {"meeting": m, "agenda_items": len(items), "motion": number, "ballots": len(ballots),
            "carried": carried}
