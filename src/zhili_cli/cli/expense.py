"""zhili expense: tiered approval of spending (四级联审) — check, request, approve, pay."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from zhili_cli.cli import imports
from zhili_cli.cli import listing
from zhili_cli.domain.vocab import typed  # a default as help shows it: the word people type
from zhili_cli.i18n import t


app = typer.Typer(help=t("cmd.expense"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))
REF = typer.Argument(..., help=t("arg.expense"))


def relation_text(rel: str, bound_fen: int | None) -> str:
    from zhili_cli.domain.money import format_yuan

    return t(f"rel.{rel}", bound=format_yuan(bound_fen) if bound_fen is not None else "")


def check_lines(result: Any, rules: Any) -> list[str]:
    """Human explanation of a tier decision (and of a split that raised it)."""
    from zhili_cli.domain.money import format_yuan

    alone = result.alone
    lines = [t("tier_result", amount=format_yuan(alone.amount_fen), tier=t(f"tier.{result.tier}")),
             t("tier_why", rule=f"expenses.tiers[{alone.index}]", name=typed("body", alone.tier),
               relation=relation_text(alone.relation, alone.bound_fen))]
    if result.earlier:
        combined = result.combined
        lines.append(t("tier_split", days=rules.expenses.split_window_days, total=format_yuan(result.total_fen),
                       numbers=", ".join(f"{e['number']} {format_yuan(e['amount_fen'])}" for e in result.earlier),
                       tier=t(f"tier.{combined.tier}")))
        lines.append(t("tier_why", rule=f"expenses.tiers[{combined.index}]", name=typed("body", combined.tier),
                       relation=relation_text(combined.relation, combined.bound_fen)))
    return lines


@app.command("check", help=t("cmd.expense.check"),
             context_settings={"ignore_unknown_options": True})
def check(
    ctx: typer.Context,
    amount: str = typer.Argument(..., help=t("arg.amount")),
    payee: Optional[str] = typer.Option(None, "--payee", help=t("opt.payee")),
    project: Optional[str] = typer.Option(None, "--project", help=t("opt.project_ref")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import fen_to_yuan, parse_yuan
    from zhili_cli.services import expenses

    g = globals_of(ctx)
    fen = parse_yuan(amount)
    rules = g.rules_obj()
    conn = g.conn() if (payee or project) and g.db_path.exists() else None
    result = expenses.check(conn, rules, fen, payee=payee, project=project)
    lines = check_lines(result, rules)
    if json_out:
        from zhili_cli.cli.output import emit_json

        data = result.as_dict()
        data["amount"] = fen_to_yuan(fen)
        data["bound"] = fen_to_yuan(result.alone.bound_fen) if result.alone.bound_fen is not None else None
        data["why"] = lines[1:]
        emit_json(data)
        return
    for line in lines:
        typer.echo(line)


def wide_table(title: str | None, columns: list[str], rows: list[tuple], keep: int = 1,
               drop: tuple[int, ...] = ()) -> None:
    """A rich table whose first `keep` columns (numbers, dates, amounts) never fold."""
    from zhili_cli.cli.output import table

    table(title, columns, rows, keep=keep, drop=drop)


def _render(row: dict[str, Any], json_out: bool, key: str = "expense.moved") -> None:
    from zhili_cli.services.expenses import public_row

    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(public_row(row))
    else:
        typer.echo(t(key, number=row["number"], status=t(f"expense.status.{row['status']}")))


@app.command("request", help=t("cmd.expense.request"))
def request(
    ctx: typer.Context,
    amount: str = typer.Option(..., "--amount", help=t("opt.amount")),
    payee: str = typer.Option(..., "--payee", help=t("opt.payee")),
    purpose: str = typer.Option(..., "--purpose", help=t("opt.purpose")),
    fund: str = typer.Option("public_revenue", "--fund", help=t("opt.fund"),
                                show_default=typed("fund", "public_revenue")),
    share: Optional[list[str]] = typer.Option(None, "--share", help=t("opt.share")),
    motion: Optional[str] = typer.Option(None, "--motion", help=t("opt.motion")),
    project: Optional[str] = typer.Option(None, "--project", help=t("opt.project_ref")),
    petition: Optional[str] = typer.Option(None, "--petition", help=t("opt.petition_ref")),
    emergency: Optional[str] = typer.Option(None, "--emergency", help=t("opt.emergency")),
    scope: Optional[list[str]] = typer.Option(None, "--scope", help=t("opt.expense_scope")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import format_yuan, parse_yuan
    from zhili_cli.services import expenses

    g = globals_of(ctx)
    fen = parse_yuan(amount)
    rules = g.rules_obj()
    with g.write("expense request") as tx:
        row = expenses.request(tx, rules, fund=fund, amount_fen=fen, payee=payee, purpose=purpose,
                               motion=motion, project=project, petition=petition, shares=share,
                               emergency=emergency, scope=scope)
    if json_out:
        _render(row, True)
        return
    typer.echo(t("expense.requested", number=row["number"], amount=format_yuan(row["amount_fen"]),
                 tier=t(f"body.{row['required_body']}")))
    if row["split_of"]:
        typer.echo(t("tier_split", days=rules.expenses.split_window_days,
                     total=format_yuan(row["split_total_fen"]), numbers=row["split_of"],
                     tier=t(f"tier.{row['tier']}")))


@app.command("approve", help=t("cmd.expense.approve"))
def approve(
    ctx: typer.Context,
    ref: str = REF,
    by: Optional[str] = typer.Option(None, "--by", help=t("opt.by")),
    body: Optional[str] = typer.Option(None, "--body", help=t("opt.body")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import expenses

    row = write(ctx, "expense approve",
                lambda tx, g: expenses.approve(tx, g.rules_obj(), ref, by=by or g.actor, body=body))
    _render(row, json_out)


@app.command("confirm", help=t("cmd.expense.confirm"))
def confirm(
    ctx: typer.Context,
    ref: str = REF,
    party: str = typer.Option(..., "--party", help=t("opt.confirmer")),
    by: Optional[str] = typer.Option(None, "--by", help=t("opt.by")),
    note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import expenses

    row = write(ctx, "expense confirm",
                lambda tx, g: expenses.confirm(tx, g.rules_obj(), ref, party=party, by=by, note=note))
    _render(row, json_out)


@app.command("pay", help=t("cmd.expense.pay"))
def pay(
    ctx: typer.Context,
    ref: str = REF,
    date: Optional[str] = typer.Option(None, "--date", help=t("opt.date")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.cli.ledger import day
    from zhili_cli.services import expenses

    row = write(ctx, "expense pay", lambda tx, g: expenses.pay(tx, g.rules_obj(), ref, on_date=day(date)))
    _render(row, json_out)


@app.command("reject", help=t("cmd.expense.reject"))
def reject(ctx: typer.Context, ref: str = REF,
           reason: str = typer.Option(..., "--reason", help=t("opt.reason")), json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import expenses

    row = write(ctx, "expense reject", lambda tx, g: expenses.reject(tx, ref, reason=reason))
    _render(row, json_out)


@app.command("cancel", help=t("cmd.expense.cancel"))
def cancel(ctx: typer.Context, ref: str = REF,
           reason: Optional[str] = typer.Option(None, "--reason", help=t("opt.reason")),
           json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import expenses

    row = write(ctx, "expense cancel", lambda tx, g: expenses.cancel(tx, ref, reason=reason))
    _render(row, json_out)


@app.command("list", help=t("cmd.expense.list"))
def list_(
    ctx: typer.Context,
    status: Optional[str] = typer.Option(None, "--status", help=t("opt.expense_status")),
    fund: Optional[str] = typer.Option(None, "--fund", help=t("opt.fund_filter")),
    limit: int = typer.Option(0, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = JSON,
    out: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain import expenses as domain
    from zhili_cli.domain.money import format_yuan
    from zhili_cli.services import expenses
    from zhili_cli.services.expenses import public_row

    g = globals_of(ctx)
    from zhili_cli.domain import vocab

    status = vocab.parse("expense_status", status, usage=True) if status else None
    rows = expenses.list_rows(g.conn(), status=status, fund=domain.fund(fund) if fund else None, limit=limit or None)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json([public_row(r) for r in rows])
        return
    body = lambda v: t(f"body.{v}")  # noqa: E731
    listing.out_or(ctx, out, force, wide_table,
                   [{k: v for k, v in public_row(r).items() if k != "amount_fen"} for r in rows],
                   {"fund": lambda v: t(f"fund.{v}"), "tier": body, "required_body": body,
                    "status": lambda v: t(f"expense.status.{v}"), "emergency": lambda v: t(f"emergency.{v}")},
                   {"number": t("col.e_number"), "fund": t("col.e_fund"),
                    "payee": t("col.e_payee"), "purpose": t("col.e_purpose"), "tier": t("col.e_tier"),
                    "status": t("col.e_status"), "amount": t("col.e_amount")})(t("expenses_title"),
               [t("col.e_number"), t("col.e_date"), t("col.e_amount"), t("col.e_tier"), t("col.e_status"),
                t("col.e_purpose")],
               [(r["number"], r["requested_at"][:10], format_yuan(r["amount_fen"]),
                 t(f"body.{r['required_body']}") if r["fund"] != "maintenance_fund" else t("tier.maintenance_fund"),
                t(f"expense.status.{r['status']}"),
                 t("expense.list_item", purpose=r["purpose"], fund=t(f"fund.{r['fund']}"), payee=r["payee"]))
                for r in rows], keep=3, drop=(3, 1))


@app.command("show", help=t("cmd.expense.show"))
def show(ctx: typer.Context, ref: str = REF, json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.expense_show import render
    from zhili_cli.services.expense_detail import detail

    g = globals_of(ctx)
    render(detail(g.conn(), ref), json_out)


@app.command("amend", help=t("cmd.expense.amend"))
def amend(
    ctx: typer.Context,
    ref: str = REF,
    reason: str = typer.Option(..., "--reason", help=t("opt.reason")),
    amount: Optional[str] = typer.Option(None, "--amount", help=t("opt.amount")),
    payee: Optional[str] = typer.Option(None, "--payee", help=t("opt.payee")),
    purpose: Optional[str] = typer.Option(None, "--purpose", help=t("opt.purpose")),
    fund: Optional[str] = typer.Option(None, "--fund", help=t("opt.fund")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import parse_yuan
    from zhili_cli.services.expense_amend import amend as amend_expense

    g = globals_of(ctx)
    fen = parse_yuan(amount) if amount is not None else None
    with g.write("expense amend") as tx:
        row = amend_expense(tx, g.rules_obj(), ref, reason=reason, amount_fen=fen, payee=payee, purpose=purpose,
                            fund=fund)
    if json_out:
        from zhili_cli.cli.output import emit_json
        from zhili_cli.services.expenses import public_row

        emit_json({**public_row(row), "voided_approvals": row["voided_approvals"]})
        return
    typer.echo(t("expense.amended", number=row["number"], body=t(f"body.{row['required_body']}"),
                 voided=row["voided_approvals"]))


@app.command("import", help=t("cmd.expense.import"))
def import_(
    ctx: typer.Context,
    file: Path = imports.FILE,
    fund: str = typer.Option("public_revenue", "--fund", help=t("opt.fund"),
                                show_default=typed("fund", "public_revenue")),
    encoding: Optional[str] = imports.ENCODING,
    sheet: Optional[str] = imports.SHEET,
    map_: Optional[list[str]] = imports.MAP,
    dry_run: bool = imports.DRY_RUN,
    quiet: bool = imports.QUIET,
    json_out: bool = JSON,
) -> None:
    from zhili_cli.services import expense_import

    imports.run(ctx, "expense import", file, map_,
                lambda tx, g, **kw: expense_import.import_file(tx, g.rules_obj(), file, fund=fund,
                                                               encoding=encoding, sheet=sheet, **kw),
                dry_run=dry_run, quiet=quiet, json_out=json_out)
