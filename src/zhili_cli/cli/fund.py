"""zhili fund: the maintenance fund procedure (住宅专项维修资金) and sharing costs by area."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from zhili_cli.i18n import t

app = typer.Typer(help=t("cmd.fund"), no_args_is_help=True, add_completion=False)

JSON = typer.Option(False, "--json", help=t("opt.json"))


def _area(x100: int) -> str:
    return f"{x100 // 100}.{x100 % 100:02d}"


@app.command("allocate", help=t("cmd.fund.allocate"))
def allocate(
    ctx: typer.Context,
    amount: str = typer.Option(..., "--amount", help=t("opt.amount")),
    building: Optional[str] = typer.Option(None, "--building", help=t("opt.building")),
    rooms: Optional[Path] = typer.Option(None, "--rooms", help=t("opt.rooms")),
    by: str = typer.Option("area", "--by", help=t("opt.by_area")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.domain.money import fen_to_yuan, format_yuan, parse_yuan
    from zhili_cli.errors import UserError
    from zhili_cli.services import allocation

    g = globals_of(ctx)
    if by.strip().lower() not in ("area", "面积"):
        raise UserError("alloc.only_area")
    fen = parse_yuan(amount)
    result = allocation.share(g.conn(), fen, building=building, rooms=rooms)
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json({"amount": fen_to_yuan(fen), **result,
                   "shares": [{**s, "area": _area(s["area_x100"]), "share": fen_to_yuan(s["share_fen"])}
                              for s in result["shares"]]})
        return
    from zhili_cli.cli.output import table

    table(t("alloc.title", amount=format_yuan(fen)),
          [t("col.a_building"), t("col.a_unit"), t("col.a_room"), t("col.a_area"), t("col.a_share")],
          [(s["building"], s["unit"], s["room"], _area(s["area_x100"]), format_yuan(s["share_fen"]))
           for s in result["shares"]])
    typer.echo(t("alloc.total", count=result["households"], area=_area(result["area_x100"]),
                 amount=format_yuan(sum(s["share_fen"] for s in result["shares"]))))


@app.command("procedure", help=t("cmd.fund.procedure"))
def procedure(ctx: typer.Context, ref: str = typer.Argument(..., help=t("arg.expense")), json_out: bool = JSON) -> None:
    from zhili_cli.cli.context import globals_of
    from zhili_cli.services import expenses

    g = globals_of(ctx)
    data = expenses.procedure(g.conn(), g.rules_obj(), ref)
    _show_procedure(data, json_out)


def _show_procedure(data: dict, json_out: bool) -> None:
    if json_out:
        from zhili_cli.cli.output import emit_json

        emit_json(data)
        return
    from zhili_cli.cli.output import table

    table(t("fund.procedure_title", number=data["number"], applicant=t(f"body.{data['applicant']}")),
          [t("col.f_step"), t("col.f_done"), t("col.f_by"), t("col.f_note")],
          [(t(f"step.{s['step']}"), (s["at"] or "")[:10] if s["done"] else "—", s["by"] or "", _note(s["note"]))
           for s in data["steps"]])


def _note(note: str | None) -> str:
    if note in ("subdistrict", "residents_committee"):
        return t(f"body.{note}")
    return note or ""


@app.command("step", help=t("cmd.fund.step"))
def step(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help=t("arg.expense")),
    name: str = typer.Argument(..., help=t("arg.fund_step")),
    note: Optional[str] = typer.Option(None, "--note", help=t("opt.note")),
    json_out: bool = JSON,
) -> None:
    from zhili_cli.cli.context import write
    from zhili_cli.services import expenses

    data = write(ctx, "fund step", lambda tx, g: expenses.step(tx, g.rules_obj(), ref, name, note=note))
    _show_procedure(data, json_out)
