"""The income register (收入台账): public income of the compound — parking, advertising,
rent of common parts, interest — one line per receipt.

Usage, for the command that stores income:

    from zhili_cli.importing.income import INCOME, key
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(INCOME, headers, path, mapping)
    for line, rec in records(INCOME, path, headers, rows, columns, problems if dry_run else None):
        # rec: date (datetime.date), amount_fen (int > 0), category, payer, description,
        #      voucher, account (str or None); key(rec) is the natural key for re-imports
        ...
"""

from __future__ import annotations

from typing import Any

from zhili_cli.importing.cells import MONEY_DOC, PAST_DAY_DOC, parse_day, parse_money, parse_past_day, parse_text
from zhili_cli.importing.spec import Field, Spec, content_key

INCOME = Spec("income", (
    Field("date", ("日期", "收入日期", "到账日期", "收款日期", "入账日期", "记账日期", "received", "received_at"),
          parse_past_day, required=True, doc=PAST_DAY_DOC),
    Field("amount_fen", ("金额", "收入金额", "收入", "金额(元)", "收款金额", "amount", "amount_yuan"), parse_money,
          required=True, doc=MONEY_DOC),
    Field("category", ("类别", "收入类别", "科目", "项目", "收入项目", "类型", "category", "kind"), parse_text,
          doc="停车费, 广告费, 场地租金, 利息 …"),
    Field("payer", ("付款方", "付款人", "缴款人", "交款人", "来源", "对方单位", "from"), parse_text),
    Field("description", ("摘要", "说明", "备注", "用途", "内容", "note", "memo"), parse_text, default=""),
    Field("voucher", ("凭证号", "单据号", "票据号", "收据号", "编号", "voucher_no", "receipt"), parse_text),
    Field("account", ("账户", "收款账户", "银行账户", "account_name"), parse_text),
))

KEY_FIELDS = ("date", "amount_fen", "category", "payer", "voucher", "description")


def key(rec: dict[str, Any]) -> str:
    """Natural key of one income line: the same receipt imported twice is the same line."""
    return content_key(rec, KEY_FIELDS)
