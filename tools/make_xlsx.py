"""Write the import samples that are not plain UTF-8 CSV (deterministic).

    python tools/make_xlsx.py

- petitions.xlsx: a petition register as Excel/WPS saves it — real date cells, phone
  numbers stored as numbers, satisfaction as integers, headers with synonyms, a blank
  trailing row, and a second sheet (汇总) that the import ignores unless --sheet names it.
- households-gbk.csv: a small household register exported by Excel on a Chinese Windows
  (GB18030/GBK, no BOM), with 幢/单元/室/㎡ written into the cells.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent.parent / "src" / "zhili_cli" / "examples"  # packaged data

PETITIONS = [
    # 收到日期 (date cell), 渠道, 事项, 详情, 类型, 楼号, 联系人, 手机 (number), 承办单位, 办理状态, 完成日期, 答复, 评价
    (datetime(2024, 3, 1, 9, 30), "线上", "3幢电梯异响", "早晚高峰异响明显", "急", "3幢", "陈丽", 13812345678,
     "物业", "已办结", datetime(2024, 3, 1, 16, 0), "已更换导轨滑块", 5),
    (datetime(2024, 3, 2), "信箱", "小区东门路灯不亮", "", "小", "", "王强", 13998765432,
     "物业", "已办结", datetime(2024, 3, 4), "已更换灯泡", 4),
    (datetime(2024, 3, 3, 19, 5), "敲门日", "12幢外墙渗水", "1201室卧室墙面发霉", "难", "12", "刘芳", 15800001111,
     "业委会", "已受理", None, None, None),
    (datetime(2024, 3, 5, 10, 0), "我与书记有约", "增设电动车充电桩", "车棚不够用，飞线充电有隐患", "大", "", "赵军", None,
     None, "待受理", None, None, None),
    (datetime(2024, 3, 6, 8, 45), "巡查", "消防通道被占", "", "急", "7", "", None,
     "物业", "已办结", datetime(2024, 3, 6, 9, 30), "已劝离车辆", None),
    (datetime(2024, 3, 8, 14, 0), "走访", "邻里装修噪音", "", "私", "21", "孙敏", 17700002222,
     "居委会", "办理中", None, None, None),
]
HEADERS = ["收到日期", "渠道", "事项", "详情", "类型", "楼号", "联系人", "手机", "承办单位", "办理状态", "完成日期", "答复", "评价"]

HOUSEHOLDS = [
    ("楼号", "单元", "室号", "建筑面积（㎡）", "户主", "手机", "常住人数", "特殊标记", "楼道长"),
    ("31幢", "1单元", "101室", "89.56㎡", "林建国", "13800001001", "3人", "", "是"),
    ("31幢", "1单元", "201室", "118.32㎡", "郑秀英", "13800001002", "2人", "独居老人", ""),
    ("31幢", "1单元", "301室", "118.32平方米", "黄海", "13800001003", "4", "", ""),
    ("31幢", "2单元", "101室", "132.75 m²", "吴晓梅", "13800001004", "1", "残疾人", ""),
    ("31幢", "2单元", "201室", "168.91", "周志文", "13800001005", "5", "", ""),
    ("32栋", "1单元", "101", "143.6", "钱燕", "", "", "", ""),
]


def petitions_xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "诉求台账"
    sheet.append(HEADERS)
    for row in PETITIONS:
        sheet.append(list(row))
    for cell in sheet["A"][1:] + sheet["K"][1:]:
        if cell.value is not None:
            cell.number_format = "yyyy/m/d h:mm"
    sheet.append([None] * len(HEADERS))  # a blank trailing row, as spreadsheets often leave
    summary = book.create_sheet("汇总")
    summary.append(["类别", "件数"])
    for kind in ("大", "难", "急", "小", "私"):
        summary.append([kind, sum(1 for r in PETITIONS if r[4] == kind)])
    fixed = datetime(2024, 3, 10)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.properties.creator = "zhili examples"
    book.save(path)


def households_gbk(path: Path) -> None:
    text = "\r\n".join(",".join(row) for row in HOUSEHOLDS) + "\r\n"
    path.write_bytes(text.encode("gb18030"))


if __name__ == "__main__":
    petitions_xlsx(HERE / "petitions.xlsx")
    households_gbk(HERE / "households-gbk.csv")
