"""Regenerate the example compound's registers (deterministic). Run: python tools/make_examples.py [DIR]
(DIR defaults to the packaged examples; tests/test_examples_generator.py checks that the
generator reproduces the packaged files byte for byte).

The compound is modelled on seed 000 (龙湫湾): 1 505 households, about 238 000 m²,
a committee of 7, and petitions from 2018 to mid-2025 of which 340 major/difficult
matters were deliberated 2018–2024 and 330 of them done (97 %).
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src" / "zhili_cli" / "examples"  # packaged data
SEED = 20181
rng = random.Random(SEED)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕鹏飞斌宇浩凯晨晓雪梅琳婷欣怡"


def name() -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def phone() -> str:
    return rng.choice(("138", "139", "135", "186", "158", "177")) + f"{rng.randrange(10**8):08d}"


def households() -> list[dict]:
    rows = []
    # 檀郡 1–12, 紫轩 13–22, 悦居 23–30: 30 buildings, 2 units, 25 floors of 1 room, ~1505 units
    for b in range(1, 31):
        units = 2 if b <= 20 else 3
        floors = 26 if b <= 12 else 24
        for u in range(1, units + 1):
            for floor in range(1, floors + 1):
                if len(rows) >= 1505:
                    return rows
                area = rng.choice((89.56, 118.32, 132.75, 143.6, 168.91, 196.4, 228.05))
                unsold = b == 30 and floor > 20
                rows.append({
                    "楼栋": b, "单元": u, "房号": f"{floor}01", "面积": f"{area:.2f}",
                    "业主": "开发商" if unsold else name(), "电话": "" if unsold else phone(),
                    "人数": 0 if unsold else rng.choice((1, 2, 3, 3, 4, 5)),
                    "标记": rng.choice(("", "", "", "", "", "独居老人", "残疾人")) if not unsold else "",
                    "楼道长": "是" if floor == 1 and u == 1 else "",
                    "开发商未售": "是" if unsold else "",
                })
    return rows


TITLES = {
    "major": ["架空层电瓶车飞线充电隐患，建议集中充电棚", "小区监控系统老化需整体更新", "地下车库渗水需系统维修",
              "电梯频繁困人，建议整体检测并更换主板", "公共收益使用方案需业主讨论"],
    "difficult": ["高空抛物难以查证", "群租房噪音扰民", "违章搭建阳光房", "楼顶违规种菜", "宠物粪便治理"],
    "urgent": ["单元门禁损坏无法关闭", "消防通道被车辆堵塞", "水管爆裂漏水", "电梯困人"],
    "minor": ["路灯不亮", "草坪杂草过高", "垃圾桶破损", "健身器材松动", "楼道灯坏", "休憩座椅不足", "木质护栏腐烂"],
    "private": ["邻里漏水纠纷", "装修噪音纠纷", "停车位纠纷"],
}
SOURCES = ["信箱", "信箱", "走访", "巡查", "线上", "敲门日", "我与书记有约", "网格员", "热线"]
ZH = {"major": "大", "difficult": "难", "urgent": "急", "minor": "小", "private": "私"}


def petitions() -> list[dict]:
    rows: list[dict] = []
    # Deliberated matters (大/难) 2018–2024: 340, of which 330 done.
    deliberated = []
    for i in range(340):
        year = 2018 + i * 7 // 340
        day = datetime(year, 1, 3) + timedelta(days=rng.randrange(360), hours=rng.randrange(8, 19))
        deliberated.append(day)
    undone = set(rng.sample(range(340), 10))
    for i, day in enumerate(sorted(deliberated)):
        kind = "major" if i % 3 else "difficult"
        done = i not in undone
        rows.append(_row(day, kind, done, rng.randrange(20, 80)))
    # Everyday matters 2018 – June 2025.
    start = datetime(2018, 1, 2, 9)
    for i in range(1400):
        day = start + timedelta(days=rng.randrange(0, 2737), hours=rng.randrange(0, 10))
        kind = rng.choice(("minor", "minor", "minor", "urgent", "private"))
        recent = day > datetime(2025, 6, 1)
        done = not recent and rng.random() < 0.985
        rows.append(_row(day, kind, done, rng.randrange(1, 8) if kind != "urgent" else rng.randrange(0, 3)))
    # Deliberated matters of 2025 still under way.
    for i in range(18):
        day = datetime(2025, 1, 5) + timedelta(days=rng.randrange(170), hours=10)
        rows.append(_row(day, rng.choice(("major", "difficult")), i < 9, rng.randrange(20, 60)))
    rows.sort(key=lambda r: r["受理日期"])
    # June 2025, the demo's current month: everyday matters of its first three weeks are done
    # by now (set without drawing from rng, so every other row stays as it was).
    for i, row in enumerate(rows):
        received = datetime.strptime(row["受理日期"], "%Y-%m-%d %H:%M")
        if (row["状态"] == "办理中" and row["类别"] in ("小", "急", "私")
                and datetime(2025, 6, 1) <= received < datetime(2025, 6, 21) and i % 6):
            row.update({"状态": "已办结", "办结日期": (received + timedelta(days=2, hours=3)).strftime("%Y-%m-%d %H:%M"),
                        "反馈": "已处理并回访"})
    # Five deliberated matters of late 2024 drew a closure date in 2025; they were closed by
    # hand before the year's end, so that seed 000's "2018–2024: 340 deliberated, 330 done"
    # holds for 2018–2024 (set without drawing from rng, so every other row stays as it was).
    for row in rows:
        closed = CLOSED_IN_2024.get((row["受理日期"], row["标题"]))
        if closed:
            row["办结日期"] = closed
    return rows


# (received, title) → the closure date set by hand (see petitions()).
CLOSED_IN_2024 = {
    ("2024-11-06 10:00", "20幢小区监控系统老化需整体更新"): "2024-12-30 16:00",
    ("2024-12-04 12:00", "8幢楼顶违规种菜"): "2024-12-27 15:00",
    ("2024-12-14 16:00", "1幢小区监控系统老化需整体更新"): "2024-12-29 19:00",
    ("2024-12-15 12:00", "22幢电梯频繁困人，建议整体检测并更换主板"): "2024-12-28 15:00",
    ("2024-12-21 15:00", "21幢宠物粪便治理"): "2024-12-30 17:00",
}


def _row(day: datetime, kind: str, done: bool, days: int) -> dict:
    closed = day + timedelta(days=days, hours=3)
    building = rng.randrange(1, 31)
    return {
        "受理日期": day.strftime("%Y-%m-%d %H:%M"),
        "来源": rng.choice(SOURCES),
        "标题": f"{building}幢{rng.choice(TITLES[kind])}",
        "内容": "",
        "类别": ZH[kind],
        "楼栋": building,
        "反映人": name(),
        "联系电话": phone(),
        "责任方": {"minor": "物业", "urgent": "物业", "private": "居委会"}.get(kind, "业委会"),
        "状态": ("已评价" if rng.random() < 0.6 else "已办结") if done else "办理中",
        "办结日期": closed.strftime("%Y-%m-%d %H:%M") if done else "",
        "反馈": "已处理并回访" if done else "",
        "满意度": rng.choice((4, 5, 5, 5, 3)) if done else "",
    }


ELECTED = ("龙湫湾业主大会选举结果公告2023-01号", "2023-05-20")  # the election that gives the committee its basis
MEMBERS = [
    ("金建国", "主任", "2023-06-01", "2028-05-31", *ELECTED), ("沈丽", "副主任", "2023-06-01", "2028-05-31", *ELECTED),
    ("陆伟", "委员", "2023-06-01", "2028-05-31", *ELECTED), ("顾敏", "委员", "2023-06-01", "2028-05-31", *ELECTED),
    ("钱志文", "委员", "2023-06-01", "2028-05-31", *ELECTED), ("朱晓雪", "委员", "2023-06-01", "2028-05-31", *ELECTED),
    ("吴海燕", "委员", "2023-06-01", "2028-05-31", *ELECTED),
    ("张红梅", "居委会代表", "2023-01-01", "", "社区居委会委派函2023-02号", "2023-01-01"),
    ("李明", "物业代表", "2023-01-01", "", "物业公司委派函2023-7号", "2023-01-01"),
    ("王芳", "网格员", "", "", "", ""),
]


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main(out: Path = HERE) -> None:
    """Write the three registers into `out`; households first: the others draw from the same rng."""
    rng.seed(SEED)
    write(out / "households.csv", households())
    write(out / "petitions.csv", petitions())
    write(out / "members.csv", [{"姓名": n, "角色": r, "任期开始": s, "任期结束": e, "任职依据": b, "依据日期": d}
                                for n, r, s, e, b, d in MEMBERS])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
