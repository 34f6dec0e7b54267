"""zhili ledger: income, opening balances, balances per fund (阳光账本)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhili_cli.cli import imports
from zhili_cli.cli import listing
from zhili_cli.domain.vocab import typed  # a default as help shows it: the word people type
from zhili_cli.i18n import t


app = typer.Typer(help=t("cmd.ledger"), no_args_is_help=True, add_completion=False)
income_app = typer.Typer(help=t("cmd.ledger.income"), no_args_is_help=True, add_completion=False)
app.add_typer(income_app, name="income")

JSON = typer.Option(False, "--json", help=t("opt.json"))


def day(text: str | None) -> str | None:
    """A date typed by the user → YYYY-MM-DD."""
    from zhili_cli.clock import user_date

    value = user_date(text)
    return value.isoformat() if value else None


@income_app.command("add", help=t("cmd.ledger.income.add"))
def income_add(
    ctx: typer.Context,
    amount: Optional[str] = typer.Option(None, "--amount", help=t("opt.amount_or_share")),
    source: str = typer.Option(..., "--source", help=t("opt.source_income")),
    gross: Optional[str] = typer.Option(None, "--gross", help=t("opt.gross")),
    fund: str = typer.Option("public_revenue", "--fund", help=t("opt.fund"),
                                show_default=typed("fund", "public_revenue")),
    date: Optional[str] = typer.Option(None, "--date", help=t("opt.date")),
    period: Optional[str] = typer.Option(None, "--period", help=t("opt.period")),
    note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import fen_to_yuan, format_yuan, parse_yuan
    from zhili_cli.services import ledger

    g = globals_of(ctx)
    fen = parse_yuan(amount) if amount is not None else None
    gross_fen = parse_yuan(gross) if gross is not None else None
    rules = g.rules_obj() if gross_fen is not None else None
    with g.write("ledger income add") as tx:
        row = ledger.income(tx, source=source, amount_fen=fen, fund=fund, on_date=day(date), period=period,
                            note=note, gross_fen=gross_fen, rules=rules)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({**row, "amount": fen_to_yuan(row["amount_fen"])})
        return
    typer.echo(t("ledger.income_added", amount=format_yuan(row["amount_fen"]), fund=t(f"fund.{row['fund']}"),
                 source=t(f"source.{row['source']}")) + " " + t("ledger.entry_no", entry=row["entry"]))
    if gross_fen is not None:
        typer.echo(t("ledger.share_line", gross=format_yuan(gross_fen), ratio=row["share_ratio"],
                     amount=format_yuan(row["amount_fen"])))


@app.command("reverse", help=t("cmd.ledger.reverse"))
def reverse(
    ctx: typer.Context,
    entry: str = typer.Argument(..., help=t("arg.ledger_entry")),
    reason: str = typer.Option(..., "--reason", help=t("opt.reason")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.domain.money import format_yuan
    from zhili_cli.services import ledger

    row = write(ctx, "ledger reverse", lambda tx, g: ledger.reverse(tx, entry, reason=reason))
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(row)
        return
    typer.echo(t("ledger.reversed", entry=row["entry"], original=row["reverses"], amount=format_yuan(row["amount_fen"]),
                 fund=t(f"fund.{row['fund']}"), date=row["on_date"]))


@income_app.command("import", help=t("cmd.ledger.income.import"))
def income_import(
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
    from zhili_cli.services import ledger_import

    imports.run(ctx, "ledger income import", file, map_,
                lambda tx, g, **kw: ledger_import.import_file(tx, file, fund=fund, encoding=encoding, sheet=sheet,
                                                              **kw),
                dry_run=dry_run, quiet=quiet, json_out=json_out)


@app.command("opening", help=t("cmd.ledger.opening"))
def opening(
    ctx: typer.Context,
    amount: str = typer.Option(..., "--amount", help=t("opt.amount")),
    fund: str = typer.Option("public_revenue", "--fund", help=t("opt.fund"),
                                show_default=typed("fund", "public_revenue")),
    date: Optional[str] = typer.Option(None, "--date", help=t("opt.date")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import fen_to_yuan, format_yuan, parse_yuan
    from zhili_cli.services import ledger

    g = globals_of(ctx)
    fen = parse_yuan(amount)
    with g.write("ledger opening") as tx:
        row = ledger.opening(tx, fund=fund, amount_fen=fen, on_date=day(date))
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({**row, "amount": fen_to_yuan(fen)})
        return
    typer.echo(t("ledger.opening_added", fund=t(f"fund.{row['fund']}"), amount=format_yuan(fen)))


@app.command("balance", help=t("cmd.ledger.balance"))
def balance(
    ctx: typer.Context,
    until: Optional[str] = typer.Option(None, "--to", help=t("opt.to")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import format_yuan
    from zhili_cli.services import ledger

    g = globals_of(ctx)
    rows = ledger.balances(g.conn(), day(until))
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({r["fund"]: r for r in rows})
        return
    from zhili_cli.cli.output import table

    table(t("ledger.balance_title"),
          [t("col.b_fund"), t("col.b_opening"), t("col.b_income"), t("col.b_spent"), t("col.b_balance")],
          [(t(f"fund.{r['fund']}"), format_yuan(r["opening_fen"]), format_yuan(r["income_fen"]),
            format_yuan(r["spent_fen"]), format_yuan(r["balance_fen"])) for r in rows])


@app.command("list", help=t("cmd.ledger.list"))
def list_(
    ctx: typer.Context,
    fund: Optional[str] = typer.Option(None, "--fund", help=t("opt.fund_filter")),
    date_from: Optional[str] = typer.Option(None, "--from", help=t("opt.from")),
    date_to: Optional[str] = typer.Option(None, "--to", help=t("opt.to")),
    limit: int = typer.Option(0, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = JSON,
    out: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import format_yuan
    from zhili_cli.services import ledger

    g = globals_of(ctx)
    rows = ledger.entries(g.conn(), fund=fund, date_from=day(date_from), date_to=day(date_to), limit=limit or None)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(rows)
        return

    def what(r: dict) -> str:
        if r["kind"] == "expense":
            text = r["purpose"] or r["note"] or ""
        elif r["source"]:
            label = t(f"source.{r['source']}")
            text = f"{label} {r['note']}" if r["note"] and not r["reverses"] else label
        else:
            text = r["note"] or ""
        if r["gross_fen"] is not None:
            text += " " + t("ledger.share_note", gross=format_yuan(r["gross_fen"]), ratio=r["share_ratio"])
        if r["reverses"]:
            text = t("ledger.reversal_note", original=r["reverses"], reason=r["reversal_reason"] or "") + " " + text
        if r["reversed_by"]:
            text += " " + t("ledger.reversed_note", by=r["reversed_by"])
        return text

    from zhili_cli.cli.expense import wide_table

    listing.out_or(ctx, out, force, wide_table,
                   [{k: v for k, v in r.items() if k not in ("id", "amount_fen")} for r in rows],
                   {"fund": lambda v: t(f"fund.{v}"), "kind": lambda v: t(f"sheet.ledger_kind.{v}"),
                    "source": lambda v: t(f"source.{v}"), "tier": lambda v: t(f"body.{v}")},
                   {"entry": t("col.l_entry"), "fund": t("col.l_fund"), "kind": t("col.l_kind"),
                    "on_date": t("col.l_date"), "period": t("col.l_period"), "expense": t("col.l_ref"),
                    "amount": t("col.e_amount"), "source": t("col.l_source")})(t("ledger.title"),
               [t("col.l_entry"), t("col.l_date"), t("col.l_fund"), t("col.l_in"), t("col.l_out"), t("col.l_ref"),
                t("col.l_source")],
               [(r["entry"], r["on_date"], t(f"fund.{r['fund']}"),
                 format_yuan(r["amount_fen"]) if r["kind"] != "expense" else "",
                 format_yuan(r["amount_fen"]) if r["kind"] == "expense" else "", r["expense"] or "", what(r))
                for r in rows], keep=6, drop=(5, 0))
