"""The expense register (支出台账): one line per payment out of the compound's funds.

Usage, for the command that records expenses:

    from zhili_cli.importing.expenses import EXPENSES, key
    from zhili_cli.importing.reader import read_rows
    from zhili_cli.importing.spec import map_headers, records

    headers, rows = read_rows(path, encoding, sheet)
    columns = map_headers(EXPENSES, headers, path, mapping)
    for line, rec in records(EXPENSES, path, headers, rows, columns, problems if dry_run else None):
        # rec: date (datetime.date), amount_fen (int > 0), item (str), payee, category,
        #      voucher, approved_by, fund (str or None); key(rec) is the natural key
        ...

The tier an expense needs (chair / committee / three-party / owners' assembly) is the
money rules' business: compute it from amount_fen when storing, do not read it from the file.
`services/expense_import.py` is the command that stores them.
"""

from __future__ import annotations

from typing import Any

from zhili_cli.importing.cells import (MONEY_DOC, PAST_DAY_DOC, CellError, parse_day, parse_money, parse_past_day,
                                      parse_text)
from zhili_cli.importing.spec import Field, Spec, content_key


def _fund(text: str) -> str:
    """公共收益 or 维修资金. A co-funded payment needs its shares, which a register line lacks."""
    from zhili_cli.domain.expenses import fund
    from zhili_cli.errors import UserError

    try:
        key = fund(text.strip())
    except UserError:
        raise CellError("cell_bad_fund", value=text) from None
    if key == "co_funded":
        raise CellError("cell_cofunded_expense", value=text)
    return key

EXPENSES = Spec("expenses", (
    Field("date", ("日期", "支出日期", "付款日期", "支付日期", "记账日期", "报销日期", "paid", "paid_at"),
          parse_past_day, required=True, doc=PAST_DAY_DOC),
    Field("amount_fen", ("金额", "支出金额", "支出", "付款金额", "报销金额", "amount", "amount_yuan"), parse_money,
          required=True, doc=MONEY_DOC),
    Field("item", ("事项", "用途", "摘要", "支出事项", "项目", "内容", "说明", "title", "purpose"), parse_text,
          required=True),
    Field("payee", ("收款方", "收款单位", "收款人", "供应商", "对方单位", "to", "vendor"), parse_text),
    Field("category", ("类别", "支出类别", "科目", "类型", "category", "kind"), parse_text,
          doc="维修, 保洁, 绿化, 办公 …"),
    Field("voucher", ("凭证号", "单据号", "发票号", "票据号", "编号", "voucher_no", "invoice"), parse_text),
    Field("approved_by", ("审批人", "批准人", "经办人", "审批", "approver"), parse_text),
    Field("fund", ("资金来源", "资金", "支出账户", "账户", "fund_source"), _fund,
          doc="公共收益 or 维修资金 (default: --fund); 共建 lines need their shares: `expense request --share`"),
))

KEY_FIELDS = ("date", "amount_fen", "item", "payee", "voucher")


def key(rec: dict[str, Any]) -> str:
    """Natural key of one expense line: the same payment imported twice is the same line."""
    return content_key(rec, KEY_FIELDS)
