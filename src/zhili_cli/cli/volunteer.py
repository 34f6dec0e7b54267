"""zhili volunteer add|redeem|balance|list: volunteer service hours and points."""

from __future__ import annotations

from typing import Optional

import typer

from zhili_cli.cli import listing
from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.volunteer"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))
NAME = typer.Argument(..., help=t("arg.volunteer"))


def _done(row: dict, json_out: bool, rules) -> None:
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(row)
        return
    key = "volunteer_added" if row["kind"] == "service" else "volunteer_redeemed"
    typer.echo(t(key, name=row["name"], hours=row["hours"], points=abs(row["points"]), balance=row["balance"],
                 currency=rules.volunteer.currency))


@app.command("add", help=t("cmd.volunteer.add"))
def add(
    ctx: typer.Context,
    name: str = NAME,
    hours: str = typer.Option(..., "--hours", help=t("opt.volunteer_hours")),
    activity: str = typer.Option(..., "--activity", help=t("opt.volunteer_activity")),
    on: Optional[str] = typer.Option(None, "--date", help=t("opt.volunteer_date")),
    points: Optional[int] = typer.Option(None, "--points", min=0, help=t("opt.volunteer_points")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.clock import user_date
    from zhili_cli.services import volunteers

    g = globals_of(ctx)
    with g.write("volunteer add") as tx:
        row = volunteers.add(tx, g.rules_obj(), name, hours=hours, activity=activity, on=user_date(on), points=points)
    _done(row, json_out, g.rules_obj())


@app.command("redeem", help=t("cmd.volunteer.redeem"))
def redeem(
    ctx: typer.Context,
    name: str = NAME,
    points: int = typer.Option(..., "--points", min=1, help=t("opt.volunteer_redeem_points")),
    for_: str = typer.Option(..., "--for", help=t("opt.volunteer_for")),
    on: Optional[str] = typer.Option(None, "--date", help=t("opt.volunteer_date")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.clock import user_date
    from zhili_cli.services import volunteers

    g = globals_of(ctx)
    with g.write("volunteer redeem") as tx:
        row = volunteers.redeem(tx, name, points=points, for_=for_, on=user_date(on))
    _done(row, json_out, g.rules_obj())


@app.command("balance", help=t("cmd.volunteer.balance"))
def balance(
    ctx: typer.Context,
    json_out: bool = JSON,
    out: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, table
    from zhili_cli.services import volunteers

    g = globals_of(ctx)
    rows = volunteers.balances(g.conn())
    if json_out:
        emit_json(rows)
        return
    listing.out_or(ctx, out, force, table, rows, None,
                   {"name": t("col.name"), "hours": t("col.v_hours"), "earned": t("col.v_earned"),
                    "redeemed": t("col.v_redeemed"), "balance": t("col.v_balance"), "last_date": t("col.v_last")})(
        t("volunteer_balance_title", currency=g.rules_obj().volunteer.currency),
        [t("col.name"), t("col.v_hours"), t("col.v_earned"), t("col.v_redeemed"), t("col.v_balance"),
         t("col.v_last")],
        [(r["name"], r["hours"], r["earned"], r["redeemed"], r["balance"], r["last_date"]) for r in rows], drop=(5, 1))


@app.command("list", help=t("cmd.volunteer.list"))
def list_(
    ctx: typer.Context,
    name: Optional[str] = typer.Option(None, "--name", help=t("opt.volunteer_name")),
    month: Optional[str] = typer.Option(None, "--month", help=t("opt.month")),
    limit: int = typer.Option(100, "--limit", min=0, help=t("opt.limit")),
    json_out: bool = JSON,
    out: Optional[str] = listing.OUT,
    force: bool = listing.FORCE,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.cli.output import emit_json, table
    from zhili_cli.cli.petition import _month
    from zhili_cli.services import volunteers

    g = globals_of(ctx)
    rows, total = listing.page(lambda n: volunteers.entries(g.conn(), name, _month(month), n),
                               listing.limit_for(ctx, out, limit))
    if json_out:
        emit_json(rows)
        listing.note_cut(len(rows), total)
        return
    listing.out_or(ctx, out, force, table, rows, {"kind": lambda v: t(f"volunteer.{v}")},
                   {"name": t("col.name"), "date": t("col.date"), "kind": t("col.v_kind"), "hours": t("col.v_hours"),
                    "activity": t("col.v_activity"), "points": t("col.v_points")})(
        t("volunteer_list_title"),
        [t("col.date"), t("col.name"), t("col.v_kind"), t("col.v_hours"), t("col.v_activity"), t("col.v_points")],
        [(r["date"], r["name"], t(f"volunteer.{r['kind']}"), r["hours"] if r["kind"] == "service" else "",
          r["activity"], r["points"]) for r in rows], drop=(2, 5))
    listing.note_cut(len(rows), total)
