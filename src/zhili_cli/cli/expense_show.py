"""`expense show`: one expense with its approvals (and what voided them), fund steps and corrections."""

from __future__ import annotations

from typing import Any

from zhili_cli.domain.money import format_yuan
from zhili_cli.i18n import t


def render(row: dict[str, Any], json_out: bool) -> None:
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(row)
        return
    from zhili_cli.cli.output import kv, table

    pairs = [
        (t("efield.status"), t(f"expense.status.{row['status']}")),
        (t("efield.fund"), t(f"fund.{row['fund']}")),
        (t("efield.amount"), format_yuan(row["amount_fen"])),
        (t("efield.payee"), row["payee"]),
        (t("efield.tier"), t(f"tier.{row['tier']}")),
        (t("efield.required_body"), t(f"body.{row['required_body']}")),
    ]
    if row["split"]:
        pairs.append((t("efield.split"), t("expense.split_line", numbers="、".join(
            f"{e['number']}（{e['payee']}，{format_yuan(e['amount_fen'])}）" for e in row["split"]["summed"]),
            total=format_yuan(row["split"]["total_fen"]))))
    if row["shares"]:
        pairs.append((t("efield.shares"), "; ".join(
            f"{t('fund.' + k) if k in ('public_revenue', 'maintenance_fund', 'co_funded') else k} {format_yuan(v)}"
            for k, v in row["shares"].items())))
    if row.get("scope"):
        pairs.append((t("efield.scope"), "、".join(row["scope"])))
    if row["emergency"]:
        pairs.append((t("efield.emergency"), t(f"emergency.{row['emergency']}")))
    for field in ("motion", "project", "petition", "requested_by", "requested_at", "paid_at"):
        if row.get(field):
            pairs.append((t(f"efield.{field}"), row[field]))
    if row.get("closed_reason"):
        pairs.append((t("efield.reason"), row["closed_reason"]))
    kv(f"{row['number']} {row['purpose']}", pairs)
    if row["approvals"]:
        table(t("approvals_title"), [t("col.e_body"), t("col.e_ref"), t("col.e_by"), t("col.e_date"), t("col.e_detail")],
              [(t(f"body.{a['body']}"), _approval_ref(a["ref"]), a["approver"], (a["at"] or "")[:16].replace("T", " "),
                tally_text(a["detail"]) + (" " + t("expense.voided", reason=a["voided_reason"]) if a["voided_at"] else ""))
               for a in row["approvals"]])
    if row["fund_steps"]:
        from zhili_cli.cli.fund import _note

        table(t("fund.steps_title"), [t("col.f_step"), t("col.f_done"), t("col.f_by"), t("col.f_note")],
              [(t(f"step.{s['step']}"), (s["at"] or "")[:10], s["actor"], _note(s["note"])) for s in row["fund_steps"]])
    changes = [h for h in row["history"] if h["action"] in ("amend", "void")]
    if changes:
        table(t("expense.history_title"), [t("col.h_at"), t("col.h_by"), t("col.h_what"), t("col.h_reason")],
              [((h["at"] or "")[:16].replace("T", " "), h["by"] or "", _change_text(h), h["reason"] or "")
               for h in changes])



def _approval_ref(ref: str | None) -> str:
    """Y2024-001/committee → Y2024-001/业委会; a confirming body's code → its name."""
    from zhili_cli.domain import vocab

    if not ref:
        return ""
    head, sep, tail = ref.rpartition("/")
    body = vocab.find("body", tail)
    return f"{head}{sep}{vocab.name('body', vocab.approval_body(body))}" if body else ref


def tally_text(detail: str | None) -> str:
    """A decision's stored tally in words: "7 人中 4 同意、1 反对"; other text as it is."""
    import json

    try:
        tally = json.loads(detail or "")
    except ValueError:
        return detail or ""
    if not isinstance(tally, dict):
        return detail or ""
    if "members" in tally:
        return t("expense.tally_members", total=tally.get("members", 0), yes=tally.get("yes", 0),
                 no=tally.get("no", 0), abstain=tally.get("abstain", 0))
    if "owners" in tally:
        return t("expense.tally_owners", total=tally.get("owners", 0), voted=tally.get("voted_owners", 0),
                 yes=tally.get("agree_owners", 0))
    return detail or ""


def _change_text(h: dict[str, Any]) -> str:
    from zhili_cli.domain.money import format_yuan

    if h["action"] == "void":
        return t("expense.history_void", body=t(f"body.{h['body']}"))
    before, after = h["before"] or {}, h["after"] or {}
    parts = []
    for key in ("amount_fen", "payee", "purpose", "fund", "required_body"):
        if before.get(key) != after.get(key):
            old, new = before.get(key), after.get(key)
            if key == "amount_fen":
                old, new = format_yuan(old or 0), format_yuan(new or 0)
            elif key == "fund":
                old, new = t(f"fund.{old}"), t(f"fund.{new}")
            elif key == "required_body":
                old, new = t(f"body.{old}"), t(f"body.{new}")
            parts.append(f"{t('efield.' + key.replace('_fen', ''))}：{old} → {new}")
    return "；".join(parts)


